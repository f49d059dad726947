import { z } from 'zod';
import {
  civilDate,
  dayNumber,
  dayNumberFromParts,
  isWeekendDayNumber,
  ZCivilDate,
  type CivilDate,
} from './civil-date';

// A business calendar is weekends plus the days a schedule overrides: public holidays (rest)
// and swapped working days (调休上班, a weekend day made a working day). It also knows which
// years it has a full schedule for, because a year without one must never be mistaken for plain
// weekdays: deadlines falling there are provisional (see deadlines.ts).

/** How a schedule overrides a day: a public holiday is a rest day; a swapped working day is worked. */
export const DAY_OVERRIDE_KINDS = ['holiday', 'working_day'] as const;
export type DayOverrideKind = (typeof DAY_OVERRIDE_KINDS)[number];

/** One overridden day, with the name the schedule gives it (春节, 国庆节 …). */
export const ZDayOverride = z.object({
  date: ZCivilDate,
  kind: z.enum(DAY_OVERRIDE_KINDS),
  name: z.string().trim().min(1).max(100),
  /** The year whose schedule set this day: 2024's New Year holiday may start on 2023-12-30. */
  scheduleYear: z.number().int().min(1900).max(2200),
});
export type TDayOverride = z.infer<typeof ZDayOverride>;

/** One year's official schedule: the year it covers and the days it overrides. */
export const ZYearSchedule = z.object({
  year: z.number().int().min(1900).max(2200),
  days: z.array(ZDayOverride.omit({ scheduleYear: true })),
});
export type TYearSchedule = z.infer<typeof ZYearSchedule>;

/** A business calendar as stored data: the years with a full schedule and every overridden day. */
export const ZBusinessCalendarData = z.object({
  years: z.array(z.number().int().min(1900).max(2200)),
  days: z.array(ZDayOverride),
});
export type TBusinessCalendarData = z.infer<typeof ZBusinessCalendarData>;

/** What the calendar says about one day. */
export interface DayInfo {
  date: CivilDate;
  working: boolean;
  /** holiday / swapped working_day from a schedule, or the plain weekday / weekend rule. */
  kind: DayOverrideKind | 'weekday' | 'weekend';
  name: string | null;
  /** False when the day's year has no schedule: `working` is then only the weekday guess. */
  known: boolean;
}

/** An immutable business calendar; every edit returns a new one. */
export class BusinessCalendar {
  private readonly overrides: ReadonlyMap<CivilDate, TDayOverride>;
  private readonly coveredYears: ReadonlySet<number>;
  // Precomputed flags from 1 January of the first year that has data to 31 December of the
  // last: the hot paths read one byte instead of a Map, a weekday and a year.
  private readonly firstDay: number;
  private readonly workingFlags: Uint8Array;
  private readonly knownFlags: Uint8Array;

  private constructor(overrides: ReadonlyMap<CivilDate, TDayOverride>, coveredYears: ReadonlySet<number>) {
    this.overrides = overrides;
    this.coveredYears = coveredYears;
    const years = [...coveredYears, ...[...overrides.keys()].map((date) => Number(date.slice(0, 4)))];
    if (years.length === 0) {
      this.firstDay = 0;
      this.workingFlags = new Uint8Array(0);
      this.knownFlags = new Uint8Array(0);
      return;
    }
    this.firstDay = dayNumberFromParts(Math.min(...years), 1, 1);
    const endDay = dayNumberFromParts(Math.max(...years) + 1, 1, 1);
    this.workingFlags = new Uint8Array(endDay - this.firstDay);
    this.knownFlags = new Uint8Array(endDay - this.firstDay);
    for (let day = this.firstDay; day < endDay; day++) {
      this.workingFlags[day - this.firstDay] = isWeekendDayNumber(day) ? 0 : 1;
    }
    for (const year of coveredYears) this.knownFlags.fill(1, dayNumberFromParts(year, 1, 1) - this.firstDay, dayNumberFromParts(year + 1, 1, 1) - this.firstDay);
    for (const override of overrides.values()) {
      this.workingFlags[dayNumber(override.date) - this.firstDay] = override.kind === 'working_day' ? 1 : 0;
    }
  }

  /** A calendar with no schedules: every year is unknown, weekends rest. */
  static empty(): BusinessCalendar {
    return new BusinessCalendar(new Map(), new Set());
  }

  /** A calendar from stored data (validated). */
  static fromData(data: TBusinessCalendarData): BusinessCalendar {
    const parsed = ZBusinessCalendarData.parse(data);
    return new BusinessCalendar(new Map(parsed.days.map((day) => [day.date, day])), new Set(parsed.years));
  }

  /** The calendar as data to store, days in date order. */
  toData(): TBusinessCalendarData {
    return {
      years: this.years(),
      days: [...this.overrides.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
    };
  }

  /** True when the calendar holds the official schedule for `year`. */
  hasYear(year: number): boolean {
    return this.coveredYears.has(year);
  }

  /** The years with a schedule, ascending. */
  years(): number[] {
    return [...this.coveredYears].sort((a, b) => a - b);
  }

  /** True when `date` is worked: a weekday that is not a holiday, or a swapped working day. */
  isWorkingDay(date: CivilDate): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** `isWorkingDay` for a day number (the hot path). */
  isWorkingDayNumber(day: number): boolean {
    const index = day - this.firstDay;
    if (index >= 0 && index < this.workingFlags.length) return this.workingFlags[index] === 1;
    return !isWeekendDayNumber(day);
  }

  /** True when the year of day number `day` has a schedule. */
  isKnownDayNumber(day: number): boolean {
    // Every covered year lies inside the flag range, so a day outside it is unknown.
    const index = day - this.firstDay;
    return index >= 0 && index < this.knownFlags.length && this.knownFlags[index] === 1;
  }

  /** Everything the calendar knows about `date`. */
  dayInfo(date: CivilDate): DayInfo {
    const day = dayNumber(date);
    const override = this.overrides.get(date);
    const known = this.isKnownDayNumber(day);
    if (override) return { date, working: override.kind === 'working_day', kind: override.kind, name: override.name, known };
    const weekend = isWeekendDayNumber(day);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', name: null, known };
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CivilDate): CivilDate {
    return civilDate(this.workingDayNumberOnOrAfter(dayNumber(date) + 1));
  }

  /** `date` itself when it is a working day, otherwise the next working day. */
  workingDayOnOrAfter(date: CivilDate): CivilDate {
    return civilDate(this.workingDayNumberOnOrAfter(dayNumber(date)));
  }

  /** `workingDayOnOrAfter` for a day number (the hot path). */
  workingDayNumberOnOrAfter(day: number): number {
    // The longest rest period China schedules is nine days; a year without a working day is corrupt data.
    for (let candidate = day; candidate < day + 366; candidate++) {
      if (this.isWorkingDayNumber(candidate)) return candidate;
    }
    throw new RangeError(`no working day within a year of ${civilDate(day)}: the calendar data is wrong`);
  }

  /** The override set on `date`, if any. */
  override(date: CivilDate): TDayOverride | undefined {
    return this.overrides.get(date);
  }

  /** A calendar with `date` set to a holiday or a swapped working day (an admin's single-day edit). */
  withDay(date: CivilDate, kind: DayOverrideKind, name: string): BusinessCalendar {
    const day = ZDayOverride.parse({ date, kind, name, scheduleYear: Number(date.slice(0, 4)) });
    const overrides = new Map(this.overrides);
    overrides.set(day.date, day);
    return new BusinessCalendar(overrides, this.coveredYears);
  }

  /** A calendar with `date` back to the plain weekday/weekend rule. */
  withoutDay(date: CivilDate): BusinessCalendar {
    if (!this.overrides.has(date)) return this;
    const overrides = new Map(this.overrides);
    overrides.delete(date);
    return new BusinessCalendar(overrides, this.coveredYears);
  }

  /**
   * A calendar with a year's schedule imported: the year counts as covered, the days attributed
   * to that year (by an earlier import, or single-day edits dated in it) are dropped, and the
   * schedule's days are set. Days belong to the schedule that set them, so re-importing 2023
   * keeps 2023-12-30 when 2024's schedule made it a holiday.
   */
  withSchedule(schedule: TYearSchedule): BusinessCalendar {
    const parsed = ZYearSchedule.parse(schedule);
    const overrides = new Map([...this.overrides].filter(([, day]) => day.scheduleYear !== parsed.year));
    for (const day of parsed.days) overrides.set(day.date, { ...day, scheduleYear: parsed.year });
    return new BusinessCalendar(overrides, new Set([...this.coveredYears, parsed.year]));
  }

  /** A calendar with several years' schedules imported, in order. */
  withSchedules(schedules: readonly TYearSchedule[]): BusinessCalendar {
    return schedules.reduce<BusinessCalendar>((calendar, schedule) => calendar.withSchedule(schedule), this);
  }
}
