import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';

const COMPLAINT = '贷款审批拖延三个月，客户经理一直不回复，请尽快处理。';
const HOUR = 3_600_000;

/** Waits until `check` holds, polling; the worker runs on its own. */
async function until<T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Staff = { client: Client; id: string; password: string; username: string };

describeEngines('clocks: SLA policy, case clocks and the deadline worker', (engine) => {
  let t: TestApp;
  let admin: Client;
  let cp: Client;
  let handler: Staff;
  let lead: Staff;
  let manager: Staff;
  let cpStaff: Staff;

  beforeAll(async () => {
    t = await startTestApp(engine, { worker: true, env: { LOOPDESK_CLOCK_TICK_SECONDS: '0.2' } });
    admin = await t.admin();
    const staff = async (username: string, roles: string[], orgCode: string) => ({ ...(await createStaff(t, admin, { username, roles, orgCode })), username });
    cpStaff = await staff('ho.cp', ['consumer_protection'], 'HO-CP');
    cp = cpStaff.client;
    handler = await staff('hd.handler', ['handler'], 'BJ-HD');
    lead = await staff('hd.lead', ['team_lead'], 'BJ-HD');
    manager = await staff('bj.manager', ['branch_manager'], 'BJ');
  });

  /** Moves the service clock on; sessions idle that long have ended, so everyone signs in again. */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    for (const s of [handler, lead, manager, cpStaff]) expect((await s.client.login(s.username, s.password)).status).toBe(200);
    admin = await t.admin();
  };
  afterAll(() => t?.close());

  const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const intake = async (body: Record<string, unknown> = {}) => {
    const r = await handler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT, ...body });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  };
  const detail = async (id: string) => (await handler.client.get(`/api/cases/${id}`)).body;
  /** A lifecycle action with the version just read; triage (a job) may write first, so a 409 is read again. */
  const act = async (c: Client, id: string, body: Record<string, unknown>) => {
    for (let attempt = 0; ; attempt++) {
      const { version } = (await c.get(`/api/cases/${id}`)).body;
      const r = await c.post(`/api/cases/${id}/transitions`, { version, ...body });
      if (r.status === 409 && attempt < 3) continue;
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    }
  };

  it('seeds the default policy with every new institution and lets consumer protection edit it', async () => {
    const got = await cp.get('/api/sla-policy');
    expect(got.status).toBe(200);
    expect(got.body.warningFractions).toEqual([0.5, 0.75, 0.9]);
    expect(got.body.rules[0]).toMatchObject({ name: '投诉 48 小时内确认受理', targets: { first_response: { unit: 'calendar_minutes', amount: 2880 } } });
    expect(got.body.escalation.find((s: { level: string; clocks: string[] }) => s.level === 'breach' && s.clocks.includes('resolution'))).toMatchObject({ reassignTo: 'team_lead' });

    const { code: _code, version, updatedAt: _u, ...policy } = got.body;
    const bad = await cp.request('PUT', '/api/sla-policy', { ...policy, version, escalation: [{ level: 'warning_60', clocks: ['resolution'], notify: ['handler'], reassignTo: null }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('escalation.0.level');
    const title = '示范银行服务时限';
    const put = await cp.request('PUT', '/api/sla-policy', { ...policy, version, title });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ title, version: version + 1 });
    expect((await cp.request('PUT', '/api/sla-policy', { ...policy, version, title: 'x' })).status).toBe(409);
    const log = await admin.get('/api/audit?action=sla_policy.update');
    expect(log.body.items[0]).toMatchObject({ action: 'sla_policy.update', after: { title } });
  });

  it('starts the clocks at registration, pauses the SLA ones while waiting, and stops first response at the first reply', async () => {
    const id = await intake();
    let d = await detail(id);
    const byClock = (x: typeof d) => Object.fromEntries(x.clocks.map((c: { clock: string }) => [c.clock, c]));
    // Received Friday 2026-11-20 10:00 Shanghai: acknowledged within 48 hours, solved within a week.
    expect(byClock(d)).toMatchObject({
      first_response: { status: 'running', dueAt: '2026-11-22T02:00:00.000Z', rule: '投诉 48 小时内确认受理', level: null },
      resolution: { status: 'running', dueAt: '2026-11-27T02:00:00.000Z' },
      regulatory: { status: 'running', dueAt: '2026-12-07T16:00:00.000Z' },
    });
    expect(d).toMatchObject({ slaStatus: 'running', slaDueAt: '2026-11-22T02:00:00.000Z' });

    await act(handler.client, id, { action: 'accept' });
    await act(lead.client, id, { action: 'assign', assigneeId: handler.id });
    await act(handler.client, id, { action: 'start' });
    await act(handler.client, id, { action: 'wait_customer', reason: '等待客户补充材料' });
    d = await detail(id);
    expect(byClock(d).first_response).toMatchObject({ status: 'paused', dueAt: null });
    expect(byClock(d).regulatory).toMatchObject({ status: 'running' });
    expect(d).toMatchObject({ slaStatus: 'paused', slaDueAt: null });

    await advance(10 * HOUR);
    await act(handler.client, id, { action: 'resume' });
    d = await detail(id);
    // Ten hours paused move both SLA targets on by ten hours; the regulatory deadline stays.
    expect(byClock(d)).toMatchObject({
      first_response: { status: 'running', dueAt: '2026-11-22T12:00:00.000Z' },
      resolution: { status: 'running', dueAt: '2026-11-27T12:00:00.000Z' },
      regulatory: { dueAt: '2026-12-07T16:00:00.000Z' },
    });

    const reply = await handler.client.post(`/api/cases/${id}/messages`, { direction: 'outbound', body: '您好，我们已收到您的投诉，正在核实。' });
    expect(reply.status).toBe(200);
    d = await detail(id);
    expect(byClock(d).first_response).toMatchObject({ status: 'met' });
    expect(d.slaDueAt).toBe('2026-11-27T12:00:00.000Z');

    // The customer writes again: a next-response clock (hotline: close of the same working day) starts.
    await handler.client.post(`/api/cases/${id}/messages`, { direction: 'inbound', body: '请问进度如何？' });
    d = await detail(id);
    expect(byClock(d).next_response).toMatchObject({ status: 'running', run: 1, rule: '线下渠道当日工作时间内响应' });
  });

  it('walks a case through warnings and breach: timeline, outbox, reassignment, each once, found by the index', async () => {
    const id = await intake();
    await act(handler.client, id, { action: 'accept' });
    await act(lead.client, id, { action: 'assign', assigneeId: handler.id });
    const levels = () => rows<{ clock: string; level: string }>(sql`select clock, level from case_clock_events where case_id = ${id} order by recorded_at, clock, level`);

    await advance(25 * HOUR); // first response: 25 of 48 hours
    await until('the 50% warning', levels, (l) => l.length === 1);
    expect(await levels()).toEqual([{ clock: 'first_response', level: 'warning_50' }]);
    let d = await detail(id);
    expect(d.events.filter((e: { type: string }) => e.type === 'clock.warning')).toMatchObject([{ data: { clock: 'first_response', level: 'warning_50', notified: [handler.id], reassignedTo: null } }]);
    expect(d.clocks.find((c: { clock: string }) => c.clock === 'first_response')).toMatchObject({ status: 'warning', level: 'warning_50' });

    await advance(24 * HOUR); // 49 of 48 hours: the 75% and 90% warnings and the breach at once
    await until('the breach', levels, (l) => l.some((x) => x.level === 'breach'));
    await new Promise((r) => setTimeout(r, 800)); // further ticks must add nothing
    expect((await levels()).filter((l) => l.clock === 'first_response').map((l) => l.level).sort()).toEqual(['breach', 'warning_50', 'warning_75', 'warning_90']);
    d = await detail(id);
    expect(d.assigneeId).toBe(lead.id);
    expect(d.slaStatus).toBe('breached');
    expect(d.events.filter((e: { type: string }) => e.type === 'escalated')).toMatchObject([{ data: { assigneeId: lead.id, previousAssigneeId: handler.id, clock: 'first_response', level: 'breach' } }]);
    // Recorded at once, a day late; each says when it was reached: the breach at the clock's due time.
    const late = d.events.filter((e: { type: string; data: { clock?: string } }) => e.type.startsWith('clock.') && e.data.clock === 'first_response') as { at: string; data: { level: string; reachedAt: string; dueAt: string } }[];
    const reached = Object.fromEntries(late.map((e) => [e.data.level, Date.parse(e.data.reachedAt)]));
    const breach = late.find((e) => e.data.level === 'breach')!;
    expect(breach.data.reachedAt).toBe(breach.data.dueAt);
    expect(Date.parse(breach.at) - reached.breach!).toBe(HOUR);
    expect(reached.warning_50! < reached.warning_75! && reached.warning_75! < reached.warning_90! && reached.warning_90! < reached.breach!).toBe(true);
    const outbox = await rows<{ recipient_id: string; template_key: string; level: string }>(
      sql`select recipient_id, template_key, payload->>'level' as level from notification_outbox where case_id = ${id} and payload->>'clock' = 'first_response' order by created_at, recipient_id`,
    );
    const notices = (level: string) => outbox.filter((o) => o.level === level).map((o) => o.recipient_id).sort();
    expect(notices('warning_50')).toEqual([handler.id]);
    expect(notices('warning_75')).toEqual([handler.id, lead.id].sort());
    expect(notices('warning_90')).toEqual([lead.id, manager.id].sort());
    expect(notices('breach')).toEqual([lead.id, manager.id].sort());
    expect(outbox.every((o) => o.template_key === (o.level === 'breach' ? 'clock.breach' : 'clock.warning'))).toBe(true);
    const audit = await admin.get(`/api/audit?objectType=case&objectId=${id}&action=case.clock_level`);
    expect(audit.body.items).toHaveLength(4);

    // The overdue queue reads the stored clocks.
    const overdue = await lead.client.get('/api/cases?queue=overdue');
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(overdue.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ slaStatus: 'breached' });
    // Overdue is not due soon: that queue holds the deadlines still ahead.
    expect((await lead.client.get('/api/cases?queue=due_soon')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);

    // The worker's query is an index range scan on next_clock_at, not a scan of every case
    // (the planner is told not to scan sequentially, as it would on a table this small).
    const plan = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const r = await tx.execute(sql`explain select id from cases where next_clock_at is not null and next_clock_at <= ${new Date().toISOString()} order by next_clock_at limit 50 for update skip locked`);
      return (r as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((p) => p['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan (using|on) cases_next_clock_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('matches the SLA targets again when triage raises the priority to one a stricter rule names', async () => {
    const got = await cp.get('/api/sla-policy');
    const { code: _code, version, updatedAt: _u, ...policy } = got.body;
    const strict = { name: 'P1 within two hours', match: { priorities: ['P1'] }, targets: { first_response: { unit: 'calendar_minutes', amount: 120 } } };
    expect((await cp.request('PUT', '/api/sla-policy', { ...policy, version, rules: [strict, ...policy.rules] })).status).toBe(200);
    const id = await intake({ priority: 'P4', text: '你们再拖延放款，我就向12378投诉并找记者曝光，还要请律师起诉！' });
    const first = async () => (await detail(id)).clocks.find((c: { clock: string }) => c.clock === 'first_response');
    // Registered as P4, it started on the 48-hour complaint rule; triage (a job) then finds the threats.
    const end = Date.now() + 20_000;
    while ((await detail(id)).priority !== 'P1' && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const d = await detail(id);
    expect(d.priority).toBe('P1');
    const received = new Date(d.receivedAt).getTime();
    expect(await first()).toMatchObject({ rule: 'P1 within two hours', status: 'running', dueAt: new Date(received + 2 * HOUR).toISOString() });
    expect(d.slaDueAt).toBe(new Date(received + 2 * HOUR).toISOString());
  });

  it('puts off a case whose clock work fails and carries on with the others', async () => {
    const broken = await intake();
    const sound = await intake();
    // Damage one case's clock history (as a bug or a bad import would): its work throws.
    await t.database.db.execute(sql`update case_clocks set events = '[]'::jsonb where case_id = ${broken} and clock = 'first_response'`);
    const at = t.clock.now().getTime();
    await advance(25 * HOUR);
    const levelsOf = (id: string) => rows<{ level: string }>(sql`select level from case_clock_events where case_id = ${id} and clock = 'first_response'`);
    await until('the sound case’s warning', () => levelsOf(sound), (l) => l.length === 1);
    const next = async () => (await rows<{ next_clock_at: string }>(sql`select next_clock_at from cases where id = ${broken}`))[0]!.next_clock_at;
    await until('the broken case put off', next, (n) => new Date(n).getTime() > at + 25 * HOUR);
    expect(new Date(await next()).getTime()).toBe(at + 25 * HOUR + 5 * 60_000);
    expect(await levelsOf(broken)).toEqual([]);
    expect(t.logs.lines.some((l) => l.includes('clock work on a case failed'))).toBe(true);
  });
});
