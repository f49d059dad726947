import { App, DatePicker, Form, Input, Modal, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect } from '@/components/department-select';
import { UserSelect } from '@/components/user-select';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useFormRules } from '@/lib/form-rules';
import { useCreateTask } from '../api';

interface Values {
  orgUnitId: string;
  ownerId?: string;
  title: string;
  dueAt?: Dayjs | null;
  blocking: boolean;
}

/** Asks a department (risk, legal, credit approval, …) for a sub-task on this case. */
export function TaskCreateModal({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateTask(caseId);
  const rules = useFormRules();
  const department = Form.useWatch('orgUnitId', form);

  const submit = (v: Values) =>
    create.mutate(
      { orgUnitId: v.orgUnitId, ownerId: v.ownerId ?? null, title: v.title.trim(), dueAt: v.dueAt ? v.dueAt.toISOString() : null, blocking: v.blocking },
      {
        onSuccess: () => {
          void message.success(t('tasks.created'));
          onClose();
        },
        onError: (error) => {
          if (placeFieldErrors(form, error).placed === 0) void message.error(errorMessage(error));
        },
      },
    );

  return (
    <Modal
      open
      title={t('tasks.create')}
      okText={t('common.create')}
      okButtonProps={{ id: 'task-create-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="task-create" initialValues={{ blocking: true }} onFinish={submit}>
        <Form.Item name="title" label={t('tasks.taskTitle')} rules={[rules.fill, { min: 2, message: t('fieldErrors.title') }]}>
          <Input id="task-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('tasks.department')} rules={[rules.choose]} extra={t('tasks.departmentHint')}>
          {/* The owner is one of the department's staff: another department's choice goes. */}
          <DepartmentSelect id="task-department" onChange={() => form.setFieldValue('ownerId', undefined)} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('tasks.owner')} extra={department ? t('tasks.ownerHint') : undefined}>
          <UserSelect id="task-owner" allowClear orgUnitId={department} disabled={!department} placeholder={department ? undefined : t('tasks.ownerPickDepartment')} />
        </Form.Item>
        <Form.Item name="dueAt" label={t('tasks.dueAt')}>
          <DatePicker id="task-due" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="blocking" label={t('tasks.blocking')} valuePropName="checked" extra={t('tasks.blockingHint')}>
          <Switch id="task-blocking" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
