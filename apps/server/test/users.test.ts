import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, createStaff, describeEngines, orgUnitId, startTestApp, type Reply, type TestApp } from './harness';

interface AuditItem {
  action: string;
  actorName: string | null;
  objectId: string | null;
  before: any;
  after: any;
}

/** The rows of a raw query, whichever engine ran it (both results carry `rows`). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

describeEngines('staff accounts', (engine) => {
  let t: TestApp;
  let admin: Client;
  let units: { ho: string; bj: string; bjHd: string; sh: string };
  let bjManager: Awaited<ReturnType<typeof createStaff>>;

  const expectProblem = (r: Reply, status: number, code: string, field?: string) => {
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect({ status: r.status, code: r.body.code, field: r.body.errors?.[0]?.field }).toEqual({ status, code, field });
  };
  const auditOf = async (objectId: string, action?: string): Promise<AuditItem[]> => {
    const r = await admin.get(`/api/audit?objectType=user&objectId=${objectId}${action ? `&action=${action}` : ''}`);
    expect(r.status).toBe(200);
    return r.body.items as AuditItem[];
  };
  const newUser = async (username: string, orgUnitId: string, extra: Record<string, unknown> = {}) => {
    const r = await admin.post('/api/users', { username, displayName: username, roles: ['agent'], orgUnitId, ...extra });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { user: { id: string; version: number }; oneTimePassword: string };
  };
  const signIn = async (username: string, password: string) => {
    const c = new Client(t.url);
    const r = await c.login(username, password);
    return { c, r };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    units = {
      ho: await orgUnitId(admin, 'HO'),
      bj: await orgUnitId(admin, 'BJ'),
      bjHd: await orgUnitId(admin, 'BJ-HD'),
      sh: await orgUnitId(admin, 'SH'),
    };
    bjManager = await createStaff(t, admin, { username: 'bj.boss', roles: ['branch_manager', 'team_lead'], orgCode: 'BJ' });
  });
  afterAll(() => t?.close());

  it('creates an account with a one-time password that only lets the holder change it', async () => {
    const r = await admin.post('/api/users', { username: 'Li.Si', displayName: '李四', roles: ['handler', 'expert'], orgUnitId: units.bjHd });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({
      username: 'li.si',
      displayName: '李四',
      roles: ['handler', 'expert'],
      orgUnitId: units.bjHd,
      status: 'active',
      locked: false,
      mustChangePassword: true,
      version: 1,
      email: null,
      phone: null,
    });
    expect(typeof r.body.oneTimePassword).toBe('string');
    expect(r.body.oneTimePassword.length).toBeGreaterThanOrEqual(10);
    expect((await auditOf(r.body.user.id, 'user.create')).length).toBe(1);

    const { c, r: login } = await signIn('li.si', r.body.oneTimePassword);
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ username: 'li.si', mustChangePassword: true });

    // Everything but me / password / logout waits for the password change.
    for (const path of ['/api/org-units', `/api/org-units/${units.bjHd}`, '/api/auth/sessions']) {
      expectProblem(await c.get(path), 403, 'password_change_required');
    }
    expectProblem(await c.delete(`/api/auth/sessions/${r.body.user.id}`), 403, 'password_change_required');
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.mustChangePassword).toBe(true);

    // Signing out works during the change too (on a second session).
    const second = await signIn('li.si', r.body.oneTimePassword);
    expect(second.r.status).toBe(200);
    expect((await second.c.post('/api/auth/logout')).status).toBe(200);
    expectProblem(await second.c.get('/api/auth/me'), 401, 'unauthenticated');

    // A weak new password is refused, and the account stays restricted.
    expectProblem(await c.post('/api/auth/password', { currentPassword: r.body.oneTimePassword, newPassword: 'short' }), 422, 'weak_password', 'newPassword');
    expectProblem(await c.get('/api/org-units'), 403, 'password_change_required');

    const changed = await c.post('/api/auth/password', { currentPassword: r.body.oneTimePassword, newPassword: 'Li-Si-Password-42' });
    expect(changed.status).toBe(200);
    const units2 = await c.get('/api/org-units');
    expect(units2.status).toBe(200);
    expect((units2.body.items as { code: string }[]).map((u) => u.code).sort()).toEqual(['BJ-HD', 'BJ-HD-WDK', 'BJ-HD-ZGC']);
    expect((await c.get('/api/auth/me')).body.mustChangePassword).toBe(false);

    // The one-time password is spent.
    expectProblem((await signIn('li.si', r.body.oneTimePassword)).r, 401, 'invalid_credentials');
    expect((await signIn('li.si', 'Li-Si-Password-42')).r.status).toBe(200);
  });

  it('ends my other sessions when I change my password, and keeps this one', async () => {
    const s = await createStaff(t, admin, { username: 'chen.yi', roles: ['agent'], orgCode: 'BJ' });
    const other = await signIn('chen.yi', s.password);
    expect(other.r.status).toBe(200);
    expectProblem(await s.client.post('/api/auth/password', { currentPassword: 'Not-The-Password-1', newPassword: 'Chen-Yi-Next-2026' }), 401, 'invalid_credentials', 'currentPassword');
    expect((await other.c.get('/api/auth/me')).status).toBe(200);
    expect((await s.client.post('/api/auth/password', { currentPassword: s.password, newPassword: 'Chen-Yi-Next-2026' })).status).toBe(200);
    expect((await s.client.get('/api/auth/me')).status).toBe(200);
    expectProblem(await other.c.get('/api/auth/me'), 401, 'unauthenticated');
    expectProblem((await signIn('chen.yi', s.password)).r, 401, 'invalid_credentials');
    expect((await signIn('chen.yi', 'Chen-Yi-Next-2026')).r.status).toBe(200);
  });

  it('refuses a duplicate user name with 409 on username, whatever its case', async () => {
    await newUser('wang.wu', units.bj);
    for (const username of ['wang.wu', 'Wang.Wu', '  WANG.WU ']) {
      const r = await admin.post('/api/users', { username, displayName: '王五二号', roles: ['agent'], orgUnitId: units.bj });
      expectProblem(r, 409, 'duplicate', 'username');
    }
    const list = await admin.get('/api/users?q=wang.wu');
    expect(list.body.total).toBe(1);
  });

  it('refuses an invalid user name with 400 on username', async () => {
    for (const username of ['1abc', 'ab', 'has space', 'zhang@san', '张三', 'a'.repeat(33), '']) {
      const r = await admin.post('/api/users', { username, displayName: 'x', roles: ['agent'], orgUnitId: units.bj });
      expectProblem(r, 400, 'validation_failed', 'username');
    }
    expectProblem(await admin.post('/api/users', { username: 'no.roles', displayName: 'x', roles: [], orgUnitId: units.bj }), 400, 'validation_failed', 'roles');
    expectProblem(await admin.post('/api/users', { username: 'bad.role', displayName: 'x', roles: ['superuser'], orgUnitId: units.bj }), 400, 'validation_failed', 'roles.0');
    expectProblem(await admin.post('/api/users', { username: 'bad.mail', displayName: 'x', roles: ['agent'], orgUnitId: units.bj, email: 'not-an-email' }), 400, 'validation_failed', 'email');
  });

  it('masks email and phone in lists and for readers without users.read_pii; unmasks and audits for the admin', async () => {
    const { user } = await newUser('zhang.san', units.bj, { email: 'zhangsan@bank.cn', phone: '13812345678', displayName: '张三' });

    const list = await admin.get('/api/users?q=zhang.san');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: user.id, email: 'zh***@bank.cn', phone: '138****5678', piiMasked: true });
    expect(JSON.stringify(list.body)).not.toContain('zhangsan@bank.cn');
    expect(JSON.stringify(list.body)).not.toContain('13812345678');
    expect(await auditOf(user.id, 'user.pii_read')).toHaveLength(0);

    // A branch manager of the user's branch may read users but not their personal data.
    const bjList = await bjManager.client.get('/api/users?q=zhang.san');
    expect(bjList.body.items[0]).toMatchObject({ email: 'zh***@bank.cn', phone: '138****5678', piiMasked: true });
    const masked = await bjManager.client.get(`/api/users/${user.id}`);
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ email: 'zh***@bank.cn', phone: '138****5678', piiMasked: true });
    expect(await auditOf(user.id, 'user.pii_read')).toHaveLength(0);

    const full = await admin.get(`/api/users/${user.id}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ email: 'zhangsan@bank.cn', phone: '13812345678', piiMasked: false });
    const reads = await auditOf(user.id, 'user.pii_read');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ action: 'user.pii_read', actorName: 'admin', objectId: user.id });
    // The audit entry records that a read happened, not the data read.
    expect(JSON.stringify(reads[0])).not.toContain('zhangsan@bank.cn');
    expect(JSON.stringify(reads[0])).not.toContain('13812345678');

    // Each read is audited.
    await admin.get(`/api/users/${user.id}`);
    expect(await auditOf(user.id, 'user.pii_read')).toHaveLength(2);
  });

  it('keeps personal data encrypted at rest and out of the audit trail', async () => {
    const { user } = await newUser('zhao.liu', units.bj, { email: 'zhaoliu.private@bank.cn', phone: '13987654321' });
    // A change of contact data is sealed too.
    const changed = await admin.patch(`/api/users/${user.id}`, { version: user.version, phone: '13700001234' });
    expect(changed.status).toBe(200);

    const sealed = await t.database.db.execute(sql`select email_sealed, phone_sealed from users where id = ${user.id}`);
    const row = rowsOf<{ email_sealed: string | null; phone_sealed: string | null }>(sealed)[0]!;
    expect(row.email_sealed).toEqual(expect.any(String));
    expect(row.phone_sealed).toEqual(expect.any(String));
    for (const plain of ['zhaoliu.private@bank.cn', 'zhaoliu', '13987654321', '13700001234', '87654321', '00001234']) {
      expect(row.email_sealed).not.toContain(plain);
      expect(row.phone_sealed).not.toContain(plain);
    }

    // No column of the row, and no audit entry, holds the plaintext.
    const whole = await t.database.db.execute(sql`select row_to_json(u)::text as j from users u where id = ${user.id}`);
    const json = rowsOf<{ j: string }>(whole)[0]!.j;
    for (const plain of ['zhaoliu.private', '13987654321', '13700001234']) expect(json).not.toContain(plain);
    const inAudit = async (text: string) =>
      rowsOf<{ n: number }>(
        await t.database.db.execute(
          sql`select count(*)::int as n from audit_entries where strpos(coalesce(before::text, '') || coalesce(after::text, ''), ${text}) > 0`,
        ),
      )[0]!.n;
    expect(await inAudit('zhao.liu')).toBeGreaterThan(0); // the query does find what is there
    for (const plain of ['zhaoliu.private', '13987654321', '13700001234']) expect(await inAudit(plain), plain).toBe(0);

    // And it still opens for the admin.
    const full = await admin.get(`/api/users/${user.id}`);
    expect(full.body).toMatchObject({ email: 'zhaoliu.private@bank.cn', phone: '13700001234' });
  });

  it('ends the sessions of a disabled user and refuses their sign-in', async () => {
    const s = await createStaff(t, admin, { username: 'sun.qi', roles: ['agent'], orgCode: 'BJ' });
    const other = await signIn('sun.qi', s.password);
    expect(other.r.status).toBe(200);
    const current = await admin.get(`/api/users/${s.id}`);

    const disabled = await admin.patch(`/api/users/${s.id}`, { version: current.body.version, status: 'disabled' });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', version: current.body.version + 1 });

    for (const c of [s.client, other.c]) {
      expectProblem(await c.get('/api/auth/me'), 401, 'unauthenticated');
      expectProblem(await c.get('/api/org-units'), 401, 'unauthenticated');
    }
    expectProblem((await signIn('sun.qi', s.password)).r, 403, 'account_disabled');
    // A wrong password still says only that the credentials are wrong.
    expectProblem((await signIn('sun.qi', 'Wrong-Password-1')).r, 401, 'invalid_credentials');
    // Sessions stay ended in the database, not merely refused while disabled.
    const live = await t.database.db.execute(sql`select count(*)::int as n from sessions where user_id = ${s.id} and revoked_at is null`);
    expect(rowsOf<{ n: number }>(live)[0]!.n).toBe(0);

    const audit = await auditOf(s.id, 'user.update');
    expect(audit[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' } });

    // Enabling again lets them sign in, and the old sessions stay dead.
    const enabled = await admin.patch(`/api/users/${s.id}`, { version: disabled.body.version, status: 'active' });
    expect(enabled.status).toBe(200);
    expectProblem(await s.client.get('/api/auth/me'), 401, 'unauthenticated');
    expect((await signIn('sun.qi', s.password)).r.status).toBe(200);
  });

  it('does not let an admin disable themselves', async () => {
    const me = (await admin.get('/api/auth/me')).body;
    const self = await admin.get(`/api/users/${me.id}`);
    const r = await admin.patch(`/api/users/${me.id}`, { version: self.body.version, status: 'disabled' });
    expectProblem(r, 422, 'unprocessable', 'status');
    const after = await admin.get(`/api/users/${me.id}`);
    expect(after.body).toMatchObject({ status: 'active', version: self.body.version });
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    // Nor drop their own admin role.
    expectProblem(await admin.patch(`/api/users/${me.id}`, { version: self.body.version, roles: ['auditor'] }), 422, 'unprocessable', 'roles');
  });

  it('resets a password: the new one-time password works, the old password and sessions do not', async () => {
    const s = await createStaff(t, admin, { username: 'zhou.ba', roles: ['handler'], orgCode: 'BJ-HD' });
    const reset = await admin.post(`/api/users/${s.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.user).toMatchObject({ id: s.id, mustChangePassword: true });
    expect(reset.body.oneTimePassword).toEqual(expect.any(String));
    expect(reset.body.oneTimePassword).not.toBe(s.password);

    expectProblem(await s.client.get('/api/auth/me'), 401, 'unauthenticated');
    expectProblem((await signIn('zhou.ba', s.password)).r, 401, 'invalid_credentials');
    const fresh = await signIn('zhou.ba', reset.body.oneTimePassword);
    expect(fresh.r.status).toBe(200);
    expect(fresh.r.body.mustChangePassword).toBe(true);
    expectProblem(await fresh.c.get('/api/org-units'), 403, 'password_change_required');
    expect((await fresh.c.post('/api/auth/password', { currentPassword: reset.body.oneTimePassword, newPassword: 'Zhou-Ba-New-2026' })).status).toBe(200);
    expect((await fresh.c.get('/api/org-units')).status).toBe(200);

    expect((await auditOf(s.id, 'user.reset_password')).length).toBe(1);
  });

  it('locks an account after 5 failed sign-ins, even for the right password, until an admin unlocks it', async () => {
    const s = await createStaff(t, admin, { username: 'wu.jiu', roles: ['agent'], orgCode: 'SH' });
    for (let i = 1; i <= 4; i++) expectProblem((await signIn('wu.jiu', `Wrong-Password-${i}`)).r, 401, 'invalid_credentials');
    expectProblem((await signIn('wu.jiu', 'Wrong-Password-5')).r, 423, 'account_locked');
    expectProblem((await signIn('wu.jiu', s.password)).r, 423, 'account_locked');
    expect((await admin.get(`/api/users/${s.id}`)).body.locked).toBe(true);
    expect((await auditOf(s.id, 'auth.lockout')).length).toBe(1);

    const unlocked = await admin.post(`/api/users/${s.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    expect((await auditOf(s.id, 'user.unlock')).length).toBe(1);
    const ok = await signIn('wu.jiu', s.password);
    expect(ok.r.status).toBe(200);
    // The failure count started afresh: one wrong attempt does not lock again.
    expectProblem((await signIn('wu.jiu', 'Wrong-Password-6')).r, 401, 'invalid_credentials');
    expect((await signIn('wu.jiu', s.password)).r.status).toBe(200);
  });

  it('refuses a PATCH with a stale version and changes nothing', async () => {
    const { user } = await newUser('qian.shi', units.bj, { displayName: '钱十' });
    const first = await admin.patch(`/api/users/${user.id}`, { version: user.version, displayName: '钱十一' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(user.version + 1);
    const entries = (await auditOf(user.id, 'user.update')).length;

    const stale = await admin.patch(`/api/users/${user.id}`, { version: user.version, displayName: '钱十二', roles: ['admin'] });
    expectProblem(stale, 409, 'stale_version');
    const now = await admin.get(`/api/users/${user.id}`);
    expect(now.body).toMatchObject({ displayName: '钱十一', roles: ['agent'], version: user.version + 1 });
    expect(await auditOf(user.id, 'user.update')).toHaveLength(entries);
  });

  it('lets the lock-out lapse on its own after the configured minutes', async () => {
    const s = await createStaff(t, admin, { username: 'feng.shiyi', roles: ['agent'], orgCode: 'BJ' });
    for (let i = 1; i <= 5; i++) await signIn('feng.shiyi', `Wrong-Password-${i}`);
    expectProblem((await signIn('feng.shiyi', s.password)).r, 423, 'account_locked');
    t.clock.advance(14 * 60_000);
    expectProblem((await signIn('feng.shiyi', s.password)).r, 423, 'account_locked');
    t.clock.advance(2 * 60_000);
    expect((await signIn('feng.shiyi', s.password)).r.status).toBe(200);
    // The admin's session survives (each request slides its idle expiry).
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('lists the staff of one department and the units below it, for naming a sub-task owner', async () => {
    const hoRisk = await orgUnitId(admin, 'HO-RISK');
    const desk = await admin.post('/api/org-units', { parentId: hoRisk, kind: 'department', code: 'HO-RISK-OPS', name: '操作风险处' });
    expect(desk.status, JSON.stringify(desk.body)).toBe(201);
    const officer = await createStaff(t, admin, { username: 'risk.officer', roles: ['risk_officer'], orgCode: 'HO-RISK' });
    const analyst = await createStaff(t, admin, { username: 'risk.analyst', roles: ['risk_officer'], orgCode: 'HO-RISK-OPS' });
    const legal = await createStaff(t, admin, { username: 'legal.officer', roles: ['legal_officer'], orgCode: 'HO-LEGAL' });
    // A branch's team lead asks: the department is outside their subtree, and still listed.
    const ids = async (query: string) => {
      const r = await bjManager.client.get(`/api/staff?${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items.map((u: { id: string }) => u.id);
    };
    expect((await ids(`orgUnitId=${hoRisk}`)).sort()).toEqual([officer.id, analyst.id].sort());
    expect(await ids(`orgUnitId=${desk.body.id}`)).toEqual([analyst.id]);
    expect(await ids(`orgUnitId=${hoRisk}&q=analyst`)).toEqual([analyst.id]);
    expect(await ids('q=officer')).toEqual(expect.arrayContaining([officer.id, legal.id]));
    expectProblem(await bjManager.client.get('/api/staff?orgUnitId=00000000-0000-4000-8000-000000000000'), 422, 'unprocessable', 'orgUnitId');
  });
});
