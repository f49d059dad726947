import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordProblems } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { applyFieldErrors, errorMessage } from '@/lib/errors';
import { useChangePassword } from '../api';
import { PasswordRules } from './password-rules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Current password, new password (rules shown live) and its confirmation. */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const change = useChangePassword();

  const submit = ({ currentPassword, newPassword: next }: Values) =>
    change.mutate(
      { currentPassword, newPassword: next },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('account.passwordChanged'));
          onChanged?.();
        },
        onError: (error) => {
          if (applyFieldErrors(form, error)) return;
          if (isApiError(error) && error.code === 'invalid_credentials') {
            form.setFields([{ name: 'currentPassword', errors: [errorMessage(error)] }]);
          } else if (isApiError(error) && error.code === 'weak_password') {
            form.setFields([{ name: 'newPassword', errors: [errorMessage(error)] }]);
          }
        },
      },
    );

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }} name="change-password">
      <Form.Item
        label={t('account.currentPassword')}
        name="currentPassword"
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label={t('account.newPassword')}
        name="newPassword"
        extra={<PasswordRules password={newPassword} />}
        rules={[
          { required: true, message: t('common.required') },
          {
            validator: (_r, value: string | undefined) =>
              value && passwordProblems(value).length > 0
                ? Promise.reject(new Error(t('errors.weak_password')))
                : Promise.resolve(),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('account.confirmPassword')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_r, value: string | undefined) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('account.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('account.changePassword')}
      </Button>
    </Form>
  );
}
