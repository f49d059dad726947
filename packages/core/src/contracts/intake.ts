import { z } from 'zod';
import type { Channel } from '../cases/vocabulary';
import { ZId } from './common';

/** Channels whose systems post feedback themselves: the app, WeChat, partners, the call centre, … */
export const INTEGRATION_CHANNELS = ['web', 'app', 'wechat', 'partner_platform', 'social_media', 'hotline', 'email'] as const satisfies readonly Channel[];

export const ZCreateIntegrationRequest = z.object({
  name: z.string().trim().min(2).max(64),
  channel: z.enum(INTEGRATION_CHANNELS),
  orgUnitId: ZId.describe('the unit that receives what this integration sends'),
});
export type TCreateIntegrationRequest = z.infer<typeof ZCreateIntegrationRequest>;

export const ZIntegration = z.object({
  id: ZId,
  name: z.string(),
  keyId: z.string().describe('sent in the x-loopdesk-key header'),
  channel: z.enum(INTEGRATION_CHANNELS),
  orgUnitId: ZId,
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type TIntegration = z.infer<typeof ZIntegration>;

export const ZIntegrationCreated = z.object({
  integration: ZIntegration,
  secret: z.string().describe('shown once: the HMAC-SHA256 key the integration signs with'),
});
