import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, describeEngines, startTestApp, type TestApp } from './harness';

describeEngines('HTTP conventions', (engine) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
  });
  afterAll(() => t?.close());

  const isProblem = (r: { status: number; body: any; headers: Headers }, status: number, code: string) => {
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ status, code, type: `https://loopdesk.dev/problems/${code}` });
    expect(r.body.requestId).toBe(r.headers.get('x-request-id'));
    expect(JSON.stringify(r.body)).not.toMatch(/\bat .*\.ts:\d+|node_modules|select |insert into/i);
  };

  it('answers bad input with problem+json naming the field at fault', async () => {
    const r = await admin.post('/api/users', { username: '1bad', displayName: '', roles: ['wizard'], orgUnitId: 'nope' });
    isProblem(r, 400, 'validation_failed');
    const fields = r.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['displayName', 'orgUnitId', 'roles.0', 'username']);
  });

  it('refuses malformed JSON, oversize bodies and wrong content types cleanly', async () => {
    isProblem(await admin.request('POST', '/api/org-units', '{"parentId":', { 'content-type': 'application/json' }), 400, 'bad_request');
    isProblem(await admin.request('POST', '/api/org-units', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })), 413, 'payload_too_large');
    const r = await admin.request('POST', '/api/org-units', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
  });

  it('answers unknown API routes and unknown ids with 404 problem+json', async () => {
    isProblem(await admin.get('/api/nothing-here'), 404, 'not_found');
    isProblem(await admin.get('/api/org-units/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });

  it('keeps a request id: the caller’s when well-formed, else a new one', async () => {
    const mine = await admin.request('GET', '/api/health', undefined, { 'x-request-id': 'trace-abc-12345' });
    expect(mine.headers.get('x-request-id')).toBe('trace-abc-12345');
    const bad = await admin.request('GET', '/api/health', undefined, { 'x-request-id': 'bad id with spaces' });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs JSON lines that carry the request id and never a password, cookie or token', async () => {
    const c = new Client(t.url);
    await c.login('admin', ADMIN_PASSWORD);
    await c.login('admin', 'Wrong-Secret-Value-1');
    await c.post('/api/auth/password', { currentPassword: 'Wrong-Secret-Value-2', newPassword: 'Another-Secret-3' });
    const created = await admin.post('/api/users', { username: 'log.check', displayName: 'x', roles: ['agent'], orgUnitId: admin.me!.orgUnitId });
    const lines = t.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = lines.filter((l) => l.req || l.res);
    expect(requestLines.length).toBeGreaterThan(5);
    expect(requestLines.every((l) => typeof l.requestId === 'string')).toBe(true);
    const text = t.logs.lines.join('\n');
    for (const secret of [ADMIN_PASSWORD, 'Wrong-Secret-Value-1', 'Wrong-Secret-Value-2', 'Another-Secret-3', created.body.oneTimePassword, c.cookies.get('ld_session')!, c.cookies.get('ld_csrf')!]) {
      expect(text).not.toContain(secret);
    }
  });

  it('publishes an OpenAPI 3.1 document generated from the contracts, and a page to browse it', async () => {
    const doc = await new Client(t.url).get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/users/{id}', '/api/org-units', '/api/audit', '/api/grants']));
    const login = doc.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const page = await new Client(t.url).get('/api/docs/');
    expect(page.status).toBe(200);
    expect(String(page.body)).toMatch(/swagger/i);
  });

  it('serves the web console for client-side routes, with security headers', async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'loopdesk-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(webDir, 'app.js'), 'console.log(1)');
    const withWeb = await startTestApp(engine, { env: { LOOPDESK_WEB_DIR: webDir } });
    try {
      const c = new Client(withWeb.url);
      for (const route of ['/', '/admin/users', '/audit']) {
        const r = await c.get(route);
        expect(r.status).toBe(200);
        expect(String(r.body)).toContain('<div id="root">');
      }
      expect((await c.get('/app.js')).body).toBe('console.log(1)');
      // Rebuilt under the running server: the new files are served at once, a file that is gone is a 404.
      mkdirSync(path.join(webDir, 'assets'));
      writeFileSync(path.join(webDir, 'assets', 'index-b2.js'), 'console.log(2)');
      writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div><script src="/assets/index-b2.js"></script>');
      expect((await c.get('/assets/index-b2.js')).body).toBe('console.log(2)');
      expect(String((await c.get('/cases/queue/mine')).body)).toContain('index-b2.js');
      isProblem(await c.get('/assets/index-a1.js'), 404, 'not_found');
      isProblem(await c.get('/api/unknown'), 404, 'not_found'); // API paths never fall back to the page
      const h = await c.get('/api/health');
      expect(h.headers.get('x-content-type-options')).toBe('nosniff');
      expect(h.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    } finally {
      await withWeb.close();
      rmSync(webDir, { recursive: true });
    }
  });
});
