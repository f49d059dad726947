import { ZCaseReviews, ZDecideReviewRequest, ZIdParams, ZRequestReviewRequest, ZReviewParams } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

export function reviewsRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reviews'];

  r.get('/api/cases/:id/reviews', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'The review (核查) window of a case and its reviews, each with its clock', params: ZIdParams, response: { 200: ZCaseReviews } },
    handler: async (req) => s.reviews.list(req.ctx, req.params.id),
  });

  r.post('/api/cases/:id/reviews', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Record a review request: reopens the case and sends it to the parent unit, which decides within 30 days', params: ZIdParams, body: ZRequestReviewRequest, response: { 201: ZCaseReviews } },
    handler: async (req, reply) => reply.status(201).send(await s.reviews.request(req.ctx, req.params.id, req.body)),
  });

  r.post('/api/cases/:id/reviews/:reviewId/decision', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'The reviewing unit decides: the decision upheld or changed', params: ZReviewParams, body: ZDecideReviewRequest, response: { 200: ZCaseReviews } },
    handler: async (req) => s.reviews.decide(req.ctx, req.params.id, req.params.reviewId, req.body),
  });
}
