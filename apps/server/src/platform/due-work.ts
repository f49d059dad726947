import type { Db } from '@loopdesk/db';
import type { Deps } from './deps';

/** How many due items a transaction claims: on PostgreSQL a batch; on the embedded engine one, so requests get in between. */
export interface BatchSizes {
  server: number;
  embedded: number;
}

/** What one batch did: how many items it claimed, what it counted, and whether it met a concurrent change. */
export interface BatchOutcome {
  claimed: number;
  done: number;
  /** The batch met another worker's transaction: stop here, the rest stays due for the next run. */
  interrupted?: boolean;
}

export interface DrainOptions {
  sizes: BatchSizes;
  /** Opens each batch's transaction (the audit service's, so that entries are chained last). */
  transaction: <T>(work: (tx: Db) => Promise<T>) => Promise<T>;
  /** Claims up to `size` due items (FOR UPDATE SKIP LOCKED) and works them, in `tx`. */
  batch: (tx: Db, size: number) => Promise<BatchOutcome>;
  /** A process that is stopping ends after the batch in hand. */
  stopping?: AbortSignal;
  /** A bound whatever a bug would make the loop do. */
  maxBatches?: number;
}

/**
 * Works through due work (clock levels, review levels, notices) the way every worker here does:
 * a transaction per batch, until a batch comes back short, one meets a concurrent change, the
 * process stops or the bound is reached, giving way to requests between batches. Returns the
 * sum of what the batches counted.
 */
export async function drainDue(deps: Pick<Deps, 'embedded' | 'giveWay'>, options: DrainOptions): Promise<number> {
  const size = deps.embedded ? options.sizes.embedded : options.sizes.server;
  let total = 0;
  for (let n = 0; n < (options.maxBatches ?? 100_000); n++) {
    const outcome = await options.transaction((tx) => options.batch(tx, size));
    total += outcome.done;
    if (outcome.claimed < size || outcome.interrupted || options.stopping?.aborted) break;
    await deps.giveWay();
  }
  return total;
}
