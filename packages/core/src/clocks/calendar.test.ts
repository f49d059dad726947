import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './calendar';
import { chinaBusinessCalendar, chineseDaysSchedules } from './calendar-seed';

const china = chinaBusinessCalendar();

describe('the China calendar seeded from chinese-days', () => {
  it.each([
    // date, working, why
    ['2026-01-01', false, '元旦'],
    ['2026-01-03', false, '元旦 on a Saturday'],
    ['2026-01-04', true, '元旦 swapped working Sunday'],
    ['2026-01-05', true, 'ordinary Monday'],
    ['2026-02-14', true, '春节 swapped working Saturday'],
    ['2026-02-15', false, '春节 first day'],
    ['2026-02-16', false, '春节 (the DESIGN example day 15)'],
    ['2026-02-23', false, '春节 last day, a Monday'],
    ['2026-02-24', true, 'first working day after 春节'],
    ['2026-02-28', true, '春节 swapped working Saturday'],
    ['2026-03-21', false, 'ordinary Saturday'],
    ['2026-03-22', false, 'ordinary Sunday'],
    ['2026-05-05', false, '劳动节 Tuesday'],
    ['2026-05-09', true, '劳动节 swapped working Saturday'],
    ['2026-09-20', true, '国庆节 swapped working Sunday'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-01', false, '国庆节'],
    ['2026-10-07', false, '国庆节 last day, a Wednesday'],
    ['2026-10-08', true, 'first working day after 国庆节'],
    ['2026-10-10', true, '国庆节 swapped working Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2025-10-08', false, '2025 国庆节 and 中秋, eight days'],
    ['2025-10-11', true, '2025 swapped working Saturday'],
  ])('%s working = %s (%s)', (date, working) => {
    expect(china.isWorkingDay(date)).toBe(working);
  });

  it('knows which years it has a schedule for: up to 2026, not 2027', () => {
    expect(china.hasYear(2004)).toBe(true);
    expect(china.hasYear(2026)).toBe(true);
    expect(china.hasYear(2027)).toBe(false);
    expect(china.hasYear(2003)).toBe(false);
    expect(china.dayInfo('2027-01-01')).toEqual({ date: '2027-01-01', working: true, kind: 'weekday', name: null, known: false });
  });

  it('names the days its schedule overrides', () => {
    expect(china.dayInfo('2026-10-10')).toEqual({ date: '2026-10-10', working: true, kind: 'working_day', name: '国庆节', known: true });
    expect(china.dayInfo('2026-02-17')).toMatchObject({ working: false, kind: 'holiday', name: '春节' });
    expect(china.dayInfo('2026-03-21')).toMatchObject({ working: false, kind: 'weekend', name: null, known: true });
  });

  it('lists the 2026 swapped working days exactly as the State Council published them', () => {
    const days = chineseDaysSchedules().find((schedule) => schedule.year === 2026)!.days;
    expect(days.filter((day) => day.kind === 'working_day').map((day) => day.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it.each([
    ['2026-02-13', '2026-02-14'], // Friday → swapped working Saturday
    ['2026-02-14', '2026-02-24'], // across the whole Spring Festival
    ['2026-09-30', '2026-10-08'],
    ['2026-10-08', '2026-10-09'],
    ['2026-10-09', '2026-10-10'],
    ['2026-10-10', '2026-10-12'],
    ['2026-12-31', '2027-01-01'], // 2027 unknown: the weekday rule, flagged by hasYear
  ])('the working day after %s is %s', (date, next) => {
    expect(china.nextWorkingDay(date)).toBe(next);
  });

  it.each([
    ['2026-10-01', '2026-10-08'],
    ['2026-10-08', '2026-10-08'],
    ['2026-03-21', '2026-03-23'],
  ])('%s rolls forward to the working day %s', (date, working) => {
    expect(china.workingDayOnOrAfter(date)).toBe(working);
  });
});

describe('editing a calendar', () => {
  it('sets and unsets single days, returning new calendars and leaving the old one alone', () => {
    const edited = china.withDay('2026-03-20', 'holiday', '行庆日');
    expect(edited.isWorkingDay('2026-03-20')).toBe(false);
    expect(china.isWorkingDay('2026-03-20')).toBe(true);
    const swapped = edited.withDay('2026-03-21', 'working_day', '补班');
    expect(swapped.isWorkingDay('2026-03-21')).toBe(true);
    const restored = swapped.withoutDay('2026-03-20').withoutDay('2026-03-21');
    expect(restored.isWorkingDay('2026-03-20')).toBe(true);
    expect(restored.isWorkingDay('2026-03-21')).toBe(false);
    expect(restored.withoutDay('2026-03-20')).toBe(restored);
  });

  it('a single edit in a year without a schedule does not make the year known', () => {
    const edited = china.withDay('2027-01-01', 'holiday', '元旦');
    expect(edited.isWorkingDay('2027-01-01')).toBe(false);
    expect(edited.hasYear(2027)).toBe(false);
  });

  it('rejects an edit that is not a real day', () => {
    expect(() => china.withDay('2026-02-30', 'holiday', 'x')).toThrow();
    expect(() => china.withDay('2026-02-10', 'holiday', '  ')).toThrow();
  });

  it('re-importing a year replaces that year and keeps days another year\'s schedule set', () => {
    const calendar = BusinessCalendar.empty()
      .withSchedule({ year: 2024, days: [{ date: '2023-12-29', kind: 'holiday', name: '元旦' }] })
      .withSchedule({ year: 2023, days: [{ date: '2023-10-02', kind: 'holiday', name: '国庆节' }] })
      .withDay('2023-06-01', 'holiday', 'edit');
    const reimported = calendar.withSchedule({ year: 2023, days: [{ date: '2023-10-03', kind: 'holiday', name: '国庆节' }] });
    expect(reimported.isWorkingDay('2023-12-29')).toBe(false); // from 2024's schedule: kept
    expect(reimported.isWorkingDay('2023-10-02')).toBe(true); // dropped with the old 2023
    expect(reimported.isWorkingDay('2023-10-03')).toBe(false);
    expect(reimported.isWorkingDay('2023-06-01')).toBe(true); // a single edit dated 2023 is part of 2023
    expect(reimported.years()).toEqual([2023, 2024]);
  });

  it('round-trips through stored data', () => {
    const data = china.withDay('2026-03-20', 'holiday', '行庆日').toData();
    const back = BusinessCalendar.fromData(JSON.parse(JSON.stringify(data)));
    expect(back.toData()).toEqual(data);
    expect(back.isWorkingDay('2026-03-20')).toBe(false);
    expect(back.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('rejects stored data with a bad date', () => {
    expect(() => BusinessCalendar.fromData({ years: [2026], days: [{ date: '2026-13-01', kind: 'holiday', name: 'x', scheduleYear: 2026 }] })).toThrow();
  });

  it('an empty calendar knows no year and rests on weekends only', () => {
    const empty = BusinessCalendar.empty();
    expect(empty.hasYear(2026)).toBe(false);
    expect(empty.isWorkingDay('2026-10-01')).toBe(true);
    expect(empty.isWorkingDay('2026-10-03')).toBe(false);
  });
});
