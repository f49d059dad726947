import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TMajorCaseRule } from '@loopdesk/core';
import { RuleConditionTags } from '@/components/rule-conditions';
import { formatYuan } from '@/lib/format';
import { useUserNames } from '@/lib/users-lookup';
import { useDeleteMajorRule, useMajorRules, useSaveMajorRule } from '../api';
import { MajorRuleFormModal } from './major-rule-form-modal';

type Editing = { mode: 'create' } | { mode: 'edit'; rule: TMajorCaseRule };

/** 重大投诉规则: the ordered rules that mark a case major, each with its default expert panel. */
export function MajorRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: rules = [], isFetching } = useMajorRules();
  const save = useSaveMajorRule();
  const remove = useDeleteMajorRule();
  const nameOf = useUserNames();
  const [editing, setEditing] = useState<Editing>();

  const extraTags = (r: TMajorCaseRule) => [
    ...(r.conditions.amountAtLeast === undefined || r.conditions.amountAtLeast === null ? [] : [t('panel.rules.amountTag', { amount: formatYuan(r.conditions.amountAtLeast) })]),
    ...(r.conditions.riskFlags ?? []).map((f) => t(`riskFlag.${f}`)),
  ];

  return (
    <Card
      title={t('panel.rules.title')}
      extra={
        <Button id="major-rules-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
          {t('panel.rules.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('panel.rules.hint')}</Typography.Paragraph>
      <Table<TMajorCaseRule>
        id="major-rules-table"
        rowKey="id"
        loading={isFetching}
        dataSource={rules}
        pagination={false}
        columns={[
          { title: t('panel.rules.position'), dataIndex: 'position', width: 70 },
          { title: t('panel.rules.name'), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
          {
            title: t('panel.rules.conditions'),
            key: 'conditions',
            render: (_v, r) => (
              <Space wrap size={[4, 4]}>
                <RuleConditionTags conditions={r.conditions} extra={extraTags(r)} />
              </Space>
            ),
          },
          {
            title: t('panel.rules.panelMembers'),
            key: 'panel',
            render: (_v, r) =>
              r.panelMemberIds.length === 0 ? (
                <Typography.Text type="secondary">{t('panel.rules.noPanel')}</Typography.Text>
              ) : (
                <Space orientation="vertical" size={0}>
                  <span>{r.panelMemberIds.map((id) => nameOf(id) ?? id).join('、')}</span>
                  <Typography.Text type="secondary">{r.quorum ? t('panel.quorumOf', { n: r.quorum }) : t('panel.quorumMajority')}</Typography.Text>
                </Space>
              ),
          },
          {
            title: t('panel.rules.active'),
            dataIndex: 'active',
            width: 80,
            render: (active: boolean, r) => (
              <Switch size="small" checked={active} loading={save.isPending} onChange={(checked) => save.mutate({ id: r.id, update: { version: r.version, active: checked } })} />
            ),
          },
          {
            key: 'actions',
            width: 150,
            render: (_v, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ mode: 'edit', rule: r })}>
                  {t('panel.rules.edit')}
                </Button>
                <Popconfirm
                  title={t('panel.rules.deleteConfirm', { name: r.name })}
                  onConfirm={() => remove.mutate({ id: r.id, version: r.version }, { onSuccess: () => void message.success(t('panel.rules.deleted')) })}
                >
                  <Button size="small" danger>
                    {t('panel.rules.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <MajorRuleFormModal rule={editing.mode === 'edit' ? editing.rule : undefined} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
