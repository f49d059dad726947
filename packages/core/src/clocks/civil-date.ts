import { z } from 'zod';

// Civil (calendar) dates are 'YYYY-MM-DD' strings at every boundary and plain integers inside:
// a day number counts days since 1970-01-01, so date arithmetic is integer addition and never
// touches Date or a time zone.

/** A civil date, 'YYYY-MM-DD', with no time and no zone. */
export type CivilDate = string;

/** Milliseconds in a civil day of wall-clock time (real days may be 23 or 25 hours long). */
export const MS_PER_DAY = 86_400_000;
/** Milliseconds in a minute. */
export const MS_PER_MINUTE = 60_000;

const CIVIL_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `text` is a real date in 'YYYY-MM-DD' form (2026-02-30 is not). */
export function isCivilDate(text: string): boolean {
  if (!CIVIL_DATE_SHAPE.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A zod schema for a civil date. */
export const ZCivilDate = z.string().refine(isCivilDate, { message: 'expected a real date as YYYY-MM-DD' });

/** Days in `month` (1–12) of `year` in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The day number (days since 1970-01-01) of a year, month (1–12) and day. */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: years start in March so the leap day comes last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The day number of a civil date; throws a RangeError on anything but a real 'YYYY-MM-DD'. */
export function dayNumber(date: CivilDate): number {
  if (!isCivilDate(date)) throw new RangeError(`not a civil date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return dayNumberFromParts(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The civil date of a day number. */
export function civilDate(day: number): CivilDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The Gregorian year a day number falls in, without building a string. */
export function yearOfDayNumber(day: number): number {
  // Start from an estimate and correct it: at most one step either way.
  let year = 1970 + Math.floor(day / 365.2425);
  while (dayNumberFromParts(year, 1, 1) > day) year--;
  while (dayNumberFromParts(year + 1, 1, 1) <= day) year++;
  return year;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday. */
export function isWeekendDayNumber(day: number): boolean {
  const weekday = weekdayOfDayNumber(day);
  return weekday === 0 || weekday === 6;
}

/** The civil date `days` days after `date` (before, when negative). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return civilDate(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Day of the week of a civil date: 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  return weekdayOfDayNumber(dayNumber(date));
}
