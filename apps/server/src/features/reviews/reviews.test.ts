import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, orgUnitId, startTestApp, TestClock, type Client, type TestApp } from '../../../test/harness';

const COMPLAINT = '我公司在贵行海淀支行申请的固定资产贷款审批拖延两个月，客户经理一直不回复，请尽快处理。';
const DECISION = { outcome: 'not_upheld', letter: '经核实，审批时长符合规定。如对处理结果有异议，您可以自收到本决定之日起30日内向上级机构申请核查，也可以申请调解、仲裁或提起诉讼。', remedies: [] };
const DAY = 86_400_000;

/**
 * The review (核查) clocks over HTTP. National Day 2026 (1–7 October) is a holiday: a decision
 * the customer received on Saturday 5 September has day 30 on 5 October, so the window stays
 * open to the end of Thursday 8 October, the next working day.
 */
describeEngines('reviews: the 核查 window and the reviewing unit', (engine) => {
  const clock = new TestClock(new Date('2026-09-01T02:00:00Z'));
  let t: TestApp;
  type Staff = { client: Client; id: string; password: string };
  let handler: Staff;
  let lead: Staff;
  let cyLead: Staff;
  let shLead: Staff;
  let bj: string;
  let bjHd: string;

  const q = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  /** Moves the clock; sessions idle out across days, so everyone signs in again. */
  async function setNow(iso: string): Promise<void> {
    await advance(new Date(iso).getTime() - clock.now().getTime());
  }
  async function advance(ms: number): Promise<void> {
    clock.advance(ms);
    for (const s of [handler, lead, cyLead, shLead]) expect((await s.client.login(s.client.me!.username, s.password)).status).toBe(200);
  }

  /** A complaint at the Haidian sub-branch, answered; the customer received the decision on 5 September. */
  async function answered(registeredAt = '2026-09-01T10:00:00+08:00', decisionReceivedAt = '2026-09-05T10:00:00+08:00'): Promise<{ id: string; version: number }> {
    await setNow(registeredAt);
    const { caseId } = (await handler.client.post('/api/cases', { channel: 'letter', kind: 'complaint', text: COMPLAINT })).body;
    let v = (await handler.client.get(`/api/cases/${caseId}`)).body.version;
    for (const [c, body] of [
      [handler.client, { action: 'accept' }],
      [lead.client, { action: 'assign', assigneeId: handler.id }],
      [handler.client, { action: 'start' }],
      [handler.client, { action: 'answer', decision: DECISION, decisionReceivedAt }],
    ] as const) {
      const r = await c.post(`/api/cases/${caseId}/transitions`, { version: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
    }
    return { id: caseId, version: v };
  }

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    const admin = await t.admin();
    handler = await createStaff(t, admin, { username: 'rv.handler', roles: ['handler'], orgCode: 'BJ-HD' });
    lead = await createStaff(t, admin, { username: 'rv.lead', roles: ['team_lead'], orgCode: 'BJ' });
    cyLead = await createStaff(t, admin, { username: 'rv.cylead', roles: ['team_lead'], orgCode: 'BJ-CY' });
    shLead = await createStaff(t, admin, { username: 'rv.shlead', roles: ['team_lead'], orgCode: 'SH' });
    bj = await orgUnitId(admin, 'BJ');
    bjHd = await orgUnitId(admin, 'BJ-HD');
  }, 120_000);
  afterAll(() => t?.close());

  it('opens the window when the decision reaches the customer, moved off the National Day holiday', async () => {
    const c = await answered();
    const detail = (await handler.client.get(`/api/cases/${c.id}`)).body;
    expect(detail.reviewWindowEndsAt).toBe('2026-10-08T16:00:00.000Z');
    await setNow('2026-09-20T10:00:00+08:00');
    const view = await handler.client.get(`/api/cases/${c.id}/reviews`);
    expect(view.status).toBe(200);
    // 15 of 33 days used: still running; the case is in the "review window open" queue.
    expect(view.body.window).toMatchObject({ open: true, status: 'running', level: null, dueAt: '2026-10-08T16:00:00.000Z', provisional: false });
    expect(view.body.reviews).toEqual([]);
    const queue = (await lead.client.get('/api/cases?queue=review_window_open')).body.items.map((x: { id: string }) => x.id);
    expect(queue).toContain(c.id);
    await setNow('2026-10-05T10:00:00+08:00');
    // 30 of 33.6 days: past 75 %, not yet 90 %.
    expect((await handler.client.get(`/api/cases/${c.id}/reviews`)).body.window).toMatchObject({ open: true, status: 'warning', level: 'warning_75' });
  });

  it('takes a request on day 32 (inside the shifted window) and sends it to the parent unit, which decides', async () => {
    const c = await answered();
    await setNow('2026-10-07T15:00:00+08:00');
    const r = await handler.client.post(`/api/cases/${c.id}/reviews`, { version: c.version, reason: '客户书面申请核查，认为审批时长不合理' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [review] = r.body.reviews;
    // Received 7 October: day 30 is Friday 6 November.
    expect(review).toMatchObject({ seq: 1, status: 'open', decidingUnitId: bjHd, reviewingUnitId: bj, canDecide: false, clock: { status: 'running', dueAt: '2026-11-06T16:00:00.000Z', provisional: false } });
    const detail = (await handler.client.get(`/api/cases/${c.id}`)).body;
    expect(detail.status).toBe('reopened');
    expect(detail.reviewDueAt).toBe('2026-11-06T16:00:00.000Z');
    expect(detail.events.map((e: { type: string }) => e.type).slice(-2)).toEqual(['reopen', 'review.requested']);

    // The branch above sees it in its review queues; a sibling sub-branch and another branch do not see the case at all.
    expect((await lead.client.get('/api/cases?queue=under_review')).body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await lead.client.get(`/api/cases/${c.id}/reviews`)).body.reviews[0].canDecide).toBe(true);
    for (const outsider of [cyLead, shLead]) {
      expect((await outsider.client.get(`/api/cases/${c.id}/reviews`)).status).toBe(404);
      expect((await outsider.client.post(`/api/cases/${c.id}/reviews/${review.id}/decision`, { version: 1, outcome: 'upheld', note: '维持' })).status).toBe(404);
    }
    // The deciding sub-branch does not decide its own review.
    const own = await handler.client.post(`/api/cases/${c.id}/reviews/${review.id}/decision`, { version: review.version, outcome: 'upheld', note: '维持原决定' });
    expect(own.status).toBe(403);

    // Its decision deadline (16 September) is behind it: the review's runs, and it is not overdue for the old one.
    await setNow('2026-10-08T10:00:00+08:00');
    expect((await lead.client.get('/api/cases?queue=overdue')).body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    await setNow('2026-10-20T10:00:00+08:00');
    expect((await lead.client.get('/api/cases?queue=review_due_soon')).body.items).toEqual([]);
    await setNow('2026-11-04T10:00:00+08:00');
    expect((await lead.client.get('/api/cases?queue=review_due_soon')).body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);

    const decided = await lead.client.post(`/api/cases/${c.id}/reviews/${review.id}/decision`, { version: review.version, outcome: 'upheld', note: '经核查，原处理决定认定事实清楚，予以维持。' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.reviews[0]).toMatchObject({ status: 'decided', outcome: 'upheld', decidedBy: lead.id, canDecide: false, clock: { status: 'met' } });
    const again = await lead.client.post(`/api/cases/${c.id}/reviews/${review.id}/decision`, { version: decided.body.reviews[0].version, outcome: 'changed', note: '改' });
    expect(again.status).toBe(409);
    expect((await lead.client.get('/api/cases?queue=under_review')).body.items).toEqual([]);
    const audit = await (await t.admin()).get(`/api/audit?objectType=case&objectId=${c.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['case.review_request', 'case.review_decide']));
  });

  it('refuses a request after the window with 422 naming receivedAt, but takes one received in time and recorded late', async () => {
    const late = await answered();
    await setNow('2026-10-09T09:00:00+08:00');
    const refused = await handler.client.post(`/api/cases/${late.id}/reviews`, { version: late.version, reason: '逾期申请' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('receivedAt');
    expect(refused.body.errors[0].message).toContain('within 30 calendar days of receiving the decision');
    // The plain reopen is held to the same window.
    const reopen = await handler.client.post(`/api/cases/${late.id}/transitions`, { version: late.version, action: 'reopen', reopenKind: 'review_request', reason: '逾期申请' });
    expect(reopen.status).toBe(422);
    expect(reopen.body.errors[0]).toMatchObject({ field: 'reopenKind', message: `the review window closed at ${refused.body.errors[0].message.match(/closed at (\S+):/)[1]}` });
    expect((await handler.client.get(`/api/cases/${late.id}/reviews`)).body.window).toMatchObject({ open: false, status: 'breached' });
    // A letter postmarked 8 October, opened on the 9th, is in time.
    const postmarked = await handler.client.post(`/api/cases/${late.id}/reviews`, { version: late.version, receivedAt: '2026-10-08T17:00:00+08:00', reason: '信件邮戳 10月8日' });
    expect(postmarked.status, JSON.stringify(postmarked.body)).toBe(201);
    expect(postmarked.body.reviews[0].clock.dueAt).toBe('2026-11-09T16:00:00.000Z');
  });

  it('warns the reviewing unit once per level, however many times the worker runs', async () => {
    const c = await answered();
    await setNow('2026-10-08T10:00:00+08:00');
    const r = await handler.client.post(`/api/cases/${c.id}/reviews`, { version: c.version, reason: '申请核查' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const levels = async () => (await q<{ level: string }>(sql`select level from case_clock_events where case_id = ${c.id} and clock = 'review' order by recorded_at, level`)).map((x) => x.level);
    expect(await t.app.services.reviewWorker.tick()).toBe(0);
    // Received 8 October; day 30 is Saturday 7 November, so due the end of Monday 9 November: 50 % is passed on 24 October.
    expect(r.body.reviews[0].clock.dueAt).toBe('2026-11-09T16:00:00.000Z');
    await advance(17 * DAY);
    // Two workers at once (the review received in time in the test before is at 50 % too).
    const [a, b] = await Promise.all([t.app.services.reviewWorker.tick(), t.app.services.reviewWorker.tick()]);
    expect(a + b).toBe(2);
    expect(await t.app.services.reviewWorker.tick()).toBe(0);
    expect(await levels()).toEqual(['warning_50']);
    const inbox = await lead.client.get('/api/notifications/mine');
    expect(inbox.body.items.filter((n: { caseId: string }) => n.caseId === c.id).map((n: { subject: string }) => n.subject)).toEqual([expect.stringMatching(/^【核查预警】FB-\d{8}-\d{6} 核查决定已用 50%$/)]);
    // Past the deadline: 75 %, 90 % and the breach, each once.
    await advance(20 * DAY);
    expect(await t.app.services.reviewWorker.tick()).toBe(6);
    expect(await t.app.services.reviewWorker.tick()).toBe(0);
    expect((await levels()).sort()).toEqual(['breach', 'warning_50', 'warning_75', 'warning_90']);
    const timeline = (await lead.client.get(`/api/cases/${c.id}`)).body.events.map((e: { type: string }) => e.type);
    expect(timeline.filter((x: string) => x.startsWith('review.'))).toEqual(['review.requested', 'review.warning', 'review.warning', 'review.warning', 'review.breach']);
  });

  it('counts the windows open and the open reviews again when the institution changes rule set, as it does the decision deadlines', async () => {
    const admin = () => t.admin();
    const choose = async (ruleSetId: string) => {
      const r = await (await admin()).request('PUT', '/api/regulatory-rule-set', { ruleSetId });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    // Answered while the institution ran on FCA DISP, which has no review: no window opened.
    await setNow('2026-11-02T09:00:00+08:00');
    await choose('uk_fca_disp');
    let c: { id: string; version: number };
    try {
      c = await answered('2026-11-02T10:00:00+08:00', '2026-11-04T10:00:00+08:00');
      expect((await handler.client.get(`/api/cases/${c.id}/reviews`)).body.window).toBeNull();
      await setNow('2026-11-10T10:00:00+08:00');
    } finally {
      await choose('cn_nfra_2020');
    }
    // Back on the China rules the decision received on 4 November opens its 30 days: to the end of Friday 4 December.
    const after = (await handler.client.get(`/api/cases/${c.id}/reviews`)).body;
    expect(after.window).toMatchObject({ open: true, dueAt: '2026-12-04T16:00:00.000Z', provisional: false });
    const detail = (await handler.client.get(`/api/cases/${c.id}`)).body;
    const moved = detail.events.find((e: { type: string }) => e.type === 'review.window_recomputed');
    expect(moved).toMatchObject({ reason: 'regulatory rule set uk_fca_disp → cn_nfra_2020', data: { from: { endsAt: null }, to: { endsAt: '2026-12-04T16:00:00.000Z' } } });
    const audit = (await (await admin()).get('/api/audit?action=institution.rule_set&limit=1')).body.items[0];
    expect(audit.after).toMatchObject({ ruleSetId: 'cn_nfra_2020', recomputedReviews: 1 });
    // So the complainant can ask for the review the letter now tells them of.
    const r = await handler.client.post(`/api/cases/${c.id}/reviews`, { version: detail.version, reason: '客户申请核查' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('marks a window and a deadline in a year without a schedule provisional, and moves both when the schedule is imported', async () => {
    // Received 20 December 2026: day 30 is 19 January 2027, a year the calendar has no schedule for.
    const c = await answered('2026-12-18T10:00:00+08:00', '2026-12-20T10:00:00+08:00');
    await setNow('2026-12-20T15:00:00+08:00');
    const r = await handler.client.post(`/api/cases/${c.id}/reviews`, { version: c.version, reason: '申请核查' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.window).toMatchObject({ dueAt: '2027-01-19T16:00:00.000Z', provisional: true });
    expect(r.body.reviews[0].clock).toMatchObject({ dueAt: '2027-01-19T16:00:00.000Z', provisional: true });

    // A made-up 2027 schedule (test data) makes 19 January a rest day: both move to the next working day.
    const admin = await t.admin();
    const imported = await admin.post('/api/calendar/imports', { format: 'holiday_cn', content: JSON.stringify({ year: 2027, days: [{ name: '测试假日', date: '2027-01-19', isOffDay: true }] }) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const after = (await handler.client.get(`/api/cases/${c.id}/reviews`)).body;
    expect(after.window).toMatchObject({ dueAt: '2027-01-20T16:00:00.000Z', provisional: false });
    expect(after.reviews[0].clock).toMatchObject({ dueAt: '2027-01-20T16:00:00.000Z', provisional: false });
    const detail = (await handler.client.get(`/api/cases/${c.id}`)).body;
    expect(detail.reviewDueAt).toBe('2027-01-20T16:00:00.000Z');
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['review.window_recomputed', 'review.due_recomputed']));
  });
});
