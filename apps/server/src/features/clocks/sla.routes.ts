import { ZSlaPolicyView, ZUpdateSlaPolicyRequest } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

export function slaRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clocks'];

  r.get('/api/sla-policy', {
    config: { access: 'sla.manage' },
    schema: { tags, summary: 'The institution’s SLA policy: targets by kind × priority × channel, warning fractions, escalation chain', response: { 200: ZSlaPolicyView } },
    handler: async (req) => s.sla.getPolicy(req.ctx),
  });

  r.put('/api/sla-policy', {
    config: { access: 'sla.manage' },
    schema: { tags, summary: 'Replace the SLA policy (new clocks use the targets; new levels the fractions and chain)', body: ZUpdateSlaPolicyRequest, response: { 200: ZSlaPolicyView } },
    handler: async (req) => s.sla.updatePolicy(req.ctx, req.body),
  });
}
