import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { PgliteStatements, type Query } from './pglite-statements';
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
  /**
   * The embedded engine, when that is the one in use, for readers other than Drizzle (the job
   * queue): its values parsed as PGlite parses them (see pgliteViews).
   */
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
  const { forDrizzle, forOthers } = pgliteViews(pglite);
  const db = drizzlePglite(forDrizzle, { schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    pglite: forOthers,
    // PGlite is one connection in one process: nothing else can race this migration.
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pglite.close(),
    cancelRunning: async () => 0,
  };
}

/** The types Drizzle reads as text: its PGlite session passes parsers for them with every query. */
const DRIZZLE_TEXT_TYPES = [
  1114, 1184, 1186, 1082, // timestamp, timestamptz, interval, date
  1115, 1185, 1187, 1182, 1231, // their arrays, numeric[]
];
const asText = (value: string) => value;
const ownParsers = new WeakMap<PGlite, Record<number, (value: string, typeId?: number) => unknown>>();

/**
 * Drizzle's PGlite session passes its parsers with every query, and PGlite merges them into its
 * table of some 300 parsers each time: 0.1–0.3 ms a query, as much as a simple statement costs.
 * They are set on the instance once instead, and Drizzle gets a view of it whose queries (and
 * transactions') go without, reading exactly what they read before. Other readers get a view that
 * reads those types with PGlite's own parsers, so they too read what they did. Both views run
 * their statements prepared (PgliteStatements).
 */
function pgliteViews(pglite: PGlite): { forDrizzle: PGlite; forOthers: PGlite } {
  let parsers = ownParsers.get(pglite);
  if (!parsers) {
    parsers = Object.fromEntries(DRIZZLE_TEXT_TYPES.flatMap((oid) => (pglite.parsers[oid] ? [[oid, pglite.parsers[oid]]] : [])));
    ownParsers.set(pglite, parsers);
    for (const oid of DRIZZLE_TEXT_TYPES) pglite.parsers[oid] = asText;
  }
  // PGlite's own parsers for those types, a caller's over them.
  const withOwn = <O extends { parsers?: object }>(o?: O) => ({ ...o, parsers: { ...parsers, ...o?.parsers } });
  const statements = new PgliteStatements(pglite);
  const forDrizzle = view(pglite, {
    query: withoutParsers(statements.query((...a) => pglite.query(...a), false)),
    transaction: <R>(work: (tx: Transaction) => Promise<R>) =>
      pglite.transaction((tx) => work(view(tx, { query: withoutParsers(statements.query((...a) => tx.query(...a), true)) }))),
  });
  const others = new PgliteStatements(pglite, { parsers: { ...pglite.parsers, ...parsers } });
  const forOthers = view(pglite, {
    query: others.query((text, params, o) => pglite.query(text, params, withOwn(o)), false),
    exec: (text: string, o?: { parsers?: object }) => pglite.exec(text, withOwn(o)),
  });
  return { forDrizzle, forOthers };
}

const withoutParsers = (query: Query): Query => (text, params, options) => query(text, params, options && { ...options, parsers: undefined });

/** `target` with some members replaced; the others read from it, its methods bound to it (PGlite keeps private state). */
function view<T extends object>(target: T, overrides: Record<string, unknown>): T {
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === 'string' && key in overrides) return overrides[key];
      const value: unknown = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
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
