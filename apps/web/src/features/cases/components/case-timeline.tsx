import { Card, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCaseDetail } from '@loopdesk/core';
import { formatDateTime, formatDeadline } from '@/lib/format';
import { useUserNames } from '@/lib/users-lookup';

type CaseEvent = TCaseDetail['events'][number];

const COLORS: Record<string, string> = { 'clock.warning': 'orange', 'clock.breach': 'red', 'review.warning': 'orange', 'review.breach': 'red', 'review.decided': 'green', escalated: 'red', reject: 'red', withdraw: 'gray', answer: 'green', resolve: 'green', close: 'gray', reopen: 'red' };

function field(data: unknown, key: string): string | undefined {
  if (!data || typeof data !== 'object' || !(key in data)) return undefined;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

/** A line of what the event carried that a reader wants: who got it, which sub-task, which case. */
function useEventDetail() {
  const { t } = useTranslation();
  const nameOf = useUserNames();
  return (e: CaseEvent): string | undefined => {
    const assignee = field(e.data, 'assigneeId');
    if (e.type === 'assign' && assignee) return t('timeline.assignedTo', { name: nameOf(assignee) ?? t('cases.someone') });
    if (e.type === 'answer' && field(e.data, 'outcome')) return t(`decisionOutcome.${field(e.data, 'outcome')}`);
    if (e.type === 'task.created') return field(e.data, 'title');
    if (e.type === 'task.done' || e.type === 'task.cancelled') return field(e.data, 'result');
    if (e.type === 'merge') return field(e.data, 'targetNumber');
    if (e.type === 'attachment.added') return field(e.data, 'fileName');
    if (e.type === 'merged_in' || e.type === 'split_out') return field(e.data, 'number');
    if (e.type === 'resolve' && field(e.data, 'resolution')) return t(`resolution.${field(e.data, 'resolution')}`);
    if ((e.type === 'regulatory_due_recomputed' || e.type.startsWith('regulatory.')) && e.data && typeof e.data === 'object' && 'to' in e.data) {
      const to = (e.data as { to: { regulatoryDueAt?: unknown; provisional?: unknown; suspendedSince?: unknown } }).to;
      if (typeof to.suspendedSince === 'string') return t('regulatory.suspendedSince', { at: formatDateTime(to.suspendedSince) });
      if (typeof to.regulatoryDueAt === 'string') return `${formatDeadline(to.regulatoryDueAt)}${to.provisional === true ? t('due.provisionalSuffix') : ''}`;
    }
    if (e.type === 'escalated' && assignee) {
      // Its reason is the clock and level that escalated it, said in words here.
      const level = /^warning_(\d+)$/.exec(field(e.data, 'level') ?? '');
      const because = field(e.data, 'clock') ? ` · ${t(`sla.clock.${field(e.data, 'clock')}`)} ${level ? t('sla.levelWarning', { n: level[1] }) : t('sla.levelBreach')}` : '';
      return `${t('timeline.assignedTo', { name: nameOf(assignee) ?? t('cases.someone') })}${because}`;
    }
    if ((e.type === 'clock.warning' || e.type === 'clock.breach') && field(e.data, 'clock')) {
      const level = field(e.data, 'level') ?? '';
      const warning = /^warning_(\d+)$/.exec(level);
      // Recorded late (after an outage): say when the level was reached.
      const reachedAt = field(e.data, 'reachedAt');
      const late = reachedAt && Date.parse(e.at) - Date.parse(reachedAt) > 60_000 ? ` · ${t('timeline.reachedAt', { at: formatDateTime(reachedAt) })}` : '';
      return `${t(`sla.clock.${field(e.data, 'clock')}`)} · ${warning ? t('sla.levelWarning', { n: warning[1] }) : t('sla.levelBreach')}${late}`;
    }
    if (e.type === 'decision_received' && field(e.data, 'receivedAt')) return formatDateTime(field(e.data, 'receivedAt'));
    if (e.type === 'reopen' && field(e.data, 'reopenKind')) return t(`reopenKind.${field(e.data, 'reopenKind')}`);
    if (e.type === 'marked_major') return field(e.data, 'ruleName');
    if (e.type === 'panel.opinion' && field(e.data, 'opinion')) return [t(`panel.opinions.${field(e.data, 'opinion')}`), field(e.data, 'comment')].filter(Boolean).join('：');
    if (e.type === 'team_assigned') return t('assignment.timeline.team', { name: nameOf(assignee) ?? t('cases.someone') });
    if (e.type === 'auto_assigned' || e.type === 'auto_queued') {
      // why: round_robin, least_loaded:<open cases>, or the reason nobody was eligible.
      const [why = '', n] = (field(e.data, 'why') ?? '').split(':');
      const reason = t(`assignment.why.${why}`, { defaultValue: why }) + (n === undefined ? '' : t('assignment.timeline.openCases', { n }));
      const rule = field(e.data, 'ruleName') ?? '';
      return e.type === 'auto_assigned'
        ? t('assignment.timeline.assigned', { rule, name: nameOf(assignee) ?? t('cases.someone'), why: reason })
        : t('assignment.timeline.queued', { rule, why: reason });
    }
    return undefined;
  };
}

/** The case's append-only timeline: every change, who, when and why. */
export function CaseTimeline({ events }: { events: TCaseDetail['events'] }) {
  const { t } = useTranslation();
  const nameOf = useUserNames();
  const detailOf = useEventDetail();
  return (
    <Card title={t('timeline.title')} id="case-timeline">
      <Timeline
        items={events.map((e) => ({
          key: e.seq,
          color: COLORS[e.type] ?? 'blue',
          content: (
            <Space orientation="vertical" size={0} data-testid="timeline-event" data-type={e.type}>
              <Space size={6} wrap>
                <Typography.Text strong>{t(`caseEvent.${e.type}`, { defaultValue: e.type })}</Typography.Text>
                {e.toStatus && e.fromStatus !== e.toStatus && (
                  <Typography.Text type="secondary">→ {t(`caseStatus.${e.toStatus}`, { defaultValue: e.toStatus })}</Typography.Text>
                )}
              </Space>
              {detailOf(e) && <Typography.Text>{detailOf(e)}</Typography.Text>}
              {e.reason && e.type !== 'escalated' && <Typography.Text type="secondary">{t('timeline.reason', { reason: e.reason })}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actorId ? (nameOf(e.actorId) ?? t('cases.someone')) : t('timeline.system')} · {formatDateTime(e.at)}
              </Typography.Text>
            </Space>
          ),
        }))}
      />
    </Card>
  );
}
