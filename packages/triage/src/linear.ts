// Linear multi-class models over sparse vectors, and the two ways this package trains them:
// multinomial logistic regression by SGD with L2 (deterministic for a seed) and complement naive
// Bayes. Both end as one weight matrix, so prediction, explanation and serialisation are shared.
import type { SparseVector } from './features';
import { seededRandom, shuffleInPlace } from './random';

/**
 * Weights stored feature-major (`weights[feature * classes + class]`): a sparse input touches a
 * few contiguous rows. Float32 storage halves memory and makes serialisation round-trip exactly.
 */
export interface LinearModel {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Softmax temperature: scores × scale before the softmax (1 for logistic regression). */
  scale: number;
}

export interface LabelledVector {
  vector: SparseVector;
  label: number;
}

/** Raw class scores for a vector. */
export function linearScores(model: LinearModel, x: SparseVector, out = new Float64Array(model.classes)): Float64Array {
  const k = model.classes;
  for (let c = 0; c < k; c++) out[c] = model.bias[c]!;
  for (let n = 0; n < x.indices.length; n++) {
    const row = x.indices[n]! * k;
    const v = x.values[n]!;
    for (let c = 0; c < k; c++) out[c]! += v * model.weights[row + c]!;
  }
  return out;
}

/** Softmax in place with a temperature; returns the same array as probabilities. */
export function softmaxInPlace(scores: Float64Array, scale = 1): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s * scale);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c]! * scale - max);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
  return scores;
}

/** Class probabilities for a vector. */
export function linearProbabilities(model: LinearModel, x: SparseVector): Float64Array {
  return softmaxInPlace(linearScores(model, x), model.scale);
}

/**
 * How much each active feature pushed the given class above the average class: the terms that
 * drove a prediction, largest first.
 */
export function featureContributions(model: LinearModel, x: SparseVector, label: number, limit: number): { feature: number; weight: number }[] {
  const k = model.classes;
  const out: { feature: number; weight: number }[] = [];
  for (let n = 0; n < x.indices.length; n++) {
    const row = x.indices[n]! * k;
    let mean = 0;
    for (let c = 0; c < k; c++) mean += model.weights[row + c]!;
    mean /= k;
    const weight = x.values[n]! * (model.weights[row + label]! - mean);
    if (weight > 0) out.push({ feature: x.indices[n]!, weight });
  }
  out.sort((a, b) => b.weight - a.weight || a.feature - b.feature);
  return out.slice(0, limit);
}

export interface LogisticOptions {
  /** L2 strength per example (sklearn's alpha). */
  l2: number;
  /** Passes over the data; by default 15 for small sets, fewer for large ones (≥ 3, ≈ 300k steps). */
  epochs: number;
  /** Initial learning rate of the 1 / (1 + η₀λt) schedule. */
  learningRate: number;
  /** 'balanced' weighs each class by n / (k · n_class): rare labels count as much as common ones. */
  classWeight: 'balanced' | 'none';
  /**
   * Averaged SGD (Polyak): the model is the mean of the weights sampled about ten times an epoch
   * over the second half of training, not the last noisy iterate. Steadier when the inputs are not
   * normalised (the pair scorer's) or the learning rate is high.
   */
  average: boolean;
  seed: number;
}

export const DEFAULT_LOGISTIC: Omit<LogisticOptions, 'epochs'> = { l2: 1e-5, learningRate: 0.5, classWeight: 'none', average: false, seed: 1 };

function classWeights(data: readonly LabelledVector[], classes: number, mode: LogisticOptions['classWeight']): Float64Array {
  const weights = new Float64Array(classes).fill(1);
  if (mode === 'none') return weights;
  const counts = new Float64Array(classes);
  for (const d of data) counts[d.label]!++;
  for (let c = 0; c < classes; c++) weights[c] = counts[c]! > 0 ? data.length / (classes * counts[c]!) : 0;
  return weights;
}

/**
 * Multinomial logistic regression by plain SGD. L2 decay is applied lazily through a global
 * scale factor so each step costs O(active features × classes), not O(all weights); the example
 * order comes from the seed, so training is deterministic.
 */
export function trainLogistic(data: readonly LabelledVector[], classes: number, features: number, options: Partial<LogisticOptions> = {}): LinearModel {
  const o: LogisticOptions = { ...DEFAULT_LOGISTIC, epochs: Math.max(3, Math.min(15, Math.ceil(300_000 / Math.max(1, data.length)))), ...options };
  const w = new Float64Array(features * classes);
  const bias = new Float64Array(classes);
  const cw = classWeights(data, classes, o.classWeight);
  const order = data.map((_, i) => i);
  const random = seededRandom(o.seed);
  const z = new Float64Array(classes);
  let scale = 1;
  let t = 0;
  const averaged = o.average ? { w: new Float64Array(w.length), bias: new Float64Array(classes), samples: 0 } : null;
  const every = Math.max(1, Math.floor(data.length / 10));
  const averageFrom = Math.floor(o.epochs / 2);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(order, random);
    let seen = 0;
    for (const i of order) {
      if (averaged && epoch >= averageFrom && seen++ % every === 0) {
        for (let j = 0; j < w.length; j++) averaged.w[j]! += w[j]! * scale;
        for (let c = 0; c < classes; c++) averaged.bias[c]! += bias[c]!;
        averaged.samples++;
      }
      const { vector: x, label } = data[i]!;
      const eta = o.learningRate / (1 + o.learningRate * o.l2 * t++);
      for (let c = 0; c < classes; c++) z[c] = bias[c]!;
      for (let n = 0; n < x.indices.length; n++) {
        const row = x.indices[n]! * classes;
        const v = x.values[n]! * scale;
        for (let c = 0; c < classes; c++) z[c]! += v * w[row + c]!;
      }
      softmaxInPlace(z);
      scale *= 1 - eta * o.l2;
      const step = (eta * cw[label]!) / scale;
      for (let c = 0; c < classes; c++) {
        const g = z[c]! - (c === label ? 1 : 0);
        if (g === 0) continue;
        bias[c]! -= eta * cw[label]! * g;
        const gs = g * step;
        for (let n = 0; n < x.indices.length; n++) w[x.indices[n]! * classes + c]! -= gs * x.values[n]!;
      }
      if (scale < 1e-6) {
        for (let j = 0; j < w.length; j++) w[j]! *= scale;
        scale = 1;
      }
    }
  }
  const weights = new Float32Array(w.length);
  if (averaged && averaged.samples > 0) {
    for (let j = 0; j < w.length; j++) weights[j] = averaged.w[j]! / averaged.samples;
    return { classes, features, weights, bias: Float32Array.from(averaged.bias, (b) => b / averaged.samples), scale: 1 };
  }
  for (let j = 0; j < w.length; j++) weights[j] = w[j]! * scale;
  return { classes, features, weights, bias: Float32Array.from(bias), scale: 1 };
}

export interface NaiveBayesOptions {
  /** Additive smoothing. */
  alpha: number;
}

/**
 * Complement naive Bayes (Rennie et al. 2003): each class is scored by how unlike the *other*
 * classes' term distribution the text is, which copes with uneven class sizes far better than
 * multinomial NB. Stored as negated complement log-probabilities so higher means more likely; the
 * softmax temperature is fitted on the training data so confidences are usable.
 */
export function trainComplementNaiveBayes(data: readonly LabelledVector[], classes: number, features: number, options: Partial<NaiveBayesOptions> = {}): LinearModel {
  const alpha = options.alpha ?? 0.3;
  const perClass = new Float64Array(features * classes);
  const total = new Float64Array(features);
  for (const { vector: x, label } of data) {
    for (let n = 0; n < x.indices.length; n++) {
      perClass[x.indices[n]! * classes + label]! += x.values[n]!;
      total[x.indices[n]!]! += x.values[n]!;
    }
  }
  const weights = new Float32Array(features * classes);
  for (let c = 0; c < classes; c++) {
    let complementMass = 0;
    for (let j = 0; j < features; j++) complementMass += total[j]! - perClass[j * classes + c]!;
    const denominator = Math.log(complementMass + alpha * features);
    for (let j = 0; j < features; j++) {
      weights[j * classes + c] = -(Math.log(total[j]! - perClass[j * classes + c]! + alpha) - denominator);
    }
  }
  const model: LinearModel = { classes, features, weights, bias: new Float32Array(classes), scale: 1 };
  model.scale = fitTemperature(model, data);
  return model;
}

/** The softmax temperature that maximises training log-likelihood (a coarse log-scale search). */
function fitTemperature(model: LinearModel, data: readonly LabelledVector[]): number {
  const sample = data.slice(0, 2000).map((d) => ({ scores: linearScores(model, d.vector), label: d.label }));
  let best = 1;
  let bestLoss = Infinity;
  for (let e = -2; e <= 3; e += 0.25) {
    const scale = 10 ** e;
    let loss = 0;
    for (const { scores, label } of sample) loss -= Math.log(softmaxInPlace(Float64Array.from(scores), scale)[label]! + 1e-12);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = scale;
    }
  }
  return best;
}
