import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_CASE_COUNT } from '../apps/server/src/features/setup/demo-data.service';
import { freePort } from '../apps/server/test/postgres-cluster';

export { freePort };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CI_SIZE = process.argv.includes('--ci');

export interface Started {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until /api/health answered 200. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts `loopdesk serve` in its own process and waits until it answers; `nodeArgs` go to node (e.g. --cpu-prof). */
export async function startLoopDesk(env: Record<string, string>, nodeArgs: readonly string[] = []): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  // The engine is the caller's: without a DATABASE_URL in `env`, LoopDesk runs on PGlite even
  // when the bench itself was given one (for its PostgreSQL runs).
  const { DATABASE_URL: _benchDatabase, ...inherited } = process.env;
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'apps/server/bin/loopdesk.mjs'), 'serve'], {
    env: { ...inherited, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`loopdesk exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - t0;
  return {
    child,
    url,
    readyMs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Waits (at most `limitMs`) until a new LoopDesk on PostgreSQL has done its start-up work: the demo
 * cases written and triaged, no job waiting. A measurement taken before would count that one-off
 * work against the requests. Returns the seconds waited.
 */
export async function settled(databaseUrl: string, limitMs = 180_000): Promise<number> {
  const t0 = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ cases: number; untriaged: number; jobs: number }>(
        `select (select count(*)::int from cases) as cases, (select count(*)::int from cases where triaged_at is null) as untriaged,
                (select count(*)::int from pgboss.job where state in ('created', 'retry', 'active') and name not like '%clock%' and name not like '%delivery%' and name not like '%review%') as jobs`,
      );
      const r = rows[0]!;
      if (r.cases >= DEMO_CASE_COUNT && r.untriaged === 0 && r.jobs === 0) break;
      if (performance.now() - t0 > limitMs) throw new Error(`LoopDesk did not settle in ${limitMs / 1000} s: ${JSON.stringify(r)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
  return (performance.now() - t0) / 1000;
}

export function machine(): string {
  return `${process.platform} ${process.arch}, node ${process.version}`;
}

export interface Session {
  /** Headers for a signed-in request: the cookies and, for writes, the CSRF token. */
  headers: Record<string, string>;
}

/** Signs in over HTTP and returns what a browser would send afterwards. */
export async function signIn(url: string, username: string, password: string): Promise<Session> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${await r.text()}`);
  const pairs = r.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = pairs.find((p) => p.startsWith('ld_csrf='))?.slice('ld_csrf='.length);
  return { headers: { cookie: pairs.join('; '), ...(csrf ? { 'x-csrf-token': csrf } : {}) } };
}

/** A throwaway PostgreSQL database: DATABASE_URL when set, else a cluster from the Debian binaries. */
export async function throwawayPostgres(name: string): Promise<{ url: string; stop(): void } | null> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => undefined };
  const { findPostgresBin, startCluster } = await import('../apps/server/test/postgres-cluster');
  const bin = findPostgresBin();
  if (!bin) return null;
  const cluster = await startCluster(bin);
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return { url: cluster.url.replace(/\/postgres$/, `/${name}`), stop: () => cluster.stop() };
}

/** Percentile of a list of numbers (sorted in place). */
export function percentile(values: number[], p: number): number {
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
}

/** Fields of /proc/PID/stat after the command name (state is [0], ppid [1], utime [11], stime [12]); undefined where /proc is missing. */
function procStat(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by a process (user + system, all its threads); 0 where /proc is missing. */
function cpuSeconds(pid: number | string): number {
  const fields = procStat(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : 0; // clock ticks (USER_HZ = 100)
}

/** The processes of one PostgreSQL server: its postmaster and every process it started (backends, background workers). */
function postgresPids(postmaster: number): string[] {
  try {
    return readdirSync('/proc').filter((p) => /^\d+$/.test(p) && (Number(p) === postmaster || procStat(p)?.[1] === String(postmaster)));
  } catch {
    return [];
  }
}

/** The postmaster of the PostgreSQL server at `url` (the parent of a backend), when it runs on this machine. */
export async function postmasterOf(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const parent = Number(procStat(backend)?.[1]);
    return Number.isFinite(parent) && parent > 1 ? parent : undefined;
  } finally {
    await client.end();
  }
}

/**
 * Counts the CPU time the LoopDesk server, its PostgreSQL server (given its postmaster; other
 * clusters on the machine are not counted) and this process use from now on, so a run reports
 * milliseconds of CPU per case on each side: a figure steadier than throughput on a machine
 * shared with other work. `stop` gives the seconds each used meanwhile.
 */
export function cpuMeter(server: Started, postmaster?: number): { stop(): { server: number; postgres: number; bench: number } } {
  const serverPid = server.child.pid!;
  const postgres0 = postmaster ? new Map(postgresPids(postmaster).map((p) => [p, cpuSeconds(p)])) : new Map<string, number>();
  const server0 = cpuSeconds(serverPid);
  const bench0 = process.cpuUsage();
  return {
    stop() {
      const postgres = postmaster ? postgresPids(postmaster).reduce((sum, p) => sum + cpuSeconds(p) - (postgres0.get(p) ?? 0), 0) : 0;
      const bench = process.cpuUsage(bench0);
      return { server: cpuSeconds(serverPid) - server0, postgres, bench: (bench.user + bench.system) / 1e6 };
    },
  };
}
