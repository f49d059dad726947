import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCaseTask } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useCompleteTask } from '../api';

interface Props {
  caseId: string;
  task: TCaseTask;
  status: 'done' | 'cancelled';
  onClose: () => void;
}

/** Finishes or cancels a sub-task, with its result (or why it is no longer needed). */
export function TaskCompleteModal({ caseId, task, status, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ result: string }>();
  const complete = useCompleteTask(caseId);

  const submit = ({ result }: { result: string }) =>
    complete.mutate(
      { taskId: task.id, version: task.version, status, result: result.trim() },
      {
        onSuccess: () => {
          void message.success(t(status === 'done' ? 'tasks.completed' : 'tasks.cancelledOk'));
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 409) {
            void message.warning(t('cases.staleReloaded'));
            onClose();
          } else if (placeFieldErrors(form, error).placed === 0) void message.error(errorMessage(error));
        },
      },
    );

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
        <Form.Item name="result" label={t(status === 'done' ? 'tasks.result' : 'tasks.cancelReason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea id="task-result" rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
