import { z } from 'zod';
import { ASSIGNMENT_STRATEGIES, SKILLS } from '../assignment';
import { BUSINESS_LINES, CASE_KINDS, CHANNELS, PRIORITIES } from '../cases/vocabulary';
import { ZId, ZVersion } from './common';

export const ZSkill = z.enum(SKILLS);
export const ZAssignmentStrategy = z.enum(ASSIGNMENT_STRATEGIES);

export const ZTeamMember = z.object({ userId: ZId, displayName: z.string(), skills: z.array(ZSkill) });

export const ZTeam = z.object({
  id: ZId,
  orgUnitId: ZId,
  name: z.string(),
  strategy: ZAssignmentStrategy,
  active: z.boolean(),
  members: z.array(ZTeamMember).describe('in rotation order'),
  version: z.number().int(),
});
export type TTeam = z.infer<typeof ZTeam>;

/** A team by name: one a person belongs to. */
export const ZTeamRef = z.object({ id: ZId, name: z.string() });
export type TTeamRef = z.infer<typeof ZTeamRef>;

const ZTeamName = z.string().trim().min(1).max(100);
const ZMembers = z
  .array(z.object({ userId: ZId, skills: z.array(ZSkill).max(SKILLS.length).default([]) }))
  .max(200)
  .refine((ms) => new Set(ms.map((m) => m.userId)).size === ms.length, 'a person is listed twice');

export const ZCreateTeamRequest = z.object({
  orgUnitId: ZId,
  name: ZTeamName,
  strategy: ZAssignmentStrategy.default('round_robin'),
  members: ZMembers.default([]),
});
export type TCreateTeamRequest = z.infer<typeof ZCreateTeamRequest>;

export const ZUpdateTeamRequest = z.object({
  version: ZVersion,
  name: ZTeamName.optional(),
  strategy: ZAssignmentStrategy.optional(),
  active: z.boolean().optional(),
  members: ZMembers.optional().describe('the whole list, in rotation order'),
});
export type TUpdateTeamRequest = z.infer<typeof ZUpdateTeamRequest>;

export const ZRuleConditions = z.object({
  categoryIds: z.array(ZId).max(50).optional(),
  businessLines: z.array(z.enum(BUSINESS_LINES)).optional(),
  orgUnitIds: z.array(ZId).max(50).optional(),
  priorities: z.array(z.enum(PRIORITIES)).optional(),
  channels: z.array(z.enum(CHANNELS)).optional(),
  kinds: z.array(z.enum(CASE_KINDS)).optional(),
});

export const ZAssignmentRule = z.object({
  id: ZId,
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  conditions: ZRuleConditions,
  teamId: ZId,
  requiredSkill: ZSkill.nullable(),
  version: z.number().int(),
});
export type TAssignmentRule = z.infer<typeof ZAssignmentRule>;

export const ZCreateAssignmentRuleRequest = z.object({
  name: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(1_000_000).optional().describe('default: after the last rule'),
  active: z.boolean().default(true),
  conditions: ZRuleConditions.default({}),
  teamId: ZId,
  requiredSkill: ZSkill.nullable().default(null),
});
export type TCreateAssignmentRuleRequest = z.infer<typeof ZCreateAssignmentRuleRequest>;

export const ZUpdateAssignmentRuleRequest = z.object({
  version: ZVersion,
  name: z.string().trim().min(1).max(100).optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
  conditions: ZRuleConditions.optional(),
  teamId: ZId.optional(),
  requiredSkill: ZSkill.nullable().optional(),
});
export type TUpdateAssignmentRuleRequest = z.infer<typeof ZUpdateAssignmentRuleRequest>;

/** What the rules would do with a case now (nothing is written). */
export const ZRuleTestResult = z.object({
  ruleId: ZId.nullable(),
  ruleName: z.string().nullable(),
  teamId: ZId.nullable(),
  assigneeId: ZId.nullable(),
  why: z.string().describe('round_robin, least_loaded:N, no_rule, no_members, no_member_with_skill, all_recused'),
  /** For each rule in order, the conditions the case failed (empty: it matched). */
  evaluated: z.array(z.object({ ruleId: ZId, failed: z.array(z.string()) })),
});
export type TRuleTestResult = z.infer<typeof ZRuleTestResult>;

export const ZBulkAssignRequest = z.object({
  cases: z
    .array(z.object({ id: ZId, version: ZVersion }))
    .min(1)
    .max(200)
    .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'a case is listed twice'),
  assigneeId: ZId.optional(),
  teamId: ZId.optional().describe('instead of an assignee: the team’s strategy picks one for each case'),
  reason: z.string().trim().max(2000).nullable().optional().describe('needed for the cases that already have an assignee'),
}).refine((b) => !!b.assigneeId !== !!b.teamId, { message: 'give either an assignee or a team', path: ['assigneeId'] });
export type TBulkAssignRequest = z.infer<typeof ZBulkAssignRequest>;

export const ZBulkAssignResult = z.object({
  results: z.array(
    z.object({
      id: ZId,
      ok: z.boolean(),
      assigneeId: ZId.nullable(),
      version: z.number().int().nullable(),
      code: z.string().nullable(),
      message: z.string().nullable(),
      field: z.string().nullable(),
    }),
  ),
});
export type TBulkAssignResult = z.infer<typeof ZBulkAssignResult>;
