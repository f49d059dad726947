// Turning text into sparse TF-IDF vectors: word uni/bigrams from jieba (or an English tokenizer)
// plus character n-grams, a vocabulary kept by minimum document count, sublinear term frequency
// and L2 normalisation. The vocabulary is explicit (not hashed) so every weight has a readable
// term behind it: that is what makes predictions explainable.
import { defaultSegmenter, type Segmenter } from './segment';
import { characterNgrams, cjkShare, contentCharacters, englishWords, normaliseText } from './text';

export type Language = 'zh' | 'en';

export interface FeatureConfig {
  language: Language;
  /** Longest word n-gram (0 = no word features, 1 = words, 2 = words and bigrams). */
  wordNgrams: number;
  /** Character n-gram lengths [min, max], or null for none. */
  charNgrams: readonly [number, number] | null;
  /** A term must occur in at least this many training documents to enter the vocabulary. */
  minCount: number;
  /** Keep at most this many terms (the most frequent by document count). */
  maxFeatures: number;
  /** 1 + log(tf) instead of raw counts. */
  sublinearTf: boolean;
  /** Multiply by inverse document frequency. */
  idf: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  language: 'zh',
  wordNgrams: 2,
  charNgrams: [1, 3],
  minCount: 2,
  maxFeatures: 200_000,
  sublinearTf: true,
  idf: true,
};

/** A sparse vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/**
 * A text prepared once and shared by every model that reads it: segmentation is the costly part
 * of feature extraction, so triage segments a case once for all its classifiers.
 */
export interface PreparedText {
  readonly text: string;
  readonly words: readonly string[];
  readonly chars: readonly string[];
  readonly language: Language;
}

/** Guesses whether a text is Chinese or English (by the share of CJK letters). */
export function detectLanguage(text: string): Language {
  return cjkShare(text) >= 0.2 ? 'zh' : 'en';
}

/** Segments and normalises a text once; pass the result to any model's predict. */
export function prepareText(text: string, segmenter: Segmenter = defaultSegmenter(), language: Language = detectLanguage(text)): PreparedText {
  const normalised = normaliseText(text);
  const words = language === 'zh' ? segmenter.words(normalised) : englishWords(normalised);
  return { text: normalised, words, chars: contentCharacters(normalised), language };
}

// Several models of one institution usually share a feature configuration: count a text's terms
// once per configuration, not once per model (it is most of the cost of a prediction).
const termCache = new WeakMap<PreparedText, Map<string, Map<string, number>>>();

/** The raw term counts of a text under a feature configuration, with prefixes by kind. */
export function termCounts(doc: PreparedText, config: FeatureConfig, cache = true): Map<string, number> {
  if (!cache) return countTerms(doc, config);
  const key = `${config.wordNgrams}/${config.charNgrams?.join('-') ?? ''}`;
  let perConfig = termCache.get(doc);
  const cached = perConfig?.get(key);
  if (cached) return cached;
  const counts = countTerms(doc, config);
  if (!perConfig) termCache.set(doc, (perConfig = new Map()));
  perConfig.set(key, counts);
  return counts;
}

function countTerms(doc: PreparedText, config: FeatureConfig): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  const words = doc.words;
  if (config.wordNgrams >= 1) for (const w of words) add(`w:${w}`);
  if (config.wordNgrams >= 2) for (let i = 0; i + 1 < words.length; i++) add(`b:${words[i]} ${words[i + 1]}`);
  if (config.charNgrams && doc.language === 'zh') {
    for (const gram of characterNgrams(doc.chars, config.charNgrams[0], config.charNgrams[1])) add(`c:${gram}`);
  }
  return counts;
}

/** How a term is shown to a person: without its kind prefix. */
export function displayTerm(term: string): string {
  return term.slice(2);
}

/** A fitted vocabulary with IDF weights; turns prepared texts into L2-normalised vectors. */
export class Vectorizer {
  readonly index: Map<string, number>;

  constructor(
    readonly config: FeatureConfig,
    readonly terms: readonly string[],
    readonly idf: Float32Array,
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.terms.length;
  }

  /** Learns the vocabulary and IDF from training texts. */
  static fit(docs: readonly PreparedText[], config: FeatureConfig): Vectorizer {
    const documentFrequency = new Map<string, number>();
    for (const doc of docs) {
      // Not cached: a training set's term maps would hold gigabytes.
      for (const term of termCounts(doc, config, false).keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
    const kept = [...documentFrequency.entries()].filter(([, df]) => df >= config.minCount);
    // Most frequent first, ties by term, so the vocabulary is the same on every run.
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const chosen = kept.slice(0, config.maxFeatures);
    const n = docs.length;
    const idf = new Float32Array(chosen.length);
    chosen.forEach(([, df], i) => {
      idf[i] = config.idf ? Math.log((1 + n) / (1 + df)) + 1 : 1;
    });
    return new Vectorizer(config, chosen.map(([t]) => t), idf);
  }

  /** The TF-IDF vector of a prepared text (unknown terms are ignored); `cache` keeps its term counts for other models. */
  transform(doc: PreparedText, cache = true): SparseVector {
    const entries: [number, number][] = [];
    for (const [term, count] of termCounts(doc, this.config, cache)) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const tf = this.config.sublinearTf ? 1 + Math.log(count) : count;
      entries.push([i, tf * this.idf[i]!]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, v] of entries) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    const indices = new Int32Array(entries.length);
    const values = new Float32Array(entries.length);
    entries.forEach(([i, v], k) => {
      indices[k] = i;
      values[k] = v / norm;
    });
    return { indices, values };
  }
}
