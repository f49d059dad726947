import { DatePicker, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { DECISION_OUTCOMES } from '@loopdesk/core';
import { RemediesField } from '@/components/remedies-field';
import { useCurrentUser } from '@/lib/auth';

/** The decision: outcome, the letter to the customer, remedies, and when the customer received it. */
export function AnswerFields() {
  const { t } = useTranslation();
  const { reviewWindowDays } = useCurrentUser();
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item name="outcome" label={t('decision.outcome')} rules={[required]}>
        <Radio.Group id="action-outcome" options={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`decisionOutcome.${o}`) }))} />
      </Form.Item>
      <Form.Item name="letter" label={t('decision.letter')} extra={t('decision.letterHint')} rules={[{ ...required, whitespace: true }, { min: 10, message: t('fieldErrors.decision_letter') }]}>
        <Input.TextArea id="action-letter" rows={12} maxLength={20_000} />
      </Form.Item>
      <RemediesField />
      <Form.Item name="decisionReceivedAt" label={t('decision.receivedAt')} extra={reviewWindowDays !== null ? t('decision.receivedAtHint', { days: reviewWindowDays }) : t('decision.receivedAtHintNoReview')}>
        <DatePicker id="action-decision-received" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
      </Form.Item>
    </>
  );
}
