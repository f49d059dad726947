/**
 * Group commit: writes that arrive while earlier ones are being committed are gathered and
 * committed together, in one transaction. Under load that turns N transactions (each with its
 * begin, commit, audit-chain head lock and fixed reads) into one; with nothing else in flight an
 * item is committed at once (after `gather`, when given), on its own, so a quiet system answers
 * as fast as before.
 *
 * A batch is all or nothing. When one fails, each of its items is committed again on its own,
 * so an item's error (a unique key a retry raced on, a bad reference) reaches only its own
 * caller and the others still commit.
 */
export interface GroupCommitOptions<I, O> {
  /** Commits several items in one transaction; the answers in the items' order. */
  commitMany: (items: readonly I[]) => Promise<O[]>;
  /** Commits one item in its own transaction (a batch of one, and an item of a failed batch). */
  commitOne: (item: I) => Promise<O>;
  /** The most items in one batch. */
  maxBatch: number;
  /** How many batches may be in flight at once (on a server, the next batch's reads overlap the last one's commit). */
  concurrency: number;
  /**
   * Awaited before a batch is taken, so that items on their way join it. The embedded database
   * answers in microtasks: a request's whole registration, commit included, would otherwise run
   * before the event loop reads the next request, and every batch would hold one item.
   */
  gather?: () => Promise<void>;
}

interface Waiting<I, O> {
  item: I;
  resolve: (answer: O) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;

  constructor(private readonly options: GroupCommitOptions<I, O>) {}

  /** Commits `item`, alone or with others waiting beside it; resolves once it has committed. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.inFlight >= this.options.concurrency || this.waiting.length === 0) return;
    this.inFlight++;
    const { gather, maxBatch } = this.options;
    const take = () => this.commit(this.waiting.splice(0, maxBatch));
    void (gather ? gather().then(take) : take()).finally(() => {
      this.inFlight--;
      this.next();
    });
  }

  private async commit(batch: Waiting<I, O>[]): Promise<void> {
    if (batch.length > 1) {
      const answers = await this.options.commitMany(batch.map((w) => w.item)).catch(() => undefined);
      if (answers) {
        batch.forEach((w, i) => w.resolve(answers[i]!));
        return;
      }
    }
    // A batch of one, or the items of a batch that failed, each in its own transaction.
    await Promise.all(batch.map((w) => this.options.commitOne(w.item).then(w.resolve, w.reject)));
  }
}
