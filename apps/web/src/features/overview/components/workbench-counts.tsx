import { Alert, Card, Col, Row, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TWorkbenchCounts, WorkbenchCount } from '@loopdesk/core';
import { caseQueuePath, isCaseQueue } from '@/config/navigation';
import { useCurrentUser } from '@/lib/auth';
import { useWorkbenchCounts } from '../api';

type Item = TWorkbenchCounts['items'][number];

/** Counts that call for action when above zero are shown in red. */
const ALARMING: readonly WorkbenchCount[] = ['overdue', 'review_due_soon'];
const WARNING: readonly WorkbenchCount[] = ['due_soon', 'regulator_referrals'];

/** The case list a count is the size of: its queue with the count's filters. */
function listPath(item: Item): string {
  const { queue, ...filters } = item.query;
  // The human triage queue has a page of its own.
  const path = queue === 'triage' ? '/triage' : isCaseQueue(queue) ? caseQueuePath(queue) : caseQueuePath('open');
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** 待办概览: for each queue that matters to my roles, how many cases it holds, each opening that queue. */
export function WorkbenchCounts() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { data, isLoading, isError } = useWorkbenchCounts(me.permissions.includes('cases.read'));
  if (!me.permissions.includes('cases.read')) return null;
  if (isError) return <Alert type="warning" showIcon title={t('workbench.failed')} />;
  if (isLoading || !data) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (data.items.length === 0) return null;
  return (
    <section id="workbench-counts" aria-labelledby="workbench-counts-title">
      <Typography.Title level={5} id="workbench-counts-title" style={{ marginTop: 0 }}>
        {t('workbench.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('workbench.scope', { unit: me.orgUnitName })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {data.items.map((item) => {
          const color = item.total === 0 && !item.more ? undefined : ALARMING.includes(item.key) ? '#cf1322' : WARNING.includes(item.key) ? '#d46b08' : undefined;
          return (
            <Col key={item.key} xs={12} sm={8} lg={6} xl={4}>
              <Tooltip title={t(`workbench.hints.${item.key}`)}>
                <Link to={listPath(item)} data-testid={`workbench-count-${item.key}`} data-count={item.total} data-more={item.more ? 'true' : 'false'}>
                  <Card hoverable size="small">
                    <Statistic
                      title={t(`workbench.counts.${item.key}`)}
                      value={item.more ? t('workbench.more', { n: item.total }) : item.total}
                      styles={{ content: color ? { color } : undefined }}
                    />
                  </Card>
                </Link>
              </Tooltip>
            </Col>
          );
        })}
      </Row>
    </section>
  );
}
