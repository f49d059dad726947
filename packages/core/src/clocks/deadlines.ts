import type { BusinessCalendar } from './calendar';
import { civilDate, type CivilDate } from './civil-date';
import type { ExclusionKind, TLimit, TRegulatoryRuleSet, TRegulatoryStep } from './rule-sets';
import { dayNumberAt, endOfDayNumber, type Instant, type TimeZone } from './time-zone';

// The regulatory clock (DESIGN.md §5). Counting, for China (民法典 Art. 201, 203; the rule's Art. 43):
// the day of receipt is not counted, so day 1 is the next calendar day; the deadline is the end
// (24:00) of day N in the institution's zone; a day N that is a rest day moves to the end of the
// next working day, and a swapped working day (调休上班) is a working day.
//
// Excluded periods (Art. 18 outside appraisal, Art. 23 mediation) are counted in whole days the
// same way as the limit itself: an exclusion from date S to date E leaves out the days after S
// up to and including E — E − S days, the start day not counted (Art. 201 applied to the
// excluded 期间). Art. 18 says the period 不计入 the limit, and the limit is a count of days, so
// the exclusion must be a count of days too; an exact duration would leave the deadline at an
// odd hour that no rule describes. Exclusions that overlap are counted once; one that starts
// after the deadline (shifted off a rest day) has passed changes nothing; one still open
// suspends the clock.
//
// A deadline in a year the calendar has no schedule for is provisional: the date is the
// unshifted day N (or the first unknown day a shift reaches), which is never later than the true
// deadline, because a shift only ever moves a deadline later. For business-day limits unknown
// days count as working days and never as excluded days, for the same reason.

/** A recorded period the rule lets the institution leave out of the limit. */
export interface RegulatoryExclusion {
  kind: ExclusionKind;
  start: Instant;
  /** null while the appraisal or mediation is still under way. */
  end: Instant | null;
  /** When the complainant was told; rules that require notice ignore the period without it. */
  noticeSentAt?: Instant | null;
}

/** What a regulatory deadline is computed from. */
export interface RegulatoryDeadlineInput {
  receivedAt: Instant;
  ruleSet: TRegulatoryRuleSet;
  /** Which of the rule set's steps; its primary step when left out. */
  step?: string;
  /** How many extension levels have been granted (China: 1 = complex, 2 = especially complex). */
  extensionsGranted?: number;
  exclusions?: readonly RegulatoryExclusion[];
  /** When the latest new facts and reasons arrived; restarts steps that say so. */
  newFactsAt?: Instant | null;
  calendar: BusinessCalendar;
  zone: TimeZone;
}

interface DeadlineBasics {
  step: string;
  /** The limit in force, extensions included. */
  limit: TLimit;
  /** The limit as counting days: calendar days for calendar_days and weeks, working days for business_days. */
  daysAllowed: number;
  /** The instant counting started from: receipt, or the latest new facts. */
  countFrom: Instant;
  /** Counting days left out for exclusions that have ended. */
  excludedDays: number;
  /** Exclusions not applied: a kind this rule set does not allow, or no notice where one is required. */
  exclusionsIgnored: number;
}

/** A regulatory deadline: running towards `dueAt`, or suspended by an exclusion still open. */
export type RegulatoryDeadline =
  | (DeadlineBasics & {
      state: 'running';
      /** The end (24:00) of `dueDate` in the institution's zone. */
      dueAt: Instant;
      dueDate: CivilDate;
      /** Day N before any rest-day shift. */
      unshiftedDate: CivilDate;
      /** True when the calendar lacks the schedule the date depends on: recompute when it arrives. */
      provisional: boolean;
    })
  | (DeadlineBasics & { state: 'suspended'; suspendedSince: Instant });

/** Finds a rule set's step by id, its primary step by default. */
export function regulatoryStep(ruleSet: TRegulatoryRuleSet, stepId: string = ruleSet.primaryStep): TRegulatoryStep {
  const step = ruleSet.steps.find((candidate) => candidate.id === stepId);
  if (!step) throw new RangeError(`rule set ${ruleSet.id} has no step ${JSON.stringify(stepId)}`);
  return step;
}

/** The regulatory deadline of a case, counted as its rule set says. */
export function regulatoryDeadline(input: RegulatoryDeadlineInput): RegulatoryDeadline {
  const { ruleSet, calendar, zone } = input;
  const step = regulatoryStep(ruleSet, input.step);
  const limit = limitInForce(step, input.extensionsGranted ?? 0);
  const countFrom =
    step.restartsOnNewFacts && input.newFactsAt != null && input.newFactsAt > input.receivedAt ? input.newFactsAt : input.receivedAt;
  if (!Number.isFinite(countFrom)) throw new RangeError('receivedAt must be an instant (epoch milliseconds)');
  const businessDays = limit.unit === 'business_days';
  const daysAllowed = limit.unit === 'weeks' ? limit.count * 7 : limit.count;
  // Day 0: the last day not counted. Day N is then `daysAllowed` counting days after it.
  const dayZero = dayNumberAt(countFrom, zone) - (ruleSet.counting.receiptDayCounted ? 1 : 0);
  const counting = { calendar, businessDays, provisional: false };
  const shift = ruleSet.counting.restDayShift === 'next_working_day';

  let lastDay: number;
  let excludedDays = 0;
  let exclusionsIgnored = 0;
  if (!input.exclusions?.length) {
    lastDay = advanceCountingDays(counting, dayZero, daysAllowed); // the common case: nothing to allocate
  } else {
    const { applicable, ignored } = applicableExclusions(input, step, countFrom);
    const counted = countWithExclusions(counting, applicable, dayZero, daysAllowed, shift, zone);
    ({ lastDay, excludedDays } = counted);
    exclusionsIgnored = ignored;
    if (counted.suspendedSince !== null) {
      return { state: 'suspended', step: step.id, limit, daysAllowed, countFrom, excludedDays, exclusionsIgnored, suspendedSince: counted.suspendedSince };
    }
  }

  const dueDay = shift ? shiftOffRestDay(counting, lastDay) : lastDay;
  const dueDate = civilDate(dueDay);
  return {
    state: 'running',
    step: step.id,
    limit,
    daysAllowed,
    countFrom,
    excludedDays,
    exclusionsIgnored,
    dueAt: endOfDayNumber(dueDay, zone),
    dueDate,
    unshiftedDate: dueDay === lastDay ? dueDate : civilDate(lastDay),
    provisional: counting.provisional,
  };
}

/** The limit once `granted` extension levels are in force. */
function limitInForce(step: TRegulatoryStep, granted: number): TLimit {
  if (!Number.isInteger(granted) || granted < 0 || granted > step.extensions.length) {
    throw new RangeError(`step ${step.id} has ${step.extensions.length} extension level(s); ${granted} granted`);
  }
  return granted === 0 ? step.limit : step.extensions[granted - 1]!.limit;
}

interface Counting {
  calendar: BusinessCalendar;
  businessDays: boolean;
  /** Set once an answer depended on a day whose year has no schedule. */
  provisional: boolean;
}

interface ApplicableExclusion {
  start: Instant;
  end: Instant | null;
}

/** The exclusions this step honours, clipped to the counting start and in order; `ignored` counts the rest. */
function applicableExclusions(input: RegulatoryDeadlineInput, step: TRegulatoryStep, countFrom: Instant): { applicable: ApplicableExclusion[]; ignored: number } {
  const applicable: ApplicableExclusion[] = [];
  let ignored = 0;
  for (const exclusion of input.exclusions ?? []) {
    if (exclusion.end !== null && exclusion.end < exclusion.start) throw new RangeError('an exclusion cannot end before it starts');
    const rule = input.ruleSet.exclusions.find((candidate) => candidate.kind === exclusion.kind);
    if (!step.exclusionsApply || !rule || (rule.requiresNotice && exclusion.noticeSentAt == null)) ignored++;
    else if (exclusion.end === null || exclusion.end > countFrom) applicable.push({ start: Math.max(exclusion.start, countFrom), end: exclusion.end });
  }
  return { applicable: applicable.sort((a, b) => a.start - b.start), ignored };
}

/** Day N after adding the excluded days, or the instant an exclusion still open suspended the clock. */
function countWithExclusions(
  counting: Counting,
  exclusions: readonly ApplicableExclusion[],
  dayZero: number,
  daysAllowed: number,
  shift: boolean,
  zone: TimeZone,
): { lastDay: number; excludedDays: number; suspendedSince: Instant | null } {
  let lastDay = advanceCountingDays(counting, dayZero, daysAllowed);
  let excludedDays = 0;
  let excludedUpTo = dayZero; // days up to here are already excluded, or not counted at all
  for (const exclusion of exclusions) {
    const startDay = dayNumberAt(exclusion.start, zone);
    // One that began after the deadline (rest-day shift included) had passed changes nothing.
    if (startDay > (shift ? shiftOffRestDay(counting, lastDay) : lastDay)) break;
    if (exclusion.end === null) return { lastDay, excludedDays, suspendedSince: exclusion.start };
    const endDay = dayNumberAt(exclusion.end, zone);
    excludedDays += countCountingDays(counting, Math.max(startDay, excludedUpTo), endDay);
    excludedUpTo = Math.max(excludedUpTo, endDay);
    lastDay = advanceCountingDays(counting, dayZero, daysAllowed + excludedDays);
  }
  return { lastDay, excludedDays, suspendedSince: null };
}

/** The day that is `count` counting days after `day`. */
function advanceCountingDays(counting: Counting, day: number, count: number): number {
  if (!counting.businessDays) return day + count;
  let current = day;
  for (let counted = 0; counted < count; ) {
    current++;
    if (!counting.calendar.isKnownDayNumber(current)) {
      counting.provisional = true;
      counted++; // an unknown day counts as working: the deadline can only come out early
    } else if (counting.calendar.isWorkingDayNumber(current)) counted++;
  }
  return current;
}

/** Counting days after `fromDay` up to and including `toDay`. */
function countCountingDays(counting: Counting, fromDay: number, toDay: number): number {
  if (toDay <= fromDay) return 0;
  if (!counting.businessDays) return toDay - fromDay;
  let counted = 0;
  for (let day = fromDay + 1; day <= toDay; day++) {
    if (!counting.calendar.isKnownDayNumber(day)) counting.provisional = true; // never excluded: see above
    else if (counting.calendar.isWorkingDayNumber(day)) counted++;
  }
  return counted;
}

/** `day` if it is a working day, else the next one; stops early (provisional) at a day without a schedule. */
function shiftOffRestDay(counting: Counting, day: number): number {
  for (let current = day; current < day + 366; current++) {
    if (!counting.calendar.isKnownDayNumber(current)) {
      counting.provisional = true;
      return current;
    }
    if (counting.calendar.isWorkingDayNumber(current)) return current;
  }
  throw new RangeError(`no working day within a year of ${civilDate(day)}: the calendar data is wrong`);
}

/** What the review (核查) clocks need: the rule set, calendar and zone. */
export interface ReviewClockContext {
  ruleSet: TRegulatoryRuleSet;
  calendar: BusinessCalendar;
  zone: TimeZone;
}

function reviewSteps(ruleSet: TRegulatoryRuleSet): NonNullable<TRegulatoryRuleSet['review']> {
  if (!ruleSet.review) throw new RangeError(`rule set ${ruleSet.id} has no review clock`);
  return ruleSet.review;
}

/**
 * The days the rule set gives a complainant to ask for a review (核查) of a decision, as a
 * decision letter states them; null when it has no review procedure (then a letter says nothing
 * of one). A window in weeks is 7 days a week; one in business days gives its count.
 */
export function reviewWindowDays(ruleSet: TRegulatoryRuleSet): number | null {
  if (!ruleSet.review) return null;
  const limit = ruleSet.steps.find((s) => s.id === ruleSet.review!.requestStep)?.limit;
  if (!limit) return null;
  return limit.unit === 'weeks' ? limit.count * 7 : limit.count;
}

/** Until when the complainant may ask for a review (核查), counted from receiving the decision (Art. 20). */
export function reviewWindow(decisionReceivedAt: Instant, context: ReviewClockContext): RegulatoryDeadline {
  return regulatoryDeadline({ ...context, receivedAt: decisionReceivedAt, step: reviewSteps(context.ruleSet).requestStep });
}

/** By when the reviewing institution must decide, counted from receiving the request (Art. 20). */
export function reviewDeadline(requestReceivedAt: Instant, context: ReviewClockContext): RegulatoryDeadline {
  return regulatoryDeadline({ ...context, receivedAt: requestReceivedAt, step: reviewSteps(context.ruleSet).decisionStep });
}

/** Where a regulatory clock stands at `now`: the share of its window used, warnings reached, breach. */
export interface RegulatoryClockStatus {
  status: 'running' | 'warning' | 'breached' | 'suspended';
  /** Calendar time from `countFrom` to `now` over the whole window to `dueAt`. */
  fractionUsed: number;
  /** Warning fractions reached, plus one when breached. */
  level: number;
  /** When the level next changes; null once breached or while suspended. */
  nextChangeAt: Instant | null;
}

/** The status at `now` of a regulatory deadline, warning at the given fractions of its window. */
export function regulatoryClockStatus(deadline: RegulatoryDeadline, now: Instant, warningFractions: readonly number[] = [0.5, 0.75, 0.9]): RegulatoryClockStatus {
  if (deadline.state === 'suspended') return { status: 'suspended', fractionUsed: Number.NaN, level: 0, nextChangeAt: null };
  const window = deadline.dueAt - deadline.countFrom;
  const fractionUsed = Math.max(0, now - deadline.countFrom) / window;
  const breached = now >= deadline.dueAt;
  const reached = warningFractions.filter((fraction) => fractionUsed >= fraction).length;
  const next = breached ? null : (warningFractions.find((fraction) => fraction > fractionUsed) ?? 1);
  return {
    status: breached ? 'breached' : reached > 0 ? 'warning' : 'running',
    fractionUsed,
    level: reached + (breached ? 1 : 0),
    nextChangeAt: next === null ? null : next === 1 ? deadline.dueAt : deadline.countFrom + Math.ceil(next * window),
  };
}
