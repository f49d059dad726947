// A generic multi-class text classifier: one implementation serves kind, content category,
// business line and the JR/T 0169 cause. It is a value: trained from labelled examples, asked
// for predictions with their driving terms, serialised to a versioned JSON-able object and read
// back. A staff correction is handled by retraining with the corrected example added.
import {
  DEFAULT_FEATURES,
  Vectorizer,
  detectLanguage,
  displayTerm,
  prepareText,
  type FeatureConfig,
  type PreparedText,
} from './features';
import { base64ToFloat32, float32ToBase64 } from './binary';
import {
  featureContributions,
  linearProbabilities,
  trainComplementNaiveBayes,
  trainLogistic,
  type LabelledVector,
  type LinearModel,
  type LogisticOptions,
  type NaiveBayesOptions,
} from './linear';
import type { Prediction, TermWeight } from './prediction';
import { defaultSegmenter, type Segmenter } from './segment';

export type Algorithm = 'logistic' | 'complement-nb';

export interface LabelledText {
  text: string | PreparedText;
  label: string;
}

export interface TrainOptions {
  algorithm?: Algorithm;
  /** Feature settings; `language` defaults to the one most training texts are written in. */
  features?: Partial<FeatureConfig>;
  logistic?: Partial<LogisticOptions>;
  naiveBayes?: Partial<NaiveBayesOptions>;
  /** Recorded on every prediction, e.g. 'kind@7'. */
  modelVersion?: string;
  segmenter?: Segmenter;
}

export const CLASSIFIER_FORMAT = 'loopdesk/text-classifier';
export const CLASSIFIER_FORMAT_VERSION = 1;

/** The serialised form of a classifier: plain JSON, weights as base64 float32. */
export interface SerialisedClassifier {
  format: typeof CLASSIFIER_FORMAT;
  formatVersion: typeof CLASSIFIER_FORMAT_VERSION;
  modelVersion: string;
  algorithm: Algorithm;
  labels: string[];
  features: FeatureConfig;
  trainedOn: number;
  terms: string[];
  idf: string;
  weights: string;
  bias: number[];
  scale: number;
  logistic?: Partial<LogisticOptions>;
  naiveBayes?: Partial<NaiveBayesOptions>;
}

export class TextClassifier {
  private constructor(
    readonly labels: readonly string[],
    readonly algorithm: Algorithm,
    readonly vectorizer: Vectorizer,
    readonly model: LinearModel,
    readonly modelVersion: string,
    readonly trainedOn: number,
    private readonly trainOptions: TrainOptions,
    private readonly segmenter: Segmenter,
  ) {}

  /** Trains a classifier from labelled texts (at least two distinct labels). */
  static train(examples: readonly LabelledText[], options: TrainOptions = {}): TextClassifier {
    const trained = TextClassifier.trainMany(
      examples.map((e) => e.text),
      { model: examples.map((e) => e.label) },
      options,
    );
    return trained.model!;
  }

  /**
   * Trains one classifier per label field over the same texts (kind, category, business line,
   * cause of the same cases). The vocabulary does not depend on the labels, so the texts are
   * segmented and vectorised once for all fields: most of the cost of retraining.
   */
  static trainMany<Field extends string>(
    texts: readonly (string | PreparedText)[],
    labelsByField: Readonly<Record<Field, readonly string[]>>,
    options: TrainOptions | Readonly<Record<NoInfer<Field>, TrainOptions>> = {},
  ): Record<Field, TextClassifier> {
    const fields = Object.keys(labelsByField) as Field[];
    const optionsOf = (field: Field): TrainOptions =>
      fields.every((f) => f in options) ? (options as Record<Field, TrainOptions>)[field] : (options as TrainOptions);
    const first = optionsOf(fields[0]!);
    const segmenter = first.segmenter ?? defaultSegmenter();
    const language =
      first.features?.language ?? majorityLanguage(texts.map((t) => (typeof t === 'string' ? detectLanguage(t) : t.language)));
    const config: FeatureConfig = { ...DEFAULT_FEATURES, ...first.features, language };
    const docs = texts.map((t) => (typeof t === 'string' ? prepareText(t, segmenter, language) : t));
    const vectorizer = Vectorizer.fit(docs, config);
    const vectors = docs.map((doc) => vectorizer.transform(doc, false));
    const models = {} as Record<Field, TextClassifier>;
    for (const field of fields) {
      const fieldOptions = optionsOf(field);
      const given = labelsByField[field];
      if (given.length !== texts.length) throw new RangeError(`${field}: ${given.length} labels for ${texts.length} texts`);
      const labels = [...new Set(given)].sort();
      if (labels.length < 2) throw new RangeError(`${field}: a classifier needs examples of at least two labels`);
      const labelIndex = new Map(labels.map((l, i) => [l, i]));
      const data: LabelledVector[] = vectors.map((vector, i) => ({ vector, label: labelIndex.get(given[i]!)! }));
      const algorithm = fieldOptions.algorithm ?? 'logistic';
      const model =
        algorithm === 'logistic'
          ? trainLogistic(data, labels.length, vectorizer.size, fieldOptions.logistic)
          : trainComplementNaiveBayes(data, labels.length, vectorizer.size, fieldOptions.naiveBayes);
      const kept: TrainOptions = { ...fieldOptions, features: config };
      models[field] = new TextClassifier(labels, algorithm, vectorizer, model, fieldOptions.modelVersion ?? 'unversioned', texts.length, kept, segmenter);
    }
    return models;
  }

  /** Trains a new classifier with the same settings on a new example set (e.g. after corrections). */
  retrain(examples: readonly LabelledText[], modelVersion?: string): TextClassifier {
    return TextClassifier.train(examples, { ...this.trainOptions, segmenter: this.segmenter, modelVersion: modelVersion ?? this.modelVersion });
  }

  /** Segments a text the way this model reads it; share the result between models of one language. */
  prepare(text: string): PreparedText {
    return prepareText(text, this.segmenter, this.vectorizer.config.language);
  }

  /** Predicts a label with its confidence, the terms that drove it and the alternatives. */
  predict(text: string | PreparedText, options: { topFeatures?: number } = {}): Prediction {
    const doc = typeof text === 'string' ? this.prepare(text) : text;
    const x = this.vectorizer.transform(doc);
    const probabilities = linearProbabilities(this.model, x);
    const ranked = [...probabilities].map((p, i) => ({ label: this.labels[i]!, confidence: p })).sort((a, b) => b.confidence - a.confidence);
    const best = ranked[0]!;
    const topFeatures: TermWeight[] = [];
    const seen = new Set<string>();
    for (const { feature, weight } of featureContributions(this.model, x, this.labels.indexOf(best.label), (options.topFeatures ?? 5) * 3)) {
      const term = displayTerm(this.vectorizer.terms[feature]!);
      // A word and its character n-gram read the same to a person: show it once.
      if (seen.has(term)) continue;
      seen.add(term);
      topFeatures.push({ term, weight: round(weight) });
      if (topFeatures.length === (options.topFeatures ?? 5)) break;
    }
    return { label: best.label, confidence: best.confidence, source: 'model', modelVersion: this.modelVersion, topFeatures, alternatives: ranked };
  }

  serialise(): SerialisedClassifier {
    const { segmenter: _segmenter, ...portable } = this.trainOptions;
    return {
      format: CLASSIFIER_FORMAT,
      formatVersion: CLASSIFIER_FORMAT_VERSION,
      modelVersion: this.modelVersion,
      algorithm: this.algorithm,
      labels: [...this.labels],
      features: { ...this.vectorizer.config },
      trainedOn: this.trainedOn,
      terms: [...this.vectorizer.terms],
      idf: float32ToBase64(this.vectorizer.idf),
      weights: float32ToBase64(this.model.weights),
      bias: [...this.model.bias],
      scale: this.model.scale,
      ...(portable.logistic ? { logistic: portable.logistic } : {}),
      ...(portable.naiveBayes ? { naiveBayes: portable.naiveBayes } : {}),
    };
  }

  /** Reads a serialised classifier back; throws a RangeError naming the first problem found. */
  static deserialise(value: unknown, segmenter: Segmenter = defaultSegmenter()): TextClassifier {
    const s = checkSerialised(value);
    const idf = base64ToFloat32(s.idf);
    const weights = base64ToFloat32(s.weights);
    const classes = s.labels.length;
    if (idf.length !== s.terms.length) throw new RangeError('idf and terms differ in length');
    if (weights.length !== s.terms.length * classes) throw new RangeError('weights do not match terms × labels');
    if (s.bias.length !== classes) throw new RangeError('bias does not match labels');
    const model: LinearModel = { classes, features: s.terms.length, weights, bias: Float32Array.from(s.bias), scale: s.scale };
    const options: TrainOptions = { algorithm: s.algorithm, features: s.features, modelVersion: s.modelVersion };
    if (s.logistic) options.logistic = s.logistic;
    if (s.naiveBayes) options.naiveBayes = s.naiveBayes;
    return new TextClassifier(s.labels, s.algorithm, new Vectorizer(s.features, s.terms, idf), model, s.modelVersion, s.trainedOn, options, segmenter);
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function majorityLanguage(languages: readonly string[]): 'zh' | 'en' {
  const zh = languages.filter((l) => l === 'zh').length;
  return zh * 2 >= languages.length ? 'zh' : 'en';
}

function checkSerialised(value: unknown): SerialisedClassifier {
  const v = value as Partial<SerialisedClassifier> | null;
  if (typeof v !== 'object' || v === null) throw new RangeError('a serialised classifier is an object');
  if (v.format !== CLASSIFIER_FORMAT) throw new RangeError(`not a ${CLASSIFIER_FORMAT}`);
  if (v.formatVersion !== CLASSIFIER_FORMAT_VERSION) throw new RangeError(`unsupported format version ${String(v.formatVersion)}`);
  if (v.algorithm !== 'logistic' && v.algorithm !== 'complement-nb') throw new RangeError('unknown algorithm');
  const strings = (xs: unknown) => Array.isArray(xs) && xs.every((x) => typeof x === 'string');
  if (!strings(v.labels) || !strings(v.terms)) throw new RangeError('labels and terms are string arrays');
  if (!Array.isArray(v.bias) || !v.bias.every((x) => typeof x === 'number')) throw new RangeError('bias is a number array');
  if (typeof v.idf !== 'string' || typeof v.weights !== 'string') throw new RangeError('idf and weights are base64 strings');
  if (typeof v.scale !== 'number' || typeof v.trainedOn !== 'number' || typeof v.modelVersion !== 'string') throw new RangeError('scale, trainedOn, modelVersion missing');
  const f = v.features;
  if (typeof f !== 'object' || f === null || (f.language !== 'zh' && f.language !== 'en')) throw new RangeError('features are missing');
  return v as SerialisedClassifier;
}
