import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SUPERSEDED_TEMPLATE_BODIES } from '@loopdesk/core';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';
import { systemContext } from '../../platform/context';

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

  it('ships acknowledgement, reply, decision and extension templates in zh-CN and en', async () => {
    const { items } = (await handler.get('/api/templates')).body;
    expect(items.map((x: { kind: string; locale: string }) => `${x.kind}/${x.locale}`).sort()).toEqual([
      'acknowledgement/en', 'acknowledgement/zh-CN', 'decision_letter/en', 'decision_letter/zh-CN', 'extension_notice/en', 'extension_notice/zh-CN',
      'reply/en', 'reply/en', 'reply/en', 'reply/zh-CN', 'reply/zh-CN', 'reply/zh-CN',
    ]);
  });

  it('lets the administrator who keeps the templates list them, with when each was last changed', async () => {
    // The administrator reads no cases (no cases.read), yet manages the templates.
    const listed = await admin.get('/api/templates?kind=reply&locale=zh-CN');
    expect(listed.status).toBe(200);
    const progress = (listed.body.items as { id: string; code: string; version: number; updatedAt: string }[]).find((x) => x.code === 'reply_in_progress')!;
    expect(Date.parse(progress.updatedAt)).toBe(t.clock.now().getTime());
    t.clock.advance(60_000);
    const edited = await admin.patch(`/api/templates/${progress.id}`, { version: progress.version, title: '处理进展告知（修订）' });
    expect(edited.body).toMatchObject({ version: progress.version + 1, updatedAt: t.clock.now().toISOString() });
    await admin.patch(`/api/templates/${progress.id}`, { version: progress.version + 1, title: '处理进展告知' });
  });

  it('fills a template from a case with nothing personal: an individual’s name is a blank for the writer, an enterprise’s is filled', async () => {
    const customer = await handler.post('/api/customers', { type: 'individual', orgUnitId: handler.me!.orgUnitId, name: '钱七', phone: '13600001111' });
    const ack = (await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '贷款利率调整未提前告知', customerId: customer.body.id })).body;
    const decision = (await handler.get('/api/templates?kind=decision_letter&locale=zh-CN')).body.items[0];
    const r = await handler.post(`/api/templates/${decision.id}/render`, { caseId: ack.caseId });
    expect(r.status).toBe(200);
    expect(r.body.body).toContain('尊敬的【请填写客户姓名】：');
    expect(r.body.body).not.toContain('钱');
    expect(r.body.body).toContain(`工单编号${ack.number}`);
    expect(r.body.body).toContain('2026-11-20');
    expect(r.body.body).toContain('30日内向我行上级机构书面申请核查');
    expect(r.body.body).toContain('示范银行');
    expect(r.body.missing).toEqual(['customerName', 'decisionOutcome']); // not decided yet
    // The outcome of the decision being written fills its verdict line.
    const drafted = await handler.post(`/api/templates/${decision.id}/render`, { caseId: ack.caseId, decisionOutcome: 'partly_upheld' });
    expect(drafted.body.body).toContain('二、处理决定及依据：投诉部分成立。');
    expect(drafted.body.missing).toEqual(['customerName']);
    // No personal data was read to fill it.
    expect((await admin.get(`/api/audit?objectType=customer&objectId=${customer.body.id}&action=customer.pii_read`)).body.items).toEqual([]);
    // An enterprise's name is not personal data: filled.
    const firm = await handler.post('/api/customers', { type: 'enterprise', orgUnitId: handler.me!.orgUnitId, name: '北京模板建设有限公司', uscc: '91110108MA01C9XK3C' });
    const theirs = (await handler.post('/api/cases', { channel: 'letter', kind: 'complaint', text: '保函开立延误', customerId: firm.body.id })).body;
    expect((await handler.post(`/api/templates/${decision.id}/render`, { caseId: theirs.caseId })).body.body).toContain('尊敬的北京模板建设有限公司：');
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
    // The same code and language again: 409 on the code. A category that does not exist: 422, nothing written.
    const again = await admin.post('/api/templates', { code: 'collateral_reply', kind: 'reply', locale: 'zh-CN', title: '押品评估答复', body: '尊敬的客户：关于押品评估问题的答复……' });
    expect([again.status, again.body.errors[0]?.field]).toEqual([409, 'code']);
    const nowhere = await admin.post('/api/templates', { code: 'nowhere_reply', kind: 'reply', locale: 'zh-CN', title: '无类别', body: '尊敬的客户：关于您反映的问题……', categoryId: '00000000-0000-4000-8000-000000000000' });
    expect([nowhere.status, nowhere.body.errors[0]?.field]).toEqual([422, 'categoryId']);
    expect((await admin.patch(`/api/templates/${good.body.id}`, { version: good.body.version, categoryId: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);
    expect((await admin.get('/api/templates?kind=reply')).body.items.map((x: { code: string }) => x.code)).not.toContain('nowhere_reply');
    expect((await handler.post('/api/templates', { code: 'x_y', kind: 'reply', locale: 'en', title: 'x', body: 'some body text' })).status).toBe(403);
  });

  it('states the review window of the institution’s rule set, and nothing of a review (核查) under one without it', async () => {
    const cp = (await createStaff(t, admin, { username: 'tpl.cp', roles: ['consumer_protection'], orgCode: 'HO' })).client;
    const choose = async (ruleSetId: string) => expect((await cp.request('PUT', '/api/regulatory-rule-set', { ruleSetId })).status).toBe(200);
    const kase = (await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '贷款展期申请迟迟没有答复' })).body;
    const letters = (await handler.get('/api/templates?kind=decision_letter')).body.items as { id: string; locale: string }[];
    const render = async (locale: string) => (await handler.post(`/api/templates/${letters.find((l) => l.locale === locale)!.id}/render`, { caseId: kase.caseId })).body;
    try {
      await choose('uk_fca_disp');
      const zh = await render('zh-CN');
      expect(zh.body).not.toMatch(/核查|30日|reviewWindowDays/);
      expect(zh.body).toContain('三、救济途径：您也可以依法申请调解、仲裁或者提起诉讼。');
      expect(zh.missing).toEqual(['decisionOutcome']);
      const en = await render('en');
      expect(en.body).not.toMatch(/review|30 days|reviewWindowDays/);
      expect(en.body).toContain('3. Your options: you may also seek mediation or arbitration, or bring litigation.');
      // A decision letter need not offer a review the rules do not have.
      const noReview = await admin.post('/api/templates', { code: 'uk_decision', kind: 'decision_letter', locale: 'en', title: 'Decision', body: 'Our decision: {{decisionOutcome}}. You may seek mediation or arbitration, or go to court.' });
      expect(noReview.status, JSON.stringify(noReview.body)).toBe(201);
    } finally {
      await choose('cn_nfra_2020');
    }
    expect((await render('zh-CN')).body).toContain('可以自收到本决定之日起30日内向我行上级机构书面申请核查');
    expect((await render('en')).body).toContain('for a review within 30 days of receiving this decision');
    const without = await admin.post('/api/templates', { code: 'cn_decision', kind: 'decision_letter', locale: 'en', title: 'Decision', body: 'Our decision: {{decisionOutcome}}. You may seek mediation or arbitration, or go to court.' });
    expect(without.status).toBe(422);
    expect(without.body.detail).toContain('review within 30 days');
  });

  it('gives an institution created before a template shipped that template at start-up, once, and never one it retired', async () => {
    const replies = async () => (await handler.get('/api/templates?kind=reply&locale=zh-CN')).body.items as { id: string; code: string; active: boolean; version: number }[];
    // An institution from before the reply templates: remove one; retire the other.
    const [more, progress] = [(await replies()).find((x) => x.code === 'reply_more_information')!, (await replies()).find((x) => x.code === 'reply_in_progress')!];
    await t.database.db.execute(sql`delete from reply_templates where id = ${more.id}`);
    expect((await admin.patch(`/api/templates/${progress.id}`, { version: progress.version, active: false })).status).toBe(200);
    const ctx = { ...systemContext('start-up'), via: 'system:templates' };
    expect(await t.app.services.templates.addMissingDefaults(ctx)).toBe(1);
    expect(await t.app.services.templates.addMissingDefaults(ctx)).toBe(0);
    const now = await replies();
    expect(now.find((x) => x.code === 'reply_more_information')).toMatchObject({ active: true });
    expect(now.find((x) => x.code === 'reply_in_progress')).toMatchObject({ id: progress.id, active: false });
    const audited = await admin.get('/api/audit?action=template.create&limit=5');
    expect(audited.body.items[0]).toMatchObject({ actorName: 'system:templates', after: { code: 'reply_more_information', locale: 'zh-CN' } });

    // The English decision letter as an earlier LoopDesk shipped it (blanks in [ ]): replaced while
    // nobody edited it, audited; once edited, it stays as the institution wrote it.
    const [old] = SUPERSEDED_TEMPLATE_BODIES;
    const letter = (await handler.get('/api/templates?kind=decision_letter&locale=en')).body.items[0] as { id: string };
    await t.database.db.execute(sql`update reply_templates set body = ${old!.body}, version = 1 where id = ${letter.id}`);
    expect(await t.app.services.templates.addMissingDefaults(ctx)).toBe(1);
    const upgraded = (await handler.get('/api/templates?kind=decision_letter&locale=en')).body.items[0];
    expect(upgraded).toMatchObject({ id: letter.id, version: 2 });
    expect(upgraded.body).toContain('【describe the verification and the facts established】');
    expect((await admin.get('/api/audit?action=template.update&limit=1')).body.items[0]).toMatchObject({ actorName: 'system:templates', objectId: letter.id });
    await t.database.db.execute(sql`update reply_templates set body = ${old!.body}, version = 3 where id = ${letter.id}`);
    expect(await t.app.services.templates.addMissingDefaults(ctx)).toBe(0);
  });
});
