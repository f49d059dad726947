import { describe, expect, it } from 'vitest';
import { gbdtContributions, gbdtMargin, gbdtProbability, trainGbdt, type GbdtModel } from './gbdt';
import { linearProbabilities, trainLogistic } from './linear';
import { seededRandom } from './random';

/** Points of the unit square labelled by XOR of the two halves: no line separates them. */
function xor(n: number, seed: number) {
  const random = seededRandom(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = random();
    const y = random();
    rows.push([x, y, random()]); // the third feature is noise
    labels.push(x > 0.5 !== y > 0.5 ? 1 : 0);
  }
  return { rows, labels };
}

const accuracy = (model: GbdtModel, rows: number[][], labels: number[]) => rows.filter((r, i) => (gbdtProbability(model, r) >= 0.5 ? 1 : 0) === labels[i]).length / rows.length;

describe('gradient-boosted trees', () => {
  const train = xor(600, 1);
  const test = xor(300, 2);

  it('learn XOR, which a linear model over the same features cannot', () => {
    const model = trainGbdt(train.rows, train.labels, { trees: 60, depth: 2, learningRate: 0.3, seed: 3 });
    expect(accuracy(model, test.rows, test.labels)).toBeGreaterThan(0.93);
    const dense = (r: number[]) => ({ indices: Int32Array.from([0, 1, 2]), values: Float32Array.from(r) });
    const linear = trainLogistic(
      train.rows.map((r, i) => ({ vector: dense(r), label: train.labels[i]! })),
      2,
      3,
      { epochs: 30, learningRate: 0.1, seed: 3 },
    );
    const linearAccuracy = test.rows.filter((r, i) => (linearProbabilities(linear, dense(r))[1]! >= 0.5 ? 1 : 0) === test.labels[i]).length / test.rows.length;
    expect(linearAccuracy).toBeLessThan(0.7);
  });

  it('are deterministic for a seed, and a JSON round trip gives the same scores', () => {
    const options = { trees: 30, depth: 3, subsample: 0.7, seed: 5 };
    const model = trainGbdt(train.rows, train.labels, options);
    expect(trainGbdt(train.rows, train.labels, options)).toEqual(model);
    expect(trainGbdt(train.rows, train.labels, { ...options, seed: 6 })).not.toEqual(model);
    const restored = JSON.parse(JSON.stringify(model)) as GbdtModel;
    for (const r of test.rows) expect(gbdtMargin(restored, r)).toBe(gbdtMargin(model, r));
  });

  it('explain a score: the base, the trees’ root values and the per-feature contributions add up to the margin', () => {
    const model = trainGbdt(train.rows, train.labels, { trees: 40, depth: 3, seed: 7 });
    for (const r of test.rows.slice(0, 20)) {
      const contributions = gbdtContributions(model, r);
      const roots = model.trees.reduce((s, t) => s + t.nodeValue[0]!, 0);
      expect(model.base + roots + contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(gbdtMargin(model, r), 9);
    }
    // The noise feature moves little next to the two that decide.
    const total = [0, 0, 0];
    for (const r of test.rows) gbdtContributions(model, r).forEach((c, j) => (total[j]! += Math.abs(c)));
    expect(total[2]!).toBeLessThan(total[0]! / 3);
    expect(total[2]!).toBeLessThan(total[1]! / 3);
  });

  it('start from the weighted prior and split nothing on a constant feature', () => {
    const rows = Array.from({ length: 40 }, () => [1]);
    const labels = Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));
    const model = trainGbdt(rows, labels, { trees: 5 });
    expect(model.base).toBeCloseTo(Math.log(10 / 30), 9);
    expect(model.trees.every((t) => t.feature.every((f) => f === -1))).toBe(true);
  });
});
