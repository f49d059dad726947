import { ZCreateGrantRequest, ZGrant, ZGrantListQuery, ZIdParams } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';

export function accessRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access'];

  r.get('/api/grants', {
    config: { access: 'grants.read' },
    schema: { tags, summary: 'Single-object grants on objects in my subtree', querystring: ZGrantListQuery, response: { 200: z.object({ items: z.array(ZGrant) }) } },
    handler: async (req) => ({ items: await s.access.listGrants(req.ctx, req.query) }),
  });

  r.post('/api/grants', {
    config: { access: 'grants.manage' },
    schema: { tags, summary: 'Grant a staff member access to one object', body: ZCreateGrantRequest, response: { 201: ZGrant } },
    handler: async (req, reply) => {
      const exists = await s.users.existsInInstitution(req.ctx, req.body.userId);
      return reply.status(201).send(await s.access.createGrant(req.ctx, req.body, exists));
    },
  });

  r.delete('/api/grants/:id', {
    config: { access: 'grants.manage' },
    schema: { tags, summary: 'Revoke a grant', params: ZIdParams, response: { 200: ZGrant } },
    handler: async (req) => s.access.revokeGrant(req.ctx, req.params.id),
  });
}
