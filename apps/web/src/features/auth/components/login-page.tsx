import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { TLoginRequest } from '@loopdesk/core';
import { LanguageSwitch } from '@/components/language-switch';
import { useMeQuery } from '@/lib/auth';
import { applyFieldErrors } from '@/lib/errors';
import { useLogin } from '../api';

const FORCED_PASSWORD_PATH = '/account/password';

function redirectTarget(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && !state.from.startsWith('/login') ? state.from : '/';
  }
  return '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<TLoginRequest>();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMeQuery();
  const login = useLogin();

  if (me && !login.isPending) {
    return <Navigate to={me.mustChangePassword ? FORCED_PASSWORD_PATH : redirectTarget(location.state)} replace />;
  }

  const submit = (values: TLoginRequest) =>
    login.mutate(values, {
      onSuccess: (user) =>
        void navigate(user.mustChangePassword ? FORCED_PASSWORD_PATH : redirectTarget(location.state), {
          replace: true,
        }),
      onError: (error) => applyFieldErrors(form, error),
    });

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('app.title')} · {t('login.subtitle')}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} name="login">
          <Form.Item
            label={t('login.username')}
            name="username"
            htmlFor="login-username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input id="login-username" prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            htmlFor="login-password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password id="login-password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button id="login-submit" type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
