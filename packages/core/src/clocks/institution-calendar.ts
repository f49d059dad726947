import type { BusinessCalendar, TYearSchedule } from './calendar';
import { CalendarImportError, scheduleFromHolidayCn, schedulesFromIcs } from './calendar-import';
import { civilDate, dayNumber, dayNumberFromParts, isWeekendDayNumber, type CivilDate } from './civil-date';
import { DEFAULT_WORKING_HOURS, type TWorkingHours } from './working-hours';

// An institution's business calendar is the chinese-days seed with the institution's own days on
// top: whole years it imported (each replacing the seed's schedule for that year) and single days
// an admin edited. These functions turn the stored rows into a calendar, a calendar into the year
// view the console shows, and an org unit's ancestry into the working hours it keeps.

export const CALENDAR_DAY_SOURCES = ['import', 'edit'] as const;
export type CalendarDaySource = (typeof CALENDAR_DAY_SOURCES)[number];

/** One stored day of an institution's calendar. */
export interface StoredCalendarDay {
  date: CivilDate;
  offDay: boolean;
  /** The holiday's name; null for an edit back to the plain weekday/weekend rule. */
  name: string | null;
  /** The year whose schedule the day belongs to. */
  scheduleYear: number;
  source: CalendarDaySource;
}

/** True when `date` is a Saturday or Sunday: the rule a day follows when no schedule overrides it. */
export function isPlainRestDay(date: CivilDate): boolean {
  return isWeekendDayNumber(dayNumber(date));
}

/**
 * The institution's calendar: `base` (the seed) with the imported years' schedules applied in
 * year order (each replaces the base's schedule for its year), then the single-day edits. An
 * edit that matches the weekday/weekend rule and has no name returns the day to that rule.
 */
export function institutionCalendar(base: BusinessCalendar, stored: { years: readonly number[]; days: readonly StoredCalendarDay[] }): BusinessCalendar {
  const imported = new Map<number, TYearSchedule>(stored.years.map((year) => [year, { year, days: [] }]));
  const edits: StoredCalendarDay[] = [];
  for (const day of stored.days) {
    const schedule = day.source === 'import' ? imported.get(day.scheduleYear) : undefined;
    if (schedule) schedule.days.push({ date: day.date, kind: day.offDay ? 'holiday' : 'working_day', name: day.name ?? defaultDayName(day.offDay) });
    else edits.push(day);
  }
  let calendar = base.withSchedules([...imported.values()].sort((a, b) => a.year - b.year));
  for (const edit of [...edits].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    calendar =
      edit.name === null && edit.offDay === isPlainRestDay(edit.date)
        ? calendar.withoutDay(edit.date)
        : calendar.withDay(edit.date, edit.offDay ? 'holiday' : 'working_day', edit.name ?? defaultDayName(edit.offDay));
  }
  return calendar;
}

function defaultDayName(offDay: boolean): string {
  return offDay ? 'holiday' : 'working day';
}

/**
 * What is wrong with a single-day edit, or null: a day that departs from the weekday/weekend
 * rule (a holiday on a weekday, a Saturday worked) must say why, with a name.
 */
export function dayEditProblem(date: CivilDate, offDay: boolean, name: string | null): string | null {
  if (name === null && offDay !== isPlainRestDay(date)) {
    return offDay ? 'a weekday made a rest day needs the holiday’s name' : 'a weekend day made a working day (调休) needs the name of the holiday it makes up for';
  }
  return null;
}

/** How the year view shows a day: a working day, a rest day, or a weekend day worked (调休上班). */
export const CALENDAR_DAY_STATUSES = ['working', 'rest', 'swapped_working'] as const;
export type CalendarDayStatus = (typeof CALENDAR_DAY_STATUSES)[number];

export interface CalendarYearDay {
  date: CivilDate;
  status: CalendarDayStatus;
  /** The holiday (or the holiday a swapped working day makes up for); null on plain days. */
  name: string | null;
}

/**
 * Every day of `year` as the calendar sees it, and whether the year has a schedule at all: a
 * year without one comes back flagged, its days only the weekday/weekend guess.
 */
export function calendarYear(calendar: BusinessCalendar, year: number): { year: number; hasData: boolean; days: CalendarYearDay[] } {
  const days: CalendarYearDay[] = [];
  for (let day = dayNumberFromParts(year, 1, 1), end = dayNumberFromParts(year + 1, 1, 1); day < end; day++) {
    const info = calendar.dayInfo(civilDate(day));
    const status: CalendarDayStatus = !info.working ? 'rest' : isWeekendDayNumber(day) ? 'swapped_working' : 'working';
    days.push({ date: info.date, status, name: info.name });
  }
  return { year, hasData: calendar.hasYear(year), days };
}

export const CALENDAR_IMPORT_FORMATS = ['holiday_cn', 'ics'] as const;
export type CalendarImportFormat = (typeof CALENDAR_IMPORT_FORMATS)[number];

/** The year schedules in an uploaded file; CalendarImportError names every entry at fault. */
export function schedulesFromImport(format: CalendarImportFormat, content: string): TYearSchedule[] {
  if (content.trim() === '') throw new CalendarImportError(['the file is empty']);
  return format === 'holiday_cn' ? [scheduleFromHolidayCn(content)] : schedulesFromIcs(content);
}

/**
 * The working hours a unit keeps: its own, else the nearest ancestor's, else the institution
 * default. `ancestry` lists unit ids from the root down to the unit itself.
 */
export function inheritedWorkingHours(
  ancestry: readonly string[],
  own: ReadonlyMap<string, TWorkingHours>,
  institutionDefault: TWorkingHours = DEFAULT_WORKING_HOURS,
): { hours: TWorkingHours; fromUnitId: string | null } {
  for (let i = ancestry.length - 1; i >= 0; i--) {
    const hours = own.get(ancestry[i]!);
    if (hours) return { hours, fromUnitId: ancestry[i]! };
  }
  return { hours: institutionDefault, fromUnitId: null };
}
