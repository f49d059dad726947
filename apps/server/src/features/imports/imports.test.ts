import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { usccCheckChar } from '@loopdesk/core';
import { Client, createStaff, describeEngines, orgUnitId, startTestApp, transactionHeldOpen, waitingOnAdvisoryLock, type TestApp } from '../../../test/harness';
import { systemContext } from '../../platform/context';

const IMPORT = '/api/cases/imports';
const USCC = '91110108MA01C9XK3C';

/** CSV as Excel writes it: quoted where needed, CRLF line ends. */
function csv(rows: string[][]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
const base64 = (content: string | Uint8Array) => Buffer.from(content).toString('base64');
const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);

describeEngines('bulk import of cases', (engine) => {
  let t: TestApp;
  let admin: Client;
  let handler: { client: Client; id: string };
  let lead: { client: Client; id: string };
  let auditor: Client;
  let bjHd: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.admin();
    handler = await createStaff(t, admin, { username: 'imp.handler', roles: ['handler'], orgCode: 'BJ-HD' });
    lead = await createStaff(t, admin, { username: 'imp.lead', roles: ['team_lead'], orgCode: 'BJ' });
    auditor = (await createStaff(t, admin, { username: 'imp.auditor', roles: ['auditor'], orgCode: 'BJ' })).client;
    bjHd = await orgUnitId(admin, 'BJ-HD');
  });
  afterAll(() => t?.close());

  /** Rows in the tables an import writes to, and the import audit entries. */
  async function written() {
    const count = async (table: string) => {
      const r = (await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] };
      return r.rows[0]!.n;
    };
    const imports = (await admin.get('/api/audit?action=case.import')).body.items.length as number;
    return { cases: await count('cases'), messages: await count('case_messages'), events: await count('case_events'), customers: await count('customers'), imports };
  }

  const GOOD_CSV = csv([
    ['渠道', '类型', '投诉内容', '优先级', '收到时间', '补登原因', '业务条线', '诉求', '涉及金额', '客户名称', '统一社会信用代码', '监管编号', '监管时限'],
    ['热线', '投诉', '项目融资审批拖延三个月，客户经理一直不回复，"请尽快处理"。', '高', '2026-11-20 09:30', '', '项目融资', '尽快放款', '1,200,000', '北京示范建设有限公司', USCC, '', ''],
    ['信函', '投诉', '来信反映：\n1. 贷款利率调整未提前告知；\n2. 收费不透明。', '', '2026/11/12', '信件邮戳日期 2026-11-12', '流动资金贷款', '', '35万', '北京示范建设有限公司', USCC, '', ''],
    ['监管转办', '投诉', '12378 转来：客户反映抵押物评估价值明显偏低。', 'P1', '2026年11月18日', '监管转办日期', '', '', '', '', '', 'NFRA-BJ-2026-0815', '2026-12-01'],
  ]);

  it('previews a good CSV: suggested mapping, every row valid, a sample, nothing written', async () => {
    const before = await written();
    const r = await handler.client.post(IMPORT, { fileName: '11月投诉登记.csv', contentBase64: base64(utf8Bom(GOOD_CSV)), format: 'csv', dryRun: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ rows: 3, valid: 3, errors: [], headerRow: 1, encoding: 'utf-8' });
    expect(r.body.mapping).toMatchObject({ channel: '渠道', kind: '类型', text: '投诉内容', receivedAt: '收到时间', customerName: '客户名称', uscc: '统一社会信用代码', regulatorRef: '监管编号', regulatorDeadline: '监管时限' });
    expect(r.body.columns[0]).toBe('渠道');
    expect(r.body.sample).toHaveLength(3);
    expect(r.body.sample[1]).toMatchObject({ row: 3, valid: true, channel: 'letter', kind: 'complaint', priority: 'P3', receivedAt: '2026-11-11T16:00:00.000Z', fields: { amountInvolved: 350_000, businessLine: 'working_capital_loan' } });
    expect(await written()).toEqual(before);
  });

  it('imports a good CSV: every row a case with its number and deadline, the customer once, one audit entry', async () => {
    const before = await written();
    const r = await handler.client.post(IMPORT, { fileName: '11月投诉登记.csv', contentBase64: base64(utf8Bom(GOOD_CSV)), format: 'csv', dryRun: false });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.imported).toBe(3);
    expect(r.body.cases.map((c: { row: number }) => c.row)).toEqual([2, 3, 4]);
    const numbers = r.body.cases.map((c: { number: string }) => c.number) as string[];
    for (const n of numbers) expect(n).toMatch(/^FB-20261120-\d{6}$/);
    expect([...numbers].sort()).toEqual(numbers);

    const [hotline, letter, referral] = await Promise.all(r.body.cases.map((c: { caseId: string }) => handler.client.get(`/api/cases/${c.caseId}`).then((x) => x.body)));
    expect(hotline).toMatchObject({ channel: 'hotline', kind: 'complaint', priority: 'P2', status: 'new', ownerId: handler.id, orgUnitId: bjHd, businessLine: 'project_finance', customerRequest: '尽快放款', amountInvolved: 1_200_000 });
    expect(hotline.customerName).toBe('北京示范建设有限公司');
    expect(hotline.messages[0].body).toContain('"请尽快处理"');
    expect(hotline.receivedAt).toBe('2026-11-20T01:30:00.000Z');
    // Received 12 Nov (a letter, back-dated with its reason): day 15 is Thursday 27 Nov.
    expect(letter).toMatchObject({ channel: 'letter', backDateReason: '信件邮戳日期 2026-11-12', regulatoryDueAt: '2026-11-27T16:00:00.000Z', amountInvolved: 350_000 });
    expect(letter.messages[0].body).toBe('来信反映：\n1. 贷款利率调整未提前告知；\n2. 收费不透明。');
    expect(letter.customerId).toBe(hotline.customerId);
    expect(referral).toMatchObject({ channel: 'regulator_referral', priority: 'P1', regulatorRef: 'NFRA-BJ-2026-0815', regulatorDeadline: '2026-12-01T16:00:00.000Z', customerId: null });
    // The regulator asks for the answer by 1 December, before the rules' 15 days run out: the case is due then.
    expect(referral.regulatoryDueAt).toBe(referral.regulatorDeadline);
    expect(referral.events.map((e: { type: string }) => e.type)).toEqual(['registered']);

    const after = await written();
    expect(after).toEqual({ ...before, cases: before.cases + 3, messages: before.messages + 3, events: before.events + 3, customers: before.customers + 1, imports: before.imports + 1 });
    const audit = await admin.get('/api/audit?action=case.import');
    const [entry] = audit.body.items;
    expect(entry).toMatchObject({ actorName: 'imp.handler', objectType: 'case_import', after: { fileName: '11月投诉登记.csv', format: 'csv', rows: 3, imported: 3, orgUnitId: bjHd, numbers: { first: numbers[0], last: numbers[2] } } });
    expect(entry.objectId).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.after.sha256).toBe(entry.objectId);
  });

  it('imports a good XLSX with a mapping of its own, defaults and dates as Excel keeps them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Register');
    ws.addRow(['Feedback register, November']);
    ws.addRow(['No.', 'What the customer said', 'Received', 'Why late', 'Type', 'Company', 'Credit code']);
    // Excel dates have no zone: 09:00 on the sheet is 09:00 in Beijing.
    ws.addRow([1, '网点柜面反映：保函开立手续繁琐，等待时间过长。', new Date(Date.UTC(2026, 10, 19, 9, 0)), '柜面纸质登记后补录', '投诉', '北京示范建设有限公司', USCC]);
    ws.addRow([2, '建议手机银行增加贷款进度查询。', null, null, '建议', null, null]);
    const content = new Uint8Array(await wb.xlsx.writeBuffer());
    const body = {
      fileName: 'register.xlsx',
      contentBase64: base64(content),
      format: 'xlsx',
      mapping: { text: 'What the customer said', receivedAt: 'Received', backDateReason: 'Why late', kind: 'Type', customerName: 'Company', uscc: 'Credit code' },
      defaults: { channel: 'branch_counter', priority: 'P2', orgUnitId: bjHd },
    };
    const preview = await lead.client.post(IMPORT, { ...body, dryRun: true });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ rows: 2, valid: 2, errors: [], headerRow: 2, encoding: null });

    const r = await lead.client.post(IMPORT, { ...body, dryRun: false });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.cases.map((c: { row: number }) => c.row)).toEqual([3, 4]);
    const first = (await lead.client.get(`/api/cases/${r.body.cases[0].caseId}`)).body;
    expect(first).toMatchObject({ channel: 'branch_counter', kind: 'complaint', priority: 'P2', orgUnitId: bjHd, ownerId: lead.id, receivedAt: '2026-11-19T01:00:00.000Z', backDateReason: '柜面纸质登记后补录' });
    // The enterprise of the CSV import is found again by its code, not created twice.
    expect(first.customerName).toBe('北京示范建设有限公司');
    const second = (await lead.client.get(`/api/cases/${r.body.cases[1].caseId}`)).body;
    expect(second).toMatchObject({ kind: 'suggestion', receivedAt: '2026-11-20T02:00:00.000Z', customerId: null, regulatoryDueAt: null });
  });

  it('reports every bad row with its row, column, field and reason, and writes nothing, dry run or not', async () => {
    const before = await written();
    const content = base64(
      csv([
        ['渠道', '类型', '投诉内容', '收到时间', '补登原因', '监管编号', '客户名称', '统一社会信用代码'],
        ['热线', '投诉', '这一行没有问题，可以导入。', '', '', '', '', ''],
        ['手机银行', '投诉', '线上渠道不能由员工登记。', '', '', '', '', ''],
        ['监管转办', '投诉', '监管转办却没有编号。', '', '', '', '', ''],
        ['信函', '投诉', '补登却没有原因。', '2026-11-01', '', '', '', ''],
        ['热线', '投诉', '收到时间在将来。', '2026-12-25 10:00', '', '', '', ''],
        ['飞鸽传书', '牢骚', '渠道和类型都不认识。', '', '', '', '', ''],
        ['热线', '投诉', '', '', '', '', '', ''],
        ['热线', '投诉', '校验位错误的统一社会信用代码。', '', '', '', '北京示范建设有限公司', '91110108MA01C9XK3D'],
      ]),
    );
    const preview = await handler.client.post(IMPORT, { fileName: 'bad.csv', contentBase64: content, format: 'csv', dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rows: 8, valid: 1 });
    const errors = preview.body.errors as { row: number; column?: string; field: string; message: string }[];
    expect(errors.map((e) => [e.row, e.field, e.column ?? null])).toEqual([
      [3, 'channel', '渠道'],
      [4, 'regulatorRef', '监管编号'],
      [5, 'backDateReason', '补登原因'],
      [6, 'receivedAt', '收到时间'],
      [7, 'channel', '渠道'],
      [7, 'kind', '类型'],
      [8, 'text', '投诉内容'],
      [9, 'uscc', '统一社会信用代码'],
    ]);
    expect(errors[0]!.message).toMatch(/offline channels/);
    expect(errors[1]!.message).toMatch(/reference number/);
    expect(errors[2]!.message).toMatch(/needs a reason/);
    expect(errors[3]!.message).toMatch(/in the future/);
    expect(errors[4]!.message).toMatch(/unknown channel "飞鸽传书"/);
    expect(errors[7]!.message).toMatch(/check character/);
    expect(preview.body.sample.map((s: { valid: boolean }) => s.valid)).toEqual([true, false, false, false, false]);

    const commit = await handler.client.post(IMPORT, { fileName: 'bad.csv', contentBase64: content, format: 'csv', dryRun: false });
    expect(commit.status).toBe(422);
    expect(commit.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(commit.body.code).toBe('unprocessable');
    expect(commit.body.detail).toBe('7 of 8 rows cannot be imported; nothing was written');
    expect(commit.body.errors).toEqual(errors);
    expect(await written()).toEqual(before);
  });

  it('reports an unusable mapping against the header row, and still shows the columns', async () => {
    const content = base64(csv([['序号', '备注'], ['1', '无']]));
    const r = await handler.client.post(IMPORT, { fileName: 'x.csv', contentBase64: content, format: 'csv', dryRun: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rows: 1, valid: 0, columns: ['序号', '备注'], mapping: {} });
    expect(r.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [1, 'mapping.text'],
      [1, 'mapping.channel'],
    ]);
    const wrong = await handler.client.post(IMPORT, { fileName: 'x.csv', contentBase64: content, format: 'csv', mapping: { text: '内容' }, defaults: { channel: 'hotline' }, dryRun: false });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ row: 1, field: 'mapping.text' });
    expect(wrong.body.detail).toMatch(/columns are not mapped/);
  });

  it('writes nothing at all when the database refuses one row part-way through the commit', async () => {
    // A trigger refuses the third case after two cases, their messages, events and a new customer went in.
    await t.database.db.execute(
      sql.raw(`create function ld_test_refuse_case() returns trigger language plpgsql as $$
        begin
          if new.title_masked like '%触发故障%' then raise exception 'refused by the test trigger'; end if;
          return new;
        end $$`),
    );
    await t.database.db.execute(sql.raw('create trigger ld_test_refuse_case before insert on cases for each row execute function ld_test_refuse_case()'));
    try {
      const before = await written();
      const content = base64(
        csv([
          ['渠道', '标题', '投诉内容', '客户名称', '身份证号'],
          ['热线', '第一条', '信用卡分期手续费收取不透明。', '李小明', '110105199003071239'],
          ['热线', '第二条', '网点排队时间过长。', '', ''],
          ['热线', '触发故障', '这一行会被数据库拒绝。', '', ''],
        ]),
      );
      const preview = await handler.client.post(IMPORT, { fileName: 'fails.csv', contentBase64: content, format: 'csv', dryRun: true });
      expect(preview.body).toMatchObject({ rows: 3, valid: 3 });
      const r = await handler.client.post(IMPORT, { fileName: 'fails.csv', contentBase64: content, format: 'csv', dryRun: false });
      expect(r.status).toBe(500);
      expect(JSON.stringify(r.body)).not.toContain('test trigger');
      expect(await written()).toEqual(before);
    } finally {
      await t.database.db.execute(sql.raw('drop trigger ld_test_refuse_case on cases'));
      await t.database.db.execute(sql.raw('drop function ld_test_refuse_case()'));
    }
  });

  it('takes files over 1 MiB (the route’s own body limit) and refuses one over 5 MB with 413 saying so', async () => {
    const text = '客户反映项目融资贷款审批流程过长，多次催办无果，影响项目建设进度，要求说明原因并尽快审批。'.repeat(14);
    const rows = Array.from({ length: 1000 }, (_, i) => ['热线', `${i + 1}. ${text}`]);
    const big = csv([['渠道', '内容'], ...rows]);
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024 * 1.5);
    const ok = await handler.client.post(IMPORT, { fileName: 'big.csv', contentBase64: base64(big), format: 'csv', dryRun: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ rows: 1000, valid: 1000 });

    const before = await written();
    const overLimit = Buffer.alloc(5 * 1024 * 1024 + 10, 0x41);
    const r = await handler.client.post(IMPORT, { fileName: 'huge.csv', contentBase64: base64(overLimit), format: 'csv', dryRun: false });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'payload_too_large', detail: expect.stringMatching(/^the file is 5\.0 MB; one import takes at most 5\.0 MB/) });
    // Far over: the body limit stops reading, with the same clear answer.
    const far = await handler.client.post(IMPORT, { fileName: 'huge.csv', contentBase64: base64(Buffer.alloc(9 * 1024 * 1024, 0x41)), format: 'csv', dryRun: false });
    expect(far.status).toBe(413);
    expect(far.body).toMatchObject({ code: 'payload_too_large', detail: expect.stringMatching(/larger than 5\.0 MB/) });
    expect(await written()).toEqual(before);
  });

  it('is for staff who may register cases, in their own part of the organisation', async () => {
    const body = { fileName: 'x.csv', contentBase64: base64(csv([['渠道', '内容'], ['热线', '测试权限']])), format: 'csv', dryRun: false };
    const denied = await auditor.post(IMPORT, body);
    expect([denied.status, denied.body.code]).toEqual([403, 'forbidden']);
    const anonymous = await new Client(t.url).post(IMPORT, body);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthenticated']);
    const elsewhere = await handler.client.post(IMPORT, { ...body, defaults: { orgUnitId: await orgUnitId(admin, 'SH') } });
    expect([elsewhere.status, elsewhere.body.errors[0].field]).toEqual([404, 'defaults.orgUnitId']);
    // The handler's unit is BJ-HD: its parent BJ is outside their subtree.
    const above = await handler.client.post(IMPORT, { ...body, defaults: { orgUnitId: await orgUnitId(admin, 'BJ') } });
    expect(above.status).toBe(404);
  });

  it('refuses a file that is not what its format says, naming the way out', async () => {
    const xlsxAsCsv = await handler.client.post(IMPORT, { fileName: 'x.csv', contentBase64: base64(new Uint8Array(await new ExcelJS.Workbook().xlsx.writeBuffer())), format: 'csv', dryRun: true });
    expect([xlsxAsCsv.status, xlsxAsCsv.body.errors[0].field]).toEqual([422, 'contentBase64']);
    expect(xlsxAsCsv.body.detail).toMatch(/send it with format "xlsx"/);
    const binary = await handler.client.post(IMPORT, { fileName: 'x.csv', contentBase64: base64(new Uint8Array([0, 1, 2, 3, 0xff])), format: 'csv', dryRun: true });
    expect(binary.status).toBe(422);
    expect(binary.body.detail).toMatch(/UTF-8 or GB18030/);
  });
  // Only a server has two transactions open at once (PGlite runs one after the other).
  if (engine === 'postgres') {
    it('locks the customers of a large import as one set before writing any, as a concurrent batch does', async () => {
      // Written chunk by chunk (50 rows each), an import used to lock each chunk's customers in
      // turn: holding the first chunk's while it waited for a later one, it could deadlock with
      // a channel batch locking the same two. Now it waits before it has written a customer.
      const uscc = (first17: string) => first17 + usccCheckChar(first17);
      const [early, late] = [uscc('91110108MA01CK7A1'), uscc('91110108MA01CK7B2')];
      const rows = Array.from({ length: 60 }, (_, i) => ['热线', '投诉', `批量导入第${i + 1}件：项目贷款放款延迟。`, ...(i === 0 ? ['北京早先建设有限公司', early] : i === 55 ? ['北京后来建设有限公司', late] : ['', ''])]);
      const file = csv([['渠道', '类型', '投诉内容', '客户名称', '统一社会信用代码'], ...rows]);
      const { customers } = t.app.services;
      const named = [{ ctx: systemContext('import-lock-test'), scopePath: '', input: { orgUnitId: bjHd, type: 'enterprise', name: '北京后来建设有限公司', uscc: late } as never }];
      const channel = transactionHeldOpen(t, (tx) => customers.findOrCreateMany(tx, handler.client.me!.institutionId, named));
      await channel.held;
      let finished = false;
      const imported = handler.client.post(IMPORT, { fileName: '大批量.csv', contentBase64: base64(file), format: 'csv', dryRun: false }).finally(() => (finished = true));
      const pid = await waitingOnAdvisoryLock(t, () => finished);
      expect(finished, 'the import did not wait for the customer the channel batch is registering').toBe(false);
      const query = async <R>(q: string) => ((await t.database.db.execute(sql.raw(q))) as unknown as { rows: R[] }).rows;
      const written = await query(`select 1 from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'customers' and l.mode = 'RowExclusiveLock' and l.pid = ${pid}`);
      expect(written).toHaveLength(0);
      channel.commit();
      const [ids, r] = [await channel.done, await imported];
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const found = await handler.client.get(`/api/customers?uscc=${late}`);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual(ids);
      expect((await handler.client.get(`/api/customers?uscc=${early}`)).body.items).toHaveLength(1);
    });
  }
});
