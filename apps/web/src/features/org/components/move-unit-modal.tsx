import { useCallback } from 'react';
import { App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { canContain, type TOrgUnit } from '@loopdesk/core';
import { OrgUnitTreeSelect } from '@/components/org-unit-tree-select';
import { subtreeIds } from '@/lib/org-units';
import { useUpdateOrgUnit } from '../api';
import { useUpdateErrorFeedback } from './use-update-feedback';

interface Props {
  unit: TOrgUnit;
  units: readonly TOrgUnit[];
  onClose: () => void;
}

/** Moves a unit and its subtree; only parents that may contain its kind can be picked. */
export function MoveUnitModal({ unit, units, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string }>();
  const update = useUpdateOrgUnit();
  const onError = useUpdateErrorFeedback();
  const isDisabled = useCallback(
    (candidate: TOrgUnit) =>
      subtreeIds(units, unit.id).has(candidate.id) ||
      candidate.id === unit.parentId ||
      !canContain(candidate.kind, unit.kind),
    [units, unit],
  );

  const submit = ({ parentId }: { parentId: string }) =>
    update.mutate(
      { id: unit.id, version: unit.version, parentId },
      {
        onSuccess: () => {
          void message.success(t('org.moved'));
          onClose();
        },
        onError: (error) => onError(error, form),
      },
    );

  return (
    <Modal
      open
      title={`${t('org.move')} · ${unit.name}`}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
    >
      <Form form={form} layout="vertical" onFinish={submit} name="org-move">
        <Form.Item label={t('org.newParent')} name="parentId" rules={[{ required: true, message: t('common.required') }]}>
          <OrgUnitTreeSelect isDisabled={isDisabled} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
