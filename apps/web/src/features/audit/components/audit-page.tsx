import { useState } from 'react';
import { Button, Card, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useAuditLog, type AuditFilters as Filters } from '../api';
import { AuditEntryDetails } from './audit-entry-details';
import { AuditFilters } from './audit-filters';
import { AuditVerify } from './audit-verify';

/** 审计日志: the hash-chained activity trail, newest first, with chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  const canPickUser = useCan('users.read');
  const [filters, setFilters] = useState<Filters>({});
  const log = useAuditLog(filters);
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card title={t('audit.title')}>
      <Flex vertical gap={16}>
        <AuditVerify />
        <AuditFilters onChange={setFilters} canPickUser={canPickUser} />
        <Table<TAuditEntry>
          id="audit-table"
          rowKey="seq"
          size="small"
          loading={log.isLoading}
          dataSource={entries}
          pagination={false}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (entry) => <AuditEntryDetails entry={entry} /> }}
          columns={[
            { title: t('audit.seq'), dataIndex: 'seq', width: 90 },
            { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v) },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              render: (v: string | null) => v ?? t('audit.system'),
            },
            { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('audit.objectType'), dataIndex: 'objectType' },
            {
              title: t('audit.objectId'),
              dataIndex: 'objectId',
              ellipsis: true,
              render: (v: string | null) => v ?? t('common.none'),
            },
            { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? t('common.none') },
          ]}
        />
        <Flex justify="center">
          {log.hasNextPage ? (
            <Button id="audit-load-more" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          ) : (
            entries.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
