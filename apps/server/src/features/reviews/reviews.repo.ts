import { and, asc, eq, gte, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { caseReviews, cases, type Db } from '@loopdesk/db';

export type CaseReviewRow = typeof caseReviews.$inferSelect;

/** What recomputing a case's review window reads. */
const WINDOW_COLUMNS = {
  id: cases.id,
  institutionId: cases.institutionId,
  orgPath: cases.orgPath,
  decisionReceivedAt: cases.decisionReceivedAt,
  reviewWindowEndsAt: cases.reviewWindowEndsAt,
  reviewWindowProvisional: cases.reviewWindowProvisional,
};

export const reviewsRepo = {
  ofCase(db: Db, caseId: string) {
    return db.select().from(caseReviews).where(eq(caseReviews.caseId, caseId)).orderBy(asc(caseReviews.seq));
  },

  byId(db: Db, caseId: string, id: string) {
    return db
      .select()
      .from(caseReviews)
      .where(and(eq(caseReviews.caseId, caseId), eq(caseReviews.id, id)))
      .then((r) => r[0]);
  },

  /** The next review number of a case, read in the transaction that inserts it (the case row is locked by its update). */
  nextSeq(db: Db, caseId: string) {
    return db
      .select({ n: sql<number>`coalesce(max(${caseReviews.seq}), 0)::int` })
      .from(caseReviews)
      .where(eq(caseReviews.caseId, caseId))
      .then((r) => (r[0]?.n ?? 0) + 1);
  },

  insert(db: Db, row: typeof caseReviews.$inferInsert) {
    return db.insert(caseReviews).values(row).returning().then((r) => r[0]!);
  },

  update(db: Db, id: string, version: number, set: Partial<typeof caseReviews.$inferInsert>) {
    return db
      .update(caseReviews)
      .set({ ...set, version: version + 1 })
      .where(and(eq(caseReviews.id, id), eq(caseReviews.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  /** A deadline moved by a calendar change; the worker looks at the review's levels again at `recheckAt`. */
  setDue(db: Db, id: string, dueAt: Date, provisional: boolean, recheckAt: Date) {
    return db.update(caseReviews).set({ dueAt, provisional, nextLevelAt: recheckAt }).where(eq(caseReviews.id, id));
  },

  /** The worker's bookkeeping; the review's version is not touched (an open editor keeps working). */
  setLevels(db: Db, id: string, set: { recordedLevel: number; nextLevelAt: Date | null }) {
    return db.update(caseReviews).set(set).where(eq(caseReviews.id, id));
  },

  /** The open review's deadline projected on the case for the queues; the case version is not touched. */
  projectDue(db: Db, caseId: string, dueAt: Date | null) {
    return db.update(cases).set({ reviewDueAt: dueAt }).where(eq(cases.id, caseId));
  },

  /** Cases whose review window a calendar change between `from` and `to` may move (all provisional ones), locked in id order. */
  windowsToRecompute(db: Db, institutionId: string, window: { from: Date; to: Date }) {
    return db
      .select(WINDOW_COLUMNS)
      .from(cases)
      .where(
        and(
          eq(cases.institutionId, institutionId),
          isNotNull(cases.reviewWindowEndsAt),
          or(eq(cases.reviewWindowProvisional, true), and(lte(cases.decisionReceivedAt, window.to), gte(cases.reviewWindowEndsAt, window.from))),
        ),
      )
      .orderBy(asc(cases.id))
      .for('update');
  },

  setWindow(db: Db, caseId: string, endsAt: Date, provisional: boolean) {
    return db.update(cases).set({ reviewWindowEndsAt: endsAt, reviewWindowProvisional: provisional }).where(eq(cases.id, caseId));
  },

  /**
   * After a rule-set change: the windows that may be open now (they end at or after `now`), and
   * the decisions received since `receivedSince` that have no window (recorded under rules
   * without a review), locked for the caller's transaction.
   */
  windowsOpenSince(db: Db, institutionId: string, now: Date, receivedSince: Date) {
    return db
      .select(WINDOW_COLUMNS)
      .from(cases)
      .where(
        and(
          eq(cases.institutionId, institutionId),
          isNotNull(cases.decisionReceivedAt),
          or(gte(cases.reviewWindowEndsAt, now), and(isNull(cases.reviewWindowEndsAt), gte(cases.decisionReceivedAt, receivedSince))),
        ),
      )
      .orderBy(asc(cases.id))
      .for('update');
  },

  /** Every open review of the institution, locked for the caller's transaction. */
  allOpen(db: Db, institutionId: string) {
    return db
      .select()
      .from(caseReviews)
      .where(and(eq(caseReviews.institutionId, institutionId), eq(caseReviews.status, 'open')))
      .orderBy(asc(caseReviews.caseId), asc(caseReviews.seq))
      .for('update');
  },

  /** Open reviews whose deadline a calendar change may move (all provisional ones), locked. */
  openToRecompute(db: Db, institutionId: string, window: { from: Date; to: Date }) {
    return db
      .select()
      .from(caseReviews)
      .where(
        and(
          eq(caseReviews.institutionId, institutionId),
          eq(caseReviews.status, 'open'),
          or(eq(caseReviews.provisional, true), and(lte(caseReviews.requestedAt, window.to), gte(caseReviews.dueAt, window.from))),
        ),
      )
      .orderBy(asc(caseReviews.caseId), asc(caseReviews.seq))
      .for('update');
  },

  /** Claims reviews with a level due: locked for this transaction, those another worker holds skipped. */
  claimDue(db: Db, now: Date, limit: number) {
    return db
      .select()
      .from(caseReviews)
      .where(and(isNotNull(caseReviews.nextLevelAt), lte(caseReviews.nextLevelAt, now)))
      .orderBy(asc(caseReviews.nextLevelAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  },
};
