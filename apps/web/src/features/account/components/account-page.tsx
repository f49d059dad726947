import { Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/lib/auth';
import { ChangePasswordForm } from './change-password-form';
import { SessionsTable } from './sessions-table';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('account.title')}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('users.username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.displayName')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('overview.orgUnit')}>{me.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('overview.roles')}>
            {me.roles.map((r) => (
              <Tag key={r}>{t(`roles.${r}`)}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('account.changePassword')}>
        <ChangePasswordForm />
      </Card>
      <Card title={t('account.sessions')}>
        <SessionsTable />
      </Card>
    </Space>
  );
}
