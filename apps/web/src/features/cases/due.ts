import type { CaseStatus } from '@loopdesk/core';

/** Statuses in which the regulatory decision deadline no longer runs against us. */
const DECIDED: readonly CaseStatus[] = ['answered', 'resolved', 'closed', 'not_accepted', 'merged', 'withdrawn'];
/** Matches the server's due_soon queue: within three days. */
const SOON_MS = 3 * 86_400_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type DueTone = 'none' | 'done' | 'ok' | 'soon' | 'overdue';

export interface DueState {
  tone: DueTone;
  /** Time left (or overdue by, for 'overdue') in whole units: days when a day or more, else hours. */
  amount: number;
  unit: 'days' | 'hours';
}

/**
 * Where a case stands against its regulatory deadline at `now`. A case reopened for a review
 * (核查, `underReview`) was decided: the review's own deadline runs, not this one.
 */
export function dueState(dueAt: string | null, status: CaseStatus, now: Date, underReview = false): DueState {
  if (!dueAt) return { tone: 'none', amount: 0, unit: 'days' };
  if (DECIDED.includes(status) || underReview) return { tone: 'done', amount: 0, unit: 'days' };
  const left = new Date(dueAt).getTime() - now.getTime();
  const span = Math.abs(left);
  const unit = span >= DAY_MS ? 'days' : 'hours';
  // Time left rounds down (never promise more than there is); overdue time rounds up.
  const raw = span / (unit === 'days' ? DAY_MS : HOUR_MS);
  const amount = left < 0 ? Math.max(1, Math.ceil(raw)) : Math.floor(raw);
  return { tone: left < 0 ? 'overdue' : left < SOON_MS ? 'soon' : 'ok', amount, unit };
}

export type SlaTone = 'none' | 'met' | 'paused' | 'ok' | 'warning' | 'overdue';

export interface SlaBadgeState {
  tone: SlaTone;
  /** Time left, or overdue by: hours under two days, else days (SLA targets are short). */
  amount: number;
  unit: 'days' | 'hours' | 'minutes';
}

/**
 * Where a case's operational SLA stands at `now`, from the stored clocks: the worst status of
 * its SLA clocks and the earliest due instant of those counting. A clock past its due instant
 * is overdue even before the worker has recorded the breach.
 */
export function slaBadgeState(status: string | null, dueAt: string | null, now: Date): SlaBadgeState {
  const flat = (tone: SlaTone): SlaBadgeState => ({ tone, amount: 0, unit: 'hours' });
  if (status === null) return flat('none');
  if (status === 'paused' || status === 'met') return flat(status);
  if (!dueAt) return flat(status === 'breached' ? 'overdue' : 'none');
  const left = new Date(dueAt).getTime() - now.getTime();
  const span = Math.abs(left);
  const unit = span >= 2 * DAY_MS ? 'days' : span >= HOUR_MS ? 'hours' : 'minutes';
  const raw = span / (unit === 'days' ? DAY_MS : unit === 'hours' ? HOUR_MS : 60_000);
  const amount = left < 0 ? Math.max(1, Math.ceil(raw)) : Math.floor(raw);
  const tone: SlaTone = left <= 0 || status === 'breached' ? 'overdue' : status === 'warning' ? 'warning' : 'ok';
  return { tone, amount, unit };
}
