import { Button, Descriptions, Space, Tooltip } from 'antd';
import { DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ALLOWED_CHILD_KINDS, type TOrgUnit } from '@loopdesk/core';

export type OrgAction = 'add' | 'edit' | 'move';

interface Props {
  unit: TOrgUnit;
  parent: TOrgUnit | undefined;
  canManage: boolean;
  onAction: (action: OrgAction) => void;
}

export function OrgUnitDetails({ unit, parent, canManage, onAction }: Props) {
  const { t } = useTranslation();
  const canHaveChildren = ALLOWED_CHILD_KINDS[unit.kind].length > 0;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('org.name')}>{unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>{unit.code}</Descriptions.Item>
        <Descriptions.Item label={t('org.kind')}>{t(`orgKind.${unit.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('org.depth')}>{unit.depth}</Descriptions.Item>
        <Descriptions.Item label={t('org.parent')}>{parent?.name ?? t('common.none')}</Descriptions.Item>
      </Descriptions>
      {canManage && (
        <Space wrap>
          <Tooltip title={canHaveChildren ? undefined : t('org.noChildKinds')}>
            <Button icon={<PlusOutlined />} disabled={!canHaveChildren} onClick={() => onAction('add')}>
              {t('org.addChild')}
            </Button>
          </Tooltip>
          <Button icon={<EditOutlined />} onClick={() => onAction('edit')}>
            {t('org.editUnit')}
          </Button>
          <Button icon={<DragOutlined />} disabled={!unit.parentId} onClick={() => onAction('move')}>
            {t('org.move')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
