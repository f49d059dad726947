import { z } from 'zod';
import { ZId, ZPageQuery, ZVersion } from './common';
import { ZRole } from './auth';

export const USER_STATUSES = ['active', 'disabled'] as const;
export const ZUserStatus = z.enum(USER_STATUSES);

export const ZUser = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable().describe('masked unless the caller may read staff personal data'),
  phone: z.string().nullable().describe('masked unless the caller may read staff personal data'),
  piiMasked: z.boolean(),
  roles: z.array(ZRole),
  orgUnitId: ZId,
  status: ZUserStatus,
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  version: ZVersion,
});
export type TUser = z.infer<typeof ZUser>;

const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, 'a letter, then 2 to 31 letters, digits, dots, _ or -');
const ZEmail = z.email().max(254);
const ZPhone = z.string().trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'digits, spaces or -, 6 to 20');

export const ZCreateUserRequest = z.object({
  username: ZUsername,
  displayName: z.string().trim().min(1).max(64),
  email: ZEmail.nullable().optional(),
  phone: ZPhone.nullable().optional(),
  roles: z.array(ZRole).min(1).max(10),
  orgUnitId: ZId,
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z.object({
  version: ZVersion,
  displayName: z.string().trim().min(1).max(64).optional(),
  email: ZEmail.nullable().optional(),
  phone: ZPhone.nullable().optional(),
  roles: z.array(ZRole).min(1).max(10).optional(),
  orgUnitId: ZId.optional(),
  status: ZUserStatus.optional(),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZUserListQuery = ZPageQuery.extend({
  q: z.string().trim().max(64).optional(),
  orgUnitId: ZId.optional().describe('this unit and its subtree'),
  role: ZRole.optional(),
  status: ZUserStatus.optional(),
});

/** A new account or a reset: the one-time password is shown once and must be changed. */
export const ZUserWithPassword = z.object({
  user: ZUser,
  oneTimePassword: z.string(),
});

/** A colleague as the staff directory shows them: no personal data, institution-wide. */
export const ZStaffMember = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  orgUnitId: ZId,
  roles: z.array(ZRole),
});
export type TStaffMember = z.infer<typeof ZStaffMember>;

export const ZStaffQuery = z.object({
  q: z.string().trim().max(64).optional(),
  role: ZRole.optional(),
  orgUnitId: ZId.optional().describe('staff of this unit and the units below it (a sub-task department)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
