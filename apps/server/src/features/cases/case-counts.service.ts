import { WORKBENCH_COUNT_QUERIES, workbenchCountsFor, type TWorkbenchCounts } from '@loopdesk/core';
import { requireActor, type RequestContext } from '../../platform/context';
import type { CasesService } from './cases.service';

/**
 * The workbench's counts (工作台): for each queue that matters to the user's roles, how many
 * cases it holds. Each is counted by the case list itself, so a count is of exactly the cases
 * its list shows — the user's subtree and grants, the queue's statuses and deadlines — through
 * the same indexed predicates, and bounded like the list's count (CASE_COUNT_LIMIT, then "more").
 */
export class CaseCountsService {
  constructor(private readonly cases: CasesService) {}

  async counts(ctx: RequestContext): Promise<TWorkbenchCounts> {
    const actor = requireActor(ctx);
    const items = await Promise.all(
      workbenchCountsFor(actor.roles).map(async (key) => {
        const query = WORKBENCH_COUNT_QUERIES[key];
        // A page of no rows: LIMIT 0 reads none (an overdue page sorts every match), the bounded count is the answer.
        const page = await this.cases.list(ctx, { ...query, limit: 0, offset: 0 });
        return { key, query, total: page.total, more: page.more };
      }),
    );
    return { items };
  }
}
