import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaBusinessCalendar } from './calendar-seed';
import { civilDate, MS_PER_DAY } from './civil-date';
import { regulatoryDeadline, type RegulatoryDeadline, type RegulatoryExclusion } from './deadlines';
import { CHINA_NFRA_2020, UK_FCA_DISP } from './rule-sets';
import { slaState, type SlaEvent } from './sla-clock';
import { civilDateAt, dayNumberAt, instantOfWallClock, startOfCivilDay, wallClockMs } from './time-zone';
import { addBusinessTime, businessMinutesBetween, DEFAULT_WORKING_HOURS, workSchedule, type PauseInterval } from './working-hours';

const china = chinaBusinessCalendar();
const beijing = workSchedule(china, DEFAULT_WORKING_HOURS, 'Asia/Shanghai');
const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Europe/London', 'America/New_York'] as const;

// Instants across 2025 and 2026, which chinese-days has schedules for, to the second.
const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z') / 1000, max: Date.parse('2026-11-30T00:00:00Z') / 1000 }).map((s) => s * 1000);
const minutes = fc.integer({ min: 0, max: 6_000 });
const pauseList = fc.array(
  fc.record({ offsetHours: fc.integer({ min: -48, max: 400 }), hours: fc.integer({ min: 0, max: 300 }) }),
  { maxLength: 3 },
);
const toPauses = (start: number, specs: { offsetHours: number; hours: number }[]): PauseInterval[] =>
  specs.map(({ offsetHours, hours }) => ({ start: start + offsetHours * 3_600_000, end: start + (offsetHours + hours) * 3_600_000 }));
const exclusionList = fc.array(
  fc.record({ kind: fc.constantFrom('outside_appraisal', 'mediation'), offsetHours: fc.integer({ min: -100, max: 900 }), hours: fc.integer({ min: 0, max: 500 }) }),
  { maxLength: 3 },
);
const toExclusions = (start: number, specs: { kind: string; offsetHours: number; hours: number }[]): RegulatoryExclusion[] =>
  specs.map(({ kind, offsetHours, hours }) => ({
    kind: kind as RegulatoryExclusion['kind'],
    start: start + offsetHours * 3_600_000,
    end: start + (offsetHours + hours) * 3_600_000,
    noticeSentAt: start,
  }));
const dueAt = (deadline: RegulatoryDeadline) => (deadline.state === 'running' ? deadline.dueAt : Number.POSITIVE_INFINITY);

describe('properties of the regulatory clock', () => {
  it('a later receipt never gives an earlier deadline (any extensions, exclusions, rule set)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 * 86_400 }), fc.integer({ min: 0, max: 2 }), exclusionList, fc.boolean(), (a, laterBySeconds, extensionsGranted, specs, uk) => {
        const b = a + laterBySeconds * 1000;
        const exclusions = toExclusions(a, specs);
        const context = uk
          ? { ruleSet: UK_FCA_DISP, step: 'payment_services_final_response', extensionsGranted: Math.min(1, extensionsGranted), calendar: china, zone: 'Europe/London' }
          : { ruleSet: CHINA_NFRA_2020, extensionsGranted, calendar: china, zone: 'Asia/Shanghai' };
        expect(dueAt(regulatoryDeadline({ ...context, receivedAt: b, exclusions }))).toBeGreaterThanOrEqual(dueAt(regulatoryDeadline({ ...context, receivedAt: a, exclusions })));
      }),
      { numRuns: 500 },
    );
  });

  it('an exclusion never brings a deadline forward', () => {
    fc.assert(
      fc.property(instant, exclusionList, exclusionList, (receivedAt, before, added) => {
        const context = { ruleSet: CHINA_NFRA_2020, calendar: china, zone: 'Asia/Shanghai', receivedAt };
        const fewer = regulatoryDeadline({ ...context, exclusions: toExclusions(receivedAt, before) });
        const more = regulatoryDeadline({ ...context, exclusions: toExclusions(receivedAt, [...before, ...added]) });
        expect(dueAt(more)).toBeGreaterThanOrEqual(dueAt(fewer));
      }),
      { numRuns: 500 },
    );
  });

  it('a deadline is always the end of a working day, at least 15 days after receipt', () => {
    fc.assert(
      fc.property(instant, (receivedAt) => {
        const deadline = regulatoryDeadline({ receivedAt, ruleSet: CHINA_NFRA_2020, calendar: china, zone: 'Asia/Shanghai' });
        if (deadline.state !== 'running' || deadline.provisional) return;
        expect(china.isWorkingDay(deadline.dueDate)).toBe(true);
        expect(deadline.dueAt).toBe(startOfCivilDay(civilDate(dayNumberAt(deadline.dueAt, 'Asia/Shanghai')), 'Asia/Shanghai'));
        expect(dayNumberAt(deadline.dueAt - 1, 'Asia/Shanghai') - dayNumberAt(receivedAt, 'Asia/Shanghai')).toBeGreaterThanOrEqual(15);
      }),
      { numRuns: 500 },
    );
  });
});

describe('properties of business time', () => {
  it('a later start never gives an earlier due time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10 * 86_400 }), minutes, (a, laterBySeconds, duration) => {
        expect(addBusinessTime(a + laterBySeconds * 1000, duration, beijing)).toBeGreaterThanOrEqual(addBusinessTime(a, duration, beijing));
      }),
    );
  });

  it('a pause never shortens a due time', () => {
    fc.assert(
      fc.property(instant, minutes, pauseList, (start, duration, specs) => {
        expect(addBusinessTime(start, duration, beijing, toPauses(start, specs))).toBeGreaterThanOrEqual(addBusinessTime(start, duration, beijing));
      }),
    );
  });

  it('never counts a holiday or a weekend rest day', () => {
    fc.assert(
      fc.property(instant, minutes.filter((m) => m > 0), (start, duration) => {
        const due = addBusinessTime(start, duration, beijing);
        // The due time falls inside working hours of a working day (or at its closing time).
        expect(china.isWorkingDay(civilDateAt(due - 1, 'Asia/Shanghai'))).toBe(true);
        expect(beijing.isWorkingTime(due - 1)).toBe(true);
        // Making any day of the span a holiday takes exactly its working hours away.
        const span = Math.floor((due - start) / MS_PER_DAY) + 1;
        const date = civilDate(dayNumberAt(start, 'Asia/Shanghai') + (duration % span));
        const withHoliday = workSchedule(china.withDay(date, 'holiday', 'property'), DEFAULT_WORKING_HOURS, 'Asia/Shanghai');
        const dayStart = startOfCivilDay(date, 'Asia/Shanghai');
        const lost = businessMinutesBetween(Math.max(start, dayStart), Math.min(due, dayStart + MS_PER_DAY), beijing);
        expect(businessMinutesBetween(start, due, withHoliday)).toBeCloseTo(duration - lost, 9);
        expect(businessMinutesBetween(dayStart, dayStart + MS_PER_DAY, withHoliday)).toBe(0);
      }),
    );
  });

  it('adding then measuring round-trips, pauses included', () => {
    fc.assert(
      fc.property(instant, minutes, pauseList, (start, duration, specs) => {
        const pauses = toPauses(start, specs);
        const due = addBusinessTime(start, duration, beijing, pauses);
        expect(businessMinutesBetween(start, due, beijing, pauses)).toBeCloseTo(duration, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('measuring then adding lands on the end instant, or earlier when it lies outside working hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20 * 86_400 }), (start, seconds) => {
        const end = start + seconds * 1000;
        const back = addBusinessTime(start, businessMinutesBetween(start, end, beijing), beijing);
        expect(back).toBeLessThanOrEqual(end);
        expect(businessMinutesBetween(back, end, beijing)).toBe(0);
      }),
    );
  });
});

describe('properties of SLA clocks', () => {
  it('a pause never shortens an SLA clock', () => {
    fc.assert(
      fc.property(instant, minutes.filter((m) => m > 0), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.boolean(), (start, amount, pauseAfter, pauseFor, business) => {
        const definition = business
          ? { target: { unit: 'business_minutes' as const, amount }, schedule: beijing }
          : { target: { unit: 'calendar_minutes' as const, amount } };
        const plain: SlaEvent[] = [{ type: 'start', at: start }];
        const paused: SlaEvent[] = [...plain, { type: 'pause', at: start + pauseAfter * 3_600_000 }, { type: 'resume', at: start + (pauseAfter + pauseFor) * 3_600_000 }];
        const now = start + (pauseAfter + pauseFor) * 3_600_000;
        expect(slaState(definition, paused, now).dueAt!).toBeGreaterThanOrEqual(slaState(definition, plain, now).dueAt!);
      }),
    );
  });
});

describe('properties of time zones', () => {
  it('wall clock and back gives the same instant, except the repeated hour of a fall-back', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }), fc.constantFrom(...ZONES), (t, zone) => {
        const wall = wallClockMs(t, zone);
        const back = instantOfWallClock(wall, zone);
        expect(wallClockMs(back, zone)).toBe(wall);
        expect(back).toBeLessThanOrEqual(t);
        expect(t - back).toBeLessThanOrEqual(3_600_000);
      }),
      { numRuns: 1000 },
    );
  });
});
