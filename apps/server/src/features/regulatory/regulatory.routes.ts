import {
  ZCaseExclusionParams,
  ZCaseExtensionParams,
  ZDecideExtensionRequest,
  ZEndExclusionRequest,
  ZExclusionNoticeRequest,
  ZIdParams,
  ZNewFactsRequest,
  ZRegulatoryClock,
  ZRequestExtensionRequest,
  ZStartExclusionRequest,
} from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

export function regulatoryRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['regulatory clock'];

  r.get('/api/cases/:id/regulatory-clock', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'The regulatory deadline (or its suspension), extensions, excluded periods and new facts', params: ZIdParams, response: { 200: ZRegulatoryClock } },
    handler: async (req) => s.regulatory.view(req.ctx, req.params.id),
  });

  r.post('/api/cases/:id/extensions', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Ask for the next extension level with its reason', params: ZIdParams, body: ZRequestExtensionRequest, response: { 200: ZRegulatoryClock } },
    handler: async (req) => s.regulatory.requestExtension(req.ctx, req.params.id, req.body),
  });

  r.post('/api/cases/:id/extensions/:extensionId/decision', {
    config: { access: 'cases.approve_extension' },
    schema: { tags, summary: 'Approve (the deadline moves, the complainant is told) or reject an extension request', params: ZCaseExtensionParams, body: ZDecideExtensionRequest, response: { 200: ZRegulatoryClock } },
    handler: async (req) => s.regulatory.decideExtension(req.ctx, req.params.id, req.params.extensionId, req.body),
  });

  r.post('/api/cases/:id/exclusions', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Start an excluded period (outside appraisal, testing, evaluation; mediation), telling the complainant', params: ZIdParams, body: ZStartExclusionRequest, response: { 200: ZRegulatoryClock } },
    handler: async (req) => s.regulatory.startExclusion(req.ctx, req.params.id, req.body),
  });

  r.post('/api/cases/:id/exclusions/:exclusionId/end', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'End an excluded period; the deadline moves by the days it lasted', params: ZCaseExclusionParams, body: ZEndExclusionRequest, response: { 200: ZRegulatoryClock } },
    handler: async (req) => s.regulatory.endExclusion(req.ctx, req.params.id, req.params.exclusionId, req.body),
  });

  r.post('/api/cases/:id/exclusions/:exclusionId/notice', {
    config: { access: 'cases.work' },
    schema: {
      tags,
      summary: 'Record that the complainant was told of an excluded period at a time: a period that needs notice counts from then on, and the deadline moves',
      params: ZCaseExclusionParams,
      body: ZExclusionNoticeRequest,
      response: { 200: ZRegulatoryClock },
    },
    handler: async (req) => s.regulatory.recordExclusionNotice(req.ctx, req.params.id, req.params.exclusionId, req.body),
  });

  r.post('/api/cases/:id/new-facts', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'New facts and reasons arrived: the clock counts again from them', params: ZIdParams, body: ZNewFactsRequest, response: { 200: ZRegulatoryClock } },
    handler: async (req) => s.regulatory.newFacts(req.ctx, req.params.id, req.body),
  });
}
