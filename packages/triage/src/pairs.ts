// Is this pair of texts the same question or complaint? Several similarity measures (character
// n-gram Jaccard and cosine, word overlap, length ratio, edit distance, longest common substring,
// number and negation mismatch) are binned so a linear model can bend them, and joined by sparse
// indicators of the words the texts share and the words only one of them has — which lets the
// model learn that 花呗 vs 借呗 matters while 请问 vs 你好 does not. A small logistic regression
// trained on labelled pairs combines them. The boosted scorer adds IDF-weighted measures (TF-IDF
// cosines, BM25), word vectors learnt from the training texts and a siamese model learnt from the
// pairs, and lets gradient-boosted trees (gbdt.ts) combine all of it with the regression's vote.
import { base64ToFloat32, float32ToBase64 } from './binary';
import { prepareText, type PreparedText } from './features';
import { featureContributions, linearProbabilities, trainLogistic, type LabelledVector, type LinearModel, type LogisticOptions } from './linear';
import { defaultSegmenter, type Segmenter } from './segment';
import type { TermWeight } from './prediction';
import { characterNgrams } from './text';
import { groupKeys, groupedSplit } from './eval/split';
import { gbdtContributions, gbdtProbability, trainGbdt, type GbdtModel, type GbdtOptions } from './gbdt';
import { hashUnit } from './random';
import { SiameseBag, WordEmbeddings, type EmbeddingOptions, type SerialisedEmbeddings, type SerialisedSiamese, type SiameseOptions } from './embeddings';

export interface LabelledPair {
  a: string | PreparedText;
  b: string | PreparedText;
  same: boolean;
}

export interface PairScore {
  /** Probability that the two texts mean the same. */
  probability: number;
  same: boolean;
  /** The features that pushed the decision, strongest first. */
  topFeatures: TermWeight[];
}

const NEGATION_CHARS = /[不没无未别非]/g;
const QUESTION_WORDS = ['怎么', '如何', '为什么', '为何', '什么', '多少', '多久', '几', '哪', '能不能', '可以', '是否', '吗', '何时', '什么时候'];

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function overlapOfSmaller<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / Math.min(a.size, b.size);
}

function cosine(a: readonly string[], b: readonly string[]): number {
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  for (const x of a) ca.set(x, (ca.get(x) ?? 0) + 1);
  for (const x of b) cb.set(x, (cb.get(x) ?? 0) + 1);
  let dot = 0;
  for (const [k, v] of ca) dot += v * (cb.get(k) ?? 0);
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, v) => s + v * v, 0));
  return dot / (norm(ca) * norm(cb) || 1);
}

/** Levenshtein distance over characters (two rows, O(|a|·|b|)). */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function longestCommonSubstring(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        current[j] = previous[j - 1]! + 1;
        if (current[j]! > best) best = current[j]!;
      }
    }
    previous = current;
  }
  return best;
}

/** The similarity measures of a pair, each in [0, 1]. */
export function pairSimilarities(a: PreparedText, b: PreparedText): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of [1, 2, 3]) {
    const ga = characterNgrams(a.chars, n, n);
    const gb = characterNgrams(b.chars, n, n);
    out[`char${n}Jaccard`] = jaccard(new Set(ga), new Set(gb));
    if (n === 2) out.char2Cosine = cosine(ga, gb);
  }
  const wa = new Set(a.words);
  const wb = new Set(b.words);
  out.wordJaccard = jaccard(wa, wb);
  out.wordOverlap = overlapOfSmaller(wa, wb);
  out.wordCosine = cosine(a.words, b.words);
  const la = a.chars.length;
  const lb = b.chars.length;
  out.lengthRatio = Math.min(la, lb) / (Math.max(la, lb) || 1);
  out.editSimilarity = 1 - editDistance(a.chars, b.chars) / (Math.max(la, lb) || 1);
  out.commonSubstring = longestCommonSubstring(a.chars, b.chars) / (Math.min(la, lb) || 1);
  const numbers = (d: PreparedText) => new Set(d.text.match(/\d+/g) ?? []);
  const na = numbers(a);
  const nb = numbers(b);
  out.numberMismatch = na.size + nb.size > 0 && jaccard(na, nb) < 1 ? 1 : 0;
  const negations = (d: PreparedText) => (d.text.match(NEGATION_CHARS) ?? []).length % 2;
  out.negationMismatch = negations(a) !== negations(b) ? 1 : 0;
  return out;
}

const BINS = 8;

/** The probability threshold (0.05–0.95 by 0.01) with the best macro-F1 over scored pairs; ties go to the one nearest 0.5. */
export function bestMacroF1Threshold(scored: readonly { probability: number; same: boolean }[]): number {
  let best = 0.5;
  let bestF1 = -1;
  const f1 = (tp: number, fp: number, fn: number) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  for (let k = 5; k <= 95; k++) {
    const threshold = k / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const s of scored) {
      const called = s.probability >= threshold;
      if (called && s.same) tp++;
      else if (called) fp++;
      else if (s.same) fn++;
    }
    const tn = scored.length - tp - fp - fn;
    const macro = (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2;
    if (macro > bestF1 + 1e-12 || (Math.abs(macro - bestF1) <= 1e-12 && Math.abs(threshold - 0.5) < Math.abs(best - 0.5))) {
      bestF1 = macro;
      best = threshold;
    }
  }
  return best;
}

/** Every named feature of a pair: measures (raw and binned), question words, shared and unshared words. */
export function pairFeatures(a: PreparedText, b: PreparedText, similarities: Record<string, number> = pairSimilarities(a, b)): Map<string, number> {
  const features = new Map<string, number>();
  for (const [name, value] of Object.entries(similarities)) {
    features.set(`m:${name}`, value);
    features.set(`m:${name}#${Math.min(BINS - 1, Math.floor(value * BINS))}`, 1);
  }
  const qa = QUESTION_WORDS.filter((q) => a.text.includes(q));
  const qb = QUESTION_WORDS.filter((q) => b.text.includes(q));
  for (const q of qa) if (!qb.includes(q)) features.set(`q:${q}`, 1);
  for (const q of qb) if (!qa.includes(q)) features.set(`q:${q}`, 1);
  const wa = new Set(a.words);
  const wb = new Set(b.words);
  const onlyA = [...wa].filter((w) => !wb.has(w));
  const onlyB = [...wb].filter((w) => !wa.has(w));
  for (const w of wa) if (wb.has(w)) features.set(`s:${w}`, 1);
  for (const w of [...onlyA, ...onlyB]) features.set(`d:${w}`, 1);
  // Word swaps (借款 ↔ 贷款): the model learns which substitutions keep the meaning.
  if (onlyA.length * onlyB.length <= 16) {
    for (const x of onlyA) for (const y of onlyB) features.set(`x:${x < y ? `${x}|${y}` : `${y}|${x}`}`, 1);
  }
  return features;
}

/**
 * What the boosted scorer learns from the training texts themselves, labels aside: document
 * frequencies (words and character 1–2-grams) for IDF weights and BM25 — terms seen in one text
 * only are not kept, an unseen term gets that IDF — and word vectors (embeddings.ts).
 */
export class PairStatistics {
  private readonly index: Map<string, number>;
  private readonly rareIdf: number;

  constructor(
    readonly documents: number,
    readonly averageWords: number,
    readonly terms: readonly string[],
    readonly idf: Float32Array,
    readonly embeddings: WordEmbeddings,
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
    this.rareIdf = Math.log((1 + documents) / 2) + 1;
  }

  static fit(texts: readonly PreparedText[], embeddings: Partial<EmbeddingOptions> = {}): PairStatistics {
    const seen = new Set<string>();
    const df = new Map<string, number>();
    const tokenised: string[][] = [];
    let words = 0;
    for (const t of texts) {
      if (seen.has(t.text)) continue;
      seen.add(t.text);
      tokenised.push(contentWords(t));
      words += t.words.length;
      for (const term of pairTerms(t)) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const n = seen.size;
    const kept = [...df.entries()].filter(([, d]) => d >= 2).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    return new PairStatistics(
      n,
      n === 0 ? 1 : words / n,
      kept.map(([t]) => t),
      Float32Array.from(kept, ([, d]) => Math.log((1 + n) / (1 + d)) + 1),
      WordEmbeddings.train(tokenised, embeddings),
    );
  }

  /** True when the term occurs in at least two training texts. */
  has(term: string): boolean {
    return this.index.has(term);
  }

  idfOf(term: string): number {
    const i = this.index.get(term);
    return i === undefined ? this.rareIdf : this.idf[i]!;
  }
}

const contentWords = (t: PreparedText) => t.words.filter((w) => w.trim() !== '');

/** For each word of `from`, its best cosine with a word of `to`; the IDF-weighted mean and the minimum (1 and 1 when `from` is empty). */
function aligned(from: readonly string[], to: readonly string[], statistics: PairStatistics): [number, number] {
  if (from.length === 0) return [1, 1];
  let sum = 0;
  let weights = 0;
  let min = 1;
  for (const w of from) {
    let best = 0;
    for (const x of to) best = Math.max(best, statistics.embeddings.similarity(w, x));
    const idf = statistics.idfOf(`w:${w}`);
    sum += idf * best;
    weights += idf;
    min = Math.min(min, best);
  }
  return [sum / weights, min];
}

/** The distinct IDF terms of a text: `w:` words, `c:` character unigrams and bigrams. */
function pairTerms(t: PreparedText): Set<string> {
  const terms = new Set<string>();
  for (const w of t.words) if (w.trim() !== '') terms.add(`w:${w}`);
  for (const g of characterNgrams(t.chars, 1, 2)) terms.add(`c:${g}`);
  return terms;
}

function tfidfVector(terms: readonly string[], statistics: PairStatistics): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const [t, c] of counts) out.set(t, (1 + Math.log(c)) * statistics.idfOf(t));
  return out;
}

function weightedCosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    dot += v * (b.get(k) ?? 0);
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Okapi BM25 of document `d` for the words of query `q` (k1 1.2, b 0.75). */
function bm25(q: readonly string[], d: readonly string[], statistics: PairStatistics): number {
  const tf = new Map<string, number>();
  for (const w of d) tf.set(w, (tf.get(w) ?? 0) + 1);
  const norm = 1.2 * (0.25 + (0.75 * d.length) / statistics.averageWords);
  let score = 0;
  for (const w of new Set(q)) {
    const f = tf.get(w) ?? 0;
    if (f > 0) score += (statistics.idfOf(`w:${w}`) * f * 2.2) / (f + norm);
  }
  return score;
}

function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    previous = current;
  }
  return previous[b.length]!;
}

const SIMILARITY_NAMES = ['char1Jaccard', 'char2Jaccard', 'char2Cosine', 'char3Jaccard', 'wordJaccard', 'wordOverlap', 'wordCosine', 'lengthRatio', 'editSimilarity', 'commonSubstring', 'numberMismatch', 'negationMismatch'];

/**
 * A text as the siamese model reads it: its words (IDF-weighted) and characters (half that), only
 * terms of at least two training texts.
 */
export function pairTokenBag(t: PreparedText, statistics: PairStatistics): Map<string, number> {
  const bag = new Map<string, number>();
  for (const w of contentWords(t)) if (statistics.has(`w:${w}`)) bag.set(`w:${w}`, statistics.idfOf(`w:${w}`));
  for (const c of t.chars) if (statistics.has(`c:${c}`)) bag.set(`c:${c}`, 0.5 * statistics.idfOf(`c:${c}`));
  return bag;
}

/** The names of the dense features the boosted scorer reads, in order (the two learnt models' probabilities come last). */
export const DENSE_PAIR_FEATURES: readonly string[] = [
  ...SIMILARITY_NAMES,
  'tfidfWordCosine',
  'tfidfCharCosine',
  'bm25AB',
  'bm25BA',
  'bm25Min',
  'idfWordJaccard',
  'idfUnsharedWordMax',
  'idfUnsharedWordSum',
  'idfSharedWordSum',
  'idfUnsharedCharMax',
  'unsharedWords',
  'sharedWords',
  'shorterLength',
  'longerLength',
  'char4Jaccard',
  'wordBigramJaccard',
  'commonSubsequence',
  'embeddingMeanCosine',
  'alignedMean',
  'alignedMin',
  'unsharedAlignedMean',
  'unsharedAlignedMin',
  ...QUESTION_WORDS.map((q) => `question:${q}`),
  'linear',
  'siamese',
];

/** The dense features of a pair (without the last two, the learnt models' probabilities). */
export function densePairFeatures(a: PreparedText, b: PreparedText, statistics: PairStatistics, similarities: Record<string, number> = pairSimilarities(a, b)): number[] {
  const out = SIMILARITY_NAMES.map((n) => similarities[n] ?? 0);
  const wa = contentWords(a);
  const wb = contentWords(b);
  out.push(weightedCosine(tfidfVector(wa.map((w) => `w:${w}`), statistics), tfidfVector(wb.map((w) => `w:${w}`), statistics)));
  const charTerms = (t: PreparedText) => characterNgrams(t.chars, 1, 2).map((g) => `c:${g}`);
  out.push(weightedCosine(tfidfVector(charTerms(a), statistics), tfidfVector(charTerms(b), statistics)));
  const ab = bm25(wa, wb, statistics) / (bm25(wa, wa, statistics) || 1);
  const ba = bm25(wb, wa, statistics) / (bm25(wb, wb, statistics) || 1);
  out.push(ab, ba, Math.min(ab, ba));
  const sa = new Set(wa);
  const sb = new Set(wb);
  let shared = 0;
  let sharedIdf = 0;
  let unshared = 0;
  let unsharedIdf = 0;
  let unsharedMax = 0;
  for (const w of new Set([...sa, ...sb])) {
    const idf = statistics.idfOf(`w:${w}`);
    if (sa.has(w) && sb.has(w)) {
      shared++;
      sharedIdf += idf;
    } else {
      unshared++;
      unsharedIdf += idf;
      unsharedMax = Math.max(unsharedMax, idf);
    }
  }
  out.push(sharedIdf / (sharedIdf + unsharedIdf || 1), unsharedMax, unsharedIdf, sharedIdf);
  const ca = new Set(a.chars);
  const cb = new Set(b.chars);
  let charMax = 0;
  for (const c of ca) if (!cb.has(c)) charMax = Math.max(charMax, statistics.idfOf(`c:${c}`));
  for (const c of cb) if (!ca.has(c)) charMax = Math.max(charMax, statistics.idfOf(`c:${c}`));
  out.push(charMax, unshared, shared);
  const la = a.chars.length;
  const lb = b.chars.length;
  out.push(Math.min(la, lb), Math.max(la, lb));
  out.push(jaccard(new Set(characterNgrams(a.chars, 4, 4)), new Set(characterNgrams(b.chars, 4, 4))));
  const bigrams = (w: readonly string[]) => new Set(w.slice(1).map((x, i) => `${w[i]} ${x}`));
  out.push(jaccard(bigrams(wa), bigrams(wb)));
  out.push(longestCommonSubsequence(a.chars, b.chars) / (Math.min(la, lb) || 1));
  const idfWeight = (w: string) => statistics.idfOf(`w:${w}`);
  const ma = statistics.embeddings.mean(wa, idfWeight);
  const mb = statistics.embeddings.mean(wb, idfWeight);
  out.push(ma && mb ? ma.reduce((s, x, k) => s + x * mb[k]!, 0) : 0);
  const [abMean, abMin] = aligned(wa, wb, statistics);
  const [baMean, baMin] = aligned(wb, wa, statistics);
  out.push(Math.min(abMean, baMean), Math.min(abMin, baMin));
  const onlyA = [...sa].filter((w) => !sb.has(w));
  const onlyB = [...sb].filter((w) => !sa.has(w));
  const [uaMean, uaMin] = aligned(onlyA, onlyB, statistics);
  const [ubMean, ubMin] = aligned(onlyB, onlyA, statistics);
  out.push(Math.min(uaMean, ubMean), Math.min(uaMin, ubMin));
  for (const q of QUESTION_WORDS) out.push((a.text.includes(q) ? 1 : 0) + (b.text.includes(q) ? 1 : 0) * 2);
  return out;
}

export interface PairScorerOptions {
  /** Sparse word features must occur in this many training pairs (default 5: they overfit fast). */
  minCount?: number;
  logistic?: Partial<LogisticOptions>;
  /**
   * 'linear' (default): the logistic regression alone. 'boosted': gradient-boosted trees over the
   * dense features (DENSE_PAIR_FEATURES), the last two of which are the probabilities of the
   * logistic regression and of a siamese bag-of-vectors model (embeddings.ts) — out of fold while
   * training, so the trees learn how far to trust each.
   */
  model?: 'linear' | 'boosted';
  gbdt?: Partial<GbdtOptions>;
  /** Word vectors of the boosted model, learnt from the training texts. */
  embeddings?: Partial<EmbeddingOptions>;
  siamese?: Partial<SiameseOptions>;
  /**
   * Folds (grouped by text) for the out-of-fold probabilities the boosted model learns from
   * (default 3); with threshold 'macro-f1' the boosted model's threshold is chosen on its own
   * out-of-fold probabilities over the same folds (no second training on a held-aside fifth).
   */
  folds?: number;
  /**
   * Probability at or above which a pair is called the same (default 0.5), or 'macro-f1': chosen
   * on a fifth of the training pairs held aside (grouped by text, so a question is on one side)
   * as the threshold with the best macro-F1 there, then the model is trained on all the pairs.
   * Worth it when one answer is much rarer than the other (the scorer under-calls it at 0.5).
   */
  threshold?: number | 'macro-f1';
  segmenter?: Segmenter;
}

export const PAIR_SCORER_FORMAT = 'loopdesk/pair-scorer';

export interface SerialisedPairScorer {
  format: typeof PAIR_SCORER_FORMAT;
  /** 1: linear only; 2: optionally `boosted`. */
  formatVersion: 1 | 2;
  terms: string[];
  weights: string;
  bias: number[];
  threshold: number;
  boosted?: {
    gbdt: GbdtModel;
    statistics: { documents: number; averageWords: number; terms: string[]; idf: string; embeddings: SerialisedEmbeddings };
    siamese: SerialisedSiamese;
  };
}

interface Boosted {
  gbdt: GbdtModel;
  statistics: PairStatistics;
  siamese: SiameseBag;
}

/** A trained pair classifier: "do these two texts say the same thing?". */
export class PairScorer {
  private readonly index: Map<string, number>;

  private constructor(
    readonly terms: readonly string[],
    readonly model: LinearModel,
    readonly threshold: number,
    private readonly segmenter: Segmenter,
    readonly boosted?: Boosted,
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
  }

  static train(pairs: readonly LabelledPair[], options: PairScorerOptions = {}): PairScorer {
    const segmenter = options.segmenter ?? defaultSegmenter();
    const cache = new Map<string, PreparedText>();
    const prepare = (t: string | PreparedText) => {
      if (typeof t !== 'string') return t;
      let p = cache.get(t);
      if (!p) cache.set(t, (p = prepareText(t, segmenter, 'zh')));
      return p;
    };
    if (options.threshold === 'macro-f1' && options.model !== 'boosted') {
      const prepared = pairs.map((p) => ({ a: prepare(p.a), b: prepare(p.b), same: p.same }));
      const { train, test } = groupedSplit(prepared, (p) => [p.a.text, p.b.text], 0.2, options.logistic?.seed ?? 1);
      const trial = train.length > 0 && test.length > 0 ? PairScorer.train(train, { ...options, segmenter, threshold: 0.5 }) : undefined;
      const threshold = trial ? bestMacroF1Threshold(test.map((p) => ({ probability: trial.score(p.a, p.b).probability, same: p.same }))) : 0.5;
      return PairScorer.train(prepared, { ...options, segmenter, threshold });
    }
    const prepared = pairs.map((p) => ({ a: prepare(p.a), b: prepare(p.b), same: p.same }));
    const similarities = prepared.map((p) => pairSimilarities(p.a, p.b));
    const featureMaps = prepared.map((p, i) => pairFeatures(p.a, p.b, similarities[i]));
    const counts = new Map<string, number>();
    for (const f of featureMaps) for (const name of f.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
    const minCount = options.minCount ?? 5;
    const terms = [...counts.entries()]
      .filter(([name, n]) => n >= minCount || name.startsWith('m:'))
      .map(([name]) => name)
      .sort();
    const scorer = new PairScorer(terms, { classes: 2, features: terms.length, weights: new Float32Array(0), bias: new Float32Array(2), scale: 1 }, 0.5, segmenter);
    const data: LabelledVector[] = featureMaps.map((f, i) => ({ vector: scorer.vectorise(f), label: pairs[i]!.same ? 1 : 0 }));
    const logistic: Partial<LogisticOptions> = { learningRate: 0.05, l2: 3e-3, epochs: 10, average: true, ...options.logistic };
    const model = trainLogistic(data, 2, terms.length, logistic);
    if (options.model !== 'boosted') return new PairScorer(terms, model, typeof options.threshold === 'number' ? options.threshold : 0.5, segmenter);

    const seed = logistic.seed ?? 1;
    const statistics = PairStatistics.fit(
      prepared.flatMap((p) => [p.a, p.b]),
      { seed, ...options.embeddings },
    );
    const bags = prepared.map((p) => ({ a: pairTokenBag(p.a, statistics), b: pairTokenBag(p.b, statistics), same: p.same }));
    const start = (token: string) => (token.startsWith('w:') ? statistics.embeddings.vector(token.slice(2)) : undefined);
    const siameseOptions: Partial<SiameseOptions> = { seed, ...options.siamese };
    // Out-of-fold probabilities of the two learnt models, folds grouped by text.
    const folds = Math.max(2, options.folds ?? 3);
    const fold = groupKeys(prepared, (p) => [p.a.text, p.b.text]).map((key) => Math.min(folds - 1, Math.floor(hashUnit(key, seed + 17) * folds)));
    const outOfFold = prepared.map(() => [0, 0]);
    for (let k = 0; k < folds; k++) {
      const inside = data.filter((_, i) => fold[i] !== k);
      if (inside.length === 0) continue;
      const partial = trainLogistic(inside, 2, terms.length, logistic);
      const partialSiamese = SiameseBag.train(
        bags.filter((_, i) => fold[i] !== k),
        start,
        siameseOptions,
      );
      data.forEach((d, i) => {
        if (fold[i] === k) outOfFold[i] = [linearProbabilities(partial, d.vector)[1]!, partialSiamese.probability(bags[i]!.a, bags[i]!.b)];
      });
    }
    const siamese = SiameseBag.train(bags, start, siameseOptions);
    const rows = prepared.map((p, i) => [...densePairFeatures(p.a, p.b, statistics, similarities[i]), ...outOfFold[i]!]);
    const labels = prepared.map((p) => (p.same ? 1 : 0));
    const gbdtOptions: Partial<GbdtOptions> = { seed, ...options.gbdt };
    let threshold = typeof options.threshold === 'number' ? options.threshold : 0.5;
    if (options.threshold === 'macro-f1') {
      // Chosen on the first fold's pairs, scored by trees trained on the other folds.
      const inside = rows.filter((_, i) => fold[i] !== 0);
      if (inside.length > 0 && inside.length < rows.length) {
        const partial = trainGbdt(
          inside,
          labels.filter((_, i) => fold[i] !== 0),
          gbdtOptions,
        );
        threshold = bestMacroF1Threshold(rows.flatMap((r, i) => (fold[i] === 0 ? [{ probability: gbdtProbability(partial, r), same: prepared[i]!.same }] : [])));
      }
    }
    const gbdt = trainGbdt(rows, labels, gbdtOptions);
    return new PairScorer(terms, model, threshold, segmenter, { gbdt, statistics, siamese });
  }

  private vectorise(features: Map<string, number>) {
    const entries: [number, number][] = [];
    for (const [name, value] of features) {
      const i = this.index.get(name);
      if (i !== undefined && value !== 0) entries.push([i, value]);
    }
    entries.sort((x, y) => x[0] - y[0]);
    return { indices: Int32Array.from(entries, (e) => e[0]), values: Float32Array.from(entries, (e) => e[1]) };
  }

  /** Scores a pair of texts. */
  score(a: string | PreparedText, b: string | PreparedText): PairScore {
    const prepare = (t: string | PreparedText) => (typeof t === 'string' ? prepareText(t, this.segmenter, 'zh') : t);
    const pa = prepare(a);
    const pb = prepare(b);
    const similarities = pairSimilarities(pa, pb);
    const x = this.vectorise(pairFeatures(pa, pb, similarities));
    const linear = linearProbabilities(this.model, x)[1]!;
    if (this.boosted) {
      const { statistics, siamese } = this.boosted;
      const dense = [...densePairFeatures(pa, pb, statistics, similarities), linear, siamese.probability(pairTokenBag(pa, statistics), pairTokenBag(pb, statistics))];
      const probability = gbdtProbability(this.boosted.gbdt, dense);
      const same = probability >= this.threshold;
      const contributions = gbdtContributions(this.boosted.gbdt, dense);
      const topFeatures = [...contributions]
        .map((weight, i) => ({ term: `g:${DENSE_PAIR_FEATURES[i]}`, weight: same ? weight : -weight }))
        .filter((t) => t.weight > 0)
        .sort((p, q) => q.weight - p.weight || (p.term < q.term ? -1 : 1))
        .slice(0, 5)
        .map((t) => ({ term: t.term, weight: Math.round(t.weight * 1e4) / 1e4 }));
      return { probability, same, topFeatures };
    }
    const same = linear >= this.threshold;
    const topFeatures = featureContributions(this.model, x, same ? 1 : 0, 5).map(({ feature, weight }) => ({ term: this.terms[feature]!, weight: Math.round(weight * 1e4) / 1e4 }));
    return { probability: linear, same, topFeatures };
  }

  serialise(): SerialisedPairScorer {
    const base = {
      format: PAIR_SCORER_FORMAT,
      terms: [...this.terms],
      weights: float32ToBase64(this.model.weights),
      bias: [...this.model.bias],
      threshold: this.threshold,
    } satisfies Omit<SerialisedPairScorer, 'formatVersion'>;
    if (!this.boosted) return { ...base, formatVersion: 1 };
    const s = this.boosted.statistics;
    return {
      ...base,
      formatVersion: 2,
      boosted: {
        gbdt: this.boosted.gbdt,
        statistics: { documents: s.documents, averageWords: s.averageWords, terms: [...s.terms], idf: float32ToBase64(s.idf), embeddings: s.embeddings.serialise() },
        siamese: this.boosted.siamese.serialise(),
      },
    };
  }

  static deserialise(value: SerialisedPairScorer, segmenter: Segmenter = defaultSegmenter()): PairScorer {
    if (value.format !== PAIR_SCORER_FORMAT || (value.formatVersion !== 1 && value.formatVersion !== 2)) throw new RangeError('not a loopdesk/pair-scorer, version 1 or 2');
    const weights = base64ToFloat32(value.weights);
    if (weights.length !== value.terms.length * 2 || value.bias.length !== 2) throw new RangeError('weights do not match terms');
    let boosted: Boosted | undefined;
    if (value.formatVersion === 2 && value.boosted) {
      const { gbdt, statistics: s, siamese } = value.boosted;
      const idf = base64ToFloat32(s.idf);
      if (idf.length !== s.terms.length) throw new RangeError('IDF weights do not match terms');
      if (gbdt.features !== DENSE_PAIR_FEATURES.length) throw new RangeError(`the boosted model reads ${gbdt.features} features, this scorer computes ${DENSE_PAIR_FEATURES.length}`);
      boosted = { gbdt, statistics: new PairStatistics(s.documents, s.averageWords, s.terms, idf, WordEmbeddings.deserialise(s.embeddings)), siamese: SiameseBag.deserialise(siamese) };
    }
    return new PairScorer(value.terms, { classes: 2, features: value.terms.length, weights, bias: Float32Array.from(value.bias), scale: 1 }, value.threshold, segmenter, boosted);
  }
}
