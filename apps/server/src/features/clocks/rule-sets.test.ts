import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client } from '../../../test/harness';
import { createStaff, describeEngines, startTestApp, TestClock, type TestApp } from '../../../test/harness';

const COMPLAINT = '我公司在海淀支行的项目融资贷款评估费收取不合理，评估报告与实际抵押物价值严重不符，要求重新评估并退还费用。';
// 10:00 in Beijing on Thursday 6 August 2026. China (15 calendar days from the next day): Friday
// 21 August. FCA DISP (8 weeks from the next day, no rest-day shift): Thursday 1 October.
const RECEIVED = '2026-08-06T10:00:00+08:00';
const DAY = 86_400_000;
/** 24:00 of a date in Beijing, as the API writes it. */
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + DAY).toISOString();

describeEngines('regulatory rule sets chosen per institution', (engine) => {
  let t: TestApp;
  let admin: Client;
  let cp: Client;
  let agent: Client;
  let handler: Client;

  beforeAll(async () => {
    t = await startTestApp(engine, { clock: new TestClock(new Date('2026-08-10T03:00:00Z')) });
    admin = await t.admin();
    cp = (await createStaff(t, admin, { username: 'ho.cp', roles: ['consumer_protection'], orgCode: 'HO' })).client;
    agent = (await createStaff(t, admin, { username: 'hd.agent', roles: ['agent'], orgCode: 'BJ-HD' })).client;
    handler = (await createStaff(t, admin, { username: 'hd.handler', roles: ['handler'], orgCode: 'BJ-HD' })).client;
  });
  afterAll(() => t?.close());

  const intake = async () => {
    const r = await agent.post('/api/cases', { channel: 'letter', kind: 'complaint', text: COMPLAINT, receivedAt: RECEIVED, backDateReason: '来信邮戳日期' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { caseId: string; regulatoryDueAt: string | null };
  };
  const dueOf = async (id: string) => {
    const r = await cp.get(`/api/cases/${id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.regulatoryDueAt as string | null;
  };
  const choose = (c: Client, ruleSetId: string) => c.request('PUT', '/api/regulatory-rule-set', { ruleSetId });

  it('lists the shipped rule sets with their limits, extensions, exclusions and rest-day shift', async () => {
    const r = await cp.get('/api/regulatory-rule-sets');
    expect(r.status).toBe(200);
    const sets = r.body.ruleSets as any[];
    expect(sets.map((s) => s.id)).toEqual(['cn_nfra_2020', 'uk_fca_disp', 'us_cfpb']);
    const [cn, uk, us] = sets;
    expect(cn).toMatchObject({ jurisdiction: 'CN', primaryStep: 'decision', holidayShift: 'next_working_day', receiptDayCounted: false, review: { requestStep: 'review_request', decisionStep: 'review_decision' } });
    expect(cn.steps[0]).toMatchObject({ id: 'decision', limit: { count: 15, unit: 'calendar_days' }, exclusionsApply: true });
    expect(cn.steps[0].extensions.map((e: any) => [e.id, e.limit.count, e.approval])).toEqual([
      ['complex', 30, 'none'],
      ['especially_complex', 60, 'higher_level'],
    ]);
    expect(cn.exclusionsAllowed.map((x: any) => [x.kind, x.requiresNotice])).toEqual([
      ['outside_appraisal', true],
      ['mediation', false],
    ]);
    expect(uk).toMatchObject({ primaryStep: 'final_response', holidayShift: 'none', exclusionsAllowed: [], review: null });
    expect(uk.steps[0]).toMatchObject({ id: 'final_response', limit: { count: 8, unit: 'weeks' } });
    expect(us.steps.map((s: any) => s.limit.count)).toEqual([15, 60]);
  });

  it('refuses a handler, and an id LoopDesk does not ship naming the field', async () => {
    expect((await handler.get('/api/regulatory-rule-sets')).status).toBe(403);
    expect((await handler.get('/api/regulatory-rule-set')).status).toBe(403);
    expect((await choose(handler, 'uk_fca_disp')).status).toBe(403);
    const unknown = await choose(cp, 'xx_nowhere');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('ruleSetId');
    // Nothing changed.
    expect((await cp.get('/api/regulatory-rule-set')).body).toEqual({ ruleSetId: 'cn_nfra_2020' });
  });

  it('switching to FCA DISP moves an open complaint from 15 calendar days to 8 weeks, and back', async () => {
    const first = await intake();
    expect(first.regulatoryDueAt).toBe(endOf('2026-08-21'));
    // The console words the review (核查) window from the rule set: 30 days under the China rules.
    expect((await handler.get('/api/auth/me')).body.reviewWindowDays).toBe(30);

    const uk = await choose(cp, 'uk_fca_disp');
    expect(uk.status, JSON.stringify(uk.body)).toBe(200);
    expect(uk.body).toEqual({ ruleSetId: 'uk_fca_disp', recomputedCases: 1 });
    expect((await cp.get('/api/regulatory-rule-set')).body).toEqual({ ruleSetId: 'uk_fca_disp' });
    expect(await dueOf(first.caseId)).toBe(endOf('2026-10-01'));
    // DISP has no review procedure: nothing to tell of one.
    expect((await handler.get('/api/auth/me')).body.reviewWindowDays).toBeNull();

    // A complaint registered now runs on the set chosen; the set allows no excluded periods.
    const second = await intake();
    expect(second.regulatoryDueAt).toBe(endOf('2026-10-01'));
    const view = await handler.get(`/api/cases/${second.caseId}/regulatory-clock`);
    expect(view.status).toBe(200);
    const exclusion = await handler.post(`/api/cases/${second.caseId}/exclusions`, { version: view.body.version, kind: 'mediation' });
    expect(exclusion.status).toBe(422);
    expect(exclusion.body.errors[0].field).toBe('kind');

    // Choosing the set in force again moves nothing.
    expect((await choose(cp, 'uk_fca_disp')).body).toEqual({ ruleSetId: 'uk_fca_disp', recomputedCases: 0 });

    const cn = await choose(admin, 'cn_nfra_2020');
    expect(cn.status).toBe(200);
    expect(cn.body).toEqual({ ruleSetId: 'cn_nfra_2020', recomputedCases: 2 });
    expect(await dueOf(first.caseId)).toBe(endOf('2026-08-21'));
    expect(await dueOf(second.caseId)).toBe(endOf('2026-08-21'));
    expect((await handler.get('/api/auth/me')).body.reviewWindowDays).toBe(30);

    // Audited: the choice, and each case's move with the reason on its timeline.
    const audit = (await admin.get('/api/audit?action=institution.rule_set&limit=10')).body.items as { before: any; after: any }[];
    expect(audit.map((a) => [a.before.ruleSetId, a.after.ruleSetId, a.after.recomputedCases])).toEqual([
      ['uk_fca_disp', 'cn_nfra_2020', 2],
      ['cn_nfra_2020', 'uk_fca_disp', 1],
    ]);
    const moves = (await admin.get('/api/audit?action=case.regulatory_due&limit=10')).body.items as { objectId: string; after: any }[];
    expect(moves.filter((m) => m.objectId === first.caseId).map((m) => m.after.regulatoryDueAt)).toEqual([endOf('2026-08-21'), endOf('2026-10-01')]);
  });

  it('under a rule set without a review procedure an answer opens no review window and a review request is refused', async () => {
    const lead = await createStaff(t, admin, { username: 'bj.lead', roles: ['team_lead'], orgCode: 'BJ' });
    const handlerId = handler.me!.id;
    const { caseId } = await intake();
    expect((await choose(cp, 'us_cfpb')).status).toBe(200);
    let v = (await handler.get(`/api/cases/${caseId}`)).body.version;
    for (const [c, body] of [
      [handler, { action: 'accept' }],
      [lead.client, { action: 'assign', assigneeId: handlerId }],
      [handler, { action: 'start' }],
      [handler, { action: 'answer', decision: { outcome: 'not_upheld', letter: '经核实，评估费收取符合合同约定。', remedies: [] }, decisionReceivedAt: '2026-08-09T10:00:00+08:00' }],
    ] as const) {
      const r = await c.post(`/api/cases/${caseId}/transitions`, { version: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
    }
    const detail = (await handler.get(`/api/cases/${caseId}`)).body;
    expect(detail.decisionReceivedAt).toBe('2026-08-09T02:00:00.000Z');
    expect(detail.reviewWindowEndsAt).toBeNull();
    const refused = await handler.post(`/api/cases/${caseId}/reviews`, { version: v, reason: '客户申请核查' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'receivedAt', message: expect.stringContaining('us_cfpb') });
    expect((await choose(cp, 'cn_nfra_2020')).status).toBe(200);
  });

  it('recomputes a case registered a moment ahead of this server’s clock (another server, its clock skewed)', async () => {
    const r = await agent.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    t.clock.advance(-60_000);
    try {
      const changed = await choose(cp, 'uk_fca_disp');
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect((await choose(cp, 'cn_nfra_2020')).status).toBe(200);
    } finally {
      t.clock.advance(60_000);
    }
  });
});
