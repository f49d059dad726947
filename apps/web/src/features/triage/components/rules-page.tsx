import { App, Card, Flex, Select, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TKeywordRule } from '@loopdesk/core';
import { useCategories, useRules, useUpdateRule } from '../api';
import { useLabelText } from './prediction';

/** The keyword rules that classify before a model exists: words edited in place, rules switched on and off. */
export function RulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, isFetching } = useRules();
  const { data: categories } = useCategories();
  const labelText = useLabelText(categories);
  const update = useUpdateRule();
  const save = (r: TKeywordRule, change: { keywords?: string[]; active?: boolean }) =>
    void update.mutateAsync({ id: r.id, version: r.version, ...change }).then(() => message.success(t('triage.ruleSaved')));
  return (
    <Card title={t('triage.rules')}>
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('triage.rulesHint')}</Typography.Text>
        <Table<TKeywordRule>
          id="rules-table"
          rowKey="id"
          size="small"
          loading={isFetching}
          dataSource={data ?? []}
          pagination={false}
          columns={[
            { title: t('triage.predictions'), dataIndex: 'field', width: 120, render: (f: TKeywordRule['field']) => t(`triage.field.${f}`) },
            { title: t('triage.label'), dataIndex: 'label', width: 180, render: (l: string, r) => labelText(r.field, l) },
            {
              title: t('triage.keywords'),
              dataIndex: 'keywords',
              render: (k: string[], r) => (
                <Select mode="tags" style={{ width: '100%' }} value={k} onChange={(next: string[]) => next.length > 0 && save(r, { keywords: next })} />
              ),
            },
            { title: t('triage.enabled'), dataIndex: 'active', width: 80, render: (a: boolean, r) => <Switch checked={a} onChange={(active) => save(r, { active })} /> },
          ]}
        />
      </Flex>
    </Card>
  );
}
