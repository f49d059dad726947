// Classification metrics for the evaluation harness. Macro-F1 averages over the labels present in
// the test set: a label the model never saw in training can never be predicted, so it scores 0
// and pulls the average down rather than silently disappearing.

export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Test examples with this true label. */
  support: number;
}

export interface ConfusionEntry {
  actual: string;
  predicted: string;
  count: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perClass: ClassReport[];
  /** The most frequent mistakes, largest first. */
  topConfusions: ConfusionEntry[];
  examples: number;
}

/** Accuracy, macro-F1 over the labels present in `actual`, per-class F1 and the main confusions. */
export function classificationReport(actual: readonly string[], predicted: readonly string[], topConfusions = 5): ClassificationReport {
  if (actual.length !== predicted.length) throw new RangeError('actual and predicted differ in length');
  const present = [...new Set(actual)].sort();
  const confusion = new Map<string, number>();
  let correct = 0;
  actual.forEach((a, i) => {
    const p = predicted[i]!;
    if (a === p) correct++;
    const key = `${a}\u0000${p}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  });
  const perClass = present.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    actual.forEach((a, i) => {
      const p = predicted[i];
      if (a === label && p === label) tp++;
      else if (p === label) fp++;
      else if (a === label) fn++;
    });
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support: tp + fn };
  });
  const mistakes = [...confusion.entries()]
    .map(([key, count]) => {
      const [a, p] = key.split('\u0000') as [string, string];
      return { actual: a, predicted: p, count };
    })
    .filter((e) => e.actual !== e.predicted)
    .sort((x, y) => y.count - x.count || (x.actual + x.predicted < y.actual + y.predicted ? -1 : 1));
  return {
    accuracy: actual.length === 0 ? 0 : correct / actual.length,
    macroF1: perClass.length === 0 ? 0 : perClass.reduce((s, c) => s + c.f1, 0) / perClass.length,
    perClass,
    topConfusions: mistakes.slice(0, topConfusions),
    examples: actual.length,
  };
}
