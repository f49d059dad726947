import { useEffect, useRef, useState } from 'react';
import { DatePicker, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { DECISION_OUTCOMES, type DecisionOutcome, type TCaseDetail } from '@loopdesk/core';
import { RemediesField } from '@/components/remedies-field';
import { useCurrentUser } from '@/lib/auth';
import { useRenderedTemplate, useTemplates } from '../api';
import { fittingTemplates, MissingVariables, noBlanksRule, TemplatePicker } from './template-picker';

/**
 * The decision: outcome, the letter to the customer, remedies, and when the customer received it.
 * The letter starts as the institution's decision-letter template (zh-CN first: it is a document
 * for the customer), filled from the case and the outcome chosen; the handler writes the blanks
 * (【…】) it leaves, and a letter with one left is not sent.
 */
export function AnswerFields({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const { reviewWindowDays } = useCurrentUser();
  const form = Form.useFormInstance();
  const outcome = Form.useWatch<DecisionOutcome | undefined>('outcome', form);
  const { data: templates = [] } = useTemplates('decision_letter');
  const [picked, setPicked] = useState<string>();
  const fitting = fittingTemplates(templates, detail);
  const templateId = picked ?? (fitting.find((x) => x.locale === 'zh-CN') ?? fitting[0])?.id;
  const { data: rendered } = useRenderedTemplate(templateId ? { templateId, caseId: detail.id, caseVersion: detail.version, decisionOutcome: outcome } : undefined);
  // The letter follows the template (its verdict line, the outcome) while it is the template as last
  // filled, or empty; once the handler writes in it, only picking a template again replaces it.
  const last = useRef<string | undefined>(undefined);
  const replace = useRef(false);
  useEffect(() => {
    if (!rendered) return;
    const current = form.getFieldValue('letter') as string | undefined;
    if (replace.current || !current || current === last.current) form.setFieldValue('letter', rendered.body);
    last.current = rendered.body;
    replace.current = false;
  }, [rendered, form]);

  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item name="outcome" label={t('decision.outcome')} rules={[required]}>
        <Radio.Group id="action-outcome" options={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`decisionOutcome.${o}`) }))} />
      </Form.Item>
      <Form.Item label={t('templates.letter')}>
        <TemplatePicker
          id="action-letter-template"
          kind="decision_letter"
          detail={detail}
          value={templateId}
          onChange={(x) => {
            if (x.id === templateId && rendered) form.setFieldValue('letter', rendered.body);
            else replace.current = true;
            setPicked(x.id);
          }}
        />
      </Form.Item>
      <MissingVariables missing={rendered?.missing ?? []} />
      <Form.Item name="letter" label={t('decision.letter')} extra={t('decision.letterHint')} rules={[{ ...required, whitespace: true }, { min: 10, message: t('fieldErrors.decision_letter') }, noBlanksRule(t)]}>
        <Input.TextArea id="action-letter" rows={12} maxLength={20_000} />
      </Form.Item>
      <RemediesField />
      <Form.Item name="decisionReceivedAt" label={t('decision.receivedAt')} extra={reviewWindowDays !== null ? t('decision.receivedAtHint', { days: reviewWindowDays }) : t('decision.receivedAtHintNoReview')}>
        <DatePicker id="action-decision-received" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
      </Form.Item>
    </>
  );
}
