import { useState } from 'react';
import { Alert, Button, Card, Flex, Space, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { CASE_KINDS, CHANNELS, PRIORITIES, QUEUE_STATUSES, type CaseStatus, type TCaseSummary } from '@loopdesk/core';
import { NotFoundPage } from '@/components/status-pages';
import { isCaseQueue } from '@/config/navigation';
import { useCan } from '@/lib/auth';
import { useMyTeams } from '@/lib/teams';
import { SavedViewsBar } from '@/features/views/components/saved-views-bar';
import { useCaseList, type CaseFilters as Filters } from '../api';
import { BulkAssignModal } from './bulk-assign-modal';
import { CaseFilters } from './case-filters';
import { CasesTable } from './cases-table';

/** The server's CSV of the list as filtered now (no paging); the session cookie goes along with the link. */
function exportHref(queue: string, filters: Filters): string {
  const params = new URLSearchParams({ queue });
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  return `/api/cases/export?${params.toString()}`;
}

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

/** Filters live in the address, so a queue can be bookmarked and Back returns to it; a status the queue does not hold is dropped. */
function useQueueParams(statuses: readonly CaseStatus[]) {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    status: oneOf(statuses, params.get('status')),
    kind: oneOf(CASE_KINDS, params.get('kind')),
    channel: oneOf(CHANNELS, params.get('channel')),
    priority: oneOf(PRIORITIES, params.get('priority')),
    q: params.get('q') || undefined,
  };
  const limit = Math.min(200, Math.max(1, Number(params.get('limit')) || 50));
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const update = (next: Filters, page = { limit, offset: 0 }) => {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) out.set(k, String(v));
    if (page.limit !== 50) out.set('limit', String(page.limit));
    if (page.offset > 0) out.set('offset', String(page.offset));
    setParams(out, { replace: true });
  };
  return { filters, page: { limit, offset }, update };
}

/** The team queue names the teams it holds the cases of, or says why it is empty: the user is in none. */
function MyTeamsNote() {
  const { t } = useTranslation();
  const { data: teams } = useMyTeams();
  if (!teams) return null;
  if (teams.length === 0) return <Alert id="my-teams-none" type="info" showIcon title={t('caseQueue.noTeam')} />;
  return (
    <Typography.Text type="secondary" id="my-teams">
      {t('caseQueue.myTeams', { names: teams.map((x) => x.name).join('、') })}
    </Typography.Text>
  );
}

/** 工单 queues: 我的工单, 未分配, 待受理, 即将到期, 已超期, 等待客户, 全部未结, 全部. */
export function CaseQueuePage() {
  const { t } = useTranslation();
  const { queue } = useParams();
  const canIntake = useCan('cases.intake');
  const canWork = useCan('cases.work');
  const [selected, setSelected] = useState<TCaseSummary[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const valid = isCaseQueue(queue);
  const statuses = QUEUE_STATUSES[valid ? queue : 'open'];
  const { filters, page, update } = useQueueParams(statuses);
  const { data, isFetching } = useCaseList({ queue: valid ? queue : 'open', ...filters, ...page });
  if (!valid) return <NotFoundPage />;

  return (
    <Card
      title={t(`caseQueue.${queue}`)}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} href={exportHref(queue, filters)} download data-testid="cases-export">
            {t('cases.exportCsv')}
          </Button>
          {canIntake && (
            <Link to="/cases/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('nav.newCase')}
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      <Flex vertical gap={16}>
        {queue === 'team' && <MyTeamsNote />}
        <SavedViewsBar current={{ queue, ...filters }} />
        <CaseFilters value={filters} statuses={statuses} onChange={(next) => update(next)} />
        {canWork && selected.length > 0 && (
          <Space>
            <Typography.Text>{t('assignment.bulk.selected', { n: selected.length })}</Typography.Text>
            <Button icon={<UserSwitchOutlined />} data-testid="bulk-assign" onClick={() => setBulkOpen(true)}>
              {t('assignment.bulk.action')}
            </Button>
          </Space>
        )}
        <CasesTable
          cases={data?.items ?? []}
          total={data?.total ?? 0}
          more={data?.more ?? false}
          loading={isFetching}
          page={page}
          onPage={(p) => update(filters, p)}
          selection={canWork ? { selected, onChange: setSelected } : undefined}
        />
      </Flex>
      {bulkOpen && (
        <BulkAssignModal
          cases={selected}
          onClose={() => setBulkOpen(false)}
          onDone={(assigned) => setSelected((prev) => prev.filter((c) => !assigned.includes(c.id)))}
        />
      )}
    </Card>
  );
}
