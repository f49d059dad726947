import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { EllipsisOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TSavedView, TSavedViewFilters } from '@loopdesk/core';
import { useCan, useCurrentUser } from '@/lib/auth';
import { placeFieldErrors } from '@/lib/errors';
import { useTeams } from '@/lib/teams';
import { useDeleteView, useSavedViews, useSaveView } from '../api';

/** The address of a view: its queue, and its filters as the queue page reads them. */
export function viewPath(f: TSavedViewFilters): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'kind', 'channel', 'priority', 'customerId', 'q'] as const) {
    const v = f[key];
    if (v) params.set(key, v);
  }
  const query = params.toString();
  return `/cases/queue/${f.queue}${query ? `?${query}` : ''}`;
}

interface Props {
  /** The filters on screen now: what "save view" keeps. */
  current: TSavedViewFilters;
}

/** 我的视图: saved filter sets next to the built-in queues; open one, save the current filters, rename or delete one's own. */
export function SavedViewsBar({ current }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const { data: views = [] } = useSavedViews();
  const remove = useDeleteView();
  const [editing, setEditing] = useState<{ view?: TSavedView }>();
  const same = (v: TSavedView) => viewPath(v.filters) === viewPath(current);

  return (
    <Space wrap id="saved-views">
      <Typography.Text type="secondary">{t('views.title')}</Typography.Text>
      {views.length === 0 && <Typography.Text type="secondary">{t('views.none')}</Typography.Text>}
      {views.map((v) => (
        <Space.Compact key={v.id} data-testid="saved-view" data-name={v.name}>
          <Button size="small" type={same(v) ? 'primary' : 'default'} data-testid="saved-view-open" onClick={() => void navigate(viewPath(v.filters))}>
            {v.name}
            {(v.sharedWithOrgUnitId || v.sharedWithTeamId) && (
              <Tag bordered={false} style={{ marginInlineEnd: 0, marginInlineStart: 4 }}>
                {v.mine ? t('views.shared') : v.ownerName}
              </Tag>
            )}
          </Button>
          {v.mine && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'rename', label: t('views.rename') },
                  { key: 'delete', danger: true, label: t('views.delete') },
                ],
                onClick: ({ key }) => {
                  if (key === 'rename') setEditing({ view: v });
                  else
                    modal.confirm({
                      title: t('views.deleteConfirm', { name: v.name }),
                      onOk: () => remove.mutateAsync({ id: v.id, version: v.version }).then(() => void message.success(t('views.deleted'))),
                    });
                },
              }}
            >
              <Button size="small" icon={<EllipsisOutlined />} aria-label={t('views.more')} data-testid="saved-view-menu" />
            </Dropdown>
          )}
        </Space.Compact>
      ))}
      <Button size="small" icon={<SaveOutlined />} data-testid="saved-view-save" onClick={() => setEditing({})}>
        {t('views.save')}
      </Button>
      {editing && <ViewModal view={editing.view} current={current} onClose={() => setEditing(undefined)} />}
    </Space>
  );
}

/** Whom a view is for: nobody else, the user's own unit, or one of the teams they run. */
type Audience = 'private' | 'unit' | `team:${string}`;

function audienceOf(view?: TSavedView): Audience {
  if (view?.sharedWithTeamId) return `team:${view.sharedWithTeamId}`;
  return view?.sharedWithOrgUnitId ? 'unit' : 'private';
}

function ViewModal({ view, current, onClose }: { view?: TSavedView; current: TSavedViewFilters; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  // Those who run teams (supervisors) share views with their unit or a team, as the server allows.
  const canShare = useCan('teams.manage');
  const { data: teams = [] } = useTeams(canShare);
  const [form] = Form.useForm<{ name: string; audience?: Audience }>();
  const save = useSaveView();
  const send = (v: { name: string; audience?: Audience }) => {
    const audience = v.audience ?? 'private';
    const sharing = {
      sharedWithOrgUnitId: audience === 'unit' ? (view?.sharedWithOrgUnitId ?? me.orgUnitId) : null,
      sharedWithTeamId: audience.startsWith('team:') ? audience.slice('team:'.length) : null,
    };
    const name = v.name.trim();
    save.mutate(view ? { id: view.id, update: { version: view.version, name, ...(canShare ? sharing : {}) } } : { create: { name, filters: current, ...sharing } }, {
      onSuccess: () => {
        void message.success(t(view ? 'views.renamed' : 'views.saved'));
        onClose();
      },
      onError: (error) => placeFieldErrors(form, error, { rename: { sharedWithOrgUnitId: 'audience', sharedWithTeamId: 'audience' } }),
    });
  };
  const audiences = [
    { value: 'private', label: t('views.private') },
    { value: 'unit', label: t('views.shareUnit', { unit: me.orgUnitName }) },
    ...teams.map((team) => ({ value: `team:${team.id}`, label: t('views.shareTeam', { team: team.name }) })),
  ];
  return (
    <Modal open title={view ? t('views.rename') : t('views.save')} okButtonProps={{ id: 'saved-view-ok' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" name="saved-view" onFinish={send} initialValues={{ name: view?.name ?? '', audience: audienceOf(view) }}>
        <Form.Item name="name" label={t('views.name')} rules={[{ required: true, whitespace: true, max: 60, message: t('common.required') }]}>
          <Input id="saved-view-name" maxLength={60} />
        </Form.Item>
        {canShare && (
          <Form.Item name="audience" label={t('views.audience')} extra={t('views.shareHint')}>
            <Select id="saved-view-audience" options={audiences} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
