import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../platform/context';
import { createStaff, describeEngines, orgUnitId, startTestApp, type Client, type TestApp } from '../../../test/harness';

const INQUIRY = '请问项目融资贷款提前还款需要提前多久申请？';

describeEngines('clocks: the unit’s working hours, and clocks for cases from before SLA clocks', (engine) => {
  let t: TestApp;
  let admin: Client;
  let bjHandler: { client: Client; id: string };
  let shHandler: { client: Client; id: string };
  let lead: { client: Client; id: string };

  const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const firstResponseDue = async (c: Client, id: string) => (await c.get(`/api/cases/${id}`)).body.clocks.find((k: { clock: string }) => k.clock === 'first_response')?.dueAt;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    bjHandler = await createStaff(t, admin, { username: 'wh.bj', roles: ['handler'], orgCode: 'BJ-HD-ZGC' });
    shHandler = await createStaff(t, admin, { username: 'wh.sh', roles: ['handler'], orgCode: 'SH-PD' });
    lead = await createStaff(t, admin, { username: 'wh.lead', roles: ['team_lead'], orgCode: 'BJ' });
    // The Haidian sub-branch closes at 15:00; its outlets inherit that. Shanghai keeps the default (to 17:30).
    const bjHd = await orgUnitId(admin, 'BJ-HD');
    const set = await admin.request('PUT', `/api/org-units/${bjHd}/working-hours`, { hours: [{ start: '08:30', end: '11:30' }, { start: '13:00', end: '15:00' }] });
    expect(set.status).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('counts a case’s SLA clock in its own unit’s working hours, not the institution default', async () => {
    // Friday 20 November 2026, 10:00 in Shanghai; a hotline inquiry is answered by close of the working day.
    const bj = await bjHandler.client.post('/api/cases', { channel: 'hotline', kind: 'inquiry', text: INQUIRY });
    const sh = await shHandler.client.post('/api/cases', { channel: 'hotline', kind: 'inquiry', text: INQUIRY });
    expect(await firstResponseDue(bjHandler.client, bj.body.caseId)).toBe('2026-11-20T07:00:00.000Z');
    expect(await firstResponseDue(shHandler.client, sh.body.caseId)).toBe('2026-11-20T09:30:00.000Z');
  });

  it('backfills clocks for cases that have none, once, without escalating levels long passed', async () => {
    const open = (await bjHandler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '贷款审批拖延，客户经理一直不回复。' })).body.caseId as string;
    const answered = (await bjHandler.client.post('/api/cases', { channel: 'letter', kind: 'complaint', text: '抵押物评估价格偏低，要求重新评估。' })).body.caseId as string;
    let v = (await lead.client.get(`/api/cases/${answered}`)).body.version;
    for (const body of [
      { action: 'accept' },
      { action: 'assign', assigneeId: bjHandler.id },
      { action: 'start' },
      { action: 'answer', decision: { outcome: 'not_upheld', letter: '经核实，评估符合规定。如有异议，可自收到本决定之日起30日内向上级机构申请核查，也可申请调解、仲裁或提起诉讼。', remedies: [] } },
    ]) {
      const r = await lead.client.post(`/api/cases/${answered}/transitions`, { version: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
    }
    const ctx = systemContext('test');
    // The start-up pass: every case has its clocks; the institution is marked checked.
    expect(await t.app.services.sla.backfillMissing(ctx, 'unchecked')).toBe(0);
    // As if registered before SLA clocks existed: no clocks, no projection.
    for (const id of [open, answered]) {
      await t.database.db.execute(sql`delete from case_clocks where case_id = ${id}`);
      await t.database.db.execute(sql`update cases set sla_status = null, sla_due_at = null, next_clock_at = null where id = ${id}`);
    }
    expect((await bjHandler.client.get(`/api/cases/${open}`)).body.clocks).toEqual([]);

    // Ten days later the open case's SLA clocks are long breached, and its regulatory clock (due 7 December) past 50 %.
    t.clock.advance(10 * 86_400_000);
    // A later start does not read every case again: the institution was checked.
    expect(await t.app.services.sla.backfillMissing(ctx, 'unchecked')).toBe(0);
    // `loopdesk clocks backfill` checks every institution again, in pages smaller than the cases here.
    const filled = await t.app.services.sla.backfillMissing(ctx, 'all', 1);
    expect(filled).toBe(2);
    expect(await t.app.services.sla.backfillMissing(ctx, 'all')).toBe(0);

    const clocks = async (id: string) =>
      (await rows<{ clock: string; status: string; level: number; recorded_level: number }>(sql`select clock, status, level, recorded_level from case_clocks where case_id = ${id} order by clock`)).map((c) => ({ ...c }));
    expect(await clocks(open)).toEqual([
      { clock: 'first_response', status: 'breached', level: 4, recorded_level: 4 },
      { clock: 'regulatory', status: 'warning', level: 1, recorded_level: 1 },
      { clock: 'resolution', status: 'breached', level: 4, recorded_level: 4 },
    ]);
    // The answered case's clocks stopped at its decision, in time.
    expect((await clocks(answered)).map((c) => c.status)).toEqual(['met', 'met', 'met']);
    // Nothing is escalated for the past: no levels for the worker, no notices.
    // (The inquiries of the test before are live clocks: their levels are recorded, these cases' are not.)
    expect(await t.app.services.clockWorker.tick()).toBe(16);
    expect(await rows(sql`select 1 from case_clock_events where case_id in (${open}, ${answered})`)).toEqual([]);
    expect(await rows(sql`select 1 from notification_outbox where case_id in (${open}, ${answered})`)).toEqual([]);
    const [projection] = await rows<{ sla_status: string; next_clock_at: unknown }>(sql`select sla_status, next_clock_at from cases where id = ${open}`);
    expect(projection!.sla_status).toBe('breached');
    expect(projection!.next_clock_at).not.toBeNull();
    admin = await t.admin(); // the session idled out over the ten days
    const audit = await admin.get(`/api/audit?objectType=case&objectId=${open}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('case.clocks_backfill');
  });

  it('applies working hours and an SLA policy changed by another process to the next case registered here', async () => {
    // Ten days on, sessions have ended: a handler of the Zhongguancun outlet signs in afresh.
    const handler = (await createStaff(t, await t.admin(), { username: 'wh.bj.later', roles: ['handler'], orgCode: 'BJ-HD-ZGC' })).client;
    const inquiryDue = async () => firstResponseDue(handler, (await handler.post('/api/cases', { channel: 'hotline', kind: 'inquiry', text: INQUIRY })).body.caseId);
    const complaint = async () => (await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '贷款审批拖延，客户经理一直不回复。' })).body.caseId as string;
    const before = await inquiryDue(); // this process now holds the institution's SLA context
    const other = await startTestApp(engine, { database: t.database, clock: t.clock });
    try {
      const otherAdmin = await other.admin();
      const bjHd = await orgUnitId(otherAdmin, 'BJ-HD');
      expect((await otherAdmin.request('PUT', `/api/org-units/${bjHd}/working-hours`, { hours: [{ start: '08:30', end: '11:30' }, { start: '13:00', end: '16:00' }] })).status).toBe(200);
      expect(new Date(await inquiryDue()).getTime() - new Date(before).getTime()).toBe(3_600_000);

      const cp = (await createStaff(other, otherAdmin, { username: 'wh.cp', roles: ['consumer_protection'], orgCode: 'HO-CP' })).client;
      const { code: _code, updatedAt: _u, ...policy } = (await cp.get('/api/sla-policy')).body;
      const rules = policy.rules.map((r: { name: string; targets: Record<string, unknown> }) =>
        r.name === '投诉 48 小时内确认受理' ? { ...r, targets: { ...r.targets, first_response: { unit: 'calendar_minutes', amount: 1440 } } } : r,
      );
      expect((await cp.request('PUT', '/api/sla-policy', { ...policy, rules })).status).toBe(200);
      const id = await complaint();
      const { receivedAt } = (await handler.get(`/api/cases/${id}`)).body;
      expect(new Date(await firstResponseDue(handler, id)).getTime() - new Date(receivedAt).getTime()).toBe(86_400_000);
    } finally {
      await other.close();
    }
  });
});
