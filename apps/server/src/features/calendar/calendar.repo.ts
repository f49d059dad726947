import { and, eq, inArray, sql } from 'drizzle-orm';
import { calendarDays, calendarYears, institutions, orgUnits, orgUnitWorkingHours, type Db } from '@loopdesk/db';

export type CalendarDayRow = typeof calendarDays.$inferSelect;
export type WorkingHoursRow = typeof orgUnitWorkingHours.$inferSelect;

export const calendarRepo = {
  /** The institution's zone, rule set and calendar and SLA versions: one primary-key read, cheap enough for every deadline. */
  clockOf(db: Db, institutionId: string) {
    return db
      .select({ timeZone: institutions.timeZone, calendarVersion: institutions.calendarVersion, ruleSetId: institutions.ruleSetId, slaVersion: institutions.slaVersion })
      .from(institutions)
      .where(eq(institutions.id, institutionId))
      .then((r) => r[0]);
  },

  /**
   * Raises the calendar version and locks the institution row until the transaction ends, so
   * concurrent calendar changes run one after the other and every other process sees a new version.
   */
  bumpVersion(db: Db, institutionId: string) {
    return db
      .update(institutions)
      .set({ calendarVersion: sql`${institutions.calendarVersion} + 1` })
      .where(eq(institutions.id, institutionId))
      .returning({ timeZone: institutions.timeZone, calendarVersion: institutions.calendarVersion, ruleSetId: institutions.ruleSetId })
      .then((r) => r[0]);
  },

  /** Everything stored for the institution's calendar, with the version it was read at. */
  async stored(db: Db, institutionId: string) {
    const [years, days] = await Promise.all([
      db.select({ year: calendarYears.year }).from(calendarYears).where(eq(calendarYears.institutionId, institutionId)),
      db.select().from(calendarDays).where(eq(calendarDays.institutionId, institutionId)),
    ]);
    return { years: years.map((y) => y.year), days };
  },

  day(db: Db, institutionId: string, date: string) {
    return db
      .select()
      .from(calendarDays)
      .where(and(eq(calendarDays.institutionId, institutionId), eq(calendarDays.date, date)))
      .then((r) => r[0]);
  },

  /** Drops the days of the schedule years being replaced (imported days and edits alike). */
  deleteScheduleYears(db: Db, institutionId: string, years: number[]) {
    return db.delete(calendarDays).where(and(eq(calendarDays.institutionId, institutionId), inArray(calendarDays.scheduleYear, years)));
  },

  upsertYear(db: Db, row: typeof calendarYears.$inferInsert) {
    return db
      .insert(calendarYears)
      .values(row)
      .onConflictDoUpdate({ target: [calendarYears.institutionId, calendarYears.year], set: { updatedBy: row.updatedBy, updatedAt: row.updatedAt } });
  },

  async upsertDays(db: Db, rows: (typeof calendarDays.$inferInsert)[]) {
    // A few hundred rows at most (one year's schedule); chunked to stay well inside parameter limits.
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insert(calendarDays)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [calendarDays.institutionId, calendarDays.date],
          set: {
            offDay: sql`excluded.off_day`,
            name: sql`excluded.name`,
            scheduleYear: sql`excluded.schedule_year`,
            source: sql`excluded.source`,
            updatedBy: sql`excluded.updated_by`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    }
  },

  /** An org unit's institution and path (ancestor ids from the root down). */
  unit(db: Db, orgUnitId: string) {
    return db
      .select({ id: orgUnits.id, institutionId: orgUnits.institutionId, path: orgUnits.path })
      .from(orgUnits)
      .where(eq(orgUnits.id, orgUnitId))
      .then((r) => r[0]);
  },

  /** Names of units (for saying where inherited hours come from). */
  unitNames(db: Db, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([] as { id: string; name: string }[]);
    return db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, ids));
  },

  /** The own working hours of the given units. */
  workingHours(db: Db, institutionId: string, unitIds: string[]) {
    if (unitIds.length === 0) return Promise.resolve([] as WorkingHoursRow[]);
    return db
      .select()
      .from(orgUnitWorkingHours)
      .where(and(eq(orgUnitWorkingHours.institutionId, institutionId), inArray(orgUnitWorkingHours.orgUnitId, unitIds)));
  },

  upsertWorkingHours(db: Db, row: typeof orgUnitWorkingHours.$inferInsert) {
    return db
      .insert(orgUnitWorkingHours)
      .values(row)
      .onConflictDoUpdate({ target: orgUnitWorkingHours.orgUnitId, set: { hours: row.hours, updatedBy: row.updatedBy, updatedAt: row.updatedAt } });
  },

  deleteWorkingHours(db: Db, orgUnitId: string) {
    return db.delete(orgUnitWorkingHours).where(eq(orgUnitWorkingHours.orgUnitId, orgUnitId));
  },
};
