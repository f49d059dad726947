import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createPglite, openDatabase, type Database, type Db } from '@loopdesk/db';
import { sql } from 'drizzle-orm';
import type { TMe } from '@loopdesk/core';
import pg from 'pg';
import { Writable } from 'node:stream';
import { describe, inject } from 'vitest';
import { buildApp, type App } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { parseKeyRing } from '../src/platform/field-cipher';
import { createLogger } from '../src/platform/logger';
import type { SetupResult } from '../src/features/setup/setup.service';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

export const ADMIN_PASSWORD = 'Admin-Pass-2026!';

/** Runs a suite once per engine; the PostgreSQL run is skipped only when no server exists (never in CI). */
export function describeEngines(name: string, suite: (engine: Engine) => void): void {
  for (const engine of ENGINES) {
    const skip = engine === 'postgres' && !inject('postgresUrl');
    describe.skipIf(skip)(`${name} [${engine}]`, () => suite(engine));
  }
}

/** A fresh, migrated database: a copy of the PGlite template, or a new database on the server. */
export async function openTestDatabase(engine: Engine): Promise<{ database: Database; drop(): Promise<void>; url?: string }> {
  if (engine === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const pglite = await createPglite(undefined, { loadDataDir: blob });
    const database = await openDatabase({ pglite });
    return { database, drop: () => database.close() };
  }
  const base = inject('postgresUrl');
  if (!base) throw new Error('no PostgreSQL server for this suite');
  const name = `ld_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  await database.migrate();
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A clock the tests move by hand. */
export class TestClock {
  private t: number;
  constructor(start = new Date('2026-11-20T02:00:00Z')) {
    this.t = start.getTime();
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Log lines captured as parsed JSON, for tests on what reaches the log. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
}

export const TEST_SECRETS = {
  auditKey: Buffer.from('a1'.repeat(32), 'hex'),
  dataKeys: parseKeyRing(`t1:${'b2'.repeat(32)}`),
};

export interface TestApp {
  app: App;
  url: string;
  database: Database;
  config: Config;
  clock: TestClock;
  setup: SetupResult;
  logs: LogCapture;
  /** A signed-in client for the seeded administrator. */
  admin(): Promise<Client>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Reuse a database (several app processes on one database). */
  database?: Database;
  clock?: TestClock;
  /** Run background jobs (triage) in this app. */
  worker?: boolean;
}

/** Starts LoopDesk on a real port over a fresh database, with the demo institution seeded. */
export async function startTestApp(engine: Engine, options: TestAppOptions = {}): Promise<TestApp> {
  const opened = options.database ? { database: options.database, drop: async () => undefined } : await openTestDatabase(engine);
  const config = loadConfig({
    LOG_LEVEL: 'info',
    LOOPDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOOPDESK_DATA_DIR: '/nonexistent-test-data',
    ...options.env,
  });
  const clock = options.clock ?? new TestClock();
  const logs = new LogCapture();
  const app = await buildApp({ config, database: opened.database, secrets: TEST_SECRETS, now: clock.now, logger: createLogger(config, logs), worker: options.worker ?? false });
  const setup = await app.services.setup.ensureDemoInstitution();
  const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url: address,
    database: opened.database,
    config,
    clock,
    setup,
    logs,
    admin: async () => {
      const c = new Client(address);
      await c.login('admin', ADMIN_PASSWORD);
      return c;
    },
    async close() {
      await app.http.close();
      await opened.drop();
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like API client: keeps cookies and sends the CSRF header on writes, over real HTTP. */
export class Client {
  readonly cookies = new Map<string, string>();
  me: TMe | undefined;

  constructor(readonly base: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('ld_csrf');
    if (csrf && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in h)) h['x-csrf-token'] = csrf;
    // Bytes (a file upload) go as they are; anything else as JSON.
    const binary = body instanceof Uint8Array;
    if (body !== undefined) h['content-type'] ??= binary ? 'application/octet-stream' : 'application/json';
    const res = await fetch(this.base + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : binary || typeof body === 'string' ? (body as string | Uint8Array) : JSON.stringify(body),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(set)) this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), value);
    }
    const type = res.headers.get('content-type') ?? '';
    if (type && !/json|^text\/|javascript|xml/.test(type)) return { status: res.status, body: Buffer.from(await res.arrayBuffer()) as T, headers: res.headers };
    const text = await res.text();
    let parsed: unknown = text;
    if (type.includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Signs in; the body is TMe on 200, a problem otherwise. */
  async login(username: string, password: string): Promise<Reply> {
    const r = await this.post('/api/auth/login', { username, password });
    if (r.status === 200) this.me = r.body as TMe;
    return r;
  }
}

/**
 * Creates a staff account through the API as `admin` and signs it in with a permanent
 * password (one-time password changed), ready to use.
 */
export async function createStaff(
  t: TestApp,
  admin: Client,
  input: { username: string; roles: string[]; orgCode: string; displayName?: string; email?: string; phone?: string },
): Promise<{ client: Client; id: string; password: string }> {
  const units = await admin.get<{ items: { id: string; code: string }[] }>('/api/org-units');
  const unit = units.body.items.find((u) => u.code === input.orgCode);
  if (!unit) throw new Error(`no org unit ${input.orgCode}`);
  const created = await admin.post('/api/users', {
    username: input.username,
    displayName: input.displayName ?? input.username,
    roles: input.roles,
    orgUnitId: unit.id,
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
  });
  if (created.status !== 201) throw new Error(`create ${input.username}: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new Client(t.url);
  const login = await client.login(input.username, created.body.oneTimePassword);
  if (login.status !== 200) throw new Error(`login ${input.username}: ${login.status}`);
  const password = `${input.username}-Secret-99`;
  const changed = await client.post('/api/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: password });
  if (changed.status !== 200) throw new Error(`password ${input.username}: ${changed.status} ${JSON.stringify(changed.body)}`);
  await client.get('/api/auth/me').then((r) => (client.me = r.body));
  return { client, id: created.body.user.id, password };
}

/** The id of the org unit with a code, as the admin sees it. */
export async function orgUnitId(admin: Client, code: string): Promise<string> {
  const units = await admin.get<{ items: { id: string; code: string }[] }>('/api/org-units');
  const unit = units.body.items.find((u) => u.code === code);
  if (!unit) throw new Error(`no org unit ${code}`);
  return unit.id;
}

/**
 * Runs `work` in an audited transaction and keeps it open until `commit()` is called, so a test
 * can make another transaction meet it. `held` settles once `work` is done.
 */
export function transactionHeldOpen<T>(t: TestApp, work: (tx: Db) => Promise<T>): { held: Promise<void>; commit(): void; done: Promise<T> } {
  let commit!: () => void;
  let worked!: () => void;
  const held = new Promise<void>((r) => (worked = r));
  const done = t.app.services.audit.transaction(async (tx) => {
    const result = await work(tx);
    worked();
    await new Promise<void>((r) => (commit = r));
    return result;
  });
  return { held, commit: () => commit(), done };
}

/**
 * The server process of a transaction waiting for an advisory lock (PostgreSQL), polled until
 * one waits or `finished()` says the work it was expected of ended without waiting.
 */
export async function waitingOnAdvisoryLock(t: TestApp, finished: () => boolean): Promise<number | undefined> {
  for (;;) {
    const r = (await t.database.db.execute(sql`select pid from pg_locks where locktype = 'advisory' and not granted limit 1`)) as unknown as { rows: { pid: number }[] };
    if (r.rows[0]) return r.rows[0].pid;
    if (finished()) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
