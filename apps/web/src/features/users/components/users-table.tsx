import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { offsetPagination, type OffsetPage } from '@/lib/pagination';
import type { TUser } from '@loopdesk/core';
import { formatDateTime } from '@/lib/format';

interface Props {
  users: TUser[];
  total: number;
  loading: boolean;
  page: OffsetPage;
  onPage: (page: OffsetPage) => void;
  orgName: (id: string) => string;
  canManage: boolean;
  onEdit: (user: TUser) => void;
  onResetPassword: (user: TUser) => void;
  onUnlock: (user: TUser) => void;
}

export function UsersTable(props: Props) {
  const { t } = useTranslation();
  const { users, total, loading, page, onPage, orgName, canManage } = props;
  return (
    <Table<TUser>
      id="users-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={users}
      scroll={{ x: 1100 }}
      pagination={offsetPagination(page, total, onPage)}
      columns={[
        { title: t('users.username'), dataIndex: 'username', fixed: 'start' },
        { title: t('users.displayName'), dataIndex: 'displayName' },
        { title: t('users.email'), dataIndex: 'email', render: (v: string | null) => v ?? t('common.none') },
        { title: t('users.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? t('common.none') },
        {
          title: t('users.roles'),
          dataIndex: 'roles',
          render: (roles: TUser['roles']) => roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>),
        },
        { title: t('users.orgUnit'), dataIndex: 'orgUnitId', render: (id: string) => orgName(id) },
        {
          title: t('users.status'),
          key: 'status',
          render: (_v, u) => (
            <Space size={2} wrap>
              <Tag color={u.status === 'active' ? 'green' : 'default'}>{t(`userStatus.${u.status}`)}</Tag>
              {u.locked && <Tag color="red">{t('users.locked')}</Tag>}
              {u.mustChangePassword && <Tag color="orange">{t('users.mustChangePassword')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('users.lastLoginAt'),
          dataIndex: 'lastLoginAt',
          render: (v: string | null) => (v ? formatDateTime(v) : t('users.never')),
        },
        ...(canManage
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                fixed: 'end' as const,
                render: (_v: unknown, u: TUser) => (
                  <Space size={0} wrap>
                    <Button type="link" size="small" onClick={() => props.onEdit(u)}>
                      {t('common.edit')}
                    </Button>
                    <Popconfirm title={t('users.resetConfirm')} onConfirm={() => props.onResetPassword(u)}>
                      <Button type="link" size="small">
                        {t('users.resetPassword')}
                      </Button>
                    </Popconfirm>
                    {u.locked && (
                      <Button type="link" size="small" onClick={() => props.onUnlock(u)}>
                        {t('users.unlock')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
