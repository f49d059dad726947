import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Modal, Radio, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCaseDetail, TCaseReview, TReviewClock } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { formatDateTime, formatDeadline } from '@/lib/format';
import { useCaseReviews, useDecideReview, useRequestReview } from '../api';

const STATUS_COLORS: Record<TReviewClock['status'], string> = { running: 'blue', paused: 'gold', warning: 'orange', breached: 'red', met: 'green' };

/** A review clock as a badge: its state, the last warning reached, and the due time. */
function ClockBadge({ clock, testId }: { clock: TReviewClock; testId: string }) {
  const { t } = useTranslation();
  const warning = clock.level ? /^warning_(\d+)$/.exec(clock.level) : null;
  return (
    <span data-testid={testId} data-status={clock.status} data-level={clock.level ?? ''}>
      <Tag color={STATUS_COLORS[clock.status]}>{t(`reviews.clockStatus.${clock.status}`)}</Tag>
      {clock.level && <Typography.Text type="secondary">{warning ? t('sla.levelWarning', { n: warning[1] }) : t('sla.levelBreach')} </Typography.Text>}
      {clock.provisional && <Typography.Text type="warning">{t('reviews.provisional')}</Typography.Text>}
    </span>
  );
}

/** The 核查 card of the case page: the complainant's window, each review with its deadline, and the actions. */
export function CaseReviews({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const canWork = useCan('cases.work');
  const { data } = useCaseReviews(detail.id);
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<TCaseReview>();
  if (!data || (!data.window && data.reviews.length === 0)) return null;
  const { window } = data;

  return (
    <Card
      id="case-reviews"
      size="small"
      title={t('reviews.title')}
      extra={
        canWork && window?.open && ['answered', 'resolved', 'closed'].includes(detail.status) ? (
          <Button id="review-request" size="small" onClick={() => setRequesting(true)}>
            {t('reviews.request')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        {window && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('reviews.windowLabel')}>
              <Flex gap={8} wrap align="center">
                <span id="review-window-due">{t(window.open ? 'reviews.windowOpen' : 'reviews.windowClosed', { due: formatDeadline(window.dueAt) })}</span>
                <ClockBadge clock={window} testId="review-window-clock" />
              </Flex>
            </Descriptions.Item>
          </Descriptions>
        )}
        {data.reviews.map((r) => (
          <Descriptions key={r.id} size="small" column={1} bordered title={t('reviews.reviewN', { n: r.seq })} data-testid="case-review" data-status={r.status}>
            <Descriptions.Item label={t('reviews.receivedAt')}>{formatDateTime(r.requestedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('reviews.reason')}>{r.reason}</Descriptions.Item>
            <Descriptions.Item label={t('reviews.dueLabel')}>
              <Flex gap={8} wrap align="center">
                <span data-testid="review-due">{formatDeadline(r.clock.dueAt)}</span>
                <ClockBadge clock={r.clock} testId="review-clock" />
              </Flex>
            </Descriptions.Item>
            {r.status === 'decided' ? (
              <Descriptions.Item label={t('reviews.outcomeLabel')}>
                {r.outcome ? t(`reviews.outcome.${r.outcome}`) : ''} · {r.note} · {formatDateTime(r.decidedAt)}
              </Descriptions.Item>
            ) : (
              <Descriptions.Item label={t('reviews.open')}>
                {r.canDecide && (
                  <Button size="small" type="primary" data-testid="review-decide" onClick={() => setDeciding(r)}>
                    {t('reviews.decide')}
                  </Button>
                )}
              </Descriptions.Item>
            )}
          </Descriptions>
        ))}
      </Flex>
      {requesting && <RequestModal detail={detail} onClose={() => setRequesting(false)} />}
      {deciding && <DecideModal caseId={detail.id} review={deciding} onClose={() => setDeciding(undefined)} />}
    </Card>
  );
}

function RequestModal({ detail, onClose }: { detail: TCaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ receivedAt?: Dayjs | null; reason: string }>();
  const request = useRequestReview(detail.id);
  const [problem, setProblem] = useState<string>();
  const submit = (v: { receivedAt?: Dayjs | null; reason: string }) => {
    setProblem(undefined);
    request.mutate(
      { version: detail.version, reason: v.reason, ...(v.receivedAt ? { receivedAt: v.receivedAt.toISOString() } : {}) },
      {
        onSuccess: () => {
          void message.success(t('reviews.request'));
          onClose();
        },
        onError: (error) => {
          const { placed, unplaced } = placeFieldErrors(form, error);
          if (unplaced.length > 0 || placed === 0) setProblem(unplaced[0] ?? errorMessage(error));
        },
      },
    );
  };
  return (
    <Modal open title={`${t('reviews.requestTitle')} · ${detail.number}`} okText={t('reviews.submit')} okButtonProps={{ id: 'review-request-submit' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={request.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" name="review-request" onFinish={submit}>
        {problem && <Alert id="review-request-problem" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form.Item name="receivedAt" label={t('reviews.receivedAt')} extra={t('reviews.receivedAtHint')}>
          <DatePicker id="review-received-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('reviews.reason')} rules={[{ required: true, whitespace: true, message: t('reviews.reason') }]}>
          <Input.TextArea id="review-reason" rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ caseId, review, onClose }: { caseId: string; review: TCaseReview; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: 'upheld' | 'changed'; note: string }>();
  const decide = useDecideReview(caseId);
  const [problem, setProblem] = useState<string>();
  const submit = (v: { outcome: 'upheld' | 'changed'; note: string }) => {
    decide.mutate(
      { reviewId: review.id, version: review.version, ...v },
      {
        onSuccess: () => {
          void message.success(t('reviews.decided'));
          onClose();
        },
        onError: (error) => {
          const { placed, unplaced } = placeFieldErrors(form, error);
          if (unplaced.length > 0 || placed === 0) setProblem(unplaced[0] ?? errorMessage(error));
        },
      },
    );
  };
  return (
    <Modal open title={t('reviews.decideTitle')} okText={t('reviews.submit')} okButtonProps={{ id: 'review-decide-submit' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={decide.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" name="review-decide" onFinish={submit} initialValues={{ outcome: 'upheld' }}>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form.Item name="outcome" label={t('reviews.outcomeLabel')}>
          <Radio.Group options={(['upheld', 'changed'] as const).map((o) => ({ value: o, label: t(`reviews.outcome.${o}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('reviews.note')} rules={[{ required: true, whitespace: true, message: t('reviews.note') }]}>
          <Input.TextArea id="review-note" rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
