// Near-duplicate detection by MinHash over character shingles of the PII-masked text, with
// locality-sensitive hashing (LSH) bands so candidates come from a key look-up, not a scan. The
// band keys are plain strings: the server stores them in a database table so several processes
// share one index; `LshIndex` is the same index in memory (tests, bench, hot-topic batches).
import { maskPii } from './pii';
import { hashString, seededRandom } from './random';
import { contentCharacters, normaliseText } from './text';

export interface MinHashOptions {
  /** Number of hash functions (signature length); must be bands × rows. */
  permutations: number;
  /** LSH bands: two texts become candidates when any band matches exactly. */
  bands: number;
  /** Characters per shingle: 2 suits Chinese, where most words are two characters. */
  shingleSize: number;
  seed: number;
}

/**
 * 64 hashes in 16 bands of 4 rows: a pair with Jaccard similarity s becomes a candidate with
 * probability 1 − (1 − s⁴)¹⁶ — 0.5 at s ≈ 0.47, 0.96 at s = 0.7, 0.02 at s = 0.2.
 */
export const DEFAULT_MINHASH: MinHashOptions = { permutations: 64, bands: 16, shingleSize: 2, seed: 20_26 };

export type Signature = Uint32Array;

interface HashFamily {
  multipliers: Uint32Array;
  offsets: Uint32Array;
}

const families = new Map<number, HashFamily>();

function hashFamily(options: MinHashOptions): HashFamily {
  const key = options.seed * 4096 + options.permutations;
  let family = families.get(key);
  if (!family) {
    const random = seededRandom(options.seed);
    const multipliers = new Uint32Array(options.permutations);
    const offsets = new Uint32Array(options.permutations);
    for (let i = 0; i < options.permutations; i++) {
      multipliers[i] = (Math.floor(random() * 2 ** 32) | 1) >>> 0; // odd: a bijection mod 2³²
      offsets[i] = Math.floor(random() * 2 ** 32) >>> 0;
    }
    family = { multipliers, offsets };
    families.set(key, family);
  }
  return family;
}

/** The text duplicates are judged on: PII replaced by type placeholders, punctuation dropped. */
export function duplicateBasis(text: string): string {
  return contentCharacters(maskPii(normaliseText(text), { style: 'placeholder' })).join('');
}

/** The set of character shingles of a text (the whole text when shorter than a shingle). */
export function shingles(text: string, size = DEFAULT_MINHASH.shingleSize): Set<string> {
  const chars = [...duplicateBasis(text)];
  const out = new Set<string>();
  if (chars.length > 0 && chars.length < size) out.add(chars.join(''));
  for (let i = 0; i + size <= chars.length; i++) out.add(chars.slice(i, i + size).join(''));
  return out;
}

/** The MinHash signature of a text. */
export function signature(text: string, options: MinHashOptions = DEFAULT_MINHASH): Signature {
  const { multipliers, offsets } = hashFamily(options);
  const sig = new Uint32Array(options.permutations).fill(0xffffffff);
  for (const shingle of shingles(text, options.shingleSize)) {
    const h = hashString(shingle);
    for (let i = 0; i < sig.length; i++) {
      let v = (Math.imul(multipliers[i]!, h) + offsets[i]!) >>> 0;
      v = (v ^ (v >>> 15)) >>> 0; // the low bits of a multiply-add are weak; fold the high ones in
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures, in [0, 1]. */
export function similarity(a: Signature, b: Signature): number {
  if (a.length !== b.length) throw new RangeError('signatures of different lengths');
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** One 32-bit hash per LSH band of a signature. */
export function bandHashes(sig: Signature, options: MinHashOptions = DEFAULT_MINHASH): number[] {
  const rows = options.permutations / options.bands;
  if (!Number.isInteger(rows)) throw new RangeError('permutations must be a multiple of bands');
  const out: number[] = [];
  for (let b = 0; b < options.bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < rows; r++) h = Math.imul(h ^ sig[b * rows + r]!, 0x01000193);
    out.push(h >>> 0);
  }
  return out;
}

/** The band keys to store for a signature: `band:hash`, equal keys meaning a candidate pair. */
export function bandKeys(sig: Signature, options: MinHashOptions = DEFAULT_MINHASH): string[] {
  return bandHashes(sig, options).map((h, b) => `${b}:${h.toString(36)}`);
}

/** Signature ↔ base64, for storing a case's signature next to its band keys. */
export function signatureToBase64(sig: Signature): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

export function signatureFromBase64(text: string): Signature {
  const bytes = Buffer.from(text, 'base64');
  const sig = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(sig.buffer).set(bytes);
  return sig;
}

export interface DuplicateMatch<Id> {
  id: Id;
  similarity: number;
}

/** An in-memory LSH index over signatures, keyed by the caller's ids. */
export class LshIndex<Id = string> {
  private readonly buckets: Map<number, number[]>[];
  private readonly ids: Id[] = [];
  private readonly signatures: (Signature | undefined)[] = [];
  private readonly slotOf = new Map<Id, number>();

  constructor(readonly options: MinHashOptions = DEFAULT_MINHASH) {
    this.buckets = Array.from({ length: options.bands }, () => new Map());
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds (or replaces) an entry. */
  add(id: Id, sig: Signature): void {
    this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.signatures.push(sig);
    this.slotOf.set(id, slot);
    bandHashes(sig, this.options).forEach((h, b) => {
      const bucket = this.buckets[b]!.get(h);
      if (bucket) bucket.push(slot);
      else this.buckets[b]!.set(h, [slot]);
    });
  }

  /** Removes an entry (a closed or merged case); its slot is left empty. */
  remove(id: Id): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    const sig = this.signatures[slot]!;
    this.signatures[slot] = undefined;
    bandHashes(sig, this.options).forEach((h, b) => {
      const bucket = this.buckets[b]!.get(h);
      if (!bucket) return;
      const at = bucket.indexOf(slot);
      if (at >= 0) bucket.splice(at, 1);
      if (bucket.length === 0) this.buckets[b]!.delete(h);
    });
  }

  /** Entries sharing a band with the signature and at least `minSimilarity` similar, best first. */
  query(sig: Signature, options: { minSimilarity?: number; limit?: number; exclude?: Id } = {}): DuplicateMatch<Id>[] {
    const minSimilarity = options.minSimilarity ?? 0.5;
    const seen = new Set<number>();
    const matches: DuplicateMatch<Id>[] = [];
    bandHashes(sig, this.options).forEach((h, b) => {
      for (const slot of this.buckets[b]!.get(h) ?? []) {
        if (seen.has(slot)) continue;
        seen.add(slot);
        const other = this.signatures[slot];
        if (!other || this.ids[slot] === options.exclude) continue;
        const s = similarity(sig, other);
        if (s >= minSimilarity) matches.push({ id: this.ids[slot]!, similarity: s });
      }
    });
    matches.sort((a, b) => b.similarity - a.similarity);
    return matches.slice(0, options.limit ?? 10);
  }
}

export interface HotTopicItem<Id> {
  id: Id;
  signature: Signature;
  customerId?: string;
}

export interface HotTopic<Id> {
  ids: Id[];
  count: number;
  /** Distinct customers in the group: many customers with one matter hints at a mass complaint. */
  customers: number;
  /** The member most similar to the others, to show as the topic's example. */
  representative: Id;
}

/**
 * Groups near-duplicates across customers: LSH candidate pairs at or above `threshold` are joined
 * by union-find, and groups of at least `minSize` are returned, largest first.
 */
export function hotTopics<Id>(items: readonly HotTopicItem<Id>[], options: { threshold?: number; minSize?: number; minCustomers?: number; minhash?: MinHashOptions } = {}): HotTopic<Id>[] {
  const threshold = options.threshold ?? 0.5;
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const index = new LshIndex<number>(options.minhash ?? DEFAULT_MINHASH);
  const links = new Map<number, number>();
  items.forEach((item, i) => {
    for (const match of index.query(item.signature, { minSimilarity: threshold, limit: Infinity })) {
      parent[find(i)] = find(match.id);
      links.set(i, (links.get(i) ?? 0) + 1);
      links.set(match.id, (links.get(match.id) ?? 0) + 1);
    }
    index.add(i, item.signature);
  });
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  const topics: HotTopic<Id>[] = [];
  for (const members of groups.values()) {
    const customers = new Set(members.map((i) => items[i]!.customerId ?? `#${i}`)).size;
    if (members.length < (options.minSize ?? 2) || customers < (options.minCustomers ?? 1)) continue;
    const representative = members.reduce((best, i) => ((links.get(i) ?? 0) > (links.get(best) ?? 0) ? i : best), members[0]!);
    topics.push({ ids: members.map((i) => items[i]!.id), count: members.length, customers, representative: items[representative]!.id });
  }
  return topics.sort((a, b) => b.count - a.count);
}
