import { ZAuditPage, ZAuditQuery, ZAuditVerifyResult } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/context';
import type { Services } from '../../platform/services';

export function auditRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get('/api/audit', {
    config: { access: 'audit.read' },
    schema: { tags, summary: 'The audit trail, newest first, filtered by user, object and time', querystring: ZAuditQuery, response: { 200: ZAuditPage } },
    handler: async (req) => s.audit.search(requireActor(req.ctx), req.query),
  });

  r.get('/api/audit/verify', {
    config: { access: 'audit.read' },
    schema: { tags, summary: 'Check the hash chain and name the first broken entry', response: { 200: ZAuditVerifyResult } },
    handler: async (req) => s.audit.verify(requireActor(req.ctx).institutionId),
  });
}
