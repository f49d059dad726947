import { randomUUID } from 'node:crypto';
import { renderNotice, type TMarkAllNotificationsReadRequest, type TNotificationList } from '@loopdesk/core';
import type { Db, notificationOutbox } from '@loopdesk/db';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { JobDefinition } from '../../platform/jobs';
import { safeErrorText, smtpMailer, type Mailer } from './mailer';
import { notificationsRepo, type OutboxRow } from './notifications.repo';
import { drainDue } from '../../platform/due-work';

export const NOTIFICATION_DELIVERY_JOB = 'notification-delivery';

/** Attempts before a row is given up as `failed` (its last error kept). */
export const MAX_ATTEMPTS = 5;
/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min … */
export function retryDelayMs(attempts: number): number {
  return 30_000 * 2 ** Math.max(0, attempts - 1);
}
/** Rows per transaction: on PGlite one (its only connection is held while the SMTP server answers). */
const BATCH = { server: 20, embedded: 1 } as const;
const MAX_BATCHES = 1000;
const DELIVERY_MIN_SECONDS = 5;

/** Something a notice cannot be delivered for however often it is tried. */
class Undeliverable extends Error {}

export type NewNotice = Pick<typeof notificationOutbox.$inferInsert, 'institutionId' | 'recipientType' | 'recipientId' | 'templateKey' | 'locale' | 'payload' | 'caseId'>;

/**
 * The notification outbox and its delivery. Rows are written in the transaction of the change
 * that causes them (an SLA level, a review deadline, a customer notice); the delivery job sends
 * them later, at least once:
 *
 * - a batch is claimed with FOR UPDATE SKIP LOCKED, so two workers never hold the same row;
 * - each row is rendered (template key + locale + payload) and sent while the claim is held, and
 *   marked sent in that same transaction: a row that committed as sent is never sent again;
 * - a crash between the SMTP server's acceptance and the commit sends it once more, with the
 *   same Message-ID (derived from the row id) so a receiving system can drop the copy;
 * - a failed attempt is recorded with its error and retried with exponential backoff; after
 *   MAX_ATTEMPTS the row is `failed`, its last error kept.
 *
 * Channels: with LOOPDESK_SMTP_URL, staff and customers with an email address get an email.
 * Staff always see their notices in the console's inbox (GET /api/notifications/mine); a staff
 * row with no mail transport or no address is marked sent via 'inbox'. Without a transport,
 * customer rows wait as `pending` (nothing claims them) until one is configured.
 */
export class NotificationsService {
  private readonly mailer: Mailer | null;

  constructor(
    private readonly deps: Deps,
    mailer?: Mailer | null,
  ) {
    const { LOOPDESK_SMTP_URL: url, LOOPDESK_MAIL_FROM: from } = deps.config;
    this.mailer = mailer !== undefined ? mailer : url && from ? smtpMailer(url, from) : null;
  }

  /**
   * Writes a notice in the caller's transaction: it exists exactly when the change committed.
   * The one way into the outbox (the SLA escalation, the acknowledgement, the regulatory notices
   * and the review worker all queue through it; a lint rule and a test keep it so). The payload
   * holds the values the template needs, never wording: the text is rendered at delivery.
   */
  async enqueue(tx: Db, notice: NewNotice): Promise<OutboxRow> {
    return notificationsRepo.insert(tx, { ...notice, id: randomUUID(), status: 'pending', createdAt: this.deps.now() });
  }

  job(): JobDefinition<z.ZodObject<Record<string, never>>> {
    return {
      name: NOTIFICATION_DELIVERY_JOB,
      payload: z.object({}),
      policy: 'short',
      // Notices go out within seconds; a faster clock tick does not make delivery poll faster.
      everySeconds: Math.max(this.deps.config.LOOPDESK_CLOCK_TICK_SECONDS, DELIVERY_MIN_SECONDS),
      handle: async (_data, stopping) => {
        await this.deliverDue(stopping);
      },
    };
  }

  /** Delivers every row due now; returns how many were sent. */
  async deliverDue(stopping?: AbortSignal): Promise<number> {
    const types = this.mailer ? null : ['staff'];
    const sent = await drainDue(this.deps, {
      sizes: BATCH,
      // Delivery writes no audit entries: nothing to chain last.
      // eslint-disable-next-line no-restricted-syntax
      transaction: (work) => this.deps.db.transaction(work),
      stopping,
      maxBatches: MAX_BATCHES,
      batch: async (tx, size) => {
        const now = this.deps.now();
        const rows = await notificationsRepo.claimDue(tx, now, size, types);
        let count = 0;
        for (const row of rows) if (await this.deliverOne(tx, row, now)) count++;
        return { claimed: rows.length, done: count };
      },
    });
    if (sent > 0) this.deps.log.info({ sent }, 'notifications delivered');
    return sent;
  }

  private async deliverOne(tx: Db, row: OutboxRow, now: Date): Promise<boolean> {
    const attempts = row.attempts + 1;
    try {
      const zone = await notificationsRepo.timeZone(tx, row.institutionId);
      let notice;
      try {
        notice = renderNotice(row.templateKey, row.locale, row.payload, zone);
      } catch (err) {
        throw new Undeliverable(err instanceof Error ? err.message : String(err));
      }
      const address = await this.addressOf(tx, row);
      if (this.mailer && address) {
        await this.mailer.send({ to: address, subject: notice.subject, text: notice.body, messageId: `<${row.id}@loopdesk.outbox>` });
        await notificationsRepo.markSent(tx, row.id, now, 'email', attempts);
      } else if (row.recipientType === 'staff') {
        await notificationsRepo.markSent(tx, row.id, now, 'inbox', attempts);
      } else {
        throw new Undeliverable(this.mailer ? 'the recipient has no email address' : 'no mail transport is configured');
      }
      return true;
    } catch (err) {
      const error = safeErrorText(err, this.deps.config.LOOPDESK_SMTP_URL);
      const giveUp = err instanceof Undeliverable || attempts >= MAX_ATTEMPTS;
      await notificationsRepo.markAttemptFailed(tx, row.id, attempts, error, giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts)));
      this.deps.log.warn({ notificationId: row.id, attempts, error, gaveUp: giveUp }, 'notification not delivered');
      return false;
    }
  }

  /** The recipient's email address, opened from its sealed column; null when there is none. */
  private async addressOf(tx: Db, row: OutboxRow): Promise<string | null> {
    const c = this.deps.cipher;
    if (row.recipientType === 'staff') {
      const user = await notificationsRepo.staffEmail(tx, row.recipientId);
      return user && user.status === 'active' ? c.openNullable(user.emailSealed, `users.email:${user.id}`) : null;
    }
    if (row.recipientType === 'contact') {
      const contact = await notificationsRepo.contactEmail(tx, row.recipientId);
      return contact ? c.openNullable(contact.emailSealed, `contacts.email:${contact.id}`) : null;
    }
    if (row.recipientType === 'customer') {
      const customer = await notificationsRepo.customerEmail(tx, row.recipientId);
      return customer ? c.openNullable(customer.emailSealed, `customers.email:${customer.id}`) : null;
    }
    if (row.recipientType === 'case') {
      // A complainant known only by the case: its contact, when it has one.
      const contactId = (row.payload as { contactId?: unknown } | null)?.contactId;
      if (typeof contactId !== 'string') throw new Undeliverable('the case has no contact to send the notice to');
      const contact = await notificationsRepo.contactEmail(tx, contactId);
      return contact ? c.openNullable(contact.emailSealed, `contacts.email:${contact.id}`) : null;
    }
    throw new Undeliverable(`unknown recipient type ${row.recipientType}`);
  }

  /** The signed-in staff member's notices, rendered in their row's locale, newest first. */
  async mine(ctx: RequestContext, limit: number): Promise<TNotificationList> {
    const actor = requireActor(ctx);
    const [rows, unread] = await notificationsRepo.mine(this.deps.db, actor.institutionId, actor.userId, limit);
    const zone = await notificationsRepo.timeZone(this.deps.db, actor.institutionId);
    return {
      unread,
      items: rows.map((r) => {
        let notice;
        try {
          notice = renderNotice(r.templateKey, r.locale, r.payload, zone);
        } catch {
          notice = { subject: r.templateKey, body: '' };
        }
        return {
          id: r.id,
          templateKey: r.templateKey,
          subject: notice.subject,
          body: notice.body,
          caseId: r.caseId,
          createdAt: r.createdAt.toISOString(),
          readAt: r.readAt?.toISOString() ?? null,
          delivery: r.status as 'pending' | 'sent' | 'failed',
          deliveredVia: (r.deliveredVia as 'email' | 'inbox' | null) ?? null,
        };
      }),
    };
  }

  /** Marks one of my notices read (again: no change); someone else's is 404. */
  async markRead(ctx: RequestContext, id: string): Promise<TNotificationList> {
    const actor = requireActor(ctx);
    const done = await notificationsRepo.markRead(this.deps.db, actor.institutionId, actor.userId, id, this.deps.now());
    if (!done) throw new AppError('not_found', 'no such notification');
    return this.mine(ctx, 20);
  }

  /**
   * Marks all my notices read (全部标为已读), up to the newest I saw when `until` is given; again:
   * no change. Not audited: reading one's own notices is not (they hold no personal data).
   */
  async markAllRead(ctx: RequestContext, input: TMarkAllNotificationsReadRequest): Promise<TNotificationList> {
    const actor = requireActor(ctx);
    await notificationsRepo.markAllRead(this.deps.db, actor.institutionId, actor.userId, this.deps.now(), input.until ? new Date(input.until) : null);
    return this.mine(ctx, 20);
  }

  close(): void {
    this.mailer?.close();
  }
}
