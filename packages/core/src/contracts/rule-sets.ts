import { z } from 'zod';
import { APPROVAL_LEVELS, EXCLUSION_KINDS, SHIPPED_RULE_SETS, ZLimit, type TRegulatoryRuleSet } from '../clocks/rule-sets';

// The regulatory rule sets an institution can run its clocks on, and its choice.

export const ZRuleSetExtensionView = z.object({
  id: z.string(),
  title: z.string(),
  limit: ZLimit.describe('the total allowed once granted, not the days added'),
  approval: z.enum(APPROVAL_LEVELS),
  notifyComplainant: z.boolean(),
  basis: z.string(),
});

export const ZRuleSetStepView = z.object({
  id: z.string(),
  title: z.string(),
  limit: ZLimit,
  extensions: z.array(ZRuleSetExtensionView),
  exclusionsApply: z.boolean().describe('whether recorded exclusions stop this clock'),
  restartsOnNewFacts: z.boolean(),
  basis: z.string(),
});

export const ZRegulatoryRuleSetView = z.object({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.string(),
  source: z.string(),
  receiptDayCounted: z.boolean().describe('whether the day of receipt is day 1'),
  holidayShift: z.enum(['next_working_day', 'none']).describe('what a deadline on a rest day does'),
  countingBasis: z.string(),
  primaryStep: z.string().describe('the step a case’s regulatory clock runs on'),
  steps: z.array(ZRuleSetStepView),
  exclusionsAllowed: z.array(z.object({ kind: z.enum(EXCLUSION_KINDS), requiresNotice: z.boolean(), basis: z.string() })),
  review: z.object({ requestStep: z.string(), decisionStep: z.string() }).nullable().describe('the review (核查) clocks, null when the rules have none'),
});
export type TRegulatoryRuleSetView = z.infer<typeof ZRegulatoryRuleSetView>;

export const ZRegulatoryRuleSetList = z.object({ ruleSets: z.array(ZRegulatoryRuleSetView) });
export type TRegulatoryRuleSetList = z.infer<typeof ZRegulatoryRuleSetList>;

export const ZInstitutionRuleSet = z.object({
  ruleSetId: z.string().describe('the rule set the institution’s regulatory clocks run on'),
});
export type TInstitutionRuleSet = z.infer<typeof ZInstitutionRuleSet>;

export const ZUpdateInstitutionRuleSet = z.object({
  ruleSetId: z.string().min(1).max(100).describe('one of GET /api/regulatory-rule-sets'),
});
export type TUpdateInstitutionRuleSet = z.infer<typeof ZUpdateInstitutionRuleSet>;

export const ZInstitutionRuleSetResult = ZInstitutionRuleSet.extend({
  recomputedCases: z.number().int().describe('open cases whose regulatory deadline moved'),
});
export type TInstitutionRuleSetResult = z.infer<typeof ZInstitutionRuleSetResult>;

/** A shipped rule set as the API shows it. */
export function ruleSetView(ruleSet: TRegulatoryRuleSet): TRegulatoryRuleSetView {
  return {
    id: ruleSet.id,
    title: ruleSet.title,
    jurisdiction: ruleSet.jurisdiction,
    source: ruleSet.source,
    receiptDayCounted: ruleSet.counting.receiptDayCounted,
    holidayShift: ruleSet.counting.restDayShift,
    countingBasis: ruleSet.counting.basis,
    primaryStep: ruleSet.primaryStep,
    steps: ruleSet.steps.map((s) => ({
      id: s.id,
      title: s.title,
      limit: s.limit,
      extensions: s.extensions.map((e) => ({ id: e.id, title: e.title, limit: e.limit, approval: e.approval, notifyComplainant: e.notifyComplainant, basis: e.basis })),
      exclusionsApply: s.exclusionsApply,
      restartsOnNewFacts: s.restartsOnNewFacts,
      basis: s.basis,
    })),
    exclusionsAllowed: ruleSet.exclusions.map((x) => ({ kind: x.kind, requiresNotice: x.requiresNotice, basis: x.basis })),
    review: ruleSet.review,
  };
}

/** Every shipped rule set, the default first. */
export function shippedRuleSetViews(): TRegulatoryRuleSetView[] {
  return Object.values(SHIPPED_RULE_SETS).map(ruleSetView);
}
