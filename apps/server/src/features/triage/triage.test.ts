import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';
import { TriageService } from './triage.service';

it('raises flags with the words behind them, and a priority', () => {
  const t = new TriageService(undefined as never).analyse('你们再拖延放款，我就向12378投诉并找记者曝光，还要请律师起诉！');
  expect(t.riskFlags).toEqual(expect.arrayContaining(['regulator_threat', 'media_threat', 'lawsuit_threat']));
  expect(t.explanation.flags.find((f) => f.type === 'regulator')?.terms).toContain('12378');
  expect(t.priority).toBe('P1');
  const calm = new TriageService(undefined as never).analyse('请问项目融资的提前还款需要提前多久申请？');
  expect(calm.riskFlags).toEqual([]);
  expect(['P3', 'P4']).toContain(calm.priority);
});

describeEngines('triage job after intake', (engine) => {
  let t: TestApp;
  let handler: Client;
  beforeAll(async () => {
    t = await startTestApp(engine, { worker: true });
    handler = (await createStaff(t, await t.admin(), { username: 'triage.handler', roles: ['handler'], orgCode: 'BJ' })).client;
  });
  afterAll(() => t?.close());

  it('answers intake at once, then marks the case within seconds: flags, priority, sentiment and the reasons', async () => {
    const ack = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', priority: 'P4', text: '贷款审批一拖再拖，非常气愤！再不解决我就向12378投诉，并找媒体曝光。' });
    expect(ack.status).toBe(201);
    // The acknowledgement came back from the intake transaction; triage runs after it commits.
    let detail = (await handler.get(`/api/cases/${ack.body.caseId}`)).body;
    for (let i = 0; i < 60 && !detail.events.some((e: { type: string }) => e.type === 'triaged'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      detail = (await handler.get(`/api/cases/${ack.body.caseId}`)).body;
    }
    const triaged = detail.events.find((e: { type: string }) => e.type === 'triaged');
    expect(triaged).toBeDefined();
    expect(detail.riskFlags).toEqual(expect.arrayContaining(['regulator_threat', 'media_threat']));
    expect(['P1', 'P2']).toContain(detail.priority);
    expect(triaged.data.priority).toMatchObject({ from: 'P4' });
    expect(JSON.stringify(triaged.data.explanation)).toContain('12378');
  });
});
