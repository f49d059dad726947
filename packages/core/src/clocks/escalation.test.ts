import { describe, expect, it } from 'vitest';
import { chinaBusinessCalendar } from './calendar-seed';
import type { SlaEvent } from './sla-clock';
import { workSchedule } from './working-hours';
import {
  DEFAULT_ESCALATION,
  DEFAULT_SLA_POLICY_SETTINGS,
  escalationSteps,
  levelKey,
  levelKeys,
  levelReachedAt,
  nextClockEvent,
  regulatoryClockState,
  slaClockState,
  slaSummary,
  ZSlaPolicySettings,
  type CaseClockState,
} from './escalation';

const HOUR = 3_600_000;
const t0 = Date.parse('2026-03-09T09:00:00+08:00');
const h = (hours: number) => t0 + hours * HOUR;

describe('clock levels', () => {
  it.each([
    [[0.5, 0.75, 0.9], ['warning_50', 'warning_75', 'warning_90', 'breach']],
    [[0.8], ['warning_80', 'breach']],
    [[], ['breach']],
    [[0.333, 0.666], ['warning_33', 'warning_67', 'breach']],
  ])('fractions %j give levels %j', (fractions, keys) => {
    expect(levelKeys(fractions)).toEqual(keys);
    keys.forEach((key, i) => expect(levelKey(fractions, i + 1)).toBe(key));
  });

  it('has no level 0 and none past the breach', () => {
    expect(() => levelKey([0.5], 0)).toThrow(RangeError);
    expect(() => levelKey([0.5], 3)).toThrow(RangeError);
  });
});

describe('the escalation chain', () => {
  it.each([
    ['first_response', 'warning_50', [[['handler'], null]]],
    ['regulatory', 'warning_75', [[['handler', 'team_lead'], null]]],
    ['resolution', 'breach', [[['team_lead', 'branch_manager'], 'team_lead']]],
    ['regulatory', 'breach', [[['branch_manager', 'consumer_protection'], null]]],
    ['next_response', 'warning_90', [[['team_lead', 'branch_manager'], null]]],
    ['first_response', 'warning_60', []],
  ] as const)('the default chain on %s at %s', (clock, level, expected) => {
    expect(escalationSteps(DEFAULT_ESCALATION, clock, level).map((s) => [s.notify, s.reassignTo])).toEqual(expected);
  });

  it.each([
    ['a level the fractions do not have', { escalation: [{ level: 'warning_60', clocks: ['resolution'], notify: ['handler'], reassignTo: null }] }],
    ['a step that does nothing', { escalation: [{ level: 'breach', clocks: ['resolution'], notify: [], reassignTo: null }] }],
    ['a step on no clock', { escalation: [{ level: 'breach', clocks: [], notify: ['handler'], reassignTo: null }] }],
    ['an unknown target', { escalation: [{ level: 'breach', clocks: ['resolution'], notify: ['ceo'], reassignTo: null }] }],
    ['a malformed level', { escalation: [{ level: 'warn', clocks: ['resolution'], notify: ['handler'], reassignTo: null }] }],
  ])('rejects %s', (_, change) => {
    expect(ZSlaPolicySettings.safeParse({ ...DEFAULT_SLA_POLICY_SETTINGS, ...change }).success).toBe(false);
  });

  it('accepts levels that follow changed fractions', () => {
    const changed = { ...DEFAULT_SLA_POLICY_SETTINGS, warningFractions: [0.6], escalation: [{ level: 'warning_60', clocks: ['resolution'], notify: ['handler'], reassignTo: null }] };
    expect(ZSlaPolicySettings.safeParse(changed).success).toBe(true);
  });
});

describe('the regulatory clock state', () => {
  const fractions = [0.5, 0.75, 0.9];
  it.each([
    // now (h), stopped (h), status, level, next change (h)
    [0, null, 'running', 0, 50],
    [49, null, 'running', 0, 50],
    [50, null, 'warning', 1, 75],
    [80, null, 'warning', 2, 90],
    [99, null, 'warning', 3, 100],
    [100, null, 'breached', 4, null],
    [300, null, 'breached', 4, null],
    [120, 60, 'met', 1, null],
    [120, 100, 'met', 3, null],
    [120, 101, 'breached', 4, null],
    [30, 60, 'running', 0, 50],
  ] as const)('at %ih, decided at %s: %s, level %i, next %s', (now, stopped, status, level, next) => {
    const state = regulatoryClockState(h(0), h(100), stopped === null ? null : h(stopped), h(now), fractions);
    expect(state).toEqual({ status, level, dueAt: h(100), nextChangeAt: next === null ? null : h(next) });
  });
});

describe('when a case next needs the worker', () => {
  const day = { target: { unit: 'calendar_minutes' as const, amount: 24 * 60 } };
  it.each([
    ['nothing counting', [{ status: 'met', level: 0, dueAt: null, nextChangeAt: null, recorded: 0 }], null],
    ['the earliest next change', [
      { status: 'running', level: 0, dueAt: h(24), nextChangeAt: h(12), recorded: 0 },
      { status: 'warning', level: 1, dueAt: h(10), nextChangeAt: h(7.5), recorded: 1 },
    ], h(7.5)],
    ['now, for a level not yet recorded', [
      { status: 'running', level: 0, dueAt: h(24), nextChangeAt: h(12), recorded: 0 },
      { status: 'breached', level: 4, dueAt: h(2), nextChangeAt: null, recorded: 2 },
    ], h(3)],
    ['a paused clock waits for its resume', [{ status: 'paused', level: 1, dueAt: null, nextChangeAt: null, recorded: 1 }], null],
  ] as const)('%s', (_, clocks, expected) => {
    const input = clocks.map(({ recorded, ...state }) => ({ state: state as CaseClockState, recordedLevel: recorded }));
    expect(nextClockEvent(input, h(3))).toBe(expected);
  });

  it('follows a real SLA clock through a pause', () => {
    const events = [{ type: 'start' as const, at: h(0) }, { type: 'pause' as const, at: h(6) }];
    expect(nextClockEvent([{ state: slaClockState(day, events, h(8)), recordedLevel: 0 }], h(8))).toBeNull();
    const resumed = [...events, { type: 'resume' as const, at: h(10) }];
    // 6 hours counted before the pause; the 50% warning comes 6 counting hours after the resume.
    expect(nextClockEvent([{ state: slaClockState(day, resumed, h(10)), recordedLevel: 0 }], h(10))).toBe(h(16));
  });
});

describe('the next clock event in business time, across National Day (1–7 Oct 2026) and its swapped Saturday', () => {
  const schedule = workSchedule(chinaBusinessCalendar());
  const cst = (text: string) => Date.parse(`${text}:00+08:00`);
  // 8 business hours: 09:00–12:00 and 13:30–17:30 a working day, 7 hours of it.
  const definition = { target: { unit: 'business_minutes' as const, amount: 8 * 60 }, schedule };
  it.each([
    // started, paused/resumed, now, next event (the level that comes next)
    ['2026-09-30T16:00', null, '2026-09-30T16:00', '2026-10-08T11:30', 'the 50% warning after the holiday (1.5 h on 30 Sep, 2.5 h on 8 Oct)'],
    ['2026-09-30T16:00', null, '2026-10-08T11:30', '2026-10-08T15:00', 'the 75% warning, past the lunch break'],
    ['2026-10-09T16:00', null, '2026-10-09T16:00', '2026-10-10T11:30', 'the swapped Saturday 10 Oct counts as a working day'],
    ['2026-09-30T09:00', ['2026-09-30T10:00', '2026-10-08T09:00'], '2026-10-08T09:00', '2026-10-08T12:00', 'a pause across the holiday: only working time counts, 1 h before it, 3 h after'],
  ] as [string, [string, string] | null, string, string, string][])('started %s, paused %j, at %s: next event %s (%s)', (start, pause, now, next) => {
    const events: SlaEvent[] = [{ type: 'start', at: cst(start) }];
    if (pause) events.push({ type: 'pause', at: cst(pause[0]) }, { type: 'resume', at: cst(pause[1]) });
    const state = slaClockState(definition, events, cst(now));
    expect(nextClockEvent([{ state, recordedLevel: state.level }], cst(now))).toBe(cst(next));
  });
});

describe('the SLA badge of a case', () => {
  const s = (status: CaseClockState['status'], dueAt: number | null): CaseClockState => ({ status, level: 0, dueAt, nextChangeAt: null });
  it.each([
    ['no clocks', [], null, null],
    ['the worst status, the earliest counting due', [s('running', h(24)), s('warning', h(30)), s('met', null)], 'warning', h(24)],
    ['paused clocks have no due instant', [s('paused', null), s('running', h(50))], 'running', h(50)],
    ['all paused', [s('paused', null)], 'paused', null],
    ['breached wins', [s('breached', h(1)), s('running', h(5))], 'breached', h(1)],
  ] as const)('%s', (_, states, status, dueAt) => {
    expect(slaSummary(states)).toEqual({ status, dueAt });
  });
});

describe('when a clock reached a level, recorded late', () => {
  const day = { target: { unit: 'calendar_minutes' as const, amount: 24 * 60 }, warningFractions: [0.5, 0.75, 0.9] };
  const paused = [{ type: 'start' as const, at: h(0) }, { type: 'pause' as const, at: h(6) }, { type: 'resume' as const, at: h(10) }];
  const stateAt = (at: number) => slaClockState(day, paused, at);

  it('walks the level changes, through a pause, to the instant each was reached', () => {
    // 12 counting hours (50%) 2 hours after the resume; 18 (75%) at h(22); the breach at h(28).
    expect(levelReachedAt(stateAt, h(0), 1, h(40))).toBe(h(16));
    expect(levelReachedAt(stateAt, h(0), 2, h(40))).toBe(h(22));
    expect(levelReachedAt(stateAt, h(0), 4, h(40))).toBe(h(28));
  });

  it('says now when the level is not reached by now, or not by counting', () => {
    expect(levelReachedAt(stateAt, h(0), 4, h(20))).toBe(h(20));
    const jumped = (at: number) => ({ status: 'breached' as const, level: at >= h(5) ? 4 : 0, dueAt: h(5), nextChangeAt: null });
    expect(levelReachedAt(jumped, h(0), 4, h(9))).toBe(h(9));
  });

  it('finds the regulatory deadline’s levels on the calendar', () => {
    const regulatory = (at: number) => regulatoryClockState(h(0), h(100), null, at, [0.5, 0.75, 0.9]);
    expect(levelReachedAt(regulatory, h(0), 1, h(200))).toBe(h(50));
    expect(levelReachedAt(regulatory, h(0), 4, h(200))).toBe(h(100));
  });
});
