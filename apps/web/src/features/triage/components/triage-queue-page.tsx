import { App, Button, Card, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CLASSIFIED_FIELDS, type TCaseSummary } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { errorMessage } from '@/lib/errors';
import { formatShortDateTime } from '@/lib/format';
import { useCaseList } from '@/features/cases/api';
import { useCategories, useClassify } from '../api';
import { acceptedBody, ClassifyModal } from './classify-modal';
import { PredictionLine } from './prediction';

/** The human triage queue: new cases triage was not sure about, accepted or corrected in one click. */
export function TriageQueuePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWork = useCan('cases.work');
  const [page, setPage] = useState({ limit: 50, offset: 0 });
  const { data, isFetching } = useCaseList({ queue: 'triage', ...page });
  const { data: categories } = useCategories();
  const classify = useClassify();
  const [correcting, setCorrecting] = useState<TCaseSummary | null>(null);

  const accept = async (c: TCaseSummary) => {
    try {
      await classify.mutateAsync({ id: c.id, version: c.version, body: acceptedBody(c, categories) });
      void message.success(t('triage.accepted'));
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <Card title={t('triage.queueTitle')}>
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('triage.queueHint')}</Typography.Text>
        <Table<TCaseSummary>
          id="triage-table"
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          onRow={(c) => ({ 'data-number': c.number }) as React.HTMLAttributes<HTMLElement>}
          pagination={{ current: page.offset / page.limit + 1, pageSize: page.limit, total: data?.total ?? 0, onChange: (p, size) => setPage({ limit: size, offset: (p - 1) * size }) }}
          columns={[
            { title: t('cases.number'), dataIndex: 'number', width: 170, render: (n: string, c) => <Link to={`/cases/${c.id}`}>{n}</Link> },
            {
              title: t('cases.title'),
              dataIndex: 'title',
              render: (title: string, c) => (
                <Flex vertical gap={4}>
                  <Typography.Text>{title}</Typography.Text>
                  <Typography.Text type="secondary">{formatShortDateTime(c.receivedAt)}</Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('triage.predictions'),
              key: 'predictions',
              render: (_v, c) => (
                <Flex vertical gap={2}>
                  {CLASSIFIED_FIELDS.map((f) => (
                    <PredictionLine key={f} field={f} prediction={c.classification?.[f]} categories={categories} />
                  ))}
                </Flex>
              ),
            },
            ...(canWork
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 150,
                    render: (_v: unknown, c: TCaseSummary) => (
                      <Flex gap={8}>
                        <Button type="primary" size="small" data-testid={`triage-accept-${c.number}`} loading={classify.isPending && classify.variables?.id === c.id} onClick={() => void accept(c)}>
                          {t('triage.accept')}
                        </Button>
                        <Button size="small" data-testid={`triage-correct-${c.number}`} onClick={() => setCorrecting(c)}>
                          {t('triage.correct')}
                        </Button>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Flex>
      <ClassifyModal
        target={correcting}
        categories={categories}
        onClose={() => setCorrecting(null)}
        onDone={() => {
          setCorrecting(null);
          void message.success(t('triage.corrected'));
        }}
      />
    </Card>
  );
}
