import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, USER_STATUSES, type Role, type TUser } from '@loopdesk/core';
import { OrgUnitTreeSelect } from '@/components/org-unit-tree-select';
import { applyFieldErrors } from '@/lib/errors';
import { useCreateUser, useUpdateUser } from '../api';

interface Values {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  roles: Role[];
  orgUnitId: string;
  status: TUser['status'];
}

interface Props {
  /** The user to edit; none to create one. */
  user?: TUser;
  onClose: () => void;
  /** After a create: the one-time password to show. */
  onCreated: (user: TUser, oneTimePassword: string) => void;
}

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function UserFormModal({ user, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const masked = user?.piiMasked ?? false;

  const onError = (error: unknown) => applyFieldErrors(form, error);

  const submit = (v: Values) => {
    if (!user) {
      create.mutate(
        {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          email: blankToNull(v.email),
          phone: blankToNull(v.phone),
          roles: v.roles,
          orgUnitId: v.orgUnitId,
        },
        {
          onSuccess: ({ user: created, oneTimePassword }) => {
            void message.success(t('users.created'));
            onCreated(created, oneTimePassword);
          },
          onError,
        },
      );
      return;
    }
    update.mutate(
      {
        id: user.id,
        version: user.version,
        displayName: v.displayName.trim(),
        // Masked contact details are never written back: the user could not see them.
        ...(masked ? {} : { email: blankToNull(v.email), phone: blankToNull(v.phone) }),
        roles: v.roles,
        orgUnitId: v.orgUnitId,
        status: v.status,
      },
      {
        onSuccess: () => {
          void message.success(t('users.updated'));
          onClose();
        },
        onError,
      },
    );
  };

  const required = { required: true, message: t('common.required') };
  return (
    <Modal
      open
      title={user ? `${t('users.edit')} · ${user.username}` : t('users.create')}
      okText={user ? t('common.save') : t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        name="user-form"
        initialValues={
          user
            ? { ...user, email: user.email ?? undefined, phone: user.phone ?? undefined }
            : { roles: ['agent'], status: 'active' }
        }
      >
        <Form.Item
          label={t('users.username')}
          name="username"
          extra={user ? undefined : t('users.usernameHint')}
          rules={user ? [] : [required, { pattern: /^[A-Za-z][A-Za-z0-9._-]{2,31}$/, message: t('users.usernameHint') }]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[{ ...required, whitespace: true, max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          label={t('users.email')}
          name="email"
          extra={masked ? t('users.piiMaskedHint') : undefined}
          rules={masked ? [] : [{ type: 'email', message: t('errors.validation_failed') }]}
        >
          <Input disabled={masked} />
        </Form.Item>
        <Form.Item label={t('users.phone')} name="phone" extra={masked ? t('users.piiMaskedHint') : undefined}>
          <Input disabled={masked} />
        </Form.Item>
        <Form.Item label={t('users.roles')} name="roles" rules={[required]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t('users.orgUnit')} name="orgUnitId" rules={[required]}>
          <OrgUnitTreeSelect />
        </Form.Item>
        {user && (
          <Form.Item label={t('users.status')} name="status" rules={[required]}>
            <Select options={USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
