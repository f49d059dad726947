import type { Dayjs } from 'dayjs';
import { DatePicker, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRegulatedKind, type TCaseDetail } from '@loopdesk/core';
import { useCurrentUser } from '@/lib/auth';
import { useFormRules } from '@/lib/form-rules';
import { useRecordDecisionReceipt } from '../api';
import { useDialogOutcome } from '../dialog-outcome';

/** Records when the customer received the decision or reply, where the answer did not (a complaint's review window starts then). */
export function DecisionReceiptModal({ detail, onClose }: { detail: TCaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const { reviewWindowDays } = useCurrentUser();
  const [form] = Form.useForm<{ receivedAt: Dayjs }>();
  const record = useRecordDecisionReceipt(detail.id);
  const hint = !isRegulatedKind(detail.kind) ? t('decision.replyReceivedAtHint') : reviewWindowDays !== null ? t('decision.receivedAtHint', { days: reviewWindowDays }) : t('decision.receivedAtHintNoReview');

  const outcome = useDialogOutcome(form, onClose);

  const submit = ({ receivedAt }: { receivedAt: Dayjs }) => record.mutate({ version: detail.version, receivedAt: receivedAt.toISOString() }, outcome('decision.receiptRecorded'));

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
        <Form.Item name="receivedAt" label={t('decision.receivedAt')} extra={hint} rules={[rules.value]}>
          {/* A typed time is kept when the field is left (no OK button to press). */}
          <DatePicker id="decision-receipt-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" needConfirm={false} style={{ width: 240 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
