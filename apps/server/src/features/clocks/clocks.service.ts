import {
  chinaBusinessCalendar,
  civilDateAt,
  inheritedWorkingHours,
  isRegulatedKind,
  institutionCalendar,
  regulatoryDeadline,
  reviewDeadline,
  reviewWindow,
  shippedRuleSet,
  workSchedule,
  ZWorkingHours,
  type BusinessCalendar,
  type CalendarDaySource,
  type CaseKind,
  type CivilDate,
  type RegulatoryDeadline,
  type RegulatoryExclusion,
  type TRegulatoryRuleSet,
  type TWorkingHours,
  type WorkSchedule,
} from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import type { Deps } from '../../platform/deps';
import type { OrgService } from '../org/org.service';
import { calendarRepo } from '../calendar/calendar.repo';
import { slaRepo } from './sla.repo';

/** What a case's regulatory deadline is computed from (DESIGN.md §5). */
export interface RegulatoryInputs {
  kind: CaseKind;
  receivedAt: Date;
  /** Approved extension levels (China: 1 complex, 2 especially complex). */
  extensionsGranted?: number;
  exclusions?: readonly RegulatoryExclusion[];
  newFactsAt?: Date | null;
  /** A referring regulator's own deadline (监管要求办结时间): the case is due by it when it comes first. */
  regulatorDeadline?: Date | null;
}

/** A case's regulatory deadline: due at an instant, or suspended by an exclusion still open. */
export interface RegulatoryDue {
  /** null while suspended. */
  dueAt: Date | null;
  provisional: boolean;
  suspendedSince: Date | null;
  /** The whole computation (limit in force, days excluded, exclusions ignored). */
  deadline: RegulatoryDeadline;
}

/** What an institution's clocks run on, as clockFor reads it. */
export interface InstitutionClock {
  calendar: BusinessCalendar;
  timeZone: string;
  ruleSet: TRegulatoryRuleSet;
  /** Raised by every change of the SLA policy or working hours (see SlaService's cached contexts). */
  slaVersion: number;
}

/** The SLA schedules of an institution: the org units' own working hours, and the lookup by a case's org path. */
export interface SlaSchedules {
  workingHours: ReadonlyMap<string, TWorkingHours>;
  scheduleFor: (orgPath: string) => WorkSchedule;
}

/** The schedule lookup on a given calendar (pure; a calendar change recomputes with it before it commits). */
export function schedulesOn(calendar: BusinessCalendar, timeZone: string, workingHours: ReadonlyMap<string, TWorkingHours>): (orgPath: string) => WorkSchedule {
  const byPath = new Map<string, WorkSchedule>();
  return (orgPath) => {
    let schedule = byPath.get(orgPath);
    if (!schedule) {
      schedule = workSchedule(calendar, inheritedWorkingHours(orgPath.split('/').filter(Boolean), workingHours).hours, timeZone);
      byPath.set(orgPath, schedule);
    }
    return schedule;
  };
}

/** What a review (核查) clock ends at: review steps allow no exclusions, so it always runs. */
export interface ReviewDue {
  dueAt: Date;
  provisional: boolean;
}

/** The calendar, zone and rule set a regulatory deadline is counted on. */
export interface RegulatoryCalendar {
  calendar: BusinessCalendar;
  zone: string;
  ruleSet: TRegulatoryRuleSet;
}


/**
 * The institution's clocks: its time zone, its business calendar (the chinese-days seed with the
 * institution's imported and edited days) and the regulatory rule set it chose. Calendars are cached per
 * institution and reloaded when the institution's calendar version moves, so a change made by
 * another API process sharing the database is seen at the next deadline computed.
 */
export class ClocksService {
  private readonly seed: BusinessCalendar = chinaBusinessCalendar();
  private readonly calendars = new Map<string, { version: number; calendar: BusinessCalendar }>();

  constructor(
    private readonly deps: Deps,
    private readonly org: OrgService,
  ) {}

  /** The civil date of an instant in the institution's time zone (case numbers use it). */
  async civilDate(institutionId: string, at: Date): Promise<CivilDate> {
    return civilDateAt(at.getTime(), await this.org.timeZone(institutionId));
  }

  /** Marks a change of the SLA policy or of working hours in the transaction making it: cached SLA contexts are reloaded. */
  async slaSettingsChanged(tx: Db, institutionId: string): Promise<void> {
    await slaRepo.bumpVersion(tx, institutionId);
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

  /** The rule set the institution's regulatory clocks run on (read outside any transaction). */
  async ruleSetFor(institutionId: string): Promise<TRegulatoryRuleSet> {
    return (await this.clockFor(institutionId)).ruleSet;
  }

  /** The institution's calendar, zone and rule set (read outside any transaction; the calendar cached). */
  async regulatoryCalendar(institutionId: string): Promise<RegulatoryCalendar> {
    const { calendar, timeZone, ruleSet } = await this.clockFor(institutionId);
    return { calendar, zone: timeZone, ruleSet };
  }

  /** The regulatory decision deadline of a case, or null for kinds the rules do not cover. */
  async regulatoryDue(institutionId: string, inputs: RegulatoryInputs): Promise<RegulatoryDue | null> {
    if (!isRegulatedKind(inputs.kind)) return null;
    return this.regulatoryDueOn(await this.regulatoryCalendar(institutionId), inputs);
  }

  /**
   * The one place a case's regulatory deadline is computed, on a given calendar and zone: from
   * receipt (or the latest new facts), the extensions granted and the recorded exclusions.
   */
  regulatoryDueOn(on: RegulatoryCalendar, inputs: RegulatoryInputs): RegulatoryDue | null {
    if (!isRegulatedKind(inputs.kind)) return null;
    const deadline = regulatoryDeadline({
      receivedAt: inputs.receivedAt.getTime(),
      ruleSet: on.ruleSet,
      extensionsGranted: inputs.extensionsGranted ?? 0,
      exclusions: inputs.exclusions ?? [],
      newFactsAt: inputs.newFactsAt?.getTime() ?? null,
      calendar: on.calendar,
      zone: on.zone,
    });
    // A referring regulator may ask for the answer sooner than the rules do: the earlier holds (and is not provisional).
    const regulator = inputs.regulatorDeadline?.getTime();
    if (deadline.state === 'running' && regulator !== undefined && regulator < deadline.dueAt) {
      return { dueAt: new Date(regulator), provisional: false, suspendedSince: null, deadline };
    }
    return deadline.state === 'running'
      ? { dueAt: new Date(deadline.dueAt), provisional: deadline.provisional, suspendedSince: null, deadline }
      : { dueAt: null, provisional: false, suspendedSince: new Date(deadline.suspendedSince), deadline };
  }

  /**
   * The institution's time zone, business calendar and regulatory rule set, and the version of
   * its SLA settings (one indexed read while the calendar version stays the same).
   */
  async clockFor(institutionId: string): Promise<InstitutionClock> {
    let clock = await calendarRepo.clockOf(this.deps.db, institutionId);
    if (!clock) throw new AppError('not_found', 'no such institution');
    for (let attempt = 0; ; attempt++) {
      const ruleSet = ruleSetNamed(clock.ruleSetId);
      const cached = this.calendars.get(institutionId);
      if (cached && cached.version === clock.calendarVersion) return { calendar: cached.calendar, timeZone: clock.timeZone, ruleSet, slaVersion: clock.slaVersion };
      const calendar = await this.load(this.deps.db, institutionId);
      // The copy is consistent only if no change committed while it was read; otherwise read again.
      const after = await calendarRepo.clockOf(this.deps.db, institutionId);
      if (!after) throw new AppError('not_found', 'no such institution');
      if (after.calendarVersion === clock.calendarVersion) {
        this.calendars.set(institutionId, { version: clock.calendarVersion, calendar });
        return { calendar, timeZone: clock.timeZone, ruleSet, slaVersion: clock.slaVersion };
      }
      if (attempt === 2) return { calendar, timeZone: after.timeZone, ruleSet: ruleSetNamed(after.ruleSetId), slaVersion: after.slaVersion };
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
   * The work schedules operational SLA clocks count business time in: the institution's
   * calendar and zone, with the hours of the case's org unit (its own, else its nearest
   * ancestor's, else the institution default). Read before a transaction, then pure: a lookup
   * by the case's org path.
   */
  /** The same, on the institution's calendar and zone already read (one read serves a registration). */
  async slaSchedulesOn(institutionId: string, { calendar, timeZone }: { calendar: BusinessCalendar; timeZone: string }): Promise<SlaSchedules> {
    const workingHours = new Map((await slaRepo.workingHoursOf(this.deps.db, institutionId)).map((r) => [r.orgUnitId, ZWorkingHours.parse(r.hours)]));
    return { workingHours, scheduleFor: schedulesOn(calendar, timeZone, workingHours) };
  }

  /**
   * Until when a review (核查) may be requested, from the customer's receipt of the decision
   * (Art. 20); null when the institution's rule set has no review clock.
   */
  async reviewWindowEnd(institutionId: string, decisionReceivedAt: Date): Promise<ReviewDue | null> {
    return this.reviewDueOn(await this.regulatoryCalendar(institutionId), decisionReceivedAt, 'window');
  }

  /** By when the reviewing unit must decide, from its receipt of the request (Art. 20); refused (422) when the rule set has no review. */
  async reviewDecisionDue(institutionId: string, requestReceivedAt: Date): Promise<ReviewDue> {
    const due = this.reviewDueOn(await this.regulatoryCalendar(institutionId), requestReceivedAt, 'decision');
    if (!due) throw new AppError('unprocessable', 'the institution’s regulatory rule set has no review (核查) procedure', [{ field: 'reopenKind', message: 'the rule set has no review procedure' }]);
    return due;
  }

  /** A review clock's end on a given calendar, zone and rule set (recomputing after a calendar change); null when the set has no review clock. */
  reviewDueOn(on: RegulatoryCalendar, at: Date, which: 'window' | 'decision'): ReviewDue | null {
    if (!on.ruleSet.review) return null;
    const deadline = (which === 'window' ? reviewWindow : reviewDeadline)(at.getTime(), { ruleSet: on.ruleSet, calendar: on.calendar, zone: on.zone });
    // Review steps allow no exclusions, so the clock always runs.
    if (deadline.state !== 'running') throw new AppError('internal', 'a review clock cannot be suspended');
    return { dueAt: new Date(deadline.dueAt), provisional: deadline.provisional };
  }
}

/** The shipped rule set an institution row names (the column only ever holds a shipped id). */
export function ruleSetNamed(id: string): TRegulatoryRuleSet {
  const ruleSet = shippedRuleSet(id);
  if (!ruleSet) throw new AppError('internal', `the institution names an unknown rule set ${JSON.stringify(id)}`);
  return ruleSet;
}
