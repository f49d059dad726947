import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, createStaff, describeEngines, orgUnitId, startTestApp, type TestApp } from '../../../test/harness';
import { sql } from 'drizzle-orm';
import { triaged } from './triage.fixtures';
import { triageRepo } from './triage.repo';
import { topicTrend } from './triage.service';

it.each([
  [4, 0, 30, 'new'],
  [7, 23, 30, 'steady'], // one a day, before and now
  [14, 23, 30, 'rising'],
  [2, 23, 30, 'falling'],
  [0, 5, 30, 'falling'],
] as const)('a topic with %i cases this week and %i before in %i days is %s', (last7, before, days, trend) => {
  expect(topicTrend(last7, before, days)).toBe(trend);
});

describeEngines('duplicates and hot topics from the shared index', (engine) => {
  let t: TestApp;
  let handler: Client;
  let handlerId: string;
  let lead: Client;
  let bj: string;
  beforeAll(async () => {
    t = await startTestApp(engine, { worker: true });
    const admin = await t.admin();
    ({ client: handler, id: handlerId } = await createStaff(t, admin, { username: 'dup.handler', roles: ['handler'], orgCode: 'BJ' }));
    lead = (await createStaff(t, admin, { username: 'dup.lead', roles: ['team_lead'], orgCode: 'BJ' })).client;
    bj = await orgUnitId(admin, 'BJ');
  });
  afterAll(() => t?.close());

  const customer = async (name: string) => (await handler.post('/api/customers', { type: 'individual', orgUnitId: bj, name })).body.id as string;
  const register = async (text: string, customerId?: string) =>
    (await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text, ...(customerId ? { customerId } : {}) })).body.caseId as string;

  it('suggests merging a reworded repeat complaint from the same customer, with its score, first', async () => {
    const zhang = await customer('张三');
    const li = await customer('李四');
    const first = await register('我在贵行申请的个人经营贷款已经提交材料三个星期了，审批一直没有结果，客户经理电话也不接，请尽快给我答复。', zhang);
    await triaged(handler, first);
    // Someone else with much the same words, then the same customer again, reworded, with a phone number.
    const other = await register('我在贵行申请的个人经营贷款已经提交材料三个星期了，审批还是没有结果，客户经理电话也不接，请尽快答复。', li);
    await triaged(handler, other);
    const repeat = await register('我申请的个人经营贷款提交材料已经三个星期了，审批一直没结果，客户经理的电话也不接，请尽快给我答复，电话13812345678。', zhang);
    const repeated = await triaged(handler, repeat);
    // The timeline says what triage found, so a suggestion is auditable like every prediction.
    const event = repeated.events.find((e: { type: string }) => e.type === 'triaged');
    expect(event.data.explanation.duplicates).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: first, sameCustomer: true })]));

    const r = await handler.get(`/api/cases/${repeat}/merge-suggestions`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThanOrEqual(1);
    expect(r.body.items[0]).toMatchObject({ caseId: first, sameCustomer: true });
    expect(r.body.items[0].score).toBeGreaterThanOrEqual(0.5);
    // Another customer's near-identical words are suggested too, marked as another customer's, after the same customer's.
    const others = (await handler.get(`/api/cases/${other}/merge-suggestions`)).body.items;
    expect(others.find((s: { caseId: string }) => s.caseId === first)).toMatchObject({ sameCustomer: false });
    const sameFirst = r.body.items.map((s: { sameCustomer: boolean }) => s.sameCustomer);
    expect(sameFirst).toEqual([...sameFirst].sort((a, b) => Number(b) - Number(a)));
    // The earlier case sees the later one too.
    const back = await handler.get(`/api/cases/${first}/merge-suggestions`);
    expect(back.body.items.map((s: { caseId: string }) => s.caseId)).toContain(repeat);

    // An unrelated complaint gets none.
    const unrelated = await register('网银转账限额太低，企业付款经常失败，希望调高对公账户的单笔限额。', li);
    await triaged(handler, unrelated);
    expect((await handler.get(`/api/cases/${unrelated}/merge-suggestions`)).body.items).toEqual([]);

    // Once merged, a case is no longer suggested.
    const detail = (await lead.get(`/api/cases/${repeat}`)).body;
    expect((await lead.post(`/api/cases/${repeat}/transitions`, { action: 'merge', version: detail.version, targetCaseId: first, reason: '重复投诉' })).status).toBe(200);
    expect((await handler.get(`/api/cases/${first}/merge-suggestions`)).body.items.map((s: { caseId: string }) => s.caseId)).not.toContain(repeat);
  });

  it('scores a bounded number of candidates, the customer’s own cases first, then those sharing the most bands', async () => {
    const letter = '联名信：贵行对我们小区开发商的项目贷款放款后，开发商挪用资金导致楼盘停工，要求银行监管资金用途并尽快复工。';
    const others = [await customer('郑一'), await customer('王二')];
    const mine = await customer('冯三');
    const ids: string[] = [];
    for (const c of [...others, mine, mine]) {
      ids.push(await register(letter, c));
      await triaged(handler, ids.at(-1)!);
    }
    const last = ids.at(-1)!;
    const rows = async (query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: Record<string, string>[] }).rows;
    const keys = (await rows(sql`select band_key from case_band_keys where case_id = ${last}`)).map((r) => r.band_key!);
    const institutionId = (await rows(sql`select institution_id from cases where id = ${last}`))[0]!.institution_id!;
    const found = await triageRepo.candidates(t.database.db, institutionId, keys, last, mine, 2);
    expect(found).toHaveLength(2);
    expect(found[0]!).toMatchObject({ caseId: ids[2], customerId: mine });
    expect((await triageRepo.candidates(t.database.db, institutionId, keys, last, mine)).map((c) => c.caseId)).toEqual(expect.arrayContaining(ids.slice(0, 3)));
  });

  it('groups similar cases from several customers as a hot topic with its count and trend', async () => {
    const text = (n: number) => `手机银行APP升级以后无法登录，提示系统繁忙，已经${n}天不能转账了，严重影响公司付款。`;
    const ids: string[] = [];
    for (const [i, name] of ['王五', '赵六', '孙七', '周八'].entries()) ids.push(await register(text(i + 2), await customer(name)));
    for (const id of ids) await triaged(handler, id);
    const r = await handler.get('/api/triage/hot-topics');
    expect(r.status).toBe(200);
    const topic = r.body.items.find((x: { caseIds: string[] }) => ids.every((id) => x.caseIds.includes(id)));
    expect(topic).toMatchObject({ count: 4, customers: 4, last7Days: 4, before: 0, trend: 'new' });
    expect(ids).toContain(topic.representative.caseId);

    // An inquiry about the same trouble joins the topic while it waits; once answered it leaves it
    // (answering ends an inquiry; a complaint stays until it is resolved).
    const asked = (await handler.post('/api/cases', { channel: 'hotline', kind: 'inquiry', text: `请问${text(9)}什么时候能修复？`, customerId: await customer('吴九') })).body.caseId as string;
    await triaged(handler, asked);
    const topicOf = async () => (await handler.get('/api/triage/hot-topics')).body.items.find((x: { caseIds: string[] }) => ids.every((id) => x.caseIds.includes(id)));
    expect((await topicOf()).caseIds).toContain(asked);
    let v = (await handler.get(`/api/cases/${asked}`)).body.version;
    const step = async (c: Client, body: Record<string, unknown>) => {
      const r = await c.post(`/api/cases/${asked}/transitions`, { version: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
    };
    await step(handler, { action: 'accept' });
    await step(lead, { action: 'assign', assigneeId: handlerId });
    await step(handler, { action: 'start' });
    await step(handler, { action: 'answer', decision: { letter: '您好，手机银行的登录问题已于今日修复，请更新到最新版本后再试。' } });
    const after = await topicOf();
    expect(after.caseIds).not.toContain(asked);
    expect(after.count).toBe(4);
  });
});

describeEngines('the duplicate index is shared through the database', (engine) => {
  it('a process that never saw the first case still finds it as a duplicate', async () => {
    const first = await startTestApp(engine, { worker: true });
    const admin = await first.admin();
    const { client: a, password } = await createStaff(first, admin, { username: 'dup.shared', roles: ['handler'], orgCode: 'BJ' });
    const original = (await a.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '对公账户的网银盾过期以后一直无法续期，去了两次网点都说系统有问题，耽误了工资发放。' })).body.caseId;
    await triaged(a, original);
    // The first process stops (its memory goes with it); a second one on the same database takes over.
    await first.app.http.close();
    const second = await startTestApp(engine, { worker: true, database: first.database });
    try {
      const b = new Client(second.url);
      expect((await b.login('dup.shared', password)).status).toBe(200);
      const repeat = (await b.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '对公账户的网银盾过期以后一直无法续期，去了两次网点都说是系统有问题，耽误了我们的工资发放。' })).body.caseId;
      await triaged(b, repeat);
      const r = await b.get(`/api/cases/${repeat}/merge-suggestions`);
      expect(r.body.items.map((x: { caseId: string }) => x.caseId)).toContain(original);
    } finally {
      await second.app.http.close();
      await first.close().catch(() => undefined);
    }
  });
});
