// Word vectors learnt locally from an institution's own texts: positive pointwise mutual
// information of words seen within a few words of each other, reduced by a truncated SVD (a
// few subspace iterations from a seeded start). No outside weights: words that keep the same
// company (借款 / 贷款, 提额 / 提高额度) end with close vectors, which the pair scorer reads as
// soft word overlap. Deterministic for a seed; stored as Float32 so serialisation is exact.
import { base64ToFloat32, float32ToBase64 } from './binary';
import { seededRandom, shuffleInPlace } from './random';

export interface EmbeddingOptions {
  /** Vector length. */
  dimensions: number;
  /** Words this many positions apart or nearer count as co-occurring. */
  window: number;
  /** A word must occur this many times to get a vector. */
  minCount: number;
  /** At most this many words (the most frequent). */
  maxWords: number;
  /** Subspace iterations (each multiplies by the PPMI matrix twice). */
  iterations: number;
  seed: number;
}

export const DEFAULT_EMBEDDINGS: EmbeddingOptions = { dimensions: 48, window: 3, minCount: 3, maxWords: 8000, iterations: 4, seed: 1 };

export interface SerialisedEmbeddings {
  words: string[];
  dimensions: number;
  vectors: string;
}

/** Unit-length word vectors. */
export class WordEmbeddings {
  private readonly index: Map<string, number>;

  constructor(
    readonly words: readonly string[],
    readonly dimensions: number,
    readonly vectors: Float32Array,
  ) {
    if (vectors.length !== words.length * dimensions) throw new RangeError('vectors do not match words');
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The unit vector of a word, or undefined when it has none. */
  vector(word: string): Float32Array | undefined {
    const i = this.index.get(word);
    return i === undefined ? undefined : this.vectors.subarray(i * this.dimensions, (i + 1) * this.dimensions);
  }

  /** Cosine of two words' vectors: 1 for the same word, 0 when either has no vector. */
  similarity(a: string, b: string): number {
    if (a === b) return 1;
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return 0;
    let dot = 0;
    const d = this.dimensions;
    for (let k = 0; k < d; k++) dot += this.vectors[i * d + k]! * this.vectors[j * d + k]!;
    return dot;
  }

  /** The (weighted) mean of the vectors of the words that have one, unit length; null when none has. */
  mean(words: readonly string[], weight: (word: string) => number = () => 1): Float64Array | null {
    const d = this.dimensions;
    const out = new Float64Array(d);
    let any = false;
    for (const w of words) {
      const i = this.index.get(w);
      if (i === undefined) continue;
      any = true;
      const s = weight(w);
      for (let k = 0; k < d; k++) out[k]! += s * this.vectors[i * d + k]!;
    }
    if (!any) return null;
    let norm = 0;
    for (const v of out) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < d; k++) out[k]! /= norm;
    return out;
  }

  serialise(): SerialisedEmbeddings {
    return { words: [...this.words], dimensions: this.dimensions, vectors: float32ToBase64(this.vectors) };
  }

  static deserialise(value: SerialisedEmbeddings): WordEmbeddings {
    return new WordEmbeddings(value.words, value.dimensions, base64ToFloat32(value.vectors));
  }

  /** Learns vectors from tokenised texts (each a list of words). */
  static train(texts: readonly (readonly string[])[], options: Partial<EmbeddingOptions> = {}): WordEmbeddings {
    const o: EmbeddingOptions = { ...DEFAULT_EMBEDDINGS, ...options };
    const frequency = new Map<string, number>();
    for (const t of texts) for (const w of t) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    const vocabulary = [...frequency.entries()]
      .filter(([, n]) => n >= o.minCount)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, o.maxWords)
      .map(([w]) => w);
    const v = vocabulary.length;
    const d = Math.min(o.dimensions, Math.max(1, v));
    if (v === 0) return new WordEmbeddings([], d, new Float32Array(0));
    const index = new Map(vocabulary.map((w, i) => [w, i]));
    // Symmetric co-occurrence counts, weighted 1 / distance.
    const pairs = new Map<number, number>();
    for (const t of texts) {
      const ids = t.map((w) => index.get(w) ?? -1);
      for (let i = 0; i < ids.length; i++) {
        if (ids[i]! < 0) continue;
        for (let j = i + 1; j <= i + o.window && j < ids.length; j++) {
          if (ids[j]! < 0 || ids[j] === ids[i]) continue;
          const a = Math.min(ids[i]!, ids[j]!);
          const b = Math.max(ids[i]!, ids[j]!);
          const key = a * v + b;
          pairs.set(key, (pairs.get(key) ?? 0) + 1 / (j - i));
        }
      }
    }
    const rowSum = new Float64Array(v);
    let total = 0;
    for (const [key, c] of pairs) {
      rowSum[Math.floor(key / v)]! += c;
      rowSum[key % v]! += c;
      total += 2 * c;
    }
    // Context distribution smoothed by the power 0.75 (Levy et al. 2015).
    const smoothed = Float64Array.from(rowSum, (s) => s ** 0.75);
    const smoothedTotal = smoothed.reduce((s, x) => s + x, 0);
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    for (const [key, c] of pairs) {
      const a = Math.floor(key / v);
      const b = key % v;
      for (const [i, j] of [
        [a, b],
        [b, a],
      ] as const) {
        const value = Math.log(c / total / ((rowSum[i]! / total) * (smoothed[j]! / smoothedTotal)));
        if (value > 0) {
          rows.push(i);
          cols.push(j);
          vals.push(value);
        }
      }
    }
    // M·x (or Mᵀ·x) for the sparse M held as (rows, cols, vals), x a v×d block of columns.
    const times = (x: Float64Array, transposed = false): Float64Array => {
      const y = new Float64Array(v * d);
      const [to, from] = transposed ? [cols, rows] : [rows, cols];
      for (let n = 0; n < vals.length; n++) {
        const r = to[n]! * d;
        const c = from[n]! * d;
        const s = vals[n]!;
        for (let k = 0; k < d; k++) y[r + k]! += s * x[c + k]!;
      }
      return y;
    };
    const random = seededRandom(o.seed);
    let q: Float64Array = Float64Array.from({ length: v * d }, () => random() - 0.5);
    orthonormaliseColumns(q, v, d);
    for (let it = 0; it < o.iterations; it++) {
      // The PPMI matrix is not symmetric (the context side is smoothed): iterate with M·Mᵀ.
      q = times(times(q, true));
      orthonormaliseColumns(q, v, d);
    }
    // Rows of M projected on the top right singular subspace: U·S up to a rotation, which
    // cosines do not see.
    const projected = multiplyTransposedInto(q);
    const vectors = new Float32Array(v * d);
    for (let i = 0; i < v; i++) {
      let norm = 0;
      for (let k = 0; k < d; k++) norm += projected[i * d + k]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let k = 0; k < d; k++) vectors[i * d + k] = projected[i * d + k]! / norm;
    }
    return new WordEmbeddings(vocabulary, d, vectors);

    function multiplyTransposedInto(leftSingular: Float64Array): Float64Array {
      // With Q spanning the top left singular vectors, P = orth(Mᵀ·Q) spans the right ones and M·P = U·S·(rotation).
      const p = times(leftSingular, true);
      orthonormaliseColumns(p, v, d);
      return times(p);
    }
  }
}

/** Modified Gram–Schmidt over the d columns of a row-major v × d matrix, in place. */
function orthonormaliseColumns(m: Float64Array, v: number, d: number): void {
  for (let k = 0; k < d; k++) {
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let i = 0; i < v; i++) dot += m[i * d + k]! * m[i * d + j]!;
      for (let i = 0; i < v; i++) m[i * d + k]! -= dot * m[i * d + j]!;
    }
    let norm = 0;
    for (let i = 0; i < v; i++) norm += m[i * d + k]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < v; i++) m[i * d + k]! /= norm;
  }
}

export interface SiameseOptions {
  dimensions: number;
  epochs: number;
  learningRate: number;
  /** L2 pull of each touched vector towards its starting point. */
  l2: number;
  seed: number;
}

export const DEFAULT_SIAMESE: SiameseOptions = { dimensions: 48, epochs: 5, learningRate: 0.05, l2: 1e-4, seed: 1 };

export interface SerialisedSiamese {
  tokens: string[];
  dimensions: number;
  vectors: string;
  scale: number;
  bias: number;
}

/** A weighted bag of tokens (token → weight). */
export type TokenBag = ReadonlyMap<string, number>;

/**
 * A pair model learnt from labelled pairs: each text is the weighted sum of its tokens' vectors,
 * and P(same) = σ(scale · cos(a, b) + bias). Trained by SGD on the logistic loss, starting from
 * given vectors (the PPMI ones) where there are some and small seeded random ones elsewhere, so
 * it learns which words stand in for each other in this institution's questions (借不到 ↔ 不可贷款).
 */
export class SiameseBag {
  private readonly index: Map<string, number>;

  constructor(
    readonly tokens: readonly string[],
    readonly dimensions: number,
    readonly vectors: Float32Array,
    readonly scale: number,
    readonly bias: number,
  ) {
    this.index = new Map(tokens.map((t, i) => [t, i]));
  }

  private embed(bag: TokenBag): Float64Array {
    const d = this.dimensions;
    const v = new Float64Array(d);
    for (const [t, w] of bag) {
      const i = this.index.get(t);
      if (i === undefined) continue;
      for (let k = 0; k < d; k++) v[k]! += w * this.vectors[i * d + k]!;
    }
    return v;
  }

  /** The cosine of the two texts' vectors (0 when either has no known token). */
  cosine(a: TokenBag, b: TokenBag): number {
    return cosineOf(this.embed(a), this.embed(b));
  }

  probability(a: TokenBag, b: TokenBag): number {
    return 1 / (1 + Math.exp(-(this.scale * this.cosine(a, b) + this.bias)));
  }

  serialise(): SerialisedSiamese {
    return { tokens: [...this.tokens], dimensions: this.dimensions, vectors: float32ToBase64(this.vectors), scale: this.scale, bias: this.bias };
  }

  static deserialise(value: SerialisedSiamese): SiameseBag {
    return new SiameseBag(value.tokens, value.dimensions, base64ToFloat32(value.vectors), value.scale, value.bias);
  }

  static train(pairs: readonly { a: TokenBag; b: TokenBag; same: boolean }[], start: (token: string) => ArrayLike<number> | undefined, options: Partial<SiameseOptions> = {}): SiameseBag {
    const o: SiameseOptions = { ...DEFAULT_SIAMESE, ...options };
    const d = o.dimensions;
    const tokenSet = new Set<string>();
    for (const p of pairs) for (const t of [...p.a.keys(), ...p.b.keys()]) tokenSet.add(t);
    const tokens = [...tokenSet].sort();
    const index = new Map(tokens.map((t, i) => [t, i]));
    const random = seededRandom(o.seed);
    const w = new Float64Array(tokens.length * d);
    tokens.forEach((t, i) => {
      const s = start(t);
      for (let k = 0; k < d; k++) w[i * d + k] = s && k < s.length ? s[k]! : (random() - 0.5) * 0.2;
    });
    const w0 = Float64Array.from(w);
    let scale = 5;
    let bias = -2.5;
    const order = pairs.map((_, i) => i);
    const ga = new Float64Array(d);
    const gb = new Float64Array(d);
    // Each text once as parallel arrays of vector offsets and weights.
    const indexed = (bag: TokenBag) => ({ at: Int32Array.from(bag.keys(), (t) => index.get(t)! * d), weight: Float64Array.from(bag.values()) });
    const texts = pairs.map((p) => ({ a: indexed(p.a), b: indexed(p.b), same: p.same }));
    const embed = (bag: { at: Int32Array; weight: Float64Array }, out: Float64Array) => {
      out.fill(0);
      for (let n = 0; n < bag.at.length; n++) {
        const i = bag.at[n]!;
        const weight = bag.weight[n]!;
        for (let k = 0; k < d; k++) out[k]! += weight * w[i + k]!;
      }
      return out;
    };
    const va = new Float64Array(d);
    const vb = new Float64Array(d);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const eta = o.learningRate / (1 + epoch);
      shuffleInPlace(order, random);
      for (const n of order) {
        const p = texts[n]!;
        embed(p.a, va);
        embed(p.b, vb);
        let na = 0;
        let nb = 0;
        let dot = 0;
        for (let k = 0; k < d; k++) {
          na += va[k]! ** 2;
          nb += vb[k]! ** 2;
          dot += va[k]! * vb[k]!;
        }
        na = Math.sqrt(na);
        nb = Math.sqrt(nb);
        if (na === 0 || nb === 0) continue;
        const cos = dot / (na * nb);
        const prob = 1 / (1 + Math.exp(-(scale * cos + bias)));
        const g = prob - (p.same ? 1 : 0);
        // d cos / d va = (vb / nb − cos · va / na) / na, and symmetrically.
        for (let k = 0; k < d; k++) {
          ga[k] = (g * scale * (vb[k]! / nb - (cos * va[k]!) / na)) / na;
          gb[k] = (g * scale * (va[k]! / na - (cos * vb[k]!) / nb)) / nb;
        }
        scale -= eta * 0.1 * g * cos;
        bias -= eta * 0.1 * g;
        for (const [bag, grad] of [
          [p.a, ga],
          [p.b, gb],
        ] as const) {
          for (let m = 0; m < bag.at.length; m++) {
            const i = bag.at[m]!;
            const weight = bag.weight[m]!;
            for (let k = 0; k < d; k++) w[i + k]! -= eta * (weight * grad[k]! + o.l2 * (w[i + k]! - w0[i + k]!));
          }
        }
      }
    }
    return new SiameseBag(tokens, d, Float32Array.from(w), scale, bias);
  }
}

function cosineOf(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    dot += a[k]! * b[k]!;
    na += a[k]! ** 2;
    nb += b[k]! ** 2;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
