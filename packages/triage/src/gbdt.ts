// Gradient-boosted decision trees for binary decisions over a few dozen dense features (the pair
// scorer's similarity measures). Histogram splits: each feature is cut once, at training time,
// into at most `bins` quantile bins, and a tree looks only at bin counts — fast and deterministic.
// Trees are complete binary trees of a fixed depth stored as plain arrays (a node that does not
// split sends everything left), so a model is a JSON value like the package's other models and
// explains itself: each decision's path credits the feature that moved the score (Saabas).
import { seededRandom } from './random';

export interface GbdtOptions {
  /** Number of trees. */
  trees: number;
  /** Depth of every tree (2^depth leaves). */
  depth: number;
  /** Shrinkage: each tree's output is multiplied by this. */
  learningRate: number;
  /** At most this many bins per feature (≤ 255). */
  bins: number;
  /** A child must hold at least this hessian mass (≈ examples × p(1 − p)). */
  minChildWeight: number;
  /** L2 on leaf values. */
  l2: number;
  /** Share of the examples each tree sees, drawn from the seed (1 = all). */
  subsample: number;
  seed: number;
}

export const DEFAULT_GBDT: GbdtOptions = { trees: 200, depth: 3, learningRate: 0.05, bins: 64, minChildWeight: 1, l2: 1, subsample: 0.8, seed: 1 };

/** One tree: internal nodes in breadth-first order (children of i are 2i + 1 and 2i + 2), then leaves. */
export interface GbdtTree {
  /** Feature tested at each internal node, −1 when the node does not split (all go left). */
  feature: number[];
  /** A value at or below the threshold goes left. */
  threshold: number[];
  /** The (shrunk) output each internal node would give: for explanations. */
  nodeValue: number[];
  /** Outputs of the 2^depth leaves. */
  leaf: number[];
}

export interface GbdtModel {
  features: number;
  depth: number;
  /** Log-odds before any tree. */
  base: number;
  trees: GbdtTree[];
}

/** Raw log-odds of a dense feature vector. */
export function gbdtMargin(model: GbdtModel, x: ArrayLike<number>): number {
  let margin = model.base;
  const internal = (1 << model.depth) - 1;
  for (const tree of model.trees) {
    let node = 0;
    while (node < internal) {
      const f = tree.feature[node]!;
      node = f >= 0 && x[f]! > tree.threshold[node]! ? 2 * node + 2 : 2 * node + 1;
    }
    margin += tree.leaf[node - internal]!;
  }
  return margin;
}

/** Probability of the positive class. */
export function gbdtProbability(model: GbdtModel, x: ArrayLike<number>): number {
  return 1 / (1 + Math.exp(-gbdtMargin(model, x)));
}

/**
 * How much each feature moved this example's log-odds, summed over the trees along the path it
 * took (each step's change of node value is credited to the feature tested there).
 */
export function gbdtContributions(model: GbdtModel, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(model.features);
  const internal = (1 << model.depth) - 1;
  for (const tree of model.trees) {
    let node = 0;
    let value = tree.nodeValue[0]!;
    while (node < internal) {
      const f = tree.feature[node]!;
      const next = f >= 0 && x[f]! > tree.threshold[node]! ? 2 * node + 2 : 2 * node + 1;
      const nextValue = next < internal ? tree.nodeValue[next]! : tree.leaf[next - internal]!;
      if (f >= 0) out[f]! += nextValue - value;
      node = next;
      value = nextValue;
    }
  }
  return out;
}

/** Bin edges of one feature: a value v falls in the first bin b with v ≤ edges[b], or in bin edges.length. */
function binEdges(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  if (distinct.length <= bins) return distinct.slice(0, -1);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / bins) - 1]!;
    if (v < distinct[distinct.length - 1]! && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
  }
  return edges;
}

function binOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Trains a boosted ensemble with the logistic loss. `rows` are dense vectors of equal length,
 * `labels` 0/1, `weights` optional per-example weights. Deterministic for a seed.
 */
export function trainGbdt(rows: readonly ArrayLike<number>[], labels: readonly number[], options: Partial<GbdtOptions> = {}, weights?: readonly number[]): GbdtModel {
  const o: GbdtOptions = { ...DEFAULT_GBDT, ...options };
  if (o.bins < 2 || o.bins > 255) throw new RangeError('bins must be in 2..255');
  const n = rows.length;
  const f = n > 0 ? rows[0]!.length : 0;
  const depth = o.depth;
  const internal = (1 << depth) - 1;
  // Binned copy of the data, feature-major per row (row r's bins at r·f … r·f + f − 1).
  const edges: number[][] = [];
  const binned = new Uint8Array(n * f);
  const column = new Float64Array(n);
  for (let j = 0; j < f; j++) {
    for (let r = 0; r < n; r++) column[r] = rows[r]![j]!;
    const e = binEdges(column, o.bins);
    edges.push(e);
    for (let r = 0; r < n; r++) binned[r * f + j] = binOf(e, column[r]!);
  }
  const B = o.bins;
  const w = Float64Array.from({ length: n }, (_, r) => weights?.[r] ?? 1);
  let positive = 0;
  let total = 0;
  for (let r = 0; r < n; r++) {
    positive += w[r]! * (labels[r] ? 1 : 0);
    total += w[r]!;
  }
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, total > 0 ? positive / total : 0.5));
  const base = Math.log(prior / (1 - prior));
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const random = seededRandom(o.seed);
  const trees: GbdtTree[] = [];
  const histogram = (members: readonly number[]) => {
    const hg = new Float64Array(f * B);
    const hh = new Float64Array(f * B);
    for (const r of members) {
      const row = r * f;
      const gr = g[r]!;
      const hr = h[r]!;
      for (let j = 0; j < f; j++) {
        const cell = j * B + binned[row + j]!;
        hg[cell]! += gr;
        hh[cell]! += hr;
      }
    }
    return { hg, hh };
  };
  const leafValue = (G: number, H: number) => (-G / (H + o.l2)) * o.learningRate;
  for (let t = 0; t < o.trees; t++) {
    for (let r = 0; r < n; r++) {
      const p = 1 / (1 + Math.exp(-margin[r]!));
      g[r] = (p - (labels[r] ? 1 : 0)) * w[r]!;
      h[r] = Math.max(p * (1 - p), 1e-12) * w[r]!;
    }
    let sample: number[] = [];
    if (o.subsample < 1) {
      for (let r = 0; r < n; r++) if (random() < o.subsample) sample.push(r);
    } else sample = Array.from({ length: n }, (_, r) => r);
    const tree: GbdtTree = { feature: new Array<number>(internal).fill(-1), threshold: new Array<number>(internal).fill(0), nodeValue: new Array<number>(internal).fill(0), leaf: new Array<number>(1 << depth).fill(0) };
    // Rows of each node at the current level; a node with no split passes all its rows left.
    const splitBin = new Array<number>(internal).fill(0);
    let level: (number[] | null)[] = [sample];
    // Histograms of the nodes to split at the current level; a larger child's is its parent's
    // minus its smaller sibling's, so only the smaller one is counted.
    let hists = new Map<number, { hg: Float64Array; hh: Float64Array }>();
    let first = 0;
    for (let d = 0; d <= depth; d++) {
      const next: (number[] | null)[] = [];
      const nextHists = new Map<number, { hg: Float64Array; hh: Float64Array }>();
      for (let k = 0; k < level.length; k++) {
        const node = first + k;
        const members = level[k] ?? null;
        let G = 0;
        let H = 0;
        if (members) for (const r of members) {
          G += g[r]!;
          H += h[r]!;
        }
        const value = members && members.length > 0 ? leafValue(G, H) : 0;
        if (d === depth) {
          tree.leaf[node - internal] = value;
          continue;
        }
        tree.nodeValue[node] = value;
        if (!members || members.length < 2 || H < 2 * o.minChildWeight) {
          next.push(members, null);
          continue;
        }
        const hist = hists.get(node) ?? histogram(members);
        const { hg: histG, hh: histH } = hist;
        const parentScore = (G * G) / (H + o.l2);
        let bestGain = 1e-9;
        let bestFeature = -1;
        let bestBin = 0;
        for (let j = 0; j < f; j++) {
          let GL = 0;
          let HL = 0;
          const last = edges[j]!.length;
          for (let b = 0; b < last; b++) {
            GL += histG[j * B + b]!;
            HL += histH[j * B + b]!;
            const HR = H - HL;
            if (HL < o.minChildWeight) continue;
            if (HR < o.minChildWeight) break;
            const GR = G - GL;
            const gain = (GL * GL) / (HL + o.l2) + (GR * GR) / (HR + o.l2) - parentScore;
            if (gain > bestGain) {
              bestGain = gain;
              bestFeature = j;
              bestBin = b;
            }
          }
        }
        if (bestFeature < 0) {
          next.push(members, null);
          nextHists.set(2 * node + 1, hist);
          continue;
        }
        tree.feature[node] = bestFeature;
        tree.threshold[node] = edges[bestFeature]![bestBin]!;
        splitBin[node] = bestBin;
        const left: number[] = [];
        const right: number[] = [];
        for (const r of members) (binned[r * f + bestFeature]! <= bestBin ? left : right).push(r);
        next.push(left, right);
        if (d + 1 < depth) {
          const leftSmaller = left.length <= right.length;
          const small = histogram(leftSmaller ? left : right);
          const large = { hg: Float64Array.from(histG, (x, i) => x - small.hg[i]!), hh: Float64Array.from(histH, (x, i) => x - small.hh[i]!) };
          nextHists.set(2 * node + 1, leftSmaller ? small : large);
          nextHists.set(2 * node + 2, leftSmaller ? large : small);
        }
      }
      first += level.length;
      level = next;
      hists = nextHists;
    }
    // Every example (sampled or not) moves by the tree's output.
    for (let r = 0; r < n; r++) {
      let node = 0;
      while (node < internal) {
        const j = tree.feature[node]!;
        node = j >= 0 && binned[r * f + j]! > splitBin[node]! ? 2 * node + 2 : 2 * node + 1;
      }
      margin[r]! += tree.leaf[node - internal]!;
    }
    trees.push(tree);
  }
  return { features: f, depth, base, trees };
}
