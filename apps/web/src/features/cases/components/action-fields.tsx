import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRegulatedKind, type CaseAction, type TCaseDetail } from '@loopdesk/core';
import { UserSelect } from '@/components/user-select';
import { useFormRules } from '@/lib/form-rules';
import { needsReason } from '../transition';
import { AnswerFields } from './answer-fields';
import { CaseSearchSelect } from './case-search-select';

interface Props {
  action: CaseAction;
  detail: TCaseDetail;
}

/** The fields one action needs, then its reason (required or optional). */
export function ActionFields({ action, detail }: Props) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const reasonRequired = needsReason(action, detail);
  return (
    <>
      {action === 'assign' && (
        <Form.Item name="assigneeId" label={t('cases.assignee')} rules={[rules.choose]} extra={t('cases.assignHint')}>
          <UserSelect id="action-assignee" />
        </Form.Item>
      )}
      {action === 'answer' && <AnswerFields detail={detail} />}
      {action === 'resolve' && (
        <Form.Item name="resolution" label={t('cases.resolution')} rules={[rules.choose]}>
          <Radio.Group
            id="action-resolution"
            options={(['customer_confirmed', 'no_reply'] as const).map((r) => ({ value: r, label: t(`resolution.${r}`) }))}
          />
        </Form.Item>
      )}
      {action === 'reopen' && (
        // Only a complaint's decision may be reviewed (核查): any other kind is reopened for new facts.
        <Form.Item name="reopenKind" label={t('cases.reopenKind')} rules={[rules.choose]} initialValue={isRegulatedKind(detail.kind) ? undefined : 'new_facts'}>
          <Radio.Group
            id="action-reopen-kind"
            options={(isRegulatedKind(detail.kind) ? (['review_request', 'new_facts'] as const) : (['new_facts'] as const)).map((r) => ({ value: r, label: t(`reopenKind.${r}`) }))}
          />
        </Form.Item>
      )}
      {action === 'merge' && (
        <Form.Item name="targetCaseId" label={t('cases.mergeTarget')} rules={[rules.choose]}>
          <CaseSearchSelect id="action-merge-target" excludeId={detail.id} />
        </Form.Item>
      )}
      {action === 'split' && (
        <Form.Item name="splitText" label={t('cases.splitText')} extra={t('cases.splitHint')} rules={[rules.fill, { min: 2, message: t('fieldErrors.splitText') }]}>
          <Input.TextArea id="action-split-text" rows={4} maxLength={20_000} />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={reasonRequired ? t('cases.reason') : t('cases.reasonOptional')}
        rules={reasonRequired ? [rules.fill] : []}
      >
        <Input.TextArea id="action-reason" rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
