import type { TCalendarDay } from '@loopdesk/core';

/** One cell of a month grid: a day of the month, or null for the blanks before the 1st and after the last day. */
export type MonthCell = TCalendarDay | null;

/**
 * The weeks of month `month` (1–12) as rows of seven cells, Monday first (the Chinese
 * convention), from the days of the year view.
 */
export function monthGrid(year: number, month: number, days: readonly TCalendarDay[]): MonthCell[][] {
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  const inMonth = days.filter((d) => d.date.startsWith(prefix));
  if (inMonth.length === 0) return [];
  // getUTCDay: 0 is Sunday; Monday-first columns put it last.
  const lead = (new Date(`${prefix}01T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: MonthCell[] = [...Array<null>(lead).fill(null), ...inMonth];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: MonthCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** How a day is drawn: a plain working day, a weekend, a named holiday, or a weekend day worked (调休). */
export type DayLook = 'working' | 'weekend' | 'holiday' | 'swapped_working';

export function dayLook(day: TCalendarDay): DayLook {
  if (day.status === 'swapped_working') return 'swapped_working';
  if (day.status === 'rest') return day.name ? 'holiday' : 'weekend';
  return 'working';
}
