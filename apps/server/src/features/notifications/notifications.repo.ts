import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { contacts, customers, institutions, notificationOutbox, users, type Db } from '@loopdesk/db';

export type OutboxRow = typeof notificationOutbox.$inferSelect;

export const notificationsRepo = {
  insert(db: Db, row: typeof notificationOutbox.$inferInsert) {
    return db.insert(notificationOutbox).values(row).returning().then((r) => r[0]!);
  },

  /**
   * Claims pending rows that are due (never tried, or their backoff has passed): locked for the
   * caller's transaction, rows another worker holds skipped. `recipientTypes` limits the claim
   * (without a mail transport only staff rows can be delivered, to the in-app inbox).
   */
  claimDue(db: Db, now: Date, limit: number, recipientTypes: readonly string[] | null) {
    const due = and(eq(notificationOutbox.status, 'pending'), or(isNull(notificationOutbox.nextAttemptAt), lte(notificationOutbox.nextAttemptAt, now)));
    return db
      .select()
      .from(notificationOutbox)
      .where(recipientTypes ? and(due, inArray(notificationOutbox.recipientType, [...recipientTypes])) : due)
      .orderBy(asc(notificationOutbox.createdAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  },

  markSent(db: Db, id: string, at: Date, via: 'email' | 'inbox', attempts: number) {
    return db.update(notificationOutbox).set({ status: 'sent', sentAt: at, deliveredVia: via, attempts, nextAttemptAt: null, lastError: null }).where(eq(notificationOutbox.id, id));
  },

  markAttemptFailed(db: Db, id: string, attempts: number, error: string, retryAt: Date | null) {
    return db
      .update(notificationOutbox)
      .set(retryAt ? { attempts, lastError: error, nextAttemptAt: retryAt } : { attempts, lastError: error, nextAttemptAt: null, status: 'failed' })
      .where(eq(notificationOutbox.id, id));
  },

  /** A staff member's notices, newest first, whatever their email delivery is doing. */
  mine(db: Db, institutionId: string, userId: string, limit: number) {
    const mine = and(eq(notificationOutbox.institutionId, institutionId), eq(notificationOutbox.recipientType, 'staff'), eq(notificationOutbox.recipientId, userId));
    return Promise.all([
      db.select().from(notificationOutbox).where(mine).orderBy(desc(notificationOutbox.createdAt)).limit(limit),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(notificationOutbox)
        .where(and(mine, isNull(notificationOutbox.readAt)))
        .then((r) => r[0]?.n ?? 0),
    ]);
  },

  markRead(db: Db, institutionId: string, userId: string, id: string, at: Date) {
    return db
      .update(notificationOutbox)
      .set({ readAt: sql`coalesce(${notificationOutbox.readAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(notificationOutbox.id, id), eq(notificationOutbox.institutionId, institutionId), eq(notificationOutbox.recipientType, 'staff'), eq(notificationOutbox.recipientId, userId)))
      .returning({ id: notificationOutbox.id })
      .then((r) => r[0]);
  },

  /** Marks every unread notice of a staff member read, those created after `until` excepted; how many it marked. */
  markAllRead(db: Db, institutionId: string, userId: string, at: Date, until: Date | null) {
    return db
      .update(notificationOutbox)
      .set({ readAt: at })
      .where(
        and(
          eq(notificationOutbox.institutionId, institutionId),
          eq(notificationOutbox.recipientType, 'staff'),
          eq(notificationOutbox.recipientId, userId),
          isNull(notificationOutbox.readAt),
          until ? lte(notificationOutbox.createdAt, until) : undefined,
        ),
      )
      .returning({ id: notificationOutbox.id })
      .then((r) => r.length);
  },

  staffEmail(db: Db, userId: string) {
    return db.select({ id: users.id, emailSealed: users.emailSealed, status: users.status }).from(users).where(eq(users.id, userId)).then((r) => r[0]);
  },

  contactEmail(db: Db, contactId: string) {
    return db.select({ id: contacts.id, emailSealed: contacts.emailSealed }).from(contacts).where(eq(contacts.id, contactId)).then((r) => r[0]);
  },

  customerEmail(db: Db, customerId: string) {
    return db.select({ id: customers.id, emailSealed: customers.emailSealed }).from(customers).where(eq(customers.id, customerId)).then((r) => r[0]);
  },

  timeZone(db: Db, institutionId: string) {
    return db.select({ timeZone: institutions.timeZone }).from(institutions).where(eq(institutions.id, institutionId)).then((r) => r[0]?.timeZone ?? 'Asia/Shanghai');
  },
};
