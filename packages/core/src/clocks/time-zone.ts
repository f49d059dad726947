import { civilDate, dayNumber, dayNumberFromParts, MS_PER_DAY, MS_PER_MINUTE, type CivilDate } from './civil-date';

// Instants are epoch milliseconds (numbers): no Date objects in the maths, no allocation.
// "Wall-clock milliseconds" are the same count read off a zone's clock as if it were UTC:
// wall = instant + offset. A day number times MS_PER_DAY is midnight on that day's wall clock.
//
// Offsets come from Intl.DateTimeFormat only (no time-zone library). Asking Intl costs
// microseconds, so each zone keeps a table of week-long buckets: the offset at the bucket's
// start and, when the offset changes inside it, the instant of the change found by bisection.
// A lookup is then a Map read and a comparison. Real zones change offset at most twice a year,
// never twice within one week, which the bucket size relies on.

/** An instant: milliseconds since 1970-01-01T00:00:00Z. */
export type Instant = number;

/** An IANA time-zone name such as 'Asia/Shanghai'. */
export type TimeZone = string;

/** The zone institutions use unless they say otherwise. */
export const DEFAULT_TIME_ZONE: TimeZone = 'Asia/Shanghai';

const BUCKET_MS = 7 * MS_PER_DAY;

interface OffsetBucket {
  offsetBefore: number;
  /** The instant the offset changes inside this bucket, or +Infinity when it does not. */
  changeAt: number;
  offsetAfter: number;
}

class ZoneOffsets {
  private readonly buckets = new Map<number, OffsetBucket>();
  private lastIndex = Number.NaN;
  private lastBucket: OffsetBucket | undefined;

  constructor(private readonly formatter: Intl.DateTimeFormat) {}

  offsetAt(instant: Instant): number {
    const index = Math.floor(instant / BUCKET_MS);
    let bucket = index === this.lastIndex ? this.lastBucket : this.buckets.get(index);
    if (bucket === undefined) {
      bucket = this.measure(index);
      this.buckets.set(index, bucket);
    }
    this.lastIndex = index;
    this.lastBucket = bucket;
    return instant < bucket.changeAt ? bucket.offsetBefore : bucket.offsetAfter;
  }

  private measure(index: number): OffsetBucket {
    const start = index * BUCKET_MS;
    const end = start + BUCKET_MS;
    const offsetBefore = offsetFromIntl(this.formatter, start);
    const offsetAfter = offsetFromIntl(this.formatter, end);
    if (offsetBefore === offsetAfter) return { offsetBefore, changeAt: Number.POSITIVE_INFINITY, offsetAfter };
    // Zones change offset on whole seconds: bisect to the first second with the new offset.
    let before = start;
    let after = end;
    while (after - before > 1000) {
      const middle = before + Math.floor((after - before) / 2000) * 1000;
      if (offsetFromIntl(this.formatter, middle) === offsetBefore) before = middle;
      else after = middle;
    }
    return { offsetBefore, changeAt: after, offsetAfter };
  }
}

const zones = new Map<TimeZone, ZoneOffsets>();

function zoneOffsets(zone: TimeZone): ZoneOffsets {
  let offsets = zones.get(zone);
  if (offsets === undefined) {
    let formatter: Intl.DateTimeFormat;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone: ${JSON.stringify(zone)} (expected an IANA name such as Asia/Shanghai)`);
    }
    offsets = new ZoneOffsets(formatter);
    zones.set(zone, offsets);
  }
  return offsets;
}

function offsetFromIntl(formatter: Intl.DateTimeFormat, instant: Instant): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatter.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  const wall = dayNumberFromParts(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** True when the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    zoneOffsets(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instant`, in milliseconds (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(instant: Instant, zone: TimeZone): number {
  return zoneOffsets(zone).offsetAt(instant);
}

/** The zone's wall-clock reading at `instant`, as milliseconds since 1970-01-01 00:00 on that clock. */
export function wallClockMs(instant: Instant, zone: TimeZone): number {
  return instant + zoneOffsets(zone).offsetAt(instant);
}

/**
 * The instant a wall-clock reading happens in `zone`. A reading skipped by a spring-forward gap
 * moves forward by the gap (02:30 → 03:30 in New York); one repeated by a fall-back overlap
 * takes the earlier instant — Temporal's 'compatible' disambiguation.
 */
export function instantOfWallClock(wall: number, zone: TimeZone): Instant {
  const offsets = zoneOffsets(zone);
  const offsetBefore = offsets.offsetAt(wall - MS_PER_DAY);
  const offsetAfter = offsets.offsetAt(wall + MS_PER_DAY);
  if (offsetBefore === offsetAfter) return wall - offsetBefore;
  const early = wall - offsetBefore;
  const late = wall - offsetAfter;
  const earlyValid = offsets.offsetAt(early) === offsetBefore;
  const lateValid = offsets.offsetAt(late) === offsetAfter;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  return early; // in the gap: the old offset carries the reading past the change
}

/** The day number of the civil date at `instant` in `zone`. */
export function dayNumberAt(instant: Instant, zone: TimeZone): number {
  return Math.floor(wallClockMs(instant, zone) / MS_PER_DAY);
}

/** The civil date at `instant` in `zone`. */
export function civilDateAt(instant: Instant, zone: TimeZone): CivilDate {
  return civilDate(dayNumberAt(instant, zone));
}

/** A civil date and time of day, as a zone's clock shows an instant. */
export interface CivilDateTime {
  date: CivilDate;
  /** 'HH:MM:SS' on a 24-hour clock. */
  time: string;
  /** Offset from UTC in minutes (+480 for Asia/Shanghai). */
  offsetMinutes: number;
}

/** The civil date and time shown by `zone`'s clocks at `instant`. */
export function civilDateTimeAt(instant: Instant, zone: TimeZone): CivilDateTime {
  const offset = zoneOffsetMs(instant, zone);
  const wall = instant + offset;
  const day = Math.floor(wall / MS_PER_DAY);
  const seconds = Math.floor((wall - day * MS_PER_DAY) / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: civilDate(day),
    time: `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`,
    offsetMinutes: offset / MS_PER_MINUTE,
  };
}

/** The instant a civil date and minute of the day (0–1440) happen in `zone`. */
export function instantOfCivil(date: CivilDate, minuteOfDay: number, zone: TimeZone): Instant {
  return instantOfWallClock(dayNumber(date) * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE, zone);
}

/** The instant a civil day starts (00:00) in `zone`. */
export function startOfCivilDay(date: CivilDate, zone: TimeZone): Instant {
  return instantOfWallClock(dayNumber(date) * MS_PER_DAY, zone);
}

/** The instant a civil day ends (24:00, the next day's 00:00) in `zone`. */
export function endOfCivilDay(date: CivilDate, zone: TimeZone): Instant {
  return endOfDayNumber(dayNumber(date), zone);
}

/** The instant day number `day` ends (24:00) in `zone`. */
export function endOfDayNumber(day: number, zone: TimeZone): Instant {
  return instantOfWallClock((day + 1) * MS_PER_DAY, zone);
}
