import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client} from './harness';
import { createStaff, describeEngines, startTestApp, type Reply, type TestApp } from './harness';

interface AuditItem {
  seq: number;
  action: string;
  actorName: string | null;
  objectType: string;
  objectId: string | null;
  before: any;
  after: any;
}

describeEngines('org units', (engine) => {
  let t: TestApp;
  let admin: Client;
  const unit: Record<string, string> = {};
  let bjLead: Awaited<ReturnType<typeof createStaff>>;
  let shLead: Awaited<ReturnType<typeof createStaff>>;
  let zgcAgent: Awaited<ReturnType<typeof createStaff>>;

  const auditOf = async (objectId: string): Promise<AuditItem[]> => {
    const r = await admin.get(`/api/audit?objectType=org_unit&objectId=${objectId}`);
    expect(r.status).toBe(200);
    return r.body.items as AuditItem[];
  };
  const codes = (r: Reply) => (r.body.items as { code: string }[]).map((u) => u.code);
  const expectProblem = (r: Reply, status: number, code: string, field?: string) => {
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect({ status: r.status, code: r.body.code, field: r.body.errors?.[0]?.field }).toEqual({ status, code, field });
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    const all = await admin.get<{ items: { id: string; code: string }[] }>('/api/org-units');
    for (const u of all.body.items) unit[u.code] = u.id;
    bjLead = await createStaff(t, admin, { username: 'bj.lead', roles: ['branch_manager', 'team_lead'], orgCode: 'BJ' });
    shLead = await createStaff(t, admin, { username: 'sh.lead', roles: ['branch_manager', 'team_lead'], orgCode: 'SH' });
    zgcAgent = await createStaff(t, admin, { username: 'zgc.agent', roles: ['agent'], orgCode: 'BJ-HD-ZGC' });
  });
  afterAll(() => t?.close());

  it('lists the whole seeded tree for the head-office admin', async () => {
    const list = await admin.get('/api/org-units');
    expect(list.status).toBe(200);
    expect(codes(list)).toHaveLength(24);
    const ho = (list.body.items as { code: string; depth: number; parentId: string | null; kind: string }[]).find((u) => u.code === 'HO')!;
    expect(ho).toMatchObject({ depth: 0, parentId: null, kind: 'head_office' });
  });

  it('creates a unit of a kind its parent may hold, and audits it', async () => {
    const r = await admin.post('/api/org-units', { parentId: unit.BJ, kind: 'sub_branch', code: 'BJ-XC', name: '西城支行' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ parentId: unit.BJ, kind: 'sub_branch', code: 'BJ-XC', name: '西城支行', depth: 2, version: 1 });
    unit['BJ-XC'] = r.body.id;

    const got = await admin.get(`/api/org-units/${r.body.id}`);
    expect(got.body).toEqual(r.body);
    // The BJ branch sees its new sub-branch; SH does not.
    expect(codes(await bjLead.client.get('/api/org-units'))).toContain('BJ-XC');
    expect((await shLead.client.get(`/api/org-units/${r.body.id}`)).status).toBe(404);

    const audit = await auditOf(r.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'org_unit.create', actorName: 'admin', objectId: r.body.id, before: null, after: r.body });

    // An outlet under the new sub-branch is allowed too.
    const outlet = await admin.post('/api/org-units', { parentId: r.body.id, kind: 'outlet', code: 'BJ-XC-JRJ', name: '金融街网点' });
    expect(outlet.status).toBe(201);
    expect(outlet.body.depth).toBe(3);
  });

  it('refuses a kind the parent may not hold with 422 on kind', async () => {
    const before = await admin.get('/api/org-units');
    const cases = [
      { parentId: unit.HO, kind: 'outlet', code: 'HO-OUT', name: '总行网点' },
      { parentId: unit.HO, kind: 'sub_branch', code: 'HO-SUB', name: '总行支行' },
      { parentId: unit['BJ-HD-ZGC'], kind: 'department', code: 'ZGC-DEPT', name: '网点部门' },
      { parentId: unit['HO-CP'], kind: 'branch', code: 'CP-BR', name: '部门分行' },
      { parentId: unit.BJ, kind: 'head_office', code: 'BJ-HO', name: '第二总行' },
    ];
    for (const body of cases) expectProblem(await admin.post('/api/org-units', body), 422, 'unprocessable', 'kind');
    expect(codes(await admin.get('/api/org-units'))).toEqual(codes(before));
  });

  it('refuses an invalid code with 400 on code', async () => {
    for (const code of ['X', 'has space', 'BJ/HD', '分行', 'A'.repeat(33)]) {
      const r = await admin.post('/api/org-units', { parentId: unit.BJ, kind: 'sub_branch', code, name: '坏代码支行' });
      expectProblem(r, 400, 'validation_failed', 'code');
    }
    const badName = await admin.post('/api/org-units', { parentId: unit.BJ, kind: 'sub_branch', code: 'BJ-OK', name: 'x' });
    expectProblem(badName, 400, 'validation_failed', 'name');
    const badRename = await admin.patch(`/api/org-units/${unit['BJ-CY']}`, { version: 1, code: 'no good' });
    expectProblem(badRename, 400, 'validation_failed', 'code');
  });

  it('refuses a duplicate code with 409 on code', async () => {
    const r = await admin.post('/api/org-units', { parentId: unit.SH, kind: 'sub_branch', code: 'BJ-HD', name: '另一个海淀支行' });
    expectProblem(r, 409, 'duplicate', 'code');
    // Also when recoding an existing unit to a taken code.
    const cy = await admin.get(`/api/org-units/${unit['BJ-CY']}`);
    const recode = await admin.patch(`/api/org-units/${unit['BJ-CY']}`, { version: cy.body.version, code: 'SH-PD' });
    expectProblem(recode, 409, 'duplicate', 'code');
    const after = await admin.get(`/api/org-units/${unit['BJ-CY']}`);
    expect(after.body).toEqual(cy.body);
    expect((await auditOf(unit['BJ-CY']!)).map((e) => e.action)).toEqual(['org_unit.create']);
  });

  it('renames with the current version (version + 1) and refuses a stale one without changing or auditing anything', async () => {
    const id = unit['BJ-CY']!;
    const before = await admin.get(`/api/org-units/${id}`);
    const v = before.body.version as number;
    const renamed = await admin.patch(`/api/org-units/${id}`, { version: v, name: '朝阳区支行' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id, name: '朝阳区支行', code: 'BJ-CY', version: v + 1, parentId: unit.BJ, depth: 2 });

    let audit = await auditOf(id);
    expect(audit[0]).toMatchObject({
      action: 'org_unit.update',
      actorName: 'admin',
      before: { name: '朝阳支行', version: v },
      after: { name: '朝阳区支行', version: v + 1 },
    });
    const entries = audit.length;

    const stale = await admin.patch(`/api/org-units/${id}`, { version: v, name: '过期的名字' });
    expectProblem(stale, 409, 'stale_version', undefined);
    const now = await admin.get(`/api/org-units/${id}`);
    expect(now.body).toEqual(renamed.body);
    audit = await auditOf(id);
    expect(audit).toHaveLength(entries);

    // A stale move is refused just the same, and nothing moves.
    const staleMove = await admin.patch(`/api/org-units/${id}`, { version: v, parentId: unit.SH });
    expectProblem(staleMove, 409, 'stale_version', undefined);
    expect((await admin.get(`/api/org-units/${id}`)).body).toEqual(renamed.body);
    expect(codes(await bjLead.client.get('/api/org-units'))).toEqual(expect.arrayContaining(['BJ-CY', 'BJ-CY-GM']));
    expect(await auditOf(id)).toHaveLength(entries);

    // Recoding with the current version works and is audited with both codes.
    const recoded = await admin.patch(`/api/org-units/${id}`, { version: v + 1, code: 'BJ-CHY' });
    expect(recoded.status).toBe(200);
    expect(recoded.body).toMatchObject({ code: 'BJ-CHY', version: v + 2 });
    expect((await auditOf(id))[0]).toMatchObject({ action: 'org_unit.update', before: { code: 'BJ-CY' }, after: { code: 'BJ-CHY' } });
  });

  it('refuses to move a unit under itself or its own descendants (422 on parentId)', async () => {
    const d1 = await admin.post('/api/org-units', { parentId: unit.HO, kind: 'department', code: 'HO-OPS', name: '运营管理部' });
    const d2 = await admin.post('/api/org-units', { parentId: d1.body.id, kind: 'department', code: 'HO-OPS-A', name: '运营一处' });
    const d3 = await admin.post('/api/org-units', { parentId: d2.body.id, kind: 'department', code: 'HO-OPS-A1', name: '运营一科' });
    expect([d1.status, d2.status, d3.status]).toEqual([201, 201, 201]);
    const entries = (await auditOf(d1.body.id)).length;

    // Under itself, its child, its grandchild.
    for (const target of [d1.body.id, d2.body.id, d3.body.id]) {
      expectProblem(await admin.patch(`/api/org-units/${d1.body.id}`, { version: 1, parentId: target }), 422, 'unprocessable', 'parentId');
    }
    expectProblem(await admin.patch(`/api/org-units/${d2.body.id}`, { version: 1, parentId: d3.body.id }), 422, 'unprocessable', 'parentId');
    // A sub-branch under its own outlet: the descendant rule answers, on parentId.
    const hd = await admin.get(`/api/org-units/${unit['BJ-HD']}`);
    expectProblem(await admin.patch(`/api/org-units/${unit['BJ-HD']}`, { version: hd.body.version, parentId: unit['BJ-HD-ZGC'] }), 422, 'unprocessable', 'parentId');
    // The head office cannot move at all.
    expectProblem(await admin.patch(`/api/org-units/${unit.HO}`, { version: 1, parentId: d1.body.id }), 422, 'unprocessable', 'parentId');
    // A parent that does not exist.
    expectProblem(await admin.patch(`/api/org-units/${d1.body.id}`, { version: 1, parentId: randomUUID() }), 404, 'not_found', 'parentId');

    expect((await admin.get(`/api/org-units/${d1.body.id}`)).body).toEqual(d1.body);
    expect((await admin.get(`/api/org-units/${d3.body.id}`)).body).toEqual(d3.body);
    expect(await auditOf(d1.body.id)).toHaveLength(entries);
  });

  it('refuses a move into a parent of the wrong kind (a sub-branch under the head office)', async () => {
    const xh = await admin.get(`/api/org-units/${unit['SH-XH']}`);
    expectProblem(await admin.patch(`/api/org-units/${unit['SH-XH']}`, { version: xh.body.version, parentId: unit.HO }), 422, 'unprocessable', 'kind');
    expect((await admin.get(`/api/org-units/${unit['SH-XH']}`)).body).toEqual(xh.body);
  });

  it('moves BJ-HD under SH together with its outlets and staff', async () => {
    const moved = ['BJ-HD', 'BJ-HD-ZGC', 'BJ-HD-WDK'];
    expect(codes(await bjLead.client.get('/api/org-units'))).toEqual(expect.arrayContaining(moved));
    expect((await bjLead.client.get(`/api/users/${zgcAgent.id}`)).status).toBe(200);
    expect((await shLead.client.get(`/api/users/${zgcAgent.id}`)).status).toBe(404);

    const hd = await admin.get(`/api/org-units/${unit['BJ-HD']}`);
    const r = await admin.patch(`/api/org-units/${unit['BJ-HD']}`, { version: hd.body.version, parentId: unit.SH });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: unit['BJ-HD'], parentId: unit.SH, depth: 2, code: 'BJ-HD', version: hd.body.version + 1 });

    const audit = await auditOf(unit['BJ-HD']!);
    expect(audit[0]).toMatchObject({
      action: 'org_unit.move',
      actorName: 'admin',
      before: { parentId: unit.BJ, version: hd.body.version },
      after: { parentId: unit.SH, version: hd.body.version + 1 },
    });

    // The SH branch now sees the sub-branch, its outlets and their staff ...
    const shList = await shLead.client.get('/api/org-units');
    expect(codes(shList)).toEqual(expect.arrayContaining(moved));
    for (const code of moved) {
      const one = await shLead.client.get(`/api/org-units/${unit[code]}`);
      expect(one.status, code).toBe(200);
    }
    const outlets = (shList.body.items as { code: string; parentId: string; depth: number }[]).filter((u) => u.code.startsWith('BJ-HD-'));
    expect(outlets.map((o) => [o.code, o.parentId, o.depth]).sort()).toEqual([
      ['BJ-HD-WDK', unit['BJ-HD'], 3],
      ['BJ-HD-ZGC', unit['BJ-HD'], 3],
    ]);
    expect((await shLead.client.get(`/api/users/${zgcAgent.id}`)).status).toBe(200);
    const shUsers = await shLead.client.get('/api/users?limit=200');
    expect((shUsers.body.items as { username: string }[]).map((u) => u.username)).toContain('zgc.agent');

    // ... and the BJ branch no longer does.
    const bjList = await bjLead.client.get('/api/org-units');
    for (const code of moved) expect(codes(bjList)).not.toContain(code);
    expect(codes(bjList)).toContain('BJ-CP');
    for (const code of moved) {
      const one = await bjLead.client.get(`/api/org-units/${unit[code]}`);
      expect([one.status, one.body.code], code).toEqual([404, 'not_found']);
    }
    expect((await bjLead.client.get(`/api/users/${zgcAgent.id}`)).status).toBe(404);
    const bjUsers = await bjLead.client.get('/api/users?limit=200');
    expect((bjUsers.body.items as { username: string }[]).map((u) => u.username)).not.toContain('zgc.agent');

    // The moved staff member's own scope follows: an agent at ZGC still sees ZGC.
    const own = await zgcAgent.client.get('/api/org-units');
    expect(codes(own)).toEqual(['BJ-HD-ZGC']);

    // Moving it back restores the BJ view.
    const back = await admin.patch(`/api/org-units/${unit['BJ-HD']}`, { version: r.body.version, parentId: unit.BJ });
    expect(back.status).toBe(200);
    expect(codes(await bjLead.client.get('/api/org-units'))).toEqual(expect.arrayContaining(moved));
    expect(codes(await shLead.client.get('/api/org-units'))).not.toContain('BJ-HD-ZGC');
  });

  it('keeps the audit chain intact after all these writes', async () => {
    const v = await admin.get('/api/audit/verify');
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });
});
