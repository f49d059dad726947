import { describe, expect, it } from 'vitest';
import type { Db } from '@loopdesk/db';
import { drainDue, type BatchOutcome } from './due-work';

/** A queue of due items worked in batches; transactions are plain calls (no database is needed for the loop). */
function harness(items: number, options: { embedded?: boolean; interruptAt?: number; stopAfter?: number } = {}) {
  let left = items;
  const batches: number[] = [];
  let pauses = 0;
  const stopping = new AbortController();
  const deps = { embedded: options.embedded ?? false, giveWay: async () => void pauses++ };
  const run = () =>
    drainDue(deps, {
      sizes: { server: 3, embedded: 1 },
      transaction: (work) => work({} as Db),
      stopping: stopping.signal,
      maxBatches: 10,
      batch: async (_tx, size): Promise<BatchOutcome> => {
        const claimed = Math.min(size, left);
        left -= claimed;
        batches.push(claimed);
        if (options.stopAfter === batches.length) stopping.abort();
        return { claimed, done: claimed * 2, interrupted: options.interruptAt === batches.length };
      },
    });
  return { run, batches, pauses: () => pauses, left: () => left };
}

describe('drainDue: working through due work in batches', () => {
  it.each([
    ['a short last batch ends it', 7, {}, [3, 3, 1], 14, 2],
    ['an exact multiple needs one empty batch to know it is done', 6, {}, [3, 3, 0], 12, 2],
    ['one item a transaction on the embedded engine', 2, { embedded: true }, [1, 1, 0], 4, 2],
    ['a concurrent change ends it; the rest stays due', 9, { interruptAt: 2 }, [3, 3], 12, 1],
    ['a stopping process ends it after the batch in hand', 9, { stopAfter: 1 }, [3], 6, 0],
    ['the bound holds whatever the batches report', 100, {}, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 60, 10],
  ] as const)('%s', async (_name, items, options, batches, total, pauses) => {
    const h = harness(items, options);
    expect(await h.run()).toBe(total);
    expect(h.batches).toEqual(batches);
    expect(h.pauses()).toBe(pauses);
  });
});
