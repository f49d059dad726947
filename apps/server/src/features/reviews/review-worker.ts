import { levelKeys, nextClockEvent, regulatoryClockState, type Role } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { z } from 'zod';
import { systemContext, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { JobDefinition } from '../../platform/jobs';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import type { SlaService } from '../clocks/sla.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { UsersService } from '../users/users.service';
import { reviewsRepo, type CaseReviewRow } from './reviews.repo';
import type { ReviewsService } from './reviews.service';
import { drainDue } from '../../platform/due-work';

export const REVIEW_TICK_JOB = 'review-tick';
/** The clock name of review levels in case_clock_events; the run is the review's number. */
export const REVIEW_CLOCK = 'review';
const BATCH = { server: 50, embedded: 1 } as const;
const MAX_BATCHES = 10_000;
const STAFF_LOCALE = 'zh-CN';
const REVIEW_TICK_MIN_SECONDS = 60;

/**
 * The review deadline worker, a sibling of the SLA clock worker: it finds open reviews whose
 * next level is due (a range scan of case_reviews.next_level_at), claims them with SKIP LOCKED,
 * and records each warning (50/75/90 % of the 30 days) and the breach once — the unique key of
 * case_clock_events (case, 'review', seq, level) makes a second worker or a redelivery a no-op —
 * with a timeline event, an audit entry and notices to the reviewing unit's supervisors
 * (team lead and branch manager at or above it; at the breach also head office's consumer
 * protection).
 */
export class ReviewWorker {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly cases: CasesService,
    private readonly reviews: ReviewsService,
    private readonly sla: SlaService,
    private readonly notifications: NotificationsService,
  ) {}

  job(): JobDefinition<z.ZodObject<Record<string, never>>> {
    return {
      name: REVIEW_TICK_JOB,
      payload: z.object({}),
      policy: 'short',
      // Review deadlines are days long: a minute late is nothing, and a fast clock tick (tests,
      // a busy deployment) should not multiply this scan.
      everySeconds: Math.max(this.deps.config.LOOPDESK_CLOCK_TICK_SECONDS, REVIEW_TICK_MIN_SECONDS),
      handle: async (_data, stopping) => {
        await this.tick(stopping);
      },
    };
  }

  /** Records every review level due at the service clock's now; returns how many. */
  async tick(stopping?: AbortSignal): Promise<number> {
    const now = this.deps.now();
    const fractions = new Map<string, number[]>();
    for (const institution of await this.org.institutions()) fractions.set(institution.id, await this.reviews.fractions(institution.id));
    const recorded = await drainDue(this.deps, {
      sizes: BATCH,
      transaction: (work) => this.audit.transaction(work),
      stopping,
      maxBatches: MAX_BATCHES,
      batch: async (tx, size) => {
        const due = await reviewsRepo.claimDue(tx, now, size);
        let count = 0;
        for (const review of due) count += await this.process(tx, review, fractions.get(review.institutionId) ?? [0.5, 0.75, 0.9], now);
        return { claimed: due.length, done: count };
      },
    });
    if (recorded > 0) this.deps.log.info({ recorded }, 'review clock levels recorded');
    return recorded;
  }

  private async process(tx: Db, review: CaseReviewRow, fractions: readonly number[], now: Date): Promise<number> {
    const state = regulatoryClockState(review.requestedAt.getTime(), review.dueAt.getTime(), review.decidedAt?.getTime() ?? null, now.getTime(), fractions);
    const keys = levelKeys(fractions);
    const top = Math.min(state.level, keys.length);
    let count = 0;
    for (let level = review.recordedLevel + 1; level <= top; level++) {
      const key = keys[level - 1]!;
      const inserted = await this.sla.recordLevel(tx, { institutionId: review.institutionId, caseId: review.caseId, clock: REVIEW_CLOCK, run: review.seq, level: key, dueAt: review.dueAt });
      if (!inserted) continue;
      await this.escalate(tx, review, key, inserted.id);
      count++;
    }
    const recordedLevel = Math.max(review.recordedLevel, state.level);
    const next = review.status === 'open' ? nextClockEvent([{ state, recordedLevel }], now.getTime()) : null;
    await reviewsRepo.setLevels(tx, review.id, { recordedLevel, nextLevelAt: next === null ? null : new Date(next) });
    return count;
  }

  private async escalate(tx: Db, review: CaseReviewRow, level: string, eventId: string): Promise<void> {
    const ctx: RequestContext = { ...systemContext('review-worker'), via: 'system:reviews' };
    const row = await this.cases.rowWithin(tx, review.caseId);
    if (!row) return;
    const holders = await this.users.activeHolders(tx, review.institutionId, ['team_lead', 'branch_manager', 'consumer_protection']);
    const nearestAbove = (role: Role) =>
      holders.filter((s) => s.roles.includes(role) && review.reviewingPath.startsWith(s.path)).sort((a, b) => b.path.length - a.path.length || a.id.localeCompare(b.id))[0];
    const breach = level === 'breach';
    const headOfficeCp = holders.filter((s) => s.roles.includes('consumer_protection')).sort((a, b) => a.path.length - b.path.length || a.id.localeCompare(b.id))[0];
    const recipients = [...new Set([nearestAbove('team_lead'), nearestAbove('branch_manager'), breach ? headOfficeCp : undefined].filter((s) => !!s).map((s) => s!.id))];
    for (const recipientId of recipients) {
      await this.notifications.enqueue(tx, {
        institutionId: review.institutionId,
        recipientType: 'staff',
        recipientId,
        templateKey: breach ? 'review.breach' : 'review.warning',
        locale: STAFF_LOCALE,
        payload: { caseId: row.id, number: row.number, title: row.titleMasked, clock: REVIEW_CLOCK, level, dueAt: review.dueAt.toISOString(), reviewId: review.id },
        caseId: row.id,
      });
    }
    const outcome = { reviewId: review.id, seq: review.seq, level, dueAt: review.dueAt.toISOString(), notified: recipients };
    await this.sla.noteEscalation(tx, eventId, outcome);
    await this.cases.appendClockEvent(tx, ctx, row, breach ? 'review.breach' : 'review.warning', outcome);
    await this.audit.record(tx, ctx, row.institutionId, { action: 'case.review_level', objectType: 'case', objectId: row.id, scopePath: row.orgPath, after: outcome });
  }
}
