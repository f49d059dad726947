import { App, Button, Popconfirm, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TSessionInfo } from '@loopdesk/core';
import { formatDateTime } from '@/lib/format';
import { useRevokeSession, useSessions } from '../api';

/** The user's own sessions; every session but this one can be signed out. */
export function SessionsTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data = [], isLoading } = useSessions();
  const revoke = useRevokeSession();

  return (
    <Table<TSessionInfo>
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={data}
      pagination={false}
      scroll={{ x: true }}
      columns={[
        { title: t('account.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { title: t('account.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => formatDateTime(v) },
        { title: t('account.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatDateTime(v) },
        { title: t('account.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? t('common.none') },
        {
          title: t('account.userAgent'),
          dataIndex: 'userAgent',
          ellipsis: true,
          render: (v: string | null) => v ?? t('common.none'),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_v, s) =>
            s.current ? (
              <Tag color="green">{t('account.current')}</Tag>
            ) : (
              <Popconfirm
                title={t('account.revokeConfirm')}
                onConfirm={() =>
                  revoke.mutate(s.id, { onSuccess: () => void message.success(t('account.revoked')) })
                }
              >
                <Button size="small" danger>
                  {t('account.revoke')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
