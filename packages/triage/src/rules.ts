// Cold start: before an institution has labelled cases, admins describe each label by keywords.
// Rules are plain data (stored and edited by the server) and produce predictions with source
// 'rule' and the keywords that matched, exactly like a model's driving terms.
import type { Prediction } from './prediction';
import { normaliseText } from './text';

export interface KeywordRule {
  label: string;
  /** Any of these (case-insensitive substrings) votes for the label. */
  keywords: readonly string[];
  /** If any of these occurs, the rule does not fire at all. */
  excludes?: readonly string[];
  /** Weight of each matched keyword (default 1). */
  weight?: number;
}

/** Checks rules an admin edited; returns the problems found (empty when valid). */
export function checkKeywordRules(rules: readonly KeywordRule[]): string[] {
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    if (rule.label.trim() === '') problems.push(`rule ${i + 1}: the label is empty`);
    if (rule.keywords.filter((k) => k.trim() !== '').length === 0) problems.push(`rule ${i + 1} (${rule.label}): no keywords`);
    if (rule.weight !== undefined && !(rule.weight > 0)) problems.push(`rule ${i + 1} (${rule.label}): the weight must be positive`);
  });
  return problems;
}

/**
 * Applies keyword rules to a text: each label scores the weights of its distinct matched keywords;
 * the best label wins with confidence best / (all + 1), so one lone keyword gives 0.5 and a tie
 * between labels stays below it. Returns null when no rule matches.
 */
export function applyKeywordRules(rules: readonly KeywordRule[], text: string): Prediction | null {
  const haystack = normaliseText(text).toLowerCase();
  const scores = new Map<string, { score: number; terms: Map<string, number> }>();
  for (const rule of rules) {
    if (rule.excludes?.some((e) => e.trim() !== '' && haystack.includes(normaliseText(e).toLowerCase()))) continue;
    const weight = rule.weight ?? 1;
    const entry = scores.get(rule.label) ?? { score: 0, terms: new Map<string, number>() };
    for (const keyword of rule.keywords) {
      const needle = normaliseText(keyword).toLowerCase();
      if (needle === '' || entry.terms.has(keyword) || !haystack.includes(needle)) continue;
      entry.terms.set(keyword, weight);
      entry.score += weight;
    }
    if (entry.score > 0) scores.set(rule.label, entry);
  }
  if (scores.size === 0) return null;
  const total = [...scores.values()].reduce((s, e) => s + e.score, 0);
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1));
  const [label, best] = ranked[0]!;
  return {
    label,
    confidence: best.score / (total + 1),
    source: 'rule',
    topFeatures: [...best.terms.entries()].map(([term, weight]) => ({ term, weight })),
    alternatives: ranked.map(([l, e]) => ({ label: l, confidence: e.score / (total + 1) })),
  };
}
