import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DECISION_OUTCOMES, isRegulatedKind, PANEL_OPINIONS, REMEDIES_WITH_AMOUNT, type DecisionOutcome, type PanelOpinion, type RemedyKind, type TCaseDetail, type TPanelReview } from '@loopdesk/core';
import { RemediesField } from '@/components/remedies-field';
import { UsersSelect } from '@/components/user-select';
import { placeFieldErrors } from '@/lib/errors';
import { formatDateTime, formatYuan } from '@/lib/format';
import { useCasePanel, useRecordOpinion, useSubmitToPanel } from '../api';

const STATUS_COLORS: Record<TPanelReview['status'], string> = { open: 'processing', agreed: 'success', returned: 'error' };
const OPINION_COLORS: Record<PanelOpinion, string> = { agree: 'success', agree_with_changes: 'warning', disagree: 'error' };

/** 专家组会审 on the case page: the marking, the panel's reviews and opinions, and the buttons for those who may. */
export function CasePanelCard({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const { data: panel } = useCasePanel(detail.id, detail.version);
  const [dialog, setDialog] = useState<'submit' | 'opinion'>();
  if (!panel || (!panel.major && panel.reviews.length === 0)) return null;
  const [latest, ...earlier] = panel.reviews;

  return (
    <Card
      id="case-panel"
      title={
        <Space>
          {t('panel.title')}
          <Tag color="red">{t('panel.major')}</Tag>
        </Space>
      }
      extra={
        <Space>
          {panel.canSubmit && (
            <Button data-testid="panel-submit" type="primary" onClick={() => setDialog('submit')}>
              {t('panel.submit')}
            </Button>
          )}
          {panel.canRecordOpinion && (
            <Button data-testid="panel-opinion" type="primary" onClick={() => setDialog('opinion')}>
              {t('panel.recordOpinion')}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{panel.majorRuleName ? t('panel.markedBy', { rule: panel.majorRuleName }) : t('panel.marked')}</Typography.Text>
        {panel.expertReviewDone ? <Alert type="success" title={t('panel.done')} /> : <Alert type="warning" title={t('panel.pending')} />}
        {latest && <ReviewView review={latest} />}
        {earlier.map((r) => (
          <details key={r.id}>
            <summary>{t('panel.round', { n: r.round })} · {t(`panel.status.${r.status}`)}</summary>
            <ReviewView review={r} />
          </details>
        ))}
      </Space>
      {dialog === 'submit' && <SubmitModal detail={detail} draft={latest?.decision} chooseMembers={panel.canChooseMembers} onClose={() => setDialog(undefined)} />}
      {dialog === 'opinion' && <OpinionModal caseId={detail.id} onClose={() => setDialog(undefined)} />}
    </Card>
  );
}

function ReviewView({ review }: { review: TPanelReview }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="panel-review" data-status={review.status}>
      <Space wrap>
        <Typography.Text strong>{t('panel.round', { n: review.round })}</Typography.Text>
        <Tag color={STATUS_COLORS[review.status]}>{t(`panel.status.${review.status}`)}</Tag>
        <Typography.Text type="secondary">{t('panel.quorumOf', { n: review.quorum })}</Typography.Text>
        <Typography.Text type="secondary">{formatDateTime(review.submittedAt)}</Typography.Text>
        {review.decisionMasked && <Tag data-testid="panel-draft-masked">{t('messages.masked')}</Tag>}
      </Space>
      {review.decision.outcome && (
        <Typography.Text>
          {t('panel.draftOutcome')}：{t(`decisionOutcome.${review.decision.outcome}`)}
        </Typography.Text>
      )}
      {review.decision.remedies.length > 0 && (
        <Space wrap size={[4, 4]}>
          {review.decision.remedies.map((r, i) => (
            <Tag key={i}>
              {t(`remedyKind.${r.kind}`)}
              {r.amount ? ` ${formatYuan(r.amount)}` : ''}
            </Tag>
          ))}
        </Space>
      )}
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {review.decision.letter}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="userId"
        pagination={false}
        dataSource={review.members}
        onRow={(m) => ({ 'data-member': m.displayName }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('panel.member'), dataIndex: 'displayName' },
          {
            title: t('panel.opinion'),
            dataIndex: 'opinion',
            render: (o: PanelOpinion | null) => (o ? <Tag color={OPINION_COLORS[o]}>{t(`panel.opinions.${o}`)}</Tag> : <Typography.Text type="secondary">{t('panel.awaiting')}</Typography.Text>),
          },
          { title: t('panel.comment'), dataIndex: 'comment', render: (c: string | null) => c ?? '' },
          { title: t('panel.at'), dataIndex: 'at', render: (at: string | null) => (at ? formatDateTime(at) : '') },
        ]}
      />
    </Space>
  );
}

interface SubmitValues {
  outcome?: DecisionOutcome;
  letter: string;
  remedies?: { kind: RemedyKind; amount?: number | null }[];
  memberIds?: string[];
  quorum?: number | null;
}

/** Puts a draft decision to the panel; a returned draft comes back in the form to be reworked. */
function SubmitModal({ detail, draft, chooseMembers, onClose }: { detail: TCaseDetail; draft?: TPanelReview['decision']; chooseMembers: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SubmitValues>();
  const submit = useSubmitToPanel(detail.id);
  const required = { required: true, message: t('common.required') };
  // A complaint's draft carries its verdict and remedies; any other kind's is a reply.
  const complaint = isRegulatedKind(detail.kind);
  const send = (v: SubmitValues) =>
    submit.mutate(
      {
        version: detail.version,
        decision: {
          outcome: v.outcome ?? null,
          letter: v.letter.trim(),
          remedies: (v.remedies ?? []).map((r) => ({ kind: r.kind, amount: REMEDIES_WITH_AMOUNT.includes(r.kind) ? (r.amount ?? null) : null })),
        },
        ...(v.memberIds && v.memberIds.length > 0 ? { memberIds: v.memberIds } : {}),
        ...(v.quorum ? { quorum: v.quorum } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('panel.submitted'));
          onClose();
        },
        onError: (error) => placeFieldErrors(form, error, { rename: { 'decision.letter': 'letter', 'decision.outcome': 'outcome', 'decision.remedies': 'remedies' } }),
      },
    );
  return (
    <Modal open title={t('panel.submit')} okText={t('panel.submitOk')} okButtonProps={{ id: 'panel-submit-ok' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={submit.isPending} width={720}>
      <Form form={form} layout="vertical" name="panel-submit" onFinish={send} initialValues={draft ? { outcome: draft.outcome, letter: draft.letter, remedies: draft.remedies } : { remedies: [] }}>
        {complaint && (
          <Form.Item name="outcome" label={t('decision.outcome')} rules={[required]}>
            <Radio.Group id="panel-outcome" options={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`decisionOutcome.${o}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="letter" label={t('panel.draftLetter')} rules={[{ ...required, whitespace: true }, { min: 10, message: t('fieldErrors.decision_letter') }]}>
          <Input.TextArea id="panel-letter" rows={8} maxLength={20_000} />
        </Form.Item>
        {complaint && <RemediesField />}
        {chooseMembers && (
          <>
            <Form.Item name="memberIds" label={t('panel.chooseMembers')} extra={t('panel.chooseMembersHint')}>
              <UsersSelect id="panel-members" />
            </Form.Item>
            <Form.Item name="quorum" label={t('panel.rules.quorum')} extra={t('panel.rules.quorumHint')}>
              <InputNumber min={1} max={15} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function OpinionModal({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ opinion: PanelOpinion; comment?: string }>();
  const record = useRecordOpinion(caseId);
  const send = (v: { opinion: PanelOpinion; comment?: string }) =>
    record.mutate(
      { opinion: v.opinion, comment: v.comment?.trim() ?? '' },
      {
        onSuccess: () => {
          void message.success(t('panel.opinionRecorded'));
          onClose();
        },
        onError: (error) => placeFieldErrors(form, error),
      },
    );
  return (
    <Modal open title={t('panel.recordOpinion')} okButtonProps={{ id: 'panel-opinion-ok' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={record.isPending}>
      <Form form={form} layout="vertical" name="panel-opinion" onFinish={send} initialValues={{ opinion: 'agree' }}>
        <Form.Item name="opinion" label={t('panel.opinion')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group id="panel-opinion-choice" options={PANEL_OPINIONS.map((o) => ({ value: o, label: t(`panel.opinions.${o}`) }))} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => (
            <Form.Item
              name="comment"
              label={t('panel.comment')}
              rules={form.getFieldValue('opinion') === 'agree' ? [] : [{ required: true, whitespace: true, message: t('panel.commentNeeded') }]}
            >
              <Input.TextArea id="panel-comment" rows={4} maxLength={4000} />
            </Form.Item>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
