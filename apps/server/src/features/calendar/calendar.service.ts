import {
  addDays,
  calendarYear,
  CalendarImportError,
  dayEditProblem,
  endOfCivilDay,
  schedulesFromImport,
  startOfCivilDay,
  ZWorkingHours,
  type BusinessCalendar,
  type CivilDate,
  type TCalendarDay,
  type TCalendarDayResult,
  type TCalendarDayUpdate,
  type TCalendarImportRequest,
  type TCalendarImportResult,
  type TCalendarYear,
  type TRegulatoryRuleSet,
  type TWorkingHours,
  type TWorkingHoursUpdate,
  type TWorkingHoursView,
} from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import type { CasesService, RegulatoryContext } from '../cases/cases.service';
import { ruleSetNamed, schedulesOn, type ClocksService, type RegulatoryCalendar } from '../clocks/clocks.service';
import type { OrgService } from '../org/org.service';
import { calendarRepo, type CalendarDayRow } from './calendar.repo';

/**
 * Business-calendar administration: the year view, imports of official schedules, single-day
 * edits and org units' working hours. Every calendar change raises the institution's calendar
 * version (other processes reload their cached calendar) and, in the same transaction,
 * recomputes the regulatory deadlines of the open cases it may move.
 */
/** Work that follows a business-calendar change inside its transaction; returns how many cases it changed. */
export type CalendarRecomputeHook = (
  tx: Db,
  ctx: RequestContext,
  change: { institutionId: string; on: RegulatoryCalendar; window: { from: Date; to: Date }; reason: string },
) => Promise<number>;

export class CalendarService {
  private readonly recomputeHooks: CalendarRecomputeHook[] = [];

  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly clocks: ClocksService,
    private readonly cases: CasesService,
  ) {}

  /** Every day of a year, and whether the year has an official schedule at all. */
  async year(ctx: RequestContext, year: number): Promise<TCalendarYear> {
    const { institutionId } = requireActor(ctx);
    const [calendar, stored] = await Promise.all([this.clocks.calendarFor(institutionId), calendarRepo.stored(this.deps.db, institutionId)]);
    const sources = new Map(stored.days.map((d) => [d.date, d.source as 'import' | 'edit']));
    const view = calendarYear(calendar, year);
    return { ...view, days: view.days.map((d) => ({ ...d, source: sources.get(d.date) ?? 'seed' })) };
  }

  /** Imports official schedules (holiday-cn JSON or .ics), all or nothing; each year replaces what the institution had for it. */
  async import(ctx: RequestContext, input: TCalendarImportRequest): Promise<TCalendarImportResult> {
    const actor = requireActor(ctx);
    let schedules;
    try {
      schedules = schedulesFromImport(input.format, input.content);
    } catch (error) {
      if (!(error instanceof CalendarImportError)) throw error;
      throw new AppError(
        'unprocessable',
        `the ${input.format === 'ics' ? 'iCalendar' : 'holiday-cn'} file cannot be imported: ${error.issues.slice(0, 5).join('; ')}`,
        error.issues.map((message) => ({ field: 'content', message })),
      );
    }
    const now = this.deps.now();
    const years = schedules.map((s) => s.year);
    const dates = schedules.flatMap((s) => [`${s.year}-01-01`, `${s.year}-12-31`, ...s.days.map((d) => d.date)]).sort();
    const cc = await this.cases.regulatoryContext(actor.institutionId);
    return this.audit.transaction(async (tx) => {
      const { zone, ruleSet } = await this.lockCalendar(tx, actor.institutionId);
      const replaced = await calendarRepo.stored(tx, actor.institutionId).then((s) => s.days.filter((d) => years.includes(d.scheduleYear)).length);
      await calendarRepo.deleteScheduleYears(tx, actor.institutionId, years);
      const rows = schedules.flatMap((s) =>
        s.days.map((d) => ({
          institutionId: actor.institutionId,
          date: d.date,
          offDay: d.kind === 'holiday',
          name: d.name,
          scheduleYear: s.year,
          source: 'import',
          updatedBy: actor.userId,
          updatedAt: now,
        })),
      );
      await calendarRepo.upsertDays(tx, rows);
      for (const year of years) await calendarRepo.upsertYear(tx, { institutionId: actor.institutionId, year, updatedBy: actor.userId, updatedAt: now });
      const calendar = await this.clocks.calendarWithin(tx, actor.institutionId);
      const recomputedCases = await this.recompute(tx, ctx, actor.institutionId, cc, { calendar, zone, ruleSet }, dates[0]!, dates.at(-1)!, `calendar import ${years.join(', ')}`);
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: 'calendar.import',
        objectType: 'calendar',
        objectId: actor.institutionId,
        scopePath: null,
        after: { format: input.format, years, days: rows.length, replacedDays: replaced },
      });
      return { years, days: rows.length, recomputedCases };
    });
  }

  /** Sets one day: a rest day or a working day, with the holiday's name when it departs from the weekday rule. */
  async setDay(ctx: RequestContext, date: CivilDate, input: TCalendarDayUpdate): Promise<TCalendarDayResult> {
    const actor = requireActor(ctx);
    const problem = dayEditProblem(date, input.offDay, input.name);
    if (problem) throw new AppError('unprocessable', problem, [{ field: 'name', message: problem }]);
    const now = this.deps.now();
    const cc = await this.cases.regulatoryContext(actor.institutionId);
    return this.audit.transaction(async (tx) => {
      const { zone, ruleSet } = await this.lockCalendar(tx, actor.institutionId);
      const beforeCalendar = await this.clocks.calendarWithin(tx, actor.institutionId);
      const beforeRow = await calendarRepo.day(tx, actor.institutionId, date);
      await calendarRepo.upsertDays(tx, [
        { institutionId: actor.institutionId, date, offDay: input.offDay, name: input.name, scheduleYear: Number(date.slice(0, 4)), source: 'edit', updatedBy: actor.userId, updatedAt: now },
      ]);
      const calendar = await this.clocks.calendarWithin(tx, actor.institutionId);
      const recomputedCases = await this.recompute(tx, ctx, actor.institutionId, cc, { calendar, zone, ruleSet }, date, date, `calendar day ${date}`);
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: 'calendar.day',
        objectType: 'calendar',
        objectId: actor.institutionId,
        scopePath: null,
        before: { date, ...dayOf(beforeCalendar, date, beforeRow) },
        after: { date, ...dayOf(calendar, date, { source: 'edit' }) },
      });
      return { day: { date, ...dayOf(calendar, date, { source: 'edit' }) }, recomputedCases };
    });
  }

  /** The working hours an org unit keeps, and where they come from. */
  async workingHours(ctx: RequestContext, orgUnitId: string): Promise<TWorkingHoursView> {
    const actor = requireActor(ctx);
    const unit = await this.org.visibleUnit(actor, orgUnitId);
    return this.hoursView(this.deps.db, actor.institutionId, unit);
  }

  /** Sets an org unit's own working hours, or (null) lets it inherit its parent's again. */
  async setWorkingHours(ctx: RequestContext, orgUnitId: string, input: TWorkingHoursUpdate): Promise<TWorkingHoursView> {
    const actor = requireActor(ctx);
    const unit = await this.org.ownedUnit(actor, orgUnitId, 'id');
    let hours: TWorkingHours | null = null;
    if (input.hours !== null) {
      const parsed = ZWorkingHours.safeParse(input.hours);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => ({ field: ['hours', ...issue.path].join('.'), message: issue.message }));
        throw new AppError('unprocessable', `working hours: ${fields.map((f) => f.message).join('; ')}`, fields);
      }
      hours = parsed.data;
    }
    return this.audit.transaction(async (tx) => {
      const before = await this.hoursView(tx, actor.institutionId, unit);
      if (hours) await calendarRepo.upsertWorkingHours(tx, { orgUnitId, institutionId: actor.institutionId, hours, updatedBy: actor.userId, updatedAt: this.deps.now() });
      else await calendarRepo.deleteWorkingHours(tx, orgUnitId);
      await this.clocks.slaSettingsChanged(tx, actor.institutionId);
      const after = await this.hoursView(tx, actor.institutionId, unit);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'org_unit.working_hours', objectType: 'org_unit', objectId: orgUnitId, scopePath: unit.path, before, after });
      return after;
    });
  }

  private async hoursView(db: Db, institutionId: string, unit: { id: string; path: string }): Promise<TWorkingHoursView> {
    const { hours, fromUnitId } = await this.clocks.inheritedHours(db, institutionId, unit.path);
    const own = fromUnitId === unit.id;
    const [from] = !own && fromUnitId ? await calendarRepo.unitNames(db, [fromUnitId]) : [];
    return { orgUnitId: unit.id, hours, own, inheritedFrom: from ? { id: from.id, name: from.name } : null };
  }

  /** Raises the calendar version (serialising calendar changes) and returns the institution's zone and rule set as the locked row holds them. */
  private async lockCalendar(tx: Db, institutionId: string): Promise<{ zone: string; ruleSet: TRegulatoryRuleSet }> {
    const clock = await calendarRepo.bumpVersion(tx, institutionId);
    if (!clock) throw new AppError('not_found', 'no such institution');
    return { zone: clock.timeZone, ruleSet: ruleSetNamed(clock.ruleSetId) };
  }

  /** Other deadlines counted on the calendar (the review clocks) follow a change in its transaction; each returns how many cases moved. */
  onRecompute(hook: CalendarRecomputeHook): void {
    this.recomputeHooks.push(hook);
  }

  /**
   * Recomputes, on the changed calendar, the deadlines of open cases the change between `first`
   * and `last` may move; their SLA clocks are refreshed on the changed calendar too, and the
   * other deadlines counted on it (the review clocks) follow through the hooks.
   */
  private async recompute(tx: Db, ctx: RequestContext, institutionId: string, before: RegulatoryContext, on: RegulatoryCalendar, first: CivilDate, last: CivilDate, reason: string): Promise<number> {
    const { calendar, zone } = on;
    const window = { from: new Date(startOfCivilDay(first, zone)), to: new Date(endOfCivilDay(addDays(last, 1), zone)) };
    const cc = { ...before.cc, scheduleFor: schedulesOn(calendar, zone, before.cc.workingHours) };
    let changed = await this.cases.recomputeRegulatoryDue(tx, ctx, institutionId, window, { ...on, cc }, reason);
    for (const hook of this.recomputeHooks) changed += await hook(tx, ctx, { institutionId, on, window, reason });
    return changed;
  }
}

function dayOf(calendar: BusinessCalendar, date: CivilDate, row: Pick<CalendarDayRow, 'source'> | undefined): Omit<TCalendarDay, 'date'> {
  const view = calendarYear(calendar, Number(date.slice(0, 4))).days.find((d) => d.date === date)!;
  return { status: view.status, name: view.name, source: (row?.source as 'import' | 'edit' | undefined) ?? 'seed' };
}
