import {
  ZCasePanel,
  ZCreateMajorCaseRuleRequest,
  ZIdParams,
  ZMajorCaseRule,
  ZOk,
  ZRecordPanelOpinionRequest,
  ZSubmitPanelReviewRequest,
  ZUpdateMajorCaseRuleRequest,
  ZVersion,
} from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';

export function panelRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rules = ['major-case rules'];
  const panel = ['expert panel'];

  r.get('/api/major-case-rules', {
    config: { access: 'major_rules.manage' },
    schema: { tags: rules, summary: 'The rules that mark a case major (重大投诉), in the order they are tried', response: { 200: z.object({ items: z.array(ZMajorCaseRule) }) } },
    handler: async (req) => ({ items: await s.majorRules.list(req.ctx) }),
  });

  r.post('/api/major-case-rules', {
    config: { access: 'major_rules.manage' },
    schema: { tags: rules, summary: 'Add a rule', body: ZCreateMajorCaseRuleRequest, response: { 201: ZMajorCaseRule } },
    handler: async (req, reply) => reply.status(201).send(await s.majorRules.create(req.ctx, req.body)),
  });

  r.patch('/api/major-case-rules/:id', {
    config: { access: 'major_rules.manage' },
    schema: { tags: rules, summary: 'Edit a rule’s conditions, panel, quorum, position or state', params: ZIdParams, body: ZUpdateMajorCaseRuleRequest, response: { 200: ZMajorCaseRule } },
    handler: async (req) => s.majorRules.update(req.ctx, req.params.id, req.body),
  });

  r.delete('/api/major-case-rules/:id', {
    config: { access: 'major_rules.manage' },
    schema: { tags: rules, summary: 'Remove a rule (with the version I saw); cases it marked stay major', params: ZIdParams, querystring: z.object({ version: z.coerce.number().pipe(ZVersion) }), response: { 200: ZOk } },
    handler: async (req) => {
      await s.majorRules.remove(req.ctx, req.params.id, req.query.version);
      return { ok: true as const };
    },
  });

  r.get('/api/cases/:id/panel', {
    config: { access: 'cases.read' },
    schema: { tags: panel, summary: 'Whether the case is major, its panel reviews and what I may do', params: ZIdParams, response: { 200: ZCasePanel } },
    handler: async (req) => s.panel.get(req.ctx, req.params.id),
  });

  r.post('/api/cases/:id/panel', {
    config: { access: 'cases.work' },
    schema: { tags: panel, summary: 'Put the draft decision of a major case to the expert panel', params: ZIdParams, body: ZSubmitPanelReviewRequest, response: { 200: ZCasePanel } },
    handler: async (req) => s.panel.submit(req.ctx, req.params.id, req.body),
  });

  r.post('/api/cases/:id/panel/opinions', {
    config: { access: 'panel.opine' },
    schema: { tags: panel, summary: 'As a panel member: agree, disagree or agree with changes', params: ZIdParams, body: ZRecordPanelOpinionRequest, response: { 200: ZCasePanel } },
    handler: async (req) => s.panel.recordOpinion(req.ctx, req.params.id, req.body),
  });
}
