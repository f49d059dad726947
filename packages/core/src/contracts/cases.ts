import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATUSES, FINAL_STATUSES, type CaseStatus } from '../cases/lifecycle';
import {
  BUSINESS_LINES,
  CASE_KINDS,
  CHANNELS,
  CLASSIFICATION_SOURCES,
  DECISION_OUTCOMES,
  JR_BUSINESS_CATEGORIES,
  JR_CAUSES,
  JR_CHANNELS,
  PRIORITIES,
  REMEDY_KINDS,
  RISK_FLAGS,
  TIMINGS,
} from '../cases/vocabulary';
import { blanksLeft, TEMPLATE_KINDS, TEMPLATE_LOCALES } from '../cases/templates';
import { ZId, ZVersion } from './common';
import { ZCaseClock, ZClockStatus } from './sla';
import { ZChannelCustomer } from './customers';
import { ZClassification } from './triage';

/** The amount a case involves, in whole yuan: what intake accepts, and what the console's form says. */
export const AMOUNT_INVOLVED = { min: 0, max: 1e13 } as const;
/** A remedy's amount (compensation, fee refund) in whole yuan; a remedy with an amount needs one above 0 (lifecycle). */
export const REMEDY_AMOUNT = { min: 1, max: 1e12 } as const;

export const ZCaseStatus = z.enum(CASE_STATUSES);
export const ZCaseKind = z.enum(CASE_KINDS);
export const ZChannel = z.enum(CHANNELS);
export const ZPriority = z.enum(PRIORITIES);

/** The case text as the customer gave it: what is sealed and searched (masked). */
const ZText = z.string().trim().min(2, 'say what the customer raised').max(20_000);

/** Classification and context that any intake may carry. */
const ZCaseFields = z.object({
  kind: ZCaseKind.default('unknown'),
  timing: z.enum(TIMINGS).nullable().optional(),
  categoryId: ZId.nullable().optional(),
  businessLine: z.enum(BUSINESS_LINES).nullable().optional(),
  product: z.string().trim().max(100).nullable().optional(),
  jrChannel: z.enum(JR_CHANNELS).nullable().optional(),
  jrBusinessCategory: z.enum(JR_BUSINESS_CATEGORIES).nullable().optional(),
  jrCause: z.enum(JR_CAUSES).nullable().optional(),
  customerRequest: z.string().trim().max(2000).nullable().optional().describe('what the customer asks for (诉求)'),
  priority: ZPriority.default('P3'),
  amountInvolved: z.number().int().min(AMOUNT_INVOLVED.min).max(AMOUNT_INVOLVED.max).nullable().optional().describe('yuan'),
  riskFlags: z.array(z.enum(RISK_FLAGS)).max(10).default([]),
  title: z.string().trim().min(2).max(200).nullable().optional().describe('defaults to the start of the text'),
  text: ZText,
  receivedAt: z.iso.datetime({ offset: true }).optional().describe('when the institution received it; defaults to now'),
  backDateReason: z.string().trim().min(2).max(500).nullable().optional().describe('required when receivedAt is more than an hour ago'),
});

/** A case registered by staff from an offline channel; whoever enters it owns it (首问负责). */
export const ZStaffIntakeRequest = ZCaseFields.extend({
  channel: ZChannel,
  orgUnitId: ZId.optional().describe('defaults to the entering staff member’s unit'),
  customerId: ZId.nullable().optional(),
  contactId: ZId.nullable().optional(),
  staffComplainedAbout: z.array(ZId).max(20).default([]),
  regulatorRef: z.string().trim().min(1).max(64).nullable().optional(),
  regulatorDeadline: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type TStaffIntakeRequest = z.infer<typeof ZStaffIntakeRequest>;

/** A case posted by a channel integration; the channel and the receiving unit come with the key. */
export const ZChannelIntakeRequest = ZCaseFields.extend({
  externalRef: z.string().trim().max(100).nullable().optional(),
  customer: ZChannelCustomer.optional().describe('found by USCC (enterprise), else by ID number, else by phone unless that customer has another ID number on record; an ID number or phone the customer lacked is recorded; else created at the receiving unit'),
});
export type TChannelIntakeRequest = z.infer<typeof ZChannelIntakeRequest>;

/** The acknowledgement (登记回执): the case number and the regulatory decision deadline. */
export const ZIntakeAck = z.object({
  caseId: ZId,
  number: z.string(),
  status: ZCaseStatus,
  receivedAt: z.iso.datetime(),
  regulatoryDueAt: z.iso.datetime().nullable(),
  regulatoryDueProvisional: z.boolean(),
  duplicateOfRequest: z.boolean().describe('true when this answers a retry of an earlier request'),
});
export type TIntakeAck = z.infer<typeof ZIntakeAck>;

export const ZCaseSummary = z.object({
  id: ZId,
  number: z.string(),
  status: ZCaseStatus,
  kind: ZCaseKind,
  channel: ZChannel,
  priority: ZPriority,
  title: z.string().describe('personal data masked'),
  orgUnitId: ZId,
  assigneeId: ZId.nullable(),
  teamId: ZId.nullable().describe('the team whose queue the case is in'),
  ownerId: ZId.nullable(),
  customerId: ZId.nullable(),
  customerName: z.string().nullable(),
  riskFlags: z.array(z.string()),
  receivedAt: z.iso.datetime(),
  regulatoryDueAt: z.iso.datetime().nullable(),
  regulatoryDueProvisional: z.boolean(),
  /** Set while an excluded period (appraisal, mediation) is open: the regulatory clock is suspended and regulatoryDueAt is null. */
  regulatorySuspendedSince: z.iso.datetime().nullable(),
  /** Marked major (重大投诉) by a major-case rule: its answer goes before an expert panel. */
  major: z.boolean(),
  /** A new case triage was not confident about: it waits in the human triage queue. */
  triageReview: z.boolean(),
  classification: ZClassification.nullable().describe('what triage predicted per field, with confidence, source and terms'),
  /** The operational SLA clocks at a glance: the worst status and the earliest due instant of those counting. */
  slaStatus: ZClockStatus.nullable(),
  slaDueAt: z.iso.datetime().nullable(),
  /** Until when the complainant may ask for a review (核查); null until the decision's receipt is recorded. */
  reviewWindowEndsAt: z.iso.datetime().nullable(),
  /** The open review's decision deadline; null when no review is open. */
  reviewDueAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  version: ZVersion,
});
export type TCaseSummary = z.infer<typeof ZCaseSummary>;

export const ZDecision = z.object({
  outcome: z.enum(DECISION_OUTCOMES).nullable().default(null).describe('a complaint’s verdict (required for one); an inquiry, suggestion or praise is answered without one'),
  letter: z.string().trim().min(10).max(20_000),
  remedies: z.array(z.object({ kind: z.enum(REMEDY_KINDS), amount: z.number().int().min(0).max(REMEDY_AMOUNT.max).nullable().optional() })).max(10).default([]),
});

/** A decision as it is sent: no blank a template left (【…】) may remain in its letter. */
const ZDecisionSent = ZDecision.extend({
  letter: ZDecision.shape.letter.refine((letter) => blanksLeft(letter).length === 0, 'fill in the blanks marked 【…】 before sending'),
});

export const ZCaseMessage = z.object({
  id: ZId,
  direction: z.enum(['inbound', 'outbound', 'internal']),
  channel: z.string(),
  body: z.string(),
  bodyMasked: z.boolean(),
  authorId: ZId.nullable(),
  createdAt: z.iso.datetime(),
});

export const ZCaseEvent = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorId: ZId.nullable(),
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.unknown().nullable(),
});

export const ZCaseTask = z.object({
  id: ZId,
  orgUnitId: ZId,
  ownerId: ZId.nullable(),
  title: z.string(),
  dueAt: z.iso.datetime().nullable(),
  blocking: z.boolean(),
  status: z.enum(['open', 'done', 'cancelled']),
  result: z.string().nullable(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  version: ZVersion,
});
export type TCaseTask = z.infer<typeof ZCaseTask>;

export const ZCaseDetail = ZCaseSummary.extend({
  kindSource: z.enum(CLASSIFICATION_SOURCES),
  timing: z.enum(TIMINGS).nullable(),
  categoryId: ZId.nullable(),
  businessLine: z.string().nullable(),
  product: z.string().nullable(),
  jrChannel: z.string().nullable(),
  jrBusinessCategory: z.string().nullable(),
  jrCause: z.string().nullable(),
  customerRequest: z.string().nullable(),
  amountInvolved: z.number().nullable(),
  contactId: ZId.nullable(),
  staffComplainedAbout: z.array(ZId),
  backDateReason: z.string().nullable(),
  regulatorRef: z.string().nullable(),
  regulatorDeadline: z.iso.datetime().nullable(),
  expertReviewDone: z.boolean(),
  decision: ZDecision.nullable(),
  decisionMasked: z.boolean().describe('the letter’s personal data is masked: the reader’s roles may not see it'),
  decidedAt: z.iso.datetime().nullable(),
  decisionReceivedAt: z.iso.datetime().nullable(),
  mergedIntoId: ZId.nullable(),
  splitFromId: ZId.nullable(),
  createdAt: z.iso.datetime(),
  messages: z.array(ZCaseMessage),
  events: z.array(ZCaseEvent),
  tasks: z.array(ZCaseTask),
  availableActions: z.array(z.enum(CASE_ACTIONS)),
  clocks: z.array(ZCaseClock),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

export const CASE_QUEUES = [
  'all',
  'mine',
  'team',
  'unassigned',
  'new',
  'triage',
  'due_soon',
  'overdue',
  'awaiting_customer',
  'open',
  /** Decided cases whose complainant may still ask for a review (核查). */
  'review_window_open',
  /** Cases with a review open; review_due_soon: one due within three days or overdue. */
  'under_review',
  'review_due_soon',
] as const;

export type CaseQueue = (typeof CASE_QUEUES)[number];

const OPEN_STATUSES = CASE_STATUSES.filter((s) => s !== 'resolved' && !FINAL_STATUSES.includes(s));
const UNANSWERED_STATUSES = OPEN_STATUSES.filter((s) => s !== 'answered');

/**
 * The statuses a queue holds, which its status filter offers (another would find nothing). My
 * and my team's queues show the open cases until a status is chosen, and then ours in that
 * status, closed ones included.
 */
export const QUEUE_STATUSES: Record<CaseQueue, readonly CaseStatus[]> = {
  all: CASE_STATUSES,
  mine: CASE_STATUSES,
  team: CASE_STATUSES,
  open: OPEN_STATUSES,
  unassigned: ['new', 'accepted'],
  new: ['new'],
  triage: ['new'],
  due_soon: UNANSWERED_STATUSES,
  overdue: UNANSWERED_STATUSES,
  awaiting_customer: ['awaiting_customer'],
  review_window_open: ['answered', 'resolved', 'closed'],
  under_review: CASE_STATUSES,
  review_due_soon: CASE_STATUSES,
};

export const ZCaseListQuery = z.object({
  queue: z.enum(CASE_QUEUES).default('open'),
  status: ZCaseStatus.optional(),
  kind: ZCaseKind.optional(),
  channel: ZChannel.optional(),
  priority: ZPriority.optional(),
  customerId: ZId.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('case number or words of the title'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

/**
 * How far a case list counts its matches. Counting every match of a queue or a search read
 * every matching row (a scan of all cases at a million); past this many the list says "more"
 * and the console shows "1,000+" — narrowing the filters gives exact figures again.
 */
export const CASE_COUNT_LIMIT = 1_000;

export const ZCasePage = z.object({
  items: z.array(ZCaseSummary),
  total: z.number().int().describe(`matching cases, counted up to ${CASE_COUNT_LIMIT}; for a search (q), the cases up to the end of this page`),
  more: z.boolean().describe('more cases match than `total` says (the count stopped at its limit; for a search, a next page exists)'),
});
export type TCasePage = z.infer<typeof ZCasePage>;

/** The most cases one export holds: narrow the filters for more. */
export const CASE_EXPORT_LIMIT = 10_000;

/** A CSV export of a case list: the list's filters, every matching case (up to the limit). */
export const ZCaseExportQuery = ZCaseListQuery.omit({ limit: true, offset: true });
export type TCaseExportQuery = z.infer<typeof ZCaseExportQuery>;

export const ZTransitionRequest = z.object({
  action: z.enum(CASE_ACTIONS),
  version: ZVersion,
  reason: z.string().trim().max(2000).nullable().optional(),
  assigneeId: ZId.nullable().optional(),
  decision: ZDecisionSent.nullable().optional(),
  decisionReceivedAt: z.iso.datetime({ offset: true }).nullable().optional().describe('with answer: when the customer received the decision'),
  resolution: z.enum(['customer_confirmed', 'no_reply']).nullable().optional(),
  reopenKind: z.enum(['review_request', 'new_facts']).nullable().optional(),
  targetCaseId: ZId.nullable().optional(),
  splitText: z.string().trim().min(2).max(20_000).nullable().optional().describe('with split: the matter that becomes a case of its own'),
});
export type TTransitionRequest = z.infer<typeof ZTransitionRequest>;

/** When the customer received the decision, recorded after the answer (it starts the 核查 window of a complaint). */
export const ZDecisionReceiptRequest = z.object({
  version: ZVersion,
  receivedAt: z.iso.datetime({ offset: true }).describe('when the customer received the decision or reply'),
});
export type TDecisionReceiptRequest = z.infer<typeof ZDecisionReceiptRequest>;

export const ZAddMessageRequest = z
  .object({
    direction: z.enum(['inbound', 'outbound', 'internal']),
    body: z.string().trim().min(1).max(20_000),
    channel: ZChannel.optional(),
  })
  .refine((m) => m.direction !== 'outbound' || blanksLeft(m.body).length === 0, { path: ['body'], message: 'fill in the blanks marked 【…】 before sending' });

export const ZCreateTaskRequest = z.object({
  orgUnitId: ZId.describe('the department asked'),
  ownerId: ZId.nullable().optional(),
  title: z.string().trim().min(2).max(200),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  blocking: z.boolean().default(true),
});

export const ZCompleteTaskRequest = z.object({
  version: ZVersion,
  status: z.enum(['done', 'cancelled']),
  result: z.string().trim().min(1).max(5000),
});

export const ZCategory = z.object({
  id: ZId,
  parentId: ZId.nullable(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
});
export type TCategory = z.infer<typeof ZCategory>;

export const ZCreateCategoryRequest = z.object({
  parentId: ZId.nullable(),
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,47}$/, 'lower-case letters, digits and _'),
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(80),
  sort: z.number().int().min(0).max(10_000).default(0),
});

export const ZUpdateCategoryRequest = z.object({
  nameZh: z.string().trim().min(1).max(50).optional(),
  nameEn: z.string().trim().min(1).max(80).optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional().describe('inactive categories stay on old cases but cannot be chosen'),
});

export const ZTemplate = z.object({
  id: ZId,
  code: z.string(),
  kind: z.enum(TEMPLATE_KINDS),
  locale: z.enum(TEMPLATE_LOCALES),
  categoryId: ZId.nullable(),
  title: z.string(),
  body: z.string(),
  variables: z.array(z.string()),
  active: z.boolean(),
  version: ZVersion,
  updatedAt: z.iso.datetime(),
});
export type TTemplate = z.infer<typeof ZTemplate>;

export const ZCreateTemplateRequest = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,47}$/, 'lower-case letters, digits and _'),
  kind: z.enum(TEMPLATE_KINDS),
  locale: z.enum(TEMPLATE_LOCALES),
  categoryId: ZId.nullable().optional(),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(10).max(20_000),
});

export const ZUpdateTemplateRequest = z.object({
  version: ZVersion,
  title: z.string().trim().min(1).max(100).optional(),
  body: z.string().trim().min(10).max(20_000).optional(),
  categoryId: ZId.nullable().optional(),
  active: z.boolean().optional(),
});

export const ZTemplateListQuery = z.object({
  kind: z.enum(TEMPLATE_KINDS).optional(),
  locale: z.enum(TEMPLATE_LOCALES).optional(),
  categoryId: ZId.optional().describe('templates of this category and general ones'),
});

export const ZRenderTemplateRequest = z.object({
  caseId: ZId,
  decisionOutcome: z.enum(DECISION_OUTCOMES).optional().describe('the outcome of the decision being written (else the one recorded)'),
});
export const ZRenderedTemplate = z.object({ title: z.string(), body: z.string(), missing: z.array(z.string()).describe('variables the case could not fill') });
export type TRenderedTemplate = z.infer<typeof ZRenderedTemplate>;
