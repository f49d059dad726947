import { ZCategory, ZCreateCategoryRequest, ZIdParams, ZUpdateCategoryRequest } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';

export function categoriesRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['categories'];

  r.get('/api/categories', {
    config: { access: 'session' },
    schema: { tags, summary: 'The content-category tree (flat, with parent ids)', response: { 200: z.object({ items: z.array(ZCategory) }) } },
    handler: async (req) => ({ items: await s.categories.list(req.ctx) }),
  });

  r.post('/api/categories', {
    config: { access: 'categories.manage' },
    schema: { tags, summary: 'Add a category', body: ZCreateCategoryRequest, response: { 201: ZCategory } },
    handler: async (req, reply) => reply.status(201).send(await s.categories.create(req.ctx, req.body)),
  });

  r.patch('/api/categories/:id', {
    config: { access: 'categories.manage' },
    schema: { tags, summary: 'Rename, reorder or retire a category', params: ZIdParams, body: ZUpdateCategoryRequest, response: { 200: ZCategory } },
    handler: async (req) => s.categories.update(req.ctx, req.params.id, req.body),
  });
}
