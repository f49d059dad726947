// Intake throughput through the real HTTP API: staff entry (POST /api/cases, session + CSRF)
// and the signed channel API (POST /api/intake, HMAC + Idempotency-Key), each case a generated
// Chinese text. PostgreSQL (throwaway cluster or DATABASE_URL) and PGlite, autocannon on loopback.
// Targets (issue 3): >= 1,000 cases/s with p99 < 100 ms on PostgreSQL; >= 300 cases/s on PGlite.
// Prints figures; asserts nothing.
// Profiling: `--engine postgres|pglite` runs one engine; `--cpu-prof DIR` writes the measured
// server's V8 CPU profile there (open it in Chrome DevTools); `--statements` (PostgreSQL) logs
// every statement during each run and prints the count per registration by kind;
// `--settle S` waits S seconds after the start before measuring (see settleSeconds).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { OFFLINE_CHANNELS } from '@loopdesk/core';
import { generateDemoCases, type DemoCase } from '../apps/server/src/features/setup/demo-cases';
import { sign } from '../apps/server/src/features/intake/intake.signature';
import { CI_SIZE, cpuMeter, machine, postmasterOf, signIn, startLoopDesk, throwawayPostgres, type Started } from './lib';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const onlyEngine = flag('--engine');
const cpuProfDir = flag('--cpu-prof');
const countStatements = process.argv.includes('--statements');
// Seconds to let the measured server work off its start-up backlog first: the first start is
// stopped while the demo cases are still being written, so the second finds their triage jobs
// and overdue clock levels waiting, and works them off beside the first requests.
const settleSeconds = Number(flag('--settle') ?? 0);
const duration = CI_SIZE ? 3 : 15;
const connections = 20;
const password = 'Bench-Admin-2026!';
const keys = { LOOPDESK_AUDIT_KEY: 'ab'.repeat(32), LOOPDESK_DATA_KEYS: `k1:${'cd'.repeat(32)}` };
const texts = generateDemoCases({ seed: 3, count: 5000, now: new Date(), lifecycle: false });

/**
 * Triage keeps up or not: how many cases still wait for it when a run ends, and how long they take
 * to drain (PostgreSQL only: the bench reads the database beside the server). The next run starts
 * once they have, so it is not measured beside the last one's backlog.
 */
async function triageBacklog(url: string, server: Started, postmaster: number | undefined): Promise<{ drain(): Promise<string> }> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const waiting = async () => (await client.query<{ n: number }>('select count(*)::int as n from cases where triaged_at is null')).rows[0]!.n;
  return {
    async drain() {
      const atEnd = await waiting();
      const meter = cpuMeter(server, postmaster);
      const t0 = performance.now();
      let left = atEnd;
      while (left > 0 && performance.now() - t0 < 300_000) {
        await new Promise((r) => setTimeout(r, 250));
        left = await waiting();
      }
      await client.end();
      const seconds = (performance.now() - t0) / 1000;
      const cpu = meter.stop();
      if (atEnd === 0) return 'triage kept up (no case waiting at the end)';
      const perCase = (s: number) => ((s * 1000) / (atEnd - left)).toFixed(2);
      return (
        `triage: ${atEnd} cases waiting at the end, ${left === 0 ? `drained in ${seconds.toFixed(1)} s (${(atEnd / seconds).toFixed(0)} cases/s)` : `${left} still waiting after ${seconds.toFixed(0)} s`}` +
        `; CPU per triaged case: server ${perCase(cpu.server)} ms, PostgreSQL ${perCase(cpu.postgres)} ms`
      );
    },
  };
}

interface Figures {
  casesPerSecond: number;
  p99: number;
  errors: number;
  /** Milliseconds of CPU per case stored: the server, PostgreSQL (0 on PGlite), the load generator. */
  cpuPerCase: { server: number; postgres: number; bench: number };
}

/** Starts LoopDesk twice: the first start creates the demo institution and staff; the second has no background seeding. */
async function start(env: Record<string, string>): Promise<Started> {
  const first = await startLoopDesk({ ...env, LOOPDESK_ADMIN_PASSWORD: password });
  await first.stop();
  return startLoopDesk({ ...env, LOOPDESK_ADMIN_PASSWORD: password }, cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : []);
}

function staffBody(c: DemoCase, i: number): string {
  return JSON.stringify({
    channel: OFFLINE_CHANNELS.includes(c.channel) && c.channel !== 'regulator_referral' ? c.channel : 'hotline',
    kind: c.kind,
    text: c.text,
    timing: c.timing,
    businessLine: c.businessLine,
    product: c.product,
    jrChannel: c.jrChannel,
    jrBusinessCategory: c.jrBusinessCategory,
    jrCause: c.jrCause,
    customerRequest: c.customerRequest,
    priority: c.priority,
    amountInvolved: c.amountInvolved,
    riskFlags: c.riskFlags,
    title: i % 10 === 0 ? null : undefined,
  });
}

function channelBody(c: DemoCase): string {
  const customer = c.customer?.type === 'individual' ? { type: 'individual', name: c.customer.name, phone: c.customer.phone } : undefined;
  return JSON.stringify({ kind: c.kind, text: c.text, priority: c.priority, businessLine: c.businessLine, product: c.product, riskFlags: c.riskFlags, customer });
}

async function run(server: Started, postmaster: number | undefined, make: (i: number) => { path: string; headers: Record<string, string>; body: string }): Promise<Figures> {
  let i = 0;
  const meter = cpuMeter(server, postmaster);
  const r = await autocannon({
    url: server.url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const next = make(i++);
          return { ...req, path: next.path, headers: { ...next.headers, 'content-type': 'application/json' }, body: next.body };
        },
      },
    ],
  });
  const cpu = meter.stop();
  const perCase = (seconds: number) => (seconds * 1000) / Math.max(1, r['2xx']);
  return {
    casesPerSecond: r['2xx'] / duration,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    cpuPerCase: { server: perCase(cpu.server), postgres: perCase(cpu.postgres), bench: perCase(cpu.bench) },
  };
}

/**
 * Logs every statement from now on; `report` stops logging and prints the statements per
 * registration (the cases stored meanwhile: registrations share statements in a group commit).
 */
async function statementLog(url: string, run: string): Promise<{ report(): Promise<void> }> {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dataDir = (await admin.query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
  const file = path.join(dataDir, '..', 'sock', 'log'); // where apps/server/test/postgres-cluster.ts writes it
  const from = statSync(file).size;
  const stored = async () => (await admin.query<{ n: number }>('select count(*)::int as n from cases')).rows[0]!.n;
  const before = await stored();
  await admin.query(`alter system set log_statement = 'all'`);
  await admin.query('select pg_reload_conf()');
  return {
    async report() {
      await admin.query('alter system reset log_statement');
      await admin.query('select pg_reload_conf()');
      const registrations = (await stored()) - before;
      await admin.end();
      const text = readFileSync(file, 'utf8').slice(from);
      const kinds = new Map<string, number>();
      let total = 0;
      for (const m of text.matchAll(/LOG: {2}(?:statement|execute [^:]*): (.*)/g)) {
        const words = m[1]!.replace(/\s+/g, ' ').replace(/"/g, '').slice(0, 70);
        kinds.set(words, (kinds.get(words) ?? 0) + 1);
        total++;
      }
      console.log(`  statements during the ${run} run: ${total} for ${registrations} registrations = ${(total / registrations).toFixed(1)} each`);
      for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`    ${(n / registrations).toFixed(2).padStart(6)}  ${k}`);
    },
  };
}

async function measure(engine: string, env: Record<string, string>): Promise<void> {
  const server = await start(env);
  if (settleSeconds > 0) await new Promise((r) => setTimeout(r, settleSeconds * 1000));
  try {
    const admin = await signIn(server.url, 'admin', password);
    const units = (await (await fetch(`${server.url}/api/org-units`, { headers: admin.headers })).json()) as { items: { id: string; code: string }[] };
    const bjhd = units.items.find((u) => u.code === 'BJ-HD')!.id;
    const created = await fetch(`${server.url}/api/integrations`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '手机银行(bench)', channel: 'app', orgUnitId: bjhd }),
    });
    const { integration, secret } = (await created.json()) as { integration: { keyId: string }; secret: string };
    const handler = await signIn(server.url, 'bj.handler', password);
    const postmaster = env.DATABASE_URL ? await postmasterOf(env.DATABASE_URL) : undefined;

    const staffLog = countStatements && env.DATABASE_URL ? await statementLog(env.DATABASE_URL, 'staff') : undefined;
    const staffTriage = env.DATABASE_URL ? await triageBacklog(env.DATABASE_URL, server, postmaster) : undefined;
    const staff = await run(server, postmaster, (i) => ({ path: '/api/cases', headers: handler.headers, body: staffBody(texts[i % texts.length]!, i) }));
    await staffLog?.report();
    const staffTriaged = await staffTriage?.drain();
    const runId = Date.now().toString(36);
    const log = countStatements && env.DATABASE_URL ? await statementLog(env.DATABASE_URL, 'channel') : undefined;
    const channelTriage = env.DATABASE_URL ? await triageBacklog(env.DATABASE_URL, server, postmaster) : undefined;
    const channel = await run(server, postmaster, (i) => {
      const body = channelBody(texts[(i * 7) % texts.length]!);
      const ts = String(Math.floor(Date.now() / 1000));
      return {
        path: '/api/intake',
        headers: {
          'x-loopdesk-key': integration.keyId,
          'x-loopdesk-timestamp': ts,
          'x-loopdesk-signature': sign(secret, 'POST', '/api/intake', ts, body),
          'idempotency-key': `bench-${runId}-${i}`,
        },
        body,
      };
    });
    await log?.report();
    const channelTriaged = await channelTriage?.drain();
    const line = (name: string, f: Figures) =>
      `  ${name.padEnd(40)} ${f.casesPerSecond.toFixed(0).padStart(6)} cases/s   p99 ${String(f.p99).padStart(5)} ms` +
      `   CPU per case: server ${f.cpuPerCase.server.toFixed(2)} ms${postmaster ? `, PostgreSQL ${f.cpuPerCase.postgres.toFixed(2)} ms` : ''}, load ${f.cpuPerCase.bench.toFixed(2)} ms` +
      (f.errors ? `   ERRORS ${f.errors}` : '');
    console.log(`intake on ${engine}, ${connections} connections, ${duration} s each`);
    console.log(line('staff entry POST /api/cases', staff));
    if (staffTriaged) console.log(`    ${staffTriaged}`);
    console.log(line('signed channel POST /api/intake', channel));
    if (channelTriaged) console.log(`    ${channelTriaged}`);
  } finally {
    await server.stop();
  }
}

console.log(`intake throughput (${machine()})`);
const pg = onlyEngine === 'pglite' ? undefined : await throwawayPostgres('loopdesk_intake_bench');
if (pg) {
  try {
    await measure('PostgreSQL', { DATABASE_URL: pg.url, ...keys });
  } finally {
    pg.stop();
  }
} else if (pg === null) console.log('  PostgreSQL skipped: no DATABASE_URL and no PostgreSQL binaries');
if (onlyEngine !== 'postgres') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopdesk-intake-'));
  try {
    await measure('PGlite', { LOOPDESK_DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log('  targets: >= 1000 cases/s with p99 < 100 ms on PostgreSQL; >= 300 cases/s on PGlite');
