// Sentiment as a negative-intensity score in [0, 1] and a label. A hand-written lexicon with
// negation and intensifiers works from day one; once an institution has labelled cases, a trained
// classifier (labels negative / neutral / positive) takes the lead and the lexicon adjusts it.
import type { TextClassifier } from './classifier';
import type { PreparedText } from './features';
import { INTENSIFIERS, NEGATIONS, NEGATIVE_WORDS, POSITIVE_WORDS } from './lexicon';
import type { TermWeight } from './prediction';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface Sentiment {
  label: SentimentLabel;
  /** 0 = not negative at all, 1 = as negative as it gets. */
  negativeIntensity: number;
  confidence: number;
  source: 'model' | 'lexicon';
  /** Sentiment words found, signed: negative weights push towards negative. */
  terms: TermWeight[];
}

export interface LexiconScore {
  negative: number;
  positive: number;
  terms: TermWeight[];
}

/** How many preceding words a negation or intensifier reaches. */
const REACH = 3;

/** Scores the sentiment words of a segmented text, flipping negated ones ("不满意" is one word). */
export function lexiconScore(words: readonly string[]): LexiconScore {
  let negative = 0;
  let positive = 0;
  const terms: TermWeight[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const base = (POSITIVE_WORDS[word] ?? 0) - (NEGATIVE_WORDS[word] ?? 0);
    if (base === 0) continue;
    let factor = 1;
    let negated = false;
    for (let j = Math.max(0, i - REACH); j < i; j++) {
      if (NEGATIONS.has(words[j]!)) negated = !negated;
      factor *= INTENSIFIERS[words[j]!] ?? 1;
    }
    // "不好" is negative, but "不差" is only mildly positive: negation halves the strength.
    const value = negated ? -base * 0.5 * factor : base * factor;
    if (value < 0) negative -= value;
    else positive += value;
    terms.push({ term: negated ? `${words[i - 1] ?? ''}…${word}` : word, weight: Math.round(value * 100) / 100 });
  }
  return { negative, positive, terms };
}

/** Maps a lexicon score to a label and intensity when no trained model is available. */
function fromLexicon(score: LexiconScore): Sentiment {
  const balance = score.negative - score.positive;
  const negativeIntensity = 1 - Math.exp(-Math.max(0, balance) / 3);
  const label: SentimentLabel = balance >= 1 ? 'negative' : balance <= -1 ? 'positive' : 'neutral';
  const confidence = Math.min(0.9, 0.4 + Math.abs(balance) / 10);
  return { label, negativeIntensity, confidence, source: 'lexicon', terms: score.terms };
}

/**
 * The sentiment of a prepared text. With a model, its probabilities decide the label and the
 * intensity is P(negative) nudged by the lexicon (strong words raise it, thanks lower it).
 */
export function analyseSentiment(doc: PreparedText, model?: TextClassifier): Sentiment {
  const lexicon = lexiconScore(doc.words);
  if (!model) return fromLexicon(lexicon);
  const prediction = model.predict(doc, { topFeatures: 5 });
  const pNegative = prediction.alternatives.find((a) => a.label === 'negative')?.confidence ?? 0;
  const nudge = Math.tanh((lexicon.negative - lexicon.positive) / 6) * 0.15;
  const label = (SENTIMENT_LABELS as readonly string[]).includes(prediction.label) ? (prediction.label as SentimentLabel) : 'neutral';
  return {
    label,
    negativeIntensity: Math.min(1, Math.max(0, pNegative + nudge)),
    confidence: prediction.confidence,
    source: 'model',
    terms: [...lexicon.terms, ...prediction.topFeatures.map((t) => ({ term: t.term, weight: label === 'negative' ? -t.weight : t.weight }))],
  };
}
