import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, createStaff, describeEngines, orgUnitId, startTestApp, type TestApp } from '../../../test/harness';

const COMPLAINT = '我公司在贵行海淀支行申请的项目融资贷款审批拖延三个月，客户经理一直不回复，请尽快处理。';

type Staff = { client: Client; id: string; password: string };

describeEngines('assignment: teams, rules on accept, bulk assignment', (engine) => {
  let t: TestApp;
  // A second API process on the same database, as in a deployment with several.
  let second: TestApp;
  let admin: Client;
  let cp: Staff;
  let lead: Staff;
  let leadOn2: Client;
  let agent: Staff;
  let shLead: Staff;
  let shHandler: Staff;
  let h: Staff[];
  let bjHd: string;
  let bj: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    second = await startTestApp(engine, { database: t.database, clock: t.clock });
    admin = await t.admin();
    cp = await createStaff(t, admin, { username: 'ho.cp', roles: ['consumer_protection'], orgCode: 'HO' });
    lead = await createStaff(t, admin, { username: 'bj.lead', roles: ['team_lead'], orgCode: 'BJ' });
    agent = await createStaff(t, admin, { username: 'bjhd.agent', roles: ['agent'], orgCode: 'BJ-HD' });
    shLead = await createStaff(t, admin, { username: 'sh.lead', roles: ['team_lead'], orgCode: 'SH' });
    shHandler = await createStaff(t, admin, { username: 'sh.handler', roles: ['handler'], orgCode: 'SH' });
    h = [];
    for (const n of [1, 2, 3, 4, 5, 6]) h.push(await createStaff(t, admin, { username: `bjhd.h${n}`, roles: ['handler'], orgCode: 'BJ-HD', displayName: `处理人${n}` }));
    leadOn2 = new Client(second.url);
    expect((await leadOn2.login('bj.lead', lead.password)).status).toBe(200);
    bjHd = await orgUnitId(admin, 'BJ-HD');
    bj = await orgUnitId(admin, 'BJ');
  });
  afterAll(async () => {
    await second?.app.http.close();
    await t?.close();
  });

  const team = async (name: string, strategy: 'round_robin' | 'least_loaded', members: { userId: string; skills?: string[] }[]) => {
    const r = await lead.client.post('/api/teams', { orgUnitId: bjHd, name, strategy, members });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; version: number };
  };
  const rule = async (body: Record<string, unknown>) => {
    const r = await cp.client.post('/api/assignment-rules', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; version: number };
  };
  /** A new case in 海淀支行, as the branch's agent enters it; returns its id and version. */
  const intake = async (body: Record<string, unknown> = {}) => {
    const r = await agent.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.caseId as string, version: 1 };
  };
  const accept = async (c: Client, k: { id: string; version: number }) => {
    const r = await c.post(`/api/cases/${k.id}/transitions`, { action: 'accept', version: k.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  it('lets a team lead run the teams of their subtree, and nobody else’s', async () => {
    const created = await lead.client.post('/api/teams', { orgUnitId: bjHd, name: '海淀项目融资组', members: [{ userId: h[0]!.id, skills: ['project_finance', 'english'] }, { userId: h[1]!.id }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '海淀项目融资组', strategy: 'round_robin', active: true, members: [{ userId: h[0]!.id, displayName: '处理人1', skills: ['project_finance', 'english'] }, { userId: h[1]!.id, skills: [] }] });
    const id = created.body.id;
    // Another branch's lead neither sees it nor may create a team in this branch or take its staff.
    expect((await shLead.client.get(`/api/teams/${id}`)).status).toBe(404);
    expect((await shLead.client.get('/api/teams')).body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await shLead.client.post('/api/teams', { orgUnitId: bjHd, name: '越权' })).status).toBe(404);
    const foreign = await lead.client.post('/api/teams', { orgUnitId: bjHd, name: '外行', members: [{ userId: shHandler.id }] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0].field).toBe('members.0.userId');
    const notHandler = await lead.client.post('/api/teams', { orgUnitId: bjHd, name: '坐席', members: [{ userId: agent.id }] });
    expect(notHandler.status).toBe(422);
    // Members are replaced whole, with the version seen; a stale version changes nothing.
    const edited = await lead.client.patch(`/api/teams/${id}`, { version: 1, strategy: 'least_loaded', members: [{ userId: h[1]!.id, skills: ['fees'] }] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ strategy: 'least_loaded', version: 2, members: [{ userId: h[1]!.id, skills: ['fees'] }] });
    expect((await lead.client.patch(`/api/teams/${id}`, { version: 1, name: '旧版本' })).status).toBe(409);
    const log = await admin.get(`/api/audit?objectType=team&objectId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['team.create', 'team.update']);
    // An agent may not touch teams.
    expect((await agent.client.get('/api/teams')).status).toBe(403);
    // Each person learns the active teams they are in (their team queue), and only theirs.
    const mine = async (c: Client) => (await c.get('/api/teams/mine')).body.items;
    expect(await mine(h[1]!.client)).toEqual([{ id, name: '海淀项目融资组' }]);
    expect(await mine(h[0]!.client)).toEqual([]);
    expect(await mine(agent.client)).toEqual([]);
    expect((await lead.client.patch(`/api/teams/${id}`, { version: 2, active: false })).status).toBe(200);
    expect(await mine(h[1]!.client)).toEqual([]);
    expect((await lead.client.patch(`/api/teams/${id}`, { version: 3, active: true })).status).toBe(200);
  });

  it('round robin spreads accepted cases over the members, across two API processes', async () => {
    const rr = await team('轮转组', 'round_robin', [{ userId: h[0]!.id }, { userId: h[1]!.id }, { userId: h[2]!.id }]);
    const r = await rule({ name: '营运资金贷款→轮转组', conditions: { businessLines: ['working_capital_loan'] }, teamId: rr.id });
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await intake({ businessLine: 'working_capital_loan' }));
    // Accepted at the same time through both processes: the team's row lock keeps the rotation whole.
    const accepted = await Promise.all(cases.map((k, i) => accept(i % 2 === 0 ? lead.client : leadOn2, k)));
    const counts = new Map<string, number>();
    for (const c of accepted) counts.set(c.assigneeId, (counts.get(c.assigneeId) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ [h[0]!.id]: 2, [h[1]!.id]: 2, [h[2]!.id]: 2 });
    const one = accepted[0];
    expect(one.status).toBe('assigned');
    const event = one.events.find((e: { type: string }) => e.type === 'auto_assigned');
    expect(event).toMatchObject({ fromStatus: 'accepted', toStatus: 'assigned', data: { ruleId: r.id, ruleName: '营运资金贷款→轮转组', teamId: rr.id, matched: ['businessLine'], why: 'round_robin' } });
    const log = await admin.get(`/api/audit?objectType=case&objectId=${one.id}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toContain('case.auto_assign');
    // The assignee finds it in their queue, and the team's members in the team queue.
    const mine = await h.find((s) => s.id === one.assigneeId)!.client.get('/api/cases?queue=mine');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(one.id);
  });

  it('least-loaded picks the member with the fewest open cases, ties going round', async () => {
    const [a, b, c] = [h[3]!, h[4]!, h[5]!];
    // a carries two open cases, b one, c none: assigned by hand before the team exists.
    for (const who of [a, a, b]) {
      const k = await intake({ businessLine: 'other' });
      const v = (await accept(lead.client, k)).version;
      expect((await lead.client.post(`/api/cases/${k.id}/transitions`, { action: 'assign', version: v, assigneeId: who.id })).status).toBe(200);
    }
    const ll = await team('均衡组', 'least_loaded', [{ userId: a.id }, { userId: b.id }, { userId: c.id }]);
    await rule({ name: '银团→均衡组', conditions: { businessLines: ['syndicated_loan'] }, teamId: ll.id });
    const first = await accept(lead.client, await intake({ businessLine: 'syndicated_loan' }));
    expect(first.assigneeId).toBe(c.id);
    expect(first.events.at(-1).data.why).toBe('least_loaded:0');
    // Now b and c carry one each: the rotation after c reaches b first (a still carries two).
    const second = await accept(leadOn2, await intake({ businessLine: 'syndicated_loan' }));
    expect(second.assigneeId).toBe(b.id);
  });

  it('honours a required skill, takes the first matching rule, and skips the recused', async () => {
    const skilled = await team('英语组', 'round_robin', [{ userId: h[0]!.id }, { userId: h[1]!.id, skills: ['english'] }, { userId: h[2]!.id, skills: ['english'] }]);
    const other = await team('兜底组', 'round_robin', [{ userId: h[5]!.id }]);
    await rule({ name: '贸易融资 P1', position: 1, conditions: { businessLines: ['trade_finance'], priorities: ['P1'] }, teamId: skilled.id, requiredSkill: 'english' });
    await rule({ name: '贸易融资其他', position: 2, conditions: { businessLines: ['trade_finance'] }, teamId: other.id });
    const p1 = await accept(lead.client, await intake({ businessLine: 'trade_finance', priority: 'P1' }));
    // h[0] comes first in the rotation but lacks the skill.
    expect(p1.assigneeId).toBe(h[1]!.id);
    const p3 = await accept(lead.client, await intake({ businessLine: 'trade_finance', priority: 'P3' }));
    expect(p3.assigneeId).toBe(h[5]!.id);
    // The rotation would now reach h[2], who is complained about: the case goes to h[1].
    const recused = await accept(lead.client, await intake({ businessLine: 'trade_finance', priority: 'P1', staffComplainedAbout: [h[2]!.id] }));
    expect(recused.assigneeId).toBe(h[1]!.id);
  });

  it('leaves the case in the team queue with a note when no member is eligible', async () => {
    const solo = await team('独人组', 'round_robin', [{ userId: h[3]!.id }]);
    await rule({ name: '保函→独人组', conditions: { businessLines: ['guarantee'] }, teamId: solo.id });
    const k = await intake({ businessLine: 'guarantee', staffComplainedAbout: [h[3]!.id] });
    const c = await accept(lead.client, k);
    expect(c).toMatchObject({ status: 'accepted', assigneeId: null });
    expect(c.events.at(-1)).toMatchObject({ type: 'auto_queued', data: { teamId: solo.id, why: 'all_recused' } });
    expect((await h[3]!.client.get('/api/cases?queue=team')).body.items.map((x: { id: string }) => x.id)).toContain(k.id);
    // The team's only member is the line manager of the staff member complained about.
    const leads = await team('主管组', 'round_robin', [{ userId: lead.id }]);
    await rule({ name: '网银→主管组', conditions: { businessLines: ['online_banking'] }, teamId: leads.id });
    const managed = await accept(cp.client, await intake({ businessLine: 'online_banking', staffComplainedAbout: [h[0]!.id] }));
    expect(managed).toMatchObject({ status: 'accepted', assigneeId: null });
    expect(managed.events.at(-1).data.why).toBe('all_recused');
    // No rule for this business line: accepted and left for a supervisor, nothing automatic.
    const plain = await accept(lead.client, await intake({ businessLine: 'settlement' }));
    expect(plain.status).toBe('accepted');
    expect(plain.events.map((e: { type: string }) => e.type)).toEqual(['registered', 'accept']);
  });

  it('tests a rule against a case without writing anything', async () => {
    const k = await intake({ businessLine: 'working_capital_loan' });
    const r = await cp.client.post('/api/assignment-rules/test', { caseId: k.id });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ruleName: '营运资金贷款→轮转组', why: 'round_robin' });
    expect(r.body.evaluated.find((e: { ruleId: string }) => e.ruleId === r.body.ruleId).failed).toEqual([]);
    expect((await lead.client.get(`/api/cases/${k.id}`)).body).toMatchObject({ status: 'new', assigneeId: null, version: 1 });
    // Rules are edited with the version seen and audited; a bad team is refused by field.
    const bad = await cp.client.patch(`/api/assignment-rules/${r.body.ruleId}`, { version: 1, teamId: bj });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('teamId');
    const badUnit = await cp.client.patch(`/api/assignment-rules/${r.body.ruleId}`, { version: 1, conditions: { orgUnitIds: [bj, r.body.ruleId] } });
    expect(badUnit.status).toBe(422);
    expect(badUnit.body.errors[0].field).toBe('conditions.orgUnitIds.1');
    const off = await cp.client.patch(`/api/assignment-rules/${r.body.ruleId}`, { version: 1, active: false });
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect((await cp.client.post('/api/assignment-rules/test', { caseId: k.id })).body.ruleId).toBeNull();
    expect((await cp.client.delete(`/api/assignment-rules/${r.body.ruleId}?version=1`)).status).toBe(409);
    expect((await cp.client.delete(`/api/assignment-rules/${r.body.ruleId}?version=2`)).status).toBe(200);
    const log = await admin.get(`/api/audit?objectType=assignment_rule&objectId=${r.body.ruleId}`);
    expect(log.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['assignment_rule.create', 'assignment_rule.delete', 'assignment_rule.update']);
  });

  it('bulk-assigns: a stale version is refused, the others are assigned', async () => {
    const ks = [];
    for (let i = 0; i < 3; i++) {
      const k = await intake({ businessLine: 'settlement' });
      ks.push({ id: k.id, version: (await accept(lead.client, k)).version as number });
    }
    const stale = { ...ks[1]!, version: ks[1]!.version - 1 };
    const r = await lead.client.post('/api/cases/bulk-assign', { cases: [ks[0], stale, ks[2]], assigneeId: h[4]!.id, reason: '批量分派' });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { ok: boolean; code: string | null }) => [x.ok, x.code])).toEqual([[true, null], [false, 'stale_version'], [true, null]]);
    expect((await lead.client.get(`/api/cases/${ks[1]!.id}`)).body).toMatchObject({ status: 'accepted', assigneeId: null });
    const done = await lead.client.get(`/api/cases/${ks[0]!.id}`);
    expect(done.body).toMatchObject({ status: 'assigned', assigneeId: h[4]!.id });
    expect(done.body.events.at(-1)).toMatchObject({ type: 'assign', reason: '批量分派' });
    // The lifecycle's own checks apply to each case: a handler may not assign at all.
    const handlerTry = await h[0]!.client.post('/api/cases/bulk-assign', { cases: [{ id: ks[1]!.id, version: ks[1]!.version }], assigneeId: h[4]!.id });
    expect(handlerTry.body.results[0]).toMatchObject({ ok: false, code: 'forbidden' });
    const dup = await lead.client.post('/api/cases/bulk-assign', { cases: [ks[1], ks[1]], assigneeId: h[4]!.id });
    expect(dup.status).toBe(400);
  });
  it('bulk-assigns through a team: its rotation picks each person, skipping the recused, and the team is recorded', async () => {
    const pair = await team('批量轮转组', 'round_robin', [{ userId: h[0]!.id }, { userId: h[1]!.id }]);
    const ks = [];
    for (const about of [[], [], [h[0]!.id], []]) {
      const k = await intake({ businessLine: 'settlement', staffComplainedAbout: about });
      ks.push({ id: k.id, version: (await accept(lead.client, k)).version as number });
    }
    const r = await lead.client.post('/api/cases/bulk-assign', { cases: ks, teamId: pair.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // h0, h1, then the case about h0 goes to h1 (h0 recused), then h0 again after h1.
    expect(r.body.results.map((x: { assigneeId: string }) => x.assigneeId)).toEqual([h[0]!.id, h[1]!.id, h[1]!.id, h[0]!.id]);
    const d = (await lead.client.get(`/api/cases/${ks[0]!.id}`)).body;
    expect(d).toMatchObject({ status: 'assigned', teamId: pair.id, assigneeId: h[0]!.id });
    expect(d.events.slice(-2).map((e: { type: string }) => e.type)).toEqual(['assign', 'team_assigned']);
    // A team outside the caller's subtree is refused as a whole, naming the field.
    const foreign = await shLead.client.post('/api/cases/bulk-assign', { cases: [ks[0]], teamId: pair.id });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0].field).toBe('teamId');
    const both = await lead.client.post('/api/cases/bulk-assign', { cases: [ks[0]], teamId: pair.id, assigneeId: h[0]!.id });
    expect(both.status).toBe(400);
  });
});
