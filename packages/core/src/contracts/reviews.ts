import { z } from 'zod';
import { ZId, ZVersion } from './common';
import { ZClockStatus } from './sla';

export const REVIEW_OUTCOMES = ['upheld', 'changed'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** A review (核查) request as staff record it: the case version they saw, when it arrived and why. */
export const ZRequestReviewRequest = z.object({
  version: ZVersion,
  receivedAt: z.iso.datetime({ offset: true }).optional().describe('when the institution received the request; now when left out'),
  reason: z.string().trim().min(1).max(2000).describe('what the complainant disputes'),
});
export type TRequestReviewRequest = z.infer<typeof ZRequestReviewRequest>;

/** The reviewing unit's decision, with the version of the review it saw. */
export const ZDecideReviewRequest = z.object({
  version: ZVersion,
  outcome: z.enum(REVIEW_OUTCOMES).describe('upheld: the decision stands; changed: the reviewer changed it'),
  note: z.string().trim().min(1).max(5000),
});
export type TDecideReviewRequest = z.infer<typeof ZDecideReviewRequest>;

/** A clock of the review process at a glance: the 50/75/90 % warnings and the breach, as the other clocks. */
export const ZReviewClock = z.object({
  status: ZClockStatus,
  /** The last level reached: warning_50 … breach; null before the first warning. */
  level: z.string().nullable(),
  startedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  provisional: z.boolean().describe('the calendar lacks the schedule of the due year: recomputed when it is imported'),
});
export type TReviewClock = z.infer<typeof ZReviewClock>;

export const ZCaseReview = z.object({
  id: ZId,
  seq: z.number().int(),
  requestedAt: z.iso.datetime(),
  reason: z.string(),
  recordedBy: ZId.nullable(),
  decidingUnitId: ZId,
  reviewingUnitId: ZId,
  status: z.enum(['open', 'decided']),
  outcome: z.enum(REVIEW_OUTCOMES).nullable(),
  decidedBy: ZId.nullable(),
  decidedAt: z.iso.datetime().nullable(),
  note: z.string().nullable(),
  clock: ZReviewClock,
  /** Whether the caller works in the reviewing unit (or above it) and may decide. */
  canDecide: z.boolean(),
  version: ZVersion,
});
export type TCaseReview = z.infer<typeof ZCaseReview>;

/** A case's review window and reviews, for the case page. */
export const ZCaseReviews = z.object({
  /** The complainant's window to ask for a review; null until the decision's receipt is recorded. */
  window: ZReviewClock.extend({ open: z.boolean().describe('the window has not closed yet (a request also needs the case answered, resolved or closed)') }).nullable(),
  reviews: z.array(ZCaseReview),
});
export type TCaseReviews = z.infer<typeof ZCaseReviews>;

export const ZReviewParams = z.object({ id: ZId, reviewId: ZId });
