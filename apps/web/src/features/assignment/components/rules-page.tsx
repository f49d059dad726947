import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TAssignmentRule } from '@loopdesk/core';
import { RuleConditionTags } from '@/components/rule-conditions';
import { useDeleteRule, useRules, useSaveRule, useTeams } from '../api';
import { RuleFormModal } from './rule-form-modal';
import { RuleTestCard } from './rule-test-card';

type Editing = { mode: 'create' } | { mode: 'edit'; rule: TAssignmentRule };

/** 分派规则: the ordered rules, each with its conditions, team and skill; and a trial on a case. */
export function RulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: rules = [], isFetching } = useRules();
  const { data: teams = [] } = useTeams();
  const save = useSaveRule();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<Editing>();

  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? t('common.none');
  return (
    <Flex vertical gap={16}>
      <Card
        title={t('assignment.rules.title')}
        extra={
          <Button id="rules-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            {t('assignment.rules.create')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('assignment.rules.hint')}</Typography.Paragraph>
        <Table<TAssignmentRule>
          id="rules-table"
          rowKey="id"
          loading={isFetching}
          dataSource={rules}
          pagination={false}
          columns={[
            { title: t('assignment.rules.position'), dataIndex: 'position', width: 70 },
            { title: t('assignment.rules.name'), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
            { title: t('assignment.rules.conditions'), key: 'conditions', render: (_v, r) => <Space wrap size={[4, 4]}><RuleConditionTags conditions={r.conditions} /></Space> },
            { title: t('assignment.rules.team'), dataIndex: 'teamId', render: (id: string) => teamName(id) },
            {
              title: t('assignment.rules.requiredSkill'),
              dataIndex: 'requiredSkill',
              render: (s: string | null) => (s ? t(`assignment.skill.${s}`) : t('assignment.rules.noSkill')),
            },
            {
              title: t('assignment.rules.active'),
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
                    {t('assignment.rules.edit')}
                  </Button>
                  <Popconfirm
                    title={t('assignment.rules.deleteConfirm', { name: r.name })}
                    onConfirm={() => remove.mutate({ id: r.id, version: r.version }, { onSuccess: () => void message.success(t('assignment.rules.deleted')) })}
                  >
                    <Button size="small" danger>
                      {t('assignment.rules.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RuleTestCard rules={rules} teamName={teamName} />
      {editing && <RuleFormModal rule={editing.mode === 'edit' ? editing.rule : undefined} teams={teams} onClose={() => setEditing(undefined)} />}
    </Flex>
  );
}
