import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, createStaff, describeEngines, startTestApp, type TestApp } from '../../../test/harness';

describeEngines('sign-in and sessions', (engine) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
  });
  afterAll(() => t?.close());

  it('sets an HttpOnly, SameSite session cookie and a readable CSRF cookie', async () => {
    const c = new Client(t.url);
    const r = await c.login('admin', ADMIN_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.institutionName).toBe('示范银行');
    const cookies = r.headers.getSetCookie();
    const session = cookies.find((s) => s.startsWith('ld_session='))!;
    const csrf = cookies.find((s) => s.startsWith('ld_csrf='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).not.toMatch(/Secure/i); // plain HTTP here; see the TLS case below
    expect(csrf).not.toMatch(/HttpOnly/i);
    const [entry] = (await admin.get('/api/audit?action=auth.login&limit=1')).body.items;
    expect(entry).toMatchObject({ actorId: r.body.id, actorName: 'admin', ip: '127.0.0.1' });
  });

  it('marks cookies Secure behind a TLS-terminating proxy', async () => {
    const proxied = await startTestApp(engine, { env: { LOOPDESK_TRUST_PROXY: 'true' } });
    try {
      const c = new Client(proxied.url);
      const r = await c.request('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, { 'x-forwarded-proto': 'https' });
      expect(r.status).toBe(200);
      expect(r.headers.getSetCookie().every((s) => /;\s*Secure/i.test(s))).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('answers a wrong password and an unknown name alike', async () => {
    const wrong = await new Client(t.url).login('admin', 'Wrong-Password-1');
    const unknown = await new Client(t.url).login('nobody', 'Wrong-Password-1');
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('invalid_credentials');
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('locks an account after five failures in a row, even against the right password, until the lock-out ends', async () => {
    const { password } = await createStaff(t, admin, { username: 'lock.me', roles: ['handler'], orgCode: 'BJ-HD' });
    for (let i = 1; i <= 4; i++) expect((await new Client(t.url).login('lock.me', 'Wrong-Password-1')).status).toBe(401);
    const fifth = await new Client(t.url).login('lock.me', 'Wrong-Password-1');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('account_locked');
    expect((await new Client(t.url).login('lock.me', password)).status).toBe(423);
    t.clock.advance(16 * 60_000);
    expect((await new Client(t.url).login('lock.me', password)).status).toBe(200);
    // A success resets the count: four more failures do not lock.
    for (let i = 1; i <= 4; i++) await new Client(t.url).login('lock.me', 'Wrong-Password-1');
    expect((await new Client(t.url).login('lock.me', password)).status).toBe(200);
    // A lapsed lock-out starts the count afresh: one more mistake does not lock again.
    for (let i = 1; i <= 5; i++) await new Client(t.url).login('lock.me', 'Wrong-Password-1');
    t.clock.advance(16 * 60_000);
    expect((await new Client(t.url).login('lock.me', 'Wrong-Password-1')).status).toBe(401);
    expect((await new Client(t.url).login('lock.me', password)).status).toBe(200);
    admin = await t.admin(); // the clock moved past the admin session's idle limit
  });

  it('refuses cookie-authenticated writes without the CSRF header, and cross-origin sign-in', async () => {
    const { client } = await createStaff(t, admin, { username: 'csrf.user', roles: ['handler'], orgCode: 'BJ' });
    const noHeader = await client.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.code).toBe('csrf_failed');
    const wrongHeader = await client.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(wrongHeader.body.code).toBe('csrf_failed');
    expect((await client.get('/api/auth/me')).status).toBe(200); // still signed in

    const crossSite = await new Client(t.url).request('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe('csrf_failed');
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const created = await admin.post('/api/users', { username: 'new.hire', displayName: '新员工', roles: ['team_lead'], orgUnitId: admin.me!.orgUnitId });
    const c = new Client(t.url);
    const login = await c.login('new.hire', created.body.oneTimePassword);
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('password_change_required');

    const weak = await c.post('/api/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: 'password' });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('weak_password');
    expect(weak.body.errors[0].field).toBe('newPassword');
    const wrongCurrent = await c.post('/api/auth/password', { currentPassword: 'Not-The-One-1', newPassword: 'Brand-New-Pass-1' });
    expect(wrongCurrent.status).toBe(401);
    expect(wrongCurrent.body.errors[0].field).toBe('currentPassword');

    expect((await c.post('/api/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: 'Brand-New-Pass-1' })).status).toBe(200);
    expect((await c.get('/api/users')).status).toBe(200);
    expect((await new Client(t.url).login('new.hire', created.body.oneTimePassword)).status).toBe(401);
    expect((await new Client(t.url).login('new.hire', 'Brand-New-Pass-1')).status).toBe(200);
  });

  it('lists my sessions and revokes one; a password change ends the others', async () => {
    const { password } = await createStaff(t, admin, { username: 'two.devices', roles: ['handler'], orgCode: 'SH' });
    const laptop = new Client(t.url);
    const phone = new Client(t.url);
    await laptop.login('two.devices', password);
    await phone.login('two.devices', password);
    const list = await laptop.get('/api/auth/sessions');
    expect(list.status).toBe(200);
    const current = list.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    const phoneSession = (await phone.get('/api/auth/sessions')).body.items.find((s: { current: boolean }) => s.current);

    expect((await laptop.delete(`/api/auth/sessions/${phoneSession.id}`)).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    // Another user's session id is not mine to revoke.
    expect((await admin.delete(`/api/auth/sessions/${phoneSession.id}`)).status).toBe(404);

    const tablet = new Client(t.url);
    await tablet.login('two.devices', password);
    expect((await laptop.post('/api/auth/password', { currentPassword: password, newPassword: 'Changed-Pass-77' })).status).toBe(200);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await tablet.get('/api/auth/me')).status).toBe(401);
  });

  it('signs out, and an idle session expires', async () => {
    const { password } = await createStaff(t, admin, { username: 'idle.user', roles: ['agent'], orgCode: 'BJ-HD-ZGC' });
    const c = new Client(t.url);
    await c.login('idle.user', password);
    const token = c.cookies.get('ld_session')!;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect(c.cookies.has('ld_session')).toBe(false);
    const replay = new Client(t.url);
    replay.cookies.set('ld_session', token);
    expect((await replay.get('/api/auth/me')).status).toBe(401);

    const d = new Client(t.url);
    await d.login('idle.user', password);
    t.clock.advance(20 * 60_000);
    expect((await d.get('/api/auth/me')).status).toBe(200); // activity slides the idle window
    t.clock.advance(20 * 60_000);
    expect((await d.get('/api/auth/me')).status).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await d.get('/api/auth/me')).status).toBe(401);
  });
});
