import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './calendar';
import { CalendarImportError, scheduleFromHolidayCn, schedulesFromIcs } from './calendar-import';

// A 2027 schedule in the holiday-cn format. Invented for the test — the State Council had not
// published 2027 when this was written.
const HOLIDAY_CN_2027 = {
  $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
  year: 2027,
  papers: ['https://www.gov.cn/example'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: false },
    { name: '春节', date: '2027-02-07', isOffDay: true },
    { name: '春节', date: '2027-02-08', isOffDay: true },
  ],
};

function importErrors(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CalendarImportError) return error.issues;
    throw error;
  }
  throw new Error('expected a CalendarImportError');
}

describe('holiday-cn import', () => {
  it('reads a year, off days as holidays and the others as swapped working days', () => {
    const schedule = scheduleFromHolidayCn(JSON.stringify(HOLIDAY_CN_2027));
    expect(schedule).toEqual({
      year: 2027,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'working_day', name: '春节' },
        { date: '2027-02-07', kind: 'holiday', name: '春节' },
        { date: '2027-02-08', kind: 'holiday', name: '春节' },
      ],
    });
    const calendar = BusinessCalendar.empty().withSchedule(schedule);
    expect(calendar.hasYear(2027)).toBe(true);
    expect(calendar.isWorkingDay('2027-02-06')).toBe(true); // a Saturday
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false); // a Monday
  });

  it('accepts a New Year holiday that starts in the previous December', () => {
    const schedule = scheduleFromHolidayCn({ year: 2024, days: [{ name: '元旦', date: '2023-12-30', isOffDay: true }] });
    expect(schedule.days[0]!.date).toBe('2023-12-30');
  });

  it.each([
    ['not JSON', '{year: 2027', /not JSON/],
    ['no year', { days: [] }, /^year:/],
    ['a bad date', { year: 2027, days: [{ name: '元旦', date: '2027-02-30', isOffDay: true }] }, /^days\.0\.date: expected a real date/],
    ['isOffDay as a string', { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: 'true' }] }, /^days\.0\.isOffDay:/],
    ['an empty name', { year: 2027, days: [{ name: ' ', date: '2027-01-01', isOffDay: true }] }, /^days\.0\.name:/],
    ['a day of another year', { year: 2027, days: [{ name: '元旦', date: '2025-01-01', isOffDay: true }] }, /2025-01-01: outside the 2027 schedule/],
    [
      'a day both off and on',
      { year: 2027, days: [{ name: 'a', date: '2027-01-01', isOffDay: true }, { name: 'b', date: '2027-01-01', isOffDay: false }] },
      /2027-01-01: listed both as a holiday and as a working day/,
    ],
  ])('rejects %s with a clear message', (_, file, message) => {
    expect(importErrors(() => scheduleFromHolidayCn(file))[0]).toMatch(message);
  });
});

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//LoopDesk//CN',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261230', // New Year 2027 starting in 2026 joins the 2027 schedule
  'DTEND;VALUE=DATE:20270102',
  'SUMMARY:元旦(休)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270206',
  'DTEND;VALUE=DATE:20270207',
  'SUMMARY:春节(班)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270207',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:春节假期，全',
  ' 国放假', // a folded line (RFC 5545)
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270220',
  'SUMMARY:Spring Festival(Workday)', // English marker; no DTEND means one day
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270227',
  'SUMMARY:调整工作日',
  'X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270501',
  'DTEND;VALUE=DATE:20270502',
  'SUMMARY:Labour Day',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('iCalendar import', () => {
  it('reads all-day events: 班 / Workday / ALTERNATE-WORKDAY are swapped working days, the rest holidays', () => {
    const [schedule, ...others] = schedulesFromIcs(ICS);
    expect(others).toEqual([]);
    expect(schedule!.year).toBe(2027);
    const kinds = Object.fromEntries(schedule!.days.map((day) => [day.date, `${day.kind} ${day.name}`]));
    expect(kinds).toEqual({
      '2026-12-30': 'holiday 元旦',
      '2026-12-31': 'holiday 元旦',
      '2027-01-01': 'holiday 元旦',
      '2027-02-06': 'working_day 春节',
      '2027-02-07': 'holiday 春节假期，全国放假',
      '2027-02-08': 'holiday 春节假期，全国放假',
      '2027-02-09': 'holiday 春节假期，全国放假',
      '2027-02-10': 'holiday 春节假期，全国放假',
      '2027-02-11': 'holiday 春节假期，全国放假',
      '2027-02-12': 'holiday 春节假期，全国放假',
      '2027-02-13': 'holiday 春节假期，全国放假',
      '2027-02-20': 'working_day Spring Festival',
      '2027-02-27': 'working_day 调整工作日',
      '2027-05-01': 'holiday Labour Day',
    });
  });

  it('groups events by the year they end in, one schedule per year', () => {
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20251001', 'DTEND;VALUE=DATE:20251009', 'SUMMARY:国庆节(休)', 'END:VEVENT', ICS.split('\r\n').slice(3).join('\n')].join('\n');
    expect(schedulesFromIcs(ics).map((schedule) => [schedule.year, schedule.days.length])).toEqual([
      [2025, 8],
      [2027, 14],
    ]);
  });

  it('imports the ICS that chinese-days publishes for 2026 the same way as its JSON', async () => {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const path = createRequire(import.meta.url).resolve('chinese-days/dist/years/2026.ics');
    const [schedule] = schedulesFromIcs(readFileSync(path, 'utf8'));
    const calendar = BusinessCalendar.empty().withSchedule(schedule!);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
  });

  it.each([
    ['not a calendar', 'hello', /no VEVENT found/],
    ['a timed event', 'BEGIN:VEVENT\nDTSTART:20270101T090000\nSUMMARY:x\nEND:VEVENT', /DTSTART must be an all-day date/],
    ['no summary', 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nEND:VEVENT', /SUMMARY is missing/],
    ['an end before the start', 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270105\nDTEND;VALUE=DATE:20270101\nSUMMARY:x\nEND:VEVENT', /DTEND must be after DTSTART/],
    ['an impossible date', 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270230\nSUMMARY:x\nEND:VEVENT', /DTSTART must be an all-day date/],
    ['a two-month event', 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270301\nSUMMARY:x\nEND:VEVENT', /lasts more than 31 days/],
    [
      'a day both holiday and working',
      'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:元旦\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:补班\nEND:VEVENT',
      /2027-01-01: listed both/,
    ],
  ])('rejects %s with a clear message', (_, text, message) => {
    expect(importErrors(() => schedulesFromIcs(text)).join('\n')).toMatch(message);
  });
});
