import { z } from 'zod';
import { CASE_EXCLUSION_KINDS } from '../clocks/regulatory-actions';
import { TEMPLATE_LOCALES } from '../cases/templates';
import { ZId, ZVersion } from './common';

// The regulatory clock of a case (DESIGN.md §5): its deadline or suspension, and the inputs that
// move it — extensions, excluded periods (appraisal, mediation) and new facts.

export const EXTENSION_STATUSES = ['requested', 'approved', 'rejected'] as const;

export const ZCaseExtension = z.object({
  id: ZId,
  level: z.number().int().min(1),
  /** The rule set's name for the level (complex, especially_complex). */
  levelId: z.string(),
  reason: z.string(),
  requestedBy: ZId,
  requestedAt: z.iso.datetime(),
  status: z.enum(EXTENSION_STATUSES),
  decidedBy: ZId.nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionNote: z.string().nullable(),
  newDueAt: z.iso.datetime().nullable(),
  /** Whether the caller may approve or reject this request (open, their level, not recused). */
  mayDecide: z.boolean(),
});
export type TCaseExtension = z.infer<typeof ZCaseExtension>;

export const ZCaseExclusion = z.object({
  id: ZId,
  kind: z.enum(CASE_EXCLUSION_KINDS),
  startAt: z.iso.datetime(),
  endAt: z.iso.datetime().nullable(),
  noticeSentAt: z.iso.datetime().nullable(),
  note: z.string().nullable(),
  recordedBy: ZId,
  /** False when the rule set requires notice and none was sent: the period does not count. */
  counts: z.boolean(),
  version: ZVersion,
});
export type TCaseExclusion = z.infer<typeof ZCaseExclusion>;

export const ZRegulatoryClock = z.object({
  caseId: ZId,
  /** The case's version: every action below carries it. */
  version: ZVersion,
  /** running: counting towards dueAt; suspended: an exclusion is open; none: the rules do not cover the case's kind. */
  state: z.enum(['running', 'suspended', 'none']),
  dueAt: z.iso.datetime().nullable(),
  provisional: z.boolean(),
  suspendedSince: z.iso.datetime().nullable(),
  receivedAt: z.iso.datetime(),
  newFactsAt: z.iso.datetime().nullable(),
  ruleSet: z.object({
    id: z.string(),
    title: z.string(),
    /** The extension levels, in order, with who approves them. */
    extensionLevels: z.array(z.object({ level: z.number().int(), id: z.string(), limitDays: z.number().int(), approval: z.enum(['none', 'higher_level']) })),
    exclusionKinds: z.array(z.enum(CASE_EXCLUSION_KINDS)),
    restartsOnNewFacts: z.boolean(),
  }),
  /** The limit in force, in days, and the days left out for ended exclusions. */
  daysAllowed: z.number().int().nullable(),
  excludedDays: z.number().int().nullable(),
  extensions: z.array(ZCaseExtension),
  exclusions: z.array(ZCaseExclusion),
  /** What the caller may do now. */
  may: z.object({ requestExtension: z.boolean(), work: z.boolean() }),
});
export type TRegulatoryClock = z.infer<typeof ZRegulatoryClock>;

/** Ask for the next extension level with the reason (a missing reason is refused with 422 on `reason`). */
export const ZRequestExtensionRequest = z.object({
  version: ZVersion,
  level: z.number().int().min(1).max(10),
  reason: z.string().trim().max(2000).default(''),
});
export type TRequestExtensionRequest = z.infer<typeof ZRequestExtensionRequest>;

export const ZDecideExtensionRequest = z.object({
  version: ZVersion,
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(2000).optional(),
});
export type TDecideExtensionRequest = z.infer<typeof ZDecideExtensionRequest>;

/** Starts an excluded period; `notify` queues the notice to the complainant and records when. */
export const ZStartExclusionRequest = z.object({
  version: ZVersion,
  kind: z.string().min(1).max(40).describe('appraisal | testing | evaluation | mediation, as the rule set allows'),
  startAt: z.iso.datetime({ offset: true }).optional().describe('now when left out'),
  notify: z.boolean().default(true),
  note: z.string().trim().max(2000).optional(),
});
export type TStartExclusionRequest = z.infer<typeof ZStartExclusionRequest>;

export const ZEndExclusionRequest = z.object({
  version: ZVersion,
  endAt: z.iso.datetime({ offset: true }).optional().describe('now when left out'),
  note: z.string().trim().max(2000).optional(),
});
export type TEndExclusionRequest = z.infer<typeof ZEndExclusionRequest>;

/** The complainant was told of an excluded period at `sentAt` (outside LoopDesk, or after the period was recorded): from then on it counts. */
export const ZExclusionNoticeRequest = z.object({
  version: ZVersion,
  sentAt: z.iso.datetime({ offset: true }).optional().describe('when the notice was sent; now when left out'),
  note: z.string().trim().max(2000).optional(),
});
export type TExclusionNoticeRequest = z.infer<typeof ZExclusionNoticeRequest>;

export const ZNewFactsRequest = z.object({
  version: ZVersion,
  at: z.iso.datetime({ offset: true }).describe('when the new facts and reasons arrived'),
  note: z.string().trim().min(1).max(2000),
});
export type TNewFactsRequest = z.infer<typeof ZNewFactsRequest>;

export const ZCaseExclusionParams = z.object({ id: ZId, exclusionId: ZId });
export const ZCaseExtensionParams = z.object({ id: ZId, extensionId: ZId });

/** Locales customer notices are written in. */
export const ZNoticeLocale = z.enum(TEMPLATE_LOCALES);
