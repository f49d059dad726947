import { Alert, Button, Card, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { useCurrentUser, useLogout } from '@/lib/auth';
import { ChangePasswordForm } from './change-password-form';

/** Shown instead of the console until a one-time password has been replaced. */
export function ForcedPasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: 24 }}>
      <Card style={{ width: 520, maxWidth: '100%', alignSelf: 'flex-start', marginTop: '8vh' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
          <Typography.Text strong>{me.institutionName}</Typography.Text>
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={4}>{t('account.forcedTitle')}</Typography.Title>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {me.mustChangePassword ? (
            <Alert type="warning" showIcon title={t('account.forcedHint')} />
          ) : (
            <Button type="link" onClick={() => void navigate('/')} style={{ padding: 0 }}>
              {t('account.continue')}
            </Button>
          )}
          <ChangePasswordForm onChanged={() => void navigate('/', { replace: true })} />
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
          >
            {t('nav.logout')}
          </Button>
        </Space>
      </Card>
    </Flex>
  );
}
