import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A store whose commits finish when the test says so, recording every transaction it was asked for. */
function store(options: { maxBatch?: number; concurrency?: number; refuse?: (item: number) => boolean; gather?: () => Promise<void> } = {}) {
  const transactions: number[][] = [];
  const open: (() => void)[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const transaction = async (items: readonly number[]) => {
    transactions.push([...items]);
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise<void>((resolve) => open.push(resolve));
    inFlight--;
    const refused = items.find((i) => options.refuse?.(i));
    if (refused !== undefined) throw new Error(`item ${refused} refused`);
    return items.map((i) => i * 10);
  };
  const group = new GroupCommit<number, number>({
    commitMany: transaction,
    commitOne: async (item) => (await transaction([item]))[0]!,
    maxBatch: options.maxBatch ?? 100,
    concurrency: options.concurrency ?? 1,
    gather: options.gather,
  });
  /**
   * Lets every commit begun so far finish, then lets the follow-ups start: a timer, then a turn
   * of the event loop's check phase, after any `gather` (setImmediate) the follow-ups wait for —
   * on a busy machine the timer alone can fire before it.
   */
  const finishOpen = async () => {
    for (const resolve of open.splice(0)) resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { group, transactions, finishOpen, mostInFlight: () => mostInFlight };
}

describe('GroupCommit: writes arriving during a commit are committed together', () => {
  it('commits an item at once, on its own, when nothing else is in flight', async () => {
    const s = store();
    const answer = s.group.submit(1);
    expect(s.transactions).toEqual([[1]]);
    await s.finishOpen();
    expect(await answer).toBe(10);
  });

  it('gathers what arrives during a commit into the next transaction, each caller getting its own answer', async () => {
    const s = store();
    const answers = [1, 2, 3, 4].map((i) => s.group.submit(i));
    expect(s.transactions).toEqual([[1]]);
    await s.finishOpen();
    expect(s.transactions).toEqual([[1], [2, 3, 4]]);
    await s.finishOpen();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
  });

  it('with `gather`, takes in what arrives before the batch is taken: the first transaction holds them all', async () => {
    // As on the embedded engine: requests read in the same turn of the event loop submit one after the other.
    const s = store({ gather: () => new Promise((resolve) => setImmediate(resolve)) });
    const answers = [s.group.submit(1)];
    expect(s.transactions).toEqual([]);
    await Promise.resolve();
    answers.push(s.group.submit(2), s.group.submit(3));
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.transactions).toEqual([[1, 2, 3]]);
    answers.push(s.group.submit(4));
    await s.finishOpen();
    await s.finishOpen();
    expect(s.transactions).toEqual([[1, 2, 3], [4]]);
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
  });

  it.each([
    ['at most maxBatch items a transaction', { maxBatch: 2, concurrency: 1 }, [[1], [2, 3], [4, 5]], 1],
    ['up to `concurrency` transactions in flight', { maxBatch: 100, concurrency: 2 }, [[1], [2], [3, 4, 5]], 2],
  ] as const)('%s', async (_name, options, transactions, inFlight) => {
    const s = store(options);
    const answers = [1, 2, 3, 4, 5].map((i) => s.group.submit(i));
    while (s.transactions.flat().length < 5) await s.finishOpen();
    await s.finishOpen();
    expect(s.transactions).toEqual(transactions);
    expect(s.mostInFlight()).toBe(inFlight);
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50]);
  });

  it('commits the items of a failed batch again one by one: only the bad item’s caller sees the error', async () => {
    const s = store({ refuse: (i) => i === 3 });
    const answers = [1, 2, 3, 4].map((i) => s.group.submit(i).catch((e: Error) => e.message));
    await s.finishOpen(); // [1]
    await s.finishOpen(); // [2, 3, 4] fails as a whole
    await s.finishOpen(); // [2], [3], [4] each alone
    expect(s.transactions).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(await Promise.all(answers)).toEqual([10, 20, 'item 3 refused', 40]);
  });
});
