import { z } from 'zod';
import { CLASSIFIED_FIELDS, PREDICTION_SOURCES } from '../cases/classification';
import { BUSINESS_LINES, JR_CAUSES } from '../cases/vocabulary';
import { ZId, ZVersion } from './common';

export const ZClassifiedField = z.enum(CLASSIFIED_FIELDS);

export const ZFieldPrediction = z.object({
  label: z.string(),
  confidence: z.number().min(0).max(1),
  source: z.enum(PREDICTION_SOURCES),
  modelVersion: z.string().nullable(),
  terms: z.array(z.string()),
  applied: z.boolean(),
  at: z.iso.datetime(),
});

export const ZClassification = z.partialRecord(ZClassifiedField, ZFieldPrediction);

/** A staff member sets (or corrects) a case's classification; each change is recorded. */
export const ZClassifyRequest = z
  .object({
    version: ZVersion,
    kind: z.enum(['complaint', 'suggestion', 'inquiry', 'praise']).optional(),
    categoryId: ZId.nullable().optional(),
    businessLine: z.enum(BUSINESS_LINES).nullable().optional(),
    jrCause: z.enum(JR_CAUSES).nullable().optional(),
    reason: z.string().trim().max(500).nullable().optional(),
  })
  .describe('fields left out keep their value; a field given with its current value confirms the prediction');
export type TClassifyRequest = z.infer<typeof ZClassifyRequest>;

export const ZTriageSettings = z.object({
  reviewThreshold: z.number().int().min(0).max(100).describe('percent: a prediction below it waits for a person'),
  retrainDelaySeconds: z.number().int().min(1).max(86_400),
  version: ZVersion,
});
export type TTriageSettings = z.infer<typeof ZTriageSettings>;
export const ZUpdateTriageSettings = ZTriageSettings.partial({ reviewThreshold: true, retrainDelaySeconds: true });

export const ZKeywordRule = z.object({
  id: ZId,
  field: ZClassifiedField,
  label: z.string(),
  keywords: z.array(z.string()),
  excludes: z.array(z.string()),
  weight: z.number().int(),
  active: z.boolean(),
  version: ZVersion,
});
export type TKeywordRule = z.infer<typeof ZKeywordRule>;

const ZWords = z.array(z.string().trim().min(1).max(40)).max(200);
export const ZCreateKeywordRule = z.object({
  field: ZClassifiedField,
  label: z.string().trim().min(1).max(64),
  keywords: ZWords.min(1),
  excludes: ZWords.default([]),
  weight: z.number().int().min(1).max(10).default(1),
});
export const ZUpdateKeywordRule = z.object({
  version: ZVersion,
  keywords: ZWords.min(1).optional(),
  excludes: ZWords.optional(),
  weight: z.number().int().min(1).max(10).optional(),
  active: z.boolean().optional(),
});

export const ZFieldEvaluation = z.object({
  examples: z.number().int(),
  heldOut: z.number().int(),
  labels: z.array(z.string()),
  accuracy: z.number().nullable(),
  macroF1: z.number().nullable(),
});

export const ZTriageModel = z.object({
  id: ZId,
  version: z.number().int(),
  active: z.boolean(),
  fields: z.array(ZClassifiedField),
  evaluation: z.partialRecord(ZClassifiedField, ZFieldEvaluation),
  trainedOn: z.number().int(),
  reason: z.string(),
  createdBy: ZId.nullable(),
  createdAt: z.iso.datetime(),
  activatedAt: z.iso.datetime().nullable(),
});
export type TTriageModel = z.infer<typeof ZTriageModel>;

export const ZRetrainAck = z.object({ queued: z.boolean() });

export const ZCorrection = z.object({
  id: ZId,
  caseId: ZId,
  field: ZClassifiedField,
  before: z.string().nullable(),
  after: z.string().nullable(),
  predicted: ZFieldPrediction.nullable(),
  userId: ZId,
  createdAt: z.iso.datetime(),
});

export const ZMergeSuggestion = z.object({
  caseId: ZId,
  number: z.string(),
  title: z.string(),
  status: z.string(),
  score: z.number().min(0).max(1),
  sameCustomer: z.boolean(),
  receivedAt: z.iso.datetime(),
});

export const ZHotTopic = z.object({
  count: z.number().int(),
  customers: z.number().int(),
  last7Days: z.number().int(),
  before: z.number().int(),
  trend: z.enum(['rising', 'steady', 'falling', 'new']),
  representative: z.object({ caseId: ZId, number: z.string(), title: z.string() }),
  caseIds: z.array(ZId),
});
export type THotTopic = z.infer<typeof ZHotTopic>;
