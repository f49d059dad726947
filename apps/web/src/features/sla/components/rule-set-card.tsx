import { useState } from 'react';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TLimit, TRegulatoryRuleSetView } from '@loopdesk/core';
import { useChooseRuleSet, useInstitutionRuleSet, useRuleSets } from '../api';

/** 监管规则: the shipped regulatory rule sets with their limits, the institution's marked, and the choice of another. */
export function RuleSetCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: list, isLoading } = useRuleSets();
  const { data: current } = useInstitutionRuleSet();
  const choose = useChooseRuleSet();
  const [picked, setPicked] = useState<string>();

  if (isLoading || !list || !current) return <Card loading />;
  const selected = picked ?? current.ruleSetId;
  const limit = (l: TLimit) => t(`ruleSets.unit.${l.unit}`, { n: l.count });
  const save = () =>
    choose.mutate(
      { ruleSetId: selected },
      { onSuccess: (r) => void message.success(t('ruleSets.saved', { n: r.recomputedCases })) },
    );

  return (
    <Card
      title={t('ruleSets.title')}
      id="regulatory-rule-sets"
      extra={
        <Space>
          <Select
            data-testid="rule-set-select"
            style={{ width: 280 }}
            value={selected}
            options={list.ruleSets.map((s) => ({ value: s.id, label: `${s.title} (${s.jurisdiction})` }))}
            onChange={setPicked}
          />
          <Popconfirm title={t('ruleSets.confirm')} onConfirm={save} disabled={selected === current.ruleSetId}>
            <Button type="primary" data-testid="rule-set-save" loading={choose.isPending} disabled={selected === current.ruleSetId}>
              {t('ruleSets.save')}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('ruleSets.hint')}</Typography.Paragraph>
      <Table<TRegulatoryRuleSetView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.ruleSets}
        data-testid="rule-set-table"
        columns={[
          {
            title: t('ruleSets.name'),
            render: (_v, s) => (
              <Space orientation="vertical" size={0}>
                <Space>
                  <Typography.Text strong>{s.title}</Typography.Text>
                  {s.id === current.ruleSetId && <Tag color="blue">{t('ruleSets.current')}</Tag>}
                </Space>
                <Typography.Text type="secondary">{s.source}</Typography.Text>
              </Space>
            ),
          },
          { title: t('ruleSets.jurisdiction'), dataIndex: 'jurisdiction', width: 90 },
          {
            title: t('ruleSets.steps'),
            render: (_v, s) => (
              <Space orientation="vertical" size={0}>
                {s.steps.map((step) => (
                  <Typography.Text key={step.id}>
                    {step.id === s.primaryStep ? <Tag>{t('ruleSets.primary')}</Tag> : null}
                    {step.title}: {limit(step.limit)}
                    {step.extensions.length > 0 && ` → ${step.extensions.map((e) => limit(e.limit)).join(' → ')}`}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          {
            title: t('ruleSets.exclusions'),
            width: 180,
            render: (_v, s) => (s.exclusionsAllowed.length > 0 ? s.exclusionsAllowed.map((x) => t(`ruleSets.exclusion.${x.kind}`)).join('、') : t('ruleSets.none')),
          },
          { title: t('ruleSets.holidayShift'), width: 140, render: (_v, s) => t(`ruleSets.shift.${s.holidayShift}`) },
          { title: t('ruleSets.review'), width: 90, render: (_v, s) => (s.review ? t('ruleSets.yes') : t('ruleSets.no')) },
        ]}
      />
    </Card>
  );
}
