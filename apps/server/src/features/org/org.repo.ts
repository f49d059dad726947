import { and, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { institutions, orgUnits, preparedOn, type Db, escapeLike } from '@loopdesk/db';

export type OrgUnitRow = typeof orgUnits.$inferSelect;


// Read by most writes (the unit in scope): prepared once per handle.
const unitByIdStatement = preparedOn((db) =>
  db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.institutionId, sql.placeholder('institutionId')), eq(orgUnits.id, sql.placeholder('id'))))
    .prepare('loopdesk_org_unit_by_id'),
);

export const orgRepo = {
  institutionByCode(db: Db, code: string) {
    return db.select().from(institutions).where(eq(institutions.code, code)).then((r) => r[0]);
  },

  institutionById(db: Db, id: string) {
    return db.select().from(institutions).where(eq(institutions.id, id)).then((r) => r[0]);
  },

  institutions(db: Db) {
    return db.select().from(institutions).orderBy(institutions.code);
  },

  insertInstitution(db: Db, row: typeof institutions.$inferInsert) {
    return db.insert(institutions).values(row).returning().then((r) => r[0]!);
  },

  /** Units under `path` (inclusive) plus the extra ids (grants), in tree order. */
  listVisible(db: Db, institutionId: string, path: string, extraIds: string[]) {
    const visible: SQL[] = [like(orgUnits.path, `${escapeLike(path)}%`)];
    if (extraIds.length > 0) visible.push(inArray(orgUnits.id, extraIds));
    return db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.institutionId, institutionId), or(...visible)))
      .orderBy(orgUnits.depth, orgUnits.code);
  },

  departments(db: Db, institutionId: string) {
    return db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.institutionId, institutionId), eq(orgUnits.kind, 'department')))
      .orderBy(orgUnits.depth, orgUnits.code);
  },

  byId(db: Db, institutionId: string, id: string) {
    return unitByIdStatement(db)
      .execute({ institutionId, id })
      .then((r) => r[0]);
  },

  root(db: Db, institutionId: string) {
    return db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.institutionId, institutionId), eq(orgUnits.depth, 0)))
      .then((r) => r[0]);
  },

  insert(db: Db, row: typeof orgUnits.$inferInsert) {
    return db.insert(orgUnits).values(row).returning().then((r) => r[0]!);
  },

  /** Updates when the version still matches; undefined means someone else changed it first. */
  update(db: Db, id: string, version: number, set: Partial<typeof orgUnits.$inferInsert>, now: Date) {
    return db
      .update(orgUnits)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(orgUnits.id, id), eq(orgUnits.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  /** Rewrites the paths of a moved unit's descendants (the unit itself is updated by `update`). */
  movePaths(db: Db, institutionId: string, oldPath: string, newPath: string, depthDelta: number) {
    return db
      .update(orgUnits)
      .set({
        path: sql`${newPath} || substr(${orgUnits.path}, ${oldPath.length + 1})`,
        depth: sql`${orgUnits.depth} + ${depthDelta}`,
      })
      .where(
        and(
          eq(orgUnits.institutionId, institutionId),
          like(orgUnits.path, `${escapeLike(oldPath)}%`),
          sql`${orgUnits.path} <> ${oldPath}`,
        ),
      );
  },
};
