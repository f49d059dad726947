import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, startTestApp, type TestApp } from './harness';

describeEngines('smoke', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('signs the admin in and reads me', async () => {
    const admin = await t.admin();
    const me = await admin.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
    expect(me.body.permissions).toContain('org.manage');
  });
});
