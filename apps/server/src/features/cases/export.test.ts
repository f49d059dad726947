import { parseCsvRecords } from '@loopdesk/triage';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff, describeEngines, startTestApp, type Client, type TestApp } from '../../../test/harness';

const ID = '11010519491231002X';
const CARD = '6222 0000 0000 0000 004';
const PII_TEXT = `项目贷款放款延误，身份证${ID}，手机13812345678，还款卡${CARD}，邮箱zhang.san@example.com，请尽快处理。`;

/** The exported rows by column (the triage package's RFC 4180 reader). */
const parseCsv = (text: string) => parseCsvRecords(text).records;

describeEngines('case-list CSV export', (engine) => {
  let t: TestApp;
  let admin: Client;
  let handler: { client: Client; id: string };
  let auditor: { client: Client; id: string };
  let complaint: string;
  let inquiry: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    handler = await createStaff(t, admin, { username: 'export.handler', roles: ['handler'], orgCode: 'BJ' });
    auditor = await createStaff(t, admin, { username: 'export.auditor', roles: ['auditor'], orgCode: 'BJ' });
    complaint = (await handler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: PII_TEXT })).body.number;
    const second = await handler.client.post('/api/cases', { channel: 'branch_counter', kind: 'inquiry', text: '=HYPERLINK("http://x","点我") 想咨询银团贷款的提款流程。' });
    expect(second.status).toBe(201);
    inquiry = second.body.number;
  });
  afterAll(() => t?.close());

  it('masks the customer’s words for a role that may not see personal data, and audits the export', async () => {
    const r = await auditor.client.get('/api/cases/export?queue=all');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(r.body as string);
    const row = rows.find((x) => x.number === complaint)!;
    expect(row).toMatchObject({ status: 'new', kind: 'complaint', channel: 'hotline' });
    expect(row.text).toContain('项目贷款放款延误');
    expect(row.text).toContain('138****5678');
    for (const secret of [ID, '13812345678', CARD, 'zhang.san@example.com']) expect(r.body).not.toContain(secret);
    expect(row.received_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // A formula in the customer's words is not run by the spreadsheet that opens the file.
    expect(rows.find((x) => x.number === inquiry)!.text).toMatch(/^'=HYPERLINK/);

    const exports = await admin.get(`/api/audit?action=case.export&actorId=${auditor.id}`);
    expect(exports.body.items).toHaveLength(1);
    expect(exports.body.items[0].after).toMatchObject({ format: 'csv', rows: rows.length, masked: true, filters: { queue: 'all' } });
    expect((await admin.get(`/api/audit?action=case.pii_read&actorId=${auditor.id}`)).body.items).toEqual([]);
  });

  it('gives a role that may see personal data the words as written, as an audited personal-data read', async () => {
    const r = await handler.client.get('/api/cases/export?queue=all&kind=complaint');
    expect(r.status).toBe(200);
    const rows = parseCsv(r.body as string);
    // The list's filters apply: only the complaint.
    expect(rows.map((x) => x.number)).toEqual([complaint]);
    expect(rows[0]!.text).toBe(PII_TEXT);
    const reads = await admin.get(`/api/audit?action=case.pii_read&actorId=${handler.id}`);
    expect(reads.body.items).toHaveLength(1);
    expect(reads.body.items[0].after).toMatchObject({ export: 'csv' });
    expect(reads.body.items[0].after.cases).toHaveLength(1);
    expect((await admin.get(`/api/audit?action=case.export&actorId=${handler.id}`)).body.items[0].after).toMatchObject({ masked: false, rows: 1, filters: { queue: 'all', kind: 'complaint' } });
  });

  it('refuses a queue it does not know', async () => {
    const r = await handler.client.get('/api/cases/export?queue=everything');
    expect(r.status).toBe(400);
  });
});
