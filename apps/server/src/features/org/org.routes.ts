import { ZCreateOrgUnitRequest, ZIdParams, ZOrgUnit, ZOrgUnitList, ZUpdateOrgUnitRequest } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

export function orgRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  r.get('/api/org-units', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'Org units I may see: my subtree and units granted to me', response: { 200: ZOrgUnitList } },
    handler: async (req) => ({ items: await s.org.list(req.ctx) }),
  });

  r.get('/api/departments', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'All departments of the institution, for addressing sub-tasks', response: { 200: ZOrgUnitList } },
    handler: async (req) => ({ items: await s.org.departments(req.ctx) }),
  });

  r.get('/api/org-units/:id', {
    config: { access: 'org.read' },
    schema: { tags, summary: 'One org unit', params: ZIdParams, response: { 200: ZOrgUnit } },
    handler: async (req) => s.org.get(req.ctx, req.params.id),
  });

  r.post('/api/org-units', {
    config: { access: 'org.manage' },
    schema: { tags, summary: 'Add a unit under another', body: ZCreateOrgUnitRequest, response: { 201: ZOrgUnit } },
    handler: async (req, reply) => reply.status(201).send(await s.org.create(req.ctx, req.body)),
  });

  r.patch('/api/org-units/:id', {
    config: { access: 'org.manage' },
    schema: { tags, summary: 'Rename, recode or move a unit', params: ZIdParams, body: ZUpdateOrgUnitRequest, response: { 200: ZOrgUnit } },
    handler: async (req) => s.org.update(req.ctx, req.params.id, req.body),
  });
}
