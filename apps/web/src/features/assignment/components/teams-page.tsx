import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TTeam } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { useOrgUnits } from '@/lib/org-units';
import { useTeams } from '../api';
import { TeamFormModal } from './team-form-modal';

type Editing = { mode: 'create' } | { mode: 'edit'; team: TTeam };

/** 处理团队: the teams of my subtree, their members (in rotation order) and skills. */
export function TeamsPage() {
  const { t } = useTranslation();
  const canManage = useCan('teams.manage');
  const { data: teams = [], isFetching } = useTeams();
  const { data: units = [] } = useOrgUnits();
  const [editing, setEditing] = useState<Editing>();
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? t('common.none');

  return (
    <Card
      title={t('assignment.teams.title')}
      extra={
        canManage && (
          <Button id="teams-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            {t('assignment.teams.create')}
          </Button>
        )
      }
    >
      <Table<TTeam>
        id="teams-table"
        rowKey="id"
        loading={isFetching}
        dataSource={teams}
        pagination={false}
        locale={{ emptyText: t('assignment.teams.empty') }}
        onRow={(team) => ({ onClick: () => canManage && setEditing({ mode: 'edit', team }), style: canManage ? { cursor: 'pointer' } : undefined })}
        columns={[
          {
            title: t('assignment.teams.name'),
            dataIndex: 'name',
            render: (name: string, team) => (
              <Space>
                <Typography.Text strong>{name}</Typography.Text>
                {!team.active && <Tag>{t('assignment.teams.inactive')}</Tag>}
              </Space>
            ),
          },
          { title: t('assignment.teams.orgUnit'), dataIndex: 'orgUnitId', render: (id: string) => unitName(id) },
          { title: t('assignment.teams.strategy'), dataIndex: 'strategy', render: (s: TTeam['strategy']) => t(`assignment.strategy.${s}`) },
          {
            title: t('assignment.teams.members'),
            key: 'members',
            render: (_v, team) => (
              <Space wrap size={[4, 4]}>
                {team.members.map((m) => (
                  <Tag key={m.userId} title={m.skills.map((s) => t(`assignment.skill.${s}`)).join('、')}>
                    {m.displayName}
                    {m.skills.length > 0 && ` · ${m.skills.map((s) => t(`assignment.skill.${s}`)).join('、')}`}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {editing && <TeamFormModal team={editing.mode === 'edit' ? editing.team : undefined} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
