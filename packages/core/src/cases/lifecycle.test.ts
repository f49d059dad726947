import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../roles';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  availableActions,
  decideTransition,
  restateVerdict,
  verdictsStated,
  type CaseAction,
  type CaseFacts,
  type CaseStatus,
  type TransitionInput,
} from './lifecycle';
import type { CaseKind } from './vocabulary';

// Written out by hand from DESIGN.md §4, not derived from LIFECYCLE: which action leads from
// which state to which, and which roles may take it.
const EXPECTED: Record<CaseAction, { from: Partial<Record<CaseStatus, CaseStatus | 'same'>>; roles: Role[] }> = {
  accept: { from: { new: 'accepted' }, roles: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  reject: { from: { new: 'not_accepted' }, roles: ['team_lead', 'branch_manager', 'consumer_protection'] },
  assign: {
    from: { accepted: 'assigned', assigned: 'assigned', in_progress: 'assigned', awaiting_customer: 'assigned', awaiting_third_party: 'assigned', reopened: 'assigned' },
    roles: ['team_lead', 'branch_manager', 'consumer_protection'],
  },
  start: { from: { assigned: 'in_progress', reopened: 'in_progress' }, roles: ['handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  wait_customer: { from: { in_progress: 'awaiting_customer' }, roles: ['handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  wait_third_party: { from: { in_progress: 'awaiting_third_party' }, roles: ['handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  resume: { from: { awaiting_customer: 'in_progress', awaiting_third_party: 'in_progress' }, roles: ['handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  answer: { from: { in_progress: 'answered' }, roles: ['handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  resolve: { from: { answered: 'resolved' }, roles: ['handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  close: { from: { resolved: 'closed' }, roles: ['handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  reopen: { from: { answered: 'reopened', resolved: 'reopened', closed: 'reopened' }, roles: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'] },
  withdraw: {
    from: { new: 'withdrawn', accepted: 'withdrawn', assigned: 'withdrawn', in_progress: 'withdrawn', awaiting_customer: 'withdrawn', awaiting_third_party: 'withdrawn', reopened: 'withdrawn', answered: 'withdrawn' },
    roles: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'],
  },
  merge: {
    from: { new: 'merged', accepted: 'merged', assigned: 'merged', in_progress: 'merged', awaiting_customer: 'merged', awaiting_third_party: 'merged', reopened: 'merged' },
    roles: ['team_lead', 'branch_manager', 'consumer_protection'],
  },
  split: {
    from: { new: 'same', accepted: 'same', assigned: 'same', in_progress: 'same', awaiting_customer: 'same', awaiting_third_party: 'same', reopened: 'same' },
    roles: ['handler', 'team_lead', 'branch_manager', 'consumer_protection'],
  },
};

const NOW = new Date('2026-06-30T08:00:00Z');
const ME = 'u-me';

/** An input that satisfies every input guard, so that only state, role and assignee decide. */
const GOOD_INPUT: TransitionInput = {
  reason: 'because',
  assigneeId: 'u-other',
  decision: { outcome: 'partly_upheld', letter: '经核实……', remedies: [{ kind: 'apology' }] },
  resolution: 'customer_confirmed',
  reopenKind: 'new_facts',
  targetCaseId: 'c-2',
};

function facts(status: CaseStatus, assigneeId: string | null = ME, kind: CaseKind = 'complaint'): CaseFacts {
  return { status, kind, assigneeId, decisionReceivedAt: new Date('2026-06-20T00:00:00Z'), openBlockingTasks: 0, major: false, expertReviewDone: false, recusedUserIds: [] };
}

// A major case is worked like any other; only its answer waits for the expert panel.
const PANEL = {
  plain: {},
  major_reviewed: { major: true, expertReviewDone: true, reviewedOutcome: 'partly_upheld' },
  major_unreviewed: { major: true, expertReviewDone: false },
} as const satisfies Record<string, Partial<CaseFacts>>;
const PANEL_STATES = Object.keys(PANEL) as (keyof typeof PANEL)[];

describe('the lifecycle table, every state × action × role × panel state', () => {
  const rows = CASE_STATUSES.flatMap((status) =>
    CASE_ACTIONS.flatMap((action) => ROLES.flatMap((role) => PANEL_STATES.map((panel) => [status, action, role, panel] as const))),
  );
  it(`covers ${rows.length} combinations`, () => {
    expect(rows).toHaveLength(13 * 14 * 10 * 3);
  });

  it.each(rows)('%s × %s × %s × %s', (status, action, role, panel) => {
    const expected = EXPECTED[action];
    const verdict = decideTransition(action, { ...facts(status), ...PANEL[panel] }, { userId: ME, roles: [role] }, GOOD_INPUT, NOW);
    if (!expected.roles.includes(role)) {
      expect(verdict).toMatchObject({ ok: false, code: 'forbidden' });
      return;
    }
    const to = expected.from[status];
    if (to === undefined) {
      expect(verdict).toMatchObject({ ok: false, code: 'invalid_transition' });
      return;
    }
    if (action === 'answer' && panel === 'major_unreviewed') {
      expect(verdict).toMatchObject({ ok: false, code: 'unprocessable', field: 'expertReview' });
      return;
    }
    expect(verdict).toEqual({ ok: true, to: to === 'same' ? status : to });
  });
});

describe('assignee-only actions', () => {
  it('a handler may work only cases assigned to them; a supervisor any', () => {
    const theirs = facts('assigned', 'u-someone-else');
    expect(decideTransition('start', theirs, { userId: ME, roles: ['handler'] }, {}, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideTransition('start', theirs, { userId: ME, roles: ['team_lead'] }, {}, NOW)).toEqual({ ok: true, to: 'in_progress' });
    // Recording that the customer withdrew is open to any handling staff in scope.
    expect(availableActions(theirs, { userId: ME, roles: ['handler'] })).toEqual(['withdraw']);
    expect(availableActions(facts('assigned'), { userId: ME, roles: ['handler'] })).toEqual(['start', 'withdraw', 'split']);
  });
});

describe('guards', () => {
  const handler = { userId: ME, roles: ['handler'] as Role[] };
  const lead = { userId: 'u-lead', roles: ['team_lead'] as Role[] };
  const manager = { userId: 'u-mgr', roles: ['branch_manager'] as Role[] };
  const decision = (amount?: number) => ({
    outcome: 'upheld' as const,
    letter: '经核实，您反映的情况属实……',
    remedies: amount === undefined ? [{ kind: 'apology' as const }] : [{ kind: 'compensation' as const, amount }],
  });

  it.each<[string, CaseAction, CaseFacts, { userId: string; roles: Role[] }, TransitionInput, string | undefined]>([
    ['reject without a reason', 'reject', facts('new'), lead, {}, 'reason'],
    ['reject with blanks for a reason', 'reject', facts('new'), lead, { reason: '   ' }, 'reason'],
    ['assign without anyone', 'assign', facts('accepted', null), lead, {}, 'assigneeId'],
    ['assign a recused person', 'assign', { ...facts('accepted', null), recusedUserIds: ['u-x'] }, lead, { assigneeId: 'u-x' }, 'assigneeId'],
    ['reassign without a reason', 'assign', facts('in_progress', 'u-a'), lead, { assigneeId: 'u-b' }, 'reason'],
    ['reassign to the same person', 'assign', facts('in_progress', 'u-a'), lead, { assigneeId: 'u-a', reason: 'x' }, 'assigneeId'],
    ['wait without a reason', 'wait_customer', facts('in_progress'), handler, {}, 'reason'],
    ['answer without a decision', 'answer', facts('in_progress'), handler, {}, 'decision'],
    ['answer with an empty letter', 'answer', facts('in_progress'), handler, { decision: { ...decision(), letter: ' ' } }, 'decision.letter'],
    ['answer with a blocking sub-task open', 'answer', { ...facts('in_progress'), openBlockingTasks: 1 }, handler, { decision: decision() }, 'tasks'],
    ['answer a major case before the expert panel', 'answer', { ...facts('in_progress'), major: true }, handler, { decision: decision() }, 'expertReview'],
    ['answer a major case with another outcome than the panel agreed to', 'answer', { ...facts('in_progress'), major: true, expertReviewDone: true, reviewedOutcome: 'not_upheld' }, handler, { decision: decision() }, 'decision.outcome'],
    ['compensation with no amount', 'answer', facts('in_progress'), handler, { decision: { ...decision(), remedies: [{ kind: 'compensation' }] } }, 'decision.remedies'],
    ['a fee refund with no amount', 'answer', facts('in_progress'), handler, { decision: { ...decision(), remedies: [{ kind: 'fee_refund', amount: null }] } }, 'decision.remedies'],
    ['resolve without saying how', 'resolve', facts('answered'), handler, {}, 'resolution'],
    ['resolve as silent too early', 'resolve', { ...facts('answered'), decisionReceivedAt: new Date('2026-06-25T08:00:00Z') }, handler, { resolution: 'no_reply' }, 'resolution'],
    ['resolve as silent before the decision arrived', 'resolve', { ...facts('answered'), decisionReceivedAt: null }, handler, { resolution: 'no_reply' }, 'resolution'],
    ['reopen without saying why', 'reopen', facts('closed'), handler, { reason: 'x' }, 'reopenKind'],
    ['a review request after the window on the calendar', 'reopen', { ...facts('closed'), decisionReceivedAt: new Date('2026-05-25T08:00:00Z'), reviewWindowEndsAt: new Date('2026-06-24T16:00:00Z') }, handler, { reason: 'x', reopenKind: 'review_request', requestReceivedAt: new Date('2026-06-24T16:00:01Z') }, 'reopenKind'],
    ['a review request after 30 days', 'reopen', { ...facts('closed'), decisionReceivedAt: new Date('2026-05-30T07:59:00Z') }, handler, { reason: 'x', reopenKind: 'review_request' }, 'reopenKind'],
    ['answer a complaint without its outcome', 'answer', facts('in_progress'), handler, { decision: { ...decision(), outcome: null } }, 'decision.outcome'],
    ['answer an unclassified case without an outcome', 'answer', facts('in_progress', ME, 'unknown'), handler, { decision: { ...decision(), outcome: undefined } }, 'decision.outcome'],
    ['answer with a letter that states another verdict', 'answer', facts('in_progress'), handler, { decision: { ...decision(), letter: '经核实，投诉部分成立，我行已整改。' } }, 'decision.letter'],
    ['answer an inquiry with a complaint’s outcome', 'answer', facts('in_progress', ME, 'inquiry'), handler, { decision: decision() }, 'decision.outcome'],
    ['answer a suggestion with remedies', 'answer', facts('in_progress', ME, 'suggestion'), handler, { decision: { ...decision(), outcome: null } }, 'decision.remedies'],
    ['a review request of an answered inquiry', 'reopen', facts('closed', ME, 'inquiry'), handler, { reason: 'x', reopenKind: 'review_request' }, 'reopenKind'],
    ['merge with no target', 'merge', facts('in_progress'), lead, { reason: 'same complaint' }, 'targetCaseId'],
  ])('refuses: %s', (_name, action, f, actor, input, field) => {
    const verdict = decideTransition(action, f, actor, input, NOW);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.code).toBe('unprocessable');
      expect(verdict.field).toBe(field);
    }
  });

  it.each<[string, CaseAction, CaseFacts, { userId: string; roles: Role[] }, TransitionInput]>([
    ['a major case after the expert panel', 'answer', { ...facts('in_progress'), major: true, expertReviewDone: true }, handler, { decision: decision() }],
    ['a major case with the outcome the panel agreed to', 'answer', { ...facts('in_progress'), major: true, expertReviewDone: true, reviewedOutcome: 'upheld' }, handler, { decision: decision() }],
    ['compensation at the approval amount by a handler', 'answer', facts('in_progress'), handler, { decision: decision(10_000) }],
    ['compensation above it by a branch manager', 'answer', facts('in_progress'), manager, { decision: decision(50_000) }],
    ['silent for 7 days', 'resolve', { ...facts('answered'), decisionReceivedAt: new Date('2026-06-23T08:00:00Z') }, handler, { resolution: 'no_reply' }],
    ['a review request inside a window a holiday extended', 'reopen', { ...facts('closed'), decisionReceivedAt: new Date('2026-05-30T09:00:00Z'), reviewWindowEndsAt: new Date('2026-06-30T16:00:00Z') }, handler, { reason: 'x', reopenKind: 'review_request' }],
    ['a back-dated review request received inside the window', 'reopen', { ...facts('closed'), decisionReceivedAt: new Date('2026-05-01T08:00:00Z'), reviewWindowEndsAt: new Date('2026-05-31T16:00:00Z') }, handler, { reason: 'x', reopenKind: 'review_request', requestReceivedAt: new Date('2026-05-30T02:00:00Z') }],
    ['a review request on day 30', 'reopen', { ...facts('closed'), decisionReceivedAt: new Date('2026-05-31T08:00:00Z') }, handler, { reason: 'x', reopenKind: 'review_request' }],
    ['an inquiry answered with a reply', 'answer', facts('in_progress', ME, 'inquiry'), handler, { decision: { letter: '您好，关于您咨询的提前还款规则……', remedies: [] } }],
    ['praise thanked', 'answer', facts('in_progress', ME, 'praise'), handler, { decision: { outcome: null, letter: '感谢您对我行员工的肯定……', remedies: [] } }],
    ['a suggestion reopened for new facts', 'reopen', facts('closed', ME, 'suggestion'), handler, { reason: 'x', reopenKind: 'new_facts' }],
    ['new facts long after', 'reopen', { ...facts('closed'), decisionReceivedAt: new Date('2025-01-01T00:00:00Z') }, handler, { reason: 'x', reopenKind: 'new_facts' }],
  ])('allows: %s', (_name, action, f, actor, input) => {
    expect(decideTransition(action, f, actor, input, NOW).ok).toBe(true);
  });

  it('compensation above the approval amount needs an approving role who is not recused', () => {
    const big = { decision: decision(10_001) };
    expect(decideTransition('answer', facts('in_progress'), handler, big, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideTransition('answer', { ...facts('in_progress'), recusedUserIds: ['u-mgr'] }, manager, big, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideTransition('answer', facts('in_progress'), manager, big, NOW).ok).toBe(true);
    expect(decideTransition('answer', facts('in_progress'), manager, big, NOW, { compensationApprovalAbove: 100_000, silentResolveDays: 7, reviewWindowDays: 30 }).ok).toBe(true);
  });
});

describe('the verdict a letter states', () => {
  it('reads each verdict phrase, the longer ones first, and restates them all', () => {
    expect(verdictsStated('一、投诉部分成立。二、其余投诉不成立。三、投诉成立')).toEqual(['partly_upheld', 'not_upheld', 'upheld']);
    expect(verdictsStated('处理决定及依据：经核实属实')).toEqual([]);
    expect(restateVerdict('处理决定：投诉部分成立。', 'not_upheld')).toBe('处理决定：投诉不成立。');
  });
});
