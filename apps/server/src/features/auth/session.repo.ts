import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { institutions, orgUnits, preparedOn, sessions, users, type Db } from '@loopdesk/db';

export type SessionRow = typeof sessions.$inferSelect;

// Every API request resolves its session: a prepared statement spares building the SQL and
// planning the join each time (PostgreSQL keeps the plan per connection).
const resolveStatement = preparedOn((db) =>
  db
    // Only what a request needs (every request runs this): not the password hash or the rest of the rows.
    .select({
      session: { id: sessions.id, csrfToken: sessions.csrfToken, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt },
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        institutionId: users.institutionId,
        orgUnitId: users.orgUnitId,
        roles: users.roles,
        status: users.status,
        mustChangePassword: users.mustChangePassword,
      },
      orgPath: orgUnits.path,
      orgName: orgUnits.name,
      institutionName: institutions.name,
      timeZone: institutions.timeZone,
      ruleSetId: institutions.ruleSetId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('loopdesk_resolve_session'),
);

export const sessionRepo = {
  insert(db: Db, row: typeof sessions.$inferInsert) {
    return db.insert(sessions).values(row).returning().then((r) => r[0]!);
  },

  /** A live session with its user, the user's org unit and institution: one indexed join. */
  resolve(db: Db, tokenHash: string, now: Date) {
    return resolveStatement(db)
      .execute({ tokenHash, now })
      .then((r) => r[0]);
  },

  touch(db: Db, id: string, now: Date, expiresAt: Date) {
    return db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
  },

  listLive(db: Db, userId: string, now: Date) {
    return db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(200);
  },

  revoke(db: Db, userId: string, id: string, now: Date) {
    return db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, userId), eq(sessions.id, id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id })
      .then((r) => r.length > 0);
  },

  /** Revokes every live session of a user, optionally keeping one. */
  revokeAll(db: Db, userId: string, now: Date, keepId?: string) {
    const where = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
    if (keepId) where.push(ne(sessions.id, keepId));
    return db.update(sessions).set({ revokedAt: now }).where(and(...where));
  },
};
