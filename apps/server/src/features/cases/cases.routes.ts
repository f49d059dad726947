import {
  ZAddMessageRequest,
  ZCaseDetail,
  ZDecisionReceiptRequest,
  ZCaseExportQuery,
  ZCaseListQuery,
  ZCasePage,
  ZCompleteTaskRequest,
  ZCreateTaskRequest,
  ZIdParams,
  ZIntakeAck,
  ZStaffIntakeRequest,
  ZTransitionRequest,
  ZWorkbenchCounts,
} from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/services';

export function casesRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.post('/api/cases', {
    config: { access: 'cases.intake' },
    schema: { tags, summary: 'Register feedback from an offline channel; the entering staff member owns it (首问负责)', body: ZStaffIntakeRequest, response: { 201: ZIntakeAck } },
    handler: async (req, reply) => reply.status(201).send(await s.cases.intakeByStaff(req.ctx, req.body)),
  });

  r.get('/api/cases', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'Queues: mine, unassigned, new, due soon, overdue, awaiting customer, open, all', querystring: ZCaseListQuery, response: { 200: ZCasePage } },
    handler: async (req) => s.cases.list(req.ctx, req.query),
  });

  r.get('/api/cases/counts', {
    config: { access: 'cases.read' },
    schema: {
      tags,
      summary: "The workbench's counts: for each queue that matters to my roles, how many cases its list holds (my part of the organisation, as the list)",
      response: { 200: ZWorkbenchCounts },
    },
    handler: async (req) => s.caseCounts.counts(req.ctx),
  });

  r.get('/api/cases/export', {
    config: { access: 'cases.read' },
    schema: {
      tags,
      summary: "The case list with the list's filters as CSV (UTF-8 with BOM); the customer's words masked unless I may see personal data (an unmasked export is an audited read)",
      querystring: ZCaseExportQuery,
    },
    handler: async (req, reply) => {
      const { filename, csv } = await s.cases.exportCsv(req.ctx, req.query);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    },
  });

  r.get('/api/cases/:id', {
    config: { access: 'cases.read' },
    schema: { tags, summary: 'A case with its messages, timeline, sub-tasks and the actions open to me', params: ZIdParams, response: { 200: ZCaseDetail } },
    handler: async (req) => s.cases.get(req.ctx, req.params.id),
  });

  r.post('/api/cases/:id/transitions', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Take a lifecycle action (accept, assign, answer, …) with the version I saw', params: ZIdParams, body: ZTransitionRequest, response: { 200: ZCaseDetail } },
    handler: async (req) => s.cases.transition(req.ctx, req.params.id, req.body),
  });

  r.post('/api/cases/:id/decision-receipt', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Record when the customer received the decision, if the answer did not (a complaint’s review window starts then)', params: ZIdParams, body: ZDecisionReceiptRequest, response: { 200: ZCaseDetail } },
    handler: async (req) => s.cases.recordDecisionReceipt(req.ctx, req.params.id, req.body),
  });

  r.post('/api/cases/:id/messages', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Add an inbound message, a reply to the customer, or an internal note', params: ZIdParams, body: ZAddMessageRequest, response: { 200: ZCaseDetail } },
    handler: async (req) => s.cases.addMessage(req.ctx, req.params.id, req.body),
  });

  r.post('/api/cases/:id/tasks', {
    config: { access: 'cases.work' },
    schema: { tags, summary: 'Ask a department for a sub-task, blocking the answer or not', params: ZIdParams, body: ZCreateTaskRequest, response: { 200: ZCaseDetail } },
    handler: async (req) => s.cases.createTask(req.ctx, req.params.id, req.body),
  });

  r.post('/api/cases/:id/tasks/:taskId/complete', {
    config: { access: 'tasks.work' },
    schema: { tags, summary: 'Finish or cancel a sub-task with its result', params: z.object({ id: z.uuid(), taskId: z.uuid() }), body: ZCompleteTaskRequest, response: { 200: ZCaseDetail } },
    handler: async (req) => s.cases.completeTask(req.ctx, req.params.id, req.params.taskId, req.body),
  });
}
