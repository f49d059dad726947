import { z } from 'zod';
import { civilDate, dayNumber, ZCivilDate, type CivilDate } from './civil-date';
import type { DayOverrideKind, TYearSchedule } from './calendar';

// Importers turn published schedules into TYearSchedule values; BusinessCalendar.withSchedule
// applies them. They never guess silently: anything they cannot read is an error that names
// the entry at fault, so an admin can fix the file.

/** A schedule file that could not be read; `issues` names every entry at fault. */
export class CalendarImportError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`calendar import failed: ${issues.join('; ')}`);
    this.name = 'CalendarImportError';
  }
}

/** The holiday-cn JSON format (github.com/NateScarlet/holiday-cn): one file per year. */
export const ZHolidayCnFile = z.object({
  year: z.number().int().min(1900).max(2200),
  days: z.array(
    z.object({
      name: z.string().trim().min(1).max(100),
      date: ZCivilDate,
      isOffDay: z.boolean(),
    }),
  ),
});
export type THolidayCnFile = z.infer<typeof ZHolidayCnFile>;

/** A year's schedule from a holiday-cn file (its JSON text or the parsed value). */
export function scheduleFromHolidayCn(file: unknown): TYearSchedule {
  let value = file;
  if (typeof file === 'string') {
    try {
      value = JSON.parse(file);
    } catch (error) {
      throw new CalendarImportError([`not JSON: ${(error as Error).message}`]);
    }
  }
  const parsed = ZHolidayCnFile.safeParse(value);
  if (!parsed.success) {
    throw new CalendarImportError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`));
  }
  const { year, days } = parsed.data;
  return checkedSchedule(
    year,
    days.map((day) => ({ date: day.date, kind: day.isOffDay ? 'holiday' : 'working_day', name: day.name })),
  );
}

// Which events of a calendar file are swapped working days. Chinese feeds mark them 班
// (补班, 上班, "国庆节(班)"), English ones "Workday"/"working day", and Apple's feeds say
// X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY. Every other all-day event is a public holiday.
const WORKING_DAY_SUMMARY = /班|\bwork(?:ing)?[\s-]?day\b/i;
const KIND_MARKER = /\s*[(（]\s*(?:休|班|holiday|workday|working day)\s*[)）]\s*$/i;

/**
 * Year schedules from an iCalendar (.ics) file of all-day events. An event is a swapped working
 * day when its SUMMARY contains 班 or "workday"/"working day" (or Apple marks it
 * ALTERNATE-WORKDAY), otherwise a holiday; DTEND is exclusive (RFC 5545) and defaults to one day.
 * Each event belongs to the schedule of the year its last day falls in, so a New Year holiday
 * starting on 30 December joins the new year's schedule; every such year counts as covered.
 */
export function schedulesFromIcs(text: string): TYearSchedule[] {
  const issues: string[] = [];
  const byYear = new Map<number, { date: CivilDate; kind: DayOverrideKind; name: string }[]>();
  const events = icsEvents(text);
  if (events.length === 0) throw new CalendarImportError(['no VEVENT found: is this an iCalendar file?']);
  for (const [index, event] of events.entries()) {
    const summary = event.get('SUMMARY')?.trim() ?? '';
    const label = `event ${index + 1}${summary ? ` (${summary})` : ''}`;
    const first = icsDate(event.get('DTSTART'));
    const endValue = event.get('DTEND');
    const end = endValue === undefined ? first && civilDate(dayNumber(first) + 1) : icsDate(endValue);
    if (summary === '') issues.push(`${label}: SUMMARY is missing`);
    if (first === null) issues.push(`${label}: DTSTART must be an all-day date (DTSTART;VALUE=DATE:YYYYMMDD)`);
    else if (end === null) issues.push(`${label}: DTEND must be an all-day date`);
    if (summary === '' || first === null || end === null) continue;
    const firstDay = dayNumber(first);
    const endDay = dayNumber(end);
    if (endDay <= firstDay) issues.push(`${label}: DTEND must be after DTSTART`);
    else if (endDay - firstDay > 31) issues.push(`${label}: lasts more than 31 days`);
    else {
      const working = WORKING_DAY_SUMMARY.test(summary) || event.get('X-APPLE-SPECIAL-DAY') === 'ALTERNATE-WORKDAY';
      const name = summary.replace(KIND_MARKER, '') || summary;
      const year = Number(civilDate(endDay - 1).slice(0, 4));
      const days = byYear.get(year) ?? [];
      for (let day = firstDay; day < endDay; day++) days.push({ date: civilDate(day), kind: working ? 'working_day' : 'holiday', name });
      byYear.set(year, days);
    }
  }
  if (issues.length > 0) throw new CalendarImportError(issues);
  return [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, days]) => checkedSchedule(year, days));
}

/** The VEVENTs of an iCalendar text, each as property name → value (parameters dropped). */
function icsEvents(text: string): Map<string, string>[] {
  // RFC 5545 folds long lines: a line starting with a space or tab continues the previous one.
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n');
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') {
      if (current) events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      // Parameters (;VALUE=DATE, ;TZID=…) are dropped: icsDate tells dates from date-times by shape.
      const name = line.slice(0, colon).split(';')[0]!.toUpperCase();
      const value = line.slice(colon + 1);
      current.set(name, name === 'SUMMARY' ? unescapeIcsText(value) : value.trim());
    }
  }
  return events;
}

function unescapeIcsText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}

/** 'YYYYMMDD' → civil date; null for date-times or anything else. */
function icsDate(value: string | undefined): CivilDate | null {
  if (value === undefined || !/^\d{8}$/.test(value)) return null;
  const date = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return ZCivilDate.safeParse(date).success ? date : null;
}

/** Checks a schedule for contradictions (a day both holiday and working) and drops repeats. */
function checkedSchedule(year: number, days: readonly { date: CivilDate; kind: DayOverrideKind; name: string }[]): TYearSchedule {
  const issues: string[] = [];
  const byDate = new Map<CivilDate, { date: CivilDate; kind: DayOverrideKind; name: string }>();
  for (const day of days) {
    const dayYear = Number(day.date.slice(0, 4));
    if (Math.abs(dayYear - year) > 1) issues.push(`${day.date}: outside the ${year} schedule`);
    const seen = byDate.get(day.date);
    if (seen && seen.kind !== day.kind) issues.push(`${day.date}: listed both as a holiday and as a working day`);
    if (!seen) byDate.set(day.date, day);
  }
  if (issues.length > 0) throw new CalendarImportError(issues);
  return { year, days: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1)) };
}
