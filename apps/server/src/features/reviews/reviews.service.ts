import { randomUUID } from 'node:crypto';
import { isRegulatedKind, levelKeys, regulatoryClockState, reviewWindowDays, type CaseKind, type TCaseReview, type TCaseReviews, type TDecideReviewRequest, type TRequestReviewRequest, type TReviewClock } from '@loopdesk/core';
import type { cases, Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { CasesService, ReviewRequestHook } from '../cases/cases.service';
import type { ClocksService, RegulatoryCalendar } from '../clocks/clocks.service';
import type { SlaService } from '../clocks/sla.service';
import type { OrgService } from '../org/org.service';
import { reviewsRepo, type CaseReviewRow } from './reviews.repo';

type CaseRow = typeof cases.$inferSelect;

/** Roles that decide a review for the reviewing unit. */
const REVIEWER_ROLES = ['team_lead', 'branch_manager', 'consumer_protection'] as const;
// A receipt time this far in the past is a back-dating, as at intake.
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Reviews (核查, 《银行业保险业消费投诉处理管理办法》 Art. 20). The complainant may ask within the
 * window that the customer's receipt of the decision opened (30 days on the business calendar,
 * stored on the case); the request reopens the case and goes to the parent of the unit that
 * decided, which must decide within 30 days of receiving it.
 *
 * Who sees it: the reviewing unit is the deciding unit's parent, so the case is already in the
 * subtree of every staff member of that unit and above — org scoping makes it visible, and no
 * grant is written (a grant is for someone *outside* the case's subtree, DESIGN.md §3). Staff of
 * a sibling branch still get 404. A case decided by the top unit (head office) has no parent:
 * head office reviews its own decision.
 */
export class ReviewsService {
  constructor(
    private readonly deps: Deps,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly cases: CasesService,
    private readonly clocks: ClocksService,
    private readonly sla: SlaService,
  ) {}

  /** The case's review window and reviews, each with its clock at the service clock's now. */
  async list(ctx: RequestContext, caseId: string): Promise<TCaseReviews> {
    const actor = requireActor(ctx);
    const row = await this.cases.visibleRow(actor, caseId);
    const [reviews, fractions] = await Promise.all([reviewsRepo.ofCase(this.deps.db, caseId), this.fractions(row.institutionId)]);
    const now = this.deps.now().getTime();
    const window =
      row.decisionReceivedAt && row.reviewWindowEndsAt
        ? {
            ...clockOf(row.decisionReceivedAt, row.reviewWindowEndsAt, null, row.reviewWindowProvisional, now, fractions),
            open: now <= row.reviewWindowEndsAt.getTime(),
          }
        : null;
    return { window, reviews: reviews.map((r) => this.toReview(actor, r, fractions, now)) };
  }

  /**
   * Records a review request: refused (422, receivedAt) after the window or before the decision
   * reached the customer; otherwise the case is reopened with the review in the same transaction
   * (see `hook`).
   */
  async request(ctx: RequestContext, caseId: string, input: TRequestReviewRequest): Promise<TCaseReviews> {
    const actor = requireActor(ctx);
    const row = await this.cases.visibleRow(actor, caseId);
    const now = this.deps.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw fieldError('receivedAt', 'the request’s receipt time is in the future');
    if (!isRegulatedKind(row.kind as CaseKind)) throw new AppError('conflict', `only a complaint’s decision may be reviewed (核查); a case of kind ${row.kind} is reopened for new facts`);
    const ruleSet = await this.clocks.ruleSetFor(row.institutionId);
    if (!ruleSet.review) throw fieldError('receivedAt', `the institution’s regulatory rule set (${ruleSet.id}) has no review (核查) procedure`);
    if (!row.decisionReceivedAt || !row.reviewWindowEndsAt) throw fieldError('receivedAt', 'record when the customer received the decision first: it opens the review window');
    if (receivedAt < row.decisionReceivedAt) throw fieldError('receivedAt', 'the request cannot arrive before the customer received the decision');
    if (receivedAt > row.reviewWindowEndsAt) {
      const limit = ruleSet.steps.find((s) => s.id === ruleSet.review?.requestStep)?.limit;
      const within = limit ? ` within ${limit.count} ${limit.unit.replace('_', ' ')}` : '';
      throw fieldError('receivedAt', `the review window closed at ${row.reviewWindowEndsAt.toISOString()}: a review must be asked for${within} of receiving the decision`);
    }
    await this.cases.transition(ctx, caseId, { action: 'reopen', version: input.version, reopenKind: 'review_request', reason: input.reason }, undefined, { requestReceivedAt: receivedAt });
    return this.list(ctx, caseId);
  }

  /** Registered with the cases service: every review request, through this route or a plain reopen, writes its review. */
  hook(): ReviewRequestHook {
    return {
      prepare: async (ctx: RequestContext, row: CaseRow, receivedAt: Date, reason: string) => {
        const deciding = await this.org.unitInInstitution(row.institutionId, row.orgUnitId);
        if (!deciding) throw new AppError('internal', 'a case points at a missing org unit');
        const reviewing = deciding.parentId ? await this.org.unitInInstitution(row.institutionId, deciding.parentId) : deciding;
        if (!reviewing) throw new AppError('internal', 'an org unit points at a missing parent');
        const due = await this.clocks.reviewDecisionDue(row.institutionId, receivedAt);
        const fractions = await this.fractions(row.institutionId);
        return async (tx: Db, after: CaseRow): Promise<void> => {
          const id = randomUUID();
          const seq = await reviewsRepo.nextSeq(tx, row.id);
          const state = regulatoryClockState(receivedAt.getTime(), due.dueAt.getTime(), null, this.deps.now().getTime(), fractions);
          await reviewsRepo.insert(tx, {
            id,
            institutionId: row.institutionId,
            caseId: row.id,
            seq,
            requestedAt: receivedAt,
            reason,
            recordedBy: ctx.actor?.userId ?? null,
            decidingUnitId: deciding.id,
            reviewingUnitId: reviewing.id,
            reviewingPath: reviewing.path,
            dueAt: due.dueAt,
            provisional: due.provisional,
            status: 'open',
            // A back-dated request may already be past a warning: the worker records it at once.
            nextLevelAt: state.level > 0 ? this.deps.now() : state.nextChangeAt === null ? null : new Date(state.nextChangeAt),
            createdAt: this.deps.now(),
          });
          await reviewsRepo.projectDue(tx, row.id, due.dueAt);
          const data = { reviewId: id, seq, requestedAt: receivedAt.toISOString(), reviewingUnitId: reviewing.id, dueAt: due.dueAt.toISOString(), provisional: due.provisional };
          await this.cases.event(tx, ctx, after, 'review.requested', { reason, data });
          await this.audit.record(tx, ctx, row.institutionId, { action: 'case.review_request', objectType: 'case', objectId: row.id, scopePath: after.orgPath, after: { ...data, reason } });
        };
      },
    };
  }

  /**
   * After a business-calendar change, in its transaction: moves the review windows and the open
   * reviews' deadlines the change affects (every provisional one among them), each with a
   * timeline event and an audit entry. The worker re-reads a moved review's levels at once.
   */
  async recomputeOnCalendar(tx: Db, ctx: RequestContext, change: { institutionId: string; on: RegulatoryCalendar; window: { from: Date; to: Date }; reason: string }): Promise<number> {
    const { institutionId, on, window, reason } = change;
    return this.recompute(tx, ctx, institutionId, on, reason, await reviewsRepo.windowsToRecompute(tx, institutionId, window), await reviewsRepo.openToRecompute(tx, institutionId, window));
  }

  /**
   * After the institution chose another regulatory rule set, in its transaction, as its cases'
   * decision deadlines are: the review windows open now, and those of decisions received
   * recently under rules without a review, are counted again under the new rules, as is every
   * open review's deadline. Rules without a review leave what they find as it was set (the
   * complainant was told of that window).
   */
  async recomputeOnRuleSet(tx: Db, ctx: RequestContext, change: { institutionId: string; on: RegulatoryCalendar; reason: string }): Promise<number> {
    const { institutionId, on, reason } = change;
    const days = reviewWindowDays(on.ruleSet);
    if (days === null) return 0;
    const now = this.deps.now();
    // A window ends at most a rest-day run after its last day: a month more covers every shift.
    const receivedSince = new Date(now.getTime() - (days + 31) * DAY_MS);
    const windows = (await reviewsRepo.windowsOpenSince(tx, institutionId, now, receivedSince)).filter((row) => {
      if (row.reviewWindowEndsAt) return true;
      // A decision without a window gets one only if it is still open under the new rules.
      const next = this.clocks.reviewDueOn(on, row.decisionReceivedAt!, 'window');
      return next !== null && next.dueAt.getTime() >= now.getTime();
    });
    return this.recompute(tx, ctx, institutionId, on, reason, windows, await reviewsRepo.allOpen(tx, institutionId));
  }

  private async recompute(
    tx: Db,
    ctx: RequestContext,
    institutionId: string,
    on: RegulatoryCalendar,
    reason: string,
    windows: Pick<CaseRow, 'id' | 'institutionId' | 'orgPath' | 'decisionReceivedAt' | 'reviewWindowEndsAt' | 'reviewWindowProvisional'>[],
    reviews: CaseReviewRow[],
  ): Promise<number> {
    const moved = new Set<string>();
    for (const row of windows) {
      if (!row.decisionReceivedAt) continue;
      const next = this.clocks.reviewDueOn(on, row.decisionReceivedAt, 'window');
      // A rule set without review clocks leaves the windows it finds as they were set.
      if (!next || (row.reviewWindowEndsAt && next.dueAt.getTime() === row.reviewWindowEndsAt.getTime() && next.provisional === row.reviewWindowProvisional)) continue;
      await reviewsRepo.setWindow(tx, row.id, next.dueAt, next.provisional);
      const data = { from: { endsAt: row.reviewWindowEndsAt?.toISOString() ?? null, provisional: row.reviewWindowProvisional }, to: { endsAt: next.dueAt.toISOString(), provisional: next.provisional } };
      await this.cases.event(tx, ctx, row, 'review.window_recomputed', { reason, data });
      await this.audit.record(tx, ctx, institutionId, { action: 'case.review_window', objectType: 'case', objectId: row.id, scopePath: row.orgPath, before: data.from, after: data.to });
      moved.add(row.id);
    }
    for (const review of reviews) {
      const next = this.clocks.reviewDueOn(on, review.requestedAt, 'decision');
      if (!next || (next.dueAt.getTime() === review.dueAt.getTime() && next.provisional === review.provisional)) continue;
      await reviewsRepo.setDue(tx, review.id, next.dueAt, next.provisional, this.deps.now());
      const open = (await reviewsRepo.ofCase(tx, review.caseId)).filter((r) => r.status === 'open');
      await reviewsRepo.projectDue(tx, review.caseId, open.length > 0 ? new Date(Math.min(...open.map((r) => r.dueAt.getTime()))) : null);
      const row = await this.cases.rowWithin(tx, review.caseId);
      if (!row) continue;
      const data = { reviewId: review.id, from: { dueAt: review.dueAt.toISOString(), provisional: review.provisional }, to: { dueAt: next.dueAt.toISOString(), provisional: next.provisional } };
      await this.cases.event(tx, ctx, row, 'review.due_recomputed', { reason, data });
      await this.audit.record(tx, ctx, institutionId, { action: 'case.review_due', objectType: 'case', objectId: row.id, scopePath: row.orgPath, before: data.from, after: { ...data.to, reviewId: review.id } });
      moved.add(review.caseId);
    }
    return moved.size;
  }

  /** The reviewing unit decides: upheld (the decision stands) or changed, with a note; its clock stops. */
  async decide(ctx: RequestContext, caseId: string, reviewId: string, input: TDecideReviewRequest): Promise<TCaseReviews> {
    const actor = requireActor(ctx);
    const row = await this.cases.visibleRow(actor, caseId);
    const review = await reviewsRepo.byId(this.deps.db, caseId, reviewId);
    if (!review) throw new AppError('not_found', 'no such review');
    if (!this.mayDecide(actor, review)) throw new AppError('forbidden', 'only a team lead, branch manager or consumer-protection officer of the reviewing unit (or above) decides a review');
    if (review.status !== 'open') throw new AppError('conflict', 'the review is already decided');
    const now = this.deps.now();
    await this.audit.transaction(async (tx) => {
      const after = await reviewsRepo.update(tx, review.id, input.version, { status: 'decided', outcome: input.outcome, note: input.note, decidedBy: actor.userId, decidedAt: now, nextLevelAt: null });
      if (!after) throw new AppError('stale_version', 'the review was changed by someone else; reload and try again');
      const open = (await reviewsRepo.ofCase(tx, caseId)).filter((r) => r.status === 'open');
      await reviewsRepo.projectDue(tx, caseId, open.length > 0 ? new Date(Math.min(...open.map((r) => r.dueAt.getTime()))) : null);
      const data = { reviewId, seq: review.seq, outcome: input.outcome, inTime: now <= review.dueAt };
      await this.cases.event(tx, ctx, row, 'review.decided', { reason: input.note, data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.review_decide', objectType: 'case', objectId: caseId, scopePath: row.orgPath, before: { status: 'open' }, after: { ...data, note: input.note } });
    });
    return this.list(ctx, caseId);
  }

  private mayDecide(actor: Actor, review: CaseReviewRow): boolean {
    return actor.roles.some((r) => (REVIEWER_ROLES as readonly string[]).includes(r)) && this.access.inSubtree(actor, review.reviewingPath);
  }

  /** The warning fractions of the institution's SLA policy: the review clocks warn like the others. */
  async fractions(institutionId: string): Promise<number[]> {
    return (await this.sla.context(institutionId)).settings.warningFractions;
  }

  private toReview(actor: Actor, r: CaseReviewRow, fractions: readonly number[], now: number): TCaseReview {
    return {
      id: r.id,
      seq: r.seq,
      requestedAt: r.requestedAt.toISOString(),
      reason: r.reason,
      recordedBy: r.recordedBy,
      decidingUnitId: r.decidingUnitId,
      reviewingUnitId: r.reviewingUnitId,
      status: r.status as TCaseReview['status'],
      outcome: r.outcome as TCaseReview['outcome'],
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      note: r.note,
      clock: clockOf(r.requestedAt, r.dueAt, r.decidedAt, r.provisional, now, fractions),
      canDecide: r.status === 'open' && this.mayDecide(actor, r),
      version: r.version,
    };
  }
}

/** A review clock's badge: running, warning (50/75/90 %), breached, or met once stopped in time. */
function clockOf(startedAt: Date, dueAt: Date, stoppedAt: Date | null, provisional: boolean, now: number, fractions: readonly number[]): TReviewClock {
  const state = regulatoryClockState(startedAt.getTime(), dueAt.getTime(), stoppedAt?.getTime() ?? null, now, fractions);
  const keys = levelKeys(fractions);
  return {
    status: state.status,
    level: state.level > 0 ? (keys[Math.min(state.level, keys.length) - 1] ?? null) : null,
    startedAt: startedAt.toISOString(),
    dueAt: dueAt.toISOString(),
    provisional,
  };
}

function fieldError(field: string, message: string): AppError {
  return new AppError('unprocessable', message, [{ field, message }]);
}
