import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { majorCaseRules, panelMembers, panelReviews, users, type Db } from '@loopdesk/db';

export type MajorRuleRow = typeof majorCaseRules.$inferSelect;
export type PanelReviewRow = typeof panelReviews.$inferSelect;
export type PanelMemberRow = typeof panelMembers.$inferSelect & { displayName: string };

export const panelRepo = {
  rules(db: Db, institutionId: string) {
    return db.select().from(majorCaseRules).where(eq(majorCaseRules.institutionId, institutionId)).orderBy(asc(majorCaseRules.position), asc(majorCaseRules.id));
  },

  ruleById(db: Db, institutionId: string, id: string) {
    return db
      .select()
      .from(majorCaseRules)
      .where(and(eq(majorCaseRules.institutionId, institutionId), eq(majorCaseRules.id, id)))
      .then((r) => r[0]);
  },

  nextRulePosition(db: Db, institutionId: string) {
    return db
      .select({ max: sql<number | null>`max(${majorCaseRules.position})` })
      .from(majorCaseRules)
      .where(eq(majorCaseRules.institutionId, institutionId))
      .then((r) => (r[0]?.max === null || r[0]?.max === undefined ? 10 : Number(r[0].max) + 10));
  },

  insertRule(db: Db, row: typeof majorCaseRules.$inferInsert) {
    return db.insert(majorCaseRules).values(row).returning().then((r) => r[0]!);
  },

  updateRule(db: Db, id: string, version: number, set: Partial<typeof majorCaseRules.$inferInsert>, now: Date) {
    return db
      .update(majorCaseRules)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(majorCaseRules.id, id), eq(majorCaseRules.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  deleteRule(db: Db, id: string, version: number) {
    return db
      .delete(majorCaseRules)
      .where(and(eq(majorCaseRules.id, id), eq(majorCaseRules.version, version)))
      .returning()
      .then((r) => r[0]);
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
