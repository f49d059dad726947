import type { Database, Db } from '@loopdesk/db';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';

/** A background job: its queue name, the zod schema of its payload and what it does. */
export interface JobDefinition<T extends z.ZodType> {
  name: string;
  payload: T;
  handle(data: z.infer<T>): Promise<void>;
  /** pg-boss queue policy; 'stately' keeps at most one queued job per singleton key (a debounce). */
  policy?: 'standard' | 'stately';
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

  constructor(
    database: Database,
    private readonly log: Logger,
  ) {
    this.boss =
      database.engine === 'pglite'
        ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite', schema: 'pgboss' })
        : new PgBoss({ connectionString: database.url!, schema: 'pgboss' });
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  define<T extends z.ZodType>(definition: JobDefinition<T>): void {
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

  /** Runs the jobs in this process too (any number of processes may). */
  async work(): Promise<void> {
    if (!this.started) throw new Error('the job queue is not started');
    for (const def of this.definitions.values()) {
      await this.boss.work(def.name, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) {
          const data = def.payload.parse(job.data);
          await def.handle(data);
        }
      });
    }
  }

  /** Enqueues a job in the caller's transaction: it runs only if that transaction commits. */
  async sendWithin(tx: Db, name: string, data: object, options: SendOptions = {}): Promise<void> {
    if (!this.started) throw new Error('the job queue is not started');
    await this.boss.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      db: fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql as unknown as Parameters<typeof fromDrizzle>[1]),
    });
  }

  async stop(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true });
    this.started = false;
  }
}
