import { openDatabase, type Database } from '@loopdesk/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { createStaff, describeEngines, LogCapture, openTestDatabase, startTestApp, type Client, type TestApp } from '../../test/harness';
import { TRIAGE_CASE_JOB } from '../features/triage/triage.service';
import { BatchMemo, JobQueue } from './jobs';

const GRACE_SECONDS = 2;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('BatchMemo', () => {
  it('loads a key once for the batch, however many jobs ask at once; a failed load is tried again', async () => {
    const batch = new BatchMemo();
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([batch.get('words:a', load), batch.get('words:a', load), batch.get('words:b', load)])).toEqual([1, 1, 2]);
    expect(await batch.get('words:a', load)).toBe(1);
    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error('connection lost');
      return 'rules';
    };
    await expect(batch.get('rules:a', flaky)).rejects.toThrow('connection lost');
    fail = false;
    expect(await batch.get('rules:a', flaky)).toBe('rules');
  });
});

/**
 * A backlog is worked through batch after batch, not one job per look at the queue (which ran
 * two triage jobs a second), and a job that fails is retried on its own, its batch completed.
 */
describeEngines('a backlog of jobs', (engine) => {
  const BACKLOG = 60;
  const FAILING = 7;
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let queue: JobQueue;
  const logs = new LogCapture();
  const done = new Set<number>();

  beforeAll(async () => {
    db = await openTestDatabase(engine);
    // Between two looks at an empty queue a worker waits 30 s here: the backlog must be worked
    // without those pauses, in batches fetched one after another while they come back full.
    queue = new JobQueue(db.database, pino({ level: 'info' }, logs), async () => undefined, undefined, { pollSeconds: 30 });
    queue.define({
      name: 'test-backlog',
      payload: z.object({ n: z.number() }),
      handle: async ({ n }) => {
        if (n === FAILING) throw new Error('the seventh job fails');
        done.add(n);
      },
    });
    await queue.start();
  }, 120_000);

  afterAll(async () => {
    await queue?.stop();
    await db?.drop();
  });

  it('works a backlog in batches without waiting between them; a failing job is retried alone', async () => {
    await queue.sendManyWithin(db.database.db, 'test-backlog', Array.from({ length: BACKLOG }, (_, n) => ({ n })));
    await queue.work();
    // One job per look would take 60 looks, 30 s apart; three full batches take no pause.
    await until('the backlog to be worked', async () => done.size === BACKLOG - 1, 20_000);
    const states = ((await db.database.db.execute(sql`select data->>'n' as n, state from pgboss.job where name = 'test-backlog'`)) as unknown as { rows: { n: string; state: string }[] }).rows;
    expect(states.filter((r) => r.state === 'completed')).toHaveLength(BACKLOG - 1);
    expect(states.find((r) => r.n === String(FAILING))?.state).toBe('retry');
    expect(logs.lines.some((l) => l.includes('job failed: retried until the queue’s retry limit') && l.includes('the seventh job fails'))).toBe(true);
  }, 60_000);
});

/**
 * A stop is bounded whatever a job waits for: a triage job blocked on a case row another
 * connection holds is given up after the grace (its job retried later, not lost), its waiting
 * statement cancelled, and the pool closes. Only PostgreSQL has other connections to hold a lock.
 */
describe.skipIf(!inject('postgresUrl'))('a graceful stop with a job waiting on a row lock [postgres]', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let a: TestApp;
  let b: TestApp | undefined;
  let bDatabase: Database | undefined;
  let c: TestApp | undefined;
  let handler: Client;
  let locker: pg.Client | undefined;

  const q = async <T>(query: ReturnType<typeof sql>) => ((await db.database.db.execute(query)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    // This process serves requests and runs no jobs: the triage job waits for a worker.
    a = await startTestApp('postgres', { database: db.database });
    handler = (await createStaff(a, await a.admin(), { username: 'stop.handler', roles: ['handler'], orgCode: 'BJ-HD' })).client;
  }, 120_000);

  afterAll(async () => {
    await locker?.query('rollback').catch(() => undefined);
    await locker?.end().catch(() => undefined);
    for (const t of [c, b, a]) await t?.app.http.close().catch(() => undefined);
    await bDatabase?.close().catch(() => undefined);
    await db?.drop();
  });

  it('stops within the grace while a job waits on a row lock held elsewhere, and the job runs again later', async () => {
    const created = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '贷款审批拖延，客户经理不回复，我要投诉。' });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    const job = async () => (await q<{ state: string; retry_count: number }>(sql`select state, retry_count from pgboss.job where name = ${TRIAGE_CASE_JOB} and data->>'caseId' = ${caseId}`))[0];
    expect(await job()).toMatchObject({ state: 'created' });

    // Another connection holds the case row, as a stuck request or a killed process would.
    locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('begin');
    await locker.query('select id from cases where id = $1 for update', [caseId]);

    // A worker process takes the triage job, which waits on that lock.
    bDatabase = await openDatabase({ url: db.url!, poolSize: 5 });
    b = await startTestApp('postgres', { database: bDatabase, worker: true, env: { LOOPDESK_STOP_GRACE_SECONDS: String(GRACE_SECONDS) } });
    await until('the triage job to wait on the row lock', async () => {
      const waiting = await q<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      return (await job())?.state === 'active' && waiting[0]!.n > 0;
    });

    // The stop: HTTP, the job queue, then the pool. Before the bound it hung for ever.
    const started = Date.now();
    const stop = (async () => {
      await b!.app.http.close();
      await bDatabase!.close();
      return 'stopped';
    })();
    const outcome = await Promise.race([stop, new Promise((r) => setTimeout(() => r('still stopping'), GRACE_SECONDS * 1000 + 15_000))]);
    expect(outcome).toBe('stopped');
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 100);
    expect(took).toBeLessThan(GRACE_SECONDS * 1000 + 5_000);
    expect(b.logs.lines.some((l) => l.includes('job handlers still running after the stop grace'))).toBe(true);

    // Nothing the job did committed; the job is given back to be retried, not lost.
    expect((await q<{ triaged_at: Date | null }>(sql`select triaged_at from cases where id = ${caseId}`))[0]!.triaged_at).toBeNull();
    expect(await job()).toMatchObject({ state: 'retry' });

    // Once the lock is let go, another worker runs the job to its end.
    await locker.query('rollback');
    c = await startTestApp('postgres', { database: db.database, worker: true });
    await until('the case to be triaged by the retried job', async () => (await q<{ triaged_at: Date | null }>(sql`select triaged_at from cases where id = ${caseId}`))[0]!.triaged_at !== null);
    await until('the job to complete', async () => (await job())?.state === 'completed');
  }, 120_000);
});
