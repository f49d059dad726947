import { and, asc, eq } from 'drizzle-orm';
import { caseExclusions, caseExtensions, type Db } from '@loopdesk/db';

export type CaseExtensionRow = typeof caseExtensions.$inferSelect;
export type CaseExclusionRow = typeof caseExclusions.$inferSelect;

export const regulatoryRepo = {
  extensions(db: Db, caseId: string) {
    return db.select().from(caseExtensions).where(eq(caseExtensions.caseId, caseId)).orderBy(asc(caseExtensions.requestedAt), asc(caseExtensions.level));
  },

  extensionById(db: Db, caseId: string, id: string) {
    return db
      .select()
      .from(caseExtensions)
      .where(and(eq(caseExtensions.caseId, caseId), eq(caseExtensions.id, id)))
      .then((r) => r[0]);
  },

  insertExtension(db: Db, row: typeof caseExtensions.$inferInsert) {
    return db.insert(caseExtensions).values(row).returning().then((r) => r[0]!);
  },

  /** Decides a request still open; undefined when someone decided it first. */
  decideExtension(db: Db, id: string, set: Pick<CaseExtensionRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>) {
    return db
      .update(caseExtensions)
      .set(set)
      .where(and(eq(caseExtensions.id, id), eq(caseExtensions.status, 'requested')))
      .returning()
      .then((r) => r[0]);
  },

  setExtensionDue(db: Db, id: string, newDueAt: Date | null) {
    return db.update(caseExtensions).set({ newDueAt }).where(eq(caseExtensions.id, id));
  },

  exclusions(db: Db, caseId: string) {
    return db.select().from(caseExclusions).where(eq(caseExclusions.caseId, caseId)).orderBy(asc(caseExclusions.startAt), asc(caseExclusions.recordedAt));
  },

  exclusionById(db: Db, caseId: string, id: string) {
    return db
      .select()
      .from(caseExclusions)
      .where(and(eq(caseExclusions.caseId, caseId), eq(caseExclusions.id, id)))
      .then((r) => r[0]);
  },

  insertExclusion(db: Db, row: typeof caseExclusions.$inferInsert) {
    return db.insert(caseExclusions).values(row).returning().then((r) => r[0]!);
  },

  updateExclusion(db: Db, id: string, version: number, set: Partial<typeof caseExclusions.$inferInsert>) {
    return db
      .update(caseExclusions)
      .set({ ...set, version: version + 1 })
      .where(and(eq(caseExclusions.id, id), eq(caseExclusions.version, version)))
      .returning()
      .then((r) => r[0]);
  },
};
