import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { cases, majorCaseRules, panelMembers, panelReviews, users, type Db } from '@loopdesk/db';
import { orderedRulesRepo } from '../../platform/ordered-rules';

export type MajorRuleRow = typeof majorCaseRules.$inferSelect;
export type PanelReviewRow = typeof panelReviews.$inferSelect;
export type PanelMemberRow = typeof panelMembers.$inferSelect & { displayName: string };

/** The major-case rules, in the order they are tried, and their version-checked writes. */
export const majorRulesRepo = orderedRulesRepo(majorCaseRules);

export const panelRepo = {
  /** Drafts stored before drafts were sealed: their letters are in the clear. */
  unsealedDrafts(db: Db, limit: number) {
    return db
      .select({ id: panelReviews.id, decision: panelReviews.decision, institutionId: cases.institutionId, customerId: cases.customerId, contactId: cases.contactId })
      .from(panelReviews)
      .innerJoin(cases, eq(cases.id, panelReviews.caseId))
      .where(isNull(panelReviews.letterSealed))
      .limit(limit);
  },

  /** Stores a draft's sealed letter and the masked copy beside it. */
  sealDraft(db: Db, id: string, decision: unknown, sealed: string) {
    return db.update(panelReviews).set({ decision, letterSealed: sealed }).where(and(eq(panelReviews.id, id), isNull(panelReviews.letterSealed)));
  },

  /** A case's reviews, the latest first. */
  reviews(db: Db, caseId: string) {
    return db.select().from(panelReviews).where(eq(panelReviews.caseId, caseId)).orderBy(desc(panelReviews.round));
  },

  /** The members of these reviews in panel order, with their names. */
  members(db: Db, reviewIds: string[]): Promise<PanelMemberRow[]> {
    if (reviewIds.length === 0) return Promise.resolve([]);
    return db
      .select({
        reviewId: panelMembers.reviewId,
        userId: panelMembers.userId,
        institutionId: panelMembers.institutionId,
        position: panelMembers.position,
        opinion: panelMembers.opinion,
        comment: panelMembers.comment,
        at: panelMembers.at,
        displayName: users.displayName,
      })
      .from(panelMembers)
      .innerJoin(users, eq(users.id, panelMembers.userId))
      .where(inArray(panelMembers.reviewId, reviewIds))
      .orderBy(asc(panelMembers.reviewId), asc(panelMembers.position));
  },

  /** The open review of a case, locked for the rest of the transaction. */
  lockOpenReview(db: Db, caseId: string) {
    return db
      .select()
      .from(panelReviews)
      .where(and(eq(panelReviews.caseId, caseId), eq(panelReviews.status, 'open')))
      .for('update')
      .then((r) => r[0]);
  },

  insertReview(db: Db, row: typeof panelReviews.$inferInsert) {
    return db.insert(panelReviews).values(row).returning().then((r) => r[0]!);
  },

  insertMembers(db: Db, rows: (typeof panelMembers.$inferInsert)[]) {
    return db.insert(panelMembers).values(rows);
  },

  recordOpinion(db: Db, reviewId: string, userId: string, set: { opinion: string; comment: string | null; at: Date }) {
    return db
      .update(panelMembers)
      .set(set)
      .where(and(eq(panelMembers.reviewId, reviewId), eq(panelMembers.userId, userId)))
      .returning()
      .then((r) => r[0]);
  },

  updateReview(db: Db, id: string, version: number, set: Partial<typeof panelReviews.$inferInsert>) {
    return db
      .update(panelReviews)
      .set({ ...set, version: version + 1 })
      .where(and(eq(panelReviews.id, id), eq(panelReviews.version, version)))
      .returning()
      .then((r) => r[0]);
  },
};
