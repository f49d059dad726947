import { TextClassifier } from '@loopdesk/triage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';
import { trainModels } from './training';
import { triaged } from './triage.fixtures';

const GUARANTEE = ['我司申请的投标保函迟迟没有开出', '履约保函的手续费比合同约定的高', '预付款保函到期后一直没有释放额度', '保函开立需要的反担保材料太多', '质量保函的格式不被业主接受', '保函的修改申请提交一周没有回复'];
const SYNDICATED = ['银团贷款的牵头行迟迟不安排提款', '代理行没有按时通知银团会议', '银团协议里的费用分摊不清楚', '银团贷款的提款通知被退回三次', '参加行对银团贷款展期意见不一致', '银团代理费收取标准没有事先说明'];
const WAREHOUSE = ['仓单质押融资的质押率比说好的低', '仓单质押后监管方不配合出库', '仓单质押融资到期续做要重新评估', '仓单质押的监管费收得太高'];

describe('training from labelled cases', () => {
  it('trains a model per field with two labels or more, evaluates on held-out cases, and reads back', () => {
    const cases = [...GUARANTEE, ...GUARANTEE.map((t) => `${t}，请尽快处理`)].map((text, i) => ({ id: `g${i}`, text, labels: { businessLine: 'guarantee', kind: 'complaint' } }));
    cases.push(...[...SYNDICATED, ...SYNDICATED.map((t) => `${t}，请尽快处理`)].map((text, i) => ({ id: `s${i}`, text, labels: { businessLine: 'syndicated_loan', kind: 'complaint' } })));
    const trained = trainModels(cases, 'v7');
    // kind has one label only: no model; the business line has 24 examples, some held out.
    expect(Object.keys(trained.models)).toEqual(['businessLine']);
    const e = trained.evaluation.businessLine!;
    expect(e).toMatchObject({ examples: 24, labels: ['guarantee', 'syndicated_loan'] });
    expect(e.heldOut).toBeGreaterThan(0);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.5);
    expect(e.macroF1).not.toBeNull();
    const model = TextClassifier.deserialise(trained.models.businessLine);
    expect(model.predict('银团牵头行的提款安排').label).toBe('syndicated_loan');
    expect(model.predict('银团牵头行的提款安排').modelVersion).toBe('v7');
    expect(trainModels(cases.slice(0, 3), 'v8').models).toEqual({});
  });
});

describeEngines('learning from corrections', (engine) => {
  let t: TestApp;
  let handler: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp(engine, { worker: true });
    admin = await t.admin();
    handler = (await createStaff(t, admin, { username: 'learning.handler', roles: ['handler'], orgCode: 'BJ' })).client;
    const settings = (await admin.get('/api/triage/settings')).body;
    await admin.patch('/api/triage/settings', { version: settings.version, retrainDelaySeconds: 3 });
  });
  afterAll(() => t?.close());

  const models = async () => (await admin.get('/api/triage/models')).body.items as { id: string; version: number; active: boolean; fields: string[]; evaluation: Record<string, { examples: number }> }[];
  async function waitForVersion(version: number) {
    for (let i = 0; i < 150; i++) {
      const found = (await models()).find((m) => m.version === version);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`model v${version} never appeared`);
  }
  const register = async (text: string, businessLine?: string) => (await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text, ...(businessLine ? { businessLine } : {}) })).body.caseId as string;

  it('staff corrections change the prediction for a different text with the same key terms, after the background retraining; rollback restores the old one', async () => {
    for (const text of GUARANTEE) await register(text, 'guarantee');
    for (const text of SYNDICATED) await register(text, 'syndicated_loan');

    // On demand: the job runs in the background and stores version 1 with its evaluation.
    expect((await admin.post('/api/triage/models/retrain')).status).toBe(202);
    const v1 = await waitForVersion(1);
    expect(v1).toMatchObject({ active: true, fields: ['businessLine'] });
    expect(v1.evaluation.businessLine!.examples).toBe(12);

    // Version 1 has never seen 仓单质押: it calls it one of the two lines it knows.
    const wrong: string[] = [];
    for (const text of WAREHOUSE) wrong.push(await register(text));
    for (const id of wrong) {
      const c = await triaged(handler, id);
      expect(c.classification.businessLine).toMatchObject({ source: 'model', modelVersion: 'v1' });
      expect(['guarantee', 'syndicated_loan']).toContain(c.classification.businessLine.label);
    }

    // Staff correct them; each correction is recorded with who, before and after.
    for (const id of wrong) {
      const c = (await handler.get(`/api/cases/${id}`)).body;
      const r = await handler.post(`/api/cases/${id}/classification`, { version: c.version, businessLine: 'supply_chain_finance' });
      expect(r.status).toBe(200);
      expect(r.body.businessLine).toBe('supply_chain_finance');
      expect(r.body.classification.businessLine).toMatchObject({ label: 'supply_chain_finance', source: 'person' });
      const event = r.body.events.find((e: { type: string }) => e.type === 'classified');
      expect(event.actorId).toBe(handler.me!.id);
      expect(event.data.corrections).toEqual([expect.objectContaining({ field: 'businessLine', before: c.businessLine, after: 'supply_chain_finance' })]);
    }

    // The corrections schedule one retraining (debounced): version 2 learns the new line.
    const v2 = await waitForVersion(2);
    expect(v2.active).toBe(true);
    expect(v2.evaluation.businessLine!.examples).toBe(16);
    const fresh = await triaged(handler, await register('我们做的仓单质押融资，质押率又被下调了'));
    expect(fresh.classification.businessLine).toMatchObject({ label: 'supply_chain_finance', source: 'model', modelVersion: 'v2' });
    expect(fresh.classification.businessLine.terms.join(' ')).toMatch(/仓|质押/);

    // Rolling back to version 1 brings its predictions back.
    const back = await admin.post(`/api/triage/models/${v1.id}/activate`);
    expect(back.status).toBe(200);
    expect((await models()).find((m) => m.active)!.version).toBe(1);
    const old = await triaged(handler, await register('我们做的仓单质押融资，质押率又被下调了'));
    expect(old.classification.businessLine.modelVersion).toBe('v1');
    expect(old.classification.businessLine.label).not.toBe('supply_chain_finance');
  });
});
