import type { Dayjs } from 'dayjs';
import { App, DatePicker, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRegulatedKind, type TCaseDetail } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { useCurrentUser } from '@/lib/auth';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useRecordDecisionReceipt } from '../api';

/** Records when the customer received the decision or reply, where the answer did not (a complaint's review window starts then). */
export function DecisionReceiptModal({ detail, onClose }: { detail: TCaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reviewWindowDays } = useCurrentUser();
  const [form] = Form.useForm<{ receivedAt: Dayjs }>();
  const record = useRecordDecisionReceipt(detail.id);
  const hint = !isRegulatedKind(detail.kind) ? t('decision.replyReceivedAtHint') : reviewWindowDays !== null ? t('decision.receivedAtHint', { days: reviewWindowDays }) : t('decision.receivedAtHintNoReview');

  const submit = ({ receivedAt }: { receivedAt: Dayjs }) =>
    record.mutate(
      { version: detail.version, receivedAt: receivedAt.toISOString() },
      {
        onSuccess: () => {
          void message.success(t('decision.receiptRecorded'));
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
      title={`${t('decision.recordReceipt')} · ${detail.number}`}
      okText={t('decision.recordReceipt')}
      okButtonProps={{ id: 'decision-receipt-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="decision-receipt" onFinish={submit}>
        <Form.Item name="receivedAt" label={t('decision.receivedAt')} extra={hint} rules={[{ required: true, message: t('common.required') }]}>
          {/* A typed time is kept when the field is left (no OK button to press). */}
          <DatePicker id="decision-receipt-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" needConfirm={false} style={{ width: 240 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
