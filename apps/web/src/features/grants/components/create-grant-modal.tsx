import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { GRANT_PURPOSES, type TGrant } from '@loopdesk/core';
import { OrgUnitTreeSelect } from '@/components/org-unit-tree-select';
import { UserSelect } from '@/components/user-select';
import { applyFieldErrors } from '@/lib/errors';
import { useCreateGrant } from '../api';

interface Values {
  userId: string;
  objectId: string;
  purpose: TGrant['purpose'];
  reason: string;
  expiresAt?: Dayjs | null;
}

export function CreateGrantModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateGrant();
  const required = { required: true, message: t('common.required') };

  const submit = (v: Values) =>
    create.mutate(
      {
        userId: v.userId,
        objectType: 'org_unit',
        objectId: v.objectId,
        purpose: v.purpose,
        reason: v.reason.trim(),
        expiresAt: v.expiresAt ? v.expiresAt.toISOString() : null,
      },
      {
        onSuccess: () => {
          void message.success(t('grants.created'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );

  return (
    <Modal
      open
      title={t('grants.create')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical" onFinish={submit} name="grant-form" initialValues={{ purpose: 'other' }}>
        <Form.Item label={t('grants.user')} name="userId" rules={[required]}>
          <UserSelect />
        </Form.Item>
        <Form.Item label={`${t('grants.object')} (${t('objectType.org_unit')})`} name="objectId" rules={[required]}>
          <OrgUnitTreeSelect />
        </Form.Item>
        <Form.Item label={t('grants.purpose')} name="purpose" rules={[required]}>
          <Select options={GRANT_PURPOSES.map((p) => ({ value: p, label: t(`grantPurpose.${p}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('grants.reason')}
          name="reason"
          extra={t('grants.reasonHint')}
          rules={[{ ...required, whitespace: true, min: 2, max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item label={t('grants.expiresAt')} name="expiresAt">
          <DatePicker
            showTime
            placeholder={t('grants.neverExpires')}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
