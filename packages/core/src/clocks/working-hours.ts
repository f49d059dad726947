import { z } from 'zod';
import type { BusinessCalendar } from './calendar';
import { MS_PER_DAY, MS_PER_MINUTE } from './civil-date';
import { instantOfWallClock, isTimeZone, wallClockMs, type Instant, type TimeZone } from './time-zone';

// Business time is the time inside an org unit's working hours on the working days of its
// calendar, read on its zone's clocks. Window edges are turned into instants day by day, so a
// DST change inside the hours (a 24-hour window, say) counts its real length.

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** A window of working hours on a working day, 'HH:MM' to 'HH:MM' ('24:00' ends the day). */
export const ZWorkingWindow = z.object({
  start: z.string().regex(HH_MM, 'expected HH:MM'),
  end: z.string().regex(HH_MM, 'expected HH:MM'),
});
export type TWorkingWindow = z.infer<typeof ZWorkingWindow>;

/** An org unit's working hours: ordered, non-overlapping windows, the same on every working day. */
export const ZWorkingHours = z
  .array(ZWorkingWindow)
  .min(1)
  .max(12)
  .superRefine((windows, ctx) => {
    let previousEnd = -1;
    windows.forEach((window, index) => {
      const start = minuteOfDay(window.start);
      const end = minuteOfDay(window.end);
      if (end <= start) ctx.addIssue({ code: 'custom', path: [index], message: `window ${window.start}–${window.end} ends before it starts` });
      if (start < previousEnd) ctx.addIssue({ code: 'custom', path: [index], message: 'windows must be in order and must not overlap' });
      previousEnd = end;
    });
  });
export type TWorkingHours = z.infer<typeof ZWorkingHours>;

/** The default hours of a Chinese bank branch office, with its lunch break. */
export const DEFAULT_WORKING_HOURS: TWorkingHours = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** Minutes since midnight of an 'HH:MM' time. */
export function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A pause of a clock, [start, end); `end` null while it is still open. */
export interface PauseInterval {
  start: Instant;
  end: Instant | null;
}

/** How a clock measures elapsed time: calendar time counts everything, business time only working hours. */
export interface TimeMeasure {
  /** Milliseconds counted from `from` to `to` (0 when `to` is not later). */
  between(from: Instant, to: Instant): number;
  /** The instant at which `ms` milliseconds have been counted from `from`. */
  advance(from: Instant, ms: number): Instant;
}

/** Calendar time: every millisecond counts. */
export const CALENDAR_TIME: TimeMeasure = {
  between: (from, to) => (to > from ? to - from : 0),
  advance: (from, ms) => from + ms,
};

/** An org unit's working week: its calendar, hours and zone, checked and precomputed. */
export class WorkSchedule implements TimeMeasure {
  /** Window edges in minutes of the day: [start0, end0, start1, end1, …]. */
  private readonly edges: Int32Array;

  constructor(
    readonly calendar: BusinessCalendar,
    hours: TWorkingHours,
    readonly zone: TimeZone,
  ) {
    const parsed = ZWorkingHours.safeParse(hours);
    if (!parsed.success) throw new RangeError(`working hours: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    if (!isTimeZone(zone)) throw new RangeError(`unknown time zone: ${JSON.stringify(zone)}`);
    this.edges = Int32Array.from(parsed.data.flatMap((window) => [minuteOfDay(window.start), minuteOfDay(window.end)]));
  }

  between(from: Instant, to: Instant): number {
    if (to <= from) return 0;
    let counted = 0;
    const lastDay = Math.floor(wallClockMs(to, this.zone) / MS_PER_DAY);
    for (let day = Math.floor(wallClockMs(from, this.zone) / MS_PER_DAY); day <= lastDay; day++) {
      if (!this.calendar.isWorkingDayNumber(day)) continue;
      for (let i = 0; i < this.edges.length; i += 2) {
        const start = Math.max(this.edgeInstant(day, i), from);
        const end = Math.min(this.edgeInstant(day, i + 1), to);
        if (end > start) counted += end - start;
      }
    }
    return counted;
  }

  advance(from: Instant, ms: number): Instant {
    if (ms <= 0) return from;
    let remaining = ms;
    const firstDay = Math.floor(wallClockMs(from, this.zone) / MS_PER_DAY);
    // Ten years without a working hour means the calendar data is wrong, not a long wait.
    for (let day = firstDay; day < firstDay + 3660; day++) {
      if (!this.calendar.isWorkingDayNumber(day)) continue;
      for (let i = 0; i < this.edges.length; i += 2) {
        const end = this.edgeInstant(day, i + 1);
        if (end <= from) continue;
        const start = Math.max(this.edgeInstant(day, i), from);
        // A duration that ends exactly at closing time is due at closing time, not next morning.
        if (remaining <= end - start) return start + remaining;
        remaining -= end - start;
      }
    }
    throw new RangeError('no working hours within ten years: check the calendar');
  }

  /** True when `instant` lies inside working hours. */
  isWorkingTime(instant: Instant): boolean {
    const wall = wallClockMs(instant, this.zone);
    const day = Math.floor(wall / MS_PER_DAY);
    if (!this.calendar.isWorkingDayNumber(day)) return false;
    for (let i = 0; i < this.edges.length; i += 2) {
      if (instant >= this.edgeInstant(day, i) && instant < this.edgeInstant(day, i + 1)) return true;
    }
    return false;
  }

  /**
   * The close of business (end of the last window) on the `workingDays`-th working day after
   * the day `from` falls in; 0 is the same working day — or the next one, when `from` is on a
   * rest day or after closing time.
   */
  closeOfWorkingDay(from: Instant, workingDays: number): Instant {
    let day = this.calendar.workingDayNumberOnOrAfter(Math.floor(wallClockMs(from, this.zone) / MS_PER_DAY));
    if (this.edgeInstant(day, this.edges.length - 1) <= from) day = this.calendar.workingDayNumberOnOrAfter(day + 1);
    for (let n = 0; n < workingDays; n++) day = this.calendar.workingDayNumberOnOrAfter(day + 1);
    return this.edgeInstant(day, this.edges.length - 1);
  }

  private edgeInstant(day: number, edge: number): Instant {
    return instantOfWallClock(day * MS_PER_DAY + this.edges[edge]! * MS_PER_MINUTE, this.zone);
  }
}

/** An org unit's work schedule from its calendar, working hours and time zone. */
export function workSchedule(calendar: BusinessCalendar, hours: TWorkingHours = DEFAULT_WORKING_HOURS, zone: TimeZone = 'Asia/Shanghai'): WorkSchedule {
  return new WorkSchedule(calendar, hours, zone);
}

/**
 * The instant at which `ms` of `measure`'s time has passed since `start`, not counting the
 * pauses. Pauses may overlap, lie before `start`, or be open (end null: paused until further
 * notice, so the result is +Infinity once the count reaches the open pause).
 */
export function advanceActive(measure: TimeMeasure, start: Instant, ms: number, pauses: readonly PauseInterval[] = []): Instant {
  let remaining = Math.max(0, ms);
  let cursor = start;
  for (const pause of mergedPauses(pauses, start)) {
    const available = measure.between(cursor, pause.start);
    if (remaining <= available) return measure.advance(cursor, remaining);
    remaining -= available;
    if (pause.end === null) return Number.POSITIVE_INFINITY;
    cursor = Math.max(cursor, pause.end);
  }
  return measure.advance(cursor, remaining);
}

/** Milliseconds of `measure`'s time from `from` to `to`, leaving out the pauses. */
export function activeBetween(measure: TimeMeasure, from: Instant, to: Instant, pauses: readonly PauseInterval[] = []): number {
  if (to <= from) return 0;
  let counted = 0;
  let cursor = from;
  for (const pause of mergedPauses(pauses, from)) {
    if (pause.start >= to) break;
    counted += measure.between(cursor, pause.start);
    if (pause.end === null) return counted;
    cursor = Math.max(cursor, pause.end);
  }
  return counted + measure.between(cursor, to);
}

/** Pauses that end after `from`, sorted, with overlapping ones merged. */
function mergedPauses(pauses: readonly PauseInterval[], from: Instant): PauseInterval[] {
  if (pauses.length === 0) return [];
  const sorted = pauses
    .filter((pause) => pause.end === null || pause.end > from)
    .map((pause) => ({ start: Math.max(pause.start, from), end: pause.end }))
    .sort((a, b) => a.start - b.start);
  const merged: PauseInterval[] = [];
  for (const pause of sorted) {
    const last = merged[merged.length - 1];
    if (last && pause.start <= (last.end ?? Number.POSITIVE_INFINITY)) {
      last.end = last.end === null || pause.end === null ? null : Math.max(last.end, pause.end);
    } else merged.push({ ...pause });
  }
  return merged;
}

/** The instant `durationMinutes` of business time after `start`, pauses not counted. */
export function addBusinessTime(start: Instant, durationMinutes: number, schedule: WorkSchedule, pauses: readonly PauseInterval[] = []): Instant {
  // Instants are whole milliseconds; rounding keeps fractional minutes from drifting past a closing time.
  return advanceActive(schedule, start, Math.round(durationMinutes * MS_PER_MINUTE), pauses);
}

/** Minutes of business time from `from` to `to`, pauses not counted (0 when `to` is not later). */
export function businessMinutesBetween(from: Instant, to: Instant, schedule: WorkSchedule, pauses: readonly PauseInterval[] = []): number {
  return activeBetween(schedule, from, to, pauses) / MS_PER_MINUTE;
}

/** The instant `durationMinutes` of calendar time after `start`, pauses not counted. */
export function addCalendarTime(start: Instant, durationMinutes: number, pauses: readonly PauseInterval[] = []): Instant {
  return advanceActive(CALENDAR_TIME, start, Math.round(durationMinutes * MS_PER_MINUTE), pauses);
}

/** Minutes of calendar time from `from` to `to`, pauses not counted. */
export function calendarMinutesBetween(from: Instant, to: Instant, pauses: readonly PauseInterval[] = []): number {
  return activeBetween(CALENDAR_TIME, from, to, pauses) / MS_PER_MINUTE;
}
