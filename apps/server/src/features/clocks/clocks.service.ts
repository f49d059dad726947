import {
  CHINA_NFRA_2020,
  chinaBusinessCalendar,
  civilDateAt,
  inheritedWorkingHours,
  institutionCalendar,
  regulatoryDeadline,
  workSchedule,
  ZWorkingHours,
  type BusinessCalendar,
  type CalendarDaySource,
  type CaseKind,
  type CivilDate,
  type TRegulatoryRuleSet,
  type TWorkingHours,
  type WorkSchedule,
} from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import type { Deps } from '../../platform/deps';
import type { OrgService } from '../org/org.service';
import { calendarRepo } from '../calendar/calendar.repo';

export interface RegulatoryDue {
  dueAt: Date;
  provisional: boolean;
}

/** Kinds the complaint rules apply to: complaints, and feedback not yet classified. */
const REGULATED_KINDS: readonly CaseKind[] = ['complaint', 'unknown'];

/**
 * The institution's clocks: its time zone, its business calendar (the chinese-days seed with the
 * institution's imported and edited days) and the regulatory rule set. Calendars are cached per
 * institution and reloaded when the institution's calendar version moves, so a change made by
 * another API process sharing the database is seen at the next deadline computed.
 */
export class ClocksService {
  private readonly seed: BusinessCalendar = chinaBusinessCalendar();
  private readonly ruleSet: TRegulatoryRuleSet = CHINA_NFRA_2020;
  private readonly calendars = new Map<string, { version: number; calendar: BusinessCalendar }>();

  constructor(
    private readonly deps: Deps,
    private readonly org: OrgService,
  ) {}

  /** The civil date of an instant in the institution's time zone (case numbers use it). */
  async civilDate(institutionId: string, at: Date): Promise<CivilDate> {
    return civilDateAt(at.getTime(), await this.org.timeZone(institutionId));
  }

  /** The institution's business calendar, cached for as long as its calendar version stays the same. */
  async calendarFor(institutionId: string): Promise<BusinessCalendar> {
    return (await this.clockFor(institutionId)).calendar;
  }

  /**
   * The institution's calendar as the transaction `tx` sees it (a calendar change about to commit).
   * Never cached: the transaction may still roll back.
   */
  async calendarWithin(tx: Db, institutionId: string): Promise<BusinessCalendar> {
    return this.load(tx, institutionId);
  }

  /** The working week of an org unit: its own hours, else its nearest ancestor's, else the default; on its institution's calendar and zone. */
  async workingHoursFor(orgUnitId: string): Promise<WorkSchedule> {
    const unit = await calendarRepo.unit(this.deps.db, orgUnitId);
    if (!unit) throw new AppError('not_found', 'no such org unit');
    const { hours } = await this.inheritedHours(this.deps.db, unit.institutionId, unit.path);
    const { calendar, timeZone } = await this.clockFor(unit.institutionId);
    return workSchedule(calendar, hours, timeZone);
  }

  /** The hours a unit keeps and the unit they come from (null: the institution default). */
  async inheritedHours(db: Db, institutionId: string, path: string): Promise<{ hours: TWorkingHours; fromUnitId: string | null }> {
    const ancestry = path.split('/').filter(Boolean);
    const rows = await calendarRepo.workingHours(db, institutionId, ancestry);
    return inheritedWorkingHours(ancestry, new Map(rows.map((r) => [r.orgUnitId, ZWorkingHours.parse(r.hours)])));
  }

  /** The regulatory decision deadline for a case received at `receivedAt`, or null for kinds the rules do not cover. */
  async regulatoryDue(institutionId: string, kind: CaseKind, receivedAt: Date): Promise<RegulatoryDue | null> {
    if (!REGULATED_KINDS.includes(kind)) return null;
    const { calendar, timeZone } = await this.clockFor(institutionId);
    return this.regulatoryDueOn(calendar, timeZone, kind, receivedAt);
  }

  /** `regulatoryDue` on a given calendar and zone (recomputing many cases after a calendar change). */
  regulatoryDueOn(calendar: BusinessCalendar, zone: string, kind: CaseKind, receivedAt: Date): RegulatoryDue | null {
    if (!REGULATED_KINDS.includes(kind)) return null;
    const deadline = regulatoryDeadline({ receivedAt: receivedAt.getTime(), ruleSet: this.ruleSet, calendar, zone });
    return deadline.state === 'running' ? { dueAt: new Date(deadline.dueAt), provisional: deadline.provisional } : null;
  }

  /** The institution's time zone and business calendar (one indexed read while the calendar version stays the same). */
  async clockFor(institutionId: string): Promise<{ calendar: BusinessCalendar; timeZone: string }> {
    let clock = await calendarRepo.clockOf(this.deps.db, institutionId);
    if (!clock) throw new AppError('not_found', 'no such institution');
    for (let attempt = 0; ; attempt++) {
      const cached = this.calendars.get(institutionId);
      if (cached && cached.version === clock.calendarVersion) return { calendar: cached.calendar, timeZone: clock.timeZone };
      const calendar = await this.load(this.deps.db, institutionId);
      // The copy is consistent only if no change committed while it was read; otherwise read again.
      const after = await calendarRepo.clockOf(this.deps.db, institutionId);
      if (!after) throw new AppError('not_found', 'no such institution');
      if (after.calendarVersion === clock.calendarVersion) {
        this.calendars.set(institutionId, { version: clock.calendarVersion, calendar });
        return { calendar, timeZone: clock.timeZone };
      }
      if (attempt === 2) return { calendar, timeZone: after.timeZone };
      clock = after;
    }
  }

  private async load(db: Db, institutionId: string): Promise<BusinessCalendar> {
    const stored = await calendarRepo.stored(db, institutionId);
    return institutionCalendar(this.seed, {
      years: stored.years,
      days: stored.days.map((d) => ({ date: d.date, offDay: d.offDay, name: d.name, scheduleYear: d.scheduleYear, source: d.source as CalendarDaySource })),
    });
  }

  /**
   * The work schedule operational SLA clocks count business time in: the institution's
   * calendar and zone, with the institution's default office hours.
   */
  async slaSchedule(institutionId: string): Promise<WorkSchedule> {
    const { calendar, timeZone } = await this.clockFor(institutionId);
    return workSchedule(calendar, undefined, timeZone);
  }
}
