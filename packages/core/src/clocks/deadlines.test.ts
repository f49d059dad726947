import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './calendar';
import { schedulesFromIcs } from './calendar-import';
import { chinaBusinessCalendar } from './calendar-seed';
import {
  regulatoryClockStatus,
  regulatoryDeadline,
  reviewDeadline,
  reviewWindow,
  type RegulatoryDeadline,
  type RegulatoryDeadlineInput,
  type RegulatoryExclusion,
} from './deadlines';
import { CHINA_NFRA_2020, SHIPPED_RULE_SETS, UK_FCA_DISP, US_CFPB, ZRegulatoryRuleSet } from './rule-sets';

const cst = (text: string) => Date.parse(`${text}+08:00`);
const iso = (instant: number) => new Date(instant).toISOString();
const china = chinaBusinessCalendar();
const cn = { ruleSet: CHINA_NFRA_2020, calendar: china, zone: 'Asia/Shanghai' };

function running(deadline: RegulatoryDeadline) {
  if (deadline.state !== 'running') throw new Error(`expected a running deadline, got ${deadline.state}`);
  return deadline;
}
const due = (input: Partial<RegulatoryDeadlineInput> & { receivedAt: number }) => running(regulatoryDeadline({ ...cn, ...input }));

describe('DESIGN.md §5: the five dated examples (15 calendar days, China)', () => {
  it.each([
    ['2026-01-27', '2026-02-11', '2026-02-11', 'day 15 is a Wednesday'],
    ['2026-03-06', '2026-03-21', '2026-03-23', 'day 15 is a Saturday → Monday'],
    ['2026-02-01', '2026-02-16', '2026-02-24', 'day 15 is in the Spring Festival'],
    ['2026-09-20', '2026-10-05', '2026-10-08', 'day 15 is in the National Day holiday'],
    ['2026-09-25', '2026-10-10', '2026-10-10', 'day 15 is the swapped working Saturday'],
  ])('received %s → day 15 %s → due %s (%s)', (received, dayN, dueDate) => {
    const deadline = due({ receivedAt: cst(`${received}T10:00:00`) });
    expect(deadline.unshiftedDate).toBe(dayN);
    expect(deadline.dueDate).toBe(dueDate);
    expect(deadline.dueAt).toBe(cst(`${dueDate}T00:00:00`) + 86_400_000); // 24:00 in Beijing
    expect(deadline.provisional).toBe(false);
    expect(deadline.daysAllowed).toBe(15);
  });
});

describe('counting regulatory days (China)', () => {
  it.each([
    // received (Beijing clocks), due date, why
    ['2026-01-27T00:00:00', '2026-02-11', 'the first second of the receipt day'],
    ['2026-01-27T23:59:59', '2026-02-11', 'the last second of the receipt day'],
    ['2026-01-28T00:00:00', '2026-02-12', 'the next day'],
    ['2026-10-01T10:00:00', '2026-10-16', 'received on a holiday: the count still starts the next day'],
    ['2026-10-09T10:00:00', '2026-10-26', 'day 15 is Saturday 24 October'],
    ['2026-02-14T10:00:00', '2026-03-02', 'received on a swapped working Saturday; day 15 is Sunday 1 March'],
    ['2026-04-20T10:00:00', '2026-05-06', 'day 15 is 5 May, the last day of 劳动节'],
    ['2026-03-20T10:00:00', '2026-04-07', 'day 15 is Sunday 5 April, inside 清明'],
  ])('received %s → due %s (%s)', (received, dueDate) => {
    expect(due({ receivedAt: cst(received) }).dueDate).toBe(dueDate);
  });

  it('counts in the institution\'s zone: 00:30 in Beijing is still the previous day in London', () => {
    const receivedAt = Date.parse('2026-01-27T16:30:00Z'); // 28 January 00:30 in Beijing
    expect(due({ receivedAt }).dueDate).toBe('2026-02-12');
    expect(due({ receivedAt, zone: 'Asia/Hong_Kong' }).dueDate).toBe('2026-02-12');
    expect(due({ receivedAt, zone: 'Europe/London' }).dueDate).toBe('2026-02-11');
  });

  it('is due at 24:00 of the due date in the institution\'s zone', () => {
    expect(iso(due({ receivedAt: cst('2026-01-27T10:00:00') }).dueAt)).toBe('2026-02-11T16:00:00.000Z');
    expect(iso(due({ receivedAt: cst('2026-01-27T10:00:00'), zone: 'Europe/London' }).dueAt)).toBe('2026-02-12T00:00:00.000Z');
  });

  it('ignores new facts that predate receipt', () => {
    expect(due({ receivedAt: cst('2026-03-02T10:00:00'), newFactsAt: cst('2026-03-01T10:00:00') }).dueDate).toBe('2026-03-17');
  });
});

describe('extensions (Art. 18)', () => {
  it.each([
    [0, 15, '2026-02-11'],
    [1, 30, '2026-02-26'], // complex: 30 days
    [2, 60, '2026-03-30'], // especially complex: 60 days; day 60 is Saturday 28 March
  ])('%i extension level(s) granted → %i days → due %s', (extensionsGranted, days, dueDate) => {
    const deadline = due({ receivedAt: cst('2026-01-27T10:00:00'), extensionsGranted });
    expect(deadline.daysAllowed).toBe(days);
    expect(deadline.dueDate).toBe(dueDate);
  });

  it('the rule data says who approves and that the complainant is told each time', () => {
    expect(CHINA_NFRA_2020.steps[0]!.extensions.map((level) => [level.id, level.limit.count, level.approval, level.notifyComplainant])).toEqual([
      ['complex', 30, 'none', true],
      ['especially_complex', 60, 'higher_level', true],
    ]);
  });

  it.each([3, -1, 1.5])('refuses %s extension levels', (extensionsGranted) => {
    expect(() => due({ receivedAt: cst('2026-01-27T10:00:00'), extensionsGranted })).toThrow(RangeError);
  });
});

describe('excluded periods (Art. 18 appraisal, Art. 23 mediation): E − S whole days, the start day not counted', () => {
  const appraisal = (start: string, end: string | null, noticeSentAt: string | null = start): RegulatoryExclusion => ({
    kind: 'outside_appraisal',
    start: cst(start),
    end: end === null ? null : cst(end),
    noticeSentAt: noticeSentAt === null ? null : cst(noticeSentAt),
  });
  const mediation = (start: string, end: string): RegulatoryExclusion => ({ kind: 'mediation', start: cst(start), end: cst(end) });
  // Received Monday 2 March; without exclusions due Tuesday 17 March.
  const receivedAt = cst('2026-03-02T10:00:00');
  const earlier = cst('2026-01-27T10:00:00'); // due 11 February without exclusions

  it.each([
    ['none', receivedAt, [], 0, '2026-03-17', 0],
    ['appraisal Thu 14:00 → Mon 09:00: 4 days, day 19 a Saturday', receivedAt, [appraisal('2026-03-05T14:00:00', '2026-03-09T09:00:00')], 4, '2026-03-23', 0],
    ['appraisal within one day: no whole day', receivedAt, [appraisal('2026-03-05T09:00:00', '2026-03-05T18:00:00')], 0, '2026-03-17', 0],
    ['appraisal over midnight by a minute: one day', receivedAt, [appraisal('2026-03-05T23:59:00', '2026-03-06T00:00:00')], 1, '2026-03-18', 0],
    ['appraisal without notice to the complainant: not excluded', receivedAt, [appraisal('2026-03-05T14:00:00', '2026-03-09T09:00:00', null)], 0, '2026-03-17', 1],
    ['mediation needs no separate notice', receivedAt, [mediation('2026-03-05T14:00:00', '2026-03-09T09:00:00')], 4, '2026-03-23', 0],
    [
      'overlapping appraisal and mediation count once: (5 Mar, 11 Mar]',
      receivedAt,
      [appraisal('2026-03-05T14:00:00', '2026-03-09T09:00:00'), mediation('2026-03-07T10:00:00', '2026-03-11T10:00:00')],
      6,
      '2026-03-23',
      0,
    ],
    [
      'two separate periods add up',
      receivedAt,
      [appraisal('2026-03-03T10:00:00', '2026-03-05T10:00:00'), mediation('2026-03-10T10:00:00', '2026-03-12T10:00:00')],
      4,
      '2026-03-23',
      0,
    ],
    ['begun before receipt: only the part after receipt', receivedAt, [appraisal('2026-02-27T10:00:00', '2026-03-04T10:00:00')], 2, '2026-03-19', 0],
    ['ended before receipt: nothing', receivedAt, [appraisal('2026-02-20T10:00:00', '2026-03-01T10:00:00')], 0, '2026-03-17', 0],
    ['begun on the due day itself', receivedAt, [appraisal('2026-03-17T15:00:00', '2026-03-19T10:00:00')], 2, '2026-03-19', 0],
    ['begun after the deadline had passed: nothing', receivedAt, [appraisal('2026-03-18T10:00:00', '2026-03-25T10:00:00')], 0, '2026-03-17', 0],
    [
      'one extending the deadline brings a later one inside it',
      receivedAt,
      [appraisal('2026-03-10T10:00:00', '2026-03-14T10:00:00'), mediation('2026-03-19T10:00:00', '2026-03-20T10:00:00')],
      5,
      '2026-03-23',
      0,
    ],
    [
      'across the Spring Festival, then a holiday shift',
      earlier,
      [appraisal('2026-01-30T10:00:00', '2026-02-03T15:00:00')],
      4,
      '2026-02-24',
      0,
    ],
  ])('%s', (_, received, exclusions, excludedDays, dueDate, ignored) => {
    const deadline = due({ receivedAt: received, exclusions });
    expect(deadline.excludedDays).toBe(excludedDays);
    expect(deadline.dueDate).toBe(dueDate);
    expect(deadline.exclusionsIgnored).toBe(ignored);
  });

  it('an appraisal still under way suspends the clock', () => {
    const deadline = regulatoryDeadline({ ...cn, receivedAt, exclusions: [appraisal('2026-03-05T14:00:00', null)] });
    expect(deadline).toMatchObject({ state: 'suspended', suspendedSince: cst('2026-03-05T14:00:00'), excludedDays: 0 });
  });

  it('an open exclusion begun after the deadline had passed suspends nothing', () => {
    expect(due({ receivedAt, exclusions: [appraisal('2026-03-20T10:00:00', null)] }).dueDate).toBe('2026-03-17');
  });

  it('rule sets without exclusions ignore them, and say so', () => {
    const deadline = running(
      regulatoryDeadline({ receivedAt, ruleSet: US_CFPB, calendar: china, zone: 'America/New_York', exclusions: [mediation('2026-03-05T14:00:00', '2026-03-09T09:00:00')] }),
    );
    expect(deadline.excludedDays).toBe(0);
    expect(deadline.exclusionsIgnored).toBe(1);
  });
});

describe('new facts restart the clock from their arrival (Art. 18)', () => {
  it.each([
    ['2026-03-10T10:00:00', [], '2026-03-25'],
    ['2026-03-10T23:00:00', [], '2026-03-25'],
    // an appraisal that ended before the new facts arrived no longer counts
    ['2026-03-10T10:00:00', [{ kind: 'mediation', start: cst('2026-03-03T10:00:00'), end: cst('2026-03-06T10:00:00') }], '2026-03-25'],
    ['2026-09-20T10:00:00', [], '2026-10-08'],
  ] as const)('new facts on %s → due %s', (newFacts, exclusions, dueDate) => {
    const deadline = due({ receivedAt: cst('2026-03-02T10:00:00'), newFactsAt: cst(newFacts), exclusions: [...exclusions] });
    expect(deadline.dueDate).toBe(dueDate);
    expect(deadline.countFrom).toBe(cst(newFacts));
  });

  it('steps that do not restart keep counting from receipt', () => {
    const deadline = running(reviewDeadline(cst('2026-03-02T10:00:00'), cn));
    expect(deadline.countFrom).toBe(cst('2026-03-02T10:00:00'));
    const withFacts = running(regulatoryDeadline({ ...cn, step: 'review_decision', receivedAt: cst('2026-03-02T10:00:00'), newFactsAt: cst('2026-03-10T10:00:00') }));
    expect(withFacts.dueDate).toBe(deadline.dueDate);
  });
});

describe('provisional deadlines in a year without a schedule (2027)', () => {
  it.each([
    ['2026-12-10T10:00:00', '2026-12-25', false, 'day 15 is a Friday of 2026'],
    ['2026-12-12T10:00:00', '2026-12-28', false, 'day 15 is a Sunday of 2026, moved to Monday'],
    ['2026-12-20T10:00:00', '2027-01-04', true, 'day 15 falls in 2027'],
    ['2026-12-19T10:00:00', '2027-01-03', true, 'day 15 is a Sunday of 2027: left unshifted, never later than the truth'],
    ['2026-11-10T10:00:00', '2027-01-09', true, 'extended to 60 days, day 60 in 2027'],
  ])('received %s → provisional due %s (%s)', (received, dueDate, provisional) => {
    const deadline = due({ receivedAt: cst(received), extensionsGranted: received.startsWith('2026-11') ? 2 : 0 });
    expect(deadline.dueDate).toBe(dueDate);
    expect(deadline.provisional).toBe(provisional);
  });

  it('a shift that walks into 2027 stops at its first unknown day', () => {
    const calendar = china.withDay('2026-12-31', 'holiday', '行庆日');
    const deadline = due({ receivedAt: cst('2026-12-16T10:00:00'), calendar });
    expect([deadline.unshiftedDate, deadline.dueDate, deadline.provisional]).toEqual(['2026-12-31', '2027-01-01', true]);
  });

  it('is recomputed when the 2027 schedule is imported, and only ever moves later', () => {
    const receivedAt = cst('2026-12-19T10:00:00');
    const before = due({ receivedAt });
    // An invented 2027 schedule: New Year 1–3 January, and 4 January made a holiday for the test.
    const calendar = china.withSchedule({
      year: 2027,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-02', kind: 'holiday', name: '元旦' },
        { date: '2027-01-03', kind: 'holiday', name: '元旦' },
        { date: '2027-01-04', kind: 'holiday', name: '测试' },
      ],
    });
    const after = due({ receivedAt, calendar });
    expect([after.dueDate, after.provisional]).toEqual(['2027-01-05', false]);
    expect(after.dueAt).toBeGreaterThan(before.dueAt);
  });
});

describe('the review clock (核查, Art. 20)', () => {
  it.each([
    ['2026-03-06T10:00:00', '2026-04-05', '2026-04-07', 'day 30 is 5 April, inside 清明'],
    ['2026-09-08T10:00:00', '2026-10-08', '2026-10-08', 'day 30 is the first day after National Day'],
    ['2026-09-05T10:00:00', '2026-10-05', '2026-10-08', 'day 30 is in National Day'],
  ])('decision received %s: request window ends %s → %s', (received, dayN, dueDate) => {
    const window = running(reviewWindow(cst(received), cn));
    expect([window.step, window.unshiftedDate, window.dueDate, window.daysAllowed]).toEqual(['review_request', dayN, dueDate, 30]);
  });

  it.each([
    ['2026-09-05T10:00:00', '2026-10-08'],
    ['2026-12-10T10:00:00', '2027-01-09'],
  ])('review request received %s → decision due %s', (received, dueDate) => {
    const deadline = running(reviewDeadline(cst(received), cn));
    expect([deadline.step, deadline.dueDate]).toEqual(['review_decision', dueDate]);
  });

  it('rule sets without a review clock refuse to compute one', () => {
    expect(() => reviewWindow(0, { ...cn, ruleSet: UK_FCA_DISP })).toThrow(/no review clock/);
  });
});

describe('UK FCA DISP on a UK calendar (business days, no rest-day shift)', () => {
  // England and Wales bank holidays of 2026, as an .ics would bring them.
  const ukHolidays = ['20260101', '20260403', '20260406', '20260504', '20260525', '20260831', '20261225', '20261228'];
  const ics = ukHolidays.map((date) => `BEGIN:VEVENT\nDTSTART;VALUE=DATE:${date}\nSUMMARY:Bank holiday\nEND:VEVENT`).join('\n');
  const uk = { ruleSet: UK_FCA_DISP, calendar: BusinessCalendar.empty().withSchedules(schedulesFromIcs(ics)), zone: 'Europe/London' };
  const london = (text: string) => Date.parse(`${text}Z`); // GMT in winter; rows in summer say so

  it.each([
    ['final_response', 0, '2026-03-02T10:00:00', '2026-04-27', '2026-04-27T23:00:00.000Z', 'eight weeks; due at midnight BST'],
    ['final_response', 0, '2026-03-07T10:00:00', '2026-05-02', '2026-05-02T23:00:00.000Z', 'a Saturday stays a Saturday'],
    ['payment_services_final_response', 0, '2026-03-27T10:00:00', '2026-04-21', '2026-04-21T23:00:00.000Z', '15 business days over Easter'],
    ['payment_services_final_response', 1, '2026-03-27T10:00:00', '2026-05-20', '2026-05-20T23:00:00.000Z', '35 in exceptional cases'],
    ['summary_resolution', 0, '2026-04-02T10:00:00', '2026-04-09', '2026-04-09T23:00:00.000Z', 'close of the third business day after Easter'],
    ['summary_resolution', 0, '2026-01-16T17:00:00', '2026-01-21', '2026-01-22T00:00:00.000Z', 'received on a Friday'],
  ])('%s (+%i) received %s → %s (%s)', (step, extensionsGranted, received, dueDate, dueAt) => {
    const deadline = running(regulatoryDeadline({ ...uk, step, extensionsGranted, receivedAt: london(received) }));
    expect(deadline.dueDate).toBe(dueDate);
    expect(iso(deadline.dueAt)).toBe(dueAt);
    expect(deadline.provisional).toBe(false);
  });

  it('counts unknown 2027 days as business days, so a provisional date is never late', () => {
    const deadline = running(regulatoryDeadline({ ...uk, step: 'payment_services_final_response', receivedAt: london('2026-12-21T10:00:00') }));
    // 22, 23, 24, 29, 30, 31 December are known business days; then 1–9 January counted as if all were.
    expect([deadline.dueDate, deadline.provisional]).toEqual(['2027-01-09', true]);
  });
});

describe('US CFPB (calendar days, no shift)', () => {
  it.each([
    ['response', '2026-03-06T10:00:00', '2026-03-21'],
    ['closure', '2026-03-06T10:00:00', '2026-05-05'],
  ])('%s received %s → %s', (step, received, dueDate) => {
    const deadline = running(regulatoryDeadline({ ruleSet: US_CFPB, step, calendar: BusinessCalendar.empty(), zone: 'America/New_York', receivedAt: Date.parse(`${received}-05:00`) }));
    expect(deadline.dueDate).toBe(dueDate);
    expect(deadline.provisional).toBe(false);
  });
});

describe('rule sets are data', () => {
  it('every shipped rule set survives a JSON round trip through its schema', () => {
    for (const ruleSet of Object.values(SHIPPED_RULE_SETS)) {
      expect(ZRegulatoryRuleSet.parse(JSON.parse(JSON.stringify(ruleSet)))).toEqual(ruleSet);
    }
  });

  it.each([
    ['an unknown primary step', { primaryStep: 'nope' }, /no step "nope"/],
    ['a duplicate step id', { steps: [CHINA_NFRA_2020.steps[0], CHINA_NFRA_2020.steps[0]] }, /unique/],
    [
      'an extension that allows less',
      { steps: [{ ...CHINA_NFRA_2020.steps[0]!, extensions: [{ ...CHINA_NFRA_2020.steps[0]!.extensions[0]!, limit: { count: 10, unit: 'calendar_days' } }] }] },
      /more of the same unit/,
    ],
    ['an unknown unit', { steps: [{ ...CHINA_NFRA_2020.steps[0]!, limit: { count: 15, unit: 'fortnights' } }] }, /expected one of "calendar_days"/],
  ])('rejects %s', (_, change, message) => {
    const result = ZRegulatoryRuleSet.safeParse({ ...CHINA_NFRA_2020, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });

  it('an unknown step is an error that names it', () => {
    expect(() => regulatoryDeadline({ ...cn, receivedAt: 0, step: 'appeal' })).toThrow(/no step "appeal"/);
  });
});

describe('the regulatory clock\'s warnings', () => {
  // Received 27 January 10:00, due 11 February 24:00: a window of 15 days and 14 hours.
  const deadline = regulatoryDeadline({ ...cn, receivedAt: cst('2026-01-27T10:00:00') });
  const window = cst('2026-02-12T00:00:00') - cst('2026-01-27T10:00:00');

  it.each([
    [0, 'running', 0, 0.5],
    [0.49, 'running', 0, 0.5],
    [0.5, 'warning', 1, 0.75],
    [0.8, 'warning', 2, 0.9],
    [0.95, 'warning', 3, 1],
    [1, 'breached', 4, null],
    [1.2, 'breached', 4, null],
  ] as const)('at %s of the window: %s, level %i, next change at %s', (fraction, status, level, next) => {
    const now = cst('2026-01-27T10:00:00') + Math.round(fraction * window);
    const state = regulatoryClockStatus(deadline, now);
    expect([state.status, state.level]).toEqual([status, level]);
    expect(state.nextChangeAt).toBe(next === null ? null : cst('2026-01-27T10:00:00') + Math.ceil(next * window));
  });
});
