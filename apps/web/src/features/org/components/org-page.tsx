import { useState } from 'react';
import { Button, Card, Col, Empty, Row } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCan } from '@/lib/auth';
import { useOrgUnits } from '@/lib/org-units';
import { AddChildModal } from './add-child-modal';
import { EditUnitModal } from './edit-unit-modal';
import { MoveUnitModal } from './move-unit-modal';
import { OrgTree } from './org-tree';
import { OrgUnitDetails, type OrgAction } from './org-unit-details';

/** 组织机构: the tree on the left, the selected unit and its actions on the right. */
export function OrgPage() {
  const { t } = useTranslation();
  const canManage = useCan('org.manage');
  const { data: units = [], isLoading, refetch, isFetching } = useOrgUnits();
  const [selectedId, setSelectedId] = useState<string>();
  const [action, setAction] = useState<OrgAction>();
  const selected = units.find((u) => u.id === selectedId);
  const parent = selected?.parentId ? units.find((u) => u.id === selected.parentId) : undefined;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card
          title={t('org.tree')}
          loading={isLoading}
          extra={
            <Button icon={<ReloadOutlined />} loading={isFetching} onClick={() => void refetch()}>
              {t('common.refresh')}
            </Button>
          }
        >
          <OrgTree units={units} selectedId={selectedId} onSelect={setSelectedId} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('org.details')}>
          {selected ? (
            <OrgUnitDetails unit={selected} parent={parent} canManage={canManage} onAction={setAction} />
          ) : (
            <Empty description={t('org.selectHint')} />
          )}
        </Card>
      </Col>
      {selected && action === 'add' && (
        <AddChildModal
          parent={selected}
          onClose={(createdId) => {
            setAction(undefined);
            if (createdId) setSelectedId(createdId);
          }}
        />
      )}
      {selected && action === 'edit' && <EditUnitModal unit={selected} onClose={() => setAction(undefined)} />}
      {selected && action === 'move' && (
        <MoveUnitModal unit={selected} units={units} onClose={() => setAction(undefined)} />
      )}
    </Row>
  );
}
