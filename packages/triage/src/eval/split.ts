// Seeded, hash-based splits. A row's side depends only on its key and the seed — not on file
// order or size — so the held-out part stays held out as files grow. Pairs are split by group:
// every pair reachable through a shared text lands on the same side, or a model would be tested
// on questions it memorised in training (BQ repeats questions; a random split overstates by 8–10
// points).
import { hashUnit } from '../random';

export interface Split<T> {
  train: T[];
  test: T[];
}

/** Puts each item in `test` when its key hashes into the top `testShare` of [0, 1). */
export function hashSplit<T>(items: readonly T[], key: (item: T, index: number) => string, testShare: number, seed: number): Split<T> {
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((item, i) => (hashUnit(key(item, i), seed) >= 1 - testShare ? test : train).push(item));
  return { train, test };
}

/** Connected components of items linked by shared members (union-find); returns a group key per item. */
export function groupKeys<T>(items: readonly T[], members: (item: T) => readonly string[]): string[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const item of items) {
    const [first, ...rest] = members(item);
    if (first === undefined) continue;
    if (!parent.has(first)) parent.set(first, first);
    for (const other of rest) {
      if (!parent.has(other)) parent.set(other, other);
      const a = find(first);
      const b = find(other);
      // The smaller string becomes the root, so the group key does not depend on input order.
      if (a < b) parent.set(b, a);
      else if (b < a) parent.set(a, b);
    }
  }
  return items.map((item) => {
    const first = members(item)[0];
    return first === undefined ? '' : find(first);
  });
}

/** A split that keeps every group (items sharing a member, transitively) on one side. */
export function groupedSplit<T>(items: readonly T[], members: (item: T) => readonly string[], testShare: number, seed: number): Split<T> {
  const keys = groupKeys(items, members);
  return hashSplit(items, (_, i) => keys[i]!, testShare, seed);
}
