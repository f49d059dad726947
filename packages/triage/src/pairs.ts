// Is this pair of texts the same question or complaint? Several similarity measures (character
// n-gram Jaccard and cosine, word overlap, length ratio, edit distance, longest common substring,
// number and negation mismatch) are binned so a linear model can bend them, and joined by sparse
// indicators of the words the texts share and the words only one of them has — which lets the
// model learn that 花呗 vs 借呗 matters while 请问 vs 你好 does not. A small logistic regression
// trained on labelled pairs combines them.
import { base64ToFloat32, float32ToBase64 } from './binary';
import { prepareText, type PreparedText } from './features';
import { featureContributions, linearProbabilities, trainLogistic, type LabelledVector, type LinearModel, type LogisticOptions } from './linear';
import { defaultSegmenter, type Segmenter } from './segment';
import type { TermWeight } from './prediction';
import { characterNgrams } from './text';
import { groupedSplit } from './eval/split';

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
export function pairFeatures(a: PreparedText, b: PreparedText): Map<string, number> {
  const features = new Map<string, number>();
  for (const [name, value] of Object.entries(pairSimilarities(a, b))) {
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

export interface PairScorerOptions {
  /** Sparse word features must occur in this many training pairs (default 5: they overfit fast). */
  minCount?: number;
  logistic?: Partial<LogisticOptions>;
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
  formatVersion: 1;
  terms: string[];
  weights: string;
  bias: number[];
  threshold: number;
}

/** A trained pair classifier: "do these two texts say the same thing?". */
export class PairScorer {
  private readonly index: Map<string, number>;

  private constructor(
    readonly terms: readonly string[],
    readonly model: LinearModel,
    readonly threshold: number,
    private readonly segmenter: Segmenter,
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
  }

  static train(pairs: readonly LabelledPair[], options: PairScorerOptions = {}): PairScorer {
    const segmenter = options.segmenter ?? defaultSegmenter();
    const prepare = (t: string | PreparedText) => (typeof t === 'string' ? prepareText(t, segmenter, 'zh') : t);
    if (options.threshold === 'macro-f1') {
      const prepared = pairs.map((p) => ({ a: prepare(p.a), b: prepare(p.b), same: p.same }));
      const { train, test } = groupedSplit(prepared, (p) => [p.a.text, p.b.text], 0.2, options.logistic?.seed ?? 1);
      const trial = train.length > 0 && test.length > 0 ? PairScorer.train(train, { ...options, segmenter, threshold: 0.5 }) : undefined;
      const threshold = trial ? bestMacroF1Threshold(test.map((p) => ({ probability: trial.score(p.a, p.b).probability, same: p.same }))) : 0.5;
      return PairScorer.train(prepared, { ...options, segmenter, threshold });
    }
    const featureMaps = pairs.map((p) => pairFeatures(prepare(p.a), prepare(p.b)));
    const counts = new Map<string, number>();
    for (const f of featureMaps) for (const name of f.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
    const minCount = options.minCount ?? 5;
    const terms = [...counts.entries()]
      .filter(([name, n]) => n >= minCount || name.startsWith('m:'))
      .map(([name]) => name)
      .sort();
    const scorer = new PairScorer(terms, { classes: 2, features: terms.length, weights: new Float32Array(0), bias: new Float32Array(2), scale: 1 }, 0.5, segmenter);
    const data: LabelledVector[] = featureMaps.map((f, i) => ({ vector: scorer.vectorise(f), label: pairs[i]!.same ? 1 : 0 }));
    const model = trainLogistic(data, 2, terms.length, { learningRate: 0.05, l2: 3e-3, epochs: 10, average: true, ...options.logistic });
    return new PairScorer(terms, model, options.threshold ?? 0.5, segmenter);
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
    const x = this.vectorise(pairFeatures(prepare(a), prepare(b)));
    const probability = linearProbabilities(this.model, x)[1]!;
    const same = probability >= this.threshold;
    const topFeatures = featureContributions(this.model, x, same ? 1 : 0, 5).map(({ feature, weight }) => ({ term: this.terms[feature]!, weight: Math.round(weight * 1e4) / 1e4 }));
    return { probability, same, topFeatures };
  }

  serialise(): SerialisedPairScorer {
    return {
      format: PAIR_SCORER_FORMAT,
      formatVersion: 1,
      terms: [...this.terms],
      weights: float32ToBase64(this.model.weights),
      bias: [...this.model.bias],
      threshold: this.threshold,
    };
  }

  static deserialise(value: SerialisedPairScorer, segmenter: Segmenter = defaultSegmenter()): PairScorer {
    if (value.format !== PAIR_SCORER_FORMAT || value.formatVersion !== 1) throw new RangeError('not a loopdesk/pair-scorer, version 1');
    const weights = base64ToFloat32(value.weights);
    if (weights.length !== value.terms.length * 2 || value.bias.length !== 2) throw new RangeError('weights do not match terms');
    return new PairScorer(value.terms, { classes: 2, features: value.terms.length, weights, bias: Float32Array.from(value.bias), scale: 1 }, value.threshold, segmenter);
  }
}
