import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCaseTask } from '@loopdesk/core';
import { useFormRules } from '@/lib/form-rules';
import { useCompleteTask } from '../api';
import { useDialogOutcome } from '../dialog-outcome';

interface Props {
  caseId: string;
  task: TCaseTask;
  status: 'done' | 'cancelled';
  onClose: () => void;
}

/** Finishes or cancels a sub-task, with its result (or why it is no longer needed). */
export function TaskCompleteModal({ caseId, task, status, onClose }: Props) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ result: string }>();
  const complete = useCompleteTask(caseId);

  const outcome = useDialogOutcome(form, onClose);

  const submit = ({ result }: { result: string }) =>
    complete.mutate({ taskId: task.id, version: task.version, status, result: result.trim() }, outcome(status === 'done' ? 'tasks.completed' : 'tasks.cancelledOk'));

  return (
    <Modal
      open
      title={`${t(status === 'done' ? 'tasks.complete' : 'tasks.cancel')} · ${task.title}`}
      okText={t(status === 'done' ? 'tasks.complete' : 'tasks.cancel')}
      okButtonProps={{ id: 'task-complete-submit', danger: status === 'cancelled' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={complete.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="task-complete" onFinish={submit}>
        <Form.Item name="result" label={t(status === 'done' ? 'tasks.result' : 'tasks.cancelReason')} rules={[rules.fill]}>
          <Input.TextArea id="task-result" rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
