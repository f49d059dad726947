import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Client} from '../../../test/harness';
import { createStaff, describeEngines, startTestApp, type TestApp } from '../../../test/harness';

const COMPLAINT = '贵行海淀支行的银团贷款信息披露不完整，我们将向媒体曝光并向监管部门反映，请尽快处理。';

type Staff = { client: Client; id: string; password: string };

describeEngines('major cases and the expert panel', (engine) => {
  let t: TestApp;
  let admin: Client;
  let cp: Staff;
  let lead: Staff;
  let agent: Staff;
  let handler: Staff;
  let complainedAbout: Staff;
  let legal: Staff;
  let otherLegal: Staff;
  let expert: Staff;
  let risk: Staff;
  let mediaRule: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    cp = await createStaff(t, admin, { username: 'ho.cp', roles: ['consumer_protection'], orgCode: 'HO' });
    lead = await createStaff(t, admin, { username: 'bj.lead', roles: ['team_lead'], orgCode: 'BJ' });
    agent = await createStaff(t, admin, { username: 'bjhd.agent', roles: ['agent'], orgCode: 'BJ-HD' });
    handler = await createStaff(t, admin, { username: 'bjhd.handler', roles: ['handler'], orgCode: 'BJ-HD', displayName: '处理人' });
    complainedAbout = await createStaff(t, admin, { username: 'bjhd.rm', roles: ['handler'], orgCode: 'BJ-HD' });
    legal = await createStaff(t, admin, { username: 'ho.legal', roles: ['legal_officer'], orgCode: 'HO-LEGAL', displayName: '法务专家' });
    otherLegal = await createStaff(t, admin, { username: 'ho.legal2', roles: ['legal_officer'], orgCode: 'HO-LEGAL' });
    expert = await createStaff(t, admin, { username: 'ho.expert', roles: ['expert'], orgCode: 'HO-CP', displayName: '消保专家' });
    risk = await createStaff(t, admin, { username: 'ho.risk', roles: ['risk_officer'], orgCode: 'HO-RISK', displayName: '风险专家' });
    const created = await cp.client.post('/api/major-case-rules', {
      name: '媒体或监管威胁',
      conditions: { riskFlags: ['media_threat', 'regulator_threat'] },
      panelMemberIds: [legal.id, expert.id, risk.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    mediaRule = created.body;
  });
  afterAll(() => t?.close());

  const intake = async (body: Record<string, unknown> = {}) => {
    const r = await agent.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.caseId as string;
  };
  const act = async (c: Client, id: string, body: Record<string, unknown>) => {
    const now = await c.get(`/api/cases/${id}`);
    return c.post(`/api/cases/${id}/transitions`, { version: now.body.version, ...body });
  };
  /** A case accepted by the lead, assigned to the handler and started. */
  const working = async (body: Record<string, unknown> = {}) => {
    const id = await intake(body);
    expect((await act(lead.client, id, { action: 'accept' })).status).toBe(200);
    expect((await act(lead.client, id, { action: 'assign', assigneeId: handler.id })).status).toBe(200);
    expect((await act(handler.client, id, { action: 'start' })).status).toBe(200);
    return id;
  };
  const decision = (outcome = 'partly_upheld') => ({ outcome, letter: '经核实，您反映的信息披露问题部分属实，我行将补充披露并致歉。', remedies: [{ kind: 'apology' }] });
  const submit = async (c: Client, id: string, extra: Record<string, unknown> = {}) => {
    const v = (await c.get(`/api/cases/${id}`)).body.version;
    return c.post(`/api/cases/${id}/panel`, { version: v, decision: decision(), ...extra });
  };

  it('lets only admins and consumer protection edit the rules, and checks what a rule names', async () => {
    expect((await lead.client.get('/api/major-case-rules')).status).toBe(403);
    const list = await admin.get('/api/major-case-rules');
    expect(list.body.items).toMatchObject([{ id: mediaRule.id, conditions: { riskFlags: ['media_threat', 'regulator_threat'] }, panelMemberIds: [legal.id, expert.id, risk.id], quorum: null }]);
    // A panel member who may not sit on a panel (an agent), a quorum larger than the panel, no condition at all.
    const agentOnPanel = await cp.client.post('/api/major-case-rules', { name: 'x', conditions: { amountAtLeast: 1 }, panelMemberIds: [agent.id] });
    expect([agentOnPanel.status, agentOnPanel.body.errors[0].field]).toEqual([422, 'panelMemberIds.0']);
    const quorum = await cp.client.post('/api/major-case-rules', { name: 'x', conditions: { amountAtLeast: 1 }, panelMemberIds: [legal.id], quorum: 2 });
    expect([quorum.status, quorum.body.errors[0].field]).toEqual([422, 'quorum']);
    expect((await cp.client.post('/api/major-case-rules', { name: 'x', conditions: {} })).status).toBe(400);
  });

  it('marks a case major when it is accepted, with the rule on the timeline and in the audit trail', async () => {
    const id = await intake({ riskFlags: ['media_threat'] });
    expect((await handler.client.get(`/api/cases/${id}/panel`)).body).toMatchObject({ major: false });
    const accepted = await act(lead.client, id, { action: 'accept' });
    expect(accepted.body.major).toBe(true);
    expect(accepted.body.events.find((e: { type: string }) => e.type === 'marked_major')).toMatchObject({ data: { ruleId: mediaRule.id, ruleName: '媒体或监管威胁', matched: ['riskFlags'], trigger: 'accepted' } });
    const panel = await lead.client.get(`/api/cases/${id}/panel`);
    expect(panel.body).toMatchObject({ major: true, majorRuleId: mediaRule.id, majorRuleName: '媒体或监管威胁', expertReviewDone: false, reviews: [] });
    const log = await admin.get(`/api/audit?objectType=case&objectId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toContain('case.mark_major');
    // A case without the flags stays ordinary.
    const plain = await intake();
    expect((await act(lead.client, plain, { action: 'accept' })).body.major).toBe(false);
    // The case list carries the mark too, so the queue can show it.
    const listed = (await lead.client.get('/api/cases?queue=all&limit=200')).body.items as { id: string; major: boolean }[];
    expect(listed.find((c) => c.id === id)?.major).toBe(true);
    expect(listed.find((c) => c.id === plain)?.major).toBe(false);
  });

  it('marks a case major when a reclassification makes a rule match', async () => {
    const rule = await cp.client.post('/api/major-case-rules', { name: '银团贷款', conditions: { businessLines: ['syndicated_loan'] }, panelMemberIds: [legal.id] });
    expect(rule.status).toBe(201);
    const id = await working();
    expect((await handler.client.get(`/api/cases/${id}`)).body.major).toBe(false);
    const v = (await handler.client.get(`/api/cases/${id}`)).body.version;
    const r = await handler.client.post(`/api/cases/${id}/classification`, { version: v, businessLine: 'syndicated_loan' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.major).toBe(true);
    expect(r.body.events.find((e: { type: string }) => e.type === 'marked_major')).toMatchObject({ data: { ruleName: '银团贷款', trigger: 'changed' } });
    expect((await admin.patch(`/api/major-case-rules/${rule.body.id}`, { version: 1, active: false })).status).toBe(200);
  });

  it('refuses the answer until a quorum of the panel agrees; a member from head office sees the case only through the grant', async () => {
    const id = await working({ riskFlags: ['regulator_threat'] });
    const refused = await act(handler.client, id, { action: 'answer', decision: decision() });
    expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([422, 'expertReview']);
    // Head-office legal cannot see a branch case before it is put to them.
    expect((await legal.client.get(`/api/cases/${id}`)).status).toBe(404);
    // Only a consumer-protection officer chooses the panel; the handler gets the rule's.
    expect((await submit(handler.client, id, { memberIds: [otherLegal.id] })).status).toBe(403);
    // A complaint's draft carries its verdict.
    const bare = await submit(handler.client, id, { decision: { ...decision(), outcome: null } });
    expect([bare.status, bare.body.errors?.[0]?.field]).toEqual([422, 'decision.outcome']);
    const submitted = await submit(handler.client, id, { decision: { ...decision(), letter: `${decision().letter}请致电13912345678联系客户经理。` } });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.reviews[0]).toMatchObject({ status: 'open', quorum: 2, members: [{ userId: legal.id, displayName: '法务专家', opinion: null }, { userId: expert.id }, { userId: risk.id }] });
    expect(submitted.body.canSubmit).toBe(false);
    expect((await submit(handler.client, id)).status).toBe(409);

    // The grant: the member now reads the case, a colleague of theirs not on the panel still cannot.
    expect((await legal.client.get(`/api/cases/${id}`)).status).toBe(200);
    expect((await otherLegal.client.get(`/api/cases/${id}`)).status).toBe(404);
    // The draft's letter is sealed: the handler reads it as written, the legal expert (no right to personal data) masked.
    expect(submitted.body.reviews[0]).toMatchObject({ decisionMasked: false, decision: { letter: expect.stringContaining('13912345678') } });
    const seenByLegal = (await legal.client.get(`/api/cases/${id}/panel`)).body.reviews[0];
    expect(seenByLegal.decisionMasked).toBe(true);
    expect(seenByLegal.decision.letter).toContain('信息披露问题');
    expect(seenByLegal.decision.letter).not.toContain('13912345678');
    const stored = ((await t.database.db.execute(sql`select decision->>'letter' as letter, letter_sealed as sealed from panel_reviews where case_id = ${id}`)) as unknown as { rows: { letter: string; sealed: string }[] }).rows[0]!;
    expect(stored.sealed).toMatch(/^v1\.t1\./);
    expect(stored.letter).not.toContain('13912345678');
    // A draft stored in the clear (before drafts were sealed): masked when read, sealed at start-up.
    const plain = submitted.body.reviews[0].decision.letter as string;
    await t.database.db.execute(sql`update panel_reviews set decision = jsonb_set(decision, '{letter}', to_jsonb(${plain}::text)), letter_sealed = null where case_id = ${id}`);
    expect((await legal.client.get(`/api/cases/${id}/panel`)).body.reviews[0].decision.letter).not.toContain('13912345678');
    expect(await t.app.services.panel.sealLegacyDrafts()).toBe(1);
    expect(await t.app.services.panel.sealLegacyDrafts()).toBe(0);
    const resealed = ((await t.database.db.execute(sql`select decision->>'letter' as letter, letter_sealed as sealed from panel_reviews where case_id = ${id}`)) as unknown as { rows: { letter: string; sealed: string }[] }).rows[0]!;
    expect(resealed.sealed).toMatch(/^v1\.t1\./);
    expect(resealed.letter).not.toContain('13912345678');
    expect((await handler.client.get(`/api/cases/${id}/panel`)).body.reviews[0]).toMatchObject({ decisionMasked: false, decision: { letter: plain } });
    expect((await legal.client.get('/api/cases?queue=all')).body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const grants = await admin.get(`/api/grants?objectType=case&objectId=${id}`);
    expect(grants.body.items.map((g: { userId: string; purpose: string }) => `${g.purpose}:${g.userId}`).sort()).toEqual([`expert_panel:${expert.id}`, `expert_panel:${legal.id}`, `expert_panel:${risk.id}`].sort());

    // Someone who is not on the panel gives no opinion.
    expect((await handler.client.post(`/api/cases/${id}/panel/opinions`, { opinion: 'agree' })).status).toBe(403);
    const first = await legal.client.post(`/api/cases/${id}/panel/opinions`, { opinion: 'agree', comment: '' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ expertReviewDone: false, canRecordOpinion: false, reviews: [{ status: 'open' }] });
    expect((await legal.client.post(`/api/cases/${id}/panel/opinions`, { opinion: 'agree' })).status).toBe(409);
    expect((await act(handler.client, id, { action: 'answer', decision: decision() })).status).toBe(422);
    // Agreeing with changes needs the changes.
    expect((await expert.client.post(`/api/cases/${id}/panel/opinions`, { opinion: 'agree_with_changes' })).status).toBe(400);
    const second = await expert.client.post(`/api/cases/${id}/panel/opinions`, { opinion: 'agree_with_changes', comment: '致歉信中补充整改时限' });
    expect(second.body).toMatchObject({ expertReviewDone: true, reviews: [{ status: 'agreed', members: [{ opinion: 'agree' }, { opinion: 'agree_with_changes', comment: '致歉信中补充整改时限' }, { opinion: null }] }] });
    // The review is over: the third member has nothing left to say.
    expect((await risk.client.post(`/api/cases/${id}/panel/opinions`, { opinion: 'agree' })).status).toBe(409);

    // The answer must keep the outcome the panel agreed to.
    const turned = await act(handler.client, id, { action: 'answer', decision: decision('not_upheld') });
    expect([turned.status, turned.body.errors?.[0]?.field]).toEqual([422, 'decision.outcome']);
    const answered = await act(handler.client, id, { action: 'answer', decision: decision() });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.status).toBe('answered');
    expect(answered.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['panel.submitted', 'panel.opinion', 'panel.agreed', 'answer']));
    const log = await admin.get(`/api/audit?objectType=case&objectId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['case.panel_submit', 'case.panel_opinion', 'case.panel_agreed', 'case.answer']));
    // The audit trail keeps the draft with its personal data masked.
    const draft = log.body.items.find((e: { action: string }) => e.action === 'case.panel_submit').after.decision.letter as string;
    expect(draft).toContain('信息披露问题');
    expect(draft).not.toContain('13912345678');

    // Reopened on new facts, the case's next answer goes before the panel again.
    expect((await act(handler.client, id, { action: 'reopen', reopenKind: 'new_facts', reason: '客户补充了新的材料' })).status).toBe(200);
    expect((await act(handler.client, id, { action: 'start' })).status).toBe(200);
    const again = await act(handler.client, id, { action: 'answer', decision: decision() });
    expect([again.status, again.body.errors?.[0]?.field]).toEqual([422, 'expertReview']);
    expect((await handler.client.get(`/api/cases/${id}/panel`)).body).toMatchObject({ expertReviewDone: false, canSubmit: true });
  });

  it('never seats staff complained about or their line managers: 422 naming the member', async () => {
    const id = await working({ riskFlags: ['media_threat'], staffComplainedAbout: [] });
    // Registered through intake by staff with the complained-about person named.
    const named = await agent.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT, riskFlags: ['media_threat'], staffComplainedAbout: [complainedAbout.id] });
    const other = named.body.caseId as string;
    expect((await act(lead.client, other, { action: 'accept' })).status).toBe(200);
    expect((await act(lead.client, other, { action: 'assign', assigneeId: handler.id })).status).toBe(200);
    // bj.lead manages the branch the complained-about handler works in: recused too.
    const withManager = await submit(cp.client, other, { memberIds: [legal.id, lead.id] });
    expect([withManager.status, withManager.body.errors?.[0]?.field]).toEqual([422, 'memberIds.1']);
    const withStaff = await submit(cp.client, other, { memberIds: [complainedAbout.id] });
    expect([withStaff.status, withStaff.body.errors?.[0]?.field]).toEqual([422, 'memberIds.0']);
    // The handler does not review their own draft.
    const own = await submit(cp.client, id, { memberIds: [handler.id] });
    expect([own.status, own.body.errors?.[0]?.field]).toEqual([422, 'memberIds.0']);
    // Nothing was put to the panel, nobody was granted anything.
    expect((await cp.client.get(`/api/cases/${other}/panel`)).body.reviews).toEqual([]);
    expect((await admin.get(`/api/grants?objectType=case&objectId=${other}`)).body.items).toEqual([]);
    const chosen = await submit(cp.client, other, { memberIds: [legal.id], quorum: 1 });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body.reviews[0]).toMatchObject({ quorum: 1, members: [{ userId: legal.id }] });
  });

  it('returns the draft to the handler on a disagreement; a new draft starts a new review', async () => {
    const id = await working({ riskFlags: ['media_threat'] });
    expect((await submit(handler.client, id)).status).toBe(200);
    const no = await risk.client.post(`/api/cases/${id}/panel/opinions`, { opinion: 'disagree', comment: '补偿方案不足' });
    expect(no.status).toBe(200);
    expect(no.body).toMatchObject({ expertReviewDone: false, reviews: [{ status: 'returned', members: [{ opinion: null }, { opinion: null }, { opinion: 'disagree', comment: '补偿方案不足' }] }] });
    expect((await handler.client.get(`/api/cases/${id}/panel`)).body.canSubmit).toBe(true);
    expect((await legal.client.post(`/api/cases/${id}/panel/opinions`, { opinion: 'agree' })).status).toBe(409);
    const refused = await act(handler.client, id, { action: 'answer', decision: decision() });
    expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([422, 'expertReview']);
    const detail = await handler.client.get(`/api/cases/${id}`);
    expect(detail.body.events.find((e: { type: string }) => e.type === 'panel.returned')).toBeTruthy();
    const again = await submit(handler.client, id);
    expect(again.body.reviews.map((r: { round: number; status: string }) => `${r.round}:${r.status}`)).toEqual(['2:open', '1:returned']);
  });
});
