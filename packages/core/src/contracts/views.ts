import { z } from 'zod';
import { ZCaseListQuery } from './cases';
import { ZId, ZVersion } from './common';

/** The queue filters a view keeps: the case list's own query, without paging. */
export const ZSavedViewFilters = ZCaseListQuery.omit({ limit: true, offset: true });
export type TSavedViewFilters = z.infer<typeof ZSavedViewFilters>;

export const ZSavedView = z.object({
  id: ZId,
  name: z.string(),
  filters: ZSavedViewFilters,
  ownerId: ZId,
  ownerName: z.string(),
  /** The unit whose staff (and those below it) see the view. */
  sharedWithOrgUnitId: ZId.nullable(),
  /** The team whose members see the view; neither this nor a unit: private. */
  sharedWithTeamId: ZId.nullable(),
  mine: z.boolean(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type TSavedView = z.infer<typeof ZSavedView>;

const ZViewName = z.string().trim().min(1).max(60);

const oneAudience = { message: 'share with a unit or a team, not both', path: ['sharedWithTeamId'] };

export const ZCreateSavedViewRequest = z
  .object({
    name: ZViewName,
    filters: ZSavedViewFilters,
    sharedWithOrgUnitId: ZId.nullable().default(null).describe('a supervisor shares with a unit of their subtree'),
    sharedWithTeamId: ZId.nullable().default(null).describe('or with a team of their subtree; neither: private'),
  })
  .refine((b) => !(b.sharedWithOrgUnitId && b.sharedWithTeamId), oneAudience);
export type TCreateSavedViewRequest = z.infer<typeof ZCreateSavedViewRequest>;

export const ZUpdateSavedViewRequest = z
  .object({
    version: ZVersion,
    name: ZViewName.optional(),
    filters: ZSavedViewFilters.optional(),
    sharedWithOrgUnitId: ZId.nullable().optional().describe('with sharedWithTeamId: both are set together, the other one null'),
    sharedWithTeamId: ZId.nullable().optional(),
  })
  .refine((b) => !(b.sharedWithOrgUnitId && b.sharedWithTeamId), oneAudience);
export type TUpdateSavedViewRequest = z.infer<typeof ZUpdateSavedViewRequest>;
