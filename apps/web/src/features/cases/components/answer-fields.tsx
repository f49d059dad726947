import { useEffect, useRef, useState } from 'react';
import { DatePicker, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { ANSWER_REPLY_TEMPLATE_CODE, DECISION_OUTCOMES, isRegulatedKind, restateVerdict, verdictsStated, type DecisionOutcome, type TCaseDetail, type TTemplate } from '@loopdesk/core';
import { RemediesField } from '@/components/remedies-field';
import { useCurrentUser } from '@/lib/auth';
import { useFormRules } from '@/lib/form-rules';
import { useRenderedTemplate, useTemplates } from '../api';
import { fittingTemplates, MissingVariables, noBlanksRule, TemplatePicker } from './template-picker';

/**
 * The answer. A complaint's is its decision: the outcome, the letter, remedies. The letter starts
 * as the institution's decision-letter template (zh-CN first: it is a document for the customer),
 * filled from the case and the outcome chosen. An inquiry, a suggestion or praise is answered with
 * a reply (the answer reply template), without a verdict or remedies. The handler writes the
 * blanks (【…】) a template leaves; a text with one left is not sent. Either way, when the customer
 * received it may be recorded.
 */
export function AnswerFields({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const { reviewWindowDays } = useCurrentUser();
  const form = Form.useFormInstance();
  const complaint = isRegulatedKind(detail.kind);
  const templateKind = complaint ? 'decision_letter' : 'reply';
  const outcome = Form.useWatch<DecisionOutcome | undefined>('outcome', form);
  const { data: templates = [] } = useTemplates(templateKind);
  const [picked, setPicked] = useState<string>();
  const templateId = picked ?? firstDraft(fittingTemplates(templates, detail), complaint)?.id;
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

  // A letter the handler wrote in keeps stating the verdict chosen: a changed outcome restates it.
  useEffect(() => {
    const current = form.getFieldValue('letter') as string | undefined;
    if (outcome && current && verdictsStated(current).some((v) => v !== outcome)) form.setFieldValue('letter', restateVerdict(current, outcome));
  }, [outcome, form]);

  const rules = useFormRules();
  const sameVerdict = {
    validator: async (_rule: unknown, text: string | undefined) => {
      if (outcome && text && verdictsStated(text).some((v) => v !== outcome)) throw new Error(t('fieldErrors.decision_letter_unprocessable'));
    },
  };
  return (
    <>
      {complaint && (
        <Form.Item name="outcome" label={t('decision.outcome')} rules={[rules.choose]}>
          <Radio.Group id="action-outcome" options={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`decisionOutcome.${o}`) }))} />
        </Form.Item>
      )}
      <Form.Item label={complaint ? t('templates.letter') : t('templates.reply')}>
        <TemplatePicker
          id="action-letter-template"
          kind={templateKind}
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
      <Form.Item
        name="letter"
        label={complaint ? t('decision.letter') : t('decision.reply')}
        extra={complaint ? t('decision.letterHint') : t('decision.replyHint')}
        rules={[rules.fill, { min: 10, message: t(complaint ? 'fieldErrors.decision_letter' : 'fieldErrors.decision_reply') }, noBlanksRule(t), sameVerdict]}
      >
        <Input.TextArea id="action-letter" rows={12} maxLength={20_000} />
      </Form.Item>
      {complaint && <RemediesField />}
      <Form.Item name="decisionReceivedAt" label={t('decision.receivedAt')} extra={!complaint ? t('decision.replyReceivedAtHint') : reviewWindowDays !== null ? t('decision.receivedAtHint', { days: reviewWindowDays }) : t('decision.receivedAtHintNoReview')}>
        <DatePicker id="action-decision-received" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" needConfirm={false} style={{ width: 240 }} />
      </Form.Item>
    </>
  );
}

/** The template an answer starts from: a complaint's decision letter in zh-CN first; any other kind's answer reply. */
function firstDraft(fitting: readonly TTemplate[], complaint: boolean): TTemplate | undefined {
  const candidates = complaint ? fitting : fitting.filter((x) => x.code === ANSWER_REPLY_TEMPLATE_CODE);
  return candidates.find((x) => x.locale === 'zh-CN') ?? candidates[0];
}
