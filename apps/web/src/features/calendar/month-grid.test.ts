import { describe, expect, it } from 'vitest';
import type { TCalendarDay } from '@loopdesk/core';
import { dayLook, monthGrid } from './month-grid';

function yearOf(year: number): TCalendarDay[] {
  const days: TCalendarDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    days.push({ date, status: weekend ? 'rest' : 'working', name: null, source: 'seed' });
  }
  return days;
}

describe('monthGrid', () => {
  it.each([
    // year, month, weeks, blanks before the 1st, first date, last date
    [2026, 2, 5, 6, '2026-02-01', '2026-02-28'], // 1 Feb 2026 is a Sunday: 6 blanks + 28 days
    [2027, 2, 4, 0, '2027-02-01', '2027-02-28'], // 1 Feb 2027 is a Monday: exactly four weeks
    [2026, 10, 5, 3, '2026-10-01', '2026-10-31'], // a Thursday
    [2028, 2, 5, 1, '2028-02-01', '2028-02-29'], // a leap February starting on Tuesday
    [2026, 8, 6, 5, '2026-08-01', '2026-08-31'], // a Saturday: six rows
  ])('%i-%i has %i weeks, %i blanks first', (year, month, weeks, blanks, first, last) => {
    const grid = monthGrid(year, month, yearOf(year));
    expect(grid).toHaveLength(weeks);
    expect(grid.every((w) => w.length === 7)).toBe(true);
    const cells = grid.flat();
    expect(cells.findIndex((c) => c !== null)).toBe(blanks);
    const dates = cells.filter((c) => c !== null).map((c) => c.date);
    expect([dates[0], dates.at(-1)]).toEqual([first, last]);
  });

  it('is empty for a month the days do not cover', () => {
    expect(monthGrid(2025, 1, yearOf(2026))).toEqual([]);
  });
});

describe('dayLook', () => {
  it.each([
    [{ status: 'working', name: null }, 'working'],
    [{ status: 'rest', name: null }, 'weekend'],
    [{ status: 'rest', name: '国庆节' }, 'holiday'],
    [{ status: 'swapped_working', name: '国庆节' }, 'swapped_working'],
    [{ status: 'working', name: '国庆节' }, 'working'],
  ] as const)('%j looks %s', (day, look) => {
    expect(dayLook({ date: '2026-10-10', source: 'seed', ...day })).toBe(look);
  });
});
