import { and, asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { institutions, replyTemplates, type Db } from '@loopdesk/db';

export type TemplateRow = typeof replyTemplates.$inferSelect;

export const templatesRepo = {
  list(db: Db, institutionId: string, f: { kind?: string; locale?: string; categoryId?: string }) {
    const where: (SQL | undefined)[] = [eq(replyTemplates.institutionId, institutionId)];
    if (f.kind) where.push(eq(replyTemplates.kind, f.kind));
    if (f.locale) where.push(eq(replyTemplates.locale, f.locale));
    if (f.categoryId) where.push(or(isNull(replyTemplates.categoryId), eq(replyTemplates.categoryId, f.categoryId)));
    return db.select().from(replyTemplates).where(and(...where)).orderBy(asc(replyTemplates.kind), asc(replyTemplates.code), asc(replyTemplates.locale));
  },

  byId(db: Db, institutionId: string, id: string) {
    return db
      .select()
      .from(replyTemplates)
      .where(and(eq(replyTemplates.institutionId, institutionId), eq(replyTemplates.id, id)))
      .then((r) => r[0]);
  },

  institutionIds(db: Db) {
    return db.select({ id: institutions.id }).from(institutions).then((r) => r.map((x) => x.id));
  },

  /** Inserts the rows whose code and locale the institution does not have yet; the rows inserted. */
  insertMissing(db: Db, rows: (typeof replyTemplates.$inferInsert)[]) {
    return db.insert(replyTemplates).values(rows).onConflictDoNothing({ target: [replyTemplates.institutionId, replyTemplates.code, replyTemplates.locale] }).returning();
  },

  insert(db: Db, row: typeof replyTemplates.$inferInsert) {
    return db.insert(replyTemplates).values(row).returning().then((r) => r[0]!);
  },

  update(db: Db, id: string, version: number, set: Partial<typeof replyTemplates.$inferInsert>, now: Date) {
    return db
      .update(replyTemplates)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(replyTemplates.id, id), eq(replyTemplates.version, version)))
      .returning()
      .then((r) => r[0]);
  },
};
