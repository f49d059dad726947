import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { THotTopic } from '@loopdesk/core';
import { useHotTopics } from '../api';

const TREND_COLOURS: Record<THotTopic['trend'], string> = { rising: 'red', new: 'volcano', steady: 'blue', falling: 'green' };

/** Similar open cases from several customers: possible mass complaints, with their trend. */
export function HotTopicsPage() {
  const { t } = useTranslation();
  const { data, isFetching } = useHotTopics();
  return (
    <Card title={t('triage.hotTopics')}>
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('triage.hotTopicsHint')}</Typography.Text>
        <Table<THotTopic>
          id="hot-topics-table"
          rowKey={(x) => x.representative.caseId}
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: t('triage.noHotTopics') }}
          pagination={false}
          columns={[
            {
              title: t('triage.example'),
              key: 'example',
              render: (_v, x) => (
                <Flex vertical>
                  <Link to={`/cases/${x.representative.caseId}`}>{x.representative.number}</Link>
                  <Typography.Text type="secondary">{x.representative.title}</Typography.Text>
                </Flex>
              ),
            },
            { title: t('triage.count'), dataIndex: 'count', width: 90 },
            { title: t('triage.customers'), dataIndex: 'customers', width: 90 },
            { title: t('triage.last7Days'), dataIndex: 'last7Days', width: 100 },
            { title: t('triage.before'), dataIndex: 'before', width: 90 },
            { title: t('triage.trend'), dataIndex: 'trend', width: 100, render: (v: THotTopic['trend']) => <Tag color={TREND_COLOURS[v]}>{t(`triage.trendValue.${v}`)}</Tag> },
          ]}
        />
      </Flex>
    </Card>
  );
}
