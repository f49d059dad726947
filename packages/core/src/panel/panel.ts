/** What a panel member says about the proposed decision. */
export const PANEL_OPINIONS = ['agree', 'disagree', 'agree_with_changes'] as const;
export type PanelOpinion = (typeof PANEL_OPINIONS)[number];

/** Where a panel review stands. */
export const PANEL_REVIEW_STATUSES = ['open', 'agreed', 'returned'] as const;
export type PanelReviewStatus = (typeof PANEL_REVIEW_STATUSES)[number];

/** The agreements a panel of `members` needs by default: a majority (more than half). */
export function majorityOf(members: number): number {
  return Math.floor(members / 2) + 1;
}

/**
 * Where a review stands after the opinions recorded so far. Agreeing with changes is agreeing
 * (the handler works the changes into the letter); a single disagreement returns the draft to
 * the handler at once, since the panel did not stand behind it. Agreement needs `quorum`
 * members (default a majority), never more than the panel has.
 */
export function panelOutcome(members: number, opinions: readonly (PanelOpinion | null)[], quorum: number | null = null): PanelReviewStatus {
  const needed = Math.min(Math.max(quorum ?? majorityOf(members), 1), members);
  if (opinions.includes('disagree')) return 'returned';
  const agreed = opinions.filter((o) => o === 'agree' || o === 'agree_with_changes').length;
  return agreed >= needed ? 'agreed' : 'open';
}
