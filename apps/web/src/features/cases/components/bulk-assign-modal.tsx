import { useState } from 'react';
import { Alert, App, Form, Input, List, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TBulkAssignResult, TCaseSummary } from '@loopdesk/core';
import { UserSelect } from '@/components/user-select';
import { useCan } from '@/lib/auth';
import { applyFieldErrors } from '@/lib/errors';
import { useTeams } from '@/lib/teams';
import { i18n } from '@/i18n';
import { useFormRules } from '@/lib/form-rules';
import { useBulkAssign } from '../api';

interface Props {
  cases: TCaseSummary[];
  onClose: () => void;
  /** After the server answered: the cases that were assigned (to clear them from the selection). */
  onDone: (assignedIds: string[]) => void;
}

interface Values {
  to: 'person' | 'team';
  assigneeId?: string;
  teamId?: string;
  reason?: string;
}

/** The translated reason a case was refused: the lifecycle's own error codes. */
function refusalText(r: TBulkAssignResult['results'][number], c: TCaseSummary | undefined): string {
  // The lifecycle assigns a case once accepted: a new one (as the queue showed it) is accepted first.
  if (r.code === 'conflict' && r.field === 'action' && c?.status === 'new') return i18n.t('assignment.bulk.acceptFirst');
  const key = `errors.${r.code ?? 'unknown'}`;
  return i18n.exists(key) ? i18n.t(key) : (r.message ?? i18n.t('errors.unknown'));
}

/** Assigns the selected cases to one person; each is assigned or refused on its own. */
export function BulkAssignModal({ cases, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const bulk = useBulkAssign();
  const canSeeTeams = useCan('teams.read');
  const { data: teams = [] } = useTeams(canSeeTeams);
  const to = Form.useWatch('to', form) ?? 'person';
  const [refused, setRefused] = useState<{ number: string; text: string }[]>([]);
  // The count asked for, kept while the selection shrinks to the refused cases.
  const [count] = useState(cases.length);

  const submit = (v: Values) =>
    bulk.mutate(
      {
        cases: cases.map((c) => ({ id: c.id, version: c.version })),
        ...(v.to === 'team' ? { teamId: v.teamId } : { assigneeId: v.assigneeId }),
        reason: v.reason?.trim() || null,
      },
      {
        onSuccess: ({ results }) => {
          const ok = results.filter((r) => r.ok);
          const bad = results.filter((r) => !r.ok);
          void message.info(t('assignment.bulk.done', { ok: ok.length, refused: bad.length }));
          onDone(ok.map((r) => r.id));
          if (bad.length === 0) onClose();
          else
            setRefused(
              bad.map((r) => {
                const c = cases.find((x) => x.id === r.id);
                return { number: c?.number ?? r.id, text: refusalText(r, c) };
              }),
            );
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );

  return (
    <Modal
      open
      title={t('assignment.bulk.title', { n: count })}
      okText={t('assignment.bulk.action')}
      okButtonProps={{ id: 'bulk-assign-submit', disabled: refused.length > 0 }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={bulk.isPending}
    >
      <Form form={form} layout="vertical" name="bulk-assign" onFinish={submit} initialValues={{ to: 'person' }}>
        {canSeeTeams && teams.length > 0 && (
          <Form.Item name="to">
            <Radio.Group
              id="bulk-assign-to"
              options={[
                { value: 'person', label: t('assignment.bulk.toPerson') },
                { value: 'team', label: t('assignment.bulk.toTeam') },
              ]}
            />
          </Form.Item>
        )}
        {to === 'team' ? (
          <Form.Item label={t('assignment.bulk.team')} name="teamId" extra={t('assignment.bulk.teamHint')} rules={[rules.choose]}>
            <Select id="bulk-assign-team" options={teams.filter((x) => x.active).map((x) => ({ value: x.id, label: `${x.name} · ${t(`assignment.strategy.${x.strategy}`)}` }))} />
          </Form.Item>
        ) : (
          <Form.Item label={t('assignment.bulk.assignee')} name="assigneeId" rules={[rules.choose]}>
            <UserSelect id="bulk-assign-assignee" />
          </Form.Item>
        )}
        <Form.Item label={t('assignment.bulk.reason')} name="reason" extra={t('assignment.bulk.reasonHint')}>
          <Input.TextArea id="bulk-assign-reason" rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {refused.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="bulk-assign-refused"
          title={t('assignment.bulk.refusedTitle')}
          description={
            <List
              size="small"
              dataSource={refused}
              renderItem={(r) => (
                <List.Item>
                  <Typography.Text strong>{r.number}</Typography.Text>: {r.text}
                </List.Item>
              )}
            />
          }
        />
      )}
    </Modal>
  );
}
