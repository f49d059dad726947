import { ZCreateTemplateRequest, ZIdParams, ZRenderedTemplate, ZRenderTemplateRequest, ZTemplate, ZTemplateListQuery, ZUpdateTemplateRequest } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';

export function templatesRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['templates'];

  // Whoever works cases reads them, and so does the administrator who keeps them (templates.manage without cases.read).
  r.get('/api/templates', {
    config: { access: ['cases.read', 'templates.manage'] },
    schema: { tags, summary: 'Reply templates by kind, locale and category', querystring: ZTemplateListQuery, response: { 200: z.object({ items: z.array(ZTemplate) }) } },
    handler: async (req) => ({ items: await s.templates.list(req.ctx, req.query) }),
  });

  r.post('/api/templates', {
    config: { access: 'templates.manage' },
    schema: { tags, summary: 'Add a template (a decision letter must carry the review right and the other remedies)', body: ZCreateTemplateRequest, response: { 201: ZTemplate } },
    handler: async (req, reply) => reply.status(201).send(await s.templates.create(req.ctx, req.body)),
  });

  r.patch('/api/templates/:id', {
    config: { access: 'templates.manage' },
    schema: { tags, summary: 'Edit or retire a template', params: ZIdParams, body: ZUpdateTemplateRequest, response: { 200: ZTemplate } },
    handler: async (req) => s.templates.update(req.ctx, req.params.id, req.body),
  });

  r.post('/api/templates/:id/render', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Fill a template from a case (with the outcome of a decision being written); an individual customer’s name is left for the writer', params: ZIdParams, body: ZRenderTemplateRequest, response: { 200: ZRenderedTemplate } },
    handler: async (req) => s.templates.render(req.ctx, req.params.id, req.body.caseId, { decisionOutcome: req.body.decisionOutcome }),
  });
}
