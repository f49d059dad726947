import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createStaff, describeEngines, startTestApp, TestClock, type TestApp } from '../../../test/harness';
import { MAX_ATTEMPTS, retryDelayMs } from './notifications.service';

const SMTP_USER = 'loopdesk-mailer';
const SMTP_PASSWORD = 'Smtp-Pa55word-never-logged';
/** An address the test SMTP server refuses for a while (a full mailbox: 452, try again later). */
const BOUNCING = 'bounce@bank.example';

/** A real SMTP server in the test process: it checks the login and keeps every message it accepts, parsed. */
async function startSmtp(): Promise<{ port: number; received: ParsedMail[]; refuse: Set<string>; close(): Promise<void> }> {
  const received: ParsedMail[] = [];
  const refuse = new Set<string>([BOUNCING]);
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('invalid credentials'));
    },
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) callback(Object.assign(new Error('mailbox full, try again later'), { responseCode: 452 }));
      else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describeEngines('notifications: outbox delivery by email and the in-app inbox', (engine) => {
  describe('with an SMTP server', () => {
    const clock = new TestClock();
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let t: TestApp;
    let handler: { client: Client; id: string };
    let bouncing: { client: Client; id: string };

    const q = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
    const enqueue = (recipientId: string, payload: Record<string, unknown>, templateKey = 'clock.warning', locale = 'zh-CN') =>
      t.database.db.transaction((tx) =>
        t.app.services.notifications.enqueue(tx, { institutionId: t.setup.institutionId, recipientType: 'staff', recipientId, templateKey, locale, payload, caseId: null }),
      );

    beforeAll(async () => {
      smtp = await startSmtp();
      t = await startTestApp(engine, {
        clock,
        env: { LOOPDESK_SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}/?ignoreTLS=true`, LOOPDESK_MAIL_FROM: 'LoopDesk <noreply@bank.example>' },
      });
      const admin = await t.admin();
      handler = await createStaff(t, admin, { username: 'mail.handler', roles: ['handler'], orgCode: 'BJ-HD', email: 'handler@bank.example' });
      bouncing = await createStaff(t, admin, { username: 'mail.bounce', roles: ['handler'], orgCode: 'BJ-HD', email: BOUNCING });
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('sends a staff notice once, rendered, to the staff member’s address, even with two workers at once', async () => {
      const row = await enqueue(handler.id, { number: 'FB-20261120-000007', title: '贷款审批拖延', clock: 'resolution', level: 'warning_75', dueAt: '2026-11-27T16:00:00.000Z' });
      const [a, b] = await Promise.all([t.app.services.notifications.deliverDue(), t.app.services.notifications.deliverDue()]);
      expect(a + b).toBe(1);
      expect(await t.app.services.notifications.deliverDue()).toBe(0);
      const mails = smtp.received.filter((m) => m.messageId === `<${row.id}@loopdesk.outbox>`);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe('【时限预警】FB-20261120-000007 解决时限已用 75%');
      expect(mails[0]!.text).toContain('到期时间 2026-11-27 24:00');
      expect((mails[0]!.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(['handler@bank.example']);
      expect(mails[0]!.from?.value[0]?.address).toBe('noreply@bank.example');
      const [stored] = await q<{ status: string; delivered_via: string; attempts: number }>(sql`select status, delivered_via, attempts from notification_outbox where id = ${row.id}`);
      expect(stored).toEqual({ status: 'sent', delivered_via: 'email', attempts: 1 });
      // The staff member also sees it in the console.
      const inbox = await handler.client.get('/api/notifications/mine');
      expect(inbox.body.items[0]).toMatchObject({ id: row.id, subject: '【时限预警】FB-20261120-000007 解决时限已用 75%', delivery: 'sent', deliveredVia: 'email', readAt: null });
    });

    it('retries a refused message with backoff, delivers it once the mailbox takes it, and gives up after the last attempt', async () => {
      const later = await enqueue(bouncing.id, { number: 'FB-20261120-000008', clock: 'regulatory', level: 'breach', dueAt: '2026-12-07T16:00:00.000Z' }, 'clock.breach', 'en');
      expect(await t.app.services.notifications.deliverDue()).toBe(0);
      const state = async (id: string) => (await q<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date | string | null }>(sql`select status, attempts, last_error, next_attempt_at from notification_outbox where id = ${id}`))[0]!;
      let s = await state(later.id);
      expect(s).toMatchObject({ status: 'pending', attempts: 1 });
      expect(s.last_error).toMatch(/452|mailbox full/);
      expect(new Date(s.next_attempt_at!).getTime()).toBe(clock.now().getTime() + retryDelayMs(1));
      // Not before the backoff has passed.
      expect(await t.app.services.notifications.deliverDue()).toBe(0);
      expect((await state(later.id)).attempts).toBe(1);
      clock.advance(retryDelayMs(1));
      smtp.refuse.delete(BOUNCING);
      expect(await t.app.services.notifications.deliverDue()).toBe(1);
      expect(await state(later.id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
      expect(smtp.received.filter((m) => m.subject === '[Deadline breached] FB-20261120-000008 regulatory deadline')).toHaveLength(1);

      smtp.refuse.add(BOUNCING);
      const never = await enqueue(bouncing.id, { number: 'FB-20261120-000009', clock: 'resolution', level: 'warning_50' });
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await t.app.services.notifications.deliverDue()).toBe(0);
        clock.advance(retryDelayMs(attempt));
      }
      s = await state(never.id);
      expect(s).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null });
      expect(s.last_error).toMatch(/452|mailbox full/);
      expect(await t.app.services.notifications.deliverDue()).toBe(0);
    });

    it('fails a notice with a template it does not know at once, and never writes the SMTP password anywhere', async () => {
      const unknown = await enqueue(handler.id, {}, 'no.such.template');
      expect(await t.app.services.notifications.deliverDue()).toBe(0);
      const [s] = await q<{ status: string; attempts: number; last_error: string }>(sql`select status, attempts, last_error from notification_outbox where id = ${unknown.id}`);
      expect(s).toMatchObject({ status: 'failed', attempts: 1 });
      expect(s!.last_error).toContain('no notice template');
      const errors = await q<{ last_error: string | null }>(sql`select last_error from notification_outbox`);
      expect(errors.some((e) => e.last_error?.includes(SMTP_PASSWORD))).toBe(false);
      expect(t.logs.lines.join('\n')).not.toContain(SMTP_PASSWORD);
      expect(t.logs.lines.some((l) => l.includes('notification not delivered'))).toBe(true);
    });
  });

  describe('without an SMTP server', () => {
    let t: TestApp;
    let handler: { client: Client; id: string };
    let other: { client: Client; id: string };

    beforeAll(async () => {
      t = await startTestApp(engine);
      const admin = await t.admin();
      handler = await createStaff(t, admin, { username: 'inbox.handler', roles: ['handler'], orgCode: 'BJ-HD', email: 'inbox@bank.example' });
      other = await createStaff(t, admin, { username: 'inbox.other', roles: ['handler'], orgCode: 'BJ-HD' });
    }, 120_000);
    afterAll(() => t?.close());

    it('puts staff notices in the in-app inbox, keeps customer notices waiting, and lets only the recipient mark one read', async () => {
      const notify = (recipientType: string, recipientId: string) =>
        t.database.db.transaction((tx) =>
          t.app.services.notifications.enqueue(tx, { institutionId: t.setup.institutionId, recipientType, recipientId, templateKey: 'review.warning', locale: 'en', payload: { number: 'FB-1', level: 'warning_90', dueAt: '2026-12-07T16:00:00.000Z' }, caseId: null }),
        );
      const staff = await notify('staff', handler.id);
      const customer = await notify('customer', randomUUID());
      expect(await t.app.services.notifications.deliverDue()).toBe(1);
      const rows = (await t.database.db.execute(sql`select id, status, delivered_via from notification_outbox order by created_at`)) as unknown as { rows: { id: string; status: string; delivered_via: string | null }[] };
      expect(rows.rows.find((r) => r.id === staff.id)).toMatchObject({ status: 'sent', delivered_via: 'inbox' });
      expect(rows.rows.find((r) => r.id === customer.id)).toMatchObject({ status: 'pending', delivered_via: null });

      const inbox = await handler.client.get('/api/notifications/mine');
      expect(inbox.status).toBe(200);
      expect(inbox.body).toMatchObject({ unread: 1, items: [{ id: staff.id, subject: '[Review warning] FB-1 review decision: 90% used', deliveredVia: 'inbox' }] });
      expect((await other.client.get('/api/notifications/mine')).body).toEqual({ unread: 0, items: [] });
      expect((await other.client.post(`/api/notifications/${staff.id}/read`)).status).toBe(404);
      const read = await handler.client.post(`/api/notifications/${staff.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.unread).toBe(0);
      expect(read.body.items[0].readAt).not.toBeNull();
    });

    it('marks all my notices read at once (全部标为已读), only mine, none newer than the newest I saw, and again changes nothing', async () => {
      const notify = (recipientId: string, number: string) =>
        t.database.db.transaction((tx) =>
          t.app.services.notifications.enqueue(tx, { institutionId: t.setup.institutionId, recipientType: 'staff', recipientId, templateKey: 'review.warning', locale: 'en', payload: { number, level: 'warning_90', dueAt: '2026-12-07T16:00:00.000Z' }, caseId: null }),
        );
      for (const n of ['FB-2', 'FB-3', 'FB-4']) await notify(handler.id, n);
      const othersNotice = await notify(other.id, 'FB-5');
      const seen = await handler.client.get('/api/notifications/mine');
      expect(seen.body.unread).toBe(3);
      const newest = seen.body.items[0].createdAt as string;
      t.clock.advance(60_000);
      const arrivedLater = await notify(handler.id, 'FB-6');

      const all = await handler.client.post('/api/notifications/read-all', { until: newest });
      expect(all.status, JSON.stringify(all.body)).toBe(200);
      // The one that arrived after the list was read stays unread.
      expect(all.body.unread).toBe(1);
      const items = all.body.items as { id: string; readAt: string | null }[];
      expect(items.filter((i) => i.readAt === null).map((i) => i.id)).toEqual([arrivedLater.id]);
      // Someone else's notices are untouched.
      expect((await other.client.get('/api/notifications/mine')).body).toMatchObject({ unread: 1, items: [{ id: othersNotice.id, readAt: null }] });

      // Without a bound: every one of mine; a second time: the same answer, the read times kept.
      const everything = await handler.client.post('/api/notifications/read-all');
      expect(everything.status).toBe(200);
      expect(everything.body.unread).toBe(0);
      const again = await handler.client.post('/api/notifications/read-all');
      expect(again.body).toEqual(everything.body);
      expect((await other.client.get('/api/notifications/mine')).body.unread).toBe(1);
      expect((await new Client(t.url).post('/api/notifications/read-all')).status).toBe(401);
    });
  });
});
