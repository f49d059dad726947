import { ZIdParams, ZMarkAllNotificationsReadRequest, ZNotificationList, ZNotificationListQuery } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

export function notificationsRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get('/api/notifications/mine', {
    config: { access: 'session' },
    schema: { tags, summary: 'My notices (deadline warnings, escalations), newest first, with the unread count', querystring: ZNotificationListQuery, response: { 200: ZNotificationList } },
    handler: async (req) => s.notifications.mine(req.ctx, req.query.limit),
  });

  r.post('/api/notifications/:id/read', {
    config: { access: 'session' },
    schema: { tags, summary: 'Mark one of my notices read', params: ZIdParams, response: { 200: ZNotificationList } },
    handler: async (req) => s.notifications.markRead(req.ctx, req.params.id),
  });

  r.post('/api/notifications/read-all', {
    config: { access: 'session' },
    schema: {
      tags,
      summary: 'Mark all my notices read (up to the newest I saw, when given); again: no change',
      body: ZMarkAllNotificationsReadRequest.default({}),
      response: { 200: ZNotificationList },
    },
    handler: async (req) => s.notifications.markAllRead(req.ctx, req.body),
  });
}
