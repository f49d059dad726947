import { and, count, eq, inArray } from 'drizzle-orm';
import { cases, orgUnits, users, type Db } from '@loopdesk/db';

/**
 * What first-start seeding reads: it runs before anyone can sign in, with no actor to scope a
 * service call by, and partly inside the transaction that creates the institution.
 */
export const setupRepo = {
  /** The institution's units by code, with their paths. */
  async unitsByCode(db: Db, institutionId: string): Promise<Map<string, { id: string; path: string; name: string }>> {
    const rows = await db.select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.institutionId, institutionId));
    return new Map(rows.map((r) => [r.code, { id: r.id, path: r.path, name: r.name }]));
  },

  /** Active staff by username, with the path of their unit. */
  staff(db: Db, institutionId: string, usernames: readonly string[]) {
    return db
      .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, orgUnitId: users.orgUnitId, path: orgUnits.path })
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(and(eq(users.institutionId, institutionId), inArray(users.username, [...usernames]), eq(users.status, 'active')));
  },

  async caseCount(db: Db, institutionId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(cases).where(eq(cases.institutionId, institutionId));
    return row?.n ?? 0;
  },
};
