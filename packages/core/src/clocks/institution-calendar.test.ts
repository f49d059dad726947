import { describe, expect, it } from 'vitest';
import { CalendarImportError } from './calendar-import';
import { chinaBusinessCalendar } from './calendar-seed';
import { calendarYear, dayEditProblem, inheritedWorkingHours, institutionCalendar, schedulesFromImport, type StoredCalendarDay } from './institution-calendar';

const seed = chinaBusinessCalendar();

// A made-up 2027 schedule (test data, not the State Council's): New Year 1–3 January, a Spring
// Festival week with a swapped working Saturday.
const imported2027: StoredCalendarDay[] = [
  ...['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, offDay: true, name: '元旦', scheduleYear: 2027, source: 'import' as const })),
  ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((date) => ({ date, offDay: true, name: '春节', scheduleYear: 2027, source: 'import' as const })),
  { date: '2027-02-20', offDay: false, name: '春节', scheduleYear: 2027, source: 'import' },
];

describe('institutionCalendar: the seed with an institution’s imports and edits', () => {
  const withImport = institutionCalendar(seed, { years: [2027], days: imported2027 });
  const edited = institutionCalendar(seed, {
    years: [2027],
    days: [
      ...imported2027,
      // a weekday made a holiday, the 2026 国庆 swapped Saturday made a rest day again, a holiday worked
      { date: '2027-03-01', offDay: true, name: '行庆日', scheduleYear: 2027, source: 'edit' },
      { date: '2026-10-10', offDay: true, name: null, scheduleYear: 2026, source: 'edit' },
      { date: '2026-10-07', offDay: false, name: '国庆节', scheduleYear: 2026, source: 'edit' },
    ],
  });

  it.each([
    // calendar, date, working, known, why
    ['seed', seed, '2027-01-01', true, false, 'a 2027 Friday is only a weekday guess in the seed'],
    ['import', withImport, '2027-01-01', false, true, 'imported 元旦'],
    ['import', withImport, '2027-02-08', false, true, 'imported 春节 Monday'],
    ['import', withImport, '2027-02-20', true, true, 'imported swapped working Saturday'],
    ['import', withImport, '2027-02-21', false, true, 'a plain Sunday of an imported year'],
    ['import', withImport, '2026-10-01', false, true, 'the seed’s 2026 is untouched'],
    ['edit', edited, '2027-03-01', false, true, 'a Monday an admin made a holiday'],
    ['edit', edited, '2026-10-10', false, true, 'a seeded swapped Saturday back to the weekend rule'],
    ['edit', edited, '2026-10-07', true, true, 'a seeded holiday an admin made a working day'],
    ['edit', edited, '2027-02-20', true, true, 'edits leave the other imported days alone'],
  ])('%s: %s working = %s, known = %s (%s)', (_label, calendar, date, working, known) => {
    const info = calendar.dayInfo(date);
    expect([info.working, info.known]).toEqual([working, known]);
  });

  it('gives an edit back to the weekday rule no name, and an edit with a name keeps it', () => {
    expect(edited.dayInfo('2026-10-10')).toMatchObject({ kind: 'weekend', name: null });
    expect(edited.dayInfo('2027-03-01')).toMatchObject({ kind: 'holiday', name: '行庆日' });
  });

  it('lets an imported year replace the seed’s schedule for that year', () => {
    const replaced = institutionCalendar(seed, { years: [2026], days: [{ date: '2026-06-01', offDay: true, name: '测试假日', scheduleYear: 2026, source: 'import' }] });
    expect(replaced.isWorkingDay('2026-06-01')).toBe(false);
    // 2026's 国庆 came from the seed's 2026 schedule, which the import replaced.
    expect(replaced.isWorkingDay('2026-10-08')).toBe(true);
    expect(replaced.isWorkingDay('2026-10-01')).toBe(true);
    expect(replaced.hasYear(2026)).toBe(true);
  });

  it('covers a year imported with no days at all, and an edit alone does not cover a year', () => {
    expect(institutionCalendar(seed, { years: [2028], days: [] }).hasYear(2028)).toBe(true);
    const onlyEdit = institutionCalendar(seed, { years: [], days: [{ date: '2028-05-01', offDay: true, name: '劳动节', scheduleYear: 2028, source: 'edit' }] });
    expect([onlyEdit.hasYear(2028), onlyEdit.isWorkingDay('2028-05-01')]).toEqual([false, false]);
  });
});

describe('dayEditProblem', () => {
  it.each([
    // date, offDay, name, problem?
    ['2027-03-01', true, '行庆日', false],
    ['2027-03-01', true, null, true],
    ['2027-03-01', false, null, false],
    ['2027-02-20', false, null, true],
    ['2027-02-20', false, '春节', false],
    ['2027-02-20', true, null, false],
  ])('%s offDay=%s name=%s → problem %s', (date, offDay, name, problem) => {
    expect(dayEditProblem(date, offDay, name) !== null).toBe(problem);
  });
});

describe('calendarYear: the year view', () => {
  it('flags a year without schedule data and still lists all its days as the weekday guess', () => {
    const view = calendarYear(seed, 2027);
    expect(view.hasData).toBe(false);
    expect(view.days).toHaveLength(365);
    expect(view.days[0]).toEqual({ date: '2027-01-01', status: 'working', name: null });
    expect(view.days[1]).toEqual({ date: '2027-01-02', status: 'rest', name: null });
  });

  it.each([
    // date, status, name
    ['2026-01-01', 'rest', '元旦'],
    ['2026-01-04', 'swapped_working', '元旦'],
    ['2026-01-05', 'working', null],
    ['2026-02-14', 'swapped_working', '春节'],
    ['2026-03-21', 'rest', null],
    ['2026-10-10', 'swapped_working', '国庆节'],
  ])('2026: %s is %s (%s)', (date, status, name) => {
    const view = calendarYear(seed, 2026);
    expect(view.hasData).toBe(true);
    expect(view.days.find((d) => d.date === date)).toEqual({ date, status, name });
  });

  it('has 366 days in a leap year', () => {
    expect(calendarYear(seed, 2028).days).toHaveLength(366);
  });
});

describe('schedulesFromImport', () => {
  it.each([
    ['holiday_cn', '', 'the file is empty'],
    ['holiday_cn', '{"year":2027}', 'days'],
    ['holiday_cn', 'not json', 'not JSON'],
    ['holiday_cn', '{"year":2027,"days":[{"name":"元旦","date":"2027-02-30","isOffDay":true}]}', 'days.0.date'],
    ['ics', 'hello', 'no VEVENT'],
  ] as const)('%s %j is refused naming %s', (format, content, named) => {
    let error: unknown;
    try {
      schedulesFromImport(format, content);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarImportError);
    expect((error as CalendarImportError).issues.join('; ')).toContain(named);
  });

  it('reads both formats', () => {
    expect(schedulesFromImport('holiday_cn', JSON.stringify({ year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }))).toEqual([
      { year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] },
    ]);
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270220', 'SUMMARY:春节(班)', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    expect(schedulesFromImport('ics', ics)).toEqual([{ year: 2027, days: [{ date: '2027-02-20', kind: 'working_day', name: '春节' }] }]);
  });
});

describe('inheritedWorkingHours', () => {
  const morning = [{ start: '08:30', end: '12:00' }];
  const late = [{ start: '10:00', end: '18:00' }];
  const own = new Map([
    ['root', morning],
    ['branch', late],
  ]);
  it.each([
    // ancestry, hours, from
    [['root', 'branch', 'outlet'], late, 'branch'],
    [['root', 'branch'], late, 'branch'],
    [['root', 'other'], morning, 'root'],
    [['root'], morning, 'root'],
  ])('%j keeps %j from %s', (ancestry, hours, from) => {
    expect(inheritedWorkingHours(ancestry, own)).toEqual({ hours, fromUnitId: from });
  });

  it('falls back to the institution default at the root', () => {
    expect(inheritedWorkingHours(['root', 'branch'], new Map())).toEqual({
      hours: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      fromUnitId: null,
    });
  });
});
