import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, Priority } from '@loopdesk/core';
import { formatDeadline } from '@/lib/format';
import { dueState, slaBadgeState, type DueTone, type SlaTone } from '../due';

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  accepted: 'cyan',
  assigned: 'geekblue',
  in_progress: 'processing',
  awaiting_customer: 'gold',
  awaiting_third_party: 'gold',
  answered: 'purple',
  resolved: 'green',
  closed: 'default',
  reopened: 'magenta',
  not_accepted: 'default',
  merged: 'default',
  withdrawn: 'default',
};

const PRIORITY_COLORS: Record<Priority, string> = { P1: 'red', P2: 'volcano', P3: 'blue', P4: 'default' };
const DUE_COLORS: Record<DueTone, string> = { none: 'default', done: 'default', ok: 'blue', soon: 'orange', overdue: 'red' };
const SLA_COLORS: Record<SlaTone, string> = { none: 'default', met: 'green', paused: 'gold', ok: 'blue', warning: 'orange', overdue: 'red' };

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="case-status" data-status={status}>
      {t(`caseStatus.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLORS[priority]}>{t(`priority.${priority}`)}</Tag>;
}

/** A case a major-case rule marked major (重大投诉). */
export function MajorTag({ major }: { major: boolean }) {
  const { t } = useTranslation();
  if (!major) return null;
  return (
    <Tag color="red" data-testid="case-major">
      {t('cases.major')}
    </Tag>
  );
}

export function RiskFlags({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <Space size={2} wrap>
      {flags.map((f) => (
        <Tag key={f} color="red" bordered={false}>
          {t(`riskFlag.${f}`, { defaultValue: f })}
        </Tag>
      ))}
    </Space>
  );
}

interface DueProps {
  dueAt: string | null;
  provisional: boolean;
  status: CaseStatus;
  /** Set while an excluded period (appraisal, mediation) suspends the clock. */
  suspendedSince?: string | null;
  /** The open review's deadline: while one runs, this decision deadline is behind the case. */
  reviewDueAt?: string | null;
}

/** The regulatory decision deadline: time left, overdue, or (once decided) just the date. */
export function DueBadge({ dueAt, provisional, status, suspendedSince, reviewDueAt }: DueProps) {
  const { t } = useTranslation();
  const due = dueState(dueAt, status, new Date(), !!reviewDueAt);
  if (suspendedSince && due.tone === 'none') {
    return (
      <Tag color="gold" data-testid="due-badge" data-tone="suspended" style={{ marginInlineEnd: 0 }}>
        {t('regulatory.state.suspended')}
      </Tag>
    );
  }
  if (due.tone === 'none') return <span>{t('common.none')}</span>;
  const text =
    due.tone === 'done'
      ? formatDeadline(dueAt)
      : t(due.tone === 'overdue' ? `due.overdue_${due.unit}` : `due.left_${due.unit}`, { n: due.amount });
  return (
    <Tooltip title={`${t('cases.regulatoryDue')}: ${formatDeadline(dueAt)}${provisional ? t('due.provisionalSuffix') : ''}`}>
      <Space size={2} data-testid="due-badge" data-tone={due.tone}>
        <Tag color={DUE_COLORS[due.tone]} style={{ marginInlineEnd: 0 }}>
          {text}
        </Tag>
        {provisional && (
          <Tag color="warning" bordered={false}>
            {t('due.provisional')}
          </Tag>
        )}
      </Space>
    </Tooltip>
  );
}

/** The operational SLA at a glance: time left, paused, warning, breached or met (from the stored clocks). */
export function SlaBadge({ status, dueAt }: { status: string | null; dueAt: string | null }) {
  const { t } = useTranslation();
  const sla = slaBadgeState(status, dueAt, new Date());
  if (sla.tone === 'none') return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  let text: string;
  if (sla.tone === 'met' || sla.tone === 'paused') text = t(`sla.${sla.tone}`);
  else if (sla.tone === 'overdue' && !dueAt) text = t('sla.overdue');
  else text = t(sla.tone === 'overdue' ? `sla.overdue_${sla.unit}` : `sla.left_${sla.unit}`, { n: sla.amount });
  const tag = (
    <Tag color={SLA_COLORS[sla.tone]} data-testid="sla-badge" data-tone={sla.tone} style={{ marginInlineEnd: 0 }}>
      {text}
    </Tag>
  );
  return dueAt ? <Tooltip title={t('sla.dueAt', { at: formatDeadline(dueAt) })}>{tag}</Tooltip> : tag;
}
