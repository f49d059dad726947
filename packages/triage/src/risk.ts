// Escalation risk: threats to go to a regulator, the media, a lawyer or a court, a petition
// office, to move business away, to complain collectively or protest, and large amounts. Each
// flag carries the words that raised it, and a priority P1–P4 is suggested from the flags and the
// sentiment, with the reasons spelt out so a person can overrule it knowingly.
import { RISK_PHRASES, type RiskFlagType } from './lexicon';
import { normaliseText } from './text';

export type { RiskFlagType };

export interface RiskFlag {
  type: RiskFlagType;
  /** The words in the text that raised the flag. */
  terms: string[];
}

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

export interface PrioritySuggestion {
  priority: Priority;
  reasons: string[];
}

export interface RiskOptions {
  /** An amount at or above this many yuan raises 'large_amount' (default 1,000,000). */
  largeAmountYuan?: number;
}

const UNIT: Record<string, number> = { 元: 1, 块: 1, 千: 1e3, 千元: 1e3, 万: 1e4, 万元: 1e4, 百万: 1e6, 千万: 1e7, 亿: 1e8, 亿元: 1e8 };
const AMOUNT = /(\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|亿|千万|百万|万元|万|千元|元|块)/g;

/** Amounts in yuan written with a unit (12万, 3.5亿元, 1,200,000元); bare numbers are not amounts. */
export function amountsInYuan(text: string): { text: string; yuan: number }[] {
  return [...normaliseText(text).matchAll(AMOUNT)].map((m) => ({ text: m[0], yuan: Number(m[1]!.replace(/,/g, '')) * UNIT[m[2]!]! }));
}

/** Detects escalation threats and large amounts in a text. */
export function detectRiskFlags(text: string, options: RiskOptions = {}): RiskFlag[] {
  const haystack = normaliseText(text).toLowerCase();
  const flags: RiskFlag[] = [];
  for (const [type, phrases] of Object.entries(RISK_PHRASES) as [RiskFlagType, readonly string[]][]) {
    const distinct = mentions(haystack, phrases);
    if (distinct.length > 0) flags.push({ type, terms: distinct });
  }
  const threshold = options.largeAmountYuan ?? 1_000_000;
  const large = amountsInYuan(text).filter((a) => a.yuan >= threshold);
  if (large.length > 0) flags.push({ type: 'large_amount', terms: large.map((a) => a.text) });
  return flags;
}

/**
 * The phrases mentioned in a text, longest first and never overlapping: "银保监会" is one mention,
 * not also "银保监" and "保监会". A hotline number inside a longer number (an account, a date) is
 * not a mention of it.
 */
function mentions(haystack: string, phrases: readonly string[]): string[] {
  const found: { phrase: string; start: number; end: number }[] = [];
  for (const { phrase, pattern } of compiled(phrases)) {
    if (!haystack.includes(phrase)) continue;
    for (const m of haystack.matchAll(pattern)) {
      const start = m.index;
      const end = start + phrase.length;
      if (!found.some((f) => start < f.end && f.start < end)) found.push({ phrase, start, end });
    }
  }
  return [...new Set(found.sort((a, b) => a.start - b.start).map((f) => f.phrase))];
}

const compiledLists = new WeakMap<readonly string[], { phrase: string; pattern: RegExp }[]>();

/** Phrase patterns, longest first, built once per word list. */
function compiled(phrases: readonly string[]): { phrase: string; pattern: RegExp }[] {
  let list = compiledLists.get(phrases);
  if (!list) {
    list = [...phrases]
      .sort((a, b) => b.length - a.length)
      .map((phrase) => ({ phrase, pattern: new RegExp(/^\d+$/.test(phrase) ? `(?<!\\d)${phrase}(?!\\d)` : escapeRegExp(phrase), 'g') }));
    compiledLists.set(phrases, list);
  }
  return list;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EXTERNAL: ReadonlySet<RiskFlagType> = new Set(['regulator', 'media', 'petition', 'collective', 'protest']);

/**
 * Suggests a priority: P1 for a threat of self-harm, for an external escalation (regulator, media,
 * petition, collective action, protest) made in anger, or for two or more kinds of escalation;
 * P2 for any other flag or strong negativity; P3 for a negative text; P4 otherwise.
 */
export function suggestPriority(flags: readonly RiskFlag[], negativeIntensity: number): PrioritySuggestion {
  const types = new Set(flags.map((f) => f.type));
  const reasons = flags.map((f) => `${f.type}: ${f.terms.join(', ')}`);
  const escalations = [...types].filter((t) => t !== 'large_amount');
  if (types.has('self_harm')) return { priority: 'P1', reasons };
  if (escalations.length >= 2) return { priority: 'P1', reasons: [...reasons, 'several kinds of escalation'] };
  if (escalations.some((t) => EXTERNAL.has(t)) && negativeIntensity >= 0.5) {
    return { priority: 'P1', reasons: [...reasons, `negative intensity ${negativeIntensity.toFixed(2)}`] };
  }
  if (flags.length > 0) return { priority: 'P2', reasons };
  if (negativeIntensity >= 0.75) return { priority: 'P2', reasons: [`negative intensity ${negativeIntensity.toFixed(2)}`] };
  if (negativeIntensity >= 0.4) return { priority: 'P3', reasons: [`negative intensity ${negativeIntensity.toFixed(2)}`] };
  return { priority: 'P4', reasons: [] };
}
