import { describe, expect, it } from 'vitest';
import { majorityOf, panelOutcome, type PanelOpinion, type PanelReviewStatus } from './panel';

describe('the panel review concludes on a quorum of agreements; a disagreement returns it', () => {
  it.each<[string, number, (PanelOpinion | null)[], number | null, PanelReviewStatus]>([
    ['nobody has spoken', 3, [null, null, null], null, 'open'],
    ['one of three agreed: no majority yet', 3, ['agree', null, null], null, 'open'],
    ['two of three agreed: a majority', 3, ['agree', 'agree', null], null, 'agreed'],
    ['agreeing with changes counts as agreeing', 3, ['agree_with_changes', 'agree', null], null, 'agreed'],
    ['two of four is not a majority', 4, ['agree', 'agree', null, null], null, 'open'],
    ['three of four is', 4, ['agree', 'agree', 'agree', null], null, 'agreed'],
    ['one disagreement returns it', 3, ['agree', 'disagree', null], null, 'returned'],
    ['even after a majority had formed, a disagreement in the same round returns it', 3, ['agree', 'agree', 'disagree'], null, 'returned'],
    ['a quorum of one', 3, ['agree', null, null], 1, 'agreed'],
    ['a unanimous quorum', 3, ['agree', 'agree', null], 3, 'open'],
    ['a quorum above the panel size is the whole panel', 2, ['agree', 'agree'], 5, 'agreed'],
    ['a panel of one', 1, ['agree'], null, 'agreed'],
  ])('%s', (_name, members, opinions, quorum, expected) => {
    expect(panelOutcome(members, opinions, quorum)).toBe(expected);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
  ])('a majority of %i is %i', (n, m) => expect(majorityOf(n)).toBe(m));
});
