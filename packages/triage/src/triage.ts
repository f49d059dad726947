// Full triage of one text: segment once, then every classifier (model, else keyword rules),
// sentiment, escalation flags and a priority, PII, and the duplicate signature with its nearest
// open cases. Pure: the caller passes the models and the index it holds.
import type { TextClassifier } from './classifier';
import { prepareText } from './features';
import { bandKeys, signature, type DuplicateMatch, type LshIndex, type Signature } from './duplicates';
import { detectPii, type PiiSpan } from './pii';
import type { Prediction } from './prediction';
import { detectRiskFlags, suggestPriority, type PrioritySuggestion, type RiskFlag, type RiskOptions } from './risk';
import { applyKeywordRules, type KeywordRule } from './rules';
import { defaultSegmenter, type Segmenter } from './segment';
import { analyseSentiment, type Sentiment } from './sentiment';

export interface TriageModels<Id = string> {
  segmenter?: Segmenter;
  /** A trained model per classification field (kind, category, businessLine, cause, …). */
  classifiers?: Readonly<Record<string, TextClassifier>>;
  /** Keyword rules per field, used where the field has no model. */
  rules?: Readonly<Record<string, readonly KeywordRule[]>>;
  sentiment?: TextClassifier;
  risk?: RiskOptions;
  /** Open cases to look for near-duplicates among. */
  duplicateIndex?: LshIndex<Id>;
  /** Similarity at or above which a case is suggested as a duplicate (default 0.5). */
  duplicateThreshold?: number;
}

export interface TriageResult<Id = string> {
  classifications: Record<string, Prediction | null>;
  sentiment: Sentiment;
  riskFlags: RiskFlag[];
  priority: PrioritySuggestion;
  pii: PiiSpan[];
  signature: Signature;
  bandKeys: string[];
  duplicates: DuplicateMatch<Id>[];
}

export function triageText<Id = string>(text: string, models: TriageModels<Id> = {}): TriageResult<Id> {
  const doc = prepareText(text, models.segmenter ?? defaultSegmenter(), 'zh');
  const fields = new Set([...Object.keys(models.classifiers ?? {}), ...Object.keys(models.rules ?? {})]);
  const classifications: Record<string, Prediction | null> = {};
  for (const field of fields) {
    const model = models.classifiers?.[field];
    classifications[field] = model ? model.predict(doc) : applyKeywordRules(models.rules?.[field] ?? [], text);
  }
  const sentiment = analyseSentiment(doc, models.sentiment);
  const riskFlags = detectRiskFlags(text, models.risk);
  const sig = signature(text);
  return {
    classifications,
    sentiment,
    riskFlags,
    priority: suggestPriority(riskFlags, sentiment.negativeIntensity),
    pii: detectPii(text),
    signature: sig,
    bandKeys: bandKeys(sig),
    duplicates: models.duplicateIndex?.query(sig, { minSimilarity: models.duplicateThreshold ?? 0.5, limit: 5 }) ?? [],
  };
}
