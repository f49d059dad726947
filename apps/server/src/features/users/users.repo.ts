import { and, arrayContains, arrayOverlaps, count, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { orgUnits, users, type Db, escapeLike } from '@loopdesk/db';

export type UserRow = typeof users.$inferSelect;


export interface UserFilter {
  institutionId: string;
  /** Only users whose org unit lies under this path. */
  underPath: string;
  q?: string;
  role?: string;
  status?: string;
}

function filterWhere(f: UserFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [
    eq(users.institutionId, f.institutionId),
    like(orgUnits.path, `${escapeLike(f.underPath)}%`),
  ];
  if (f.q) {
    const q = `%${escapeLike(f.q)}%`;
    where.push(or(ilike(users.username, q), ilike(users.displayName, q)));
  }
  if (f.role) where.push(arrayContains(users.roles, [f.role]));
  if (f.status) where.push(eq(users.status, f.status));
  return and(...where);
}

export const usersRepo = {
  async list(db: Db, f: UserFilter, limit: number, offset: number) {
    const where = filterWhere(f);
    const [rows, [total]] = await Promise.all([
      db
        .select({ user: users })
        .from(users)
        .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
        .where(where)
        .orderBy(users.username)
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId)).where(where),
    ]);
    return { rows: rows.map((r) => r.user), total: total?.n ?? 0 };
  },

  /** A user with the path of their org unit (for scope checks). */
  withPath(db: Db, institutionId: string, id: string) {
    return db
      .select({ user: users, path: orgUnits.path })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(and(eq(users.institutionId, institutionId), eq(users.id, id)))
      .then((r) => r[0]);
  },

  /** A user by sign-in name, with the path of their org unit. */
  byUsername(db: Db, username: string) {
    return db
      .select({ user: users, path: orgUnits.path })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(eq(users.username, username))
      .then((r) => r[0]);
  },

  insert(db: Db, row: typeof users.$inferInsert) {
    return db.insert(users).values(row).returning().then((r) => r[0]!);
  },

  update(db: Db, id: string, version: number, set: Partial<typeof users.$inferInsert>, now: Date) {
    return db
      .update(users)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  /**
   * Counts a failed sign-in and locks the account once `max` is reached, in one statement.
   * A lock-out that has run out starts the count afresh.
   */
  recordFailure(db: Db, id: string, max: number, now: Date, lockUntil: Date) {
    const expired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
    const count = sql`(case when ${expired} then 1 else ${users.failedLogins} + 1 end)`;
    return db
      .update(users)
      .set({
        failedLogins: count,
        lockedUntil: sql`case when ${count} >= ${max} then ${lockUntil.toISOString()}::timestamptz when ${expired} then null else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, id))
      .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil })
      .then((r) => r[0]);
  },

  recordSuccess(db: Db, id: string, now: Date) {
    return db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, id));
  },

  /** Active staff of the institution matching a name, for the directory. */
  directory(db: Db, institutionId: string, f: { q?: string; role?: string; underPath?: string }, limit: number) {
    const where: (SQL | undefined)[] = [eq(users.institutionId, institutionId), eq(users.status, 'active')];
    if (f.q) {
      const q = `%${escapeLike(f.q)}%`;
      where.push(or(ilike(users.username, q), ilike(users.displayName, q)));
    }
    if (f.role) where.push(arrayContains(users.roles, [f.role]));
    if (f.underPath) where.push(like(orgUnits.path, `${escapeLike(f.underPath)}%`));
    return db
      .select({ user: users })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(and(...where))
      .orderBy(users.displayName)
      .limit(limit)
      .then((r) => r.map((x) => x.user));
  },

  /** Users by id with the paths of their org units. */
  withPaths(db: Db, institutionId: string, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .select({ user: users, path: orgUnits.path })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(and(eq(users.institutionId, institutionId), inArray(users.id, ids)));
  },

  /** Users holding any of `roles`, with their units' paths. */
  holders(db: Db, institutionId: string, roles: string[]) {
    return db
      .select({ user: users, path: orgUnits.path })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(and(eq(users.institutionId, institutionId), arrayOverlaps(users.roles, roles)));
  },

  /** Users holding any of `roles` in a unit at or above any of `paths` (their line managers). */
  holdersAbove(db: Db, institutionId: string, paths: string[], roles: string[]) {
    if (paths.length === 0) return Promise.resolve([]);
    return db
      .select({ id: users.id })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(
        and(
          eq(users.institutionId, institutionId),
          arrayOverlaps(users.roles, roles),
          or(...paths.map((p) => sql`${p} like ${orgUnits.path} || '%'`)),
        ),
      );
  },

  countInInstitution(db: Db, institutionId: string) {
    return db
      .select({ n: count() })
      .from(users)
      .where(eq(users.institutionId, institutionId))
      .then((r) => r[0]?.n ?? 0);
  },
};
