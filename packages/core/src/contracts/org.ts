import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../org';
import { ZId, ZVersion } from './common';

export const ZOrgUnitKind = z.enum(ORG_UNIT_KINDS);

export const ZOrgUnit = z.object({
  id: ZId,
  parentId: ZId.nullable(),
  kind: ZOrgUnitKind,
  code: z.string(),
  name: z.string(),
  depth: z.number().int(),
  version: ZVersion,
});
export type TOrgUnit = z.infer<typeof ZOrgUnit>;

const ZOrgCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{2,32}$/, 'letters, digits, _ or -, 2 to 32 characters');
const ZOrgName = z.string().trim().min(2).max(64);

export const ZCreateOrgUnitRequest = z.object({
  parentId: ZId,
  kind: ZOrgUnitKind,
  code: ZOrgCode,
  name: ZOrgName,
});
export type TCreateOrgUnitRequest = z.infer<typeof ZCreateOrgUnitRequest>;

export const ZUpdateOrgUnitRequest = z.object({
  version: ZVersion,
  name: ZOrgName.optional(),
  code: ZOrgCode.optional(),
  parentId: ZId.optional().describe('moves the unit and its subtree under another unit'),
});
export type TUpdateOrgUnitRequest = z.infer<typeof ZUpdateOrgUnitRequest>;

export const ZOrgUnitList = z.object({ items: z.array(ZOrgUnit) });
