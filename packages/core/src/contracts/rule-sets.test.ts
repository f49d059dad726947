import { describe, expect, it } from 'vitest';
import { CHINA_NFRA_2020, DEFAULT_RULE_SET_ID, SHIPPED_RULE_SETS, shippedRuleSet, UK_FCA_DISP, US_CFPB } from '../clocks/rule-sets';
import { ruleSetView, shippedRuleSetViews, ZRegulatoryRuleSetList } from './rule-sets';

describe('shipped rule sets by id', () => {
  it.each([
    ['cn_nfra_2020', CHINA_NFRA_2020],
    ['uk_fca_disp', UK_FCA_DISP],
    ['us_cfpb', US_CFPB],
    ['xx_nowhere', undefined],
    // Names on every object's prototype are not rule sets.
    ['toString', undefined],
    ['__proto__', undefined],
    ['', undefined],
  ])('%j → %s', (id, expected) => {
    expect(shippedRuleSet(id)).toBe(expected);
  });

  it('defaults to the China set', () => {
    expect(DEFAULT_RULE_SET_ID).toBe('cn_nfra_2020');
    expect(shippedRuleSet(DEFAULT_RULE_SET_ID)).toBe(CHINA_NFRA_2020);
  });
});

describe('the rule sets as the API shows them', () => {
  it('lists every shipped set, the default first, and satisfies the contract', () => {
    const views = shippedRuleSetViews();
    expect(views.map((v) => v.id)).toEqual([DEFAULT_RULE_SET_ID, ...Object.keys(SHIPPED_RULE_SETS).filter((id) => id !== DEFAULT_RULE_SET_ID)]);
    expect(ZRegulatoryRuleSetList.parse({ ruleSets: views }).ruleSets).toEqual(views);
  });

  it.each([
    [CHINA_NFRA_2020, 'next_working_day', 'decision', [15, 30, 60], ['outside_appraisal', 'mediation'], true],
    [UK_FCA_DISP, 'none', 'final_response', [8], [], false],
    [US_CFPB, 'none', 'response', [15], [], false],
  ] as const)('%#: shift, primary step, limits, exclusions, review', (ruleSet, shift, primary, limits, exclusions, review) => {
    const view = ruleSetView(ruleSet);
    expect(view.holidayShift).toBe(shift);
    expect(view.primaryStep).toBe(primary);
    const step = view.steps.find((s) => s.id === view.primaryStep)!;
    expect([step.limit.count, ...step.extensions.map((e) => e.limit.count)]).toEqual(limits);
    expect(view.exclusionsAllowed.map((x) => x.kind)).toEqual(exclusions);
    expect(view.review !== null).toBe(review);
  });
});
