import { Col, Descriptions, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '@loopdesk/core';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit.empty')}</Typography.Text>;
  return (
    <pre style={{ margin: 0, padding: 8, background: '#fafafa', maxHeight: 320, overflow: 'auto', fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The expanded row: the state before and after the change, plus tracing ids. */
export function AuditEntryDetails({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <Json value={entry.before} />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <Json value={entry.after} />
      </Col>
      <Col span={24} style={{ marginTop: 8 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('audit.action')}>
            <Typography.Text code copyable>
              {entry.action}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.objectId')}>
            {entry.objectId ? (
              <Typography.Text code copyable>
                {`${entry.objectType} ${entry.objectId}`}
              </Typography.Text>
            ) : (
              t('common.none')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.actor')}>
            {entry.actorId ? (
              <Typography.Text code copyable>
                {entry.actorId}
              </Typography.Text>
            ) : (
              (entry.actorName ?? t('audit.system'))
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.requestId')}>{entry.requestId ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('audit.hash')}>
            <Typography.Text code copyable>
              {entry.hash}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Col>
    </Row>
  );
}
