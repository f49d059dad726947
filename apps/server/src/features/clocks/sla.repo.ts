import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, notExists, sql } from 'drizzle-orm';
import { caseClockEvents, caseClocks, cases, institutions, orgUnitWorkingHours, slaPolicies, type Db } from '@loopdesk/db';

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

  /** Raises the SLA version: every process reloads its cached SLA context of the institution. */
  bumpVersion(db: Db, institutionId: string) {
    return db
      .update(institutions)
      .set({ slaVersion: sql`${institutions.slaVersion} + 1` })
      .where(eq(institutions.id, institutionId));
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

  /** Institutions whose cases were never checked for missing clocks (or all of them), with their ids. */
  institutionsToCheck(db: Db, all: boolean) {
    return db
      .select({ id: institutions.id })
      .from(institutions)
      .where(all ? undefined : isNull(institutions.clocksCheckedAt))
      .orderBy(asc(institutions.id));
  },

  /**
   * The next page of an institution's cases in id order after `afterId` (`lastId`, null at the
   * end), with those of them that have no clock at all. Each page costs its own size: the
   * anti-join looks up each case's clocks by index, never the whole clock table.
   */
  async casesWithoutClocks(db: Db, institutionId: string, afterId: string | null, pageSize: number) {
    const page = await db
      .select({ id: cases.id })
      .from(cases)
      .where(afterId ? and(eq(cases.institutionId, institutionId), gt(cases.id, afterId)) : eq(cases.institutionId, institutionId))
      .orderBy(asc(cases.id))
      .limit(pageSize);
    const ids = page.map((r) => r.id);
    const rows =
      ids.length === 0
        ? []
        : await db
            .select()
            .from(cases)
            .where(and(inArray(cases.id, ids), notExists(db.select({ one: sql`1` }).from(caseClocks).where(eq(caseClocks.caseId, cases.id)))))
            .orderBy(asc(cases.id));
    return { rows, lastId: ids.at(-1) ?? null };
  },

  markClocksChecked(db: Db, institutionId: string, at: Date) {
    return db.update(institutions).set({ clocksCheckedAt: at }).where(eq(institutions.id, institutionId));
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
