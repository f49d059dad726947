import { z } from 'zod';
import { CASE_CLOCKS, ZEscalationStep } from '../clocks/escalation';
import { ZSlaRule, ZSlaTarget, ZWarningFractions } from '../clocks/sla-policy';
import { ZVersion } from './common';

/** An institution's SLA policy as the admin page shows and edits it. */
export const ZSlaPolicyView = z.object({
  code: z.string(),
  title: z.string(),
  rules: z.array(ZSlaRule),
  warningFractions: z.array(z.number()),
  escalation: z.array(ZEscalationStep),
  version: ZVersion,
  updatedAt: z.iso.datetime(),
});
export type TSlaPolicyView = z.infer<typeof ZSlaPolicyView>;

/** A whole policy, replaced at once, with the version the admin saw. */
export const ZUpdateSlaPolicyRequest = z.object({
  version: ZVersion,
  title: z.string().trim().min(1).max(200),
  rules: z.array(ZSlaRule).min(1).max(100),
  warningFractions: ZWarningFractions,
  escalation: z.array(ZEscalationStep).max(40),
});
export type TUpdateSlaPolicyRequest = z.infer<typeof ZUpdateSlaPolicyRequest>;

export const CLOCK_STATUSES = ['running', 'paused', 'warning', 'breached', 'met'] as const;
export const ZClockStatus = z.enum(CLOCK_STATUSES);

/** One clock of a case as the case page shows it. */
export const ZCaseClock = z.object({
  clock: z.enum(CASE_CLOCKS),
  run: z.number().int(),
  status: ZClockStatus,
  /** The last level reached: warning_50 … breach; null before the first warning. */
  level: z.string().nullable(),
  dueAt: z.iso.datetime().nullable(),
  rule: z.string().nullable(),
  target: ZSlaTarget.nullable(),
});
export type TCaseClock = z.infer<typeof ZCaseClock>;
