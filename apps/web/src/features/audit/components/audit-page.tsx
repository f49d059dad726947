import { useState } from 'react';
import { Button, Card, Flex, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
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
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (entry) => <AuditEntryDetails entry={entry} /> }}
          columns={[
            { title: t('audit.seq'), dataIndex: 'seq', width: 90 },
            { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v) },
            {
              title: t('audit.actor'),
              dataIndex: 'actorDisplayName',
              render: (_: unknown, e: TAuditEntry) =>
                e.actorId ? (
                  <Tooltip title={t('auditLog.rawActor', { id: e.actorId, name: e.actorName ?? '' })}>
                    <span data-testid="audit-actor">{e.actorDisplayName ?? e.actorName ?? e.actorId}</span>
                  </Tooltip>
                ) : (
                  <span data-testid="audit-actor">{e.actorName && e.actorName !== 'system' ? e.actorName : t('audit.system')}</span>
                ),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => (
                <Tooltip title={t('auditLog.rawCode', { code: v })}>
                  <span data-testid="audit-action" data-code={v}>
                    {t(`auditAction.${v}`, { defaultValue: v })}
                  </span>
                </Tooltip>
              ),
            },
            { title: t('audit.objectType'), dataIndex: 'objectType', render: (v: string) => t(`auditObject.${v}`, { defaultValue: v }) },
            {
              title: t('auditLog.object'),
              dataIndex: 'objectLabel',
              width: 200,
              render: (_: unknown, e: TAuditEntry) => <AuditObject entry={e} />,
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The object as a person recognises it (a case by its number, linking to it); the raw id in a tooltip. */
function AuditObject({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  if (!entry.objectId) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  // Nothing names it (a customer, a model): the id's start, enough to tell entries apart.
  const name = entry.objectLabel ?? (UUID.test(entry.objectId) ? `${entry.objectId.slice(0, 8)}…` : entry.objectId);
  return (
    <Tooltip title={entry.objectId}>
      {entry.objectType === 'case' && entry.objectLabel ? (
        <Link to={`/cases/${encodeURIComponent(entry.objectId)}`} data-testid="audit-object" data-id={entry.objectId}>
          {name}
        </Link>
      ) : (
        <span data-testid="audit-object" data-id={entry.objectId}>
          {name}
        </span>
      )}
    </Tooltip>
  );
}
