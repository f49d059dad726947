import { randomUUID } from 'node:crypto';
import { renderNotice } from '@loopdesk/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client} from '../../../test/harness';
import { createStaff, describeEngines, orgUnitId, startTestApp, TestClock, type TestApp } from '../../../test/harness';

const COMPLAINT = '我公司在海淀支行的项目融资贷款评估费收取不合理，评估报告与实际抵押物价值严重不符，要求重新评估并退还费用。';
// 10:00 in Beijing on Thursday 6 August 2026: day 15 is Friday 21 August, day 30 Saturday 5
// September (due Monday 7 September), day 60 Monday 5 October inside the National Day holiday
// (due Thursday 8 October).
const RECEIVED = '2026-08-06T10:00:00+08:00';
const DAY = 86_400_000;
/** 24:00 of a date in Beijing, as the API writes it. */
/** A queued notice as delivery words it: template + locale + payload, nothing else. */
const noticeText = (n: { template_key: string; locale: string; payload: unknown }) => renderNotice(n.template_key, n.locale, n.payload);
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + DAY).toISOString();

type Staff = { client: Client; id: string; password: string };

describeEngines('regulatory clock: extensions, exclusions, new facts', (engine) => {
  let t: TestApp;
  let admin: Client;
  let agent: Staff;
  let handler: Staff;
  let bjLead: Staff;
  let bjManager: Staff;
  let hdManager: Staff;
  let shHandler: Staff;
  let bjHd: string;

  beforeAll(async () => {
    // Now is 19 August, 11:00 in Beijing: the letters arrived on the 6th, and the periods below are past.
    t = await startTestApp(engine, { clock: new TestClock(new Date('2026-08-19T03:00:00Z')) });
    admin = await t.admin();
    agent = await createStaff(t, admin, { username: 'hd.agent', roles: ['agent'], orgCode: 'BJ-HD' });
    handler = await createStaff(t, admin, { username: 'hd.handler', roles: ['handler'], orgCode: 'BJ-HD' });
    hdManager = await createStaff(t, admin, { username: 'hd.manager', roles: ['branch_manager'], orgCode: 'BJ-HD' });
    bjLead = await createStaff(t, admin, { username: 'bj.lead', roles: ['team_lead'], orgCode: 'BJ' });
    bjManager = await createStaff(t, admin, { username: 'bj.manager', roles: ['branch_manager'], orgCode: 'BJ' });
    shHandler = await createStaff(t, admin, { username: 'sh.handler', roles: ['handler'], orgCode: 'SH' });
    bjHd = await orgUnitId(admin, 'BJ-HD');
  });
  afterAll(() => t?.close());

  const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  /** A complaint 海淀支行 received on 6 August (a letter's postmark), entered by its agent. */
  const intake = async (body: Record<string, unknown> = {}) => {
    const r = await agent.client.post('/api/cases', { channel: 'letter', kind: 'complaint', text: COMPLAINT, receivedAt: RECEIVED, backDateReason: '来信邮戳日期', ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.regulatoryDueAt).toBe(endOf('2026-08-21'));
    return r.body.caseId as string;
  };
  const clock = async (c: Client, id: string) => {
    const r = await c.get(`/api/cases/${id}/regulatory-clock`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const ok = (r: { status: number; body: unknown }) => {
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as any;
  };

  describe('extensions (Art. 18)', () => {
    let id: string;
    let customerId: string;

    beforeAll(async () => {
      const customer = await agent.client.post('/api/customers', { type: 'individual', orgUnitId: bjHd, name: '王五', preferredLocale: 'en' });
      expect(customer.status, JSON.stringify(customer.body)).toBe(201);
      customerId = customer.body.id;
      id = await intake({ customerId });
    });

    it('extends to 30 then 60 days over the National Day holiday, each approved at its level, and refuses a third', async () => {
      let v = await clock(handler.client, id);
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-21'), daysAllowed: 15, may: { requestExtension: true, work: true } });
      expect(v.ruleSet.extensionLevels).toEqual([
        { level: 1, id: 'complex', limitDays: 30, approval: 'none' },
        { level: 2, id: 'especially_complex', limitDays: 60, approval: 'higher_level' },
      ]);

      // A missing reason, a level out of turn: refused with the field, nothing written.
      const noReason = await handler.client.post(`/api/cases/${id}/extensions`, { version: v.version, level: 1, reason: '  ' });
      expect(noReason.status).toBe(422);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      const outOfTurn = await handler.client.post(`/api/cases/${id}/extensions`, { version: v.version, level: 2, reason: '情况特别复杂' });
      expect(outOfTurn.status).toBe(422);
      expect(outOfTurn.body.errors[0].field).toBe('level');

      v = ok(await handler.client.post(`/api/cases/${id}/extensions`, { version: v.version, level: 1, reason: '需调取三年贷款流水并核对评估报告' }));
      expect(v.extensions).toEqual([expect.objectContaining({ level: 1, levelId: 'complex', status: 'requested', requestedBy: handler.id, mayDecide: false })]);
      expect(v.may.requestExtension).toBe(false);
      expect(v.dueAt).toBe(endOf('2026-08-21'));
      const ext1 = v.extensions[0].id;

      // A stale version gets 409; a handler may not decide (no permission); the lead sees the button.
      expect((await bjLead.client.post(`/api/cases/${id}/extensions/${ext1}/decision`, { version: v.version - 1, decision: 'approve' })).status).toBe(409);
      expect((await handler.client.post(`/api/cases/${id}/extensions/${ext1}/decision`, { version: v.version, decision: 'approve' })).status).toBe(403);
      expect((await clock(bjLead.client, id)).extensions[0].mayDecide).toBe(true);

      v = ok(await bjLead.client.post(`/api/cases/${id}/extensions/${ext1}/decision`, { version: v.version, decision: 'approve', note: '同意' }));
      // Day 30 is Saturday 5 September: due Monday 7 September.
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-09-07'), daysAllowed: 30 });
      expect(v.extensions[0]).toMatchObject({ status: 'approved', decidedBy: bjLead.id, decisionNote: '同意', newDueAt: endOf('2026-09-07') });

      v = ok(await handler.client.post(`/api/cases/${id}/extensions`, { version: v.version, level: 2, reason: '涉及外部评估机构，情况特别复杂' }));
      const ext2 = v.extensions[1].id;
      // The second level needs a higher-level institution: not the branch's team lead, not the sub-branch's own manager.
      expect((await bjLead.client.post(`/api/cases/${id}/extensions/${ext2}/decision`, { version: v.version, decision: 'approve' })).status).toBe(403);
      expect((await hdManager.client.post(`/api/cases/${id}/extensions/${ext2}/decision`, { version: v.version, decision: 'approve' })).status).toBe(403);
      expect((await clock(hdManager.client, id)).extensions[1].mayDecide).toBe(false);
      v = ok(await bjManager.client.post(`/api/cases/${id}/extensions/${ext2}/decision`, { version: v.version, decision: 'approve' }));
      // Day 60 is 5 October, inside the National Day holiday: due Thursday 8 October.
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-10-08'), daysAllowed: 60, provisional: false });

      const third = await handler.client.post(`/api/cases/${id}/extensions`, { version: v.version, level: 3, reason: '再延长' });
      expect(third.status).toBe(422);
      expect(third.body.errors[0].field).toBe('level');
      expect(v.may.requestExtension).toBe(false);

      // The case, its clocks (refreshed for the worker) and the queues carry the new deadline.
      const detail = ok(await handler.client.get(`/api/cases/${id}`));
      expect(detail.regulatoryDueAt).toBe(endOf('2026-10-08'));
      expect(detail.events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['regulatory.extension_requested', 'regulatory.extension_approved']),
      );
      expect(detail.events.filter((e: { type: string }) => e.type === 'regulatory.extension_approved')).toHaveLength(2);
      const [clockRow] = await rows<{ due_at: Date | string }>(sql`select due_at from case_clocks where case_id = ${id} and clock = 'regulatory'`);
      expect(new Date(clockRow!.due_at).toISOString()).toBe(endOf('2026-10-08'));
      const audit = await rows<{ action: string }>(sql`select action from audit_entries where object_id = ${id} and action like 'case.extension%' order by seq`);
      expect(audit.map((a) => a.action)).toEqual(['case.extension_request', 'case.extension_approve', 'case.extension_request', 'case.extension_approve']);
    });

    it('queues a notice to the customer, in their language, with the new deadline and the reason', async () => {
      const notices = await rows<{ recipient_type: string; recipient_id: string; template_key: string; locale: string; payload: Record<string, unknown> }>(
        sql`select recipient_type, recipient_id, template_key, locale, payload from notification_outbox where case_id = ${id} order by created_at`,
      );
      expect(notices.map((n) => [n.recipient_type, n.recipient_id, n.template_key, n.locale, n.payload.date])).toEqual([
        ['customer', customerId, 'regulatory.extension', 'en', '2026-09-07'],
        ['customer', customerId, 'regulatory.extension', 'en', '2026-10-08'],
      ]);
      // The row carries the template's values, never its wording: delivery renders template + locale + payload.
      for (const n of notices) expect(Object.keys(n.payload).filter((k) => ['subject', 'body', 'what'].includes(k))).toEqual([]);
      const text = noticeText(notices[0]!);
      expect(text.body).toContain('by 2026-09-07');
      expect(text.body).toContain('需调取三年贷款流水并核对评估报告');
    });

    it('recomputes through the same inputs when the kind changes: out of the rules and back, the extensions still count', async () => {
      let detail = ok(await handler.client.get(`/api/cases/${id}`));
      detail = ok(await handler.client.post(`/api/cases/${id}/classification`, { version: detail.version, kind: 'inquiry', reason: '客户仅咨询评估费标准' }));
      expect(detail.regulatoryDueAt).toBeNull();
      expect((await clock(handler.client, id)).state).toBe('none');
      detail = ok(await handler.client.post(`/api/cases/${id}/classification`, { version: detail.version, kind: 'complaint', reason: '客户明确要求退费，属投诉' }));
      expect(detail.regulatoryDueAt).toBe(endOf('2026-10-08'));
    });

    it('keeps the staff complained about and their line managers from deciding, and refuses a case already decided', async () => {
      const recusedCase = await intake({ staffComplainedAbout: [handler.id] });
      let v = await clock(handler.client, recusedCase);
      v = ok(await handler.client.post(`/api/cases/${recusedCase}/extensions`, { version: v.version, level: 1, reason: '需补充材料' }));
      // bj.lead is the line manager of the handler complained about.
      const refused = await bjLead.client.post(`/api/cases/${recusedCase}/extensions/${v.extensions[0].id}/decision`, { version: v.version, decision: 'approve' });
      expect(refused.status).toBe(403);
      expect((await clock(bjLead.client, recusedCase)).extensions[0].mayDecide).toBe(false);

      const rejected = await intake();
      const before = await clock(bjLead.client, rejected);
      ok(await bjLead.client.post(`/api/cases/${rejected}/transitions`, { action: 'reject', version: before.version, reason: '不属于受理范围' }));
      const after = await clock(handler.client, rejected);
      const closed = await handler.client.post(`/api/cases/${rejected}/extensions`, { version: after.version, level: 1, reason: '情况复杂' });
      expect(closed.status).toBe(409);
      expect(after.may.requestExtension).toBe(false);
    });
  });

  describe('exclusions (Art. 18, 23)', () => {
    it('suspends the clock while an appraisal the complainant was told of runs, and moves the deadline by its 5 days', async () => {
      const id = await intake();
      let v = await clock(handler.client, id);
      const wrongKind = await handler.client.post(`/api/cases/${id}/exclusions`, { version: v.version, kind: 'arbitration' });
      expect(wrongKind.status).toBe(422);
      expect(wrongKind.body.errors[0].field).toBe('kind');

      v = ok(await handler.client.post(`/api/cases/${id}/exclusions`, { version: v.version, kind: 'appraisal', startAt: '2026-08-10T10:00:00+08:00', notify: true, note: '委托第三方评估机构重新评估抵押物' }));
      expect(v).toMatchObject({ state: 'suspended', dueAt: null, suspendedSince: '2026-08-10T02:00:00.000Z' });
      expect(v.exclusions).toEqual([expect.objectContaining({ kind: 'appraisal', endAt: null, counts: true })]);
      expect(v.exclusions[0].noticeSentAt).not.toBeNull();
      // Queues and badges show the suspension; the worker leaves the clock alone.
      const listed = ok(await handler.client.get('/api/cases?queue=open&limit=200')).items.find((c: { id: string }) => c.id === id);
      expect(listed).toMatchObject({ regulatoryDueAt: null, regulatorySuspendedSince: '2026-08-10T02:00:00.000Z' });
      const [paused] = await rows<{ status: string }>(sql`select status from case_clocks where case_id = ${id} and clock = 'regulatory'`);
      expect(paused!.status).toBe('paused');

      v = ok(await handler.client.post(`/api/cases/${id}/exclusions/${v.exclusions[0].id}/end`, { version: v.version, endAt: '2026-08-15T10:00:00+08:00' }));
      // 10 → 15 August leaves out 5 days: day 20 is Wednesday 26 August.
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-26'), excludedDays: 5, suspendedSince: null });

      const notices = await rows<{ recipient_type: string; recipient_id: string; template_key: string; locale: string; payload: Record<string, unknown> }>(
        sql`select recipient_type, recipient_id, template_key, locale, payload from notification_outbox where case_id = ${id} order by created_at`,
      );
      expect(notices.map((n) => [n.recipient_type, n.recipient_id, n.template_key, n.locale])).toEqual([
        ['case', id, 'regulatory.exclusion', 'zh-CN'],
        ['case', id, 'regulatory.exclusion_ended', 'zh-CN'],
      ]);
      expect(notices.map((n) => [n.payload.exclusionKind, 'subject' in n.payload, 'body' in n.payload])).toEqual([
        ['appraisal', false, false],
        ['appraisal', false, false],
      ]);
      expect(noticeText(notices[0]!).body).toContain('外部鉴定');
      // At its end the complainant learns the clock runs again, with the new deadline.
      expect(noticeText(notices[1]!).body).toContain('外部鉴定已结束，处理期限恢复计算，延至2026-08-26');
      const events = ok(await handler.client.get(`/api/cases/${id}`)).events.map((e: { type: string }) => e.type);
      expect(events).toEqual(expect.arrayContaining(['regulatory.exclusion_started', 'regulatory.exclusion_ended']));
    });

    it('ignores an appraisal the complainant was not told of, but counts unnoticed mediation (no notice required)', async () => {
      const id = await intake();
      let v = await clock(handler.client, id);
      v = ok(await handler.client.post(`/api/cases/${id}/exclusions`, { version: v.version, kind: 'testing', startAt: '2026-08-10T10:00:00+08:00', notify: false }));
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-21') });
      expect(v.exclusions[0]).toMatchObject({ noticeSentAt: null, counts: false });
      v = ok(await handler.client.post(`/api/cases/${id}/exclusions/${v.exclusions[0].id}/end`, { version: v.version, endAt: '2026-08-15T10:00:00+08:00' }));
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-21'), excludedDays: 0 });
      expect(await rows(sql`select id from notification_outbox where case_id = ${id}`)).toEqual([]);

      v = ok(await handler.client.post(`/api/cases/${id}/exclusions`, { version: v.version, kind: 'mediation', startAt: '2026-08-16T10:00:00+08:00', notify: false }));
      expect(v.state).toBe('suspended');
      v = ok(await handler.client.post(`/api/cases/${id}/exclusions/${v.exclusions[1].id}/end`, { version: v.version, endAt: '2026-08-18T10:00:00+08:00' }));
      // Two days of mediation: day 17 is Sunday 23 August, due Monday 24 August.
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-24'), excludedDays: 2 });
    });
  });

  describe('a notice recorded after the period (Art. 18)', () => {
    it('ignores an unnoticed appraisal until its notice is recorded, then moves the deadline and tells the complainant the new one', async () => {
      const id = await intake();
      let v = await clock(handler.client, id);
      v = ok(await handler.client.post(`/api/cases/${id}/exclusions`, { version: v.version, kind: 'appraisal', startAt: '2026-08-10T10:00:00+08:00', notify: false }));
      const exclusionId = v.exclusions[0].id as string;
      v = ok(await handler.client.post(`/api/cases/${id}/exclusions/${exclusionId}/end`, { version: v.version, endAt: '2026-08-15T10:00:00+08:00' }));
      // Without its notice the appraisal does not count, and no one is told it ended.
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-21'), excludedDays: 0 });
      expect(v.exclusions[0]).toMatchObject({ noticeSentAt: null, counts: false });
      expect(await rows(sql`select id from notification_outbox where case_id = ${id}`)).toEqual([]);

      // A time in the future, a stale version: refused, nothing written.
      const future = await handler.client.post(`/api/cases/${id}/exclusions/${exclusionId}/notice`, { version: v.version, sentAt: '2026-09-30T10:00:00+08:00' });
      expect([future.status, future.body.errors?.[0]?.field]).toEqual([422, 'sentAt']);
      expect((await handler.client.post(`/api/cases/${id}/exclusions/${exclusionId}/notice`, { version: v.version - 1 })).status).toBe(409);
      expect((await handler.client.post(`/api/cases/${id}/exclusions/${randomUUID()}/notice`, { version: v.version })).status).toBe(404);

      // The complainant was told on 11 August (by telephone): the 5 days count, day 20 is Wednesday 26 August.
      v = ok(await handler.client.post(`/api/cases/${id}/exclusions/${exclusionId}/notice`, { version: v.version, sentAt: '2026-08-11T09:30:00+08:00', note: '已电话告知客户需外部鉴定' }));
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-26'), excludedDays: 5 });
      expect(v.exclusions[0]).toMatchObject({ noticeSentAt: '2026-08-11T01:30:00.000Z', counts: true });
      const listed = ok(await handler.client.get('/api/cases?queue=open&limit=200')).items.find((c: { id: string }) => c.id === id);
      expect(listed.regulatoryDueAt).toBe(endOf('2026-08-26'));
      const [stored] = await rows<{ due_at: string | Date }>(sql`select due_at from case_clocks where case_id = ${id} and clock = 'regulatory'`);
      expect(new Date(stored!.due_at).toISOString()).toBe(endOf('2026-08-26'));
      // Recorded once only.
      expect((await handler.client.post(`/api/cases/${id}/exclusions/${exclusionId}/notice`, { version: v.version })).status).toBe(409);

      const event = ok(await handler.client.get(`/api/cases/${id}`)).events.find((e: { type: string }) => e.type === 'regulatory.exclusion_noticed');
      expect(event).toMatchObject({ reason: '已电话告知客户需外部鉴定', data: { exclusionId, noticeSentAt: '2026-08-11T01:30:00.000Z', from: { regulatoryDueAt: endOf('2026-08-21') }, to: { regulatoryDueAt: endOf('2026-08-26') } } });
      const audit = await rows<{ action: string }>(sql`select action from audit_entries where object_id = ${id} and action = 'case.exclusion_notice'`);
      expect(audit).toHaveLength(1);
      // The period is over: the complainant learns the new deadline.
      const notices = await rows<{ template_key: string; locale: string; payload: Record<string, unknown> }>(sql`select template_key, locale, payload from notification_outbox where case_id = ${id}`);
      expect(notices.map((n) => n.template_key)).toEqual(['regulatory.exclusion_ended']);
      expect(noticeText(notices[0]!).body).toContain('延至2026-08-26');
    });

    it('suspends the clock from the appraisal’s start once the notice of a period still open is recorded', async () => {
      const id = await intake();
      let v = await clock(handler.client, id);
      v = ok(await handler.client.post(`/api/cases/${id}/exclusions`, { version: v.version, kind: 'evaluation', startAt: '2026-08-10T10:00:00+08:00', notify: false }));
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-21') });
      v = ok(await handler.client.post(`/api/cases/${id}/exclusions/${v.exclusions[0].id}/notice`, { version: v.version }));
      expect(v).toMatchObject({ state: 'suspended', dueAt: null, suspendedSince: '2026-08-10T02:00:00.000Z' });
      // Still open: nothing to tell the complainant yet but the notice they had.
      expect(await rows(sql`select id from notification_outbox where case_id = ${id}`)).toEqual([]);
    });
  });

  describe('new facts (Art. 18)', () => {
    it('restarts the clock from their arrival, on the timeline and in the audit trail', async () => {
      const id = await intake();
      let v = await clock(handler.client, id);
      const future = await handler.client.post(`/api/cases/${id}/new-facts`, { version: v.version, at: '2026-09-30T10:00:00+08:00', note: '未来' });
      expect(future.status).toBe(422);
      expect(future.body.errors[0].field).toBe('at');
      v = ok(await handler.client.post(`/api/cases/${id}/new-facts`, { version: v.version, at: '2026-08-10T15:00:00+08:00', note: '客户补充提交了新的评估报告和收费凭证' }));
      // Counted again from 10 August: day 15 is Tuesday 25 August.
      expect(v).toMatchObject({ state: 'running', dueAt: endOf('2026-08-25'), newFactsAt: '2026-08-10T07:00:00.000Z' });
      const event = ok(await handler.client.get(`/api/cases/${id}`)).events.find((e: { type: string }) => e.type === 'regulatory.new_facts');
      expect(event).toMatchObject({ reason: '客户补充提交了新的评估报告和收费凭证', data: { restarts: true, to: { regulatoryDueAt: endOf('2026-08-25') } } });
      const audit = await rows<{ action: string }>(sql`select action from audit_entries where object_id = ${id} and action = 'case.new_facts'`);
      expect(audit).toHaveLength(1);
      // The stored clock starts a new run from the new facts, so its warnings come again.
      const [run] = await rows<{ run: number; events: { type: string; at: number }[]; due_at: string | Date }>(sql`select run, events, due_at from case_clocks where case_id = ${id} and clock = 'regulatory'`);
      expect(run).toMatchObject({ run: 2, events: [{ type: 'start', at: Date.parse('2026-08-10T15:00:00+08:00') }] });
      expect(new Date(run!.due_at).toISOString()).toBe(endOf('2026-08-25'));
    });
  });

  describe('scope', () => {
    it('answers 404 to staff of another branch', async () => {
      const id = await intake();
      const v = await clock(handler.client, id);
      expect((await shHandler.client.get(`/api/cases/${id}/regulatory-clock`)).status).toBe(404);
      expect((await shHandler.client.post(`/api/cases/${id}/extensions`, { version: v.version, level: 1, reason: '越权' })).status).toBe(404);
      expect((await shHandler.client.post(`/api/cases/${id}/exclusions`, { version: v.version, kind: 'mediation' })).status).toBe(404);
      expect((await shHandler.client.post(`/api/cases/${id}/new-facts`, { version: v.version, at: RECEIVED, note: '越权' })).status).toBe(404);
    });
  });
});
