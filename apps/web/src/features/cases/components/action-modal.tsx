import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRegulatedKind, type CaseAction, type TCaseDetail } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useTransition } from '../api';
import { toTransitionBody, type ActionValues } from '../transition';
import { ActionFields } from './action-fields';

interface Props {
  action: CaseAction;
  detail: TCaseDetail;
  onClose: () => void;
}

/** Where the server's field paths land in the dialog. */
const RENAME = { 'decision.letter': 'letter', 'decision.outcome': 'outcome', 'decision.remedies': 'remedies', decision: 'letter' } as const;

/** Asks what one lifecycle action needs, then POSTs it with the version the page shows. */
export function ActionModal({ action, detail, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const transition = useTransition(detail.id, detail.version);
  const [problem, setProblem] = useState<string>();

  // The letter comes from the institution's template (AnswerFields).
  const initialValues: ActionValues = action === 'answer' ? { remedies: [] } : {};

  const submit = (values: ActionValues) => {
    setProblem(undefined);
    transition.mutate(toTransitionBody(action, values), {
      onSuccess: () => {
        void message.success(t('cases.actionDone', { action: t(`caseAction.${action}`) }));
        onClose();
      },
      onError: (error) => {
        if (isApiError(error) && error.status === 409) {
          void message.warning(error.code === 'stale_version' ? t('cases.staleReloaded') : t('cases.conflictReloaded'));
          onClose();
          return;
        }
        const { placed, unplaced } = placeFieldErrors(form, error, { rename: RENAME });
        if (unplaced.length > 0 || placed === 0) setProblem(unplaced[0] ?? errorMessage(error));
      },
    });
  };

  return (
    <Modal
      open
      title={`${t(`caseAction.${action}`)} · ${detail.number}`}
      okText={t(`caseAction.${action}`)}
      okButtonProps={{ id: 'case-action-submit', danger: ['reject', 'withdraw'].includes(action) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={transition.isPending}
      width={action === 'answer' ? 820 : 560}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name={`case-action-${action}`} initialValues={initialValues} onFinish={submit}>
        <p style={{ marginTop: 0 }}>{t(action === 'answer' && !isRegulatedKind(detail.kind) ? 'caseActionHint.answer_reply' : `caseActionHint.${action}`)}</p>
        {problem && <Alert id="case-action-problem" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <ActionFields action={action} detail={detail} />
      </Form>
    </Modal>
  );
}
