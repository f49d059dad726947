import { z } from 'zod';
import { ZId } from './common';

/** Objects a single-object grant can point at; later features add theirs (case, task, …). */
export const GRANT_OBJECT_TYPES = ['org_unit', 'case'] as const;
/** Why a grant exists: the mechanisms DESIGN.md §3 lists. */
export const GRANT_PURPOSES = [
  'subtask_owner',
  'expert_panel',
  'escalation_target',
  'reviewing_institution',
  'other',
] as const;

export const ZGrant = z.object({
  id: ZId,
  userId: ZId,
  objectType: z.enum(GRANT_OBJECT_TYPES),
  objectId: ZId,
  purpose: z.enum(GRANT_PURPOSES),
  reason: z.string(),
  grantedBy: ZId,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type TGrant = z.infer<typeof ZGrant>;

export const ZCreateGrantRequest = z.object({
  userId: ZId,
  objectType: z.enum(GRANT_OBJECT_TYPES),
  objectId: ZId,
  purpose: z.enum(GRANT_PURPOSES),
  reason: z.string().trim().min(2).max(500),
  expiresAt: z.iso.datetime().nullable().optional(),
});
export type TCreateGrantRequest = z.infer<typeof ZCreateGrantRequest>;

export const ZGrantListQuery = z.object({
  userId: ZId.optional(),
  objectType: z.enum(GRANT_OBJECT_TYPES).optional(),
  objectId: ZId.optional(),
  includeRevoked: z.stringbool().default(false),
});
