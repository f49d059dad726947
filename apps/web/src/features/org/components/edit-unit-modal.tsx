import { App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TOrgUnit } from '@loopdesk/core';
import { useUpdateOrgUnit } from '../api';
import { OrgNameCodeFields } from './add-child-modal';
import { useUpdateErrorFeedback } from './use-update-feedback';

interface Values {
  name: string;
  code: string;
}

/** Rename / recode: only changed fields are sent, with the version the user saw. */
export function EditUnitModal({ unit, onClose }: { unit: TOrgUnit; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateOrgUnit();
  const onError = useUpdateErrorFeedback();

  const submit = ({ name, code }: Values) => {
    const changes = {
      ...(name.trim() !== unit.name ? { name: name.trim() } : {}),
      ...(code.trim() !== unit.code ? { code: code.trim() } : {}),
    };
    if (Object.keys(changes).length === 0) return onClose();
    update.mutate(
      { id: unit.id, version: unit.version, ...changes },
      {
        onSuccess: () => {
          void message.success(t('org.updated'));
          onClose();
        },
        onError: (error) => onError(error, form),
      },
    );
  };

  return (
    <Modal
      open
      title={`${t('org.editUnit')} · ${unit.name}`}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        name="org-edit"
        initialValues={{ name: unit.name, code: unit.code }}
      >
        <OrgNameCodeFields />
      </Form>
    </Modal>
  );
}
