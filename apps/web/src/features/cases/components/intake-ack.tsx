import { Button, Descriptions, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TIntakeAck } from '@loopdesk/core';
import { formatDateTime, formatDeadline } from '@/lib/format';

/** 登记回执: the case number and the regulatory decision deadline, to read out to the customer. */
export function IntakeAck({ ack, onAnother }: { ack: TIntakeAck; onAnother: () => void }) {
  const { t } = useTranslation();
  const due = ack.regulatoryDueAt
    ? `${formatDeadline(ack.regulatoryDueAt)}${ack.regulatoryDueProvisional ? t('due.provisionalSuffix') : ''}`
    : t('intake.noRegulatoryDue');
  return (
    <div id="intake-ack">
      <Result
        status="success"
        title={t('intake.ackTitle')}
        subTitle={t('intake.ackHint')}
        extra={[
          <Link key="open" to={`/cases/${ack.caseId}`} id="intake-ack-open">
            <Button type="primary">{t('intake.openCase')}</Button>
          </Link>,
          <Button key="again" id="intake-again" onClick={onAnother}>
            {t('intake.another')}
          </Button>,
        ]}
      >
        <Descriptions column={1} bordered size="small" style={{ maxWidth: 560, margin: '0 auto' }}>
          <Descriptions.Item label={t('cases.number')}>
            <strong id="intake-ack-number">{ack.number}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.receivedAt')}>{formatDateTime(ack.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('intake.regulatoryDecisionDue')}>
            <span id="intake-ack-due">{due}</span>
          </Descriptions.Item>
        </Descriptions>
      </Result>
    </div>
  );
}
