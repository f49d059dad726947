import { describe, expect, it } from 'vitest';
import { addDays, civilDate, dayNumber, daysBetween, isCivilDate, weekday, yearOfDayNumber } from './civil-date';

describe('civil dates', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['1969-12-31', -1, 3],
    ['2000-02-29', 11_016, 2],
    ['2026-02-17', 20_501, 2], // 春节, a Tuesday
    ['2026-10-10', 20_736, 6], // the swapped working Saturday
    ['2027-01-01', 20_819, 5],
  ])('%s is day %i, weekday %i', (date, day, dayOfWeek) => {
    expect(dayNumber(date)).toBe(day);
    expect(civilDate(day)).toBe(date);
    expect(weekday(date)).toBe(dayOfWeek);
    expect(yearOfDayNumber(day)).toBe(Number(date.slice(0, 4)));
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false], // 2026 is not a leap year
    ['2024-02-29', true],
    ['1900-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
    ['', false],
  ])('isCivilDate(%j) = %s', (text, valid) => {
    expect(isCivilDate(text)).toBe(valid);
  });

  it('refuses to count from a date that does not exist', () => {
    expect(() => dayNumber('2026-02-30')).toThrow(RangeError);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-27', 15, '2026-02-11'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('round-trips every day from 1900 to 2200', () => {
    for (let day = dayNumber('1900-01-01'); day <= dayNumber('2200-12-31'); day++) {
      if (dayNumber(civilDate(day)) !== day) throw new Error(`day ${day} does not round-trip`);
    }
  });
});
