import { describe, expect, it } from 'vitest';
import type { CaseKind, Channel, Priority } from '../cases/vocabulary';
import { chinaBusinessCalendar } from './calendar-seed';
import { slaDueAt, slaState, type SlaClockDefinition, type SlaEvent } from './sla-clock';
import { DEFAULT_SLA_POLICY, slaTargetFor, ZSlaPolicy, type SlaMetric, type TSlaPolicy } from './sla-policy';
import { workSchedule } from './working-hours';

const cst = (text: string) => Date.parse(`${text}:00+08:00`);
const HOUR = 3_600_000;
const beijing = workSchedule(chinaBusinessCalendar());

describe('the default SLA policy (DESIGN.md §5)', () => {
  it.each([
    ['complaint', 'P2', 'web', 'first_response', 'calendar_minutes', 48 * 60, '投诉 48 小时内确认受理'],
    ['complaint', 'P1', 'hotline', 'first_response', 'calendar_minutes', 48 * 60, '投诉 48 小时内确认受理'],
    ['complaint', 'P2', 'hotline', 'next_response', 'close_of_working_day', 0, '线下渠道当日工作时间内响应'],
    ['inquiry', 'P3', 'web', 'first_response', 'calendar_minutes', 24 * 60, '线上渠道 24 小时内响应'],
    ['praise', 'P4', 'app', 'next_response', 'calendar_minutes', 24 * 60, '线上渠道 24 小时内响应'],
    ['inquiry', 'P3', 'wechat', 'first_response', 'calendar_minutes', 24 * 60, '线上渠道 24 小时内响应'],
    ['inquiry', 'P3', 'branch_counter', 'first_response', 'close_of_working_day', 0, '线下渠道当日工作时间内响应'],
    ['suggestion', 'P4', 'letter', 'first_response', 'close_of_working_day', 0, '线下渠道当日工作时间内响应'],
    ['complaint', 'P1', 'regulator_referral', 'resolution', 'calendar_minutes', 7 * 24 * 60, '问题一周内解决'],
    ['inquiry', 'P3', 'web', 'resolution', 'calendar_minutes', 7 * 24 * 60, '问题一周内解决'],
  ] as const)('%s %s via %s: %s in %s %i (%s)', (kind, priority, channel, metric, unit, amount, rule) => {
    expect(slaTargetFor(DEFAULT_SLA_POLICY, { kind, priority, channel }, metric)).toEqual({ target: { unit, amount }, rule });
  });

  it('matches priorities, first rule first, and says when no rule sets a metric', () => {
    const policy: TSlaPolicy = ZSlaPolicy.parse({
      id: 'branch',
      title: 'branch',
      warningFractions: [0.8],
      rules: [
        { name: 'P1 complaints', match: { kinds: ['complaint'], priorities: ['P1'] }, targets: { first_response: { unit: 'business_minutes', amount: 120 } } },
        { name: 'everything', match: {}, targets: { first_response: { unit: 'calendar_minutes', amount: 1440 } } },
      ],
    });
    const subject = (kind: CaseKind, priority: Priority, channel: Channel) => ({ kind, priority, channel });
    const rule = (kind: CaseKind, priority: Priority, metric: SlaMetric) => slaTargetFor(policy, subject(kind, priority, 'web'), metric)?.rule ?? null;
    expect(rule('complaint', 'P1', 'first_response')).toBe('P1 complaints');
    expect(rule('complaint', 'P2', 'first_response')).toBe('everything');
    expect(rule('inquiry', 'P1', 'first_response')).toBe('everything');
    expect(rule('complaint', 'P1', 'resolution')).toBeNull();
  });

  it.each([
    ['warning fractions that descend', { warningFractions: [0.9, 0.5] }],
    ['a warning fraction of 1', { warningFractions: [1] }],
    ['no rules', { rules: [] }],
    ['a negative target', { rules: [{ name: 'x', match: {}, targets: { resolution: { unit: 'calendar_minutes', amount: -5 } } }] }],
    ['an unknown channel', { rules: [{ name: 'x', match: { channels: ['pigeon'] }, targets: {} }] }],
  ])('rejects %s', (_, change) => {
    expect(ZSlaPolicy.safeParse({ ...DEFAULT_SLA_POLICY, ...change }).success).toBe(false);
  });
});

describe('an SLA clock from its history', () => {
  const day: SlaClockDefinition = { target: { unit: 'calendar_minutes', amount: 24 * 60 } };
  const t0 = cst('2026-03-09T09:00');
  const h = (hours: number) => t0 + hours * HOUR;
  const ev = (type: SlaEvent['type'], hours: number): SlaEvent => ({ type, at: h(hours) });

  it.each([
    // name, events, now (hours), status, level, fraction, dueAt (hours), nextChangeAt (hours)
    ['just started', [ev('start', 0)], 0, 'running', 0, 0, 24, 12],
    ['at the first warning', [ev('start', 0)], 12, 'warning', 1, 0.5, 24, 18],
    ['past 90%', [ev('start', 0)], 22, 'warning', 3, 22 / 24, 24, 24],
    ['at the due instant, still running', [ev('start', 0)], 24, 'breached', 4, 1, 24, null],
    ['paused', [ev('start', 0), ev('pause', 2)], 5, 'paused', 0, 2 / 24, null, null],
    ['resumed: the pause moves the due time on', [ev('start', 0), ev('pause', 2), ev('resume', 5)], 6, 'running', 0, 3 / 24, 27, 15],
    ['stopped in time', [ev('start', 0), ev('stop', 10)], 30, 'met', 0, 10 / 24, null, null],
    ['stopped exactly at the due instant', [ev('start', 0), ev('stop', 24)], 30, 'met', 3, 1, null, null],
    ['stopped late', [ev('start', 0), ev('stop', 30)], 40, 'breached', 4, 30 / 24, 24, null],
    ['paused after the breach stays breached', [ev('start', 0), ev('pause', 26)], 40, 'breached', 4, 26 / 24, 24, null],
    ['breached across two counting spells', [ev('start', 0), ev('pause', 20), ev('resume', 30)], 40, 'breached', 4, 30 / 24, 34, null],
    ['events after now are not known yet', [ev('start', 0), ev('pause', 2), ev('resume', 50)], 5, 'paused', 0, 2 / 24, null, null],
    [
      'redundant events are ignored',
      [ev('start', 0), ev('resume', 1), ev('pause', 2), ev('pause', 3), ev('resume', 5), ev('resume', 6)],
      6,
      'running',
      0,
      3 / 24,
      27,
      15,
    ],
    ['nothing counts after a stop', [ev('start', 0), ev('stop', 1), ev('resume', 2)], 40, 'met', 0, 1 / 24, null, null],
  ] as const)('%s', (_, events, now, status, level, fraction, dueAt, nextChangeAt) => {
    const state = slaState(day, events, h(now));
    expect(state.status).toBe(status);
    expect(state.level).toBe(level);
    expect(state.fractionUsed).toBeCloseTo(fraction, 12);
    expect(state.dueAt).toBe(dueAt === null ? null : h(dueAt));
    expect(state.nextChangeAt).toBe(nextChangeAt === null ? null : h(nextChangeAt));
    expect(state.targetMinutes).toBe(24 * 60);
  });

  it('answers as at its start when asked about an instant before it (a lagging server clock), and refuses a history with no start', () => {
    const events = [ev('start', 10), ev('pause', 12)];
    expect(slaState(day, events, h(9))).toEqual(slaState(day, events, h(10)));
    expect(slaState(day, events, h(9))).toMatchObject({ status: 'running', level: 0, usedMinutes: 0, dueAt: h(34) });
    expect(() => slaState(day, [ev('pause', 1)], h(5))).toThrow(/no start/);
  });

  it('counts business time on the China calendar, pauses spanning Spring Festival included', () => {
    const definition: SlaClockDefinition = { target: { unit: 'business_minutes', amount: 120 }, schedule: beijing };
    const start = cst('2026-02-13T17:00'); // Friday before the swapped working Saturday
    expect(slaDueAt(definition, start)).toBe(cst('2026-02-14T10:30'));
    const events: SlaEvent[] = [
      { type: 'start', at: start },
      { type: 'pause', at: cst('2026-02-14T09:00') },
      { type: 'resume', at: cst('2026-02-24T09:00') },
    ];
    const state = slaState(definition, events, cst('2026-02-24T09:30'));
    expect(state.dueAt).toBe(cst('2026-02-24T10:30'));
    expect(state.usedMinutes).toBe(60);
    expect(state.status).toBe('warning');
  });

  it.each([
    ['2026-03-09T10:00', [], '2026-03-09T17:30', 'the same working day'],
    ['2026-03-07T10:00', [], '2026-03-09T17:30', 'received on a Saturday'],
    ['2026-03-09T18:00', [], '2026-03-10T17:30', 'received after closing time'],
    ['2026-10-09T18:00', [], '2026-10-10T17:30', 'the next working day is a swapped Saturday'],
    ['2026-03-09T10:00', [['2026-03-09T14:00', '2026-03-09T15:00']], '2026-03-10T10:00', 'an hour paused carries over to the next morning'],
  ])('"same working day" from %s with pauses %j is due %s (%s)', (start, pauses, due) => {
    const definition: SlaClockDefinition = { target: { unit: 'close_of_working_day', amount: 0 }, schedule: beijing };
    const events: SlaEvent[] = [{ type: 'start', at: cst(start) }];
    for (const [from, to] of pauses) events.push({ type: 'pause', at: cst(from!) }, { type: 'resume', at: cst(to!) });
    const now = events[events.length - 1]!.at; // once the whole history is known
    expect(slaState(definition, events, now).dueAt).toBe(cst(due));
  });

  it('needs a start, and a schedule for business targets', () => {
    expect(() => slaState(day, [], t0)).toThrow(/no start/);
    expect(() => slaState({ target: { unit: 'business_minutes', amount: 60 } }, [ev('start', 0)], h(1))).toThrow(/work schedule/);
  });
});
