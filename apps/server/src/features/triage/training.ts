// Training an institution's classifiers from its labelled cases: one linear model per field
// with enough examples, evaluated on a held-out fifth of them (chosen by the case id, so the
// split is stable between runs), then retrained on all of them.
import { Worker } from 'node:worker_threads';
import { CLASSIFIED_FIELDS, type ClassifiedField } from '@loopdesk/core';
import { classificationReport, defaultSegmenter, hashString, prepareText, TextClassifier, type PreparedText, type SerialisedClassifier } from '@loopdesk/triage';

export interface LabelledCase {
  id: string;
  text: string;
  labels: Partial<Record<ClassifiedField, string>>;
}

export interface FieldEvaluation {
  examples: number;
  heldOut: number;
  labels: string[];
  /** Null when there were too few examples to hold any out. */
  accuracy: number | null;
  macroF1: number | null;
}

export interface TrainedModels {
  models: Partial<Record<ClassifiedField, SerialisedClassifier>>;
  evaluation: Partial<Record<ClassifiedField, FieldEvaluation>>;
  trainedOn: number;
}

/** A field needs this many examples of at least two labels to get a model. */
export const MIN_EXAMPLES = 4;
/** Below this many examples nothing is held out: every example is needed for training. */
const MIN_FOR_HOLD_OUT = 20;

const isHeldOut = (id: string) => hashString(id, 7) % 5 === 0;

export function trainModels(cases: readonly LabelledCase[], modelVersion: string): TrainedModels {
  const segmenter = defaultSegmenter();
  const prepared = new Map<string, PreparedText>();
  const doc = (c: LabelledCase) => {
    let d = prepared.get(c.id);
    if (!d) prepared.set(c.id, (d = prepareText(c.text, segmenter, 'zh')));
    return d;
  };
  const models: TrainedModels['models'] = {};
  const evaluation: TrainedModels['evaluation'] = {};
  const used = new Set<string>();
  for (const field of CLASSIFIED_FIELDS) {
    const examples = cases.filter((c) => c.labels[field]);
    const labels = [...new Set(examples.map((c) => c.labels[field]!))].sort();
    if (examples.length < MIN_EXAMPLES || labels.length < 2) continue;
    const options = { algorithm: 'logistic' as const, segmenter, modelVersion, features: { language: 'zh' as const } };
    let accuracy: number | null = null;
    let macroF1: number | null = null;
    let heldOut = 0;
    if (examples.length >= MIN_FOR_HOLD_OUT) {
      const test = examples.filter((c) => isHeldOut(c.id));
      const train = examples.filter((c) => !isHeldOut(c.id));
      if (test.length > 0 && new Set(train.map((c) => c.labels[field])).size >= 2) {
        const model = TextClassifier.train(train.map((c) => ({ text: doc(c), label: c.labels[field]! })), options);
        const report = classificationReport(
          test.map((c) => c.labels[field]!),
          test.map((c) => model.predict(doc(c)).label),
        );
        accuracy = round(report.accuracy);
        macroF1 = round(report.macroF1);
        heldOut = test.length;
      }
    }
    const final = TextClassifier.train(examples.map((c) => ({ text: doc(c), label: c.labels[field]! })), options);
    models[field] = final.serialise();
    evaluation[field] = { examples: examples.length, heldOut, labels, accuracy, macroF1 };
    examples.forEach((c) => used.add(c.id));
  }
  return { models, evaluation, trainedOn: used.size };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * Trains in a worker thread (see training-worker.mjs), so that the process's event loop keeps
 * serving requests meanwhile; `words` are the institution's added dictionary words.
 */
export function trainModelsInWorker(cases: readonly LabelledCase[], modelVersion: string, words: readonly string[]): Promise<TrainedModels> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./training-worker.mjs', import.meta.url));
    const done = (fn: () => void) => {
      void worker.terminate();
      fn();
    };
    worker.once('message', (m: { ok: true; trained: TrainedModels } | { ok: false; message: string }) => done(() => (m.ok ? resolve(m.trained) : reject(new Error(m.message)))));
    worker.once('error', (error) => done(() => reject(error)));
    worker.once('exit', (code) => reject(new Error(`the training worker stopped with code ${code}`)));
    worker.postMessage({ cases, modelVersion, words });
  });
}
