import { z } from 'zod';
import { ZId } from './common';

/** One of my notices, rendered in the locale it was written for. */
export const ZNotification = z.object({
  id: ZId,
  templateKey: z.string(),
  subject: z.string(),
  body: z.string(),
  caseId: ZId.nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
  /** Email delivery: pending, sent (by email or to this inbox only), or failed after its retries. */
  delivery: z.enum(['pending', 'sent', 'failed']),
  deliveredVia: z.enum(['email', 'inbox']).nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationList = z.object({ items: z.array(ZNotification), unread: z.number().int() });
export type TNotificationList = z.infer<typeof ZNotificationList>;

export const ZNotificationListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** Marking all my notices read: those created up to `until` (the newest I saw), or every one. */
export const ZMarkAllNotificationsReadRequest = z.object({
  until: z.iso.datetime().optional().describe('the creation time of the newest notice I saw: one that arrived after it stays unread'),
});
export type TMarkAllNotificationsReadRequest = z.infer<typeof ZMarkAllNotificationsReadRequest>;
