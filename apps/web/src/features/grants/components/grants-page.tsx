import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Popconfirm, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TGrant } from '@loopdesk/core';
import { OrgUnitTreeSelect } from '@/components/org-unit-tree-select';
import { UserSelect } from '@/components/user-select';
import { useCan } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useOrgUnits } from '@/lib/org-units';
import { useUserLookup } from '@/lib/users-lookup';
import { useGrants, useRevokeGrant, type GrantFilters } from '../api';
import { CreateGrantModal } from './create-grant-modal';
import { GrantStatus, grantState } from './grant-status';

/** 授权管理: single-object grants, with who granted them, why and until when. */
export function GrantsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('grants.manage');
  const canReadUsers = useCan('users.read');
  const [filters, setFilters] = useState<GrantFilters>({ includeRevoked: false });
  const [creating, setCreating] = useState(false);
  const { data: grants = [], isFetching } = useGrants(filters);
  const { data: units = [] } = useOrgUnits();
  const { data: users = [] } = useUserLookup('', canReadUsers);
  const revoke = useRevokeGrant();

  const userName = (id: string) => {
    const u = users.find((x) => x.id === id);
    return u ? `${u.displayName} (${u.username})` : <Typography.Text code>{id.slice(0, 8)}</Typography.Text>;
  };
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id.slice(0, 8);

  return (
    <Card
      title={t('grants.title')}
      extra={
        canManage && (
          <Button id="grants-create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('grants.create')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Space wrap>
          <UserSelect
            allowClear
            placeholder={t('grants.user')}
            value={filters.userId}
            onChange={(userId) => setFilters((f) => ({ ...f, userId }))}
            style={{ width: 240 }}
          />
          <OrgUnitTreeSelect
            allowClear
            placeholder={t('grants.object')}
            value={filters.objectId}
            onChange={(objectId) => setFilters((f) => ({ ...f, objectId }))}
            style={{ width: 240 }}
          />
          <Checkbox
            checked={filters.includeRevoked}
            onChange={(e) => setFilters((f) => ({ ...f, includeRevoked: e.target.checked }))}
          >
            {t('grants.includeRevoked')}
          </Checkbox>
        </Space>
        <Table<TGrant>
          id="grants-table"
          rowKey="id"
          loading={isFetching}
          dataSource={grants}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('grants.user'), dataIndex: 'userId', render: (id: string) => userName(id) },
            {
              title: t('grants.object'),
              key: 'object',
              render: (_v, g) => `${t(`objectType.${g.objectType}`)} · ${unitName(g.objectId)}`,
            },
            { title: t('grants.purpose'), dataIndex: 'purpose', render: (p: TGrant['purpose']) => t(`grantPurpose.${p}`) },
            { title: t('grants.reason'), dataIndex: 'reason', ellipsis: true },
            { title: t('grants.grantedBy'), dataIndex: 'grantedBy', render: (id: string) => userName(id) },
            { title: t('grants.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('grants.expiresAt'),
              dataIndex: 'expiresAt',
              render: (v: string | null) => (v ? formatDateTime(v) : t('grants.neverExpires')),
            },
            { title: t('grants.status'), key: 'status', render: (_v, g) => <GrantStatus grant={g} /> },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_v: unknown, g: TGrant) =>
                      grantState(g) !== 'revoked' && (
                        <Popconfirm
                          title={t('grants.revokeConfirm')}
                          onConfirm={() =>
                            revoke.mutate(g.id, { onSuccess: () => void message.success(t('grants.revokedOk')) })
                          }
                        >
                          <Button type="link" size="small" danger>
                            {t('grants.revoke')}
                          </Button>
                        </Popconfirm>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Flex>
      {creating && <CreateGrantModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
