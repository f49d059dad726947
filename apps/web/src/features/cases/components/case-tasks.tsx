import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FINAL_STATUSES, type TCaseDetail, type TCaseTask } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { formatShortDateTime } from '@/lib/format';
import { useDepartments } from '@/lib/departments';
import { useUserNames } from '@/lib/users-lookup';
import { TaskCompleteModal } from './task-complete-modal';
import { TaskCreateModal } from './task-create-modal';

const STATUS_COLORS: Record<TCaseTask['status'], string> = { open: 'processing', done: 'green', cancelled: 'default' };

/** Sub-tasks asked of other departments; blocking ones must be finished before the answer. */
export function CaseTasks({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const canCreate = useCan('cases.work') && !FINAL_STATUSES.includes(detail.status);
  const canWork = useCan('tasks.work');
  const nameOf = useUserNames();
  const { data: units = [] } = useDepartments();
  const [creating, setCreating] = useState(false);
  const [finishing, setFinishing] = useState<{ task: TCaseTask; status: 'done' | 'cancelled' }>();

  return (
    <Card
      title={t('tasks.title')}
      id="case-tasks"
      extra={
        canCreate && (
          <Button id="task-create" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tasks.create')}
          </Button>
        )
      }
    >
      <Table<TCaseTask>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.tasks}
        locale={{ emptyText: t('tasks.empty') }}
        onRow={(task) => ({ 'data-testid': 'case-task', 'data-status': task.status } as HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: t('tasks.taskTitle'),
            dataIndex: 'title',
            render: (title: string, task) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {title} {task.blocking && <Tag color="orange">{t('tasks.blockingTag')}</Tag>}
                </span>
                {task.result && <Typography.Text type="secondary">{task.result}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('tasks.department'), dataIndex: 'orgUnitId', render: (id: string) => units.find((u) => u.id === id)?.name ?? t('common.none') },
          { title: t('tasks.owner'), dataIndex: 'ownerId', render: (id: string | null) => (id ? (nameOf(id) ?? t('cases.someone')) : t('common.none')) },
          { title: t('tasks.dueAt'), dataIndex: 'dueAt', render: (v: string | null) => formatShortDateTime(v) },
          { title: t('tasks.status'), dataIndex: 'status', render: (s: TCaseTask['status']) => <Tag color={STATUS_COLORS[s]}>{t(`taskStatus.${s}`)}</Tag> },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v, task) =>
              canWork && task.status === 'open' ? (
                <Space size={0}>
                  <Button type="link" size="small" data-testid="task-complete" onClick={() => setFinishing({ task, status: 'done' })}>
                    {t('tasks.complete')}
                  </Button>
                  <Button type="link" size="small" danger data-testid="task-cancel" onClick={() => setFinishing({ task, status: 'cancelled' })}>
                    {t('tasks.cancel')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {creating && <TaskCreateModal caseId={detail.id} onClose={() => setCreating(false)} />}
      {finishing && <TaskCompleteModal caseId={detail.id} {...finishing} onClose={() => setFinishing(undefined)} />}
    </Card>
  );
}
