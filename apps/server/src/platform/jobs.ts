import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Database, Db } from '@loopdesk/db';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type JobResult, type QueuePolicy } from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { RequestActivity } from './request-activity';

/** A background job: its queue name, the zod schema of its payload and what it does. */
export interface JobDefinition<T extends z.ZodType> {
  name: string;
  payload: T;
  /**
   * `stopping` is aborted when the process stops: a long handler ends at its next safe point.
   * `batch` holds look-ups the jobs of one batch share (read once per batch, see BatchMemo).
   */
  handle(data: z.infer<T>, stopping: AbortSignal, batch: BatchMemo): Promise<void>;
  /**
   * The queue's policy: 'stately' keeps at most one queued job per singleton key (a debounce);
   * 'short' at most one waiting, any number running.
   */
  policy?: QueuePolicy;
  /** A periodic job: every worker process sends one this often (and once at start), at most one waiting per process. */
  everySeconds?: number;
  /**
   * How many jobs of a batch run at once on PostgreSQL (default 1), for handlers that mostly wait
   * on round trips. The embedded engine has one connection: there they run one after another.
   */
  concurrency?: number;
}

/**
 * Look-ups the jobs of one batch share: each key is loaded once for the batch, by whichever job
 * asks first (the others wait for the same load). A change made meanwhile is read by the next
 * batch, as it would be by a job that had started just before it. A failed load is not kept.
 */
export class BatchMemo {
  private readonly values = new Map<string, Promise<unknown>>();

  get<V>(key: string, load: () => Promise<V>): Promise<V> {
    let value = this.values.get(key) as Promise<V> | undefined;
    if (!value) {
      value = load();
      this.values.set(key, value);
      value.catch(() => this.values.delete(key));
    }
    return value;
  }
}

/** When a job may run, and which jobs it coalesces with. */
export interface SendOptions {
  /** With a 'stately' queue: a second job with this key is dropped while one is queued. */
  singletonKey?: string;
  /** Seconds to wait before the job may run. */
  startAfter?: number;
}

/**
 * The job queue, pg-boss in the same database (PGlite or PostgreSQL), so no broker is needed.
 * Jobs are sent inside the transaction of the change that causes them: they exist exactly when
 * the change committed. Delivery is at least once; handlers are idempotent.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<z.ZodType>>();
  private started = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly periodicSends: (() => void)[] = [];
  private periodicHeld = false;
  private readonly stopping = new AbortController();
  /** Handlers running in this process (settled ones leave the set). */
  private readonly running = new Set<Promise<void>>();

  /**
   * @param giveWay awaited before each job (Deps.giveWay): requests first.
   * @param activity on the embedded engine, the server's requests: the start of the worker counts as one.
   * @param timing.stopGraceMs how long a stop waits for running handlers before it gives their jobs up (see stop());
   *   timing.pollSeconds how long a worker waits between two looks at an empty queue.
   */
  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly giveWay: () => Promise<void>,
    private readonly activity?: RequestActivity,
    private readonly timing: { stopGraceMs?: number; pollSeconds?: number } = {},
  ) {
    const common = { schema: 'pgboss' };
    this.boss =
      database.engine === 'pglite'
        ? new PgBoss({ ...common, db: fromPglite(database.pglite!), backend: 'pglite' })
        : new PgBoss({ ...common, connectionString: database.url! });
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  /** Names the handler of a kind of job; one per name (a second would silently replace the first). */
  define<T extends z.ZodType>(definition: JobDefinition<T>): void {
    if (this.definitions.has(definition.name)) throw new Error(`the job ${definition.name} already has a handler`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition<z.ZodType>);
  }

  /** Creates the queue tables and queues: from then on, jobs can be sent. */
  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const def of this.definitions.values()) {
      await this.boss.createQueue(def.name, { retryLimit: 5, retryDelay: 2, retryBackoff: true, ...(def.policy ? { policy: def.policy } : {}) });
    }
  }

  /** Runs the jobs in this process too (any number of processes may), and sends the periodic ones. */
  async work(): Promise<void> {
    if (this.stopping.signal.aborted) return; // stopped before the worker joined
    if (!this.started) throw new Error('the job queue is not started');
    // Whoever is waiting for the server to answer (it has just started listening) goes first.
    this.activity?.touch();
    for (const def of this.definitions.values()) {
      // Jobs are fetched in batches, and while batches come back full the next is fetched at once:
      // one job per poll would triage two cases a second. Each job settles on its own (a failed
      // one is retried without its batch); a job not started when the process stops is retried.
      const options = { pollingIntervalSeconds: this.timing.pollSeconds ?? POLL_SECONDS, batchSize: JOB_BATCH, burstWhenBatchFull: true, perJobResults: true } as const;
      const lanes = this.database.engine === 'pglite' ? 1 : (def.concurrency ?? 1);
      await this.boss.work(def.name, options, async (jobs) => {
        const results: JobResult[] = [];
        const batch = new BatchMemo();
        let next = 0;
        const lane = async () => {
          while (next < jobs.length && !this.stopping.signal.aborted) {
            const job = jobs[next++]!;
            // Requests first: on the embedded engine a backlog of jobs would otherwise run as one
            // chain of microtasks and hold every incoming request until it is through.
            await this.giveWay();
            results.push(await this.run(def, job.id, job.data, batch));
          }
        };
        await Promise.all(Array.from({ length: Math.min(lanes, jobs.length) }, lane));
        return results;
      });
      if (def.everySeconds) this.repeat(def.name, def.everySeconds);
    }
  }

  /** Runs one job's handler, tracked so that a stop can cancel it; a failure is logged and settles the job as failed. */
  private async run(def: JobDefinition<z.ZodType>, id: string, payload: unknown, batch: BatchMemo): Promise<JobResult> {
    const handled = (async () => def.handle(def.payload.parse(payload), this.stopping.signal, batch))();
    const tracked = handled.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
    try {
      await handled;
      return { id, status: 'completed' };
    } catch (err) {
      this.log.error({ err, job: def.name, id }, 'job failed: retried until the queue’s retry limit');
      return { id, status: 'failed', output: { message: err instanceof Error ? err.message : String(err) } };
    }
  }

  /**
   * Sends a job now and then every `seconds`: a restarted worker catches up at once. Each
   * process keeps at most one waiting (its own singleton key under the 'short' policy), so
   * the queue stays bounded while several workers can each be running one.
   */
  private repeat(name: string, seconds: number): void {
    const singletonKey = `${name}:${randomUUID()}`;
    const send = () => {
      if (!this.started || this.periodicHeld) return;
      this.boss.send(name, {}, { singletonKey }).catch((err: unknown) => this.log.error({ err, job: name }, 'periodic job not sent'));
    };
    send();
    this.periodicSends.push(send);
    const timer = setInterval(send, seconds * 1000);
    timer.unref();
    this.timers.push(timer);
  }

  /**
   * Holds the periodic jobs until `done` settles, then sends each at once: the demo's scripted
   * case histories are written first, so the deadline worker never escalates one halfway.
   */
  holdPeriodicUntil(done: Promise<unknown>): void {
    this.periodicHeld = true;
    void done.finally(() => {
      this.periodicHeld = false;
      for (const send of this.periodicSends) send();
    });
  }

  /** Enqueues a job in the caller's transaction: it runs only if that transaction commits. */
  async sendWithin(tx: Db, name: string, data: object, options: SendOptions = {}): Promise<void> {
    if (!this.started) throw new Error('the job queue is not started');
    await this.boss.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      db: within(tx),
    });
  }

  /** Enqueues one job per payload in the caller's transaction, in one statement; a higher `priority` runs first (default 0). */
  async sendManyWithin(tx: Db, name: string, payloads: readonly object[], priority = 0): Promise<void> {
    if (!this.started) throw new Error('the job queue is not started');
    if (payloads.length === 0) return;
    await this.boss.insert(name, payloads.map((data) => ({ data, ...(priority ? { priority } : {}) })), { db: within(tx) });
  }

  /**
   * Stops within a bound, whatever a handler is waiting for. Handlers are told (`stopping`) and
   * get the grace to end at their next safe point; pg-boss then fails the jobs still active, so
   * they are retried later by any worker, never lost. A handler still running after that is
   * waiting in the database (a row lock another process holds): its statements are cancelled
   * until it ends, so its transaction rolls back and the pool it holds a connection of can close.
   */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.stopping.abort();
    if (this.started) await this.boss.stop({ graceful: true, timeout: this.stopGraceMs });
    this.started = false;
    await this.cancelStuckHandlers();
  }

  private get stopGraceMs(): number {
    return this.timing.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  }

  private async cancelStuckHandlers(): Promise<void> {
    if (this.running.size === 0) return;
    this.log.warn({ handlers: this.running.size, graceMs: this.stopGraceMs }, 'job handlers still running after the stop grace: cancelling their database work');
    const until = Date.now() + CANCEL_BOUND_MS;
    while (this.running.size > 0 && Date.now() < until) {
      try {
        await this.database.cancelRunning();
      } catch (err) {
        this.log.error({ err }, 'could not cancel the statements of stuck job handlers');
      }
      // A handler that catches the cancellation may wait on another lock: cancel again until it ends.
      await Promise.race([Promise.allSettled([...this.running]), delay(CANCEL_EVERY_MS, undefined, { ref: false })]);
    }
    if (this.running.size > 0) this.log.error({ handlers: this.running.size }, 'job handlers did not end after their database work was cancelled');
  }
}

/** pg-boss's view of the caller's transaction, so a job commits or rolls back with it. */
function within(tx: Db) {
  return fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql as unknown as Parameters<typeof fromDrizzle>[1]);
}

/** Seconds between two looks for jobs while the queue is empty. */
const POLL_SECONDS = 0.5;
/** Jobs fetched at once; while fetches come back full, the next follows without a pause. */
const JOB_BATCH = 20;
/** How long a stop waits for running handlers before pg-boss fails their jobs (to be retried). */
export const DEFAULT_STOP_GRACE_MS = 10_000;
/** After the grace: how often a stuck handler's statement is cancelled, and for how long at most. */
const CANCEL_EVERY_MS = 200;
const CANCEL_BOUND_MS = 10_000;
