import { describe, expect, it } from 'vitest';
import { dueState, slaBadgeState } from './due';

const now = new Date('2026-11-20T02:00:00Z');

describe('dueState', () => {
  it('counts whole days left, and hours in the last day', () => {
    expect(dueState('2026-12-07T16:00:00Z', 'in_progress', now)).toEqual({ tone: 'ok', amount: 17, unit: 'days' });
    expect(dueState('2026-11-22T01:00:00Z', 'new', now)).toEqual({ tone: 'soon', amount: 1, unit: 'days' });
    expect(dueState('2026-11-20T07:30:00Z', 'assigned', now)).toEqual({ tone: 'soon', amount: 5, unit: 'hours' });
  });

  it('says by how much a case is overdue, rounding up', () => {
    expect(dueState('2026-11-20T01:30:00Z', 'in_progress', now)).toEqual({ tone: 'overdue', amount: 1, unit: 'hours' });
    expect(dueState('2026-11-18T01:00:00Z', 'awaiting_customer', now)).toEqual({ tone: 'overdue', amount: 3, unit: 'days' });
  });

  it('stops counting once the case is decided, and has nothing without a deadline', () => {
    expect(dueState('2026-11-18T01:00:00Z', 'answered', now).tone).toBe('done');
    // Reopened for a review: decided before; the review's deadline runs instead.
    expect(dueState('2026-11-18T01:00:00Z', 'reopened', now, true).tone).toBe('done');
    expect(dueState('2026-11-18T01:00:00Z', 'reopened', now).tone).toBe('overdue');
    expect(dueState(null, 'new', now).tone).toBe('none');
  });
});

describe('slaBadgeState', () => {
  it.each([
    ['no SLA clock', null, null, 'none', 0, 'hours'],
    ['paused while waiting', 'paused', null, 'paused', 0, 'hours'],
    ['met', 'met', null, 'met', 0, 'hours'],
    ['running, a day and a half left', 'running', '2026-11-21T14:00:00Z', 'ok', 36, 'hours'],
    ['running, three days left', 'running', '2026-11-23T02:00:00Z', 'ok', 3, 'days'],
    ['warned, 45 minutes left', 'warning', '2026-11-20T02:45:00Z', 'warning', 45, 'minutes'],
    ['past due before the worker noticed', 'warning', '2026-11-20T01:00:00Z', 'overdue', 1, 'hours'],
    ['breached, 3 hours ago', 'breached', '2026-11-19T23:00:00Z', 'overdue', 3, 'hours'],
    ['breached and stopped late', 'breached', null, 'overdue', 0, 'hours'],
  ] as const)('%s', (_, status, dueAt, tone, amount, unit) => {
    expect(slaBadgeState(status, dueAt, now)).toEqual({ tone, amount, unit });
  });
});
