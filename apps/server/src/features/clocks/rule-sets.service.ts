import { shippedRuleSet, shippedRuleSetViews, type TInstitutionRuleSet, type TInstitutionRuleSetResult, type TRegulatoryRuleSetList, type TUpdateInstitutionRuleSet } from '@loopdesk/core';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import type { Db } from '@loopdesk/db';
import { schedulesOn, type ClocksService, type RegulatoryCalendar } from './clocks.service';
import { ruleSetsRepo } from './rule-sets.repo';

/** Another clock counted on the rule set (the review windows and deadlines): recomputed in the choice's transaction; returns how many cases moved. */
export type RuleSetRecomputeHook = (tx: Db, ctx: RequestContext, change: { institutionId: string; on: RegulatoryCalendar; reason: string }) => Promise<number>;

/**
 * The regulatory rule sets LoopDesk ships and the one an institution's clocks run on. Choosing
 * another recomputes, in the same transaction, the regulatory deadline of every open case, and
 * through the hooks the other clocks counted on the rules (review windows and deadlines).
 */
export class RuleSetsService {
  private readonly recomputeHooks: RuleSetRecomputeHook[] = [];

  constructor(
    private readonly audit: AuditService,
    private readonly clocks: ClocksService,
    private readonly cases: CasesService,
  ) {}

  onRecompute(hook: RuleSetRecomputeHook): void {
    this.recomputeHooks.push(hook);
  }

  /** Every shipped rule set with its steps, limits, extensions and the exclusions it allows. */
  list(): TRegulatoryRuleSetList {
    return { ruleSets: shippedRuleSetViews() };
  }

  /** The rule set the caller's institution runs on. */
  async current(ctx: RequestContext): Promise<TInstitutionRuleSet> {
    const { institutionId } = requireActor(ctx);
    return { ruleSetId: (await this.clocks.ruleSetFor(institutionId)).id };
  }

  /** Chooses the institution's rule set; open cases' regulatory deadlines follow it in the same transaction. */
  async choose(ctx: RequestContext, input: TUpdateInstitutionRuleSet): Promise<TInstitutionRuleSetResult> {
    const actor = requireActor(ctx);
    const ruleSet = shippedRuleSet(input.ruleSetId);
    if (!ruleSet) {
      const message = `no rule set ${JSON.stringify(input.ruleSetId)}; see GET /api/regulatory-rule-sets`;
      throw new AppError('unprocessable', message, [{ field: 'ruleSetId', message }]);
    }
    const before = await this.cases.regulatoryContext(actor.institutionId);
    return this.audit.transaction(async (tx) => {
      const locked = await ruleSetsRepo.lock(tx, actor.institutionId);
      if (!locked) throw new AppError('not_found', 'no such institution');
      if (locked.ruleSetId === ruleSet.id) return { ruleSetId: ruleSet.id, recomputedCases: 0 };
      await ruleSetsRepo.set(tx, actor.institutionId, ruleSet.id);
      // The calendar as this transaction sees it: a calendar change waits on the institution row.
      const calendar = await this.clocks.calendarWithin(tx, actor.institutionId);
      const zone = locked.timeZone;
      const cc = { ...before.cc, scheduleFor: schedulesOn(calendar, zone, before.cc.workingHours) };
      const reason = `regulatory rule set ${locked.ruleSetId} → ${ruleSet.id}`;
      const recomputedCases = await this.cases.recomputeRegulatoryDue(tx, ctx, actor.institutionId, 'all', { calendar, zone, ruleSet, cc }, reason);
      let recomputedReviews = 0;
      for (const hook of this.recomputeHooks) recomputedReviews += await hook(tx, ctx, { institutionId: actor.institutionId, on: { calendar, zone, ruleSet }, reason });
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: 'institution.rule_set',
        objectType: 'institution',
        objectId: actor.institutionId,
        scopePath: null,
        before: { ruleSetId: locked.ruleSetId },
        after: { ruleSetId: ruleSet.id, recomputedCases, recomputedReviews },
      });
      return { ruleSetId: ruleSet.id, recomputedCases };
    });
  }
}
