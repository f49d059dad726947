import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TNotification } from '@loopdesk/core';
import { formatShortDateTime } from '@/lib/format';
import { useMarkAllRead, useMarkRead, useMyNotifications } from '../api';

/** The header's bell: my in-app notices (deadline warnings, escalations), unread ones counted. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data } = useMyNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const unread = data?.unread ?? 0;
  const open = (n: TNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.caseId) void navigate(`/cases/${n.caseId}`);
  };
  const content = (
    <div style={{ width: 380, maxHeight: 420, overflowY: 'auto' }} id="notification-list">
      {!data || data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List<TNotification>
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              data-read={n.readAt ? 'true' : 'false'}
              style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
              onClick={() => open(n)}
              extra={<Typography.Text type="secondary">{formatShortDateTime(n.createdAt)}</Typography.Text>}
            >
              <List.Item.Meta
                title={n.readAt ? n.subject : <Typography.Text strong>{n.subject}</Typography.Text>}
                description={
                  <>
                    {n.body}{' '}
                    <Typography.Text type={n.delivery === 'failed' ? 'danger' : 'secondary'}>
                      ({n.delivery === 'failed' ? t('notifications.failed') : n.deliveredVia === 'email' ? t('notifications.viaEmail') : t('notifications.viaInbox')})
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  const title = (
    <Flex justify="space-between" align="center">
      <span>{t('notifications.title')}</span>
      <Button
        id="notifications-mark-all-read"
        type="link"
        size="small"
        icon={<CheckOutlined />}
        disabled={unread === 0}
        loading={markAllRead.isPending}
        onClick={() => markAllRead.mutate(data?.items[0]?.createdAt)}
      >
        {t('inbox.markAllRead')}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={title} content={content}>
      <Badge count={unread} size="small">
        <Button id="notification-bell" type="text" shape="circle" icon={<BellOutlined />} aria-label={t('notifications.title')} />
      </Badge>
    </Popover>
  );
}
