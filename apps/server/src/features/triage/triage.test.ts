import { defaultSegmenter } from '@loopdesk/triage';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';
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

  it('never overwrites what the entering staff member chose', async () => {
    const ack = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', businessLine: 'guarantee', text: '请问银团贷款的提款需要多久？' });
    const detail = await triaged(handler, ack.body.caseId);
    expect(detail.kind).toBe('complaint');
    expect(detail.kindSource).toBe('person');
    expect(detail.businessLine).toBe('guarantee');
    expect(detail.classification.kind).toBeUndefined();
  });
});
