import { useState } from 'react';
import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCaseDetail } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { formatDateTime, formatYuan } from '@/lib/format';
import { DecisionReceiptModal } from './decision-receipt-modal';

/** The decision sent to the customer, once there is one. */
export function CaseDecision({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const canWork = useCan('cases.work');
  const [recording, setRecording] = useState(false);
  const d = detail.decision;
  if (!d) return null;
  // A complaint's decision carries its verdict and remedies; the answer to any other kind is a reply.
  const verdict = d.outcome !== null;
  return (
    <Card
      title={verdict ? t('decision.title') : t('decision.replyTitle')}
      id="case-decision"
      // Personal data in the letter is masked for roles that may not read it.
      extra={detail.decisionMasked ? <Tag data-testid="decision-masked">{t('messages.masked')}</Tag> : null}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        {verdict && <Descriptions.Item label={t('decision.outcome')}>{t(`decisionOutcome.${d.outcome}`)}</Descriptions.Item>}
        <Descriptions.Item label={t('decision.decidedAt')}>{formatDateTime(detail.decidedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('decision.receivedAt')}>
          {detail.decisionReceivedAt ? (
            formatDateTime(detail.decisionReceivedAt)
          ) : canWork && ['answered', 'resolved', 'closed'].includes(detail.status) ? (
            <Button id="decision-receipt" size="small" onClick={() => setRecording(true)}>
              {t('decision.recordReceipt')}
            </Button>
          ) : (
            formatDateTime(null)
          )}
        </Descriptions.Item>
        {verdict && (
          <Descriptions.Item label={t('decision.remedies')} span={3}>
            {d.remedies.length === 0
              ? t('common.none')
              : d.remedies.map((r, i) => (
                  <Tag key={i}>
                    {t(`remedyKind.${r.kind}`)}
                    {r.amount ? ` ${formatYuan(r.amount)}` : ''}
                  </Tag>
                ))}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} id="case-decision-letter">
        {d.letter}
      </Typography.Paragraph>
      {recording && <DecisionReceiptModal detail={detail} onClose={() => setRecording(false)} />}
    </Card>
  );
}
