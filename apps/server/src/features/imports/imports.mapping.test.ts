import { describe, expect, it } from 'vitest';
import { normaliseKey, normaliseRow, parseAmount, parseDateTime, resolveMapping, suggestMapping, translateLabel, type RowContext } from './imports.mapping';

const ZONE = 'Asia/Shanghai';

describe('suggestMapping', () => {
  it('maps Chinese headers, with notes in brackets and required-field stars', () => {
    expect(
      suggestMapping(['序号', '渠道', '类型', '投诉内容（必填）', '*标题', '优先级', '收到时间', '补登原因', '业务条线', '诉求', '涉及金额(元)', '客户名称', '统一社会信用代码', '手机号']),
    ).toEqual({
      channel: '渠道',
      kind: '类型',
      text: '投诉内容（必填）',
      title: '*标题',
      priority: '优先级',
      receivedAt: '收到时间',
      backDateReason: '补登原因',
      businessLine: '业务条线',
      customerRequest: '诉求',
      amountInvolved: '涉及金额(元)',
      customerName: '客户名称',
      uscc: '统一社会信用代码',
      phone: '手机号',
    });
  });

  it('maps English headers whatever their case and spacing, and field names as such', () => {
    expect(suggestMapping(['Channel', 'Kind', 'Content', 'Received At', 'Back-date reason', 'business_line', 'Amount Involved', 'USCC', 'regulatorRef'])).toEqual({
      channel: 'Channel',
      kind: 'Kind',
      text: 'Content',
      receivedAt: 'Received At',
      backDateReason: 'Back-date reason',
      businessLine: 'business_line',
      amountInvolved: 'Amount Involved',
      uscc: 'USCC',
      regulatorRef: 'regulatorRef',
    });
  });

  it('gives a field its first matching column, and leaves out headers used twice', () => {
    expect(suggestMapping(['内容', '投诉内容', '备注'])).toEqual({ text: '内容' });
    expect(suggestMapping(['渠道', '渠道', '内容'])).toEqual({ text: '内容' });
  });
});

describe('translateLabel', () => {
  it.each([
    ['kind', '投诉', 'complaint'],
    ['kind', '投訴', 'complaint'],
    ['kind', '建议', 'suggestion'],
    ['kind', '咨询', 'inquiry'],
    ['kind', '表扬', 'praise'],
    ['kind', 'Complaint', 'complaint'],
    ['channel', '热线', 'hotline'],
    ['channel', '客服热线', 'hotline'],
    ['channel', '信函', 'letter'],
    ['channel', '传真', 'fax'],
    ['channel', '网点柜面', 'branch_counter'],
    ['channel', 'Branch counter', 'branch_counter'],
    ['channel', '监管转办', 'regulator_referral'],
    ['channel', '12378', 'regulator_referral'],
    ['channel', '手机银行', 'app'],
    ['priority', 'P1', 'P1'],
    ['priority', 'p2', 'P2'],
    ['priority', 'P1 紧急', 'P1'],
    ['priority', '一般', 'P3'],
    ['priority', '低', 'P4'],
    ['timing', '延时', 'retrospective'],
    ['businessLine', '项目融资', 'project_finance'],
    ['businessLine', '流贷', 'working_capital_loan'],
    ['jrCause', '服务态度及服务质量', 'service_attitude_quality'],
    ['jrCause', '服务设施、设备、业务系统', 'facilities_systems'],
    ['jrBusinessCategory', '贷款', 'loan'],
    ['riskFlags', '扬言诉讼', 'lawsuit_threat'],
    ['customerType', '企业', 'enterprise'],
  ] as const)('%s: %s → %s', (vocabulary, label, value) => {
    expect(translateLabel(vocabulary, label)).toBe(value);
  });

  it('knows nothing of other labels', () => {
    expect(translateLabel('channel', '飞鸽传书')).toBeUndefined();
    expect(translateLabel('priority', 'P5')).toBeUndefined();
    expect(translateLabel('priority', 'P12')).toBeUndefined();
  });

  it('compares loosely: full width, case, blanks', () => {
    expect(normaliseKey('ＣＨＡＮＮＥＬ （渠道）')).toBe('channel');
    expect(translateLabel('priority', 'Ｐ１')).toBe('P1');
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2026-11-12 08:30', '2026-11-12T00:30:00.000Z'],
    ['2026-11-12 08:30:15', '2026-11-12T00:30:15.000Z'],
    ['2026-11-12T08:30', '2026-11-12T00:30:00.000Z'],
    ['2026/11/12 8:30', '2026-11-12T00:30:00.000Z'],
    ['2026.11.12', '2026-11-11T16:00:00.000Z'],
    ['2026年11月12日', '2026-11-11T16:00:00.000Z'],
    ['2026年11月12日 8时30分', '2026-11-12T00:30:00.000Z'],
    ['20261112', '2026-11-11T16:00:00.000Z'],
    ['2026-11-12T08:30:00+08:00', '2026-11-12T00:30:00.000Z'],
    ['2026-11-12T00:30:00Z', '2026-11-12T00:30:00.000Z'],
  ])('%s', (text, iso) => {
    expect(parseDateTime(text, ZONE)?.toISOString()).toBe(iso);
  });

  it('reads a date alone as the end of the day (24:00) for a deadline', () => {
    expect(parseDateTime('2026-12-01', ZONE, true)?.toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-11-12 24:00', '明天', '12/11/2026', ''])('refuses %s', (text) => {
    expect(parseDateTime(text, ZONE)).toBeUndefined();
  });
});

describe('parseAmount', () => {
  it.each([
    ['1200000', 1_200_000],
    ['1,200,000', 1_200_000],
    ['¥1,200,000.50', 1_200_001],
    ['120万', 1_200_000],
    ['120万元', 1_200_000],
    ['1.5亿', 150_000_000],
    ['人民币 3000 元', 3000],
  ])('%s → %d', (text, yuan) => {
    expect(parseAmount(text)).toBe(yuan);
  });

  it.each(['-5', '一百万', '1.2.3', '12abc'])('refuses %s', (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });
});

describe('resolveMapping', () => {
  const table = { headers: ['内容', '渠道', '备注', '备注'], headerRow: 2 };

  it('finds each mapped column, by exact header or loosely', () => {
    expect(resolveMapping(table, { text: '内容', channel: ' 渠道 ' }, {})).toEqual({ columns: { text: 0, channel: 1 }, problems: [] });
  });

  it('reports at the header row a missing column, a doubled one, no text and no channel', () => {
    const { problems } = resolveMapping(table, { title: '标题', product: '备注' }, {});
    expect(problems).toEqual([
      { row: 2, field: 'mapping.title', message: expect.stringMatching(/no column "标题" in the file \(its columns: 内容, 渠道, 备注, 备注\)/) },
      { row: 2, field: 'mapping.product', message: expect.stringMatching(/two columns are headed "备注"/) },
      { row: 2, field: 'mapping.text', message: expect.stringMatching(/to text/) },
      { row: 2, field: 'mapping.channel', message: expect.stringMatching(/defaults\.channel/) },
    ]);
    expect(resolveMapping(table, { text: '内容' }, { channel: 'hotline' }).problems).toEqual([]);
  });
});

describe('normaliseRow', () => {
  const headers = ['内容', '渠道', '类型', '优先级', '收到时间', '补登原因', '涉及金额', '风险标识', '客户名称', '统一社会信用代码', '手机号', '身份证号'];
  const ctx: RowContext = { headers, columns: Object.fromEntries(Object.entries(suggestMapping(headers)).map(([f, h]) => [f, headers.indexOf(h)])), defaults: {}, timeZone: ZONE };
  const row = (cells: Partial<Record<(typeof headers)[number], string>>) => ({ row: 7, cells: headers.map((h) => cells[h] ?? '') });

  it('translates labels, parses dates and amounts, and names an enterprise customer', () => {
    const o = normaliseRow(
      row({ 内容: ' 项目融资审批拖延三个月 ', 渠道: '信函', 类型: '投诉', 优先级: '高', 收到时间: '2026/11/12', 补登原因: '邮戳日期', 涉及金额: '120万', 风险标识: '扬言诉讼、重复投诉', 客户名称: '北京示范建设有限公司', 统一社会信用代码: '91110108MA01C9XK3C' }),
      ctx,
    );
    expect(o.problems).toEqual([]);
    expect(o.input).toMatchObject({
      text: '项目融资审批拖延三个月',
      channel: 'letter',
      kind: 'complaint',
      priority: 'P2',
      receivedAt: '2026-11-11T16:00:00.000Z',
      backDateReason: '邮戳日期',
      amountInvolved: 1_200_000,
      riskFlags: ['lawsuit_threat', 'repeat_complaint'],
    });
    expect(o.customer).toEqual({ type: 'enterprise', name: '北京示范建设有限公司', uscc: '91110108MA01C9XK3C' });
    expect(o.sample).toMatchObject({ row: 7, channel: 'letter', kind: 'complaint', customer: { type: 'enterprise', name: '北京示范建设有限公司' }, fields: { amountInvolved: 1_200_000 } });
  });

  it('takes defaults for empty cells, and an individual customer by phone', () => {
    const o = normaliseRow(row({ 内容: '信用卡年费为何扣了两次', 客户名称: '李小明', 手机号: '139 1234 5678' }), { ...ctx, defaults: { channel: 'hotline', kind: 'inquiry', priority: 'P4' } });
    expect(o.problems).toEqual([]);
    expect(o.input).toMatchObject({ channel: 'hotline', kind: 'inquiry', priority: 'P4', riskFlags: [] });
    expect(o.customer).toEqual({ type: 'individual', name: '李小明', phone: '13912345678' });
  });

  it('lists every problem of a row, each with its field and column', () => {
    const o = normaliseRow(
      row({ 内容: '', 渠道: '飞鸽传书', 优先级: 'P9', 收到时间: '上周五', 涉及金额: '很多', 风险标识: '扬言诉讼,天要塌了', 客户名称: '北京示范建设有限公司', 统一社会信用代码: '91110108MA01C9XK3D' }),
      ctx,
    );
    expect(o.input).toBeNull();
    expect(o.problems.map((p) => [p.row, p.field, p.column])).toEqual([
      [7, 'channel', '渠道'],
      [7, 'priority', '优先级'],
      [7, 'text', '内容'],
      [7, 'receivedAt', '收到时间'],
      [7, 'amountInvolved', '涉及金额'],
      [7, 'riskFlags', '风险标识'],
      [7, 'uscc', '统一社会信用代码'],
    ]);
    expect(o.problems.find((p) => p.field === 'channel')!.message).toMatch(/unknown channel "飞鸽传书": use one of .*客服热线 \(hotline\)/);
    expect(o.problems.find((p) => p.field === 'uscc')!.message).toMatch(/check character/);
  });

  it('asks for the code of a customer that is plainly a company, and for a name', () => {
    const company = normaliseRow(row({ 内容: '审批太慢了', 渠道: '热线', 客户名称: '上海某某贸易有限公司' }), ctx);
    expect(company.problems.map((p) => p.field)).toEqual(['uscc']);
    const nameless = normaliseRow(row({ 内容: '审批太慢了', 渠道: '热线', 手机号: '13912345678' }), ctx);
    expect(nameless.problems.map((p) => p.field)).toEqual(['customerName']);
    const badId = normaliseRow(row({ 内容: '审批太慢了', 渠道: '热线', 客户名称: '王五', 身份证号: '110105199003071230' }), ctx);
    expect(badId.problems.map((p) => [p.field, p.column])).toEqual([['idNumber', '身份证号']]);
  });
});
