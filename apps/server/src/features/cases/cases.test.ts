import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client} from '../../../test/harness';
import { casesRepo } from './cases.repo';
import { createStaff, describeEngines, orgUnitId, startTestApp, type TestApp } from '../../../test/harness';

const COMPLAINT = '我公司在贵行海淀支行申请的项目融资贷款审批拖延三个月，客户经理电话13812345678一直不回复，请尽快处理。';

describeEngines('cases: intake and lifecycle', (engine) => {
  let t: TestApp;
  let admin: Client;
  let handler: { client: Client; id: string };
  let lead: { client: Client; id: string };
  let riskOfficer: { client: Client; id: string };
  let auditor: { client: Client; id: string };
  let shHandler: { client: Client; id: string };
  let hoRisk: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    handler = await createStaff(t, admin, { username: 'bj.handler', roles: ['handler'], orgCode: 'BJ-HD' });
    lead = await createStaff(t, admin, { username: 'bj.lead', roles: ['team_lead'], orgCode: 'BJ' });
    riskOfficer = await createStaff(t, admin, { username: 'ho.risk', roles: ['risk_officer'], orgCode: 'HO-RISK' });
    auditor = await createStaff(t, admin, { username: 'bj.auditor', roles: ['auditor'], orgCode: 'BJ' });
    shHandler = await createStaff(t, admin, { username: 'sh.handler', roles: ['handler', 'team_lead'], orgCode: 'SH' });
    hoRisk = await orgUnitId(admin, 'HO-RISK');
  });
  afterAll(() => t?.close());

  const intake = (c: Client, body: Record<string, unknown>) => c.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT, ...body });

  it('registers a hotline complaint with a case number and the regulatory deadline', async () => {
    const r = await intake(handler.client, {});
    expect(r.status).toBe(201);
    // 2026-11-20 10:00 in Shanghai; day 15 is Saturday 2026-12-05, so the end of Monday 2026-12-07.
    expect(r.body).toMatchObject({ status: 'new', receivedAt: '2026-11-20T02:00:00.000Z', regulatoryDueAt: '2026-12-07T16:00:00.000Z', regulatoryDueProvisional: false });
    expect(r.body.number).toMatch(/^FB-20261120-\d{6}$/);
    const second = await intake(handler.client, {});
    expect(Number(second.body.number.slice(-6))).toBeGreaterThan(Number(r.body.number.slice(-6)));
    const detail = await handler.client.get(`/api/cases/${r.body.caseId}`);
    expect(detail.body).toMatchObject({ ownerId: handler.id, assigneeId: null, kind: 'complaint', channel: 'hotline' });
    expect(detail.body.title).not.toContain('13812345678');
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual(['registered']);
  });

  it('refuses bad intake, naming the field, and writes nothing', async () => {
    const before = (await lead.client.get('/api/cases?queue=all')).body.total;
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'app' }, 'channel'],
      [{ channel: 'regulator_referral' }, 'regulatorRef'],
      [{ receivedAt: '2026-11-10T00:00:00Z' }, 'backDateReason'],
      [{ receivedAt: '2026-12-10T00:00:00Z' }, 'receivedAt'],
      [{ customerId: '00000000-0000-4000-8000-000000000000' }, 'customerId'],
      [{ staffComplainedAbout: ['00000000-0000-4000-8000-000000000000'] }, 'staffComplainedAbout'],
    ];
    for (const [body, field] of cases) {
      const r = await intake(handler.client, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.errors[0].field).toBe(field);
    }
    const bad = await intake(handler.client, { text: '', priority: 'P9' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['priority', 'text']);
    expect((await lead.client.get('/api/cases?queue=all')).body.total).toBe(before);
  });

  it('accepts a back-dated letter with a reason and audits it', async () => {
    const r = await intake(handler.client, { channel: 'letter', receivedAt: '2026-11-12T08:00:00+08:00', backDateReason: '信件邮戳日期 2026-11-12' });
    expect(r.status).toBe(201);
    // Received 12 Nov: day 15 is Thursday 27 Nov.
    expect(r.body.regulatoryDueAt).toBe('2026-11-27T16:00:00.000Z');
    const log = await admin.get(`/api/audit?objectType=case&objectId=${r.body.caseId}`);
    expect(log.body.items[0].after).toMatchObject({ backDateReason: '信件邮戳日期 2026-11-12' });
  });

  it('runs a case from intake to closure, with a blocking sub-task and a timeline', async () => {
    const { caseId } = (await intake(handler.client, {})).body;
    let v = (await handler.client.get(`/api/cases/${caseId}`)).body.version;
    const step = async (c: Client, body: Record<string, unknown>, status = 200) => {
      const r = await c.post(`/api/cases/${caseId}/transitions`, { version: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      if (r.status === 200) v = r.body.version;
      return r;
    };
    await step(handler.client, { action: 'accept' });
    // A handler may not assign; a team lead may.
    expect((await step(handler.client, { action: 'assign', assigneeId: handler.id }, 403)).body.code).toBe('forbidden');
    await step(lead.client, { action: 'assign', assigneeId: handler.id });
    await step(handler.client, { action: 'start' });

    // The owner works in the sub-task's department: the handler (a branch's) cannot own the risk department's task.
    const misplaced = await handler.client.post(`/api/cases/${caseId}/tasks`, { orgUnitId: hoRisk, ownerId: handler.id, title: '核查授信审批流程', blocking: true });
    expect(misplaced.status).toBe(422);
    expect(misplaced.body.errors[0]).toMatchObject({ field: 'ownerId' });
    const withTask = await handler.client.post(`/api/cases/${caseId}/tasks`, { orgUnitId: hoRisk, ownerId: riskOfficer.id, title: '核查授信审批流程', blocking: true });
    expect(withTask.status).toBe(200);
    const task = withTask.body.tasks[0];
    v = withTask.body.version;
    const decision = { outcome: 'partly_upheld', letter: '经核实，审批延误情况部分属实，我行已加快审批。如对处理结果有异议，您可以自收到本决定之日起30日内向上级机构申请核查，也可以申请调解、仲裁或提起诉讼。', remedies: [{ kind: 'apology' }] };
    const refused = await step(handler.client, { action: 'answer', decision }, 422);
    expect(refused.body.errors[0].field).toBe('tasks');

    // The head-office risk officer sees this one case through the sub-task grant, and finishes the task.
    const seen = await riskOfficer.client.get(`/api/cases/${caseId}`);
    expect(seen.status).toBe(200);
    expect((await riskOfficer.client.get('/api/cases?queue=all')).body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const done = await riskOfficer.client.post(`/api/cases/${caseId}/tasks/${task.id}/complete`, { version: task.version, status: 'done', result: '审批流程无违规，延误系资料补充所致' });
    expect(done.status).toBe(200);
    v = done.body.version;

    // A letter with a template's blank left in it is not sent, nor is such a reply.
    const blank = await step(handler.client, { action: 'answer', decision: { ...decision, letter: `${decision.letter}【请填写处理依据】` } }, 400);
    expect(blank.body.errors[0]).toMatchObject({ field: 'decision.letter' });
    const reply = await handler.client.post(`/api/cases/${caseId}/messages`, { direction: 'outbound', body: '请您补充提供【请写明所需材料】。' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0]).toMatchObject({ field: 'body' });
    await step(handler.client, { action: 'answer', decision, decisionReceivedAt: '2026-11-20T10:30:00+08:00' });
    await step(handler.client, { action: 'resolve', resolution: 'customer_confirmed' });
    const closed = await step(handler.client, { action: 'close' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.decision).toMatchObject({ outcome: 'partly_upheld' });
    expect(closed.body.events.map((e: { type: string }) => e.type)).toEqual([
      'registered', 'accept', 'assign', 'start', 'task.created', 'task.done', 'answer', 'resolve', 'close',
    ]);
    expect(closed.body.events.every((e: { actorId: string | null }) => e.actorId)).toBe(true);
    expect(closed.body.availableActions).toEqual(['reopen']);
    // My queue holds my open cases; with a status chosen, mine in it, closed ones too.
    const mine = async (status = '') => (await handler.client.get(`/api/cases?queue=mine${status}`)).body.items.map((c: { id: string }) => c.id);
    expect(await mine()).not.toContain(caseId);
    expect(await mine('&status=closed')).toEqual([caseId]);
    expect(await mine('&status=in_progress')).not.toContain(caseId);
    // A status the queue does not hold is refused, naming the field.
    const outside = await handler.client.get('/api/cases?queue=unassigned&status=closed');
    expect(outside.status).toBe(422);
    expect(outside.body.errors[0]).toMatchObject({ field: 'status' });

    // A review request within 30 days of the decision reopens it.
    const reopened = await step(handler.client, { action: 'reopen', reopenKind: 'review_request', reason: '客户申请核查' });
    expect(reopened.body.status).toBe('reopened');
  });

  it('answers an inquiry with a reply: no verdict, no remedies, no review window, no review request', async () => {
    const { caseId } = (await intake(handler.client, { kind: 'inquiry', text: '请问项目贷款提前还款需要提前多少天申请，是否收取违约金？' })).body;
    let v = (await handler.client.get(`/api/cases/${caseId}`)).body.version;
    const step = async (body: Record<string, unknown>, status = 200) => {
      const r = await handler.client.post(`/api/cases/${caseId}/transitions`, { version: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      if (r.status === 200) v = r.body.version;
      return r;
    };
    await step({ action: 'accept' });
    await step({ action: 'assign', assigneeId: handler.id }, 403);
    v = (await lead.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'assign', assigneeId: handler.id })).body.version;
    await step({ action: 'start' });
    const letter = '您好，项目贷款提前还款需提前30个工作日书面申请，违约金按合同第十二条约定计收。';
    const verdict = await step({ action: 'answer', decision: { outcome: 'upheld', letter, remedies: [] } }, 422);
    expect(verdict.body.errors[0]).toMatchObject({ field: 'decision.outcome' });
    const remedies = await step({ action: 'answer', decision: { letter, remedies: [{ kind: 'apology' }] } }, 422);
    expect(remedies.body.errors[0]).toMatchObject({ field: 'decision.remedies' });
    const answered = await step({ action: 'answer', decision: { letter }, decisionReceivedAt: '2026-11-20T11:00:00+08:00' });
    expect(answered.body).toMatchObject({ status: 'answered', decision: { outcome: null, letter, remedies: [] }, reviewWindowEndsAt: null });
    expect(answered.body.events.at(-1)).toMatchObject({ type: 'answer' });
    expect(answered.body.events.at(-1).data).not.toHaveProperty('outcome');
    const review = await step({ action: 'reopen', reopenKind: 'review_request', reason: '客户不认可' }, 422);
    expect(review.body.errors[0]).toMatchObject({ field: 'reopenKind' });
    // Answered as an inquiry, it cannot become a complaint with an answer that has no verdict:
    // reopened for new facts first, it can.
    const relabel = await handler.client.post(`/api/cases/${caseId}/classification`, { version: v, kind: 'complaint', reason: '客户实为投诉' });
    expect(relabel.status).toBe(409);
    expect(relabel.body.errors[0]).toMatchObject({ field: 'kind' });
    expect((await handler.client.post(`/api/cases/${caseId}/classification`, { version: v, kind: 'suggestion' })).status).toBe(200);
    v = (await handler.client.get(`/api/cases/${caseId}`)).body.version;
    expect((await step({ action: 'reopen', reopenKind: 'new_facts', reason: '客户补充了合同条款' })).body.status).toBe('reopened');
    const relabelled = await handler.client.post(`/api/cases/${caseId}/classification`, { version: v, kind: 'complaint', reason: '客户实为投诉' });
    expect(relabelled.status, JSON.stringify(relabelled.body)).toBe(200);
    expect(relabelled.body.regulatoryDueAt).not.toBeNull();
    // A complaint still needs its verdict.
    const complaint = (await intake(handler.client, {})).body.caseId;
    let cv = (await handler.client.get(`/api/cases/${complaint}`)).body.version;
    for (const [c, body] of [[handler.client, { action: 'accept' }], [lead.client, { action: 'assign', assigneeId: handler.id }], [handler.client, { action: 'start' }]] as const) {
      cv = (await c.post(`/api/cases/${complaint}/transitions`, { version: cv, ...body })).body.version;
    }
    const bare = await handler.client.post(`/api/cases/${complaint}/transitions`, { version: cv, action: 'answer', decision: { letter } });
    expect(bare.status).toBe(422);
    expect(bare.body.errors[0]).toMatchObject({ field: 'decision.outcome' });
  });

  it('records when the customer received a decision after the answer: it opens the review window, once', async () => {
    const { caseId } = (await intake(handler.client, {})).body;
    let v = (await handler.client.get(`/api/cases/${caseId}`)).body.version;
    const letter = '经核实，审批时长符合规定。如对处理结果有异议，您可以自收到本决定之日起30日内向上级机构申请核查，也可以申请调解、仲裁或提起诉讼。';
    for (const [c, body] of [[handler.client, { action: 'accept' }], [lead.client, { action: 'assign', assigneeId: handler.id }], [handler.client, { action: 'start' }], [handler.client, { action: 'answer', decision: { outcome: 'not_upheld', letter } }]] as const) {
      const r = await c.post(`/api/cases/${caseId}/transitions`, { version: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
    }
    // Not yet received: no review window, so no review request.
    const early = await handler.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'reopen', reopenKind: 'review_request', reason: '客户申请核查' });
    expect([early.status, early.body.errors[0].field]).toEqual([422, 'reopenKind']);
    const receipt = (receivedAt: string, version = v) => handler.client.post(`/api/cases/${caseId}/decision-receipt`, { version, receivedAt });
    expect((await receipt('2026-11-21T10:00:00+08:00')).body.errors[0]).toMatchObject({ field: 'receivedAt' }); // in the future
    expect((await receipt('2026-11-19T10:00:00+08:00')).body.errors[0]).toMatchObject({ field: 'receivedAt' }); // before the decision
    expect((await receipt('2026-11-20T10:00:00+08:00', v - 1)).status).toBe(409);
    const recorded = await receipt('2026-11-20T10:00:00+08:00');
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    // Received 20 November: 30 days to ask for a review, to the end of 20 December (a Sunday) — moved to Monday the 21st.
    expect(recorded.body).toMatchObject({ decisionReceivedAt: '2026-11-20T02:00:00.000Z', reviewWindowEndsAt: '2026-12-21T16:00:00.000Z' });
    expect(recorded.body.events.at(-1)).toMatchObject({ type: 'decision_received', actorId: handler.id });
    expect((await receipt('2026-11-20T10:01:00+08:00', recorded.body.version)).status).toBe(409);
    const log = await admin.get(`/api/audit?objectType=case&objectId=${caseId}&action=case.decision_receipt`);
    expect(log.body.items).toHaveLength(1);
    const review = await handler.client.post(`/api/cases/${caseId}/transitions`, { version: recorded.body.version, action: 'reopen', reopenKind: 'review_request', reason: '客户申请核查' });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
  });

  it('refuses a stale version with 409 and loses no update when two people act at once', async () => {
    const { caseId } = (await intake(handler.client, {})).body;
    const v = (await lead.client.get(`/api/cases/${caseId}`)).body.version;
    const [a, b] = await Promise.all([
      lead.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'accept' }),
      lead.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'reject', reason: '不属于投诉范围' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.code).toBe('stale_version');
    const after = await lead.client.get(`/api/cases/${caseId}`);
    expect(after.body.events).toHaveLength(2);
  });

  it('never assigns the staff complained about, nor their line managers', async () => {
    const { caseId } = (await intake(handler.client, { staffComplainedAbout: [handler.id] })).body;
    let v = (await lead.client.get(`/api/cases/${caseId}`)).body.version;
    v = (await lead.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'accept' })).body.version;
    const self = await lead.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'assign', assigneeId: handler.id });
    expect(self.status).toBe(422);
    expect(self.body.errors[0].field).toBe('assigneeId');
    // The team lead at BJ sits above BJ-HD: a line manager of the handler.
    const manager = await lead.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'assign', assigneeId: lead.id });
    expect(manager.status).toBe(422);
    const other = await createStaff(t, admin, { username: 'bj.cy.handler', roles: ['handler'], orgCode: 'BJ-CY' });
    const ok = await lead.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'assign', assigneeId: other.id });
    expect(ok.status).toBe(200);
    // Assigning within the lead's branch to another sub-branch moves the case to that unit.
    expect(ok.body.orgUnitId).toBe(await orgUnitId(admin, 'BJ-CY'));
  });

  it('keeps other branches out: 404 for their ids, absent from their queues', async () => {
    const { caseId } = (await intake(handler.client, {})).body;
    const probe = await shHandler.client.get(`/api/cases/${caseId}`);
    expect(probe.status).toBe(404);
    expect(JSON.stringify(probe.body)).not.toContain('FB-');
    expect((await shHandler.client.post(`/api/cases/${caseId}/transitions`, { version: 1, action: 'accept' })).status).toBe(404);
    expect((await shHandler.client.get('/api/cases?queue=all')).body.items).toEqual([]);
  });

  it('seals the customer’s words, masks them for roles without the right, and audits every unmasked read', async () => {
    const { caseId } = (await intake(handler.client, {})).body;
    const masked = await auditor.client.get(`/api/cases/${caseId}`);
    expect(masked.body.messages[0].bodyMasked).toBe(true);
    expect(masked.body.messages[0].body).not.toContain('13812345678');
    const full = await handler.client.get(`/api/cases/${caseId}`);
    expect(full.body.messages[0]).toMatchObject({ bodyMasked: false, body: COMPLAINT });
    const log = await admin.get(`/api/audit?objectType=case&objectId=${caseId}&action=case.pii_read`);
    expect(log.body.items.map((e: { actorId: string }) => e.actorId)).toEqual([handler.id]);
    const raw = await t.database.db.execute(sql`select body_sealed, body_masked from case_messages where case_id = ${caseId}`);
    const [row] = (raw as unknown as { rows: { body_sealed: string; body_masked: string }[] }).rows;
    expect(row!.body_sealed).toMatch(/^v1\.t1\./);
    expect(row!.body_sealed).not.toContain('项目融资');
    expect(row!.body_masked).toContain('项目融资'); // the masked copy, for search, keeps the words
    expect(row!.body_masked).not.toContain('13812345678'); // but not the personal data
  });

  it('seals the decision letter, masks it for roles without the right, and seals a letter written before letters were', async () => {
    const customer = await handler.client.post('/api/customers', { type: 'individual', orgUnitId: handler.client.me!.orgUnitId, name: '姜明远', phone: '13700002222' });
    expect(customer.status).toBe(201);
    const { caseId } = (await intake(handler.client, { customerId: customer.body.id, text: `本人姜明远，${COMPLAINT}` })).body;
    // The customer's name in their own words is masked in the title and the message's masked copy.
    const words = (await auditor.client.get(`/api/cases/${caseId}`)).body;
    expect(words.title).toContain('本人姜**');
    expect(words.messages[0].body).toContain('本人姜**');
    let v = (await handler.client.get(`/api/cases/${caseId}`)).body.version;
    for (const [c, body] of [[handler.client, { action: 'accept' }], [lead.client, { action: 'assign', assigneeId: handler.id }], [handler.client, { action: 'start' }]] as const) {
      v = (await c.post(`/api/cases/${caseId}/transitions`, { version: v, ...body })).body.version;
    }
    const letter = '尊敬的姜明远先生：经核实，审批延误情况属实，请致电客户经理13912345678办理。如有异议可于30日内申请核查，亦可申请调解、仲裁或提起诉讼。';
    const answered = await handler.client.post(`/api/cases/${caseId}/transitions`, { version: v, action: 'answer', decision: { outcome: 'upheld', letter, remedies: [] } });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ decision: { letter }, decisionMasked: false });
    const masked = (await auditor.client.get(`/api/cases/${caseId}`)).body;
    expect(masked.decisionMasked).toBe(true);
    expect(masked.decision.letter).toContain('审批延误情况属实');
    expect(masked.decision.letter).not.toContain('13912345678');
    // The customer's own name, typed into the letter or a reply, is masked too (and not a search word).
    expect(masked.decision.letter).toContain('尊敬的姜**先生');
    expect((await handler.client.post(`/api/cases/${caseId}/messages`, { direction: 'outbound', body: '姜明远先生，您好：材料已收到。' })).status).toBe(200);
    const reply = (await auditor.client.get(`/api/cases/${caseId}`)).body.messages.find((m: { direction: string }) => m.direction === 'outbound');
    expect(reply.body).toBe('姜**先生，您好：材料已收到。');
    expect((await lead.client.get(`/api/cases?queue=all&q=${encodeURIComponent('姜明远')}`)).body.items).toEqual([]);
    const stored = async () => ((await t.database.db.execute(sql`select decision->>'letter' as letter, decision_letter_sealed as sealed from cases where id = ${caseId}`)) as unknown as { rows: { letter: string; sealed: string | null }[] }).rows[0]!;
    const row = await stored();
    expect(row.sealed).toMatch(/^v1\.t1\./);
    expect(row.letter).not.toContain('13912345678');
    const reads = await admin.get(`/api/audit?objectType=case&objectId=${caseId}&action=case.pii_read`);
    expect(reads.body.items[0]).toMatchObject({ actorId: handler.id, after: { decisionLetter: true } });

    // A letter stored in the clear (before letters were sealed): masked when read, sealed at start-up.
    await t.database.db.execute(sql`update cases set decision = jsonb_set(decision, '{letter}', to_jsonb(${letter}::text)), decision_letter_sealed = null where id = ${caseId}`);
    expect((await auditor.client.get(`/api/cases/${caseId}`)).body.decision.letter).not.toContain('13912345678');
    expect(await t.app.services.cases.sealLegacyLetters()).toBeGreaterThanOrEqual(1);
    expect(await t.app.services.cases.sealLegacyLetters()).toBe(0);
    const resealed = await stored();
    expect(resealed.sealed).toMatch(/^v1\.t1\./);
    expect(resealed.letter).not.toContain('13912345678');
    expect(resealed.letter).toContain('尊敬的姜**先生');
    expect((await handler.client.get(`/api/cases/${caseId}`)).body.decision.letter).toBe(letter);
  });

  it('finds cases by number and by words anywhere in the customer’s text, never by personal data', async () => {
    const long = `${'我司于今年三月向贵行提交银团贷款申请，'.repeat(3)}至今抵押物评估报告仍未出具，联系人手机13912340000。`;
    const { caseId, number } = (await intake(handler.client, { text: long })).body;
    const ids = async (q: string) => (await lead.client.get(`/api/cases?queue=all&q=${encodeURIComponent(q)}`)).body.items.map((c: { id: string }) => c.id);
    expect(await ids(number)).toEqual([caseId]);
    // The number as staff type it: without the prefix or the dashes, in lower case.
    for (const typed of [number.slice(3), number.replaceAll('-', '').toLowerCase()]) expect(await ids(typed), typed).toEqual([caseId]);
    // The sequence alone (as printed, or without its zeros): the cases of any day that carry it
    // (a short one may match words of a title too).
    for (const typed of [number.slice(-6), String(Number(number.slice(-6)))]) {
      const found = (await lead.client.get(`/api/cases?queue=all&q=${typed}`)).body.items as { id: string; number: string }[];
      expect(found.map((c) => c.id), typed).toContain(caseId);
    }
    const printed = (await lead.client.get(`/api/cases?queue=all&q=${number.slice(-6)}`)).body.items as { number: string }[];
    expect(printed.every((c) => c.number.endsWith(`-${number.slice(-6)}`))).toBe(true);
    expect(await ids('抵押物评估')).toEqual([caseId]); // beyond the title: found through the search vector
    expect(await ids('评估报告 抵押物')).toEqual([caseId]);
    expect(await ids('13912340000')).toEqual([]);
    const note = await handler.client.post(`/api/cases/${caseId}/messages`, { direction: 'inbound', body: '补充：涉及保函开立费用' });
    expect(note.status).toBe(200);
    expect(await ids('保函')).toEqual([caseId]);
    expect(await ids('完全无关的词语')).toEqual([]);
    // A typo in a long stretch of the title: nothing matches exactly, the title is close.
    const title = (await lead.client.get(`/api/cases/${caseId}`)).body.title as string;
    const typo = title.slice(0, 26).replace('贷款', '贷欵');
    expect(typo).not.toBe(title.slice(0, 26));
    expect(await ids(typo)).toEqual([caseId]);
    // The similar titles page like any list: a second case with the same words is on page 2 of 1.
    const again = (await intake(handler.client, { text: long })).body.caseId;
    const page = async (offset: number) => (await lead.client.get(`/api/cases?queue=all&limit=1&offset=${offset}&q=${encodeURIComponent(typo)}`)).body;
    const [first, second, third] = [await page(0), await page(1), await page(2)];
    expect([first.items[0].id, second.items[0].id].sort()).toEqual([caseId, again].sort());
    expect([first.more, second.more]).toEqual([true, false]);
    expect(third.items).toEqual([]);
    // An exact search's pages end as before: past its last match, nothing.
    expect((await lead.client.get(`/api/cases?queue=all&limit=1&offset=2&q=${encodeURIComponent('抵押物评估')}`)).body.items).toEqual([]);
  });

  it('lists every department for sub-tasks, wherever the case sits', async () => {
    const { items } = (await handler.client.get('/api/departments')).body;
    expect(items.map((u: { code: string }) => u.code)).toEqual(expect.arrayContaining(['HO-RISK', 'HO-LEGAL', 'HO-CREDIT', 'SH-CP']));
    expect(items.every((u: { kind: string }) => u.kind === 'department')).toBe(true);
  });

  it('lets case workers find colleagues anywhere in the institution, without personal data', async () => {
    const r = await handler.client.get('/api/staff?q=ho.risk');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([{ id: riskOfficer.id, username: 'ho.risk', displayName: 'ho.risk', orgUnitId: hoRisk, roles: ['risk_officer'] }]);
    expect((await handler.client.get('/api/staff?role=team_lead')).body.items.map((u: { id: string }) => u.id)).toContain(lead.id);
    expect((await admin.get('/api/staff')).status).toBe(403); // administrators use the user list
  });

  it('merges a repeat complaint: its words follow, both timelines say so', async () => {
    const first = (await intake(handler.client, {})).body.caseId;
    const repeat = (await intake(handler.client, { text: '再次投诉：项目融资审批仍然没有进展。' })).body.caseId;
    const v = (await lead.client.get(`/api/cases/${repeat}`)).body.version;
    const merged = await lead.client.post(`/api/cases/${repeat}/transitions`, { version: v, action: 'merge', targetCaseId: first, reason: '同一事项重复投诉' });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'merged', mergedIntoId: first, messages: [] });
    const target = await lead.client.get(`/api/cases/${first}`);
    expect(target.body.messages).toHaveLength(2);
    expect(target.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['merged_in', 'merge']));
  });

  it('counts a list’s matches up to a limit and says when there are more', async () => {
    const page = await lead.client.get('/api/cases?queue=all&limit=2');
    expect(page.status).toBe(200);
    const n = page.body.total as number;
    expect(n).toBeGreaterThan(2);
    expect(page.body).toMatchObject({ more: false });
    expect(page.body.items).toHaveLength(2);
    // The same list counted with a lower limit: the count stops there and says so.
    const filter = { institutionId: t.setup!.institutionId, underPath: '', grantedIds: [] };
    expect(await casesRepo.list(t.database.db, filter, 2, 0, n)).toMatchObject({ total: n, more: false });
    const capped = await casesRepo.list(t.database.db, filter, 2, 0, n - 1);
    expect(capped).toMatchObject({ total: n - 1, more: true });
    expect(capped.rows).toHaveLength(2);
    // A search is not counted: the page says whether another follows.
    const first = await lead.client.get(`/api/cases?queue=all&limit=1&q=${encodeURIComponent('审批')}`);
    expect(first.body).toMatchObject({ total: 1, more: true });
    const all = await lead.client.get(`/api/cases?queue=all&limit=200&q=${encodeURIComponent('审批')}`);
    expect(all.body.more).toBe(false);
    expect(all.body.total).toBe(all.body.items.length);
    const last = await lead.client.get(`/api/cases?queue=all&limit=1&offset=${all.body.total - 1}&q=${encodeURIComponent('审批')}`);
    expect(last.body).toMatchObject({ total: all.body.total, more: false });
  });
});

describe.each(['pglite'] as const)('customers [%s]', (engine) => {
  let t: TestApp;
  let handler: Client;
  let auditor: Client;
  let bj: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    const admin = await t.admin();
    handler = (await createStaff(t, admin, { username: 'c.handler', roles: ['handler'], orgCode: 'BJ' })).client;
    auditor = (await createStaff(t, admin, { username: 'c.auditor', roles: ['auditor'], orgCode: 'BJ' })).client;
    bj = await orgUnitId(admin, 'BJ');
  });
  afterAll(() => t?.close());

  it('refuses a unified social credit code whose check character is wrong, saying so', async () => {
    const r = await handler.post('/api/customers', { type: 'enterprise', orgUnitId: bj, name: '北京示范建设有限公司', uscc: '91110108MA01C9XK3D' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ field: 'uscc' });
    expect(r.body.errors[0].message).toMatch(/check character/);
  });

  it('registers an enterprise once, and finds an individual by phone without decrypting rows', async () => {
    const e = await handler.post('/api/customers', { type: 'enterprise', orgUnitId: bj, name: '北京示范建设有限公司', uscc: '91110108MA01C9XK3C', legalRepresentative: '王建国', industry: '建筑业', size: 'large' });
    expect(e.status).toBe(201);
    expect(e.body.legalRepresentative).toBe('王**');
    const dup = await handler.post('/api/customers', { type: 'enterprise', orgUnitId: bj, name: '另一家公司', uscc: '91110108MA01C9XK3C' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].field).toBe('uscc');

    const p = await handler.post('/api/customers', { type: 'individual', orgUnitId: bj, name: '李小明', idNumber: '110105199003071239', phone: '139 1234 5678' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ displayName: '李**', name: '李**', phone: '139****5678', idNumber: '110105********1239', piiMasked: true });
    const found = await handler.get('/api/customers?phone=13912345678');
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([p.body.id]);
    expect((await handler.get('/api/customers?idNumber=110105199003071239')).body.items).toHaveLength(1);

    const full = await handler.get(`/api/customers/${p.body.id}`);
    expect(full.body).toMatchObject({ name: '李小明', phone: '13912345678', piiMasked: false });
    const masked = await auditor.get(`/api/customers/${p.body.id}`);
    expect(masked.body).toMatchObject({ name: '李**', piiMasked: true });
    const raw = JSON.stringify((await t.database.db.execute(sql`select * from customers where id = ${p.body.id}`)) as unknown);
    expect(raw).not.toContain('李小明');
    expect(raw).not.toContain('13912345678');
  });

});
