import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client } from '../../../test/harness';
import { createStaff, describeEngines, startTestApp, type TestApp } from '../../../test/harness';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n% 申请人身份证 110101199003074477\n%%EOF\n');
const HTML_AS_PDF = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/users")</script></body></html>');

describeEngines('case attachments', (engine) => {
  let t: TestApp;
  let handler: { client: Client; id: string };
  let auditor: { client: Client; id: string };
  let shHandler: { client: Client; id: string };
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { LOOPDESK_ATTACHMENT_MAX_MB: '1' } });
    const admin = await t.admin();
    handler = await createStaff(t, admin, { username: 'att.handler', roles: ['handler'], orgCode: 'BJ-HD', displayName: '王处理' });
    auditor = await createStaff(t, admin, { username: 'att.auditor', roles: ['auditor'], orgCode: 'BJ' });
    shHandler = await createStaff(t, admin, { username: 'att.sh', roles: ['handler'], orgCode: 'SH' });
    const r = await handler.client.post('/api/cases', { channel: 'letter', kind: 'complaint', text: '来信投诉贷款审批拖延，附申请材料。' });
    caseId = r.body.caseId;
  });
  afterAll(() => t?.close());

  const upload = (c: Client, name: string, bytes: Uint8Array, id = caseId, contentType?: string) =>
    c.request('POST', `/api/cases/${id}/attachments?name=${encodeURIComponent(name)}`, bytes, contentType ? { 'content-type': contentType } : {});
  const rows = <T>(query: ReturnType<typeof sql>) => t.database.db.execute(query).then((r) => (r as unknown as { rows: T[] }).rows);
  const stored = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from case_attachments`))[0];

  it('stores a file with the type read from its content, its SHA-256 and who sent it, on the timeline', async () => {
    const r = await upload(handler.client, '申请材料.pdf', PDF, caseId, 'image/png');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      caseId,
      fileName: '申请材料.pdf',
      kind: 'pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedBy: { id: handler.id, displayName: '王处理' },
    });
    const list = await handler.client.get(`/api/cases/${caseId}/attachments`);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([r.body.id]);
    expect(list.body.limits).toEqual({ maxBytes: 1024 * 1024, kinds: ['pdf', 'png', 'jpeg', 'gif', 'webp', 'tiff', 'docx', 'xlsx', 'doc', 'xls', 'txt', 'csv', 'mp3', 'wav', 'm4a'] });
    const detail = await handler.client.get(`/api/cases/${caseId}`);
    expect(detail.body.events.at(-1)).toMatchObject({ type: 'attachment.added', data: { attachmentId: r.body.id, fileName: '申请材料.pdf' } });
  });

  it('keeps the content sealed at rest: the database holds no readable copy', async () => {
    const sealed = await rows<{ content_sealed: Uint8Array }>(sql`select content_sealed from case_attachments`);
    expect(sealed).toHaveLength(1);
    const raw = Buffer.from(sealed[0]!.content_sealed);
    expect(raw.includes(Buffer.from('110101199003074477'))).toBe(false);
    expect(raw.includes(Buffer.from('%PDF'))).toBe(false);
  });

  it('stores a retried upload once and returns the first', async () => {
    const first = (await handler.client.get(`/api/cases/${caseId}/attachments`)).body.items[0];
    const again = await upload(handler.client, '重复.pdf', PDF);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
    expect(await stored()).toEqual({ n: 1 });
    const events = (await handler.client.get(`/api/cases/${caseId}`)).body.events.filter((e: { type: string }) => e.type === 'attachment.added');
    expect(events).toHaveLength(1);
  });

  it('refuses markup, programs, unknown and unaccepted kinds, empty and oversized files, naming the field, and stores nothing', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]);
    const refusals: [string, Uint8Array, number, RegExp][] = [
      ['发票.pdf', HTML_AS_PDF, 422, /html, which is never accepted/],
      ['logo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 422, /svg/],
      ['scan.jpg', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 422, /executable/],
      ['data.bin', Buffer.from([0, 1, 2, 3, 250, 251]), 422, /could not be recognised/],
      ['archive.zip', zip, 422, /zip files are not accepted/],
      ['empty.txt', new Uint8Array(0), 422, /empty/],
    ];
    for (const [name, bytes, status, detail] of refusals) {
      const r = await upload(handler.client, name, bytes);
      expect([name, r.status, r.body.errors?.[0]?.field]).toEqual([name, status, 'file']);
      expect(r.body.errors[0].code).toMatch(/^(dangerous_type|unknown_type|type_not_accepted|empty_file)$/);
      expect(r.body.detail).toMatch(detail);
    }
    const big = await upload(handler.client, 'big.txt', Buffer.alloc(1024 * 1024 + 1, 0x61));
    expect([big.status, big.body.code, big.body.errors?.[0]?.field]).toEqual([413, 'payload_too_large', 'body']);
    const nameless = await handler.client.request('POST', `/api/cases/${caseId}/attachments`, PDF);
    expect([nameless.status, nameless.body.errors?.[0]?.field]).toEqual([400, 'name']);
    const json = await handler.client.post(`/api/cases/${caseId}/attachments?name=a.pdf`, { file: 'x' });
    expect([json.status, json.body.errors?.[0]?.field]).toEqual([422, 'file']);
    expect(await stored()).toEqual({ n: 1 });
  });

  it('serves the file only as a download, to roles that may see personal data, and audits each read', async () => {
    const [att] = (await handler.client.get(`/api/cases/${caseId}/attachments`)).body.items;
    const r = await handler.client.get(`/api/cases/${caseId}/attachments/${att.id}/content`);
    expect(r.status).toBe(200);
    expect(Buffer.compare(r.body as Buffer, PDF)).toBe(0);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('申请材料.pdf')}`);
    expect(r.headers.get('content-security-policy')).toContain('sandbox');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const admin = await t.admin();
    const audit = await admin.get('/api/audit?action=case.attachment_read');
    expect(audit.body.items[0]).toMatchObject({ actorName: 'att.handler', objectId: caseId, after: { attachmentId: att.id } });

    // The auditor sees the list but not the content.
    expect((await auditor.client.get(`/api/cases/${caseId}/attachments`)).status).toBe(200);
    expect((await auditor.client.get(`/api/cases/${caseId}/attachments/${att.id}/content`)).status).toBe(403);
    // Another branch does not learn the case exists.
    expect((await shHandler.client.get(`/api/cases/${caseId}/attachments`)).status).toBe(404);
    expect((await shHandler.client.get(`/api/cases/${caseId}/attachments/${att.id}/content`)).status).toBe(404);
    expect((await upload(shHandler.client, 'x.pdf', Buffer.from('%PDF-1.4 other'))).status).toBe(404);
    // An attachment id of another case is not found through this one.
    const other = await handler.client.post('/api/cases', { channel: 'hotline', kind: 'inquiry', text: '咨询贷款利率。' });
    expect((await handler.client.get(`/api/cases/${other.body.caseId}/attachments/${att.id}/content`)).status).toBe(404);
  });

  it('takes no files on a withdrawn case', async () => {
    const c = await handler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '客户来电投诉后撤回。' });
    const w = await handler.client.post(`/api/cases/${c.body.caseId}/transitions`, { action: 'withdraw', version: 1, reason: '客户撤回' });
    expect(w.status).toBe(200);
    const r = await upload(handler.client, 'late.pdf', Buffer.from('%PDF-1.4 late'), c.body.caseId);
    expect([r.status, r.body.code]).toEqual([409, 'conflict']);
  });
});
