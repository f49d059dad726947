import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one Drizzle type services see, whichever engine is underneath; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

// Any constant works; it only has to be the same in every LoopDesk process.
const MIGRATION_LOCK_KEY = 0x4c4f4f50; // "LOOP"

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Db;
  /** Applies the committed migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Cancels the statement every connection checked out of the pool is running (PostgreSQL's
   * pg_cancel_backend); returns how many it signalled. For a stopping process whose background
   * work still waits in the database (a row lock held elsewhere): the statement fails, its
   * transaction rolls back and the connection comes back, so the pool can close. The embedded
   * engine has one connection and nothing can hold a lock against it: 0.
   */
  cancelRunning(): Promise<number>;
  /** The embedded engine, when that is the one in use (tests dump and reload it). */
  readonly pglite?: PGlite;
  /** The server's connection URL, when that is the engine in use (the job queue connects too). */
  readonly url?: string;
}

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string }
  | { pglite: PGlite };

/**
 * An embedded PostgreSQL with the extensions the schema uses (pg_trgm for fuzzy search).
 * Every PGlite that opens LoopDesk data must come from here.
 */
export function createPglite(dataDir?: string, options: Omit<PGliteOptions, 'extensions' | 'dataDir'> = {}): Promise<PGlite> {
  return PGlite.create({ ...options, ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
}

/** Opens PostgreSQL when given a URL, else the embedded PGlite in a data folder (or one given). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) return openPostgres(options.url, options.poolSize ?? 10);
  const pglite = 'pglite' in options ? options.pglite : await createPglite(options.dataDir);
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    pglite,
    // PGlite is one connection in one process: nothing else can race this migration.
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pglite.close(),
    cancelRunning: async () => 0,
  };
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // The connections checked out, with their server process ids (for cancelRunning).
  const inUse = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => inUse.add(client));
  pool.on('release', (_err, client) => inUse.delete(client));
  pool.on('remove', (client) => inUse.delete(client as pg.PoolClient));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    engine: 'postgres',
    db,
    url,
    async migrate() {
      // Several API processes may start together: one migrates, the others wait on the lock
      // and then find nothing left to apply.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        await client.end();
      }
    },
    close: () => pool.end(),
    async cancelRunning() {
      const pids = [...inUse].map((c) => (c as unknown as { processID?: number }).processID).filter((pid): pid is number => typeof pid === 'number');
      if (pids.length === 0) return 0;
      // On a connection of its own: the pool may have none to spare.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const r = await client.query<{ n: number }>('select count(*) filter (where pg_cancel_backend(pid))::int as n from unnest($1::int[]) as pid', [pids]);
        return r.rows[0]?.n ?? 0;
      } finally {
        await client.end();
      }
    },
  };
}
