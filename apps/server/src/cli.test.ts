import { createPglite } from '@loopdesk/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { ADMIN_PASSWORD, Client, createStaff, openTestDatabase, type TestApp } from '../test/harness';
import { main } from './cli';
import { loadConfig } from './config';
import { startServer } from './server';

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('loopdesk command line', () => {
  it('lists its commands', async () => {
    expect(await main(['--help'], {})).toBe(0);
    const help = out.join('');
    for (const command of ['serve', 'migrate', 'audit verify', 'audit checkpoint', 'seed-demo', 'clocks backfill']) expect(help).toContain(command);
    expect(await main([], {})).toBe(2);
    expect(await main(['frobnicate'], { LOG_LEVEL: 'silent' })).toBe(2);
    expect(err.join('')).toContain('unknown command: frobnicate');
  });

  it('refuses to start on a wrong setting, naming the variable and what it expects', async () => {
    expect(await main(['serve'], { PORT: 'abc', DATABASE_URL: 'mysql://db' })).toBe(78);
    const message = err.join('');
    expect(message).toMatch(/PORT: .*number/);
    expect(message).toMatch(/DATABASE_URL: a postgres:\/\/ or postgresql:\/\/ connection URL/);
  });
});

describe('start-up on the embedded database', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'loopdesk-data-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the demo institution and an admin with a one-time password once; a second start reuses the data', async () => {
    const env = { LOOPDESK_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' };
    const first = await startServer(loadConfig(env));
    expect(first.setup).toMatchObject({ created: true, adminUsername: 'admin' });
    const otp = first.setup!.oneTimePassword!;
    expect(otp).toMatch(/^.{16}$/);
    // The demo staff share a one-time password of their own, not the administrator's.
    expect(first.setup!.demoStaffPassword).toMatch(/^.{16}$/);
    expect(first.setup!.demoStaffPassword).not.toBe(otp);
    const c = new Client(first.url.replace('localhost', '127.0.0.1'));
    const login = await c.login('admin', otp);
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    expect((await c.post('/api/auth/password', { currentPassword: otp, newPassword: 'Kept-Across-Starts-1' })).status).toBe(200);
    await first.stop();

    const second = await startServer(loadConfig(env));
    expect(second.setup).toMatchObject({ created: false, oneTimePassword: null });
    const again = new Client(second.url.replace('localhost', '127.0.0.1'));
    expect((await again.login('admin', 'Kept-Across-Starts-1')).status).toBe(200);
    const units = await again.get('/api/org-units');
    expect(units.body.items).toHaveLength(24);
    // The administrator and the seven demo staff, created once.
    expect((await again.get('/api/users')).body.total).toBe(8);
    await second.stop();
  });

  it('exports a checkpoint, verifies against it, and names the first broken entry', async () => {
    const env = { LOOPDESK_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', LOOPDESK_ADMIN_PASSWORD: ADMIN_PASSWORD };
    const running = await startServer(loadConfig(env));
    await running.stop();
    const checkpointFile = path.join(dataDir, 'checkpoint.json');

    expect(await main(['audit', 'checkpoint', '--institution', 'DEMO', '--out', checkpointFile], env)).toBe(0);
    expect(await main(['audit', 'verify', '--checkpoint', checkpointFile], env)).toBe(0);
    expect(out.join('')).toMatch(/DEMO: ok — \d+ entries, head \d+, matches the checkpoint/);

    const pg = await createPglite(path.join(dataDir, 'pglite'));
    await pg.query(`update audit_entries set action = 'forged' where seq = 3`);
    await pg.close();
    out = [];
    expect(await main(['audit', 'verify'], env)).toBe(1);
    expect(out.join('')).toMatch(/DEMO: BROKEN at entry 3 — entry 3 was altered/);
    expect(await main(['audit', 'verify', '--institution', 'NOPE'], env)).toBe(2);
  });
});

describe('loopdesk clocks backfill', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'loopdesk-data-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('gives clocks to a case that has none, once', async () => {
    const env = { LOOPDESK_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', LOOPDESK_ADMIN_PASSWORD: ADMIN_PASSWORD };
    const running = await startServer(loadConfig(env));
    const url = running.url.replace('localhost', '127.0.0.1');
    const admin = new Client(url);
    await admin.login('admin', ADMIN_PASSWORD);
    const handler = await createStaff({ url } as TestApp, admin, { username: 'cli.handler', roles: ['handler'], orgCode: 'BJ-HD' });
    const { caseId } = (await handler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '贷款审批拖延，客户经理一直不回复。' })).body;
    await running.stop();
    // As if registered before SLA clocks existed.
    const pg = await createPglite(path.join(dataDir, 'pglite'));
    await pg.query(`delete from case_clocks`);
    expect((await pg.query(`select 1 from cases`)).rows.length).toBeGreaterThanOrEqual(1);
    await pg.close();

    expect(await main(['clocks', 'backfill'], env)).toBe(0);
    expect(out.join('')).toMatch(/clocks given to [1-9]\d* case\(s\) that had none/);
    const after = await createPglite(path.join(dataDir, 'pglite'));
    expect((await after.query(`select clock from case_clocks where case_id = $1 order by clock`, [caseId])).rows.map((r) => (r as { clock: string }).clock)).toEqual(['first_response', 'regulatory', 'resolution']);
    await after.close();
    out = [];
    expect(await main(['clocks', 'backfill'], env)).toBe(0);
    expect(out.join('')).toContain('clocks given to 0 case(s) that had none');
  });
});

describe.skipIf(!inject('postgresUrl'))('several API processes on one PostgreSQL database', () => {
  it('migrate and seed once when started together, and share sessions and lock-outs', async () => {
    const { url, drop } = await openTestDatabase('postgres');
    const env = { DATABASE_URL: url!, PORT: '0', LOG_LEVEL: 'silent', LOOPDESK_ADMIN_PASSWORD: ADMIN_PASSWORD, LOOPDESK_AUDIT_KEY: 'c3'.repeat(32), LOOPDESK_DATA_KEYS: `k1:${'d4'.repeat(32)}` };
    const [a, b] = await Promise.all([startServer(loadConfig(env)), startServer(loadConfig(env))]);
    try {
      expect([a.setup!.created, b.setup!.created].sort()).toEqual([false, true]);
      const onA = new Client(a.url.replace('localhost', '127.0.0.1'));
      await onA.login('admin', ADMIN_PASSWORD);
      const onB = new Client(b.url.replace('localhost', '127.0.0.1'));
      for (const [k, v] of onA.cookies) onB.cookies.set(k, v);
      expect((await onB.get('/api/org-units')).body.items).toHaveLength(24);
      // A write through B with the session made on A, then sign-out on B ends it on A too.
      expect((await onB.post('/api/auth/logout')).status).toBe(200);
      expect((await onA.get('/api/auth/me')).status).toBe(401);
      // Failed sign-ins spread over both processes still add up to a lock-out.
      for (let i = 0; i < 5; i++) await new Client((i % 2 ? a : b).url.replace('localhost', '127.0.0.1')).login('admin', 'Wrong-Password-9');
      expect((await new Client(a.url.replace('localhost', '127.0.0.1')).login('admin', ADMIN_PASSWORD)).status).toBe(423);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await drop();
    }
  });
});
