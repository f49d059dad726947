import { defaultSegmenter } from '@loopdesk/triage';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createStaff, describeEngines, orgUnitId, startTestApp, type Client, type TestApp } from '../../../test/harness';
import { triaged } from './triage.fixtures';
import { analyseText } from './triage.service';

it('raises flags with the words behind them, and a priority', () => {
  const t = analyseText('你们再拖延放款，我就向12378投诉并找记者曝光，还要请律师起诉！');
  expect(t.riskFlags).toEqual(expect.arrayContaining(['regulator_threat', 'media_threat', 'lawsuit_threat']));
  expect(t.explanation.flags.find((f) => f.type === 'regulator')?.terms).toContain('12378');
  expect(t.priority).toBe('P1');
  const calm = analyseText('请问项目融资的提前还款需要提前多久申请？');
  expect(calm.riskFlags).toEqual([]);
  expect(['P3', 'P4']).toContain(calm.priority);
});

describeEngines('triage job after intake', (engine) => {
  let t: TestApp;
  let handler: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp(engine, { worker: true });
    admin = await t.admin();
    handler = (await createStaff(t, admin, { username: 'triage.handler', roles: ['handler'], orgCode: 'BJ' })).client;
  });
  afterAll(() => t?.close());

  it('answers intake at once, then marks the case within seconds: flags, priority, sentiment and the reasons', async () => {
    const ack = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', priority: 'P4', text: '贷款审批一拖再拖，非常气愤！再不解决我就向12378投诉，并找媒体曝光。' });
    expect(ack.status).toBe(201);
    const detail = await triaged(handler, ack.body.caseId);
    const event = detail.events.find((e: { type: string }) => e.type === 'triaged');
    expect(detail.riskFlags).toEqual(expect.arrayContaining(['regulator_threat', 'media_threat']));
    expect(['P1', 'P2']).toContain(detail.priority);
    expect(event.data.priority).toMatchObject({ from: 'P4' });
    expect(JSON.stringify(event.data.explanation)).toContain('12378');
  });

  it('classifies with the seeded keyword rules: label, confidence, source and terms; below the threshold the case waits in the triage queue', async () => {
    const rules = await admin.get('/api/triage/rules');
    expect(rules.status).toBe(200);
    expect(rules.body.items.find((r: { field: string; label: string }) => r.field === 'businessLine' && r.label === 'syndicated_loan').keywords).toContain('银团');

    const ack = await handler.post('/api/cases', { channel: 'hotline', text: '请问银团贷款的提款需要多久？想了解一下流程。' });
    const detail = await triaged(handler, ack.body.caseId);
    // kind: 请问 + 多久 + 想了解 vote for inquiry (3 of 3+1) — applied; the business line from 银团 alone (1 of 1+1) is not.
    expect(detail.classification.kind).toMatchObject({ label: 'inquiry', source: 'rule', modelVersion: null, applied: true });
    expect(detail.classification.kind.terms).toEqual(expect.arrayContaining(['请问', '多久']));
    expect(detail.classification.kind.confidence).toBeGreaterThanOrEqual(0.6);
    expect(detail.kind).toBe('inquiry');
    expect(detail.kindSource).toBe('rule');
    expect(detail.classification.businessLine).toMatchObject({ label: 'syndicated_loan', source: 'rule', applied: false, terms: ['银团'] });
    expect(detail.businessLine).toBeNull();
    expect(detail.status).toBe('new');
    expect(detail.triageReview).toBe(true);
    const queue = await handler.get('/api/cases?queue=triage');
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(ack.body.caseId);

    // The threshold is the institution's: lowered, the same words are applied.
    const settings = (await admin.get('/api/triage/settings')).body;
    expect((await admin.patch('/api/triage/settings', { version: settings.version, reviewThreshold: 50 })).status).toBe(200);
    const again = await handler.post('/api/cases', { channel: 'hotline', text: '请问银团贷款的提款需要多久？我想了解办理流程和材料。' });
    const second = await triaged(handler, again.body.caseId);
    expect(second.businessLine).toBe('syndicated_loan');
    expect(second.classification.businessLine.applied).toBe(true);
    expect(second.categoryId).not.toBeNull();
    expect(second.classification.category).toMatchObject({ label: 'drawdown_process', applied: true });
    expect(second.triageReview).toBe(false);
    // 流程 and 材料 are words of a complaint's cause (管理制度、业务规则与流程), but an inquiry has no cause to suggest.
    expect(second.jrCause).toBeNull();
    expect(second.classification.jrCause).toBeUndefined();
    expect((await handler.get('/api/cases?queue=triage')).body.items.map((c: { id: string }) => c.id)).not.toContain(again.body.caseId);
    await admin.patch('/api/triage/settings', { version: settings.version + 1, reviewThreshold: 60 });
  });

  it('a person reclassifying a complaint as an inquiry stops the regulatory clock; a stale version is refused', async () => {
    const ack = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '想了解项目贷款提前还款的违约金怎么计算。' });
    const detail = await triaged(handler, ack.body.caseId);
    expect(detail.regulatoryDueAt).not.toBeNull();
    const r = await handler.post(`/api/cases/${detail.id}/classification`, { version: detail.version, kind: 'inquiry', reason: '客户只是咨询' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'inquiry', kindSource: 'person', regulatoryDueAt: null, triageReview: false });
    expect(r.body.events.find((e: { type: string }) => e.type === 'classified')).toMatchObject({ reason: '客户只是咨询' });
    expect((await handler.post(`/api/cases/${detail.id}/classification`, { version: detail.version, kind: 'complaint' })).status).toBe(409);
    // Back to a complaint: the clock runs again from receipt; clearing a field removes its label.
    const back = await handler.post(`/api/cases/${detail.id}/classification`, { version: r.body.version, kind: 'complaint', businessLine: null });
    expect(back.body).toMatchObject({ kind: 'complaint', regulatoryDueAt: detail.regulatoryDueAt, businessLine: null });
    expect(back.body.classification.businessLine).toBeUndefined();
  });

  it('takes words an admin adds to the dictionary into the segmentation of the next triage', async () => {
    const word = engine === 'pglite' ? '鑫易融贷' : '鑫易融通';
    expect(defaultSegmenter().words(`我办的${word}额度被降了`)).not.toContain(word);
    const added = await admin.post('/api/triage/words', { word });
    expect(added.status).toBe(201);
    expect((await admin.post('/api/triage/words', { word })).status).toBe(409);
    expect((await admin.get('/api/triage/words')).body.items.map((w: { word: string }) => w.word)).toContain(word);
    await triaged(handler, (await handler.post('/api/cases', { channel: 'hotline', text: `我办的${word}额度被降了，请解释原因。` })).body.caseId);
    // The server runs in this process: its segmenter now cuts the product name as one word.
    expect(defaultSegmenter().words(`我办的${word}额度被降了`)).toContain(word);
  });

  it('queues the customer acknowledgement once the case is triaged, once per case, in the language of the case', async () => {
    type Notice = { recipient_type: string; recipient_id: string; template_key: string; locale: string; status: string; payload: Record<string, unknown> };
    const notices = async (caseId: string) =>
      ((await t.database.db.execute(sql`select recipient_type, recipient_id, template_key, locale, status, payload from notification_outbox where case_id = ${caseId} and template_key = 'case.acknowledgement'`)) as unknown as { rows: Notice[] }).rows;
    const bj = await orgUnitId(admin, 'BJ');
    const customer = await handler.post('/api/customers', { type: 'enterprise', orgUnitId: bj, name: '北京回执测试有限公司', uscc: '91110108MA01C9XK3C' });
    expect(customer.status).toBe(201);
    const customerId = customer.body.id as string;

    const ack = await handler.post('/api/cases', { channel: 'hotline', customerId, text: '信用卡年费被重复扣收，客服一直推诿，要求退还并说明原因。' });
    expect(ack.status).toBe(201);
    const detail = await triaged(handler, ack.body.caseId);
    const [notice, ...more] = await notices(detail.id);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ recipient_type: 'customer', recipient_id: customerId, locale: 'zh-CN', status: 'pending' });
    // It carries what triage settled: the kind, the number and the deadline (a civil date), nothing personal.
    expect(notice!.payload).toMatchObject({ templateCode: 'ack_default', caseId: detail.id, caseNumber: detail.number, kind: detail.kind, regulatoryDueAt: detail.regulatoryDueAt, reviewWindowDays: 30 });
    expect(notice!.payload.receivedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const audit = await admin.get(`/api/audit?objectType=case&objectId=${detail.id}&action=case.acknowledgement_queue`);
    expect(audit.body.items).toHaveLength(1);

    // The job again (redelivered), even with the case's triage mark gone: still one notice.
    await t.app.services.triage.triageCase(detail.id);
    await t.database.db.execute(sql`update cases set triaged_at = null where id = ${detail.id}`);
    await Promise.all([t.app.services.triage.triageCase(detail.id), t.app.services.triage.triageCase(detail.id)]);
    expect(await notices(detail.id)).toHaveLength(1);

    // Written in English, acknowledged in English; no customer, no one to send it to.
    const english = await triaged(handler, (await handler.post('/api/cases', { channel: 'hotline', customerId, text: 'My card was charged the annual fee twice and nobody explains why.' })).body.caseId);
    expect((await notices(english.id)).map((n) => n.locale)).toEqual(['en']);
    const anonymous = await triaged(handler, (await handler.post('/api/cases', { channel: 'hotline', text: '网点排队时间太长，希望增加窗口。' })).body.caseId);
    expect(await notices(anonymous.id)).toEqual([]);
    // An inquiry has no deadline to promise and no review (核查) to offer.
    const inquiry = await triaged(handler, (await handler.post('/api/cases', { channel: 'hotline', kind: 'inquiry', customerId, text: '请问流动资金贷款可以提前还款吗？' })).body.caseId);
    expect((await notices(inquiry.id))[0]!.payload).toMatchObject({ kind: 'inquiry', dueDate: null, reviewWindowDays: null });
  });

  it('never overwrites what the entering staff member chose', async () => {
    const ack = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', businessLine: 'guarantee', text: '请问银团贷款的提款需要多久？' });
    const detail = await triaged(handler, ack.body.caseId);
    expect(detail.kind).toBe('complaint');
    expect(detail.kindSource).toBe('person');
    expect(detail.businessLine).toBe('guarantee');
    expect(detail.classification.kind).toBeUndefined();
  });
});

/**
 * Triage conclusions reached together are written in one transaction (one commit, one link of
 * the audit chain); when a person changed one of the cases meanwhile, the batch is rolled back
 * and written case by case, the person's change kept.
 */
describeEngines('triage written in batches', (engine) => {
  let t: TestApp;
  let admin: Client;
  let handler: Client;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    handler = (await createStaff(t, admin, { username: 'batch.handler', roles: ['handler'], orgCode: 'BJ' })).client;
  });
  afterAll(() => t?.close());

  const register = async (n: number) =>
    (await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: `贷款审批一拖再拖，已经等了${n}个月，再不解决我就向12378投诉。` })).body.caseId as string;

  it('writes cases triaged together in one transaction, each with its own event and audit entry', async () => {
    const ids = await Promise.all([2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(register));
    const many = vi.spyOn(t.app.services.cases, 'applyTriageMany');
    // The first are written alone; the others gather behind them and are written together.
    await Promise.all(ids.map((id) => t.app.services.triage.triageCase(id)));
    expect(many).toHaveBeenCalled();
    expect(Math.max(...many.mock.calls.map(([writes]) => writes.length))).toBeGreaterThan(1);
    await expect(Promise.all(many.mock.results.map((r) => r.value))).resolves.toEqual(many.mock.calls.map(() => true));
    many.mockRestore();
    for (const id of ids) {
      const d = (await handler.get(`/api/cases/${id}`)).body;
      expect(d.triagedAt).not.toBeNull();
      expect(d.riskFlags).toContain('regulator_threat');
      expect(d.events.filter((e: { type: string }) => e.type === 'triaged')).toHaveLength(1);
    }
    expect((await admin.get('/api/audit/verify')).body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('writes case by case when a person changed one of a batch meanwhile, and keeps the person’s kind', async () => {
    const ids = await Promise.all([12, 13, 14, 15, 16, 17, 18, 19, 20, 21].map(register));
    const cases = t.app.services.cases;
    const original = cases.applyTriageMany.bind(cases);
    let edited: string | undefined;
    const many = vi.spyOn(cases, 'applyTriageMany').mockImplementation(async (writes) => {
      // A person classifies one of the cases after triage read it, before triage writes.
      if (!edited && writes.length > 1) {
        edited = writes[1]!.row.id;
        const version = (await handler.get(`/api/cases/${edited}`)).body.version;
        expect((await handler.post(`/api/cases/${edited}/classification`, { version, kind: 'suggestion', reason: '客户是在提建议' })).status).toBe(200);
      }
      return original(writes);
    });
    await Promise.all(ids.map((id) => t.app.services.triage.triageCase(id)));
    expect(edited).toBeDefined();
    expect(many.mock.results.length).toBeGreaterThan(0);
    await expect(many.mock.results[0]!.value).resolves.toBe(false);
    many.mockRestore();
    for (const id of ids) {
      const d = (await handler.get(`/api/cases/${id}`)).body;
      expect(d.triagedAt).not.toBeNull();
      expect(d.events.filter((e: { type: string }) => e.type === 'triaged')).toHaveLength(1);
      expect(d.kind).toBe(id === edited ? 'suggestion' : 'complaint');
    }
    expect((await admin.get('/api/audit/verify')).body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });
});
