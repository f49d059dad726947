import { useMemo } from 'react';
import { Empty, Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import type { TOrgUnit } from '@loopdesk/core';
import { buildOrgTree, type OrgNode } from '@/lib/org-units';

interface Props {
  units: readonly TOrgUnit[];
  selectedId: string | undefined;
  onSelect: (id: string | undefined) => void;
}

const KIND_COLORS: Record<TOrgUnit['kind'], string> = {
  head_office: 'red',
  branch: 'volcano',
  sub_branch: 'orange',
  outlet: 'gold',
  department: 'blue',
};

export function OrgTree({ units, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const treeData = useMemo(() => {
    const toNode = (node: OrgNode): DataNode => ({
      key: node.unit.id,
      title: (
        <Space size={4}>
          <span>{node.unit.name}</span>
          <Tag color={KIND_COLORS[node.unit.kind]} style={{ marginInlineEnd: 0 }}>
            {t(`orgKind.${node.unit.kind}`)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {node.unit.code}
          </Typography.Text>
        </Space>
      ),
      children: node.children.map(toNode),
    });
    return buildOrgTree(units).map(toNode);
  }, [units, t]);

  if (units.length === 0) return <Empty description={t('org.empty')} />;
  return (
    <div id="org-tree">
      <Tree
        blockNode
        defaultExpandAll
        showLine
        treeData={treeData}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
      />
    </div>
  );
}
