import { businessMinutesBetween } from '@loopdesk/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Reply } from '../../../test/harness';
import { ADMIN_PASSWORD, Client, createStaff, describeEngines, orgUnitId, startTestApp, TestClock, type TestApp } from '../../../test/harness';

const COMPLAINT = '贵行对我公司的流动资金贷款收取的费用与合同约定不符，请核实并退还多收部分。';

// A made-up 2027 schedule (test data, not the State Council's): New Year 1–3 January, a Spring
// Festival week and a swapped working Saturday.
const SCHEDULE_2027 = {
  year: 2027,
  days: [
    ...['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ name: '元旦', date, isOffDay: true })),
    ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((date) => ({ name: '春节', date, isOffDay: true })),
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
};

const ICS_2028 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20280101',
  'DTEND;VALUE=DATE:20280104',
  'SUMMARY:元旦(休)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20280129',
  'SUMMARY:春节(班)',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

type Day = { date: string; status: string; name: string | null; source: string };
const dayOf = (r: Reply, date: string): Day => (r.body.days as Day[]).find((d) => d.date === date)!;

describeEngines('business calendar administration', (engine) => {
  let t: TestApp;
  let second: TestApp;
  let admin: Client;
  let cp: Client;
  let handler: Client;
  // 2026-12-17 10:00 in Shanghai: day 15 is 2027-01-01, in a year chinese-days has no schedule for.
  const clock = new TestClock(new Date('2026-12-17T02:00:00Z'));
  let provisionalCase: string;
  let knownCase: string;

  const intake = (c: Client, body: Record<string, unknown> = {}) => c.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT, ...body });
  const actions = async (prefix: string) => ((await admin.get(`/api/audit?action=${prefix}&limit=100`)).body.items as { action: string; before: any; after: any }[]);

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    // A second API process on the same database, as in a deployment with several.
    second = await startTestApp(engine, { database: t.database, clock });
    admin = await t.admin();
    cp = (await createStaff(t, admin, { username: 'ho.cp', roles: ['consumer_protection'], orgCode: 'HO' })).client;
    handler = (await createStaff(t, admin, { username: 'bj.handler', roles: ['handler'], orgCode: 'BJ-HD' })).client;
    const a = await intake(handler);
    expect(a.status).toBe(201);
    provisionalCase = a.body.caseId;
    const b = await intake(handler, { channel: 'letter', receivedAt: '2026-12-10T09:00:00+08:00', backDateReason: '信件邮戳日期' });
    expect(b.status).toBe(201);
    knownCase = b.body.caseId;
  });
  afterAll(async () => {
    await second?.app.http.close();
    await t?.close();
  });

  it('flags a year without schedule data instead of passing it off as plain weekdays', async () => {
    const r = await cp.get('/api/calendar/years/2027');
    expect(r.status).toBe(200);
    expect(r.body.hasData).toBe(false);
    expect(r.body.days).toHaveLength(365);
    expect(dayOf(r, '2027-01-01')).toEqual({ date: '2027-01-01', status: 'working', name: null, source: 'seed' });
    const known = await cp.get('/api/calendar/years/2026');
    expect(known.body.hasData).toBe(true);
    expect(dayOf(known, '2026-10-01')).toMatchObject({ status: 'rest', name: '国庆节', source: 'seed' });
    expect(dayOf(known, '2026-10-10')).toMatchObject({ status: 'swapped_working', name: '国庆节' });
    expect(dayOf(known, '2026-10-11')).toMatchObject({ status: 'rest', name: null });
  });

  it('gives a deadline falling in such a year as provisional: the unshifted date', async () => {
    const r = await handler.get(`/api/cases/${provisionalCase}`);
    expect(r.body).toMatchObject({ regulatoryDueAt: '2027-01-01T16:00:00.000Z', regulatoryDueProvisional: true });
  });

  it('refuses a bad file with 422 naming what is wrong, and changes nothing', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ format: 'holiday_cn', content: 'this is not json' }, 'not JSON'],
      [{ format: 'holiday_cn', content: JSON.stringify({ year: 2027, days: [{ name: '元旦', date: '2027-02-30', isOffDay: true }] }) }, 'days.0.date'],
      [{ format: 'holiday_cn', content: JSON.stringify({ year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '元旦', date: '2027-01-01', isOffDay: false }] }) }, '2027-01-01: listed both'],
      [{ format: 'ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' }, 'no VEVENT'],
      [{ format: 'ics', content: 'BEGIN:VEVENT\r\nDTSTART:20270101T090000Z\r\nSUMMARY:元旦\r\nEND:VEVENT' }, 'DTSTART must be an all-day date'],
    ];
    for (const [body, named] of bad) {
      const r = await admin.post('/api/calendar/imports', body);
      expect(r.status, named).toBe(422);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body.errors[0].field).toBe('content');
      expect(r.body.errors.map((e: { message: string }) => e.message).join('; ')).toContain(named);
    }
    expect((await admin.post('/api/calendar/imports', { format: 'xlsx', content: 'x' })).status).toBe(400);
    expect((await cp.get('/api/calendar/years/2027')).body.hasData).toBe(false);
    expect(await actions('calendar.')).toEqual([]);
    expect((await handler.get(`/api/cases/${provisionalCase}`)).body.regulatoryDueProvisional).toBe(true);
  });

  it('imports a holiday-cn schedule and recomputes the provisional deadline in the same transaction', async () => {
    const r = await admin.post('/api/calendar/imports', { format: 'holiday_cn', content: JSON.stringify(SCHEDULE_2027) });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ years: [2027], days: 11, recomputedCases: 1 });

    const year = await cp.get('/api/calendar/years/2027');
    expect(year.body.hasData).toBe(true);
    expect(dayOf(year, '2027-01-01')).toEqual({ date: '2027-01-01', status: 'rest', name: '元旦', source: 'import' });
    expect(dayOf(year, '2027-02-20')).toEqual({ date: '2027-02-20', status: 'swapped_working', name: '春节', source: 'import' });
    expect(dayOf(year, '2027-02-21')).toMatchObject({ status: 'rest', name: null, source: 'seed' });

    // Day 15 is the 元旦 holiday: the deadline moves to the end of Monday 4 January, no longer provisional.
    const c = await handler.get(`/api/cases/${provisionalCase}`);
    expect(c.body).toMatchObject({ regulatoryDueAt: '2027-01-04T16:00:00.000Z', regulatoryDueProvisional: false });
    const event = (c.body.events as { type: string; data: any; reason: string }[]).find((e) => e.type === 'regulatory_due_recomputed');
    expect(event?.data).toEqual({
      from: { regulatoryDueAt: '2027-01-01T16:00:00.000Z', provisional: true, suspendedSince: null },
      to: { regulatoryDueAt: '2027-01-04T16:00:00.000Z', provisional: false, suspendedSince: null },
    });
    expect(event?.reason).toBe('calendar import 2027');
    // The case's stored clock follows in the same transaction (the worker's next instant, the badges).
    const { rows: [clockRow] } = (await t.database.db.execute(`select due_at from case_clocks where case_id = '${provisionalCase}' and clock = 'regulatory'`)) as unknown as { rows: { due_at: string | Date }[] };
    expect(new Date(clockRow!.due_at).toISOString()).toBe('2027-01-04T16:00:00.000Z');
    // The case whose deadline was already known is untouched.
    const known = await handler.get(`/api/cases/${knownCase}`);
    expect(known.body.regulatoryDueProvisional).toBe(false);
    expect(known.body.events.map((e: { type: string }) => e.type)).not.toContain('regulatory_due_recomputed');

    expect((await actions('calendar.import')).map((e) => e.after)).toEqual([{ format: 'holiday_cn', years: [2027], days: 11, replacedDays: 0 }]);
    const caseAudit = await admin.get(`/api/audit?objectType=case&objectId=${provisionalCase}`);
    expect(caseAudit.body.items.map((e: { action: string }) => e.action)).toContain('case.regulatory_due');

    // A new complaint now gets the final deadline at once.
    const fresh = await intake(handler);
    expect(fresh.body).toMatchObject({ regulatoryDueAt: '2027-01-04T16:00:00.000Z', regulatoryDueProvisional: false });
  });

  it('imports an .ics file', async () => {
    const r = await admin.post('/api/calendar/imports', { format: 'ics', content: ICS_2028 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ years: [2028], days: 4 });
    const year = await cp.get('/api/calendar/years/2028');
    expect(year.body.hasData).toBe(true);
    expect(dayOf(year, '2028-01-03')).toMatchObject({ status: 'rest', name: '元旦' });
    expect(dayOf(year, '2028-01-29')).toMatchObject({ status: 'swapped_working', name: '春节' });
  });

  it('edits single days; another API process sharing the database sees the edit', async () => {
    // The second process computes a deadline first, so it holds the calendar in its cache.
    const other = new Client(second.url);
    expect((await other.login('bj.handler', 'bj.handler-Secret-99')).status).toBe(200);
    const before = await other.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT });
    expect(before.body.regulatoryDueAt).toBe('2027-01-04T16:00:00.000Z');

    const noName = await admin.request('PUT', '/api/calendar/days/2027-01-04', { offDay: true });
    expect([noName.status, noName.body.errors?.[0]?.field]).toEqual([422, 'name']);
    expect((await admin.request('PUT', '/api/calendar/days/2027-02-30', { offDay: true, name: 'x' })).status).toBe(400);
    expect((await cp.request('PUT', '/api/calendar/days/2027-01-04', { offDay: true, name: '行庆日' })).status).toBe(403);

    const edit = await admin.request('PUT', '/api/calendar/days/2027-01-04', { offDay: true, name: '行庆日' });
    expect(edit.status).toBe(200);
    // The two open cases due that Monday move to Tuesday.
    expect(edit.body).toEqual({ day: { date: '2027-01-04', status: 'rest', name: '行庆日', source: 'edit' }, recomputedCases: 3 });
    expect((await handler.get(`/api/cases/${provisionalCase}`)).body.regulatoryDueAt).toBe('2027-01-05T16:00:00.000Z');

    const after = await other.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT });
    expect(after.body).toMatchObject({ regulatoryDueAt: '2027-01-05T16:00:00.000Z', regulatoryDueProvisional: false });
    const seen = await other.get(`/api/cases/${after.body.caseId}`);
    expect(seen.status).toBe(200);
    const viaSecond = new Client(second.url);
    await viaSecond.login('ho.cp', 'ho.cp-Secret-99');
    expect(dayOf(await viaSecond.get('/api/calendar/years/2027'), '2027-01-04')).toMatchObject({ status: 'rest', name: '行庆日', source: 'edit' });

    // Back to a plain Monday (no name needed), audited with before and after.
    const back = await admin.request('PUT', '/api/calendar/days/2027-01-04', { offDay: false });
    expect(back.body.day).toEqual({ date: '2027-01-04', status: 'working', name: null, source: 'edit' });
    expect((await handler.get(`/api/cases/${provisionalCase}`)).body.regulatoryDueAt).toBe('2027-01-04T16:00:00.000Z');
    const audit = await actions('calendar.day');
    expect(audit.map((e) => [e.before, e.after])).toEqual([
      [
        { date: '2027-01-04', status: 'rest', name: '行庆日', source: 'edit' },
        { date: '2027-01-04', status: 'working', name: null, source: 'edit' },
      ],
      [
        { date: '2027-01-04', status: 'working', name: null, source: 'seed' },
        { date: '2027-01-04', status: 'rest', name: '行庆日', source: 'edit' },
      ],
    ]);
  });

  it('takes edits made at the same moment through two processes: both processes then see both', async () => {
    const otherAdmin = new Client(second.url);
    expect((await otherAdmin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    const [a, b] = await Promise.all([
      admin.request('PUT', '/api/calendar/days/2028-03-06', { offDay: true, name: '行庆日' }),
      otherAdmin.request('PUT', '/api/calendar/days/2028-03-07', { offDay: true, name: '行庆日' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    for (const c of [cp, otherAdmin]) {
      const year = await c.get('/api/calendar/years/2028');
      expect([dayOf(year, '2028-03-06').status, dayOf(year, '2028-03-07').status]).toEqual(['rest', 'rest']);
    }
  });

  it('keeps working hours per org unit, inherited down the tree, validated and audited', async () => {
    const [bj, zgc] = [await orgUnitId(admin, 'BJ'), await orgUnitId(admin, 'BJ-HD-ZGC')];
    const initial = await cp.get(`/api/org-units/${zgc}/working-hours`);
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      orgUnitId: zgc,
      hours: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      own: false,
      inheritedFrom: null,
    });

    const overlapping = await admin.request('PUT', `/api/org-units/${bj}/working-hours`, { hours: [{ start: '09:00', end: '12:30' }, { start: '12:00', end: '17:00' }] });
    expect([overlapping.status, overlapping.body.errors?.[0]?.field]).toEqual([422, 'hours.1']);
    const backwards = await admin.request('PUT', `/api/org-units/${bj}/working-hours`, { hours: [{ start: '17:00', end: '09:00' }] });
    expect([backwards.status, backwards.body.errors?.[0]?.field]).toEqual([422, 'hours.0']);
    expect((await admin.request('PUT', `/api/org-units/${bj}/working-hours`, { hours: [{ start: '9:00', end: '12:00' }] })).status).toBe(400);

    const hours = [
      { start: '08:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ];
    const set = await admin.request('PUT', `/api/org-units/${bj}/working-hours`, { hours });
    expect(set.body).toEqual({ orgUnitId: bj, hours, own: true, inheritedFrom: null });
    const inherited = await cp.get(`/api/org-units/${zgc}/working-hours`);
    expect(inherited.body).toMatchObject({ hours, own: false, inheritedFrom: { id: bj } });

    // The service's working week for the outlet uses them on the institution calendar: 7 hours on a Monday, none on a holiday.
    const schedule = await t.app.services.clocks.workingHoursFor(zgc);
    expect(businessMinutesBetween(Date.parse('2027-01-10T16:00:00Z'), Date.parse('2027-01-11T16:00:00Z'), schedule)).toBe(420);
    expect(businessMinutesBetween(Date.parse('2027-01-31T16:00:00Z'), Date.parse('2027-02-01T16:00:00Z'), schedule)).toBe(420);
    expect(businessMinutesBetween(Date.parse('2027-02-07T16:00:00Z'), Date.parse('2027-02-08T16:00:00Z'), schedule)).toBe(0);

    const reset = await admin.request('PUT', `/api/org-units/${bj}/working-hours`, { hours: null });
    expect(reset.body).toMatchObject({ own: false, inheritedFrom: null });
    const audit = (await admin.get(`/api/audit?objectType=org_unit&objectId=${bj}&action=org_unit.working_hours`)).body.items as { before: any; after: any }[];
    expect(audit.map((e) => e.after.own)).toEqual([false, true]);
  });
});
