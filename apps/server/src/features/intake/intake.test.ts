import { residentIdCheckChar } from '@loopdesk/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, orgUnitId, transactionHeldOpen, waitingOnAdvisoryLock, type Client, type TestApp, startTestApp } from '../../../test/harness';
import { systemContext } from '../../platform/context';
import { sign } from './intake.signature';

describeEngines('channel intake API', (engine) => {
  let t: TestApp;
  let admin: Client;
  let lead: Client;
  let integration: { id: string; keyId: string };
  let secret: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    lead = (await createStaff(t, admin, { username: 'bj.intake.lead', roles: ['team_lead'], orgCode: 'BJ' })).client;
    const created = await admin.post('/api/integrations', { name: '微信小程序', channel: 'wechat', orgUnitId: await orgUnitId(admin, 'BJ') });
    expect(created.status).toBe(201);
    integration = created.body.integration;
    secret = created.body.secret;
  });
  afterAll(() => t?.close());

  const body = (text = '贵行APP上的流动资金贷款还款计划显示错误，多扣了利息，请核实退还。') =>
    JSON.stringify({ kind: 'complaint', text, customer: { type: 'individual', name: '赵六', phone: '13700001111' } });

  function post(raw: string, key: string | null, opts: { secret?: string; at?: number; keyId?: string; tamper?: (s: string) => string } = {}) {
    const ts = String(Math.floor((opts.at ?? t.clock.now().getTime()) / 1000));
    const signature = sign(opts.secret ?? secret, 'POST', '/api/intake', ts, raw);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-loopdesk-key': opts.keyId ?? integration.keyId,
      'x-loopdesk-timestamp': ts,
      'x-loopdesk-signature': signature,
    };
    if (key) headers['idempotency-key'] = key;
    return fetch(`${t.url}/api/intake`, { method: 'POST', headers, body: opts.tamper ? opts.tamper(raw) : raw }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  }

  const casesOf = async (key: string) =>
    ((await t.database.db.execute(sql`select count(*)::int as n from intake_requests where idempotency_key = ${key}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

  it('registers signed feedback at once with its number and deadline, the customer found or created', async () => {
    const r = await post(body(), 'wx-order-0001');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'new', duplicateOfRequest: false, regulatoryDueAt: '2026-12-07T16:00:00.000Z' });
    expect(r.body.number).toMatch(/^FB-20261120-\d{6}$/);
    const seen = await lead.get(`/api/cases/${r.body.caseId}`);
    expect(seen.body).toMatchObject({ channel: 'wechat', ownerId: null, customerName: '赵*' });
    const log = await admin.get(`/api/audit?objectType=case&objectId=${r.body.caseId}&action=case.create`);
    expect(log.body.items[0]).toMatchObject({ action: 'case.create', actorId: null, actorName: 'integration:微信小程序' });

    // The same customer is found again by phone, not registered twice; their name in their own words is masked in the copies.
    const again = await post(body('我是赵六，又一次：还款计划仍然错误。'), 'wx-order-0002');
    expect((await lead.get(`/api/cases/${again.body.caseId}`)).body.customerId).toBe(seen.body.customerId);
    const copies = ((await t.database.db.execute(sql`select c.title_masked as title, m.body_masked as body from cases c join case_messages m on m.case_id = c.id where c.id = ${again.body.caseId}`)) as unknown as { rows: { title: string; body: string }[] }).rows[0]!;
    expect(copies).toEqual({ title: expect.stringContaining('我是赵*'), body: '我是赵*，又一次：还款计划仍然错误。' });
  });

  it('recognises a person by ID number or phone, recording on their record the key they had not given before', async () => {
    const idNumber = `11010519850607123${residentIdCheckChar('11010519850607123')}`;
    const other = `11010519900101456${residentIdCheckChar('11010519900101456')}`;
    const send = async (key: string, customer: object) => {
      const r = await post(JSON.stringify({ kind: 'complaint', text: `项目贷款放款进度查询（${key}）`, customer: { type: 'individual', name: '周九', ...customer } }), key);
      expect(r.status).toBe(201);
      return (await lead.get(`/api/cases/${r.body.caseId}`)).body.customerId as string;
    };
    const byPhone = await send('wx-keys-0001', { phone: '13500005555' });
    // The same phone with an ID number: the same person, and the ID number is now on record.
    expect(await send('wx-keys-0002', { phone: '13500005555', idNumber })).toBe(byPhone);
    expect(await send('wx-keys-0003', { idNumber })).toBe(byPhone);
    // A lead may read personal data in their branch: the ID number is sealed under the customer's own key.
    expect((await lead.get(`/api/customers/${byPhone}`)).body).toMatchObject({ phone: '13500005555', idNumber });
    const recorded = await admin.get(`/api/audit?objectType=customer&objectId=${byPhone}&action=customer.update`);
    expect(recorded.body.items).toHaveLength(1);
    expect(recorded.body.items[0]).toMatchObject({ actorName: 'integration:微信小程序', before: { idNumber: null }, after: { idNumber: `110105${'*'.repeat(8)}${idNumber.slice(-4)}` } });
    // The phone with another person's ID number (a number passed on): someone else.
    const someoneElse = await send('wx-keys-0004', { phone: '13500005555', idNumber: other });
    expect(someoneElse).not.toBe(byPhone);
    expect((await lead.get('/api/customers?phone=13500005555')).body.items).toHaveLength(2);
    expect((await lead.get(`/api/customers?idNumber=${idNumber}`)).body.items.map((c: { id: string }) => c.id)).toEqual([byPhone]);
  });

  it('finds or registers the customers a batch of registrations names: each once, in one look-up and one insert', async () => {
    const { customers, audit } = t.app.services;
    const bj = await orgUnitId(admin, 'BJ');
    const institutionId = lead.me!.institutionId;
    const path = ((await t.database.db.execute(sql`select path from org_units where id = ${bj}`)) as unknown as { rows: { path: string }[] }).rows[0]!.path;
    const named = (input: object) => ({ ctx: { ...systemContext('batch-test'), via: 'integration:test' }, scopePath: path, input: { orgUnitId: bj, ...input } as never });
    const ids = await audit.transaction((tx) =>
      customers.findOrCreateMany(tx, institutionId, [
        named({ type: 'individual', name: '赵六', phone: '13700001111' }), // registered by the first test
        named({ type: 'individual', name: '钱七', phone: '13900002222' }),
        named({ type: 'enterprise', name: '北京批量建设有限公司', uscc: '91110108MA01C9XK3C' }),
        named({ type: 'individual', name: '钱七', phone: '13900002222' }),
        named({ type: 'enterprise', name: '北京批量建设有限公司', uscc: '91110108MA01C9XK3C' }),
        named({ type: 'individual', name: '无名氏' }),
        named({ type: 'individual', name: '无名氏' }),
      ]),
    );
    const first = await post(body('再次来电'), 'wx-batch-0001');
    expect(ids[0]).toBe((await lead.get(`/api/cases/${first.body.caseId}`)).body.customerId);
    expect(ids[3]).toBe(ids[1]);
    expect(ids[4]).toBe(ids[2]);
    expect(new Set(ids).size).toBe(5);
    const created = await admin.get('/api/audit?action=customer.create&limit=10');
    expect(created.body.items.filter((e: { requestId: string }) => e.requestId === 'batch-test')).toHaveLength(4);
  });

  // Only a server has two transactions open at once (PGlite runs one after the other).
  if (engine === 'postgres') {
    it('registers a customer named in two transactions at once only once: the later waits for the earlier to commit', async () => {
      const { customers, audit } = t.app.services;
      const bj = await orgUnitId(admin, 'BJ');
      const institutionId = lead.me!.institutionId;
      const named = [{ ctx: systemContext('race-test'), scopePath: '', input: { orgUnitId: bj, type: 'individual', name: '孙八', phone: '13600004444' } as never }];
      const first = transactionHeldOpen(t, (tx) => customers.findOrCreateMany(tx, institutionId, named));
      await first.held;
      let secondDone = false;
      const second = audit.transaction((tx) => customers.findOrCreateMany(tx, institutionId, named)).finally(() => (secondDone = true));
      // The second either finishes (a second customer: the fault) or waits on the first's key lock.
      await waitingOnAdvisoryLock(t, () => secondDone);
      first.commit();
      const [a, b] = [await first.done, await second];
      expect(b).toEqual(a);
      const found = await lead.get('/api/customers?phone=13600004444');
      expect(found.body.items).toHaveLength(1);
    });

    it('records an ID number on a customer found by phone once: a concurrent request with another ID number waits, then is someone else', async () => {
      const { customers, audit } = t.app.services;
      const bj = await orgUnitId(admin, 'BJ');
      const institutionId = lead.me!.institutionId;
      const named = (idNumber?: string) => [{ ctx: systemContext('race-test'), scopePath: '', input: { orgUnitId: bj, type: 'individual', name: '吴十', phone: '13600006666', idNumber } as never }];
      const [onRecord] = await audit.transaction((tx) => customers.findOrCreateMany(tx, institutionId, named()));
      const first = transactionHeldOpen(t, (tx) => customers.findOrCreateMany(tx, institutionId, named(`11010519700303222${residentIdCheckChar('11010519700303222')}`)));
      await first.held;
      let secondDone = false;
      const second = audit
        .transaction((tx) => customers.findOrCreateMany(tx, institutionId, named(`11010519750404333${residentIdCheckChar('11010519750404333')}`)))
        .finally(() => (secondDone = true));
      // The second either finishes (both ID numbers claimed for one customer: the fault) or waits on the phone's lock.
      await waitingOnAdvisoryLock(t, () => secondDone);
      first.commit();
      expect(await first.done).toEqual([onRecord]);
      const [other] = await second;
      expect(other).not.toBe(onRecord);
      expect((await lead.get('/api/customers?phone=13600006666')).body.items).toHaveLength(2);
    });
  }

  it('answers a retry with the first case, and refuses the key with another body', async () => {
    const first = await post(body('第一次提交'), 'wx-retry-0001');
    const retry = await post(body('第一次提交'), 'wx-retry-0001');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ caseId: first.body.caseId, number: first.body.number, duplicateOfRequest: true });
    const changed = await post(body('换了内容'), 'wx-retry-0001');
    expect(changed.status).toBe(422);
    expect(changed.body.errors[0].field).toBe('Idempotency-Key');
    expect(await casesOf('wx-retry-0001')).toBe(1);
  });

  it('makes exactly one case from twenty identical requests racing on separate connections', async () => {
    const raw = body('并发重试测试');
    const replies = await Promise.all(Array.from({ length: 20 }, () => post(raw, 'wx-race-0001')));
    expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(replies.map((r) => r.body.caseId)).size).toBe(1);
    expect(await casesOf('wx-race-0001')).toBe(1);
    const n = (await t.database.db.execute(sql`select count(*)::int as n from cases c join case_messages m on m.case_id = c.id where m.body_masked = '并发重试测试'`)) as unknown as { rows: { n: number }[] };
    expect(n.rows[0]!.n).toBe(1);
  });

  it('registers thirty requests arriving together, each once; a key reused with another body fails only its own request', async () => {
    // Arriving together, they are committed in shared transactions (group commit); the clash on
    // one key makes its batch fail as a whole, and each item of it is committed again on its own.
    const texts = Array.from({ length: 30 }, (_, i) => `批量到达测试第${i + 1}件：贷款放款延迟，请尽快处理。`);
    const replies = await Promise.all([
      ...texts.map((text, i) => post(body(text), `wx-burst-${String(i).padStart(4, '0')}`)),
      post(body('同一个键，另一份内容'), 'wx-burst-0007'),
    ]);
    const clash = [replies[7]!, replies[30]!];
    expect(clash.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(30);
    const created = replies.filter((r) => r.status === 201).map((r) => r.body);
    expect(new Set(created.map((a) => a.caseId)).size).toBe(30);
    expect(new Set(created.map((a) => a.number)).size).toBe(30);
    // Each case is whole: its message, its first event and its triage job, under its own key.
    const rows = (await t.database.db.execute(sql`
      select r.idempotency_key as key, m.body_masked as text, (select count(*)::int from case_events e where e.case_id = c.id) as events
      from intake_requests r join cases c on c.id = r.case_id join case_messages m on m.case_id = c.id
      where r.idempotency_key like 'wx-burst-%' order by r.idempotency_key`)) as unknown as { rows: { key: string; text: string; events: number }[] };
    expect(rows.rows).toHaveLength(30);
    for (const row of rows.rows) expect(row.events).toBeGreaterThanOrEqual(1);
    expect(rows.rows.filter((row) => texts.includes(row.text) || row.text === '同一个键，另一份内容')).toHaveLength(30);
    expect((await admin.get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('refuses unsigned, altered, replayed and revoked requests before looking at the body', async () => {
    const unsigned = await fetch(`${t.url}/api/intake`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'wx-x-0001' }, body: '{"text":1}' });
    expect(unsigned.status).toBe(401);
    const altered = await post(body('原文'), 'wx-alt-0001', { tamper: (s) => s.replace('原文', '改文') });
    expect(altered.status).toBe(401);
    expect(altered.body.detail).toMatch(/signature does not match/);
    const wrongKey = await post(body(), 'wx-alt-0002', { secret: 'not-the-secret' });
    expect(wrongKey.status).toBe(401);
    const replayed = await post(body('重放'), 'wx-replay-0001', { at: t.clock.now().getTime() - 6 * 60_000 });
    expect(replayed.status).toBe(401);
    expect(replayed.body.detail).toMatch(/timestamp/);
    const noKey = await post(body(), null);
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors.map((e: { field: string }) => e.field)).toContain('idempotency-key');
    expect(await casesOf('wx-alt-0001')).toBe(0);

    const other = await admin.post('/api/integrations', { name: '合作平台', channel: 'partner_platform', orgUnitId: await orgUnitId(admin, 'SH') });
    expect((await admin.delete(`/api/integrations/${other.body.integration.id}`)).status).toBe(200);
    const revoked = await post(body(), 'wx-rev-0001', { keyId: other.body.integration.keyId, secret: other.body.secret });
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toMatch(/revoked/);
  });
});
