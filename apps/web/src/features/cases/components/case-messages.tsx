import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCaseDetail } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useUserNames } from '@/lib/users-lookup';
import { MessageComposer } from './message-composer';

type Message = TCaseDetail['messages'][number];
const DIRECTION_COLORS: Record<Message['direction'], string> = { inbound: 'blue', outbound: 'green', internal: 'default' };

/** The customer's words and what we told them, oldest first, with internal notes between. */
export function CaseMessages({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const canWork = useCan('cases.work');
  const nameOf = useUserNames();
  return (
    <Card title={t('messages.title')} id="case-messages">
      {detail.messages.length === 0 ? (
        <Empty description={t('messages.empty')} />
      ) : (
        <List<Message>
          dataSource={detail.messages}
          itemLayout="vertical"
          renderItem={(m) => (
            <List.Item key={m.id} data-testid="case-message" data-direction={m.direction} style={m.direction === 'internal' ? { background: '#fafafa', paddingInline: 12 } : undefined}>
              <Space size={6} wrap style={{ marginBottom: 4 }}>
                <Tag color={DIRECTION_COLORS[m.direction]}>{t(`messageDirection.${m.direction}`)}</Tag>
                <Typography.Text type="secondary">{t(`channel.${m.channel}`, { defaultValue: m.channel })}</Typography.Text>
                {m.authorId && <Typography.Text type="secondary">{nameOf(m.authorId) ?? t('cases.someone')}</Typography.Text>}
                <Typography.Text type="secondary">{formatDateTime(m.createdAt)}</Typography.Text>
                {m.bodyMasked && (
                  <Tag bordered={false} color="warning" data-testid="masked-tag">
                    {t('messages.masked')}
                  </Tag>
                )}
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{m.body}</Typography.Paragraph>
            </List.Item>
          )}
        />
      )}
      {canWork && <MessageComposer detail={detail} />}
    </Card>
  );
}
