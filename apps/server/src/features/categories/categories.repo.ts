import { and, asc, eq } from 'drizzle-orm';
import { categories, type Db } from '@loopdesk/db';

export type CategoryRow = typeof categories.$inferSelect;

export const categoriesRepo = {
  list(db: Db, institutionId: string) {
    return db.select().from(categories).where(eq(categories.institutionId, institutionId)).orderBy(asc(categories.sort), asc(categories.code));
  },

  byId(db: Db, institutionId: string, id: string) {
    return db
      .select()
      .from(categories)
      .where(and(eq(categories.institutionId, institutionId), eq(categories.id, id)))
      .then((r) => r[0]);
  },

  insert(db: Db, row: typeof categories.$inferInsert) {
    return db.insert(categories).values(row).returning().then((r) => r[0]!);
  },

  update(db: Db, id: string, set: Partial<typeof categories.$inferInsert>) {
    return db.update(categories).set(set).where(eq(categories.id, id)).returning().then((r) => r[0]);
  },
};
