import { ZCreateSavedViewRequest, ZIdParams, ZOk, ZSavedView, ZUpdateSavedViewRequest, ZVersion } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';

export function savedViewsRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['saved views'];

  r.get('/api/saved-views', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'My saved case-list views and those shared with my unit', response: { 200: z.object({ items: z.array(ZSavedView) }) } },
    handler: async (req) => ({ items: await s.savedViews.list(req.ctx) }),
  });

  r.post('/api/saved-views', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'Save the case-list filters under a name (a supervisor may share it with a unit)', body: ZCreateSavedViewRequest, response: { 201: ZSavedView } },
    handler: async (req, reply) => reply.status(201).send(await s.savedViews.create(req.ctx, req.body)),
  });

  r.patch('/api/saved-views/:id', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'Rename a view of mine, change its filters or sharing', params: ZIdParams, body: ZUpdateSavedViewRequest, response: { 200: ZSavedView } },
    handler: async (req) => s.savedViews.update(req.ctx, req.params.id, req.body),
  });

  r.delete('/api/saved-views/:id', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'Delete a view of mine (with the version I saw)', params: ZIdParams, querystring: z.object({ version: z.coerce.number().pipe(ZVersion) }), response: { 200: ZOk } },
    handler: async (req) => {
      await s.savedViews.remove(req.ctx, req.params.id, req.query.version);
      return { ok: true as const };
    },
  });
}
