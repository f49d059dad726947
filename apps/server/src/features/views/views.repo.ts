import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { savedViews, users, type Db } from '@loopdesk/db';

export type SavedViewRow = typeof savedViews.$inferSelect & { ownerName: string };

const withOwner = {
  id: savedViews.id,
  institutionId: savedViews.institutionId,
  ownerId: savedViews.ownerId,
  name: savedViews.name,
  filters: savedViews.filters,
  sharedWithOrgUnitId: savedViews.sharedWithOrgUnitId,
  sharedPath: savedViews.sharedPath,
  sharedWithTeamId: savedViews.sharedWithTeamId,
  version: savedViews.version,
  createdAt: savedViews.createdAt,
  updatedAt: savedViews.updatedAt,
  ownerName: users.displayName,
};

export const viewsRepo = {
  /** A user's own views, those shared with a unit on their path (their unit and those above it) and with their teams. */
  visible(db: Db, institutionId: string, userId: string, unitPaths: string[], teamIds: string[]): Promise<SavedViewRow[]> {
    return db
      .select(withOwner)
      .from(savedViews)
      .innerJoin(users, eq(users.id, savedViews.ownerId))
      .where(and(eq(savedViews.institutionId, institutionId), or(eq(savedViews.ownerId, userId), inArray(savedViews.sharedPath, unitPaths), teamIds.length > 0 ? inArray(savedViews.sharedWithTeamId, teamIds) : undefined)))
      .orderBy(asc(savedViews.name), asc(savedViews.id));
  },

  byId(db: Db, institutionId: string, id: string): Promise<SavedViewRow | undefined> {
    return db
      .select(withOwner)
      .from(savedViews)
      .innerJoin(users, eq(users.id, savedViews.ownerId))
      .where(and(eq(savedViews.institutionId, institutionId), eq(savedViews.id, id)))
      .then((r) => r[0]);
  },

  insert(db: Db, row: typeof savedViews.$inferInsert) {
    return db.insert(savedViews).values(row).returning().then((r) => r[0]!);
  },

  update(db: Db, id: string, version: number, set: Partial<typeof savedViews.$inferInsert>, now: Date) {
    return db
      .update(savedViews)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(savedViews.id, id), eq(savedViews.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  delete(db: Db, id: string, version: number) {
    return db
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), eq(savedViews.version, version)))
      .returning()
      .then((r) => r[0]);
  },
};
