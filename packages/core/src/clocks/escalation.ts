import { z } from 'zod';
import { slaState, type SlaClockDefinition, type SlaEvent, type SlaState } from './sla-clock';
import { DEFAULT_SLA_POLICY, DEFAULT_WARNING_FRACTIONS, SLA_METRICS, ZSlaPolicy, type SlaMetric, type TSlaPolicy } from './sla-policy';
import type { Instant } from './time-zone';

// A case runs up to four clocks: the three operational SLA metrics and the regulatory decision
// deadline. Each crosses levels — one per warning fraction, then the breach — and an admin's
// escalation chain says what happens at each: who is told, and to whom the case moves.

/** The clocks of a case: the SLA metrics and the regulatory deadline. */
export const CASE_CLOCKS = [...SLA_METRICS, 'regulatory'] as const;
export type CaseClock = (typeof CASE_CLOCKS)[number];

/** Who an escalation step reaches, up the line: handler → team lead → branch manager → head-office consumer protection. */
export const ESCALATION_TARGETS = ['handler', 'team_lead', 'branch_manager', 'consumer_protection'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

/** A level of a clock: `warning_50` for the warning at half the target, `breach` past it. */
export const ZClockLevel = z.string().regex(/^warning_[1-9]\d?$|^breach$/, 'expected warning_NN or breach');

/** One step of an escalation chain: on this level of these clocks, notify and/or reassign. */
export const ZEscalationStep = z
  .object({
    level: ZClockLevel,
    clocks: z.array(z.enum(CASE_CLOCKS)).min(1),
    notify: z.array(z.enum(ESCALATION_TARGETS)).max(ESCALATION_TARGETS.length),
    reassignTo: z.enum(ESCALATION_TARGETS).nullable(),
  })
  .refine((step) => step.notify.length > 0 || step.reassignTo !== null, 'a step must notify someone or reassign the case');
export type TEscalationStep = z.infer<typeof ZEscalationStep>;

/** An institution's SLA policy as stored: the rules, the warning fractions and the escalation chain. */
export const ZSlaPolicySettings = ZSlaPolicy.extend({ escalation: z.array(ZEscalationStep).max(40) }).superRefine((policy, ctx) => {
  const known = levelKeys(policy.warningFractions);
  policy.escalation.forEach((step, index) => {
    if (!known.includes(step.level)) {
      ctx.addIssue({ code: 'custom', path: ['escalation', index, 'level'], message: `no such level with these warning fractions (${known.join(', ')})` });
    }
  });
});
export type TSlaPolicySettings = z.infer<typeof ZSlaPolicySettings>;

/** The level key of a warning fraction: 0.75 → warning_75. */
export function warningLevel(fraction: number): string {
  return `warning_${Math.round(fraction * 100)}`;
}

/** The level keys in order for these fractions: each warning, then the breach. */
export function levelKeys(fractions: readonly number[]): string[] {
  return [...fractions.map(warningLevel), 'breach'];
}

/** The key of a numeric level (1 … fractions + 1) as slaState and regulatoryClockStatus count them. */
export function levelKey(fractions: readonly number[], level: number): string {
  const key = levelKeys(fractions)[level - 1];
  if (key === undefined) throw new RangeError(`no level ${level} with ${fractions.length} warning fractions`);
  return key;
}

/** The steps of a chain that fire when `clock` reaches `level`, in chain order. */
export function escalationSteps(chain: readonly TEscalationStep[], clock: CaseClock, level: string): TEscalationStep[] {
  return chain.filter((step) => step.level === level && step.clocks.includes(clock));
}

const WARNINGS = DEFAULT_WARNING_FRACTIONS.map(warningLevel);

/**
 * The default chain: the handler hears first, then the line up to head-office consumer
 * protection; a breached SLA moves the case to the team lead, a breached regulatory deadline
 * reaches head office.
 */
export const DEFAULT_ESCALATION: TEscalationStep[] = [
  { level: WARNINGS[0]!, clocks: [...CASE_CLOCKS], notify: ['handler'], reassignTo: null },
  { level: WARNINGS[1]!, clocks: [...CASE_CLOCKS], notify: ['handler', 'team_lead'], reassignTo: null },
  { level: WARNINGS[2]!, clocks: [...CASE_CLOCKS], notify: ['team_lead', 'branch_manager'], reassignTo: null },
  { level: 'breach', clocks: [...SLA_METRICS], notify: ['team_lead', 'branch_manager'], reassignTo: 'team_lead' },
  { level: 'breach', clocks: ['regulatory'], notify: ['branch_manager', 'consumer_protection'], reassignTo: null },
];

/** What a new institution starts with. */
export const DEFAULT_SLA_POLICY_SETTINGS: TSlaPolicySettings = ZSlaPolicySettings.parse({ ...DEFAULT_SLA_POLICY, escalation: DEFAULT_ESCALATION });

/** The policy part the matcher reads. */
export function policyOf(settings: TSlaPolicySettings): TSlaPolicy {
  return { id: settings.id, title: settings.title, rules: settings.rules, warningFractions: settings.warningFractions };
}

/** A case clock's state at an instant, the same shape for SLA and regulatory clocks. */
export interface CaseClockState {
  status: SlaState['status'];
  level: number;
  dueAt: Instant | null;
  /** When the level next changes if nothing else happens; null unless counting. */
  nextChangeAt: Instant | null;
}

/** An operational clock's state: slaState, narrowed. */
export function slaClockState(definition: SlaClockDefinition, events: readonly SlaEvent[], now: Instant): CaseClockState {
  const state = slaState(definition, events, now);
  return { status: state.status, level: state.level, dueAt: state.dueAt, nextChangeAt: state.nextChangeAt };
}

/**
 * The regulatory deadline's state: counted in calendar time from receipt to the stored due
 * instant, never paused; a decision sent (`stoppedAt`) stops it, met or late.
 */
export function regulatoryClockState(receivedAt: Instant, dueAt: Instant, stoppedAt: Instant | null, now: Instant, fractions: readonly number[]): CaseClockState {
  const window = Math.max(1, dueAt - receivedAt);
  const stopped = stoppedAt !== null && stoppedAt <= now;
  const at = stopped ? stoppedAt : now;
  const used = Math.max(0, at - receivedAt) / window;
  // A decision sent exactly at the deadline is in time; a clock still running at it is breached.
  const breached = stopped ? at > dueAt : at >= dueAt;
  const level = fractions.filter((fraction) => used >= fraction).length + (breached ? 1 : 0);
  if (stopped) return { status: breached ? 'breached' : 'met', level, dueAt, nextChangeAt: null };
  const next = breached ? null : (fractions.find((fraction) => fraction > used) ?? 1);
  return {
    status: breached ? 'breached' : level > 0 ? 'warning' : 'running',
    level,
    dueAt,
    nextChangeAt: next === null ? null : next === 1 ? dueAt : receivedAt + Math.ceil(next * window),
  };
}

/**
 * When a case next needs the worker: now if some clock has reached a level whose event is not
 * recorded yet, else the earliest next level change of any counting clock; null when none counts.
 */
export function nextClockEvent(clocks: readonly { state: CaseClockState; recordedLevel: number }[], now: Instant): Instant | null {
  let next: Instant | null = null;
  for (const { state, recordedLevel } of clocks) {
    const at = state.level > recordedLevel ? now : state.nextChangeAt;
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}

/**
 * When a clock reached `level`, for a worker that records it late (after a restart or an
 * outage): its state is walked from `from` (the clock's start) level change by level change;
 * `stateAt` must be the state at an instant, from the events up to it. `now` when the walk
 * cannot place it (the level came from a later change, such as a reclassification).
 */
export function levelReachedAt(stateAt: (at: Instant) => CaseClockState, from: Instant, level: number, now: Instant): Instant {
  let at = from;
  // Each step moves on to a level change; a clock has few levels, and pauses only delay them.
  for (let step = 0; step <= 16; step++) {
    const state = stateAt(at);
    if (state.level >= level) return at;
    if (state.nextChangeAt === null || state.nextChangeAt <= at || state.nextChangeAt > now) break;
    at = state.nextChangeAt;
  }
  return now;
}

const SEVERITY: Record<CaseClockState['status'], number> = { met: 0, paused: 1, running: 2, warning: 3, breached: 4 };

/** The badge of a set of SLA clocks: the worst status and the earliest due instant of those counting. */
export function slaSummary(states: readonly CaseClockState[]): { status: CaseClockState['status'] | null; dueAt: Instant | null } {
  let status: CaseClockState['status'] | null = null;
  let dueAt: Instant | null = null;
  for (const state of states) {
    if (status === null || SEVERITY[state.status] > SEVERITY[status]) status = state.status;
    if (state.status !== 'met' && state.status !== 'paused' && state.dueAt !== null && (dueAt === null || state.dueAt < dueAt)) dueAt = state.dueAt;
  }
  return { status, dueAt };
}

export type { SlaMetric };
