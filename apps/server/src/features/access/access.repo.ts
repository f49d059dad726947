import { and, eq, gt, isNull, like, or, type SQL } from 'drizzle-orm';
import { accessGrants, escapeLike, type Db } from '@loopdesk/db';

export type GrantRow = typeof accessGrants.$inferSelect;

const live = (now: Date) =>
  and(isNull(accessGrants.revokedAt), or(isNull(accessGrants.expiresAt), gt(accessGrants.expiresAt, now)));

export const accessRepo = {
  /** Ids of the objects of one type a user holds a live grant on. */
  grantedIds(db: Db, userId: string, objectType: string, now: Date) {
    return db
      .select({ objectId: accessGrants.objectId })
      .from(accessGrants)
      .where(and(eq(accessGrants.userId, userId), eq(accessGrants.objectType, objectType), live(now)))
      .then((rows) => rows.map((r) => r.objectId));
  },

  hasGrant(db: Db, userId: string, objectType: string, objectId: string, now: Date) {
    return db
      .select({ id: accessGrants.id })
      .from(accessGrants)
      .where(
        and(
          eq(accessGrants.userId, userId),
          eq(accessGrants.objectType, objectType),
          eq(accessGrants.objectId, objectId),
          live(now),
        ),
      )
      .limit(1)
      .then((r) => r.length > 0);
  },

  /** Grants whose object lies under `underPath`, filtered. */
  list(
    db: Db,
    institutionId: string,
    underPath: string,
    f: { userId?: string; objectType?: string; objectId?: string; includeRevoked: boolean },
    now: Date,
  ) {
    const where: (SQL | undefined)[] = [eq(accessGrants.institutionId, institutionId), like(accessGrants.scopePath, `${escapeLike(underPath)}%`)];
    if (f.userId) where.push(eq(accessGrants.userId, f.userId));
    if (f.objectType) where.push(eq(accessGrants.objectType, f.objectType));
    if (f.objectId) where.push(eq(accessGrants.objectId, f.objectId));
    if (!f.includeRevoked) where.push(live(now));
    return db
      .select()
      .from(accessGrants)
      .where(and(...where))
      .orderBy(accessGrants.createdAt)
      .limit(1000);
  },

  byId(db: Db, institutionId: string, id: string) {
    return db
      .select()
      .from(accessGrants)
      .where(and(eq(accessGrants.institutionId, institutionId), eq(accessGrants.id, id)))
      .then((r) => r[0]);
  },

  insert(db: Db, row: typeof accessGrants.$inferInsert) {
    return db.insert(accessGrants).values(row).returning().then((r) => r[0]!);
  },

  revoke(db: Db, id: string, by: string, now: Date) {
    return db
      .update(accessGrants)
      .set({ revokedAt: now, revokedBy: by })
      .where(and(eq(accessGrants.id, id), isNull(accessGrants.revokedAt)))
      .returning()
      .then((r) => r[0]);
  },
};
