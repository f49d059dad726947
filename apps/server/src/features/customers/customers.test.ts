import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, orgUnitId, startTestApp, type Client, type TestApp } from '../../../test/harness';

describeEngines('customers: the phone a customer is recorded with', (engine) => {
  let t: TestApp;
  let handler: Client;
  let bj: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const admin = await t.admin();
    handler = (await createStaff(t, admin, { username: 'phone.handler', roles: ['handler'], orgCode: 'BJ' })).client;
    bj = await orgUnitId(admin, 'BJ');
  });
  afterAll(() => t?.close());

  const person = (phone: string) => handler.post('/api/customers', { type: 'individual', orgUnitId: bj, name: '王小红', phone });

  it.each(['1234567', '66558888', '12812345678', '010-0655888', '138123456789'])('refuses %s, naming the phone field, and records nothing', async (phone) => {
    const r = await person(phone);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'phone', message: expect.stringMatching(/mobile number.*landline with its area code/) })]);
  });

  it('takes a mobile number or a landline with its area code, stored without the separators typed', async () => {
    const numbers: [typed: string, stored: string][] = [
      ['139 0000 1234', '13900001234'],
      ['010-66558888', '01066558888'],
      ['(0571) 8765-4321', '057187654321'],
    ];
    for (const [typed, stored] of numbers) {
      const r = await person(typed);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect((await handler.get(`/api/customers/${r.body.id}`)).body.phone).toBe(stored);
    }
  });

  it('holds a contact to the same rule', async () => {
    const c = await person('13900005678');
    expect((await handler.post(`/api/customers/${c.body.id}/contacts`, { name: '王经理', phone: '7654321' })).body.errors[0].field).toBe('phone');
    expect((await handler.post(`/api/customers/${c.body.id}/contacts`, { name: '王经理', phone: '021-58888888' })).status).toBe(201);
  });
});
