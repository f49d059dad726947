import {
  dayNumberFromParts,
  daysInMonth,
  instantOfWallClock,
  IMPORT_FIELDS,
  ZChannelCustomer,
  ZStaffIntakeRequest,
  type BusinessLine,
  type CaseKind,
  type Channel,
  type ImportField,
  type JrBusinessCategory,
  type JrCause,
  type JrChannel,
  type Priority,
  type RiskFlag,
  type TImportMapping,
  type TImportRequest,
  type TImportRowError,
  type TImportSampleRow,
  type Timing,
  type TStaffIntakeRequest,
} from '@loopdesk/core';
import type { z } from 'zod';
import type { Table, TableRow } from './imports.files';

/**
 * From spreadsheet columns to staff-entry requests: which header means which case field, the
 * Chinese (and English) labels of each vocabulary, dates and amounts as people type them.
 * Pure: the vocabulary is data here, the rules of staff entry stay with the cases feature.
 */

export type ImportCustomer = z.infer<typeof ZChannelCustomer>;

/** Header names (compared after `normaliseKey`) that suggest a field; the first match wins. */
export const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  text: ['内容', '投诉内容', '反馈内容', '投诉事项', '反馈事项', '问题描述', '事项描述', '详细内容', '具体内容', '情况描述', '来电内容', '来信内容', '描述', '正文', '投訴內容', '內容', 'text', 'content', 'description', 'details', 'body', 'complaint', 'feedback'],
  title: ['标题', '主题', '摘要', '事由', '標題', 'title', 'subject', 'summary'],
  channel: ['渠道', '来源渠道', '受理渠道', '投诉渠道', '反馈渠道', '来源', '渠道來源', 'channel', 'source'],
  kind: ['类型', '反馈类型', '工单类型', '诉求类型', '性质', '類型', 'kind', 'type', 'feedbacktype'],
  priority: ['优先级', '紧急程度', '紧急度', '優先級', 'priority', 'urgency'],
  timing: ['提出时点', '投诉时点', '时点', 'timing'],
  receivedAt: ['收到时间', '接收时间', '受理时间', '来电时间', '来信时间', '来信日期', '收件日期', '收到日期', '邮戳日期', '转办日期', '投诉时间', '投诉日期', '反馈时间', '收到時間', 'receivedat', 'received', 'receiveddate', 'receivedtime', 'date'],
  backDateReason: ['补登原因', '补录原因', '延迟登记原因', '补登说明', 'backdatereason', 'backdatingreason'],
  businessLine: ['业务条线', '业务线', '条线', '業務條線', 'businessline', 'line'],
  product: ['产品', '产品名称', '涉及产品', '產品', 'product'],
  customerRequest: ['诉求', '客户诉求', '具体诉求', '诉求内容', '訴求', 'customerrequest', 'request', 'demand'],
  amountInvolved: ['涉及金额', '金额', '涉诉金额', '争议金额', '涉及金額', 'amountinvolved', 'amount'],
  jrChannel: ['业务办理渠道', '办理渠道', 'jrchannel'],
  jrBusinessCategory: ['业务类别', '投诉业务类别', 'jrbusinesscategory', 'businesscategory'],
  jrCause: ['投诉原因', '原因', 'jrcause', 'cause'],
  riskFlags: ['风险标识', '风险标签', '风险', 'riskflags', 'risks', 'flags'],
  regulatorRef: ['监管编号', '转办编号', '监管转办编号', '监管工单号', '监管单号', 'regulatorref', 'regulatorreference', 'referenceno'],
  regulatorDeadline: ['监管时限', '监管期限', '转办时限', '监管要求办结时间', 'regulatordeadline'],
  customerType: ['客户类型', '客户类别', 'customertype'],
  customerName: ['客户名称', '客户姓名', '客户', '姓名', '企业名称', '公司名称', '投诉人', '投诉人姓名', '客戶名稱', 'customername', 'customer', 'name'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', '統一社會信用代碼', 'uscc', 'creditcode', 'unifiedsocialcreditcode'],
  idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '身份證號', 'idnumber', 'idno'],
  phone: ['手机号', '手机号码', '联系电话', '电话', '手机', '来电号码', '联系方式', '手機號', '電話', 'phone', 'mobile', 'tel', 'telephone'],
  email: ['邮箱', '电子邮箱', '邮件地址', 'email'],
  legalRepresentative: ['法定代表人', '法人代表', '法人', 'legalrepresentative'],
};

/** Labels people write for each value; the value itself and its words in English also match. */
const LABELS = {
  channel: {
    web: ['网站', '官网', '网页', '门户网站'],
    app: ['手机银行', '手机app', '移动银行', '手机客户端', '手機銀行'],
    wechat: ['微信', '微信银行', '公众号', '小程序', '微信小程序'],
    hotline: ['客服热线', '热线', '电话', '来电', '电话银行', '客服电话', '熱線', '客服熱線', '電話'],
    branch_counter: ['网点柜面', '柜面', '柜台', '网点', '营业网点', '临柜', '现场', '網點櫃面', '櫃面', 'counter', 'branch'],
    email: ['电子邮件', '邮件', '电邮', '邮箱', '電子郵件', '郵件', 'e-mail'],
    letter: ['信函', '来信', '信件', '书面', '邮寄', '來信'],
    fax: ['传真', '傳真'],
    partner_platform: ['合作平台', '第三方平台'],
    regulator_referral: ['监管转办', '监管转送', '监管转交', '监管机构转办', '监管转来', '12378', '12363', '監管轉辦', 'regulator', 'referral'],
    social_media: ['社交媒体', '微博', '网络媒体', '社群媒體'],
  } satisfies Record<Channel, string[]>,
  kind: {
    complaint: ['投诉', '投訴', '抱怨'],
    suggestion: ['建议', '意见', '建議', '意見'],
    inquiry: ['咨询', '查询', '諮詢', '咨詢'],
    praise: ['表扬', '感谢', '表扬信', '表揚', '感謝'],
    unknown: ['待分类', '未知', '未分类', '待分類'],
  } satisfies Record<CaseKind, string[]>,
  priority: {
    P1: ['紧急', '特急', '最高', '緊急', 'urgent', 'critical'],
    P2: ['高', '重要', 'high'],
    P3: ['中', '一般', '普通', 'medium', 'normal'],
    P4: ['低', 'low'],
  } satisfies Record<Priority, string[]>,
  timing: {
    instant: ['即时', '即時', '当场'],
    retrospective: ['延时', '事后', '延時'],
  } satisfies Record<Timing, string[]>,
  businessLine: {
    project_finance: ['项目融资', '項目融資'],
    fixed_asset_loan: ['固定资产贷款', '固定资产', '固贷'],
    working_capital_loan: ['流动资金贷款', '流动资金', '流贷'],
    syndicated_loan: ['银团贷款', '银团'],
    trade_finance: ['贸易融资', '国际贸易融资'],
    supply_chain_finance: ['供应链金融', '供应链融资', '供应链'],
    guarantee: ['保函', '担保'],
    settlement: ['结算', '支付结算'],
    online_banking: ['网上银行', '网银', '企业网银'],
    personal_loan: ['个人贷款', '个贷', '消费贷款'],
    credit_card: ['信用卡'],
    debit_card: ['借记卡', '储蓄卡'],
    other: ['其他', '其它'],
  } satisfies Record<BusinessLine, string[]>,
  jrBusinessCategory: {
    debit_card: ['借记卡'],
    credit_card: ['信用卡'],
    loan: ['贷款'],
    payment_settlement: ['支付结算'],
    debt_collection: ['债务催收'],
    foreign_exchange: ['外汇'],
    rmb_savings: ['人民币储蓄', '储蓄'],
    agency: ['银行代理业务', '代理业务'],
    other_intermediary: ['其他中间业务', '中间业务'],
    personal_financial_information: ['个人金融信息'],
    precious_metals: ['贵金属'],
    rmb_management: ['人民币管理'],
    wealth_management: ['自营理财', '理财'],
    treasury: ['国库'],
    other: ['其他', '其它'],
  } satisfies Record<JrBusinessCategory, string[]>,
  jrCause: {
    service_attitude_quality: ['服务态度及服务质量', '服务态度', '服务质量'],
    facilities_systems: ['服务设施、设备、业务系统', '服务设施', '设备', '业务系统'],
    rules_processes: ['管理制度、业务规则与流程', '管理制度', '业务规则', '业务流程'],
    marketing: ['营销方式和手段', '营销方式', '营销'],
    disclosure: ['信息披露'],
    free_choice: ['自主选择权'],
    pricing_fees: ['定价收费', '收费', '定价'],
    product_returns: ['产品收益'],
    contract_terms: ['合同条款'],
    funds_security: ['消费者资金安全', '资金安全'],
    information_security: ['消费者信息安全', '信息安全'],
    debt_collection_methods: ['债务催收方式和手段', '催收方式', '催收'],
  } satisfies Record<JrCause, string[]>,
  jrChannel: {
    front_counter: ['柜面', '营业网点', '网点柜面'],
    self_service: ['自助设备', '自助'],
    electronic: ['电子渠道', '网上银行', '手机银行'],
    third_party: ['第三方渠道', '第三方'],
    back_office: ['后台业务', '后台'],
    other: ['其他', '其它'],
  } satisfies Record<JrChannel, string[]>,
  riskFlags: {
    regulator_threat: ['扬言向监管投诉', '监管投诉', '扬言监管', '监管'],
    media_threat: ['扬言曝光媒体', '媒体曝光', '扬言曝光', '媒体', '舆情'],
    lawsuit_threat: ['扬言诉讼', '诉讼', '起诉'],
    repeat_complaint: ['重复投诉', '重复'],
    high_value_customer: ['高价值客户', '重要客户', '高价值'],
    large_amount: ['涉及金额大', '大额', '金额大'],
    group_complaint: ['群体性投诉', '群体投诉', '群诉'],
  } satisfies Record<RiskFlag, string[]>,
  customerType: {
    enterprise: ['企业', '公司', '对公', '法人', '单位', '企业客户'],
    individual: ['个人', '对私', '自然人', '个人客户'],
  } satisfies Record<ImportCustomer['type'], string[]>,
};

export type Vocabulary = keyof typeof LABELS;

/** Header and label text compared loosely: width, case, blanks, punctuation and bracketed notes ("金额（元）") aside. */
export function normaliseKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[([【].*?[)\]】]/g, '')
    .replace(/[\s_\-*:.·/\\'"“”‘’]/g, '')
    .toLowerCase();
}

const ALIAS_INDEX: ReadonlyMap<string, ImportField> = (() => {
  const index = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) {
    for (const key of [field, ...HEADER_ALIASES[field]].map(normaliseKey)) if (!index.has(key)) index.set(key, field);
  }
  return index;
})();

const LABEL_INDEX = Object.fromEntries(
  Object.entries(LABELS).map(([vocabulary, table]) => {
    const index = new Map<string, string>();
    for (const [value, labels] of Object.entries(table)) for (const key of [value, ...labels].map(normaliseKey)) if (!index.has(key)) index.set(key, value);
    return [vocabulary, index];
  }),
) as unknown as Record<Vocabulary, ReadonlyMap<string, string>>;

/** The value a label stands for in a vocabulary, or undefined if it is not one of its labels. */
export function translateLabel<V extends Vocabulary>(vocabulary: V, label: string): keyof (typeof LABELS)[V] | undefined {
  const key = normaliseKey(label);
  if (vocabulary === 'priority') {
    const p = /^p?([1-4])(?!\d)/.exec(key);
    if (p) return `P${p[1]}` as keyof (typeof LABELS)[V];
  }
  return LABEL_INDEX[vocabulary].get(key) as keyof (typeof LABELS)[V] | undefined;
}

/** What an unknown label's message offers instead: the first Chinese label of each value. */
function choices(vocabulary: Vocabulary): string {
  return Object.entries(LABELS[vocabulary])
    .map(([value, labels]) => `${(labels as string[])[0]} (${value})`)
    .join(', ');
}

/** A mapping from the headers: each header that names a field, the first for each field. Headers used twice are left out. */
export function suggestMapping(headers: readonly string[]): TImportMapping {
  const mapping: TImportMapping = {};
  for (const header of headers) {
    if (header === '' || headers.filter((h) => h === header).length > 1) continue;
    const field = ALIAS_INDEX.get(normaliseKey(header));
    if (field && mapping[field] === undefined) mapping[field] = header;
  }
  return mapping;
}

/** Column indexes per field. */
export type ColumnIndex = Partial<Record<ImportField, number>>;

/**
 * Where each mapped field's column is, and what makes the mapping unusable (reported against
 * the header row): a header the file lacks or has twice, no column for the text, no channel.
 */
export function resolveMapping(
  table: Pick<Table, 'headers' | 'headerRow'>,
  mapping: TImportMapping,
  defaults: TImportRequest['defaults'],
): { columns: ColumnIndex; problems: TImportRowError[] } {
  const columns: ColumnIndex = {};
  const problems: TImportRowError[] = [];
  const at = (field: string, message: string) => problems.push({ row: table.headerRow, field: `mapping.${field}`, message });
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    if (header === undefined) continue;
    let found = table.headers.flatMap((h, i) => (h === header.trim() ? [i] : []));
    if (found.length === 0) found = table.headers.flatMap((h, i) => (h !== '' && normaliseKey(h) === normaliseKey(header) ? [i] : []));
    if (found.length === 0) at(field, `no column "${header}" in the file (its columns: ${table.headers.filter(Boolean).join(', ')})`);
    else if (found.length > 1) at(field, `two columns are headed "${header}": rename one`);
    else columns[field] = found[0]!;
  }
  if (mapping.text === undefined) at('text', 'map the column with what the customer said (投诉内容) to text');
  if (mapping.channel === undefined && !defaults.channel) at('channel', 'map the column with the channel (渠道), or give defaults.channel');
  return { columns, problems };
}

/** A row turned into a staff-entry request, or the reasons it cannot be. */
export interface RowOutcome {
  row: number;
  /** The request the row makes, when it met the staff-entry contract. */
  input: TStaffIntakeRequest | null;
  customer: ImportCustomer | null;
  problems: TImportRowError[];
  sample: Omit<TImportSampleRow, 'valid'>;
}

export interface RowContext {
  columns: ColumnIndex;
  headers: readonly string[];
  defaults: TImportRequest['defaults'];
  /** The institution's IANA zone: dates without an offset are its wall-clock readings. */
  timeZone: string;
}

const SAMPLE_TEXT = 200;
const CUSTOMER_FIELDS = ['customerType', 'customerName', 'uscc', 'idNumber', 'phone', 'email', 'legalRepresentative'] as const;
// An enterprise's name, told from a person's when no type or code says which.
const ORGANISATION_NAME = /(公司|集团|企业|厂|合作社|事务所|中心|银行|商行|协会|学校|医院|有限|co\.?,? ?ltd|inc\.?$|llc|corp)/i;

/** Reads one data row: labels translated, dates and amounts parsed, then the staff-entry contract applied. */
export function normaliseRow(r: TableRow, ctx: RowContext): RowOutcome {
  const problems: TImportRowError[] = [];
  const columnOf = (field: ImportField) => {
    const i = ctx.columns[field];
    return i === undefined ? undefined : ctx.headers[i];
  };
  const problem = (field: string, message: string, columnField: ImportField | undefined = field as ImportField) => {
    if (problems.some((p) => p.field === field)) return;
    const column = columnField ? columnOf(columnField) : undefined;
    problems.push({ row: r.row, ...(column ? { column } : {}), field, message });
  };
  const raw = (field: ImportField): string => {
    const i = ctx.columns[field];
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const label = <V extends Vocabulary>(field: ImportField, vocabulary: V) => {
    const given = raw(field);
    if (given === '') return undefined;
    const value = translateLabel(vocabulary, given);
    if (value === undefined) problem(field, `unknown ${field} "${given}": use one of ${choices(vocabulary)}`);
    return value as string | undefined;
  };
  const text = (field: ImportField) => raw(field) || undefined;

  const draft: Record<string, unknown> = {
    text: text('text'),
    title: text('title'),
    channel: label('channel', 'channel') ?? (raw('channel') === '' ? ctx.defaults.channel : undefined),
    kind: label('kind', 'kind') ?? (raw('kind') === '' ? ctx.defaults.kind : undefined),
    priority: label('priority', 'priority') ?? (raw('priority') === '' ? ctx.defaults.priority : undefined),
    timing: label('timing', 'timing'),
    businessLine: label('businessLine', 'businessLine'),
    jrChannel: label('jrChannel', 'jrChannel'),
    jrBusinessCategory: label('jrBusinessCategory', 'jrBusinessCategory'),
    jrCause: label('jrCause', 'jrCause'),
    product: text('product'),
    customerRequest: text('customerRequest'),
    backDateReason: text('backDateReason'),
    regulatorRef: text('regulatorRef'),
  };
  if (draft.text === undefined) problem('text', 'empty: say what the customer raised');
  if (draft.channel === undefined && raw('channel') === '') problem('channel', 'empty, and no default channel given');

  for (const [field, end] of [['receivedAt', false], ['regulatorDeadline', true]] as const) {
    const given = raw(field);
    if (given === '') continue;
    const at = parseDateTime(given, ctx.timeZone, end);
    if (at === undefined) problem(field, `not a date and time: "${given}" (write 2026-11-12 08:30, 2026/11/12 or 2026年11月12日)`);
    else draft[field] = at.toISOString();
  }
  const amount = raw('amountInvolved');
  if (amount !== '') {
    const yuan = parseAmount(amount);
    if (yuan === undefined) problem('amountInvolved', `not an amount in yuan: "${amount}" (write 1200000, 1,200,000 or 120万)`);
    else draft.amountInvolved = yuan;
  }
  const flags = raw('riskFlags');
  if (flags !== '') {
    const values: string[] = [];
    for (const part of flags.split(/[,，、;；|/\n]+/).map((s) => s.trim()).filter(Boolean)) {
      const flag = translateLabel('riskFlags', part);
      if (flag === undefined) problem('riskFlags', `unknown risk flag "${part}": use ${choices('riskFlags')}`);
      else if (!values.includes(flag)) values.push(flag);
    }
    draft.riskFlags = values;
  }

  // The contract of staff entry: lengths, formats, defaults. Fields already refused are left out.
  const refused = new Set(problems.map((p) => p.field));
  const candidate = Object.fromEntries(Object.entries(draft).filter(([k, v]) => v !== undefined && !refused.has(k)));
  const parsed = ZStaffIntakeRequest.safeParse(candidate);
  if (!parsed.success) for (const issue of parsed.error.issues) problem(String(issue.path[0] ?? 'row'), issue.message);

  const customer = readCustomer(raw, label, problem);

  return {
    row: r.row,
    input: parsed.success && problems.length === 0 ? parsed.data : null,
    customer,
    problems,
    // The sample shows values as they would be registered, the contract's defaults (kind, priority) included.
    sample: sampleOf(r.row, parsed.success ? { ...draft, ...parsed.data } : draft, customer, raw),
  };
}

/** The customer a row names, found by USCC, ID number or phone at commit, else created. */
function readCustomer(
  raw: (field: ImportField) => string,
  label: (field: ImportField, vocabulary: 'customerType') => string | undefined,
  problem: (field: string, message: string, columnField?: ImportField) => void,
): ImportCustomer | null {
  if (!CUSTOMER_FIELDS.some((f) => raw(f) !== '')) return null;
  const name = raw('customerName');
  const type = raw('uscc') !== '' ? 'enterprise' : (label('customerType', 'customerType') ?? (ORGANISATION_NAME.test(name) ? 'enterprise' : 'individual'));
  if (name === '') {
    problem('customerName', 'the row gives customer details but no customer name');
    return null;
  }
  if (type === 'enterprise' && raw('uscc') === '') {
    problem('uscc', `an enterprise customer ("${name}") needs its unified social credit code (统一社会信用代码)`, 'uscc');
    return null;
  }
  const given = (field: ImportField) => raw(field) || undefined;
  const draft =
    type === 'enterprise'
      ? { type, name, uscc: given('uscc'), legalRepresentative: given('legalRepresentative'), phone: given('phone'), email: given('email') }
      : { type, name, idNumber: given('idNumber'), phone: given('phone'), email: given('email') };
  const parsed = ZChannelCustomer.safeParse(draft);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'customerName');
    const importField = field === 'name' ? 'customerName' : field;
    problem(importField, issue.message, importField as ImportField);
  }
  return null;
}

function sampleOf(row: number, draft: Record<string, unknown>, customer: ImportCustomer | null, raw: (f: ImportField) => string): Omit<TImportSampleRow, 'valid'> {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const textValue = str(draft.text);
  const fields: TImportSampleRow['fields'] = {};
  for (const key of ['timing', 'businessLine', 'product', 'customerRequest', 'amountInvolved', 'jrChannel', 'jrBusinessCategory', 'jrCause', 'riskFlags', 'backDateReason', 'regulatorRef', 'regulatorDeadline'] as const) {
    const v = draft[key];
    if (typeof v === 'string' || typeof v === 'number' || (Array.isArray(v) && v.length > 0)) fields[key] = v as string | number | string[];
  }
  return {
    row,
    channel: str(draft.channel),
    kind: str(draft.kind),
    priority: str(draft.priority),
    title: str(draft.title),
    text: textValue && textValue.length > SAMPLE_TEXT ? `${[...textValue].slice(0, SAMPLE_TEXT).join('')}…` : textValue,
    receivedAt: str(draft.receivedAt),
    fields,
    customer: customer ? { type: customer.type, name: customer.name } : raw('customerName') ? { type: raw('uscc') ? 'enterprise' : 'individual', name: raw('customerName') } : null,
  };
}

const LOCAL_DATE_TIME =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s*|T)(\d{1,2})\s*[:：时点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An instant from what people type: ISO 8601 with an offset as given; a date with or without a
 * time of day ("2026-11-12 08:30", "2026/11/12", "2026年11月12日", "20261112") read on the
 * institution's clock. A date alone is the start of that day — or its end (24:00) for a
 * deadline, as regulatory days end at midnight.
 */
export function parseDateTime(text: string, timeZone: string, endOfDay = false): Date | undefined {
  const s = text.normalize('NFKC').trim();
  if (ZONED.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  const m = LOCAL_DATE_TIME.exec(s) ?? COMPACT_DATE.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const hasTime = m[4] !== undefined;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const dayStart = dayNumberFromParts(year, month, day) * 86_400_000;
  const wall = hasTime ? dayStart + ((hour * 60 + minute) * 60 + second) * 1000 : endOfDay ? dayStart + 86_400_000 : dayStart;
  return new Date(instantOfWallClock(wall, timeZone));
}

/**
 * Whole yuan from what people type: "1200000", "1,200,000.50", "¥1,200,000", "120万", "1.5亿元".
 * Fen are rounded away: the case records the amount involved in yuan.
 */
export function parseAmount(text: string): number | undefined {
  let s = text.normalize('NFKC').replace(/[\s,，¥￥]/g, '');
  s = s.replace(/^(人民币|rmb|cny)/i, '').replace(/(元|rmb|cny)$/i, '');
  let scale = 1;
  if (s.endsWith('万')) scale = 10_000;
  else if (s.endsWith('亿')) scale = 100_000_000;
  if (scale !== 1) s = s.slice(0, -1);
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  const yuan = Math.round(Number(s) * scale);
  return Number.isSafeInteger(yuan) ? yuan : undefined;
}
