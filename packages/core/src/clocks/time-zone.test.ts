import { describe, expect, it } from 'vitest';
import {
  civilDateAt,
  civilDateTimeAt,
  endOfCivilDay,
  instantOfCivil,
  isTimeZone,
  startOfCivilDay,
  wallClockMs,
  zoneOffsetMs,
} from './time-zone';

const iso = (instant: number) => new Date(instant).toISOString();

describe('instants on the clocks of a zone', () => {
  it.each([
    // instant (UTC), zone, civil date, time, offset minutes
    ['2026-01-27T15:59:59Z', 'Asia/Shanghai', '2026-01-27', '23:59:59', 480],
    ['2026-01-27T16:00:00Z', 'Asia/Shanghai', '2026-01-28', '00:00:00', 480],
    ['2026-07-01T12:00:00Z', 'Asia/Hong_Kong', '2026-07-01', '20:00:00', 480],
    ['2026-01-15T12:00:00Z', 'Europe/London', '2026-01-15', '12:00:00', 0],
    ['2026-07-15T12:00:00Z', 'Europe/London', '2026-07-15', '13:00:00', 60],
    ['2026-03-29T00:59:59Z', 'Europe/London', '2026-03-29', '00:59:59', 0], // last second of GMT
    ['2026-03-29T01:00:00Z', 'Europe/London', '2026-03-29', '02:00:00', 60], // BST begins
    ['2026-10-25T00:59:59Z', 'Europe/London', '2026-10-25', '01:59:59', 60],
    ['2026-10-25T01:00:00Z', 'Europe/London', '2026-10-25', '01:00:00', 0], // BST ends: 01:00 again
    ['2026-03-08T06:59:59Z', 'America/New_York', '2026-03-08', '01:59:59', -300],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08', '03:00:00', -240], // EDT begins
    ['2026-11-01T05:59:59Z', 'America/New_York', '2026-11-01', '01:59:59', -240],
    ['2026-11-01T06:00:00Z', 'America/New_York', '2026-11-01', '01:00:00', -300], // EST again
    ['2026-01-01T04:59:59Z', 'America/New_York', '2025-12-31', '23:59:59', -300], // a different year
    ['1988-07-01T00:00:00Z', 'Asia/Shanghai', '1988-07-01', '09:00:00', 540], // China had DST 1986–1991
  ])('%s in %s is %s %s (UTC%+i min)', (instant, zone, date, time, offset) => {
    expect(civilDateTimeAt(Date.parse(instant), zone)).toEqual({ date, time, offsetMinutes: offset });
    expect(civilDateAt(Date.parse(instant), zone)).toBe(date);
    expect(zoneOffsetMs(Date.parse(instant), zone)).toBe(offset * 60_000);
  });

  it.each([
    // civil date, zone, end of the day (24:00) as UTC, start of the day as UTC
    ['2026-02-11', 'Asia/Shanghai', '2026-02-11T16:00:00.000Z', '2026-02-10T16:00:00.000Z'],
    ['2026-02-11', 'Asia/Hong_Kong', '2026-02-11T16:00:00.000Z', '2026-02-10T16:00:00.000Z'],
    ['2026-03-28', 'Europe/London', '2026-03-29T00:00:00.000Z', '2026-03-28T00:00:00.000Z'],
    ['2026-03-29', 'Europe/London', '2026-03-29T23:00:00.000Z', '2026-03-29T00:00:00.000Z'], // a 23-hour day
    ['2026-10-25', 'Europe/London', '2026-10-26T00:00:00.000Z', '2026-10-24T23:00:00.000Z'], // a 25-hour day
    ['2026-03-08', 'America/New_York', '2026-03-09T04:00:00.000Z', '2026-03-08T05:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-02T05:00:00.000Z', '2026-11-01T04:00:00.000Z'],
  ])('%s in %s ends at %s and starts at %s', (date, zone, end, start) => {
    expect(iso(endOfCivilDay(date, zone))).toBe(end);
    expect(iso(startOfCivilDay(date, zone))).toBe(start);
  });

  it.each([
    // a wall-clock time skipped by spring-forward moves on by the gap; a repeated one takes the earlier instant
    ['2026-03-08', 150, 'America/New_York', '2026-03-08T07:30:00.000Z'], // 02:30 does not exist → 03:30 EDT
    ['2026-11-01', 90, 'America/New_York', '2026-11-01T05:30:00.000Z'], // 01:30 happens twice → the EDT one
    ['2026-03-29', 90, 'Europe/London', '2026-03-29T01:30:00.000Z'], // 01:30 does not exist → 02:30 BST
    ['2026-10-25', 90, 'Europe/London', '2026-10-25T00:30:00.000Z'], // 01:30 twice → the BST one
    ['2026-10-25', 570, 'Europe/London', '2026-10-25T09:30:00.000Z'],
  ])('%s minute %i in %s is %s', (date, minute, zone, expected) => {
    expect(iso(instantOfCivil(date, minute, zone))).toBe(expected);
  });

  it('maps every hour of 2026 to the wall clock and back in each zone', () => {
    for (const zone of ['Asia/Shanghai', 'Asia/Hong_Kong', 'Europe/London', 'America/New_York']) {
      for (let instant = Date.parse('2026-01-01T00:00:00Z'); instant < Date.parse('2027-01-01T00:00:00Z'); instant += 3_600_000) {
        const wall = wallClockMs(instant, zone);
        const back = instantOfCivil('1970-01-01', wall / 60_000, zone);
        // Only the repeated hour of a fall-back day maps to the other (earlier) instant.
        if (back !== instant && !(back === instant - 3_600_000 && wallClockMs(back, zone) === wall)) {
          throw new Error(`${zone} ${iso(instant)} came back as ${iso(back)}`);
        }
      }
    }
  });

  it('tells known zones from unknown ones, and refuses the unknown', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => civilDateAt(0, 'Mars/Olympus_Mons')).toThrow(/unknown time zone/);
  });
});
