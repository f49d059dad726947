import { z } from 'zod';
import { ROLES } from '../roles';
import { PASSWORD_MAX_LENGTH } from '../password';
import { ZId } from './common';

export const ZRole = z.enum(ROLES);

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMe = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(ZRole),
  permissions: z.array(z.string()),
  institutionId: ZId,
  institutionName: z.string(),
  timeZone: z.string().describe('the institution’s IANA time zone: dates and deadlines are shown in it'),
  reviewWindowDays: z.number().int().nullable().describe('the days the institution’s regulatory rule set gives a complainant to ask for a review (核查) of a decision; null when it has no review'),
  orgUnitId: ZId,
  orgUnitName: z.string(),
  mustChangePassword: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZSessionInfo = z.object({
  id: ZId,
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;
