import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TOrgUnit } from '@loopdesk/core';
import { buildOrgTree, useOrgUnits, type OrgNode } from '@/lib/org-units';

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Units that may not be picked (shown greyed out). */
  isDisabled?: (unit: TOrgUnit) => boolean;
  style?: CSSProperties;
}

/** Picks one org unit from the institution's tree; usable directly as a Form.Item child. */
export function OrgUnitTreeSelect({ id, value, onChange, placeholder, allowClear, isDisabled, style }: Props) {
  const { t } = useTranslation();
  const { data: units = [], isLoading } = useOrgUnits();
  const treeData = useMemo(() => {
    const toOption = (node: OrgNode): TreeOption => ({
      value: node.unit.id,
      title: `${node.unit.name} · ${t(`orgKind.${node.unit.kind}`)}`,
      disabled: isDisabled?.(node.unit) ?? false,
      children: node.children.map(toOption),
    });
    return buildOrgTree(units).map(toOption);
  }, [units, isDisabled, t]);

  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      loading={isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      style={style ?? { width: '100%' }}
    />
  );
}
