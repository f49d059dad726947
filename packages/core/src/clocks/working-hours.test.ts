import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './calendar';
import { chinaBusinessCalendar } from './calendar-seed';
import { addDays } from './civil-date';
import {
  addBusinessTime,
  addCalendarTime,
  businessMinutesBetween,
  calendarMinutesBetween,
  DEFAULT_WORKING_HOURS,
  workSchedule,
  type PauseInterval,
} from './working-hours';

// Times are written on Beijing clocks unless a zone is spelt out.
const cst = (text: string) => Date.parse(`${text}:00+08:00`);
const iso = (instant: number) => new Date(instant).toISOString();
const beijing = workSchedule(chinaBusinessCalendar(), DEFAULT_WORKING_HOURS, 'Asia/Shanghai');

describe('adding business time (09:00–12:00, 13:30–17:30 on the China calendar)', () => {
  it.each([
    ['2026-03-09T10:00', 60, '2026-03-09T11:00', 'inside the morning'],
    ['2026-03-09T11:30', 60, '2026-03-09T14:00', 'across the lunch break'],
    ['2026-03-09T12:15', 30, '2026-03-09T14:00', 'starting in the lunch break'],
    ['2026-03-09T07:00', 30, '2026-03-09T09:30', 'starting before opening'],
    ['2026-03-09T17:00', 30, '2026-03-09T17:30', 'ending exactly at closing time stays that day'],
    ['2026-03-09T17:00', 60, '2026-03-10T09:30', 'overnight'],
    ['2026-03-09T18:00', 0, '2026-03-09T18:00', 'nothing to count'],
    ['2026-03-06T17:00', 60, '2026-03-09T09:30', 'over a weekend'],
    ['2026-03-09T09:00', 5 * 420, '2026-03-13T17:30', 'a full working week'],
    ['2026-02-13T17:00', 60, '2026-02-14T09:30', 'into the swapped working Saturday before 春节'],
    ['2026-02-14T17:00', 60, '2026-02-24T09:30', 'across the whole Spring Festival'],
    ['2026-09-30T16:30', 120, '2026-10-08T10:00', 'across National Day'],
    ['2026-10-09T17:00', 60, '2026-10-10T09:30', 'into the swapped working Saturday after National Day'],
    ['2026-10-10T17:00', 60, '2026-10-12T09:30', 'then over the Sunday'],
    ['2026-12-31T17:00', 60, '2027-01-01T09:30', 'into 2027, not yet scheduled: plain weekdays'],
  ])('%s + %i min = %s (%s)', (start, minutes, due) => {
    expect(iso(addBusinessTime(cst(start), minutes, beijing))).toBe(iso(cst(due)));
  });
});

describe('measuring business time', () => {
  it.each([
    ['2026-03-09T09:00', '2026-03-09T17:30', 420],
    ['2026-03-09T12:00', '2026-03-09T13:30', 0],
    ['2026-03-09T11:00', '2026-03-09T14:00', 90],
    ['2026-03-06T17:00', '2026-03-09T09:30', 60],
    ['2026-09-30T09:00', '2026-10-08T09:00', 420],
    ['2026-02-13T09:00', '2026-02-25T09:00', 3 * 420], // Friday, the working Saturday, 24 February
    ['2026-02-15T00:00', '2026-02-23T23:59', 0], // nine days of Spring Festival
    ['2026-03-10T09:00', '2026-03-09T09:00', 0], // backwards
  ])('%s → %s is %i min', (from, to, minutes) => {
    expect(businessMinutesBetween(cst(from), cst(to), beijing)).toBe(minutes);
  });

  it('measuring to an instant and adding the result back lands on it, fractional minutes included', () => {
    // Found by fast-check: 0.1 minutes more than a window holds used to spill into the next day.
    const start = Date.parse('2025-07-31T05:41:35Z');
    const end = start + 1_222_105_000;
    const back = addBusinessTime(start, businessMinutesBetween(start, end, beijing), beijing);
    expect(back).toBeLessThanOrEqual(end);
    expect(businessMinutesBetween(back, end, beijing)).toBe(0);
  });
});

describe('pauses', () => {
  const pause = (start: string, end: string | null): PauseInterval => ({ start: cst(start), end: end === null ? null : cst(end) });

  it.each([
    // start, minutes, pauses, due
    ['2026-02-12T09:00', 3 * 420, [pause('2026-02-13T12:00', '2026-02-24T12:00')], '2026-02-25T17:30', 'a pause spanning Spring Festival'],
    ['2026-03-09T09:00', 60, [pause('2026-03-09T09:30', '2026-03-09T10:00')], '2026-03-09T10:30', 'a half-hour pause'],
    ['2026-03-09T09:00', 60, [pause('2026-03-09T12:00', '2026-03-09T13:30')], '2026-03-09T10:00', 'a pause in the lunch break costs nothing'],
    [
      '2026-03-09T09:00',
      60,
      [pause('2026-03-09T09:30', '2026-03-09T10:00'), pause('2026-03-09T09:45', '2026-03-09T10:15')],
      '2026-03-09T10:45',
      'overlapping pauses count once',
    ],
    ['2026-03-09T09:00', 60, [pause('2026-03-06T09:00', '2026-03-09T09:30')], '2026-03-09T10:30', 'a pause begun before the start'],
    ['2026-03-09T09:00', 60, [pause('2026-03-09T11:00', '2026-03-09T12:00')], '2026-03-09T10:00', 'a pause after the due time'],
  ])('%s + %i min with pauses → %s (%s)', (start, minutes, pauses, due) => {
    expect(iso(addBusinessTime(cst(start), minutes, beijing, pauses))).toBe(iso(cst(due)));
    expect(businessMinutesBetween(cst(start), cst(due), beijing, pauses)).toBe(minutes);
  });

  it('an open pause holds the due time off indefinitely', () => {
    expect(addBusinessTime(cst('2026-03-09T09:00'), 60, beijing, [pause('2026-03-09T09:30', null)])).toBe(Number.POSITIVE_INFINITY);
    expect(businessMinutesBetween(cst('2026-03-09T09:00'), cst('2026-03-12T09:00'), beijing, [pause('2026-03-09T09:30', null)])).toBe(30);
  });

  it('calendar time counts every minute except the pauses', () => {
    const start = cst('2026-02-15T10:00');
    expect(iso(addCalendarTime(start, 24 * 60))).toBe(iso(cst('2026-02-16T10:00')));
    expect(iso(addCalendarTime(start, 60, [pause('2026-02-15T10:10', '2026-02-15T10:40')]))).toBe(iso(cst('2026-02-15T11:30')));
    expect(calendarMinutesBetween(start, cst('2026-02-16T10:00'), [pause('2026-02-15T12:00', '2026-02-15T13:00')])).toBe(23 * 60);
  });
});

describe('other zones and daylight saving', () => {
  const weekdays = BusinessCalendar.empty();

  it.each([
    // zone, hours, start (UTC), minutes, due (UTC)
    ['Europe/London', DEFAULT_WORKING_HOURS, '2026-03-27T17:00:00Z', 60, '2026-03-30T08:30:00.000Z', 'GMT Friday to BST Monday'],
    ['Europe/London', DEFAULT_WORKING_HOURS, '2026-10-23T16:00:00Z', 60, '2026-10-26T09:30:00.000Z', 'BST Friday to GMT Monday'],
    ['America/New_York', [{ start: '09:00', end: '17:00' }], '2026-03-06T21:00:00Z', 120, '2026-03-09T14:00:00.000Z', 'EST Friday to EDT Monday'],
    ['America/New_York', [{ start: '09:00', end: '17:00' }], '2026-10-30T20:00:00Z', 120, '2026-11-02T15:00:00.000Z', 'EDT Friday to EST Monday'],
    ['Asia/Hong_Kong', DEFAULT_WORKING_HOURS, '2026-03-09T01:00:00Z', 60, '2026-03-09T02:00:00.000Z', 'Hong Kong, no DST'],
  ])('%s: %s + %i min = %s (%s)', (zone, hours, start, minutes, due) => {
    expect(iso(addBusinessTime(Date.parse(start), minutes, workSchedule(weekdays, hours, zone)))).toBe(due);
  });

  it.each([
    ['2026-03-29', 23 * 60],
    ['2026-10-25', 25 * 60],
    ['2026-06-14', 24 * 60],
  ])('a round-the-clock window on Sunday %s in London counts its real length, %i min', (date, minutes) => {
    // The Sunday worked, the Saturday before and the Monday after at rest.
    const calendar = weekdays.withDay(date, 'working_day', 'test').withDay(addDays(date, 1), 'holiday', 'test');
    const london = workSchedule(calendar, [{ start: '00:00', end: '24:00' }], 'Europe/London');
    const start = Date.parse(`${date}T00:00:00Z`) - 3 * 3_600_000;
    expect(businessMinutesBetween(start, start + 2 * 86_400_000, london)).toBe(minutes);
  });
});

describe('the close of the working day', () => {
  it.each([
    ['2026-03-09T10:00', 0, '2026-03-09T17:30'],
    ['2026-03-09T17:29', 0, '2026-03-09T17:30'],
    ['2026-03-09T17:30', 0, '2026-03-10T17:30'], // after closing: the next working day
    ['2026-03-07T10:00', 0, '2026-03-09T17:30'], // a Saturday
    ['2026-09-30T10:00', 1, '2026-10-08T17:30'],
    ['2026-10-09T10:00', 1, '2026-10-10T17:30'], // the swapped working Saturday
  ])('from %s, working day +%i closes at %s', (from, days, close) => {
    expect(iso(beijing.closeOfWorkingDay(cst(from), days))).toBe(iso(cst(close)));
  });

  it.each([
    ['2026-03-09T10:00', true],
    ['2026-03-09T12:30', false],
    ['2026-03-09T17:30', false],
    ['2026-10-01T10:00', false],
    ['2026-10-10T10:00', true],
  ])('%s is working time: %s', (instant, working) => {
    expect(beijing.isWorkingTime(cst(instant))).toBe(working);
  });
});

describe('working hours are checked', () => {
  it.each([
    ['no windows', []],
    ['a window that ends before it starts', [{ start: '17:30', end: '09:00' }]],
    ['overlapping windows', [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }]],
    ['windows out of order', [{ start: '13:30', end: '17:30' }, { start: '09:00', end: '12:00' }]],
    ['a bad time', [{ start: '9:00', end: '12:00' }]],
    ['25 o\'clock', [{ start: '09:00', end: '25:00' }]],
  ])('rejects %s', (_, hours) => {
    expect(() => workSchedule(BusinessCalendar.empty(), hours, 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('rejects an unknown zone', () => {
    expect(() => workSchedule(BusinessCalendar.empty(), DEFAULT_WORKING_HOURS, 'Asia/Peking')).toThrow(/unknown time zone/);
  });
});
