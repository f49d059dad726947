import { z } from 'zod';
import { RISK_FLAGS } from '../cases/vocabulary';
import { PANEL_OPINIONS, PANEL_REVIEW_STATUSES } from '../panel';
import { ZRuleConditions } from './assignment';
import { ZDecision } from './cases';
import { ZId, ZVersion } from './common';

export const ZMajorRuleConditions = ZRuleConditions.extend({
  amountAtLeast: z.number().int().min(0).max(1e13).nullable().optional().describe('yuan'),
  riskFlags: z.array(z.enum(RISK_FLAGS)).max(RISK_FLAGS.length).optional().describe('any of them'),
});
export type TMajorRuleConditions = z.infer<typeof ZMajorRuleConditions>;

const ZPanelMemberIds = z
  .array(ZId)
  .max(15)
  .refine((ids) => new Set(ids).size === ids.length, 'a person is listed twice');
const ZQuorum = z.number().int().min(1).max(15).nullable().describe('agreements needed; null: a majority of the panel');

export const ZMajorCaseRule = z.object({
  id: ZId,
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  conditions: ZMajorRuleConditions,
  panelMemberIds: z.array(ZId).describe('the panel a case marked by this rule gets unless a consumer-protection officer chooses one'),
  quorum: ZQuorum,
  version: z.number().int(),
});
export type TMajorCaseRule = z.infer<typeof ZMajorCaseRule>;

const ZRuleName = z.string().trim().min(1).max(100);
const hasCondition = (c: TMajorRuleConditions) =>
  Object.values(c).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null));

export const ZCreateMajorCaseRuleRequest = z.object({
  name: ZRuleName,
  position: z.number().int().min(0).max(1_000_000).optional().describe('default: after the last rule'),
  active: z.boolean().default(true),
  conditions: ZMajorRuleConditions.refine(hasCondition, 'a rule needs at least one condition'),
  panelMemberIds: ZPanelMemberIds.default([]),
  quorum: ZQuorum.default(null),
});
export type TCreateMajorCaseRuleRequest = z.infer<typeof ZCreateMajorCaseRuleRequest>;

export const ZUpdateMajorCaseRuleRequest = z.object({
  version: ZVersion,
  name: ZRuleName.optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
  conditions: ZMajorRuleConditions.refine(hasCondition, 'a rule needs at least one condition').optional(),
  panelMemberIds: ZPanelMemberIds.optional(),
  quorum: ZQuorum.optional(),
});
export type TUpdateMajorCaseRuleRequest = z.infer<typeof ZUpdateMajorCaseRuleRequest>;

export const ZPanelOpinion = z.enum(PANEL_OPINIONS);

export const ZPanelMember = z.object({
  userId: ZId,
  displayName: z.string(),
  opinion: ZPanelOpinion.nullable(),
  comment: z.string().nullable(),
  at: z.iso.datetime().nullable(),
});

export const ZPanelReview = z.object({
  id: ZId,
  round: z.number().int().describe('1 for the first draft put to the panel, 2 for the next, …'),
  status: z.enum(PANEL_REVIEW_STATUSES),
  decision: ZDecision.describe('the draft decision the panel reviews'),
  decisionMasked: z.boolean().describe('the draft letter’s personal data is masked: the reader’s roles may not see it'),
  quorum: z.number().int().describe('agreements needed'),
  members: z.array(ZPanelMember),
  submittedBy: ZId,
  submittedAt: z.iso.datetime(),
  concludedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});
export type TPanelReview = z.infer<typeof ZPanelReview>;

/** A case's marking and its panel reviews, the latest first; what the caller may do now. */
export const ZCasePanel = z.object({
  major: z.boolean(),
  majorRuleId: ZId.nullable(),
  majorRuleName: z.string().nullable(),
  expertReviewDone: z.boolean(),
  reviews: z.array(ZPanelReview),
  canSubmit: z.boolean(),
  canChooseMembers: z.boolean(),
  canRecordOpinion: z.boolean(),
});
export type TCasePanel = z.infer<typeof ZCasePanel>;

export const ZSubmitPanelReviewRequest = z.object({
  version: ZVersion.describe('the case version I saw'),
  decision: ZDecision,
  memberIds: ZPanelMemberIds.min(1).optional().describe('a consumer-protection officer’s choice; default: the marking rule’s panel'),
  quorum: ZQuorum.optional(),
});
export type TSubmitPanelReviewRequest = z.infer<typeof ZSubmitPanelReviewRequest>;

export const ZRecordPanelOpinionRequest = z.object({
  opinion: ZPanelOpinion,
  comment: z.string().trim().max(4000).default(''),
}).refine((b) => b.opinion === 'agree' || b.comment.length > 0, { message: 'say what should change, or why not', path: ['comment'] });
export type TRecordPanelOpinionRequest = z.infer<typeof ZRecordPanelOpinionRequest>;
