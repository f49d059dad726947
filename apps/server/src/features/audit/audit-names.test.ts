import { expect, it, beforeAll, afterAll } from 'vitest';
import { createStaff, describeEngines, orgUnitId, startTestApp, type Client, type TestApp } from '../../../test/harness';
import { systemContext } from '../../platform/context';

type Entry = { action: string; actorId: string | null; actorName: string | null; actorDisplayName: string | null; objectType: string; objectId: string | null; objectLabel: string | null };

describeEngines('audit trail: actors and objects by name', (engine) => {
  let t: TestApp;
  let admin: Client;
  let auditor: Client;
  let handler: { client: Client; id: string };
  let caseId: string;
  let caseNumber: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    auditor = (await createStaff(t, admin, { username: 'ho.auditor', roles: ['auditor'], orgCode: 'HO', displayName: '吴涛（审计）' })).client;
    handler = await createStaff(t, admin, { username: 'bjhd.handler', roles: ['handler'], orgCode: 'BJ-HD', displayName: '李明（海淀支行）' });
    const r = await handler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '项目融资贷款审批拖延三个月，请尽快处理。' });
    expect(r.status).toBe(201);
    ({ caseId, number: caseNumber } = r.body);
    expect((await admin.post('/api/org-units', { parentId: await orgUnitId(admin, 'BJ'), kind: 'department', code: 'BJ-AUD', name: '北京分行审计部' })).status).toBe(201);
  });
  afterAll(() => t?.close());

  const entries = async (query: string) => {
    const r = await auditor.get(`/api/audit?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items as Entry[];
  };

  it('names the actor as colleagues know them and a case by its number, keeping the raw ids', async () => {
    const [created] = await entries(`objectType=case&objectId=${caseId}&action=case.create`);
    expect(created).toMatchObject({
      action: 'case.create',
      actorId: handler.id,
      actorName: 'bjhd.handler',
      actorDisplayName: '李明（海淀支行）',
      objectType: 'case',
      objectId: caseId,
      objectLabel: caseNumber,
    });
  });

  it('names users and units by their names, in the same page', async () => {
    const page = await entries('limit=200');
    const user = page.find((e) => e.action === 'user.create' && e.objectId === handler.id);
    expect(user).toMatchObject({ actorName: 'admin', objectLabel: '李明（海淀支行）' });
    expect(user!.actorDisplayName).not.toBeNull();
    expect(page.find((e) => e.action === 'org_unit.create')).toMatchObject({ objectType: 'org_unit', objectLabel: '北京分行审计部' });
    // A sign-in's session by the person it is for.
    expect(page.find((e) => e.action === 'auth.login' && e.actorId === handler.id)).toMatchObject({ objectType: 'session', objectLabel: '李明（海淀支行）' });
    // Every case entry of the page carries the number.
    expect(page.filter((e) => e.objectType === 'case' && e.objectId === caseId).every((e) => e.objectLabel === caseNumber)).toBe(true);
  });

  it('leaves a name out where there is none: the system, an object without a name, an id that is not one', async () => {
    const institutionId = t.setup.institutionId;
    await t.app.services.audit.transaction(async (tx) => {
      await t.app.services.audit.record(tx, systemContext(), institutionId, { action: 'case.clocks_backfill', objectType: 'case', objectId: null, scopePath: null });
      await t.app.services.audit.record(tx, systemContext(), institutionId, { action: 'triage.word_add', objectType: 'triage_word', objectId: '项目融资', scopePath: null });
      await t.app.services.audit.record(tx, systemContext(), institutionId, { action: 'case.triage', objectType: 'case', objectId: 'not-a-uuid', scopePath: null });
    });
    const [notACase, word, backfill] = await entries('limit=3');
    expect(backfill).toMatchObject({ action: 'case.clocks_backfill', actorId: null, actorDisplayName: null, objectLabel: null });
    expect(word).toMatchObject({ objectId: '项目融资', objectLabel: null });
    expect(notACase).toMatchObject({ objectId: 'not-a-uuid', objectLabel: null });
  });
});
