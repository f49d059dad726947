import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZOk } from '@loopdesk/core';
import { ApiError, api, setSessionLostHandler } from './api';

function respond(status: number, body: unknown, contentType = 'application/problem+json') {
  return vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } })));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setSessionLostHandler(undefined);
});

describe('api client', () => {
  it('sends the ld_csrf cookie as x-csrf-token on writes, with a JSON body', async () => {
    const fetchMock = respond(200, { ok: true }, 'application/json');
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'other=1; ld_csrf=abc%3D; x=y' });
    await api.post('/api/auth/password', ZOk, { currentPassword: 'a', newPassword: 'b' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/password');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).toMatchObject({ 'x-csrf-token': 'abc=', 'content-type': 'application/json' });
    expect(init.body).toBe('{"currentPassword":"a","newPassword":"b"}');
  });

  it('sends a file as the body itself, with its name in the query and the csrf header', async () => {
    const fetchMock = respond(200, { ok: true }, 'application/json');
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'ld_csrf=abc' });
    const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    await api.upload('/api/cases/1/attachments', ZOk, file, { name: '申请材料.pdf' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/cases/1/attachments?name=${encodeURIComponent('申请材料.pdf')}`);
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'x-csrf-token': 'abc', 'content-type': 'application/octet-stream' });
    expect(init.body).toBe(file);
  });

  it('leaves empty query parameters out of GET urls and sends no csrf header', async () => {
    const fetchMock = respond(200, { ok: true }, 'application/json');
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'ld_csrf=abc' });
    await api.get('/api/users', ZOk, { q: '', role: 'agent', offset: 0, orgUnitId: undefined });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/users?role=agent&offset=0');
    expect(init.headers).not.toHaveProperty('x-csrf-token');
  });

  it('turns problem+json into an ApiError with code and fields', async () => {
    vi.stubGlobal('document', { cookie: '' });
    vi.stubGlobal(
      'fetch',
      respond(422, {
        type: 'about:blank',
        title: 'Weak password',
        status: 422,
        code: 'weak_password',
        errors: [{ field: 'newPassword', message: 'too short' }],
      }),
    );
    const error = await api.post('/api/auth/password', ZOk, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'weak_password', fields: [{ field: 'newPassword' }] });
  });

  it('reports a lost session on 401, but not on invalid_credentials', async () => {
    vi.stubGlobal('document', { cookie: '' });
    const lost = vi.fn();
    setSessionLostHandler(lost);
    vi.stubGlobal('fetch', respond(401, { type: 'x', title: 'x', status: 401, code: 'invalid_credentials' }));
    await api.post('/api/auth/login', ZOk, {}).catch(() => undefined);
    expect(lost).not.toHaveBeenCalled();
    vi.stubGlobal('fetch', respond(401, { type: 'x', title: 'x', status: 401, code: 'unauthenticated' }));
    await api.get('/api/users', ZOk).catch(() => undefined);
    expect(lost).toHaveBeenCalledOnce();
  });

  it('maps network failures and unreadable answers to stable codes', async () => {
    vi.stubGlobal('document', { cookie: '' });
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('offline'))));
    await expect(api.get('/api/users', ZOk)).rejects.toMatchObject({ status: 0, code: 'network' });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.stubGlobal('fetch', respond(200, { nope: 1 }, 'application/json'));
    await expect(api.get('/api/users', ZOk)).rejects.toMatchObject({ code: 'invalid_response' });
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response('<html>', { status: 502 }))));
    await expect(api.get('/api/users', ZOk)).rejects.toMatchObject({ status: 502, code: 'internal' });
  });
});
