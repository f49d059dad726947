import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';

describeEngines('reply templates', (engine) => {
  let t: TestApp;
  let admin: Client;
  let handler: Client;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    handler = (await createStaff(t, admin, { username: 'tpl.handler', roles: ['handler'], orgCode: 'BJ' })).client;
  });
  afterAll(() => t?.close());

  it('ships acknowledgement, decision and extension templates in zh-CN and en', async () => {
    const { items } = (await handler.get('/api/templates')).body;
    expect(items.map((x: { kind: string; locale: string }) => `${x.kind}/${x.locale}`).sort()).toEqual([
      'acknowledgement/en', 'acknowledgement/zh-CN', 'decision_letter/en', 'decision_letter/zh-CN', 'extension_notice/en', 'extension_notice/zh-CN',
    ]);
  });

  it('fills a template from a case, personal data masked', async () => {
    const customer = await handler.post('/api/customers', { type: 'individual', orgUnitId: handler.me!.orgUnitId, name: '钱七', phone: '13600001111' });
    const ack = (await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '贷款利率调整未提前告知', customerId: customer.body.id })).body;
    const decision = (await handler.get('/api/templates?kind=decision_letter&locale=zh-CN')).body.items[0];
    const r = await handler.post(`/api/templates/${decision.id}/render`, { caseId: ack.caseId });
    expect(r.status).toBe(200);
    expect(r.body.body).toContain('尊敬的钱*：');
    expect(r.body.body).toContain(`工单编号${ack.number}`);
    expect(r.body.body).toContain('2026-11-20');
    expect(r.body.body).toContain('30日内向我行上级机构书面申请核查');
    expect(r.body.body).toContain('示范银行');
    expect(r.body.missing).toEqual(['decisionOutcome']); // not decided yet
    const ackTemplate = (await handler.get('/api/templates?kind=acknowledgement&locale=en')).body.items[0];
    const en = await handler.post(`/api/templates/${ackTemplate.id}/render`, { caseId: ack.caseId });
    expect(en.body.body).toContain('by 2026-12-07');
  });

  it('refuses a decision letter that does not tell the complainant their remedies, and unknown variables', async () => {
    const bare = await admin.post('/api/templates', { code: 'bad_decision', kind: 'decision_letter', locale: 'zh-CN', title: '决定', body: '经核实，您的投诉不成立。{{institutionName}}' });
    expect(bare.status).toBe(422);
    expect(bare.body.errors[0].field).toBe('body');
    expect(bare.body.detail).toMatch(/核查.*调解|mediation/);
    const unknown = await admin.post('/api/templates', { code: 'bad_reply', kind: 'reply', locale: 'zh-CN', title: '答复', body: '您的身份证号是{{idNumber}}' });
    expect(unknown.status).toBe(422);
    const good = await admin.post('/api/templates', { code: 'collateral_reply', kind: 'reply', locale: 'zh-CN', title: '押品评估答复', body: '尊敬的{{customerName}}：关于工单{{caseNumber}}的押品评估问题……' });
    expect(good.status).toBe(201);
    expect(good.body.variables).toEqual(['customerName', 'caseNumber']);
    expect((await handler.post('/api/templates', { code: 'x_y', kind: 'reply', locale: 'en', title: 'x', body: 'some body text' })).status).toBe(403);
  });
});
