import { randomUUID } from 'node:crypto';
import { DEFAULT_SLA_POLICY_SETTINGS, type Role } from '@loopdesk/core';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, createStaff, describeEngines, orgUnitId, startTestApp, type Reply, type TestApp } from './harness';

/**
 * Who may call what, written out by hand from DESIGN.md §3 and the intended role model.
 * It is deliberately NOT derived from permissions.ts: a change to the permission table that
 * widens or narrows a role's reach has to be made here too, on purpose.
 */
const ROLES = [
  'agent',
  'handler',
  'team_lead',
  'branch_manager',
  'consumer_protection',
  'risk_officer',
  'legal_officer',
  'expert',
  'auditor',
  'admin',
] as const satisfies readonly Role[];

type Who = 'public' | 'any signed-in' | readonly Role[];

/** What a caller needs to build a sensible request for a route. */
interface Caller {
  /** The caller's own account (absent for anonymous calls). */
  me?: { id: string; username: string; password: string };
  ids: { ho: string; hoCp: string; agent: { username: string; password: string } };
}

interface Call {
  path: string;
  body?: unknown;
  /** The exact status an allowed caller gets for this request. */
  status: number;
}

interface Row {
  route: string;
  who: Who;
  call: (c: Caller) => Call;
  /** Send from a separate, freshly signed-in client (the call would end the caller's session). */
  ownSession?: boolean;
}

const nobody = () => randomUUID();

// prettier-ignore
const MATRIX: Row[] = [
  // system
  { route: 'GET /api/health',                     who: 'public', call: () => ({ path: '/api/health', status: 200 }) },
  { route: 'GET /api/openapi.json',               who: 'public', call: () => ({ path: '/api/openapi.json', status: 200 }) },
  // the OpenAPI browser (plugin routes)
  { route: 'GET /api/docs',                       who: 'public', call: () => ({ path: '/api/docs', status: 200 }) },
  { route: 'GET /api/docs/',                      who: 'public', call: () => ({ path: '/api/docs/', status: 200 }) },
  { route: 'GET /api/docs/static/index.html',     who: 'public', call: () => ({ path: '/api/docs/static/index.html', status: 200 }) },
  { route: 'GET /api/docs/static/swagger-initializer.js', who: 'public', call: () => ({ path: '/api/docs/static/swagger-initializer.js', status: 200 }) },
  { route: 'GET /api/docs/static/*',              who: 'public', call: () => ({ path: '/api/docs/static/index.css', status: 200 }) },
  { route: 'GET /api/docs/json',                  who: 'public', call: () => ({ path: '/api/docs/json', status: 200 }) },
  { route: 'GET /api/docs/yaml',                  who: 'public', call: () => ({ path: '/api/docs/yaml', status: 200 }) },
  // auth
  { route: 'POST /api/auth/login',                who: 'public', call: (c) => ({ path: '/api/auth/login', body: c.me ? { username: c.me.username, password: c.me.password } : c.ids.agent, status: 200 }) },
  { route: 'POST /api/auth/logout',               who: 'any signed-in', ownSession: true, call: () => ({ path: '/api/auth/logout', status: 200 }) },
  { route: 'GET /api/auth/me',                    who: 'any signed-in', call: () => ({ path: '/api/auth/me', status: 200 }) },
  // the new password equals the current one: refused by the rules (422), nothing changes
  { route: 'POST /api/auth/password',             who: 'any signed-in', call: (c) => ({ path: '/api/auth/password', body: { currentPassword: c.me?.password ?? 'Whatever-123', newPassword: c.me?.password ?? 'Whatever-123' }, status: 422 }) },
  { route: 'GET /api/auth/sessions',              who: 'any signed-in', call: () => ({ path: '/api/auth/sessions', status: 200 }) },
  { route: 'DELETE /api/auth/sessions/:id',       who: 'any signed-in', call: () => ({ path: `/api/auth/sessions/${nobody()}`, status: 404 }) },
  // org
  { route: 'GET /api/org-units',                  who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor', 'admin'], call: () => ({ path: '/api/org-units', status: 200 }) },
  { route: 'GET /api/org-units/:id',              who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor', 'admin'], call: (c) => ({ path: `/api/org-units/${c.ids.hoCp}`, status: 200 }) },
  // an outlet cannot sit under the head office: refused (422), nothing created
  { route: 'POST /api/org-units',                 who: ['admin'], call: (c) => ({ path: '/api/org-units', body: { parentId: c.ids.ho, kind: 'outlet', code: 'MATRIX-X', name: '矩阵网点' }, status: 422 }) },
  // a version nobody has: stale (409), nothing changes
  { route: 'PATCH /api/org-units/:id',            who: ['admin'], call: (c) => ({ path: `/api/org-units/${c.ids.hoCp}`, body: { version: 9999, name: '改名不成' }, status: 409 }) },
  // users
  { route: 'GET /api/users',                      who: ['team_lead', 'branch_manager', 'consumer_protection', 'auditor', 'admin'], call: () => ({ path: '/api/users', status: 200 }) },
  { route: 'GET /api/users/:id',                  who: ['team_lead', 'branch_manager', 'consumer_protection', 'auditor', 'admin'], call: (c) => ({ path: `/api/users/${c.me?.id ?? nobody()}`, status: 200 }) },
  // an org unit that does not exist: 404, nothing created
  { route: 'POST /api/users',                     who: ['admin'], call: () => ({ path: '/api/users', body: { username: 'matrix.nobody', displayName: 'x', roles: ['agent'], orgUnitId: nobody() }, status: 404 }) },
  { route: 'PATCH /api/users/:id',                who: ['admin'], call: () => ({ path: `/api/users/${nobody()}`, body: { version: 1, displayName: 'x' }, status: 404 }) },
  { route: 'POST /api/users/:id/reset-password',  who: ['admin'], call: () => ({ path: `/api/users/${nobody()}/reset-password`, status: 404 }) },
  { route: 'POST /api/users/:id/unlock',          who: ['admin'], call: () => ({ path: `/api/users/${nobody()}/unlock`, status: 404 }) },
  // grants
  { route: 'GET /api/grants',                     who: ['team_lead', 'branch_manager', 'consumer_protection', 'auditor', 'admin'], call: () => ({ path: '/api/grants', status: 200 }) },
  // a grantee that does not exist: 422, nothing granted
  { route: 'POST /api/grants',                    who: ['team_lead', 'branch_manager', 'consumer_protection', 'admin'], call: (c) => ({ path: '/api/grants', body: { userId: nobody(), objectType: 'org_unit', objectId: c.ids.hoCp, purpose: 'expert_panel', reason: 'access matrix' }, status: 422 }) },
  { route: 'DELETE /api/grants/:id',              who: ['team_lead', 'branch_manager', 'consumer_protection', 'admin'], call: () => ({ path: `/api/grants/${nobody()}`, status: 404 }) },
  // audit
  { route: 'GET /api/audit',                      who: ['auditor', 'admin'], call: () => ({ path: '/api/audit', status: 200 }) },
  { route: 'GET /api/audit/verify',               who: ['auditor', 'admin'], call: () => ({ path: '/api/audit/verify', status: 200 }) },
  { route: 'GET /api/customers',                  who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/customers?q=matrix', status: 200 }) },
  { route: 'GET /api/customers/:id',              who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/customers/${nobody()}`, status: 404 }) },
  // A wrong check character: refused, nothing written.
  { route: 'POST /api/customers',                 who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: (c) => ({ path: '/api/customers', body: { type: 'enterprise', orgUnitId: c.ids.ho, name: '矩阵公司', uscc: '91110108MA01C9XK3D' }, status: 400 }) },
  { route: 'POST /api/customers/:id/contacts',    who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/customers/${nobody()}/contacts`, body: { name: '联系人' }, status: 404 }) },

  // Channel intake has no session: the HMAC signature authenticates, so an unsigned call is 401 for everyone.
  { route: 'POST /api/intake',                    who: 'public', call: () => ({ path: '/api/intake', body: { text: '矩阵' }, status: 401 }) },
  { route: 'GET /api/integrations',               who: ['admin'], call: () => ({ path: '/api/integrations', status: 200 }) },
  { route: 'POST /api/integrations',              who: ['admin'], call: () => ({ path: '/api/integrations', body: { name: '矩阵集成', channel: 'app', orgUnitId: nobody() }, status: 404 }) },
  { route: 'DELETE /api/integrations/:id',        who: ['admin'], call: () => ({ path: `/api/integrations/${nobody()}`, status: 404 }) },

  { route: 'GET /api/categories',                 who: 'any signed-in', call: () => ({ path: '/api/categories', status: 200 }) },
  // A parent that does not exist: refused, nothing written.
  { route: 'POST /api/categories',                who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/categories', body: { parentId: nobody(), code: 'matrix_x', nameZh: '矩阵', nameEn: 'matrix' }, status: 422 }) },
  { route: 'PATCH /api/categories/:id',           who: ['consumer_protection', 'admin'], call: () => ({ path: `/api/categories/${nobody()}`, body: { nameZh: '改名' }, status: 404 }) },

  // Case workers read them, and so does the administrator who keeps them.
  { route: 'GET /api/templates',                  who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor', 'admin'], call: () => ({ path: '/api/templates', status: 200 }) },
  // A decision letter without the remedies the rule requires: refused, nothing written.
  { route: 'POST /api/templates',                 who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/templates', body: { code: 'matrix_x', kind: 'decision_letter', locale: 'zh-CN', title: '矩阵', body: '经核实，投诉不成立。' }, status: 422 }) },
  { route: 'PATCH /api/templates/:id',            who: ['consumer_protection', 'admin'], call: () => ({ path: `/api/templates/${nobody()}`, body: { version: 1, title: '改' }, status: 404 }) },
  { route: 'POST /api/templates/:id/render',      who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/templates/${nobody()}/render`, body: { caseId: nobody() }, status: 404 }) },

  // business calendar: consumer protection reads, only admins change it
  { route: 'GET /api/calendar/years/:year',       who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/calendar/years/2027', status: 200 }) },
  // A file that is not JSON: refused (422), nothing imported.
  { route: 'POST /api/calendar/imports',          who: ['admin'], call: () => ({ path: '/api/calendar/imports', body: { format: 'holiday_cn', content: 'not json' }, status: 422 }) },
  // A Monday made a rest day without the holiday's name: refused (422), nothing changes.
  { route: 'PUT /api/calendar/days/:date',        who: ['admin'], call: () => ({ path: '/api/calendar/days/2027-03-01', body: { offDay: true }, status: 422 }) },
  { route: 'GET /api/org-units/:id/working-hours', who: ['consumer_protection', 'admin'], call: (c) => ({ path: `/api/org-units/${c.ids.hoCp}/working-hours`, status: 200 }) },
  // Overlapping windows: refused (422), nothing changes.
  { route: 'PUT /api/org-units/:id/working-hours', who: ['admin'], call: (c) => ({ path: `/api/org-units/${c.ids.hoCp}/working-hours`, body: { hours: [{ start: '09:00', end: '12:30' }, { start: '12:00', end: '17:00' }] }, status: 422 }) },
  { route: 'GET /api/sla-policy',                 who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/sla-policy', status: 200 }) },
  // A version nobody has: stale (409), nothing changes.
  { route: 'PUT /api/sla-policy',                 who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/sla-policy', body: { version: 9999, title: DEFAULT_SLA_POLICY_SETTINGS.title, rules: DEFAULT_SLA_POLICY_SETTINGS.rules, warningFractions: DEFAULT_SLA_POLICY_SETTINGS.warningFractions, escalation: DEFAULT_SLA_POLICY_SETTINGS.escalation }, status: 409 }) },
  { route: 'GET /api/regulatory-rule-sets',       who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/regulatory-rule-sets', status: 200 }) },
  { route: 'GET /api/regulatory-rule-set',        who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/regulatory-rule-set', status: 200 }) },
  // A rule set LoopDesk does not ship: refused (422), nothing changes.
  { route: 'PUT /api/regulatory-rule-set',        who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/regulatory-rule-set', body: { ruleSetId: 'xx_nowhere' }, status: 422 }) },

  { route: 'GET /api/staff',                      who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/staff?q=admin', status: 200 }) },

  { route: 'GET /api/departments',                who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/departments', status: 200 }) },

  // An online channel through staff entry: refused, nothing written.
  { route: 'POST /api/cases',                     who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: '/api/cases', body: { channel: 'app', text: '矩阵测试' }, status: 422 }) },
  { route: 'GET /api/cases',                      who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/cases', status: 200 }) },
  // The customer's words come masked unless the role may see personal data (checked in export.test.ts).
  { route: 'GET /api/cases/export',               who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/cases/export?queue=all', status: 200 }) },
  { route: 'GET /api/cases/counts',               who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/cases/counts', status: 200 }) },
  { route: 'GET /api/cases/:id',                  who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/cases/${nobody()}`, status: 404 }) },
  { route: 'POST /api/cases/:id/transitions',     who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/transitions`, body: { action: 'accept', version: 1 }, status: 404 }) },
  { route: 'POST /api/cases/:id/decision-receipt', who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/decision-receipt`, body: { version: 1, receivedAt: '2026-11-20T10:00:00+08:00' }, status: 404 }) },
  { route: 'POST /api/cases/:id/messages',        who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/messages`, body: { direction: 'internal', body: '备注' }, status: 404 }) },
  { route: 'POST /api/cases/:id/tasks',           who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: (c) => ({ path: `/api/cases/${nobody()}/tasks`, body: { orgUnitId: c.ids.hoCp, title: '矩阵任务' }, status: 404 }) },
  { route: 'POST /api/cases/:id/tasks/:taskId/complete', who: ['handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert'], call: () => ({ path: `/api/cases/${nobody()}/tasks/${nobody()}/complete`, body: { version: 1, status: 'done', result: '完成' }, status: 404 }) },
  { route: 'POST /api/cases/:id/attachments',    who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/attachments?name=matrix.pdf`, status: 404 }) },
  { route: 'GET /api/cases/:id/attachments',     who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/cases/${nobody()}/attachments`, status: 404 }) },
  // The content of a file may be personal data (an ID scan): only roles that may see it unmasked.
  { route: 'GET /api/cases/:id/attachments/:attachmentId/content', who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/attachments/${nobody()}/content`, status: 404 }) },
  { route: 'POST /api/cases/:id/classification',  who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/classification`, body: { version: 1, kind: 'inquiry' }, status: 404 }) },
  // reviews (核查): the case must be visible first (404), deciding needs a reviewer of the parent unit
  { route: 'GET /api/cases/:id/reviews',          who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/cases/${nobody()}/reviews`, status: 404 }) },
  { route: 'POST /api/cases/:id/reviews',         who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/reviews`, body: { version: 1, reason: '申请核查' }, status: 404 }) },
  { route: 'POST /api/cases/:id/reviews/:reviewId/decision', who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/reviews/${nobody()}/decision`, body: { version: 1, outcome: 'upheld', note: '维持' }, status: 404 }) },
  // my in-app notices
  { route: 'GET /api/notifications/mine',         who: 'any signed-in', call: () => ({ path: '/api/notifications/mine', status: 200 }) },
  { route: 'POST /api/notifications/:id/read',    who: 'any signed-in', call: () => ({ path: `/api/notifications/${nobody()}/read`, status: 404 }) },
  { route: 'POST /api/notifications/read-all',    who: 'any signed-in', call: () => ({ path: '/api/notifications/read-all', status: 200 }) },
  { route: 'GET /api/cases/:id/merge-suggestions', who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/cases/${nobody()}/merge-suggestions`, status: 404 }) },
  // the regulatory clock: read with the case; extensions decided by supervisors (their level is checked per case)
  { route: 'GET /api/cases/:id/regulatory-clock',  who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/cases/${nobody()}/regulatory-clock`, status: 404 }) },
  { route: 'POST /api/cases/:id/extensions',       who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/extensions`, body: { version: 1, level: 1, reason: '矩阵' }, status: 404 }) },
  { route: 'POST /api/cases/:id/extensions/:extensionId/decision', who: ['team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/extensions/${nobody()}/decision`, body: { version: 1, decision: 'approve' }, status: 404 }) },
  { route: 'POST /api/cases/:id/exclusions',       who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/exclusions`, body: { version: 1, kind: 'mediation' }, status: 404 }) },
  { route: 'POST /api/cases/:id/exclusions/:exclusionId/end', who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/exclusions/${nobody()}/end`, body: { version: 1 }, status: 404 }) },
  { route: 'POST /api/cases/:id/exclusions/:exclusionId/notice', who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/exclusions/${nobody()}/notice`, body: { version: 1 }, status: 404 }) },
  { route: 'POST /api/cases/:id/new-facts',        who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/new-facts`, body: { version: 1, at: '2026-01-05T10:00:00+08:00', note: '矩阵' }, status: 404 }) },
  { route: 'GET /api/triage/hot-topics',          who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/triage/hot-topics', status: 200 }) },
  { route: 'GET /api/triage/settings',            who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/triage/settings', status: 200 }) },
  // A version nobody has: stale (409), nothing changes.
  { route: 'PATCH /api/triage/settings',          who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/triage/settings', body: { version: 9999, reviewThreshold: 70 }, status: 409 }) },
  { route: 'GET /api/triage/rules',               who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/triage/rules', status: 200 }) },
  // A label the field does not have: refused, nothing written.
  { route: 'POST /api/triage/rules',              who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/triage/rules', body: { field: 'businessLine', label: 'matrix_x', keywords: ['矩阵'] }, status: 422 }) },
  { route: 'PATCH /api/triage/rules/:id',         who: ['consumer_protection', 'admin'], call: () => ({ path: `/api/triage/rules/${nobody()}`, body: { version: 1, weight: 2 }, status: 404 }) },
  { route: 'GET /api/triage/words',               who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/triage/words', status: 200 }) },
  // A word with a space: refused, nothing written.
  { route: 'POST /api/triage/words',              who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/triage/words', body: { word: '矩阵 词' }, status: 400 }) },
  { route: 'GET /api/triage/models',              who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/triage/models', status: 200 }) },
  // Queued in the background; with too few labelled cases the job trains nothing.
  { route: 'POST /api/triage/models/retrain',     who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/triage/models/retrain', status: 202 }) },
  { route: 'POST /api/triage/models/:id/activate', who: ['consumer_protection', 'admin'], call: () => ({ path: `/api/triage/models/${nobody()}/activate`, status: 404 }) },
  // A case nobody has: answered per case (200) with the refusal, nothing written.
  { route: 'POST /api/cases/bulk-assign',         who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: '/api/cases/bulk-assign', body: { cases: [{ id: nobody(), version: 1 }], assigneeId: nobody(), reason: '矩阵' }, status: 200 }) },

  // teams: supervisors manage those of their subtree; auditors read
  { route: 'GET /api/teams',                      who: ['team_lead', 'branch_manager', 'consumer_protection', 'auditor', 'admin'], call: () => ({ path: '/api/teams', status: 200 }) },
  { route: 'GET /api/teams/:id',                  who: ['team_lead', 'branch_manager', 'consumer_protection', 'auditor', 'admin'], call: () => ({ path: `/api/teams/${nobody()}`, status: 404 }) },
  { route: 'GET /api/teams/mine',                 who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/teams/mine', status: 200 }) },
  // A unit that does not exist: 404, nothing created.
  { route: 'POST /api/teams',                     who: ['team_lead', 'branch_manager', 'consumer_protection', 'admin'], call: () => ({ path: '/api/teams', body: { orgUnitId: nobody(), name: '矩阵组' }, status: 404 }) },
  { route: 'PATCH /api/teams/:id',                who: ['team_lead', 'branch_manager', 'consumer_protection', 'admin'], call: () => ({ path: `/api/teams/${nobody()}`, body: { version: 1, name: '改名' }, status: 404 }) },
  // assignment rules: institution-wide, like the category tree
  { route: 'GET /api/assignment-rules',           who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/assignment-rules', status: 200 }) },
  // A team that does not exist: refused (422), nothing written.
  { route: 'POST /api/assignment-rules',          who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/assignment-rules', body: { name: '矩阵规则', teamId: nobody() }, status: 422 }) },
  { route: 'PATCH /api/assignment-rules/:id',     who: ['consumer_protection', 'admin'], call: () => ({ path: `/api/assignment-rules/${nobody()}`, body: { version: 1, name: '改' }, status: 404 }) },
  { route: 'DELETE /api/assignment-rules/:id',    who: ['consumer_protection', 'admin'], call: () => ({ path: `/api/assignment-rules/${nobody()}?version=1`, status: 404 }) },
  { route: 'POST /api/assignment-rules/test',     who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/assignment-rules/test', body: { caseId: nobody() }, status: 404 }) },
  // major-case rules: institution-wide, like the assignment rules
  { route: 'GET /api/major-case-rules',           who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/major-case-rules', status: 200 }) },
  // A panel member who does not exist: refused (422), nothing written.
  { route: 'POST /api/major-case-rules',          who: ['consumer_protection', 'admin'], call: () => ({ path: '/api/major-case-rules', body: { name: '矩阵规则', conditions: { amountAtLeast: 1 }, panelMemberIds: [nobody()] }, status: 422 }) },
  { route: 'PATCH /api/major-case-rules/:id',     who: ['consumer_protection', 'admin'], call: () => ({ path: `/api/major-case-rules/${nobody()}`, body: { version: 1, name: '改' }, status: 404 }) },
  { route: 'DELETE /api/major-case-rules/:id',    who: ['consumer_protection', 'admin'], call: () => ({ path: `/api/major-case-rules/${nobody()}?version=1`, status: 404 }) },
  // the expert panel of a case nobody has: 404
  { route: 'GET /api/cases/:id/panel',            who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/cases/${nobody()}/panel`, status: 404 }) },
  { route: 'POST /api/cases/:id/panel',           who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: `/api/cases/${nobody()}/panel`, body: { version: 1, decision: { outcome: 'upheld', letter: '经核实，您反映的情况属实。', remedies: [] } }, status: 404 }) },
  // Panel members come from the departments asked too (legal, risk, experts); membership is checked per review.
  { route: 'POST /api/cases/:id/panel/opinions',  who: ['handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert'], call: () => ({ path: `/api/cases/${nobody()}/panel/opinions`, body: { opinion: 'agree' }, status: 404 }) },
  // saved views: whoever reads the case list; a nameless view is refused (400), nothing written
  { route: 'GET /api/saved-views',                who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/saved-views', status: 200 }) },
  { route: 'POST /api/saved-views',               who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: '/api/saved-views', body: { name: '', filters: {} }, status: 400 }) },
  { route: 'PATCH /api/saved-views/:id',          who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/saved-views/${nobody()}`, body: { version: 1, name: '改' }, status: 404 }) },
  { route: 'DELETE /api/saved-views/:id',         who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'], call: () => ({ path: `/api/saved-views/${nobody()}?version=1`, status: 404 }) },
  // A dry run of a one-row CSV: checked and reported (200), nothing written.
  { route: 'POST /api/cases/imports',     who: ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'], call: () => ({ path: '/api/cases/imports', body: { fileName: 'matrix.csv', contentBase64: Buffer.from('内容,渠道\n矩阵测试,热线\n').toString('base64'), format: 'csv', dryRun: true }, status: 200 }) },
];

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+?)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?$/;

/**
 * Every route the app registered under /api/, as 'METHOD /path'.
 *
 * Fastify 5 has no public route list and the routes are added inside buildApp (too late for
 * an onRoute hook of ours), so this reads the router's own print-out: printRoutes() draws the
 * radix tree, one node a line, a route's methods after its node, and a path is the
 * concatenation of the keys from the root down. (Not commonPrefix: false, which drops the
 * prefix in front of a wildcard.) It cannot silently miss a route: every line must parse,
 * with a key free of spaces and brackets (so a constraint or meta suffix fails loudly rather
 * than hiding methods), every parsed route is confirmed with hasRoute (a mis-assembled path
 * fails), and every operation of the OpenAPI document must be among them (an independent
 * listing). HEAD routes that Fastify adds next to a GET are dropped; a HEAD of its own stays.
 */
function registeredApiRoutes(app: FastifyInstance): Set<string> {
  const printed = app.printRoutes();
  const stack: string[] = [];
  const found: { method: string; path: string }[] = [];
  for (const line of printed.split('\n')) {
    if (line.trim() === '') continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`unparsed printRoutes line: ${JSON.stringify(line)}`);
    const depth = m[1]!.length / 4;
    if (depth > stack.length) throw new Error(`printRoutes line deeper than its parent: ${JSON.stringify(line)}`);
    stack.length = depth;
    stack.push(m[2]!);
    if (m[3]) for (const method of m[3].split(', ')) found.push({ method, path: stack.join('') });
  }
  if (found.length === 0) throw new Error('printRoutes listed no routes');
  const routes = new Set<string>();
  for (const { method, path } of found) {
    if (!app.hasRoute({ method: method as HTTPMethods, url: path })) throw new Error(`printRoutes named ${method} ${path} but hasRoute does not know it`);
    if (!path.startsWith('/api/')) continue;
    if (method === 'HEAD' && found.some((f) => f.method === 'GET' && f.path === path)) continue;
    routes.add(`${method} ${path}`);
  }
  return routes;
}

const isProblem = (r: Reply) => (r.headers.get('content-type') ?? '').startsWith('application/problem+json');
const describeReply = (r: Reply) => `${r.status} ${typeof r.body === 'object' ? JSON.stringify(r.body).slice(0, 200) : String(r.body).slice(0, 80)}`;

describeEngines('access matrix', (engine) => {
  let t: TestApp;
  let admin: Client;
  const ids = {} as Caller['ids'];
  const staff = new Map<Role, { client: Client; id: string; username: string; password: string }>();

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    ids.ho = await orgUnitId(admin, 'HO');
    ids.hoCp = await orgUnitId(admin, 'HO-CP');
    for (const role of ROLES) {
      const username = `m.${role}`;
      const s = await createStaff(t, admin, { username, roles: [role], orgCode: 'HO' });
      staff.set(role, { ...s, username });
    }
    const agent = staff.get('agent')!;
    ids.agent = { username: agent.username, password: agent.password };
  });
  afterAll(() => t?.close());

  const send = (client: Client, method: string, call: Call) =>
    client.request(method, call.path, method === 'GET' || method === 'DELETE' ? undefined : (call.body ?? {}));

  it('has a row for every registered /api route and no row for a route that does not exist', async () => {
    const registered = registeredApiRoutes(t.app.http);
    // Cross-check against the OpenAPI document: every documented operation must have been found.
    const doc = await admin.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.filter((r) => !registered.has(r))).toEqual([]);

    const rows = MATRIX.map((r) => r.route);
    expect(rows.length, 'duplicate matrix rows').toBe(new Set(rows).size);
    const missing = [...registered].filter((r) => !rows.includes(r)).sort();
    const phantom = rows.filter((r) => !registered.has(r)).sort();
    // missing: registered routes with no row; phantom: rows naming routes that do not exist.
    expect({ missing, phantom }).toEqual({ missing: [], phantom: [] });
  });

  it('refuses anonymous callers on every non-public route with 401 unauthenticated', async () => {
    const failures: string[] = [];
    for (const row of MATRIX) {
      const [method] = row.route.split(' ') as [string];
      const call = row.call({ ids });
      const r = await send(new Client(t.url), method, call);
      if (row.who === 'public') {
        if (r.status !== call.status) failures.push(`${row.route}: expected ${call.status}, got ${describeReply(r)}`);
      } else if (r.status !== 401 || r.body?.code !== 'unauthenticated' || !isProblem(r)) {
        failures.push(`${row.route}: expected 401 unauthenticated, got ${describeReply(r)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  for (const role of ROLES) {
    it(`gives ${role} exactly the routes of its row`, async () => {
      const me = staff.get(role)!;
      const failures: string[] = [];
      for (const row of MATRIX) {
        const [method] = row.route.split(' ') as [string];
        const call = row.call({ ids, me });
        const allowed = row.who === 'public' || row.who === 'any signed-in' || row.who.includes(role);
        let client = me.client;
        if (row.ownSession) {
          client = new Client(t.url);
          expect((await client.login(me.username, me.password)).status).toBe(200);
        }
        const r = await send(client, method, call);
        if (allowed) {
          if (r.status !== call.status) failures.push(`${row.route}: allowed, expected ${call.status}, got ${describeReply(r)}`);
        } else if (r.status !== 403 || r.body?.code !== 'forbidden' || !isProblem(r)) {
          failures.push(`${row.route}: denied, expected 403 forbidden, got ${describeReply(r)}`);
        }
      }
      expect(failures).toEqual([]);
      // Still signed in: nothing above ended the caller's own session.
      expect((await me.client.get('/api/auth/me')).status).toBe(200);
    });
  }

  it('changed nothing through the calls above (the bodies were chosen to be refused)', async () => {
    const actions = async (prefix: string) =>
      ((await admin.get(`/api/audit?action=${prefix}&limit=500`)).body.items as { action: string; actorName: string }[]).map(
        (e) => `${e.action} by ${e.actorName}`,
      );
    expect((await actions('org_unit.')).filter((a) => !a.endsWith(' by system'))).toEqual([]);
    expect(await actions('grant.')).toEqual([]);
    for (const a of ['user.update', 'user.reset_password', 'user.unlock']) expect(await actions(a)).toEqual([]);
    expect(await actions('calendar.')).toEqual([]);
    expect(await actions('user.create')).toHaveLength(ROLES.length + 1);
  });

  it('applies the same rules to the HEAD twins of GET routes', async () => {
    const failures: string[] = [];
    const agent = staff.get('agent')!;
    for (const row of MATRIX.filter((r) => r.route.startsWith('GET ') && r.who !== 'public')) {
      const call = row.call({ ids, me: agent });
      const anon = await new Client(t.url).request('HEAD', call.path);
      if (anon.status !== 401) failures.push(`anonymous HEAD ${call.path}: ${anon.status}`);
      const allowed = row.who === 'any signed-in' || row.who.includes('agent');
      const r = await agent.client.request('HEAD', call.path);
      if (r.status !== (allowed ? call.status : 403)) failures.push(`agent HEAD ${call.path}: ${r.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a signed-in write without the CSRF header, and a sign-in from another origin', async () => {
    const a = staff.get('admin')!;
    const r = await a.client.request('PATCH', `/api/org-units/${ids.hoCp}`, { version: 9999, name: '跨站改名' }, { 'x-csrf-token': 'forged' });
    expect([r.status, r.body.code]).toEqual([403, 'csrf_failed']);
    const none = await a.client.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect([none.status, none.body.code]).toEqual([403, 'csrf_failed']);
    expect((await a.client.get('/api/auth/me')).status).toBe(200);
    const cross = await new Client(t.url).request('POST', '/api/auth/login', { username: a.username, password: a.password }, { origin: 'https://evil.example' });
    expect([cross.status, cross.body.code]).toEqual([403, 'csrf_failed']);
  });

  it('decides access before looking at the request body or parameters', async () => {
    // Anonymous callers, with a malformed id or an invalid body, are told to sign in, not what
    // the endpoint expects; a signed-in caller without the permission is forbidden, whatever the body.
    const anon = new Client(t.url);
    const agent = staff.get('agent')!.client;
    const got = async (label: string, r: Promise<Reply>) => {
      const reply = await r;
      return `${label}: ${reply.status} ${reply.body?.code}`;
    };
    expect([
      await got('anonymous GET /api/users/not-a-uuid', anon.get('/api/users/not-a-uuid')),
      await got('anonymous POST /api/org-units {kind: nonsense}', anon.post('/api/org-units', { kind: 'nonsense' })),
      await got('agent POST /api/users {username: !}', agent.post('/api/users', { username: '!' })),
      await got('agent PATCH /api/org-units/not-a-uuid', agent.patch('/api/org-units/not-a-uuid', {})),
    ]).toEqual([
      'anonymous GET /api/users/not-a-uuid: 401 unauthenticated',
      'anonymous POST /api/org-units {kind: nonsense}: 401 unauthenticated',
      'agent POST /api/users {username: !}: 403 forbidden',
      'agent PATCH /api/org-units/not-a-uuid: 403 forbidden',
    ]);
  });
});

describeEngines('org scope and grants', (engine) => {
  let t: TestApp;
  let admin: Client;
  const unit: Record<string, string> = {};
  let bjManager: Awaited<ReturnType<typeof createStaff>>;
  let bjAdmin: Awaited<ReturnType<typeof createStaff>>;
  let shAgent: Awaited<ReturnType<typeof createStaff>>;
  let shManager: Awaited<ReturnType<typeof createStaff>>;

  const BJ_SUBTREE = ['BJ', 'BJ-CP', 'BJ-CORP', 'BJ-HD', 'BJ-HD-ZGC', 'BJ-HD-WDK', 'BJ-CY', 'BJ-CY-GM'];
  const codesOf = (r: Reply) => (r.body.items as { code: string }[]).map((u) => u.code).sort();

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    const all = await admin.get<{ items: { id: string; code: string }[] }>('/api/org-units');
    for (const u of all.body.items) unit[u.code] = u.id;
    bjManager = await createStaff(t, admin, { username: 'bj.manager', roles: ['branch_manager', 'team_lead'], orgCode: 'BJ' });
    bjAdmin = await createStaff(t, admin, { username: 'bj.admin', roles: ['admin'], orgCode: 'BJ' });
    shAgent = await createStaff(t, admin, { username: 'sh.agent', roles: ['agent'], orgCode: 'SH-PD', email: 'sh.agent@bank.cn', phone: '13900001111' });
    shManager = await createStaff(t, admin, { username: 'sh.manager', roles: ['branch_manager'], orgCode: 'SH' });
  });
  afterAll(() => t?.close());

  it('shows a BJ branch manager BJ and the units below it, never SH or head office', async () => {
    for (const c of [bjManager.client, bjAdmin.client]) {
      const list = await c.get('/api/org-units');
      expect(list.status).toBe(200);
      expect(codesOf(list)).toEqual([...BJ_SUBTREE].sort());
    }
  });

  it('answers 404, not 403, for units outside the subtree, and says nothing about them', async () => {
    for (const code of ['SH', 'SH-PD', 'SH-PD-LJZ', 'HO', 'HO-CP']) {
      const r = await bjManager.client.get(`/api/org-units/${unit[code]}`);
      expect(r.status, code).toBe(404);
      expect(r.body.code).toBe('not_found');
      const text = JSON.stringify(r.body);
      expect(text).not.toContain('上海');
      expect(text).not.toContain('总行');
      expect(r.body).not.toHaveProperty('name');
      expect(r.body).not.toHaveProperty('parentId');
    }
    // An id that exists nowhere gets the very same answer.
    const ghost = await bjManager.client.get(`/api/org-units/${randomUUID()}`);
    const sh = await bjManager.client.get(`/api/org-units/${unit.SH}`);
    expect([ghost.status, ghost.body.code, ghost.body.detail]).toEqual([sh.status, sh.body.code, sh.body.detail]);
  });

  it('answers 404 for a user at SH and never lists SH staff', async () => {
    for (const c of [bjManager.client, bjAdmin.client]) {
      const one = await c.get(`/api/users/${shAgent.id}`);
      expect([one.status, one.body.code]).toEqual([404, 'not_found']);
      expect(JSON.stringify(one.body)).not.toContain('sh.agent');

      const list = await c.get('/api/users?limit=200');
      expect(list.status).toBe(200);
      const names = (list.body.items as { username: string }[]).map((u) => u.username);
      expect(names).toContain('bj.manager');
      expect(names).not.toContain('sh.agent');
      expect(names).not.toContain('sh.manager');
      expect(names).not.toContain('admin');
      expect(list.body.total).toBe(names.length);

      const search = await c.get('/api/users?q=sh.');
      expect(search.body.items).toEqual([]);
      expect(search.body.total).toBe(0);

      const underSh = await c.get(`/api/users?orgUnitId=${unit.SH}`);
      expect([underSh.status, underSh.body.code]).toEqual([404, 'not_found']);
    }
  });

  it('keeps the audit trail of SH staff and units from an admin located at BJ', async () => {
    // Head office sees these entries ...
    const hoView = await admin.get(`/api/audit?objectType=user&objectId=${shAgent.id}`);
    expect(hoView.status).toBe(200);
    expect((hoView.body.items as { action: string }[]).map((e) => e.action)).toContain('user.create');
    // ... a BJ admin must not read SH staff (name, roles, contact) through the audit trail.
    const bjView = await bjAdmin.client.get(`/api/audit?objectType=user&objectId=${shAgent.id}`);
    expect(bjView.status).toBe(200);
    expect(bjView.body.items).toEqual([]);
    const all = await bjAdmin.client.get('/api/audit?limit=500');
    const outside = new Set([shAgent.id, shManager.id, unit.SH, unit['SH-PD'], unit['SH-XH'], unit.HO]);
    const leaked = (all.body.items as { objectId: string | null; action: string }[]).filter((e) => e.objectId && outside.has(e.objectId));
    expect(leaked.map((e) => e.action)).toEqual([]);
    expect(JSON.stringify(all.body)).not.toContain('sh.agent');
  });

  it('lets an admin located at BJ change nothing outside BJ', async () => {
    const sh = await admin.get(`/api/org-units/${unit.SH}`);
    const patch = await bjAdmin.client.patch(`/api/org-units/${unit.SH}`, { version: sh.body.version, name: '被改名的上海分行' });
    expect([patch.status, patch.body.code]).toEqual([404, 'not_found']);
    const ho = await admin.get(`/api/org-units/${unit.HO}`);
    const patchHo = await bjAdmin.client.patch(`/api/org-units/${unit.HO}`, { version: ho.body.version, name: '被改名的总行' });
    expect([patchHo.status, patchHo.body.code]).toEqual([404, 'not_found']);
    // Moving a BJ unit under SH, or creating a unit under SH, is out of scope too.
    const cy = await bjAdmin.client.get(`/api/org-units/${unit['BJ-CY']}`);
    const move = await bjAdmin.client.patch(`/api/org-units/${unit['BJ-CY']}`, { version: cy.body.version, parentId: unit.SH });
    expect([move.status, move.body.code]).toEqual([404, 'not_found']);
    const create = await bjAdmin.client.post('/api/org-units', { parentId: unit.SH, kind: 'sub_branch', code: 'SH-NEW', name: '新支行' });
    expect([create.status, create.body.code]).toEqual([404, 'not_found']);
    // Users at SH cannot be changed, reset or unlocked from BJ.
    const u = await bjAdmin.client.patch(`/api/users/${shAgent.id}`, { version: 1, displayName: 'x' });
    expect([u.status, u.body.code]).toEqual([404, 'not_found']);
    const reset = await bjAdmin.client.post(`/api/users/${shAgent.id}/reset-password`);
    expect([reset.status, reset.body.code]).toEqual([404, 'not_found']);
    const unlock = await bjAdmin.client.post(`/api/users/${shAgent.id}/unlock`);
    expect([unlock.status, unlock.body.code]).toEqual([404, 'not_found']);
    const createUser = await bjAdmin.client.post('/api/users', { username: 'sh.planted', displayName: 'x', roles: ['agent'], orgUnitId: unit.SH });
    expect([createUser.status, createUser.body.code]).toEqual([404, 'not_found']);

    const after = await admin.get(`/api/org-units/${unit.SH}`);
    expect(after.body.name).toBe('上海分行');
    expect(after.body.version).toBe(sh.body.version);
    const shAgentNow = await admin.get(`/api/users/${shAgent.id}`);
    expect(shAgentNow.body.displayName).toBe('sh.agent');
    // sh.agent still signs in with their own password (no reset happened).
    expect((await new Client(t.url).login('sh.agent', shAgent.password)).status).toBe(200);
  });

  it('opens one SH unit to a BJ user by an audited grant, and closes it on revocation', async () => {
    const created = await admin.post('/api/grants', {
      userId: bjManager.id,
      objectType: 'org_unit',
      objectId: unit['SH-PD'],
      purpose: 'expert_panel',
      reason: '浦东支行投诉的专家组评审',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userId: bjManager.id, objectId: unit['SH-PD'], purpose: 'expert_panel', revokedAt: null, expiresAt: null });
    const grantId = created.body.id as string;

    const one = await bjManager.client.get(`/api/org-units/${unit['SH-PD']}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: unit['SH-PD'], code: 'SH-PD' });
    const list = await bjManager.client.get('/api/org-units');
    expect(codesOf(list)).toEqual([...BJ_SUBTREE, 'SH-PD'].sort());
    // Sight of the unit, not of what is under or above it, nor of its staff.
    for (const code of ['SH-PD-LJZ', 'SH-PD-ZJ', 'SH']) {
      const r = await bjManager.client.get(`/api/org-units/${unit[code]}`);
      expect([r.status, r.body.code], code).toEqual([404, 'not_found']);
    }
    const staffThere = await bjManager.client.get(`/api/users/${shAgent.id}`);
    expect(staffThere.status).toBe(404);
    // A grant gives sight, not management: the BJ admin with such a grant still cannot rename it.
    const g2 = await admin.post('/api/grants', { userId: bjAdmin.id, objectType: 'org_unit', objectId: unit['SH-PD'], purpose: 'other', reason: 'sight only' });
    expect(g2.status).toBe(201);
    const pd = await bjAdmin.client.get(`/api/org-units/${unit['SH-PD']}`);
    expect(pd.status).toBe(200);
    const rename = await bjAdmin.client.patch(`/api/org-units/${unit['SH-PD']}`, { version: pd.body.version, name: '被改名的浦东支行' });
    expect([rename.status, rename.body.code]).toEqual([404, 'not_found']);
    expect((await admin.delete(`/api/grants/${g2.body.id}`)).status).toBe(200);

    // The BJ manager cannot see, and so cannot revoke, a grant on an SH object.
    const bjRevoke = await bjManager.client.delete(`/api/grants/${grantId}`);
    expect([bjRevoke.status, bjRevoke.body.code]).toEqual([404, 'not_found']);
    // The SH branch manager sees the grant on their unit.
    const shGrants = await shManager.client.get('/api/grants');
    expect((shGrants.body.items as { id: string }[]).map((g) => g.id)).toContain(grantId);

    const revoked = await admin.delete(`/api/grants/${grantId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const again = await admin.delete(`/api/grants/${grantId}`);
    expect([again.status, again.body.code]).toEqual([409, 'conflict']);

    const gone = await bjManager.client.get(`/api/org-units/${unit['SH-PD']}`);
    expect([gone.status, gone.body.code]).toEqual([404, 'not_found']);
    expect(codesOf(await bjManager.client.get('/api/org-units'))).toEqual([...BJ_SUBTREE].sort());

    const audit = await admin.get(`/api/audit?objectType=grant&objectId=${grantId}`);
    expect(audit.status).toBe(200);
    const entries = audit.body.items as { action: string; actorName: string; actorId: string; objectType: string; before: any; after: any }[];
    expect(entries.map((e) => e.action)).toEqual(['grant.revoke', 'grant.create']);
    for (const e of entries) {
      expect(e.actorName).toBe('admin');
      expect(e.objectType).toBe('grant');
    }
    const [revokeEntry, createEntry] = entries as [(typeof entries)[0], (typeof entries)[0]];
    expect(createEntry.after).toMatchObject({ id: grantId, userId: bjManager.id, objectId: unit['SH-PD'], purpose: 'expert_panel', reason: '浦东支行投诉的专家组评审' });
    expect(revokeEntry.before).toMatchObject({ id: grantId, revokedAt: null });
    expect(revokeEntry.after.revokedAt).toEqual(revoked.body.revokedAt);
  });

  it('stops honouring a grant once it expires', async () => {
    const past = await admin.post('/api/grants', {
      userId: bjManager.id,
      objectType: 'org_unit',
      objectId: unit['SH-XH'],
      purpose: 'reviewing_institution',
      reason: 'already over',
      expiresAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    });
    expect([past.status, past.body.code, past.body.errors?.[0]?.field]).toEqual([422, 'unprocessable', 'expiresAt']);

    const expiresAt = new Date(t.clock.now().getTime() + 5 * 60_000).toISOString();
    const created = await admin.post('/api/grants', {
      userId: bjManager.id,
      objectType: 'org_unit',
      objectId: unit['SH-XH'],
      purpose: 'reviewing_institution',
      reason: '徐汇支行复核',
      expiresAt,
    });
    expect(created.status).toBe(201);
    expect(created.body.expiresAt).toBe(expiresAt);
    expect((await bjManager.client.get(`/api/org-units/${unit['SH-XH']}`)).status).toBe(200);
    expect(codesOf(await bjManager.client.get('/api/org-units'))).toContain('SH-XH');

    t.clock.advance(6 * 60_000);
    const after = await bjManager.client.get(`/api/org-units/${unit['SH-XH']}`);
    expect([after.status, after.body.code]).toEqual([404, 'not_found']);
    expect(codesOf(await bjManager.client.get('/api/org-units'))).toEqual([...BJ_SUBTREE].sort());
    // Listed only when asked for past grants too.
    const live = await admin.get(`/api/grants?objectId=${unit['SH-XH']}`);
    expect(live.body.items).toEqual([]);
    const withPast = await admin.get(`/api/grants?objectId=${unit['SH-XH']}&includeRevoked=true`);
    expect((withPast.body.items as { id: string }[]).map((g) => g.id)).toEqual([created.body.id]);
  });
});
