import { z } from 'zod';
import { CASE_KINDS, CHANNELS, OFFLINE_CHANNELS, PRIORITIES, type CaseKind, type Channel, type Priority } from '../cases/vocabulary';

// Operational SLA policies are data an admin edits: an ordered list of rules, each matching
// cases by kind × priority × channel and setting targets for some metrics. The first rule that
// matches and sets a metric wins — the admin orders them, as in a firewall, so the most
// specific promise goes first.

/** The operational clocks a case can run. */
export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** A target: minutes of calendar or business time, or the close of the Nth working day (0 = the same working day). */
export const ZSlaTarget = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('calendar_minutes'), amount: z.number().int().min(1).max(525_600) }),
  z.object({ unit: z.literal('business_minutes'), amount: z.number().int().min(1).max(525_600) }),
  z.object({ unit: z.literal('close_of_working_day'), amount: z.number().int().min(0).max(250) }),
]);
export type TSlaTarget = z.infer<typeof ZSlaTarget>;

/** One rule of a policy; a match field left out matches everything. */
export const ZSlaRule = z.object({
  name: z.string().min(1).max(200),
  match: z.object({
    kinds: z.array(z.enum(CASE_KINDS)).min(1).optional(),
    priorities: z.array(z.enum(PRIORITIES)).min(1).optional(),
    channels: z.array(z.enum(CHANNELS)).min(1).optional(),
  }),
  targets: z.object({
    first_response: ZSlaTarget.optional(),
    next_response: ZSlaTarget.optional(),
    resolution: ZSlaTarget.optional(),
  }),
});
export type TSlaRule = z.infer<typeof ZSlaRule>;

/** Fractions of a target at which a clock warns, ascending, each between 0 and 1. */
export const ZWarningFractions = z
  .array(z.number().gt(0).lt(1))
  .max(5)
  .refine((fractions) => fractions.every((fraction, i) => i === 0 || fraction > fractions[i - 1]!), 'warning fractions must ascend');

/** An SLA policy: ordered rules and the warning fractions its clocks use. */
export const ZSlaPolicy = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  rules: z.array(ZSlaRule).min(1),
  warningFractions: ZWarningFractions,
});
export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;

/** Warnings at half, three quarters and nine tenths of a target. */
export const DEFAULT_WARNING_FRACTIONS: readonly number[] = [0.5, 0.75, 0.9];

const ONLINE_CHANNELS = CHANNELS.filter((channel) => !OFFLINE_CHANNELS.includes(channel));
const HOUR = 60;

/**
 * The seed documents' targets (DESIGN.md §5): online channels answered within 24 hours,
 * offline ones the same working day, complaints acknowledged within 48 hours, complex problems
 * solved within a week. Rules may also match priorities; the seed documents set none. The rule
 * names are the institution's data, shown as they are: written in Chinese, as a new
 * institution's staff read them (an admin renames them on the SLA policy page).
 */
export const DEFAULT_SLA_POLICY: TSlaPolicy = ZSlaPolicy.parse({
  id: 'default',
  title: 'LoopDesk 默认服务时限',
  rules: [
    // First: the complaint-specific promise (登记回执) wins over the channel rules below.
    {
      name: '投诉 48 小时内确认受理',
      match: { kinds: ['complaint'] },
      targets: { first_response: { unit: 'calendar_minutes', amount: 48 * HOUR } },
    },
    {
      name: '线上渠道 24 小时内响应',
      match: { channels: ONLINE_CHANNELS },
      targets: { first_response: { unit: 'calendar_minutes', amount: 24 * HOUR }, next_response: { unit: 'calendar_minutes', amount: 24 * HOUR } },
    },
    {
      name: '线下渠道当日工作时间内响应',
      match: { channels: [...OFFLINE_CHANNELS] },
      targets: { first_response: { unit: 'close_of_working_day', amount: 0 }, next_response: { unit: 'close_of_working_day', amount: 0 } },
    },
    {
      name: '问题一周内解决',
      match: {},
      targets: {
        resolution: { unit: 'calendar_minutes', amount: 7 * 24 * HOUR },
      },
    },
  ],
  warningFractions: [...DEFAULT_WARNING_FRACTIONS],
});

/** What a policy matches a case on. */
export interface SlaSubject {
  kind: CaseKind;
  priority: Priority;
  channel: Channel;
}

/** The target a policy sets for one metric of a case, and the rule that set it; null when no rule does. */
export function slaTargetFor(policy: TSlaPolicy, subject: SlaSubject, metric: SlaMetric): { target: TSlaTarget; rule: string } | null {
  for (const rule of policy.rules) {
    const target = rule.targets[metric];
    if (target && ruleMatches(rule, subject)) return { target, rule: rule.name };
  }
  return null;
}

function ruleMatches({ match }: TSlaRule, subject: SlaSubject): boolean {
  return (
    (match.kinds === undefined || match.kinds.includes(subject.kind)) &&
    (match.priorities === undefined || match.priorities.includes(subject.priority)) &&
    (match.channels === undefined || match.channels.includes(subject.channel))
  );
}
