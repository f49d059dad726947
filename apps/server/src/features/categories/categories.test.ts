import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';

describeEngines('content categories', (engine) => {
  let t: TestApp;
  let admin: Client;
  let handler: Client;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    handler = (await createStaff(t, admin, { username: 'cat.handler', roles: ['handler'], orgCode: 'BJ' })).client;
  });
  afterAll(() => t?.close());

  it('starts every institution with the default tree', async () => {
    const { items } = (await handler.get('/api/categories')).body;
    const roots = items.filter((c: { parentId: string | null }) => c.parentId === null).map((c: { code: string }) => c.code);
    expect(roots).toEqual(['product_function', 'service_quality', 'risk_compliance']);
    const approval = items.find((c: { code: string }) => c.code === 'approval_delay');
    expect(approval).toMatchObject({ nameZh: '审批时效', active: true });
    expect(items.find((c: { id: string }) => c.id === approval.parentId).code).toBe('product_function');
  });

  it('lets an admin add and retire categories; a retired one cannot be chosen for a new case', async () => {
    const parent = (await handler.get('/api/categories')).body.items.find((c: { code: string }) => c.code === 'service_quality');
    const added = await admin.post('/api/categories', { parentId: parent.id, code: 'queue_order', nameZh: '排队秩序', nameEn: 'Queue order' });
    expect(added.status).toBe(201);
    expect((await handler.post('/api/categories', { parentId: null, code: 'x_y', nameZh: 'x', nameEn: 'x' })).status).toBe(403);
    const dup = await admin.post('/api/categories', { parentId: null, code: 'queue_order', nameZh: '重复', nameEn: 'dup' });
    expect(dup.status).toBe(409);
    const ok = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '网点排队秩序混乱', categoryId: added.body.id });
    expect(ok.status).toBe(201);
    expect((await admin.patch(`/api/categories/${added.body.id}`, { active: false })).body.active).toBe(false);
    const refused = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '网点排队秩序混乱', categoryId: added.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('categoryId');
  });
});
