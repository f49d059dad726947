import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALLOWED_CHILD_KINDS, type OrgUnitKind, type TOrgUnit } from '@loopdesk/core';
import { applyFieldErrors } from '@/lib/errors';
import { useCreateOrgUnit } from '../api';

interface Values {
  kind: OrgUnitKind;
  code: string;
  name: string;
}

export function AddChildModal({ parent, onClose }: { parent: TOrgUnit; onClose: (createdId?: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrgUnit();
  const kinds = ALLOWED_CHILD_KINDS[parent.kind];

  const submit = (values: Values) =>
    create.mutate(
      { parentId: parent.id, ...values },
      {
        onSuccess: (unit) => {
          void message.success(t('org.created'));
          onClose(unit.id);
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );

  return (
    <Modal
      open
      title={`${t('org.addChild')} · ${parent.name}`}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical" onFinish={submit} name="org-add-child" initialValues={{ kind: kinds[0] }}>
        <Form.Item label={t('org.kind')} name="kind" rules={[{ required: true, message: t('common.required') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))} />
        </Form.Item>
        <OrgNameCodeFields />
      </Form>
    </Modal>
  );
}

/** The name and code inputs with the contract's rules; shared by create and edit. */
export function OrgNameCodeFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        label={t('org.name')}
        name="name"
        extra={t('org.nameHint')}
        rules={[{ required: true, whitespace: true, min: 2, max: 64, message: t('org.nameHint') }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item
        label={t('org.code')}
        name="code"
        extra={t('org.codeHint')}
        rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,32}$/, message: t('org.codeHint') }]}
      >
        <Input maxLength={32} />
      </Form.Item>
    </>
  );
}
