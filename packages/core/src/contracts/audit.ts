import { z } from 'zod';
import { ZId } from './common';

export const ZAuditEntry = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorId: ZId.nullable(),
  actorName: z.string().nullable().describe('the sign-in name recorded with the entry (or the system part that acted)'),
  actorDisplayName: z.string().nullable().describe('the actor’s name as colleagues know it, looked up when read; null for the system'),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectLabel: z.string().nullable().describe('what a person recognises the object by, looked up when read: a case’s number, a user’s, unit’s or team’s name; null when there is none'),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = z.object({
  actorId: ZId.optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  beforeSeq: z.coerce.number().int().min(1).optional().describe('cursor: entries older than this'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditPage = z.object({
  items: z.array(ZAuditEntry),
  nextBeforeSeq: z.number().int().nullable(),
});

export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  entriesChecked: z.number().int(),
  headSeq: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;
