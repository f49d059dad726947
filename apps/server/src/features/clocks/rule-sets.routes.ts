import { ZInstitutionRuleSet, ZInstitutionRuleSetResult, ZRegulatoryRuleSetList, ZUpdateInstitutionRuleSet } from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

export function ruleSetsRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clocks'];

  r.get('/api/regulatory-rule-sets', {
    config: { access: 'sla.manage' },
    schema: { tags, summary: 'The regulatory rule sets LoopDesk ships: steps, limits, extensions, exclusions allowed, how rest days shift a deadline', response: { 200: ZRegulatoryRuleSetList } },
    handler: async () => s.ruleSets.list(),
  });

  r.get('/api/regulatory-rule-set', {
    config: { access: 'sla.manage' },
    schema: { tags, summary: 'The rule set the institution’s regulatory clocks run on', response: { 200: ZInstitutionRuleSet } },
    handler: async (req) => s.ruleSets.current(req.ctx),
  });

  r.put('/api/regulatory-rule-set', {
    config: { access: 'sla.manage' },
    schema: { tags, summary: 'Choose the institution’s rule set; open cases’ regulatory deadlines are recomputed in the same transaction', body: ZUpdateInstitutionRuleSet, response: { 200: ZInstitutionRuleSetResult } },
    handler: async (req) => s.ruleSets.choose(req.ctx, req.body),
  });
}
