import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';

const COMPLAINT = '我公司在贵行申请的项目融资贷款审批拖延三个月，客户经理一直不回复，请尽快处理。';

type Staff = { client: Client; id: string };
type Count = { key: string; query: Record<string, string>; total: number; more: boolean };

describeEngines('the workbench counts (工作台)', (engine) => {
  let t: TestApp;
  let admin: Client;
  let bjHandler: Staff;
  let bjLead: Staff;
  let shHandler: Staff;
  let cp: Staff;
  const ids = {} as Record<'bjMine' | 'bjWaiting' | 'bjNew' | 'bjOverdue' | 'bjReferral' | 'bjDueSoon' | 'shOverdue1' | 'shOverdue2' | 'shReferral', string>;

  const intake = async (c: Client, body: Record<string, unknown>) => {
    const r = await c.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.caseId as string;
  };
  const act = async (c: Client, id: string, body: Record<string, unknown>) => {
    const version = (await c.get(`/api/cases/${id}`)).body.version;
    const r = await c.post(`/api/cases/${id}/transitions`, { version, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const counts = async (s: Staff) => {
    const r = await s.client.get('/api/cases/counts');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items as Count[];
  };
  const totals = (items: Count[]) => Object.fromEntries(items.map((i) => [i.key, i.total]));
  /** The list each count links to, as the user sees it. */
  const listed = async (s: Staff, query: Record<string, string>) => {
    const r = await s.client.get(`/api/cases?${new URLSearchParams({ ...query, limit: '200' }).toString()}`);
    expect(r.status).toBe(200);
    return r.body as { items: { id: string }[]; total: number; more: boolean };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    bjHandler = await createStaff(t, admin, { username: 'bjhd.handler', roles: ['handler'], orgCode: 'BJ-HD' });
    bjLead = await createStaff(t, admin, { username: 'bj.lead', roles: ['team_lead'], orgCode: 'BJ' });
    shHandler = await createStaff(t, admin, { username: 'shpd.handler', roles: ['handler', 'team_lead'], orgCode: 'SH-PD' });
    cp = await createStaff(t, admin, { username: 'ho.cp', roles: ['consumer_protection'], orgCode: 'HO' });

    // Beijing (海淀支行): one in hand, one waiting for the customer, one new, one long overdue, one referral, one due soon.
    ids.bjMine = await intake(bjHandler.client, {});
    await act(bjHandler.client, ids.bjMine, { action: 'accept' });
    await act(bjLead.client, ids.bjMine, { action: 'assign', assigneeId: bjHandler.id });
    await act(bjHandler.client, ids.bjMine, { action: 'start' });
    ids.bjWaiting = await intake(bjHandler.client, {});
    await act(bjHandler.client, ids.bjWaiting, { action: 'accept' });
    await act(bjLead.client, ids.bjWaiting, { action: 'assign', assigneeId: bjHandler.id });
    await act(bjHandler.client, ids.bjWaiting, { action: 'start' });
    await act(bjHandler.client, ids.bjWaiting, { action: 'wait_customer', reason: '等待客户补充材料' });
    ids.bjNew = await intake(bjHandler.client, {});
    ids.bjOverdue = await intake(bjHandler.client, { channel: 'letter', receivedAt: '2026-10-20T09:00:00+08:00', backDateReason: '信件邮戳日期 2026-10-20' });
    ids.bjReferral = await intake(bjHandler.client, { channel: 'regulator_referral', regulatorRef: 'NFRA-BJ-2026-0001' });
    // Received two days ago at noon: the 48 hours to acknowledge a complaint end in two hours (due soon, not overdue).
    ids.bjDueSoon = await intake(bjHandler.client, { channel: 'letter', receivedAt: '2026-11-18T12:00:00+08:00', backDateReason: '信件邮戳日期 2026-11-18' });
    // Shanghai (浦东支行): two long overdue, one referral; a Beijing handler never counts them.
    ids.shOverdue1 = await intake(shHandler.client, { channel: 'letter', receivedAt: '2026-10-19T09:00:00+08:00', backDateReason: '信件邮戳日期 2026-10-19' });
    ids.shOverdue2 = await intake(shHandler.client, { channel: 'letter', receivedAt: '2026-10-21T09:00:00+08:00', backDateReason: '信件邮戳日期 2026-10-21' });
    ids.shReferral = await intake(shHandler.client, { channel: 'regulator_referral', regulatorRef: 'NFRA-SH-2026-0002' });
  });
  afterAll(() => t?.close());

  it('gives each role the counts that matter to it, each the size of the list it links to', async () => {
    for (const [who, keys] of [
      [bjHandler, ['mine', 'due_soon', 'overdue', 'awaiting_customer']],
      [bjLead, ['mine', 'team', 'unassigned', 'due_soon', 'overdue']],
      [shHandler, ['mine', 'team', 'unassigned', 'due_soon', 'overdue', 'awaiting_customer']],
      [cp, ['triage', 'overdue', 'regulator_referrals', 'under_review', 'review_due_soon']],
    ] as [Staff, string[]][]) {
      const items = await counts(who);
      expect(items.map((i) => i.key)).toEqual(keys);
      for (const item of items) {
        const list = await listed(who, item.query);
        expect({ key: item.key, total: item.total, more: item.more }).toEqual({ key: item.key, total: list.total, more: list.more });
      }
    }
    const referrals = (await counts(cp)).find((i) => i.key === 'regulator_referrals')!;
    expect(referrals.query).toEqual({ queue: 'open', channel: 'regulator_referral' });
  });

  it('counts only the cases of the user’s part of the organisation, as the queues show them', async () => {
    expect(totals(await counts(bjHandler))).toEqual({ mine: 2, due_soon: 1, overdue: 1, awaiting_customer: 1 });
    expect((await listed(bjHandler, { queue: 'due_soon' })).items.map((c) => c.id)).toEqual([ids.bjDueSoon]);
    expect((await listed(bjHandler, { queue: 'overdue' })).items.map((c) => c.id)).toEqual([ids.bjOverdue]);
    // The Beijing branch's lead: the four new cases nobody has yet, none of Shanghai's.
    expect(totals(await counts(bjLead))).toMatchObject({ mine: 0, team: 0, unassigned: 4, due_soon: 1, overdue: 1 });
    expect(totals(await counts(shHandler))).toMatchObject({ mine: 0, unassigned: 3, overdue: 2, awaiting_customer: 0 });
    // Head-office consumer protection: the whole institution's overdue cases and open referrals.
    expect(totals(await counts(cp))).toMatchObject({ overdue: 3, regulator_referrals: 2, under_review: 0 });

    // A count follows its cases: the overdue letter, once assigned, is the handler's and no longer unassigned.
    await act(bjHandler.client, ids.bjOverdue, { action: 'accept' });
    await act(bjLead.client, ids.bjOverdue, { action: 'assign', assigneeId: bjHandler.id });
    expect(totals(await counts(bjHandler))).toMatchObject({ mine: 3 });
    expect(totals(await counts(bjLead))).toMatchObject({ unassigned: 3 });
  });

  it('is for those who may read cases', async () => {
    expect((await admin.get('/api/cases/counts')).status).toBe(403);
  });
});
