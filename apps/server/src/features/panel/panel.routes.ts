import {
  ZCasePanel,
  ZCreateMajorCaseRuleRequest,
  ZIdParams,
  ZMajorCaseRule,
  ZRecordPanelOpinionRequest,
  ZSubmitPanelReviewRequest,
  ZUpdateMajorCaseRuleRequest,
} from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orderedRuleRoutes } from '../../platform/ordered-rules.routes';
import type { Services } from '../../platform/services';

export function panelRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const panel = ['expert panel'];

  orderedRuleRoutes(app, {
    path: '/api/major-case-rules',
    access: 'major_rules.manage',
    tag: 'major-case rules',
    view: ZMajorCaseRule,
    create: ZCreateMajorCaseRuleRequest,
    update: ZUpdateMajorCaseRuleRequest,
    summaries: {
      list: 'The rules that mark a case major (重大投诉), in the order they are tried',
      create: 'Add a rule',
      update: 'Edit a rule’s conditions, panel, quorum, position or state',
      delete: 'Remove a rule (with the version I saw); cases it marked stay major',
    },
    rules: s.majorRules.rules,
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
