import type { HTMLAttributes } from 'react';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { offsetPagination, type OffsetPage } from '@/lib/pagination';
import { Link, useNavigate } from 'react-router';
import type { TCaseSummary } from '@loopdesk/core';
import { formatShortDateTime } from '@/lib/format';
import { useUserNames } from '@/lib/users-lookup';
import { DueBadge, MajorTag, PriorityTag, SlaBadge, StatusTag } from './case-tags';

interface Props {
  cases: TCaseSummary[];
  total: number;
  /** More cases match than `total` (the count stopped at its limit). */
  more: boolean;
  loading: boolean;
  page: OffsetPage;
  onPage: (page: OffsetPage) => void;
  /** Row selection for bulk actions; absent for users who may not take them. */
  selection?: { selected: TCaseSummary[]; onChange: (rows: TCaseSummary[]) => void };
}

/** A queue: one row per case; a click opens it. */
export function CasesTable({ cases, total, more, loading, page, onPage, selection }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const nameOf = useUserNames();
  return (
    <Table<TCaseSummary>
      id="cases-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={cases}
      // The columns' widths and the selection box: the width of the console's content at 1440 px.
      scroll={{ x: 1125 }}
      onRow={(c) => ({ onClick: () => void navigate(`/cases/${c.id}`), style: { cursor: 'pointer' }, 'data-number': c.number }) as HTMLAttributes<HTMLElement>}
      pagination={offsetPagination(page, total, onPage, more)}
      rowSelection={
        selection && {
          selectedRowKeys: selection.selected.map((c) => c.id),
          // Rows of other pages stay selected; their summaries are kept from when they were picked.
          preserveSelectedRowKeys: true,
          onChange: (_keys, rows) => selection.onChange(rows.filter(Boolean)),
          // A click on the box selects; it must not open the case as a click on the row does.
          renderCell: (_checked, c, _i, node) => (
            <span onClick={(e) => e.stopPropagation()} data-testid={`select-${c.number}`}>
              {node}
            </span>
          ),
        }
      }
      columns={[
        {
          // The number and the title together: the title is what a handler reads first.
          title: `${t('cases.number')} · ${t('cases.title')}`,
          dataIndex: 'number',
          fixed: 'start',
          width: 240,
          render: (n: string, c) => (
            <div style={{ minWidth: 0 }}>
              <Link to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()}>
                {n}
              </Link>
              <div style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0 }}>
                <MajorTag major={c.major} />
                <Typography.Text data-testid="case-title" title={c.title} ellipsis>
                  {c.title}
                </Typography.Text>
              </div>
            </div>
          ),
        },
        {
          title: `${t('cases.kind')} · ${t('cases.channel')}`,
          key: 'kindChannel',
          width: 115,
          render: (_v, c) => `${t(`caseKind.${c.kind}`)} · ${t(`channel.${c.channel}`)}`,
        },
        { title: t('cases.priority'), dataIndex: 'priority', width: 72, render: (_v, c) => <PriorityTag priority={c.priority} /> },
        { title: t('cases.status'), dataIndex: 'status', width: 90, render: (_v, c) => <StatusTag status={c.status} /> },
        { title: t('cases.customer'), dataIndex: 'customerName', width: 100, ellipsis: true, render: (n: string | null) => n ?? t('common.none') },
        { title: t('cases.receivedAt'), dataIndex: 'receivedAt', width: 135, render: (v: string) => formatShortDateTime(v) },
        {
          title: t('cases.regulatoryDue'),
          dataIndex: 'regulatoryDueAt',
          width: 140,
          render: (_v, c) => <DueBadge dueAt={c.regulatoryDueAt} provisional={c.regulatoryDueProvisional} status={c.status} suspendedSince={c.regulatorySuspendedSince} reviewDueAt={c.reviewDueAt} />,
        },
        {
          title: t('sla.column'),
          dataIndex: 'slaDueAt',
          width: 105,
          render: (_v, c) => <SlaBadge status={c.slaStatus} dueAt={c.slaDueAt} />,
        },
        {
          title: t('cases.assignee'),
          dataIndex: 'assigneeId',
          width: 96,
          render: (id: string | null) => (id ? (nameOf(id) ?? t('cases.someone')) : <Typography.Text type="secondary">{t('cases.unassigned')}</Typography.Text>),
        },
      ]}
    />
  );
}
