import {
  ZCaseDetail,
  ZClassifyRequest,
  ZCreateKeywordRule,
  ZHotTopic,
  ZIdParams,
  ZKeywordRule,
  ZMergeSuggestion,
  ZRetrainAck,
  ZTriageModel,
  ZTriageSettings,
  ZUpdateKeywordRule,
  ZUpdateTriageSettings,
} from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';

export function triageRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['triage'];

  r.post('/api/cases/:id/classification', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Confirm or correct kind, content category, business line and JR/T cause; corrections teach the models', params: ZIdParams, body: ZClassifyRequest, response: { 200: ZCaseDetail } },
    handler: async (req) => s.triage.classify(req.ctx, req.params.id, req.body),
  });

  r.get('/api/cases/:id/merge-suggestions', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'Open near-duplicates of a case found at triage, the same customer’s first, with their similarity', params: ZIdParams, response: { 200: z.object({ items: z.array(ZMergeSuggestion) }) } },
    handler: async (req) => s.triage.mergeSuggestions(req.ctx, req.params.id),
  });

  r.get('/api/triage/hot-topics', {
    config: { access: 'cases.read' },
    schema: {
      tags,
      summary: 'Groups of similar open cases from several customers (possible mass complaints), with the trend of the last seven days',
      querystring: z.object({ days: z.coerce.number().int().min(8).max(90).default(30), minSize: z.coerce.number().int().min(2).max(100).default(3) }),
      response: { 200: z.object({ items: z.array(ZHotTopic) }) },
    },
    handler: async (req) => s.triage.hotTopics(req.ctx, req.query),
  });

  r.get('/api/triage/settings', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'The review threshold and the retraining delay', response: { 200: ZTriageSettings } },
    handler: async (req) => s.triage.settings(req.ctx),
  });

  r.patch('/api/triage/settings', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'Change the review threshold or the retraining delay', body: ZUpdateTriageSettings, response: { 200: ZTriageSettings } },
    handler: async (req) => s.triage.updateSettings(req.ctx, req.body),
  });

  r.get('/api/triage/rules', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'Keyword rules per field and label (the cold start before a model exists)', response: { 200: z.object({ items: z.array(ZKeywordRule) }) } },
    handler: async (req) => ({ items: await s.triage.listRules(req.ctx) }),
  });

  r.post('/api/triage/rules', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'Add a keyword rule for a label', body: ZCreateKeywordRule, response: { 201: ZKeywordRule } },
    handler: async (req, reply) => reply.status(201).send(await s.triage.createRule(req.ctx, req.body)),
  });

  r.patch('/api/triage/rules/:id', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'Edit a keyword rule’s words, weight or switch it off', params: ZIdParams, body: ZUpdateKeywordRule, response: { 200: ZKeywordRule } },
    handler: async (req) => s.triage.updateRule(req.ctx, req.params.id, req.body),
  });

  const ZWord = z.object({ word: z.string(), createdAt: z.iso.datetime() });

  r.get('/api/triage/words', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'Words added to the segmentation dictionary (besides the shipped finance dictionary)', response: { 200: z.object({ items: z.array(ZWord) }) } },
    handler: async (req) => ({ items: await s.triage.listWords(req.ctx) }),
  });

  r.post('/api/triage/words', {
    config: { access: 'triage.manage' },
    schema: {
      tags,
      summary: 'Add a word (a product name, a local term) to the segmentation dictionary',
      body: z.object({ word: z.string().trim().min(2).max(20).regex(/^\S+$/u, 'a word has no spaces') }),
      response: { 201: ZWord },
    },
    handler: async (req, reply) => reply.status(201).send(await s.triage.addWord(req.ctx, req.body.word)),
  });

  r.get('/api/triage/models', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'Model versions with their held-out evaluation, newest first', response: { 200: z.object({ items: z.array(ZTriageModel) }) } },
    handler: async (req) => ({ items: await s.triage.listModels(req.ctx) }),
  });

  r.post('/api/triage/models/retrain', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'Retrain from the labelled cases now, in the background', response: { 202: ZRetrainAck } },
    handler: async (req, reply) => reply.status(202).send(await s.triage.requestRetrain(req.ctx)),
  });

  r.post('/api/triage/models/:id/activate', {
    config: { access: 'triage.manage' },
    schema: { tags, summary: 'Make a kept version the active one (roll back)', params: ZIdParams, response: { 200: ZTriageModel } },
    handler: async (req) => s.triage.activateModel(req.ctx, req.params.id),
  });
}
