import { MS_PER_MINUTE } from './civil-date';
import { DEFAULT_WARNING_FRACTIONS, type TSlaTarget } from './sla-policy';
import type { Instant } from './time-zone';
import { CALENDAR_TIME, type TimeMeasure, type WorkSchedule } from './working-hours';

// An operational SLA clock is a target plus an append-only history of start / pause / resume /
// stop events. Its state at any instant is a pure function of the two, so the worker, the
// console badge and a replay after a restart all agree. Pauses (awaiting the customer or a
// third party) stop the count; they never shorten what is left.

/** Events of an SLA clock's history. */
export const SLA_EVENT_TYPES = ['start', 'pause', 'resume', 'stop'] as const;
export type SlaEventType = (typeof SLA_EVENT_TYPES)[number];

/** One event of an SLA clock's history. */
export interface SlaEvent {
  type: SlaEventType;
  at: Instant;
}

/** What an SLA clock measures against. */
export interface SlaClockDefinition {
  target: TSlaTarget;
  /** The org unit's schedule: needed for business-time and close-of-working-day targets. */
  schedule?: WorkSchedule;
  warningFractions?: readonly number[];
}

/** running → warning → breached while it counts; paused while waiting; met or breached once stopped. */
export type SlaStatus = 'running' | 'paused' | 'warning' | 'breached' | 'met';

/** An SLA clock's state at one instant. */
export interface SlaState {
  status: SlaStatus;
  /** Time counted over the target: 0 at the start, 1 at the due instant. */
  fractionUsed: number;
  /** Warning fractions reached, plus one when breached: 0 … warningFractions.length + 1. */
  level: number;
  /** When the target is (or was) reached; null while paused or when met, because no due instant exists then. */
  dueAt: Instant | null;
  /** When the level next changes if nothing else happens — what a worker schedules; null unless counting. */
  nextChangeAt: Instant | null;
  startedAt: Instant;
  targetMinutes: number;
  usedMinutes: number;
}

/**
 * The state at `now` of an SLA clock with this history. Events after `now` are not yet known;
 * redundant ones (pause while paused, resume while counting) and all after a stop are ignored.
 * A running clock is breached from its due instant on; a stop exactly at it is still met.
 * Asked about an instant before it started, it answers as at its start.
 */
export function slaState(definition: SlaClockDefinition, events: readonly SlaEvent[], asked: Instant): SlaState {
  const first = events.find((event) => event.type === 'start');
  if (!first) throw new RangeError('the SLA clock has no start');
  // Asked before its start (a server whose clock lags the one that started it): as at its start.
  const now = Math.max(asked, first.at);
  const start = events.find((event) => event.type === 'start' && event.at <= now)!;
  const measure = measureOf(definition);
  const budget = targetBudget(definition, measure, start.at);
  const fractions = definition.warningFractions ?? DEFAULT_WARNING_FRACTIONS;

  // Fold the history into counting segments: [from, until), the last one open while counting.
  const segments: { from: Instant; until: Instant | null }[] = [{ from: start.at, until: null }];
  let stoppedAt: Instant | null = null;
  let cursor = start.at;
  for (const event of events) {
    if (event === start || event.at > now || stoppedAt !== null) continue;
    const at = Math.max(event.at, cursor); // an out-of-order event cannot reach back before the last one
    const open = segments[segments.length - 1]!.until === null;
    if ((event.type === 'pause' || event.type === 'stop') && open) segments[segments.length - 1]!.until = at;
    else if (event.type === 'resume' && !open) segments.push({ from: at, until: null });
    if (event.type === 'stop') stoppedAt = at;
    cursor = at;
  }

  let used = 0;
  let dueAt: Instant | null = null;
  for (const segment of segments) {
    const length = measure.between(segment.from, segment.until ?? now);
    if (dueAt === null && (used + length >= budget || segment.until === null)) {
      const projected = measure.advance(segment.from, budget - used);
      if (projected <= (segment.until ?? Number.POSITIVE_INFINITY)) dueAt = projected;
    }
    used += length;
  }
  const counting = stoppedAt === null && segments[segments.length - 1]!.until === null;
  const fractionUsed = used / budget;
  const breached = stoppedAt === null ? fractionUsed >= 1 : fractionUsed > 1;
  const warningsReached = fractions.filter((fraction) => fractionUsed >= fraction).length;

  let nextChangeAt: Instant | null = null;
  if (counting && !breached) {
    const next = fractions.find((fraction) => fraction > fractionUsed) ?? 1;
    const openSegment = segments[segments.length - 1]!;
    nextChangeAt = measure.advance(openSegment.from, next * budget - (used - measure.between(openSegment.from, now)));
  }

  let status: SlaStatus;
  if (breached) status = 'breached';
  else if (stoppedAt !== null) status = 'met';
  else if (!counting) status = 'paused';
  else status = warningsReached > 0 ? 'warning' : 'running';
  return {
    status,
    fractionUsed,
    level: warningsReached + (breached ? 1 : 0),
    dueAt: breached || counting ? dueAt : null,
    nextChangeAt,
    startedAt: start.at,
    targetMinutes: budget / MS_PER_MINUTE,
    usedMinutes: used / MS_PER_MINUTE,
  };
}

function measureOf(definition: SlaClockDefinition): TimeMeasure {
  if (definition.target.unit === 'calendar_minutes') return CALENDAR_TIME;
  if (!definition.schedule) throw new RangeError(`an SLA target in ${definition.target.unit} needs the org unit's work schedule`);
  return definition.schedule;
}

/** The target in milliseconds of the clock's measure, fixed when the clock starts. */
function targetBudget(definition: SlaClockDefinition, measure: TimeMeasure, startedAt: Instant): number {
  const { target, schedule } = definition;
  if (target.unit !== 'close_of_working_day') return target.amount * MS_PER_MINUTE;
  // "By close of the Nth working day" becomes the business time left until then, so a pause
  // moves the due instant on by the working hours it took.
  return schedule!.between(startedAt, schedule!.closeOfWorkingDay(startedAt, target.amount));
}

/** The first instant at which a clock's target is due, for a clock that has only just started. */
export function slaDueAt(definition: SlaClockDefinition, startedAt: Instant): Instant {
  const measure = measureOf(definition);
  return measure.advance(startedAt, targetBudget(definition, measure, startedAt));
}
