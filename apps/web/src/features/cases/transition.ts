import type { Dayjs } from 'dayjs';
import { REMEDIES_WITH_AMOUNT, type CaseAction, type DecisionOutcome, type RemedyKind, type TCaseDetail } from '@loopdesk/core';
import type { TransitionBody } from './api';

/** What an action's dialog asks for; each action uses some of it. */
export interface ActionValues {
  reason?: string;
  assigneeId?: string;
  outcome?: DecisionOutcome;
  letter?: string;
  remedies?: { kind: RemedyKind; amount?: number | null }[];
  decisionReceivedAt?: Dayjs | null;
  resolution?: 'customer_confirmed' | 'no_reply';
  reopenKind?: 'review_request' | 'new_facts';
  targetCaseId?: string;
  splitText?: string;
}

/** Actions the lifecycle refuses without a reason (packages/core lifecycle.ts). */
const REASON_REQUIRED: readonly CaseAction[] = ['reject', 'wait_customer', 'wait_third_party', 'reopen', 'withdraw', 'merge', 'split'];

/** Whether the dialog must ask for a reason: always for some actions, and for a reassignment. */
export function needsReason(action: CaseAction, detail: Pick<TCaseDetail, 'assigneeId'>): boolean {
  return REASON_REQUIRED.includes(action) || (action === 'assign' && detail.assigneeId !== null);
}


/** The transition request for an action and what its dialog collected (the version is added on sending). */
export function toTransitionBody(action: CaseAction, v: ActionValues): TransitionBody {
  const reason = v.reason?.trim() ? v.reason.trim() : null;
  const body: TransitionBody = { action, reason };
  switch (action) {
    case 'assign':
      return { ...body, assigneeId: v.assigneeId ?? null };
    case 'answer':
      return {
        ...body,
        decision: {
          // A complaint's verdict; an inquiry, suggestion or praise is answered without one.
          outcome: v.outcome ?? null,
          letter: v.letter?.trim() ?? '',
          remedies: (v.remedies ?? []).map((r) => ({ kind: r.kind, amount: REMEDIES_WITH_AMOUNT.includes(r.kind) ? (r.amount ?? null) : null })),
        },
        decisionReceivedAt: v.decisionReceivedAt ? v.decisionReceivedAt.toISOString() : null,
      };
    case 'resolve':
      return { ...body, resolution: v.resolution ?? null };
    case 'reopen':
      return { ...body, reopenKind: v.reopenKind ?? null };
    case 'merge':
      return { ...body, targetCaseId: v.targetCaseId ?? null };
    case 'split':
      return { ...body, splitText: v.splitText?.trim() ?? null };
    default:
      return body;
  }
}
