import type { Role } from '../roles';
import { isRegulatedKind, REMEDIES_WITH_AMOUNT, type CaseKind, type DecisionOutcome, type RemedyKind } from './vocabulary';

/** The states of a case (DESIGN.md §4). */
export const CASE_STATUSES = [
  'new',
  'accepted',
  'assigned',
  'in_progress',
  'awaiting_customer',
  'awaiting_third_party',
  'answered',
  'resolved',
  'closed',
  'reopened',
  'not_accepted',
  'merged',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** States in which nothing more happens to a case (a closed one can still be reopened). */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'not_accepted', 'merged', 'withdrawn'];

/** States that pause the operational SLA clock (never the regulatory one). */
export const WAITING_STATUSES: readonly CaseStatus[] = ['awaiting_customer', 'awaiting_third_party'];

export const CASE_ACTIONS = [
  'accept',
  'reject',
  'assign',
  'start',
  'wait_customer',
  'wait_third_party',
  'resume',
  'answer',
  'resolve',
  'close',
  'reopen',
  'withdraw',
  'merge',
  'split',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const HANDLING: readonly Role[] = ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'];
const WORKING: readonly Role[] = ['handler', 'team_lead', 'branch_manager', 'consumer_protection'];
const SUPERVISING: readonly Role[] = ['team_lead', 'branch_manager', 'consumer_protection'];
/** Roles senior enough to approve compensation above the policy amount. */
export const APPROVING_ROLES: readonly Role[] = ['branch_manager', 'consumer_protection'];

const WORKABLE: readonly CaseStatus[] = ['assigned', 'in_progress', 'awaiting_customer', 'awaiting_third_party', 'reopened'];
const OPEN: readonly CaseStatus[] = ['new', 'accepted', ...WORKABLE];

interface Rule {
  from: readonly CaseStatus[];
  /** The state after the action; 'same' keeps it (a reassignment, a split). */
  to: CaseStatus | 'same';
  roles: readonly Role[];
  /** Handlers and agents may take it only on cases assigned to them; supervisors on any. */
  assigneeOnly: boolean;
}

/**
 * The transition table. Guards that need more than the state and the role (reasons, the
 * decision, open sub-tasks, recusal, windows) are checked by `decideTransition`.
 */
export const LIFECYCLE: Record<CaseAction, Rule> = {
  accept: { from: ['new'], to: 'accepted', roles: HANDLING, assigneeOnly: false },
  reject: { from: ['new'], to: 'not_accepted', roles: SUPERVISING, assigneeOnly: false },
  assign: { from: ['accepted', ...WORKABLE], to: 'assigned', roles: SUPERVISING, assigneeOnly: false },
  start: { from: ['assigned', 'reopened'], to: 'in_progress', roles: WORKING, assigneeOnly: true },
  wait_customer: { from: ['in_progress'], to: 'awaiting_customer', roles: WORKING, assigneeOnly: true },
  wait_third_party: { from: ['in_progress'], to: 'awaiting_third_party', roles: WORKING, assigneeOnly: true },
  resume: { from: ['awaiting_customer', 'awaiting_third_party'], to: 'in_progress', roles: WORKING, assigneeOnly: true },
  answer: { from: ['in_progress'], to: 'answered', roles: WORKING, assigneeOnly: true },
  resolve: { from: ['answered'], to: 'resolved', roles: WORKING, assigneeOnly: true },
  close: { from: ['resolved'], to: 'closed', roles: WORKING, assigneeOnly: true },
  reopen: { from: ['answered', 'resolved', 'closed'], to: 'reopened', roles: HANDLING, assigneeOnly: false },
  withdraw: { from: [...OPEN, 'answered'], to: 'withdrawn', roles: HANDLING, assigneeOnly: false },
  merge: { from: OPEN, to: 'merged', roles: SUPERVISING, assigneeOnly: false },
  split: { from: OPEN, to: 'same', roles: WORKING, assigneeOnly: true },
};

/** What the guards need to know about the case. */
export interface CaseFacts {
  status: CaseStatus;
  /** A complaint (or a case not yet classified) is answered with a verdict and may be reviewed (核查). */
  kind: CaseKind;
  assigneeId: string | null;
  /** When the customer received the decision: starts the 30-day 核查 window. */
  decisionReceivedAt: Date | null;
  /** The end of the 核查 window on the business calendar (a rest-day end moves on); when absent, `reviewWindowDays` after receipt. */
  reviewWindowEndsAt?: Date | null;
  openBlockingTasks: number;
  /** Marked major by an admin rule: needs an expert-panel review before the answer. */
  major: boolean;
  expertReviewDone: boolean;
  /** The outcome of the draft the panel agreed to: the answer may not turn it round. */
  reviewedOutcome?: DecisionOutcome | null;
  /** Staff complained about and their line managers: never assignee, never approver. */
  recusedUserIds: readonly string[];
}

/** A decision as it is written: a complaint's verdict, the letter (or reply) to the customer, remedies. */
export interface DecisionDraft {
  /** A complaint's verdict; an inquiry, suggestion or praise has none. */
  outcome?: DecisionOutcome | null;
  letter: string;
  remedies: readonly { kind: RemedyKind; amount?: number | null }[];
}

export interface TransitionInput {
  reason?: string | null;
  assigneeId?: string | null;
  decision?: DecisionDraft | null;
  resolution?: 'customer_confirmed' | 'no_reply' | null;
  reopenKind?: 'review_request' | 'new_facts' | null;
  /** When the institution received the review request (a letter's postmark); now when absent. */
  requestReceivedAt?: Date | null;
  targetCaseId?: string | null;
}

export interface LifecyclePolicy {
  /** Compensation above this amount (yuan) needs an approving role. */
  compensationApprovalAbove: number;
  /** An answered case with no reply from the customer for this many days may be resolved. */
  silentResolveDays: number;
  /** The 核查 review window from the customer's receipt of the decision (Art. 20). */
  reviewWindowDays: number;
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  compensationApprovalAbove: 10_000,
  silentResolveDays: 7,
  reviewWindowDays: 30,
};

export type TransitionRefusal = {
  ok: false;
  code: 'forbidden' | 'invalid_transition' | 'unprocessable';
  field?: string;
  message: string;
};
export type TransitionVerdict = { ok: true; to: CaseStatus } | TransitionRefusal;

const DAY_MS = 86_400_000;
const REASON_REQUIRED: readonly CaseAction[] = ['reject', 'wait_customer', 'wait_third_party', 'reopen', 'withdraw', 'merge', 'split'];

/** Whether `action` may be taken on a case with these facts by this actor, and the state it leads to. */
export function decideTransition(
  action: CaseAction,
  facts: CaseFacts,
  actor: { userId: string; roles: readonly Role[] },
  input: TransitionInput,
  now: Date,
  policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY,
): TransitionVerdict {
  const rule = LIFECYCLE[action];
  if (!actor.roles.some((r) => rule.roles.includes(r))) {
    return refuse('forbidden', `your roles may not ${action} a case`);
  }
  if (!rule.from.includes(facts.status)) {
    return refuse('invalid_transition', `a case that is ${facts.status} cannot be ${action === 'split' ? 'split' : `given the action ${action}`}`);
  }
  const supervisor = actor.roles.some((r) => SUPERVISING.includes(r));
  if (rule.assigneeOnly && !supervisor && facts.assigneeId !== actor.userId) {
    return refuse('forbidden', 'only the assigned handler or a supervisor may do this');
  }
  if (REASON_REQUIRED.includes(action) && !input.reason?.trim()) {
    return refuse('unprocessable', 'a reason is required', 'reason');
  }
  const guard = GUARDS[action]?.(facts, actor, input, now, policy);
  if (guard) return guard;
  const to = rule.to === 'same' ? facts.status : rule.to;
  return { ok: true, to };
}

type Guard = (
  facts: CaseFacts,
  actor: { userId: string; roles: readonly Role[] },
  input: TransitionInput,
  now: Date,
  policy: LifecyclePolicy,
) => TransitionRefusal | undefined;

const GUARDS: Partial<Record<CaseAction, Guard>> = {
  assign(facts, _actor, input) {
    if (!input.assigneeId) return refuse('unprocessable', 'choose who is to handle the case', 'assigneeId');
    if (facts.recusedUserIds.includes(input.assigneeId)) {
      return refuse('unprocessable', 'this person is complained about (or manages someone who is) and must not handle the case', 'assigneeId');
    }
    if (facts.assigneeId && facts.assigneeId !== input.assigneeId && !input.reason?.trim()) {
      return refuse('unprocessable', 'a reassignment needs a reason', 'reason');
    }
    if (facts.assigneeId === input.assigneeId) return refuse('unprocessable', 'the case is already assigned to this person', 'assigneeId');
    return undefined;
  },
  answer(facts, actor, input, _now, policy) {
    const d = input.decision;
    if (!d) return refuse('unprocessable', 'the answer needs a decision', 'decision');
    if (!d.letter.trim()) return refuse('unprocessable', 'the decision letter is empty', 'decision.letter');
    const fit = decisionMisfit(facts.kind, d);
    if (fit) return fit;
    if (facts.openBlockingTasks > 0) {
      return refuse('unprocessable', `${facts.openBlockingTasks} blocking sub-task(s) are still open`, 'tasks');
    }
    if (facts.major && !facts.expertReviewDone) return refuse('unprocessable', 'a major case needs the expert panel’s review first', 'expertReview');
    if (facts.major && facts.reviewedOutcome && d.outcome !== facts.reviewedOutcome) {
      return refuse('unprocessable', `the expert panel agreed to the outcome ${facts.reviewedOutcome}; submit the new draft for review`, 'decision.outcome');
    }
    const compensation = d.remedies.filter((r) => r.kind === 'compensation').reduce((sum, r) => sum + (r.amount ?? 0), 0);
    const unpriced = d.remedies.find((r) => REMEDIES_WITH_AMOUNT.includes(r.kind) && !(r.amount && r.amount > 0));
    if (unpriced) return refuse('unprocessable', `${unpriced.kind === 'fee_refund' ? 'a fee refund' : 'compensation'} needs a positive amount`, 'decision.remedies');
    if (compensation > policy.compensationApprovalAbove) {
      if (!actor.roles.some((r) => APPROVING_ROLES.includes(r))) {
        return refuse('forbidden', `compensation above ${policy.compensationApprovalAbove} needs a branch manager or consumer-protection officer`);
      }
      if (facts.recusedUserIds.includes(actor.userId)) {
        return refuse('forbidden', 'you are complained about (or manage someone who is) and may not approve this decision');
      }
    }
    return undefined;
  },
  resolve(facts, _actor, input, now, policy) {
    if (!input.resolution) return refuse('unprocessable', 'say whether the customer confirmed or did not reply', 'resolution');
    if (input.resolution === 'no_reply') {
      if (!facts.decisionReceivedAt) return refuse('unprocessable', 'record when the customer received the decision first', 'resolution');
      const waited = (now.getTime() - facts.decisionReceivedAt.getTime()) / DAY_MS;
      if (waited < policy.silentResolveDays) {
        return refuse('unprocessable', `the customer has ${policy.silentResolveDays} days to reply; ${Math.floor(waited)} have passed`, 'resolution');
      }
    }
    return undefined;
  },
  reopen(facts, _actor, input, now, policy) {
    if (!input.reopenKind) return refuse('unprocessable', 'say whether this is a review request or new facts', 'reopenKind');
    if (input.reopenKind === 'review_request') {
      if (!isRegulatedKind(facts.kind)) return refuse('unprocessable', `only a complaint's decision may be reviewed (核查); a case of kind ${facts.kind} is reopened for new facts`, 'reopenKind');
      if (!facts.decisionReceivedAt) return refuse('unprocessable', 'the decision has not reached the customer', 'reopenKind');
      const at = (input.requestReceivedAt ?? now).getTime();
      const windowEnds = facts.reviewWindowEndsAt?.getTime() ?? facts.decisionReceivedAt.getTime() + policy.reviewWindowDays * DAY_MS;
      if (at > windowEnds) {
        // The stored end is the rule set's window on the business calendar; the policy's days only serve rows without one.
        const window = facts.reviewWindowEndsAt
          ? `the review window closed at ${facts.reviewWindowEndsAt.toISOString()}`
          : `a review must be requested within ${policy.reviewWindowDays} days of receiving the decision`;
        return refuse('unprocessable', window, 'reopenKind');
      }
    }
    return undefined;
  },
  merge(_facts, _actor, input) {
    if (!input.targetCaseId) return refuse('unprocessable', 'choose the case to merge into', 'targetCaseId');
    return undefined;
  },
};

/** A complaint's verdict as a Chinese letter states it. */
export const VERDICT_PHRASES: Record<DecisionOutcome, string> = { upheld: '投诉成立', partly_upheld: '投诉部分成立', not_upheld: '投诉不成立' };
const VERDICT_PHRASE = /投诉部分成立|投诉不成立|投诉成立/g;

/** The verdicts a letter states (投诉成立, 投诉部分成立, 投诉不成立), in order. */
export function verdictsStated(letter: string): DecisionOutcome[] {
  const byPhrase = new Map(Object.entries(VERDICT_PHRASES).map(([outcome, phrase]) => [phrase, outcome as DecisionOutcome]));
  return [...letter.matchAll(VERDICT_PHRASE)].map((m) => byPhrase.get(m[0])!);
}

/** A letter with every verdict it states changed to `outcome` (the handler chose another). */
export function restateVerdict(letter: string, outcome: DecisionOutcome): string {
  return letter.replace(VERDICT_PHRASE, VERDICT_PHRASES[outcome]);
}

/**
 * Why a decision does not fit the case's kind, if it does not: a complaint's needs its verdict; an
 * inquiry's, suggestion's or praise's answer is a reply, with neither a verdict nor remedies.
 */
export function decisionMisfit(kind: CaseKind, d: DecisionDraft): TransitionRefusal | undefined {
  if (isRegulatedKind(kind)) {
    if (!d.outcome) return refuse('unprocessable', 'a complaint’s decision needs its outcome (upheld, partly upheld or not upheld)', 'decision.outcome');
    const other = verdictsStated(d.letter).find((v) => v !== d.outcome);
    return other ? refuse('unprocessable', `the letter states ${VERDICT_PHRASES[other]} but the outcome is ${d.outcome}`, 'decision.letter') : undefined;
  }
  if (d.outcome) return refuse('unprocessable', `a case of kind ${kind} is answered without a complaint’s outcome`, 'decision.outcome');
  if (d.remedies.length > 0) return refuse('unprocessable', `remedies belong to a complaint’s decision, not to a case of kind ${kind}`, 'decision.remedies');
  return undefined;
}

function refuse(code: TransitionRefusal['code'], message: string, field?: string): TransitionRefusal {
  return field ? { ok: false, code, field, message } : { ok: false, code, message };
}

/** The actions open to an actor on a case right now, ignoring input-dependent guards (for the UI). */
export function availableActions(facts: CaseFacts, actor: { userId: string; roles: readonly Role[] }): CaseAction[] {
  const supervisor = actor.roles.some((r) => SUPERVISING.includes(r));
  return CASE_ACTIONS.filter((action) => {
    const rule = LIFECYCLE[action];
    return (
      actor.roles.some((r) => rule.roles.includes(r)) &&
      rule.from.includes(facts.status) &&
      (!rule.assigneeOnly || supervisor || facts.assigneeId === actor.userId)
    );
  });
}
