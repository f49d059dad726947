import { ZChannelIntakeRequest, ZCreateIntegrationRequest, ZIdParams, ZIntakeAck, ZIntegration, ZIntegrationCreated } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';
import { INTAKE_HEADERS } from './intake.signature';
import type { SignedIntegration } from './intake.service';

declare module 'fastify' {
  interface FastifyRequest {
    integration?: SignedIntegration;
  }
}

export function intakeRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/intake', {
    // No session: the integration's HMAC signature authenticates, checked before the body is.
    config: { access: 'public' },
    preValidation: async (req) => {
      req.integration = await s.intake.authenticate({ method: req.method, url: req.url, headers: req.headers, rawBody: req.rawBody ?? '' });
    },
    schema: {
      tags: ['intake'],
      summary: 'Channel intake: HMAC-signed (method, path, timestamp, body hash), idempotent by Idempotency-Key; answers at once with the case number and deadline',
      headers: z.object({
        [INTAKE_HEADERS.key]: z.string().describe('the integration’s key id'),
        [INTAKE_HEADERS.timestamp]: z.string().describe('Unix seconds; within 5 minutes of the server'),
        [INTAKE_HEADERS.signature]: z.string().describe('hex HMAC-SHA256 of METHOD\\nPATH\\nTIMESTAMP\\nSHA256(body)'),
        [INTAKE_HEADERS.idempotency]: z.string().describe('unique per piece of feedback; retries reuse it'),
      }),
      body: ZChannelIntakeRequest,
      response: { 200: ZIntakeAck, 201: ZIntakeAck },
    },
    handler: async (req, reply) => {
      const key = req.headers[INTAKE_HEADERS.idempotency];
      const { ack, created } = await s.intake.intake(req.ctx, req.integration!, typeof key === 'string' ? key : undefined, req.rawBody ?? '', req.body);
      return reply.status(created ? 201 : 200).send(ack);
    },
  });

  const tags = ['integrations'];
  r.get('/api/integrations', {
    config: { access: 'integrations.manage' },
    schema: { tags, summary: 'Channel integrations and their key ids', response: { 200: z.object({ items: z.array(ZIntegration) }) } },
    handler: async (req) => ({ items: await s.intake.listIntegrations(req.ctx) }),
  });

  r.post('/api/integrations', {
    config: { access: 'integrations.manage' },
    schema: { tags, summary: 'Create an integration; its signing secret is shown once', body: ZCreateIntegrationRequest, response: { 201: ZIntegrationCreated } },
    handler: async (req, reply) => reply.status(201).send(await s.intake.createIntegration(req.ctx, req.body)),
  });

  r.delete('/api/integrations/:id', {
    config: { access: 'integrations.manage' },
    schema: { tags, summary: 'Revoke an integration: its requests are refused from now on', params: ZIdParams, response: { 200: ZIntegration } },
    handler: async (req) => s.intake.revokeIntegration(req.ctx, req.params.id),
  });
}
