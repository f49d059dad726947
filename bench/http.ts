// Authenticated GETs per second against PostgreSQL, beside a bare Fastify route as the ceiling.
// Target (issue 2): >= 2,000 req/s and p99 < 50 ms on 2 cores. Prints figures; asserts nothing.
// Uses DATABASE_URL when set, else a throwaway cluster from the Debian binaries.
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { findPostgresBin, startCluster, type Cluster } from '../apps/server/test/postgres-cluster';
import { CI_SIZE, ROOT, freePort, machine, settled, startLoopDesk } from './lib';

const duration = CI_SIZE ? 3 : 15;
const connections = 20;

async function load(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections, duration, headers });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function bareFastify(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const code = `const f=require('fastify')();f.get('/',async()=>({ok:true}));f.listen({port:${port},host:'127.0.0.1'}).then(()=>console.log('up'))`;
  const child = spawn(process.execPath, ['-e', code], { cwd: path.join(ROOT, 'apps/server'), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

let cluster: Cluster | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  const bin = findPostgresBin();
  if (!bin) {
    console.log('http bench skipped: no DATABASE_URL and no PostgreSQL binaries');
    process.exit(CI_SIZE && process.env.CI === 'true' ? 1 : 0);
  }
  cluster = await startCluster(bin);
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database loopdesk_bench');
  await admin.end();
  url = cluster.url.replace(/\/postgres$/, '/loopdesk_bench');
}

try {
  const password = 'Bench-Admin-2026!';
  const server = await startLoopDesk({
    DATABASE_URL: url,
    LOOPDESK_ADMIN_PASSWORD: password,
    LOOPDESK_AUDIT_KEY: 'ab'.repeat(32),
    LOOPDESK_DATA_KEYS: `k1:${'cd'.repeat(32)}`,
  });
  // Measured once the new server has written and triaged its demo cases (one-off start-up work).
  const settledSeconds = await settled(url);
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  const bare = await bareFastify();
  const ceiling = await load(bare.url);
  bare.stop();
  const me = await load(`${server.url}/api/auth/me`, { cookie });
  const units = await load(`${server.url}/api/org-units`, { cookie });
  await server.stop();

  const line = (name: string, r: { rps: number; p99: number; errors: number }) =>
    `  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(4)} ms   ${(r.rps / ceiling.rps).toFixed(2)} of ceiling${r.errors ? `   ERRORS ${r.errors}` : ''}`;
  console.log(`HTTP on PostgreSQL, ${connections} connections, ${duration} s each, after the start-up work (${settledSeconds.toFixed(0)} s) (${machine()})`);
  console.log(line('bare Fastify route (ceiling)', ceiling));
  console.log(line('GET /api/auth/me (session)', me));
  console.log(line('GET /api/org-units (session+scope)', units));
  console.log('  target: authenticated GET >= 2000 req/s, p99 < 50 ms');
} finally {
  cluster?.stop();
}
