import { z } from 'zod';
import type { Role } from '../roles';
import { ZSavedViewFilters, type TSavedViewFilters } from './views';

/**
 * The counts the workbench (工作台) can show, in its order (one's own work first), each with the
 * case-list query it is the size of; its tile opens that list.
 */
export const WORKBENCH_COUNT_QUERIES = {
  mine: { queue: 'mine' },
  team: { queue: 'team' },
  unassigned: { queue: 'unassigned' },
  new: { queue: 'new' },
  triage: { queue: 'triage' },
  due_soon: { queue: 'due_soon' },
  overdue: { queue: 'overdue' },
  awaiting_customer: { queue: 'awaiting_customer' },
  // 监管转办 still open: the regulator waits for the answer.
  regulator_referrals: { queue: 'open', channel: 'regulator_referral' },
  under_review: { queue: 'under_review' },
  review_due_soon: { queue: 'review_due_soon' },
  open: { queue: 'open' },
} as const satisfies Record<string, TSavedViewFilters>;
export type WorkbenchCount = keyof typeof WORKBENCH_COUNT_QUERIES;
export const WORKBENCH_COUNTS = Object.keys(WORKBENCH_COUNT_QUERIES) as [WorkbenchCount, ...WorkbenchCount[]];

/**
 * The counts that matter to each role. Every count is of the user's own part of the organisation
 * (their unit's subtree and their grants), as the lists are: a consumer-protection officer at head
 * office sees the whole institution's overdue cases, a branch handler only the branch's.
 */
export const ROLE_WORKBENCH_COUNTS: Record<Role, readonly WorkbenchCount[]> = {
  agent: ['mine', 'new', 'awaiting_customer'],
  handler: ['mine', 'due_soon', 'overdue', 'awaiting_customer'],
  team_lead: ['mine', 'team', 'unassigned', 'due_soon', 'overdue'],
  branch_manager: ['unassigned', 'due_soon', 'overdue', 'review_due_soon'],
  consumer_protection: ['triage', 'overdue', 'regulator_referrals', 'under_review', 'review_due_soon'],
  // Departments asked for a sub-task or an opinion see the cases granted to them.
  risk_officer: ['open'],
  legal_officer: ['open'],
  expert: ['open'],
  auditor: ['overdue', 'under_review'],
  admin: [],
};

/** The counts a user with these roles sees, each once, in the workbench's order. */
export function workbenchCountsFor(roles: readonly Role[]): WorkbenchCount[] {
  const wanted = new Set(roles.flatMap((r) => ROLE_WORKBENCH_COUNTS[r] ?? []));
  return WORKBENCH_COUNTS.filter((c) => wanted.has(c));
}

export const ZWorkbenchCounts = z.object({
  items: z.array(
    z.object({
      key: z.enum(WORKBENCH_COUNTS),
      query: ZSavedViewFilters.describe('the case-list query counted: GET /api/cases with it lists these cases'),
      total: z.number().int().describe('matching cases, counted up to CASE_COUNT_LIMIT as the list counts them'),
      more: z.boolean().describe('more cases match than `total` says'),
    }),
  ),
});
export type TWorkbenchCounts = z.infer<typeof ZWorkbenchCounts>;
