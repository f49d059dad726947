import { failedConditions, setConditions, type RoutableCase, type RuleConditions } from '../assignment/assignment';
import type { RiskFlag } from '../cases/vocabulary';

/** What a major-case rule looks at: the assignment rules' conditions plus amount and risk flags. */
export interface MajorRuleConditions extends RuleConditions {
  /** The amount involved (yuan) is at least this. */
  amountAtLeast?: number | null;
  /** Any of these flags is on the case. */
  riskFlags?: readonly RiskFlag[];
}

export interface MajorRule {
  id: string;
  name: string;
  /** Lower first. */
  position: number;
  active: boolean;
  conditions: MajorRuleConditions;
}

/** The facts of a case a major-case rule looks at. */
export interface MajorCaseFacts extends RoutableCase {
  amountInvolved: number | null;
  riskFlags: readonly string[];
}

/** Which conditions of a major-case rule a case fails (empty: the rule matches). */
export function failedMajorConditions(c: MajorRuleConditions, k: MajorCaseFacts): string[] {
  const failed = failedConditions(c, k);
  if (c.amountAtLeast !== undefined && c.amountAtLeast !== null && !(k.amountInvolved !== null && k.amountInvolved >= c.amountAtLeast)) failed.push('amount');
  if (c.riskFlags && c.riskFlags.length > 0 && !c.riskFlags.some((f) => k.riskFlags.includes(f))) failed.push('riskFlags');
  return failed;
}

/** The conditions a major-case rule sets (for saying why it matched). */
export function setMajorConditions(c: MajorRuleConditions): string[] {
  const names = setConditions(c);
  if (c.amountAtLeast !== undefined && c.amountAtLeast !== null) names.push('amount');
  if ((c.riskFlags?.length ?? 0) > 0) names.push('riskFlags');
  return names;
}

/**
 * The first active rule, by position (then id), whose conditions all hold, with the conditions
 * it set. A rule with no conditions would make every case major: it never matches.
 */
export function matchMajorRule(rules: readonly MajorRule[], k: MajorCaseFacts): { rule: MajorRule; matched: string[] } | undefined {
  const ordered = [...rules].filter((r) => r.active).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  for (const rule of ordered) {
    const matched = setMajorConditions(rule.conditions);
    if (matched.length > 0 && failedMajorConditions(rule.conditions, k).length === 0) return { rule, matched };
  }
  return undefined;
}
