import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client} from '../../../test/harness';
import { createStaff, describeEngines, orgUnitId, startTestApp, type TestApp } from '../../../test/harness';

type Staff = { client: Client; id: string };

describeEngines('saved views of the case list', (engine) => {
  let t: TestApp;
  let admin: Client;
  let h1: Staff;
  let h2: Staff;
  let bjLead: Staff;
  let bjManager: Staff;
  let shLead: Staff;
  let shAgent: Staff;
  let bjHd: string;
  let sh: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    h1 = await createStaff(t, admin, { username: 'bjhd.h1', roles: ['handler'], orgCode: 'BJ-HD', displayName: '处理人一' });
    h2 = await createStaff(t, admin, { username: 'bjhd.h2', roles: ['handler'], orgCode: 'BJ-HD' });
    bjLead = await createStaff(t, admin, { username: 'bj.lead', roles: ['team_lead'], orgCode: 'BJ', displayName: '北京组长' });
    bjManager = await createStaff(t, admin, { username: 'bj.manager', roles: ['branch_manager'], orgCode: 'BJ' });
    shLead = await createStaff(t, admin, { username: 'sh.lead', roles: ['team_lead'], orgCode: 'SH' });
    shAgent = await createStaff(t, admin, { username: 'shpd.agent', roles: ['agent'], orgCode: 'SH-PD' });
    bjHd = await orgUnitId(admin, 'BJ-HD');
    sh = await orgUnitId(admin, 'SH');
  });
  afterAll(() => t?.close());

  const names = async (c: Client) => {
    const r = await c.get('/api/saved-views');
    expect(r.status).toBe(200);
    return (r.body.items as { name: string }[]).map((v) => v.name).sort();
  };

  it('keeps a private view to its owner, with the filters the case list takes', async () => {
    const created = await h1.client.post('/api/saved-views', { name: '我的P1投诉', filters: { queue: 'mine', priority: 'P1', kind: 'complaint' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: '我的P1投诉', filters: { queue: 'mine', priority: 'P1', kind: 'complaint' }, ownerId: h1.id, ownerName: '处理人一', sharedWithOrgUnitId: null, mine: true, version: 1 });
    expect(await names(h1.client)).toEqual(['我的P1投诉']);
    expect(await names(h2.client)).toEqual([]);
    expect(await names(bjLead.client)).toEqual([]);
    // The same contract as the case list: an unknown queue or priority is refused.
    expect((await h1.client.post('/api/saved-views', { name: 'x', filters: { queue: 'everything' } })).status).toBe(400);
    expect((await h1.client.post('/api/saved-views', { name: 'x', filters: { priority: 'P9' } })).status).toBe(400);
    // Only the owner changes it; a stale version changes nothing.
    const id = created.body.id;
    expect((await h2.client.patch(`/api/saved-views/${id}`, { version: 1, name: '抢走' })).status).toBe(404);
    const renamed = await h1.client.patch(`/api/saved-views/${id}`, { version: 1, name: '紧急投诉', filters: { queue: 'overdue' } });
    expect(renamed.body).toMatchObject({ name: '紧急投诉', filters: { queue: 'overdue' }, version: 2 });
    expect((await h1.client.patch(`/api/saved-views/${id}`, { version: 1, name: '旧' })).status).toBe(409);
    expect((await h1.client.delete(`/api/saved-views/${id}?version=2`)).status).toBe(200);
    expect(await names(h1.client)).toEqual([]);
    const log = await admin.get(`/api/audit?objectType=saved_view&objectId=${id}`);
    expect(log.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['saved_view.create', 'saved_view.delete', 'saved_view.update']);
  });

  it('lets a supervisor share a view with a unit of their subtree; another branch never sees it', async () => {
    // A handler may not share.
    expect((await h1.client.post('/api/saved-views', { name: 'x', filters: {}, sharedWithOrgUnitId: bjHd })).status).toBe(403);
    // Nor may a lead share with another branch.
    const foreign = await bjLead.client.post('/api/saved-views', { name: 'x', filters: {}, sharedWithOrgUnitId: sh });
    expect([foreign.status, foreign.body.errors?.[0]?.field]).toEqual([404, 'sharedWithOrgUnitId']);

    const hd = await bjLead.client.post('/api/saved-views', { name: '海淀逾期', filters: { queue: 'overdue' }, sharedWithOrgUnitId: bjHd });
    expect(hd.status).toBe(201);
    const shView = await shLead.client.post('/api/saved-views', { name: '上海待补充', filters: { queue: 'awaiting_customer' }, sharedWithOrgUnitId: sh });
    expect(shView.status).toBe(201);

    // Staff of 海淀 see the 海淀 view, as theirs to use but not to change.
    expect(await names(h1.client)).toEqual(['海淀逾期']);
    const seen = (await h2.client.get('/api/saved-views')).body.items[0];
    expect(seen).toMatchObject({ name: '海淀逾期', mine: false, ownerName: '北京组长', sharedWithOrgUnitId: bjHd });
    expect((await h2.client.patch(`/api/saved-views/${hd.body.id}`, { version: 1, name: '改' })).status).toBe(403);
    expect((await h2.client.delete(`/api/saved-views/${hd.body.id}?version=1`)).status).toBe(403);
    // The branch level above 海淀 is not in the unit it was shared with.
    expect(await names(bjManager.client)).toEqual([]);
    // Shanghai sees its own view and never Beijing's; Beijing never Shanghai's.
    expect(await names(shAgent.client)).toEqual(['上海待补充']);
    expect((await shAgent.client.patch(`/api/saved-views/${hd.body.id}`, { version: 1, name: '改' })).status).toBe(404);
    expect(await names(h1.client)).not.toContain('上海待补充');
    expect(await names(bjLead.client)).toEqual(['海淀逾期']);

    // Shared with a team instead: its members see it, the rest of 海淀 no longer does.
    const team = await bjLead.client.post('/api/teams', { orgUnitId: bjHd, name: '海淀投诉组', members: [{ userId: h2.id }] });
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    const toTeam = await bjLead.client.patch(`/api/saved-views/${hd.body.id}`, { version: 1, sharedWithTeamId: team.body.id });
    expect(toTeam.body).toMatchObject({ sharedWithOrgUnitId: null, sharedWithTeamId: team.body.id, version: 2 });
    expect(await names(h2.client)).toEqual(['海淀逾期']);
    expect(await names(h1.client)).toEqual([]);
    expect((await h1.client.delete(`/api/saved-views/${hd.body.id}?version=2`)).status).toBe(404);
    // Another branch's lead cannot share with this team, nor with a unit and a team at once.
    const foreignTeam = await shLead.client.post('/api/saved-views', { name: 'x', filters: {}, sharedWithTeamId: team.body.id });
    expect([foreignTeam.status, foreignTeam.body.errors?.[0]?.field]).toEqual([404, 'sharedWithTeamId']);
    expect((await bjLead.client.post('/api/saved-views', { name: 'x', filters: {}, sharedWithTeamId: team.body.id, sharedWithOrgUnitId: bjHd })).status).toBe(400);

    // Made private again: nobody else sees it.
    expect((await bjLead.client.patch(`/api/saved-views/${hd.body.id}`, { version: 2, sharedWithTeamId: null })).status).toBe(200);
    expect(await names(h2.client)).toEqual([]);
  });
});
