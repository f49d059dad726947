import { and, asc, eq, gt, isNotNull, lte, notExists, sql } from 'drizzle-orm';
import { caseClockEvents, caseClocks, cases, orgUnitWorkingHours, slaPolicies, type Db } from '@loopdesk/db';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
export type CaseClockRow = typeof caseClocks.$inferSelect;
export type CaseClockEventRow = typeof caseClockEvents.$inferSelect;

export const slaRepo = {
  policy(db: Db, institutionId: string, code: string) {
    return db
      .select()
      .from(slaPolicies)
      .where(and(eq(slaPolicies.institutionId, institutionId), eq(slaPolicies.code, code)))
      .then((r) => r[0]);
  },

  insertPolicy(db: Db, row: typeof slaPolicies.$inferInsert) {
    return db.insert(slaPolicies).values(row).returning().then((r) => r[0]!);
  },

  updatePolicy(db: Db, id: string, version: number, set: Partial<typeof slaPolicies.$inferInsert>, now: Date) {
    return db
      .update(slaPolicies)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(slaPolicies.id, id), eq(slaPolicies.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  /** Every unit's own working hours in an institution (few rows: the units that keep their own). */
  workingHoursOf(db: Db, institutionId: string) {
    return db.select({ orgUnitId: orgUnitWorkingHours.orgUnitId, hours: orgUnitWorkingHours.hours }).from(orgUnitWorkingHours).where(eq(orgUnitWorkingHours.institutionId, institutionId));
  },

  clocksOf(db: Db, caseId: string) {
    return db.select().from(caseClocks).where(eq(caseClocks.caseId, caseId)).orderBy(asc(caseClocks.clock));
  },

  upsertClock(db: Db, row: typeof caseClocks.$inferInsert) {
    const { caseId: _caseId, clock: _clock, institutionId: _institutionId, ...set } = row;
    return db.insert(caseClocks).values(row).onConflictDoUpdate({ target: [caseClocks.caseId, caseClocks.clock], set });
  },

  /** The projection the queues, badges and the worker's range scan read; the case version is not touched. */
  project(db: Db, caseId: string, set: { slaStatus: string | null; slaDueAt: Date | null; nextClockAt: Date | null }) {
    return db.update(cases).set(set).where(eq(cases.id, caseId));
  },

  /**
   * Claims up to `limit` cases whose next clock event is due: an index range scan on
   * next_clock_at, rows locked for this transaction, rows another worker holds skipped.
   */
  claimDue(db: Db, now: Date, limit: number) {
    return db
      .select({ id: cases.id })
      .from(cases)
      .where(and(isNotNull(cases.nextClockAt), lte(cases.nextClockAt, now)))
      .orderBy(asc(cases.nextClockAt))
      .limit(limit)
      .for('update', { skipLocked: true })
      .then((r) => r.map((x) => x.id));
  },

  /** Puts a case's next clock event off (its work failed; it is tried again then). */
  postpone(db: Db, caseId: string, until: Date) {
    return db.update(cases).set({ nextClockAt: until }).where(eq(cases.id, caseId));
  },

  /** Records a level once; undefined when it was already recorded (redelivery, another worker). */
  insertClockEvent(db: Db, row: typeof caseClockEvents.$inferInsert) {
    return db
      .insert(caseClockEvents)
      .values(row)
      .onConflictDoNothing({ target: [caseClockEvents.caseId, caseClockEvents.clock, caseClockEvents.run, caseClockEvents.level] })
      .returning()
      .then((r) => r[0]);
  },

  setEscalation(db: Db, id: string, escalation: unknown) {
    return db.update(caseClockEvents).set({ escalation }).where(eq(caseClockEvents.id, id));
  },

  clockEventsOf(db: Db, caseId: string) {
    return db.select().from(caseClockEvents).where(eq(caseClockEvents.caseId, caseId)).orderBy(asc(caseClockEvents.recordedAt), asc(caseClockEvents.clock));
  },

  /** A case row read in the worker's transaction (the worker claimed and locked it). */
  caseRow(db: Db, id: string) {
    return db.select().from(cases).where(eq(cases.id, id)).then((r) => r[0]);
  },

  /** Cases that have no clock at all (registered before SLA clocks existed), in id order after `afterId`. */
  casesWithoutClocks(db: Db, afterId: string | null, limit: number) {
    const none = notExists(db.select({ one: sql`1` }).from(caseClocks).where(eq(caseClocks.caseId, cases.id)));
    return db
      .select()
      .from(cases)
      .where(afterId ? and(none, gt(cases.id, afterId)) : none)
      .orderBy(asc(cases.id))
      .limit(limit);
  },

  /** How many cases are due now (for the worker's log line). */
  countDue(db: Db, now: Date) {
    return db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(isNotNull(cases.nextClockAt), lte(cases.nextClockAt, now)))
      .then((r) => r[0]?.n ?? 0);
  },
};
