import {
  ZAssignmentRule,
  ZBulkAssignRequest,
  ZBulkAssignResult,
  ZCreateAssignmentRuleRequest,
  ZCreateTeamRequest,
  ZIdParams,
  ZRuleTestResult,
  ZTeam,
  ZTeamRef,
  ZUpdateAssignmentRuleRequest,
  ZUpdateTeamRequest,
  ZId,
} from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orderedRuleRoutes } from '../../platform/ordered-rules.routes';
import type { Services } from '../../platform/services';

export function assignmentRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const teams = ['teams'];
  const rules = ['assignment rules'];

  r.get('/api/teams', {
    config: { access: 'teams.read' },
    schema: { tags: teams, summary: 'The teams of my part of the organisation, with members and skills', response: { 200: z.object({ items: z.array(ZTeam) }) } },
    handler: async (req) => ({ items: await s.teams.list(req.ctx) }),
  });

  r.get('/api/teams/mine', {
    config: { access: 'cases.read' },
    schema: { tags: teams, summary: 'The active teams I am a member of (their cases are my team queue)', response: { 200: z.object({ items: z.array(ZTeamRef) }) } },
    handler: async (req) => ({ items: await s.teams.mine(req.ctx) }),
  });

  r.get('/api/teams/:id', {
    config: { access: 'teams.read' },
    schema: { tags: teams, summary: 'A team', params: ZIdParams, response: { 200: ZTeam } },
    handler: async (req) => s.teams.get(req.ctx, req.params.id),
  });

  r.post('/api/teams', {
    config: { access: 'teams.manage' },
    schema: { tags: teams, summary: 'Set up a team in a unit of my subtree', body: ZCreateTeamRequest, response: { 201: ZTeam } },
    handler: async (req, reply) => reply.status(201).send(await s.teams.create(req.ctx, req.body)),
  });

  r.patch('/api/teams/:id', {
    config: { access: 'teams.manage' },
    schema: { tags: teams, summary: 'Rename a team, change its strategy, retire it or set its members and their skills', params: ZIdParams, body: ZUpdateTeamRequest, response: { 200: ZTeam } },
    handler: async (req) => s.teams.update(req.ctx, req.params.id, req.body),
  });

  orderedRuleRoutes(app, {
    path: '/api/assignment-rules',
    access: 'assignment_rules.manage',
    tag: 'assignment rules',
    view: ZAssignmentRule,
    create: ZCreateAssignmentRuleRequest,
    update: ZUpdateAssignmentRuleRequest,
    summaries: {
      list: 'The assignment rules in the order they are tried',
      create: 'Add a rule',
      update: 'Edit a rule’s conditions, team, skill, position or state',
      delete: 'Remove a rule (with the version I saw)',
    },
    rules: s.assignment.rules,
  });

  r.post('/api/assignment-rules/test', {
    config: { access: 'assignment_rules.manage' },
    schema: { tags: rules, summary: 'Which rule, team and person a case would get now; nothing is written', body: z.object({ caseId: ZId }), response: { 200: ZRuleTestResult } },
    handler: async (req) => s.assignment.test(req.ctx, req.body.caseId),
  });

  r.post('/api/cases/bulk-assign', {
    config: { access: 'cases.work' },
    schema: { tags: ['cases'], summary: 'Assign several cases to one person; each is assigned or refused with its reason', body: ZBulkAssignRequest, response: { 200: ZBulkAssignResult } },
    handler: async (req) => s.assignment.bulkAssign(req.ctx, req.body),
  });
}
