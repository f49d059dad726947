// Synthetic feedback for the live demo and the benchmarks: deterministic for a seed (no
// Math.random), written from hand-made templates with slots, never from the evaluation data in
// ../shared/data. Pure: the caller turns a DemoCase into a registration and walks its plan.
//
// Proportions. The product is built for corporate lending and project finance, so the demo
// leans on them (≈ 45 % of feedback), while the personal lines keep the national order among
// themselves (NFRA 2023 Q1: 个人贷款 57 %, 信用卡 31 %; REGULATION.md). Complaint causes follow the
// banks' disclosures: 管理制度、业务规则与流程 first by far, then 定价收费, 服务, 催收, 信息披露.
import {
  CASE_STATUSES,
  residentIdCheckChar,
  usccCheckChar,
  USCC_CHARSET,
  type BusinessLine,
  type CaseAction,
  type CaseStatus,
  type Channel,
  type DecisionOutcome,
  type JrBusinessCategory,
  type JrCause,
  type JrChannel,
  type Priority,
  type RemedyKind,
  type RiskFlag,
  type TCreateCustomerRequest,
  type Timing,
} from '@loopdesk/core';
import { seededRandom } from '@loopdesk/triage';

export type DemoKind = 'complaint' | 'suggestion' | 'inquiry' | 'praise';
type Domain = 'corporate' | 'corporate_services' | 'personal_loan' | 'credit_card' | 'retail' | 'wealth';
type Weighted<T> = readonly (readonly [T, number])[];

/** A customer as the demo describes it; the caller adds the receiving unit. */
export type DemoCustomer = WithoutUnit<TCreateCustomerRequest>;
type WithoutUnit<T> = T extends unknown ? Omit<T, 'orgUnitId'> : never;

/** Who takes a step: the case's handler, the region's lead, or the owner of a sub-task. */
export type DemoActor = 'entry' | 'handler' | 'lead' | 'task_owner';

export type DemoStep =
  | {
      kind: 'transition';
      at: Date;
      by: DemoActor;
      action: CaseAction;
      reason?: string;
      /** assign: to the handler of the case's region. */
      assign?: true;
      decision?: { outcome: DecisionOutcome | null; letter: string; remedies: { kind: RemedyKind; amount?: number }[] };
      decisionReceivedAt?: Date;
      resolution?: 'customer_confirmed' | 'no_reply';
      reopenKind?: 'review_request' | 'new_facts';
      /** merge: the index of the case this one is merged into. */
      mergeInto?: number;
    }
  | { kind: 'task'; at: Date; by: DemoActor; department: 'HO-RISK' | 'HO-LEGAL' | 'HO-CREDIT'; title: string; blocking: boolean; dueAt: Date }
  | { kind: 'task_done'; at: Date; by: DemoActor; result: string };

export interface DemoCase {
  index: number;
  /** A unit code of the demo institution (packages/db demo-institution.ts). */
  orgCode: string;
  channel: Channel;
  kind: DemoKind;
  text: string;
  timing: Timing;
  businessLine: BusinessLine;
  /** A code of the default content-category tree. */
  categoryCode: string;
  product: string;
  jrChannel: JrChannel;
  jrBusinessCategory: JrBusinessCategory;
  jrCause: JrCause | null;
  customerRequest: string | null;
  priority: Priority;
  amountInvolved: number | null;
  riskFlags: RiskFlag[];
  receivedAt: Date;
  /** When staff or the channel registered it: later than receipt for letters and referrals. */
  registeredAt: Date;
  backDateReason: string | null;
  regulatorRef: string | null;
  regulatorDeadline: Date | null;
  customer: DemoCustomer | null;
  /** Which kinds of personal data the text carries (the tests check their check digits). */
  pii: { phones: string[]; idNumbers: string[]; cards: string[] };
  /** The state the demo walks the case to, and the steps that get it there, in time order. */
  status: CaseStatus;
  steps: DemoStep[];
}

export interface DemoMix {
  lines: Weighted<BusinessLine>;
  kinds: Record<'corporate' | 'personal', Weighted<DemoKind>>;
  causes: Weighted<JrCause>;
  /** Shares of complaints carrying PII in the text, and threatening escalation. */
  piiShare: number;
  threatShare: number;
}

export const DEFAULT_MIX: DemoMix = {
  lines: [
    ['project_finance', 10],
    ['fixed_asset_loan', 6],
    ['working_capital_loan', 9],
    ['syndicated_loan', 2],
    ['trade_finance', 3],
    ['supply_chain_finance', 4],
    ['guarantee', 2],
    ['settlement', 5],
    ['online_banking', 4],
    ['personal_loan', 22],
    ['credit_card', 20],
    ['debit_card', 11],
    ['other', 2],
  ],
  kinds: {
    corporate: [['complaint', 50], ['inquiry', 25], ['suggestion', 15], ['praise', 10]],
    personal: [['complaint', 60], ['inquiry', 25], ['suggestion', 8], ['praise', 7]],
  },
  causes: [
    ['rules_processes', 40],
    ['pricing_fees', 13],
    ['service_attitude_quality', 9],
    ['facilities_systems', 7],
    ['disclosure', 7],
    ['debt_collection_methods', 6],
    ['contract_terms', 5],
    ['marketing', 4],
    ['funds_security', 3],
    ['information_security', 3],
    ['free_choice', 2],
    ['product_returns', 1],
  ],
  piiShare: 0.3,
  threatShare: 0.12,
};

export interface DemoOptions {
  seed: number;
  count: number;
  /** The end of the period: nothing is received or done after it. */
  now: Date;
  /** Receipt times spread over this many days before `now`. */
  days?: number;
  mix?: DemoMix;
  /** Plan lifecycles (the live demo); false leaves every case `new` (fast bulk fills). */
  lifecycle?: boolean;
}

interface Line {
  domain: Domain;
  jr: JrBusinessCategory;
  products: readonly string[];
  /** Amount range in yuan. */
  amount: readonly [number, number];
}

const LINES: Record<BusinessLine, Line> = {
  project_finance: { domain: 'corporate', jr: 'loan', products: ['项目贷款', '光伏电站项目贷款', '高速公路项目贷款', '污水处理PPP项目贷款', '产业园区开发贷款'], amount: [5e7, 2e9] },
  fixed_asset_loan: { domain: 'corporate', jr: 'loan', products: ['固定资产贷款', '技术改造贷款', '厂房建设贷款'], amount: [5e6, 5e8] },
  working_capital_loan: { domain: 'corporate', jr: 'loan', products: ['流动资金贷款', '循环额度贷款', '科技企业信用贷款'], amount: [1e6, 1e8] },
  syndicated_loan: { domain: 'corporate', jr: 'loan', products: ['银团贷款', '并购银团贷款'], amount: [3e8, 5e9] },
  trade_finance: { domain: 'corporate_services', jr: 'payment_settlement', products: ['国内信用证', '进口押汇', '出口保理'], amount: [1e6, 5e7] },
  supply_chain_finance: { domain: 'corporate', jr: 'loan', products: ['应收账款融资', '订单融资', '电子债权凭证融资'], amount: [5e5, 3e7] },
  guarantee: { domain: 'corporate_services', jr: 'other_intermediary', products: ['履约保函', '投标保函', '预付款保函'], amount: [1e6, 1e8] },
  settlement: { domain: 'corporate_services', jr: 'payment_settlement', products: ['对公结算账户', '单位结算卡', '跨行大额汇款'], amount: [1e4, 5e6] },
  online_banking: { domain: 'corporate_services', jr: 'payment_settlement', products: ['企业网银', '银企直连', '企业手机银行'], amount: [1e4, 5e6] },
  personal_loan: { domain: 'personal_loan', jr: 'loan', products: ['个人住房贷款', '个人经营贷款', '个人消费贷款', '公积金组合贷款'], amount: [5e4, 3e6] },
  credit_card: { domain: 'credit_card', jr: 'credit_card', products: ['信用卡', '信用卡账单分期', '信用卡现金分期'], amount: [500, 8e4] },
  debit_card: { domain: 'retail', jr: 'debit_card', products: ['借记卡', '储蓄卡'], amount: [100, 2e5] },
  other: { domain: 'wealth', jr: 'wealth_management', products: ['代销理财产品', '代销基金', '结构性存款'], amount: [1e4, 1e6] },
};

/** Channels by kind of customer; JR/T 0169 front (营业现场, 电子) versus middle/back office follows. */
const CHANNELS: Record<'corporate' | 'personal', Weighted<Channel>> = {
  corporate: [['branch_counter', 22], ['hotline', 15], ['email', 14], ['letter', 8], ['web', 8], ['app', 6], ['partner_platform', 6], ['regulator_referral', 9], ['fax', 2], ['wechat', 6], ['social_media', 4]],
  personal: [['hotline', 26], ['app', 18], ['branch_counter', 16], ['wechat', 12], ['regulator_referral', 10], ['web', 6], ['social_media', 5], ['letter', 3], ['email', 3], ['partner_platform', 1]],
};

/** Where feedback lands, by domain: corporate at branch and sub-branch desks, personal at outlets. */
const UNITS: Record<Domain, Weighted<string>> = {
  corporate_services: [['BJ-CORP', 10], ['SH-CORP', 10], ['BJ-HD', 10], ['BJ-CY', 8], ['SH-PD', 10], ['SH-XH', 8], ['HO-CORP', 4], ['BJ-HD-ZGC', 8], ['SH-PD-LJZ', 8], ['BJ-CY-GM', 6]],
  corporate: [['BJ-CORP', 14], ['SH-CORP', 12], ['BJ-HD', 12], ['BJ-CY', 8], ['SH-PD', 12], ['SH-XH', 7], ['HO-PF', 8], ['HO-CORP', 5], ['BJ', 4], ['SH', 4], ['BJ-HD-ZGC', 6], ['SH-PD-LJZ', 8]],
  personal_loan: [['BJ-HD', 12], ['BJ-HD-ZGC', 12], ['BJ-HD-WDK', 8], ['BJ-CY', 8], ['BJ-CY-GM', 8], ['SH-PD', 10], ['SH-PD-LJZ', 10], ['SH-PD-ZJ', 8], ['SH-XH', 8], ['SH-XH-XJH', 8], ['HO-CS', 8]],
  credit_card: [['HO-CS', 30], ['BJ-HD-ZGC', 8], ['BJ-HD-WDK', 6], ['BJ-CY-GM', 8], ['SH-PD-LJZ', 8], ['SH-PD-ZJ', 6], ['SH-XH-XJH', 8], ['BJ', 6], ['SH', 6], ['BJ-HD', 7], ['SH-PD', 7]],
  wealth: [['BJ-HD-ZGC', 14], ['BJ-HD-WDK', 12], ['BJ-CY-GM', 12], ['SH-PD-LJZ', 14], ['SH-PD-ZJ', 12], ['SH-XH-XJH', 12]],
  retail: [['BJ-HD-ZGC', 14], ['BJ-HD-WDK', 12], ['BJ-CY-GM', 12], ['SH-PD-LJZ', 14], ['SH-PD-ZJ', 12], ['SH-XH-XJH', 12], ['HO-CS', 10], ['BJ-HD', 7], ['SH-PD', 7]],
};
/** Regulator referrals go to the consumer-protection desk of the branch (or head office). */
const REFERRAL_UNITS: Weighted<string> = [['BJ-CP', 4], ['SH-CP', 4], ['HO-CP', 2]];
const UNIT_NAMES: Record<string, string> = {
  'HO-CP': '总行消费者权益保护部', 'HO-CS': '客户服务中心', 'HO-CORP': '总行公司业务部', 'HO-PF': '总行项目融资部',
  BJ: '北京分行', 'BJ-CP': '北京分行', 'BJ-CORP': '北京分行公司业务部', 'BJ-HD': '海淀支行', 'BJ-HD-ZGC': '中关村网点', 'BJ-HD-WDK': '五道口网点', 'BJ-CY': '朝阳支行', 'BJ-CY-GM': '国贸网点',
  SH: '上海分行', 'SH-CP': '上海分行', 'SH-CORP': '上海分行公司业务部', 'SH-PD': '浦东支行', 'SH-PD-LJZ': '陆家嘴网点', 'SH-PD-ZJ': '张江网点', 'SH-XH': '徐汇支行', 'SH-XH-XJH': '徐家汇网点',
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万覃武钱戴严莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '志强', '海燕', '晓东', '文博', '思远', '雨婷', '子涵', '国栋', '立新', '春梅', '晓红', '宏伟', '建国', '丽华', '振宇', '佳怡', '浩然'];
const CITY_WORDS = ['京', '沪', '中关', '浦江', '华北', '东方', '金桥', '长城', '瑞达', '恒信', '博远', '盛泰', '嘉禾', '宏图', '启明', '远航', '海纳', '鼎新', '天成', '联创'];
const TRADE_WORDS = ['新能源科技', '建设工程', '环保工程', '智能制造', '物流', '医药', '新材料', '电子科技', '水务', '交通投资', '供应链管理', '精密机械', '食品', '光伏电力', '数据科技', '城市建设发展', '商贸', '汽车零部件'];
const INDUSTRIES: Record<string, string> = { 新能源科技: '电力、热力生产和供应业', 建设工程: '建筑业', 环保工程: '水利、环境和公共设施管理业', 智能制造: '制造业', 物流: '交通运输、仓储和邮政业', 医药: '制造业', 新材料: '制造业', 电子科技: '制造业', 水务: '水利、环境和公共设施管理业', 交通投资: '交通运输、仓储和邮政业', 供应链管理: '租赁和商务服务业', 精密机械: '制造业', 食品: '制造业', 光伏电力: '电力、热力生产和供应业', 数据科技: '信息传输、软件和信息技术服务业', 城市建设发展: '建筑业', 商贸: '批发和零售业', 汽车零部件: '制造业' };
const REGIONS = { BJ: ['110108', '110105', '110102', '110106', '110114'], SH: ['310115', '310104', '310101', '310112', '310110'] } as const;
const STAFF_TITLES: Record<Domain, readonly string[]> = {
  corporate: ['客户经理', '公司业务部经理', '授信审批人员', '支行行长', '对公柜员', '产品经理'],
  corporate_services: ['客户经理', '对公柜员', '国际业务部经理', '产品经理', '运营主管'],
  wealth: ['理财经理', '柜员', '大堂经理'],
  personal_loan: ['客户经理', '个贷经理', '柜员', '大堂经理', '贷后管理人员'],
  credit_card: ['信用卡中心客服', '客服专员', '营销人员', '催收人员', '大堂经理'],
  retail: ['柜员', '大堂经理', '理财经理', '客服专员'],
};
const SPANS = ['两周', '二十多天', '一个多月', '将近两个月', '三个月', '10个工作日', '半个多月'];
const SHORT_SPANS = ['三天', '一周', '五个工作日', '两周'];

interface Slots {
  unit: string;
  product: string;
  amount: string;
  fee: string;
  staff: string;
  span: string;
  shortSpan: string;
  date: string;
  company: string;
  name: string;
  rate: string;
  bp1: number;
  bp2: number;
  count: number;
  limit: string;
  limit2: string;
}

interface Template {
  domains: readonly Domain[];
  /** A code of the default content-category tree (packages/core categories.ts). */
  category: string;
  kind: DemoKind;
  cause?: JrCause;
  /** The business category when it is not the line's own (债务催收, 个人金融信息). */
  jr?: JrBusinessCategory;
  request?: string;
  text: (s: Slots) => string;
}

const CORP: readonly Domain[] = ['corporate'];
const SERVICES: readonly Domain[] = ['corporate_services'];
const BUSINESS: readonly Domain[] = ['corporate', 'corporate_services'];
const PERSONAL: readonly Domain[] = ['personal_loan', 'credit_card', 'retail', 'wealth'];
const WEALTH: readonly Domain[] = ['wealth'];
const LOAN: readonly Domain[] = ['personal_loan'];
const CARD: readonly Domain[] = ['credit_card'];
const RETAIL: readonly Domain[] = ['retail'];

const TEMPLATES: readonly Template[] = [
  // Corporate and project-finance complaints.
  { domains: CORP, category: 'approval_delay', kind: 'complaint', cause: 'rules_processes', request: '尽快给出审批结论', text: (s) => `我司于${s.date}向贵行${s.unit}提交${s.product}申请，金额${s.amount}，资料已按要求补齐，但审批至今已拖延${s.span}，${s.staff}每次只说还在走流程，耽误了项目开工。` },
  { domains: CORP, category: 'drawdown_process', kind: 'complaint', cause: 'rules_processes', request: '一次性告知所需材料并加快放款', text: (s) => `我司${s.product}的提款申请因贵行要求补充第三方监理报告被退回三次，每次要求都不一样，${s.unit}没有一次性告知所需材料，导致工程进度款支付延误${s.span}，施工方已停工待款。` },
  { domains: CORP, category: 'collateral_valuation', kind: 'complaint', cause: 'rules_processes', request: '重新评估抵押物价值', text: (s) => `贵行对我司抵押的厂房和土地评估价仅为市场价的五成左右，较一年前同一评估机构的结论下降了四成，导致${s.product}授信额度被压缩${s.amount}，我司对评估结果不认可，也没有看到评估报告。` },
  { domains: CORP, category: 'repayment_flexibility', kind: 'complaint', cause: 'rules_processes', request: '重新审议展期申请并书面说明理由', text: (s) => `受下游回款延迟影响，我司申请将${s.product}的一期本金${s.amount}展期${s.shortSpan}，已提交应收账款回款证明，但${s.unit}以不符合内部规定为由直接拒绝，也没有说明是哪一条规定。` },
  { domains: BUSINESS, category: 'interest_fee_transparency', kind: 'complaint', cause: 'pricing_fees', request: '退还不合理收费', text: (s) => `${s.product}放款时贵行除利息外另收取了财务顾问费${s.fee}，借款合同和此前的报价单中都没有列明这笔费用，${s.staff}解释说是行内惯例，我司认为属于不合理收费。` },
  { domains: CORP, category: 'disclosure', kind: 'complaint', cause: 'disclosure', request: '说明调价依据并退还多收利息', text: (s) => `贵行在续贷时将${s.product}利率从LPR加${s.bp1}个基点调整为加${s.bp2}个基点，事前没有任何书面通知，直到${s.date}扣息我司财务才发现多付利息约${s.fee}。` },
  { domains: CORP, category: 'contract_terms', kind: 'complaint', cause: 'contract_terms', request: '暂停提前收贷并重新协商', text: (s) => `${s.product}合同中约定我司须将全部结算流水归集到贵行，否则视为违约，签约时${s.staff}并未提示这一条款，现在贵行据此要求我司提前归还${s.amount}，我司难以接受。` },
  { domains: BUSINESS, category: 'staff_attitude', kind: 'complaint', cause: 'service_attitude_quality', request: '更换对接客户经理并道歉', text: (s) => `${s.unit}的${s.staff}在我司财务人员咨询${s.product}还款安排时态度生硬，多次挂断电话，约好的面谈也两次临时取消，至今没有给出还款计划。` },
  { domains: SERVICES, category: 'online_channel_function', kind: 'complaint', cause: 'facilities_systems', request: '查明扣款去向并恢复代发', text: (s) => `${s.product}在月末批量代发工资时多次报错，交易状态一直显示处理中但资金已被扣划，${s.unit}查询了${s.shortSpan}仍无结果，影响我司${s.count}名员工工资发放。` },
  { domains: BUSINESS, category: 'mis_selling', kind: 'complaint', cause: 'free_choice', request: '取消搭售要求', text: (s) => `贵行在审批${s.product}时要求我司必须购买指定保险公司的财产险，并存入${s.fee}保证金，否则不予放款，我司认为这是变相捆绑搭售，侵害了我司的自主选择权。` },
  { domains: BUSINESS, category: 'problem_solving', kind: 'complaint', cause: 'funds_security', request: '立即查明并退回款项', text: (s) => `我司对公账户在${s.date}出现一笔${s.fee}的异常扣款，摘要为“贷款还款”，但${s.product}当期应还本息已于到期日结清，${s.unit}至今未给出解释。` },
  { domains: BUSINESS, category: 'information_security', kind: 'complaint', cause: 'information_security', jr: 'personal_financial_information', request: '停止信息泄露并说明情况', text: (s) => `未经我司授权，${s.unit}的${s.staff}向我司的合作方透露了我司在贵行的授信额度和${s.product}余额，给我司的商务谈判造成不利影响。` },
  { domains: BUSINESS, category: 'mis_selling', kind: 'complaint', cause: 'marketing', request: '按承诺条件执行', text: (s) => `${s.staff}推介${s.product}时承诺两周内放款、年利率不高于${s.rate}%，签约后实际用了${s.span}才放款，执行利率也高于承诺，我司有当时的微信记录为证。` },
  { domains: SERVICES, category: 'response_speed', kind: 'complaint', cause: 'rules_processes', request: '一次性告知材料并尽快办结', text: (s) => `我司在${s.unit}办理${s.product}业务，提交的材料齐全，却又被要求补充实际控制人的个人银行流水，前后跑了三趟仍未办结，耽误了${s.span}。` },
  { domains: SERVICES, category: 'interest_fee_transparency', kind: 'complaint', cause: 'disclosure', request: '说明收费标准并退还差额', text: (s) => `我司办理${s.product}时被收取了${s.fee}手续费，比${s.staff}事先报的价格高出一倍，贵行网点公示的收费标准里也找不到对应项目。` },
  { domains: SERVICES, category: 'product_function', kind: 'inquiry', request: '告知办理要求和费用', text: (s) => `请问${s.product}需要准备哪些材料，手续费怎么收取？我司近期有一笔约${s.amount}的业务需要办理，希望${s.unit}尽快答复。` },
  { domains: SERVICES, category: 'online_channel_function', kind: 'suggestion', text: (s) => `建议${s.product}支持电子化提交材料和线上签章，目前每笔业务都要派人到${s.unit}柜台递交纸质材料，效率很低。` },
  { domains: WEALTH, category: 'product_function', kind: 'inquiry', request: '告知赎回规则', text: (s) => `请问我在${s.unit}购买的${s.product}能否提前赎回？提前赎回是否有费用，到账需要几天？` },
  // Personal loans.
  { domains: LOAN, category: 'drawdown_process', kind: 'complaint', cause: 'rules_processes', request: '尽快放款', text: (s) => `我于${s.date}在${s.unit}申请${s.product}，审批通过后一直没有放款，已经拖了${s.span}，卖方天天催着付款，${s.staff}只说额度紧张让我再等等。` },
  { domains: LOAN, category: 'interest_fee_transparency', kind: 'complaint', cause: 'pricing_fees', request: '退还违约金', text: (s) => `我的${s.product}提前还款被收取了${s.fee}违约金，当初签合同时${s.staff}明确说满一年后提前还款不收费，现在却说以合同为准。` },
  { domains: LOAN, category: 'debt_collection', kind: 'complaint', cause: 'debt_collection_methods', jr: 'debt_collection', request: '停止骚扰式催收', text: (s) => `我的${s.product}只逾期了几天，贵行委托的催收人员就频繁给我单位同事和亲属打电话，一天十几次，严重影响了我的工作和生活。` },
  { domains: LOAN, category: 'disclosure', kind: 'complaint', cause: 'disclosure', request: '说明利率调整并补发通知', text: (s) => `${s.product}利率重定价后月供上涨了，贵行没有发任何短信或书面通知，我是看到扣款金额才发现的，${s.unit}也解释不清楚是怎么算的。` },
  { domains: LOAN, category: 'waiting_time', kind: 'complaint', cause: 'service_attitude_quality', request: '改进服务并一次性告知材料', text: (s) => `在${s.unit}办理${s.product}提前还款时排队两个多小时，${s.staff}说材料不全让我改天再来，却不告诉我缺什么，这已经是第二次白跑了。` },
  { domains: LOAN, category: 'credit_reporting', kind: 'complaint', cause: 'information_security', jr: 'personal_financial_information', request: '删除异常查询记录', text: (s) => `我从未在贵行申请过${s.product}，却在征信报告里看到贵行${s.date}的贷款审批查询记录，怀疑我的个人信息被冒用。` },
  // Credit cards.
  { domains: CARD, category: 'interest_fee_transparency', kind: 'complaint', cause: 'pricing_fees', request: '退还分期手续费', text: (s) => `我办理的${s.product}被收取了${s.fee}手续费，办理时客服说是免息分期，实际折算年化费率远高于宣传，贵行没有明示。` },
  { domains: CARD, category: 'debt_collection', kind: 'complaint', cause: 'debt_collection_methods', jr: 'debt_collection', request: '规范催收行为', text: (s) => `我的信用卡欠款${s.fee}，催收人员在电话里言语威胁，说要上门找我单位领导，还给我年迈的父母打电话，我已经在协商还款了。` },
  { domains: CARD, category: 'loan_amount', kind: 'complaint', cause: 'rules_processes', request: '恢复额度并说明原因', text: (s) => `我的信用卡额度被无故从${s.limit}降到${s.limit2}，我从未逾期，打客服电话只说是系统综合评估，没有任何解释。` },
  { domains: CARD, category: 'problem_solving', kind: 'complaint', cause: 'funds_security', request: '先行垫付并调查盗刷', text: (s) => `我的信用卡在${s.date}凌晨被境外盗刷${s.fee}，卡一直在我身上，发现后第一时间挂失，贵行却要求我先还款再调查。` },
  { domains: CARD, category: 'mis_selling', kind: 'complaint', cause: 'marketing', request: '退还年费', text: (s) => `${s.staff}在${s.unit}推销信用卡时说终身免年费，结果第二年被扣了${s.fee}年费，营销时的承诺与实际不符。` },
  { domains: CARD, category: 'online_channel_function', kind: 'complaint', cause: 'facilities_systems', request: '撤销逾期记录并退还滞纳金', text: (s) => `${s.date}用手机银行还信用卡显示还款成功，第二天却被记为逾期，产生了${s.fee}滞纳金，还可能影响征信，系统问题不应由我承担。` },
  // Debit cards and other retail.
  { domains: RETAIL, category: 'problem_solving', kind: 'complaint', cause: 'rules_processes', request: '解除限制', text: (s) => `我在${s.unit}开立的${s.product}被限制了非柜面交易，要求我提供工资流水和资金用途证明，我只是正常收取房租，流程太繁琐。` },
  { domains: RETAIL, category: 'response_speed', kind: 'complaint', cause: 'facilities_systems', request: '尽快归还卡片', text: (s) => `${s.unit}的自助设备吞了我的${s.product}，当天没人处理，第二天去取卡又说要本人带身份证，前后耽误了我两天时间。` },
  { domains: RETAIL, category: 'interest_fee_transparency', kind: 'complaint', cause: 'pricing_fees', request: '退还费用', text: (s) => `我的${s.product}被扣了小额账户管理费和短信通知费共${s.fee}，我从未开通短信服务，也没有人告知过收费。` },
  { domains: WEALTH, category: 'mis_selling', kind: 'complaint', cause: 'product_returns', jr: 'wealth_management', request: '说明收益差异原因', text: (s) => `在${s.unit}购买的理财产品到期收益远低于${s.staff}介绍的业绩比较基准，销售时只强调收益不讲风险。` },
  // Inquiries.
  { domains: CORP, category: 'repayment_flexibility', kind: 'inquiry', request: '核对还款计划', text: (s) => `请问我司${s.product}下一期的还款日和应还利息是多少？企业网银上显示的还款计划与合同附件不一致，麻烦${s.unit}核对后回复。` },
  { domains: CORP, category: 'approval_delay', kind: 'inquiry', request: '告知申请条件', text: (s) => `我司计划申请${s.product}，金额约${s.amount}，想了解需要准备哪些材料、审批一般需要多长时间、是否必须提供第三方担保。` },
  { domains: CORP, category: 'loan_amount', kind: 'inquiry', request: '说明资本金要求', text: (s) => `请问项目资本金比例达到多少才能申请${s.product}？我司项目总投资${s.amount}，目前资本金到位约三成，其余在募集中。` },
  { domains: CORP, category: 'repayment_flexibility', kind: 'inquiry', request: '说明提前还款规则', text: (s) => `我司拟提前偿还部分${s.product}本金，想咨询是否收取提前还款违约金，以及剩余本金的利率是否会重新定价。` },
  { domains: PERSONAL, category: 'repayment_flexibility', kind: 'inquiry', request: '告知办理方式', text: (s) => `请问${s.product}提前还款需要提前几天预约？能不能在手机银行上直接操作，还是必须到${s.unit}柜台办理？` },
  { domains: PERSONAL, category: 'product_function', kind: 'inquiry', request: '告知续办材料', text: (s) => `我的${s.product}下个月到期，想了解续办需要哪些材料，能否在${s.unit}直接办理，大概需要多长时间。` },
  { domains: CARD, category: 'interest_fee_transparency', kind: 'inquiry', request: '说明手续费规则', text: () => `信用卡分期如果提前结清，剩余未摊销的手续费是否还要收取？客服电话里两次回答不一样，请给个准确答复。` },
  // Suggestions.
  { domains: CORP, category: 'online_channel_function', kind: 'suggestion', text: (s) => `建议贵行在企业网银上增加${s.product}审批进度查询功能，目前只能打电话问${s.staff}，信息不及时也不透明。` },
  { domains: CORP, category: 'drawdown_process', kind: 'suggestion', text: (s) => `建议把${s.product}的放款资料清单标准化并在官网公示，避免各支行要求不一，我司在${s.unit}和其他网点被要求的材料就不一样。` },
  { domains: CORP, category: 'repayment_flexibility', kind: 'suggestion', text: (s) => `建议贵行对经营正常的中小企业${s.product}续贷采用无还本续贷方式，减少企业筹措过桥资金的压力和成本。` },
  { domains: PERSONAL, category: 'waiting_time', kind: 'suggestion', text: (s) => `建议${s.unit}在周末增加${s.product}业务的办理窗口，工作日上班实在请不了假，每次都要专门调休。` },
  { domains: PERSONAL, category: 'online_channel_function', kind: 'suggestion', text: () => `建议手机银行的还款提醒提前三天推送，现在到期当天才提醒，很容易因为卡里余额不足造成逾期。` },
  // Praise.
  { domains: CORP, category: 'response_speed', kind: 'praise', text: (s) => `感谢${s.unit}的${s.staff}在我司${s.product}办理过程中加班加点准备材料，仅用${s.shortSpan}就完成了审批和放款，保障了项目按期开工。` },
  { domains: BUSINESS, category: 'professional_knowledge', kind: 'praise', text: (s) => `${s.unit}的团队服务专业，主动上门帮我司梳理了${s.product}的业务流程和资金安排，还提示了汇率风险，特此表扬。` },
  { domains: PERSONAL, category: 'staff_attitude', kind: 'praise', text: (s) => `${s.unit}的${s.staff}耐心帮我父亲办理了${s.product}相关手续，全程细致周到，还主动提醒防范电信诈骗，特此表扬。` },
  { domains: PERSONAL, category: 'response_speed', kind: 'praise', text: (s) => `感谢${s.unit}的${s.staff}，我的${s.product}从申请到办结只用了${s.shortSpan}，解释清楚、态度热情。` },
];

/** Background a customer adds; some texts run long, as real ones do. */
const BACKGROUND: Record<'business' | 'personal', readonly string[]> = {
  business: [
    '该项目是市重点工程，已纳入年度投资计划，目前资金链非常紧张，每拖一天都在产生额外的财务成本。',
    '我司与贵行合作已有十余年，一直按时还本付息，从未出现逾期，对这样的处理方式非常失望。',
    '此前我们已经通过客户经理和支行领导反映过两次，均没有下文，只能通过正式渠道投诉。',
    '我司上下游合同都有明确的付款节点，贵行的延误已经导致我们向供应商支付了违约金。',
  ],
  personal: [
    '我是贵行十多年的老客户，工资卡和房贷都在贵行办理。',
    '我前后拨打了四次客服热线，每次都要重新说明情况，问题始终没有解决。',
    '这件事已经给我的家庭生活带来了很大困扰，希望贵行能够重视。',
  ],
};

const THREATS: Weighted<readonly [string, RiskFlag]> = [
  [['如果再不解决，我将拨打12378银行保险消费者投诉维权热线向监管部门反映。', 'regulator_threat'], 5],
  [['如再拖延，我们将向媒体曝光此事，并在网上发帖说明情况。', 'media_threat'], 3],
  [['我方已咨询律师，如协商不成将依法向人民法院起诉。', 'lawsuit_threat'], 3],
];

const REJECT_REASONS = ['所反映事项属于他行产品，已告知客户向相关机构反映', '同一事项已由法院受理，依规不予受理', '客户反映事项不属于消费投诉受理范围，已转相关部门处理'];
const WITHDRAW_REASONS = ['客户来电表示问题已自行解决，申请撤回投诉', '客户与客户经理沟通后表示理解，撤回投诉', '客户书面申请撤回'];
const WAIT_REASONS = ['等待客户补充提供还款凭证和合同复印件', '已约客户面谈，等待客户确认时间', '等待客户提供交易流水'];
const TASKS: readonly { department: 'HO-RISK' | 'HO-LEGAL' | 'HO-CREDIT'; title: string; result: string }[] = [
  { department: 'HO-RISK', title: '核查抵押物评估及授信额度调整依据', result: '评估程序合规，额度调整依据行内押品管理办法' },
  { department: 'HO-CREDIT', title: '核实审批流程各环节用时', result: '审批超时系补充资料往返所致，已提示分行一次性告知' },
  { department: 'HO-LEGAL', title: '审查合同条款的提示说明义务履行情况', result: '合同条款未见加粗提示，建议协商处理' },
  { department: 'HO-RISK', title: '核查异常扣款交易流水', result: '系统批处理重复扣款，已冲正' },
];

/** A deterministic random source with the helpers the generator needs. */
class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(entries: Weighted<T>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A mainland mobile number. */
function demoPhone(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`;
}

/** An 18-digit resident ID number with a real birth date and its check character. */
function demoIdNumber(rng: Rng): string {
  const region = rng.pick([...REGIONS.BJ, ...REGIONS.SH]);
  const birth = new Date(Date.UTC(rng.int(1955, 2002), rng.int(0, 11), rng.int(1, 28)));
  const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${rng.digits(3)}`;
  return first17 + residentIdCheckChar(first17);
}

/** A unified social credit code (法人, 企业) with its check character. */
function demoUscc(rng: Rng, region: string): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += i < 8 ? String(rng.int(0, 9)) : rng.pick([...USCC_CHARSET]);
  const first17 = `91${region}${org}`;
  return first17 + usccCheckChar(first17);
}

/** A 16-digit bank card number passing Luhn. */
function demoCardNumber(rng: Rng): string {
  const body = `62${rng.pick(['2848', '2700', '1700', '2588'])}${rng.digits(9)}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function personName(rng: Rng): string {
  return rng.pick([...SURNAMES]) + rng.pick(GIVEN);
}

function yuanText(yuan: number): string {
  if (yuan >= 1e8) return `${(yuan / 1e8).toFixed(yuan % 1e8 === 0 ? 0 : 2).replace(/\.?0+$/, '')}亿元`;
  if (yuan >= 1e4) return `${Math.round(yuan / 1e4)}万元`;
  return `${Math.round(yuan)}元`;
}

/** Rounds to two significant figures: amounts people write are round. */
function round2(x: number): number {
  const p = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.round(x / p) * p;
}

function logUniform(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return round2(Math.exp(Math.log(lo) + rng.float() * (Math.log(hi) - Math.log(lo))));
}

function civilDay(d: Date): string {
  // Asia/Shanghai has no daylight saving: the civil date is UTC+8.
  const local = new Date(d.getTime() + 8 * HOUR);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

interface Pools {
  enterprises: (DemoCustomer & { type: 'enterprise' })[];
  individuals: (DemoCustomer & { type: 'individual' })[];
}

function customerPools(rng: Rng, count: number): Pools {
  const enterprises: Pools['enterprises'] = [];
  const names = new Set<string>();
  for (let i = 0; enterprises.length < Math.max(12, Math.ceil(count / 6)) && i < count * 10 + 100; i++) {
    const city = rng.chance(0.5) ? 'BJ' : 'SH';
    const trade = rng.pick(TRADE_WORDS);
    const name = `${city === 'BJ' ? '北京' : '上海'}${rng.pick(CITY_WORDS)}${rng.pick(CITY_WORDS)}${trade}${rng.chance(0.8) ? '有限公司' : '股份有限公司'}`;
    if (names.has(name)) continue;
    names.add(name);
    enterprises.push({
      type: 'enterprise',
      name,
      uscc: demoUscc(rng, rng.pick(REGIONS[city])),
      legalRepresentative: personName(rng),
      industry: INDUSTRIES[trade] ?? null,
      size: rng.weighted([['large', 2], ['medium', 4], ['small', 3], ['micro', 1]] as const),
      creditRating: rng.weighted([['AAA', 2], ['AA', 4], ['A', 3], ['BBB', 2], ['BB', 1]] as const),
      valueTier: rng.weighted([['platinum', 1], ['gold', 3], ['silver', 4], ['standard', 3]] as const),
      phone: demoPhone(rng),
    });
  }
  const individuals: Pools['individuals'] = [];
  for (let i = 0; i < Math.max(20, Math.ceil(count / 2)); i++) {
    individuals.push({
      type: 'individual',
      name: personName(rng),
      idNumber: rng.chance(0.6) ? demoIdNumber(rng) : null,
      phone: demoPhone(rng),
      valueTier: rng.weighted([['gold', 1], ['silver', 3], ['standard', 8]] as const),
    });
  }
  return { enterprises, individuals };
}

/** JR/T 0169 A: where the business was done, from the channel feedback came through. */
function jrChannelOf(rng: Rng, channel: Channel): JrChannel {
  if (channel === 'branch_counter') return rng.chance(0.85) ? 'front_counter' : 'self_service';
  if (['app', 'web', 'wechat'].includes(channel)) return rng.chance(0.7) ? 'electronic' : 'back_office';
  if (channel === 'partner_platform') return 'third_party';
  // Hotline, letters and referrals are mostly about middle- and back-office work (审批, 催收, 计费).
  return rng.weighted([['back_office', 6], ['front_counter', 2], ['electronic', 2]] as const);
}

function receiptTime(rng: Rng, now: Date, days: number, channel: Channel): Date {
  // Newer days a little more likely: feedback volume has grown, and old cases are closed.
  const dayBack = Math.floor(days * (1 - Math.sqrt(rng.float())));
  const staffed = ['branch_counter', 'letter', 'fax', 'regulator_referral', 'email'].includes(channel);
  const hour = staffed ? rng.int(9, 16) : rng.weighted([[rng.int(8, 11), 4], [rng.int(12, 17), 4], [rng.int(18, 22), 2], [rng.int(0, 7), 1]] as const);
  // Start of the civil day in Shanghai, then the local hour.
  const startOfDay = Math.floor((now.getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR - dayBack * DAY;
  const at = startOfDay + hour * HOUR + rng.int(0, 59) * 60_000 + rng.int(0, 59) * 1000;
  return new Date(Math.min(at, now.getTime() - 10 * 60_000));
}

/** Generates `count` demo cases for a seed. Same options, same cases. */
export function generateDemoCases(options: DemoOptions): DemoCase[] {
  const { seed, count, now } = options;
  const days = options.days ?? 90;
  const mix = options.mix ?? DEFAULT_MIX;
  const rng = new Rng(seed);
  const pools = customerPools(rng, count);
  const cases: DemoCase[] = [];
  for (let index = 0; index < count; index++) cases.push(generateOne(rng, index, now, days, mix, pools));
  if (options.lifecycle !== false) planLifecycles(rng, cases, now);
  return cases;
}

function generateOne(rng: Rng, index: number, now: Date, days: number, mix: DemoMix, pools: Pools): DemoCase {
  const businessLine = rng.weighted(mix.lines);
  const line = LINES[businessLine];
  const corporate = line.domain === 'corporate' || line.domain === 'corporate_services';
  const kind = rng.weighted(mix.kinds[corporate ? 'corporate' : 'personal']);
  let channel = rng.weighted(CHANNELS[corporate ? 'corporate' : 'personal']);
  // Only complaints are referred by a regulator.
  if (channel === 'regulator_referral' && kind !== 'complaint') channel = 'hotline';
  const orgCode = channel === 'regulator_referral' ? rng.weighted(REFERRAL_UNITS) : rng.weighted(UNITS[line.domain]);
  const product = rng.pick(line.products);
  const amount = logUniform(rng, line.amount);
  const fee = round2(Math.max(50, amount * (corporate ? rng.float() * 0.01 + 0.001 : rng.float() * 0.05 + 0.005)));
  const limit = rng.pick([30000, 50000, 80000, 100000]);
  const slots: Slots = {
    unit: UNIT_NAMES[orgCode === 'BJ-CP' || orgCode === 'SH-CP' || orgCode === 'HO-CP' ? rng.pick(['BJ-HD', 'SH-PD', 'BJ-CY', 'SH-XH']) : orgCode] ?? '贵行',
    product,
    amount: yuanText(amount),
    fee: yuanText(fee),
    staff: rng.pick(STAFF_TITLES[line.domain]),
    span: rng.pick(SPANS),
    shortSpan: rng.pick(SHORT_SPANS),
    date: '',
    company: '',
    name: '',
    rate: (rng.int(32, 45) / 10).toFixed(1),
    bp1: rng.int(2, 6) * 10,
    bp2: rng.int(7, 12) * 10,
    count: rng.int(40, 900),
    limit: yuanText(limit),
    limit2: yuanText(limit / rng.pick([2, 5, 10])),
  };

  const receivedAt0 = receiptTime(rng, now, days, channel);
  slots.date = civilDay(new Date(receivedAt0.getTime() - rng.int(3, 60) * DAY));
  const customer: DemoCustomer | null = corporate ? rng.pick(pools.enterprises) : rng.chance(0.9) ? rng.pick(pools.individuals) : null;
  if (customer?.type === 'enterprise') slots.company = customer.name;
  slots.name = customer?.type === 'individual' ? customer.name : personName(rng);

  const template = pickTemplate(rng, line.domain, kind, mix);
  const pii = { phones: [] as string[], idNumbers: [] as string[], cards: [] as string[] };
  const riskFlags = new Set<RiskFlag>();
  const opening = corporate
    ? rng.pick([`我是${slots.company}的财务负责人${slots.name}。`, `${slots.company}财务部反映：`, ''])
    : rng.pick([`本人${slots.name}，`, '', '', '您好，']);
  const extras: string[] = [];
  if (kind === 'complaint' && rng.chance(0.3)) extras.push(rng.pick(BACKGROUND[corporate ? 'business' : 'personal']));
  if (kind === 'complaint' && rng.chance(mix.piiShare)) {
    const phone = demoPhone(rng);
    pii.phones.push(phone);
    const which = rng.int(0, 2);
    if (which === 0 || corporate) extras.push(`联系人${slots.name}，电话${phone}。`);
    else if (which === 1) {
      const id = demoIdNumber(rng);
      pii.idNumbers.push(id);
      extras.push(`我的身份证号是${id}，手机${phone}，请核实。`);
    } else {
      const card = demoCardNumber(rng);
      pii.cards.push(card);
      extras.push(`涉及卡号${card}，联系电话${phone}。`);
    }
  }
  if (kind === 'complaint' && rng.chance(mix.threatShare)) {
    const [sentence, flag] = rng.weighted(THREATS);
    extras.push(sentence);
    riskFlags.add(flag);
  }
  const ask = template.request && kind === 'complaint' ? `请贵行${template.request}。` : '';
  let text = opening + template.text(slots) + extras.join('') + ask;
  if ([...text].length > 400) text = opening + template.text(slots) + ask;
  if ([...text].length < 40) text += `我的联系方式已在${slots.unit}登记，请尽快回复。`;

  const amountInvolved = kind === 'complaint' || kind === 'inquiry' ? amount : null;
  if (kind === 'complaint' && amount >= 1e7) riskFlags.add('large_amount');
  if (customer?.valueTier === 'platinum') riskFlags.add('high_value_customer');

  // Letters, faxes and referrals reach the register a few days after receipt: a back-dating with a reason.
  let receivedAt = receivedAt0;
  let registeredAt = new Date(Math.min(receivedAt0.getTime() + rng.int(2, 40) * 60_000, now.getTime() - 60_000));
  let backDateReason: string | null = null;
  let regulatorRef: string | null = null;
  let regulatorDeadline: Date | null = null;
  if (channel === 'letter' || channel === 'fax' || channel === 'regulator_referral') {
    const lag = rng.int(1, 4) * DAY + rng.int(0, 6) * HOUR;
    registeredAt = new Date(Math.min(receivedAt0.getTime() + lag, now.getTime() - 5 * 60_000));
    receivedAt = new Date(Math.min(receivedAt0.getTime(), registeredAt.getTime() - 2 * HOUR));
    if (channel === 'regulator_referral') {
      const office = orgCode.startsWith('SH') ? '沪金管' : '京金管';
      regulatorRef = `${office}转〔${receivedAt.getUTCFullYear()}〕${rng.int(1000, 9999)}号`;
      regulatorDeadline = new Date(receivedAt.getTime() + 15 * DAY);
      backDateReason = `监管转办单${regulatorRef}的转办日期为${civilDay(receivedAt)}`;
      riskFlags.add('regulator_threat');
    } else backDateReason = channel === 'letter' ? `来信邮戳日期${civilDay(receivedAt)}` : `传真收件时间${civilDay(receivedAt)}`;
  }
  const flags = [...riskFlags];
  const priority: Priority =
    kind !== 'complaint'
      ? kind === 'inquiry'
        ? 'P3'
        : 'P4'
      : flags.some((f) => f === 'regulator_threat' || f === 'media_threat' || f === 'lawsuit_threat')
        ? 'P1'
        : flags.includes('large_amount') || template.cause === 'funds_security'
          ? 'P2'
          : 'P3';
  return {
    index,
    orgCode,
    channel,
    kind,
    text,
    timing: kind === 'complaint' && channel === 'branch_counter' && rng.chance(0.6) ? 'instant' : 'retrospective',
    businessLine,
    categoryCode: template.category,
    product,
    jrChannel: jrChannelOf(rng, channel),
    jrBusinessCategory: template.jr ?? line.jr,
    jrCause: kind === 'complaint' ? (template.cause ?? 'rules_processes') : null,
    customerRequest: kind === 'complaint' ? (template.request ?? null) : null,
    priority,
    amountInvolved,
    riskFlags: flags,
    receivedAt,
    registeredAt,
    backDateReason,
    regulatorRef,
    regulatorDeadline,
    customer,
    pii,
    status: 'new',
    steps: [],
  };
}

const fittingCache = new WeakMap<DemoMix, Map<string, Weighted<Template>>>();

/** A template for the domain and kind; complaints weighted by the mix's causes. */
function pickTemplate(rng: Rng, domain: Domain, kind: DemoKind, mix: DemoMix): Template {
  let byKey = fittingCache.get(mix);
  if (!byKey) fittingCache.set(mix, (byKey = new Map()));
  const key = `${domain}/${kind}`;
  let fitting = byKey.get(key);
  if (!fitting) {
    const causeWeight = new Map(mix.causes);
    fitting = TEMPLATES.filter((t) => t.kind === kind && t.domains.includes(domain)).map((t) => [t, kind === 'complaint' ? (causeWeight.get(t.cause ?? 'rules_processes') ?? 1) : 1] as const);
    byKey.set(key, fitting);
  }
  return rng.weighted(fitting);
}

/** The state a case has reached by its age: recent ones open, older ones mostly closed. */
function targetStatus(rng: Rng, c: DemoCase, now: Date): CaseStatus {
  const age = (now.getTime() - c.registeredAt.getTime()) / DAY;
  const complaint = c.kind === 'complaint';
  if (age < 1.5) return rng.weighted([['new', 40], ['accepted', 20], ['assigned', 20], ['in_progress', 15], ['withdrawn', complaint ? 5 : 0]] as const);
  if (age < 10) {
    return rng.weighted([
      ['new', 3], ['assigned', 8], ['in_progress', 22], ['awaiting_customer', 12], ['awaiting_third_party', 5], ['answered', 25], ['resolved', 12],
      ['not_accepted', complaint ? 5 : 0], ['withdrawn', complaint ? 4 : 0], ['merged', complaint ? 4 : 0],
    ] as const);
  }
  if (age < 30) {
    return rng.weighted([
      ['in_progress', 4], ['answered', 12], ['resolved', 20], ['closed', 42], ['reopened', complaint ? 6 : 0],
      ['not_accepted', complaint ? 4 : 0], ['withdrawn', 3], ['merged', complaint ? 5 : 0],
    ] as const);
  }
  return rng.weighted([['closed', 80], ['resolved', 6], ['reopened', complaint ? 3 : 0], ['not_accepted', complaint ? 4 : 0], ['withdrawn', 3], ['merged', complaint ? 4 : 0]] as const);
}

const ORDER: readonly CaseStatus[] = ['accepted', 'assigned', 'in_progress', 'answered', 'resolved', 'closed'];

function planLifecycles(rng: Rng, cases: DemoCase[], now: Date): void {
  for (const c of cases) c.status = targetStatus(rng, c, now);
  coverEveryState(cases, now);
  for (const c of cases) c.steps = planSteps(rng, c, now);
  // A merged case is a repeat of an earlier one still open at the time: same customer, merged into it.
  for (const c of cases) {
    if (c.status !== 'merged') continue;
    const at = new Date(c.registeredAt.getTime() + rng.int(2, 20) * HOUR);
    const region = c.orgCode.slice(0, 2);
    const target = cases.find(
      (t) => t.index < c.index && t.kind === 'complaint' && t.orgCode.slice(0, 2) === region && t.registeredAt < c.registeredAt && t.status !== 'merged' && isOpenAt(t, at),
    ) ?? cases.find((t) => t.index !== c.index && t.kind === 'complaint' && t.orgCode.slice(0, 2) === region && t.registeredAt < c.registeredAt && t.status !== 'merged' && isOpenAt(t, at));
    if (!target || at.getTime() > now.getTime()) {
      c.status = 'withdrawn';
      c.steps = planSteps(rng, c, now);
      continue;
    }
    c.orgCode = target.orgCode;
    c.customer = target.customer;
    c.businessLine = target.businessLine;
    c.product = target.product;
    c.jrBusinessCategory = target.jrBusinessCategory;
    c.jrCause = target.jrCause;
    c.categoryCode = target.categoryCode;
    c.riskFlags = [...new Set<RiskFlag>([...c.riskFlags, 'repeat_complaint'])];
    c.text = `我于${civilDay(target.receivedAt)}已就${target.product}的问题向贵行反映过，至今没有处理结果，现再次投诉，请尽快答复。${target.customerRequest ? `我的诉求是${target.customerRequest}。` : ''}`;
    c.steps = [{ kind: 'transition', at, by: 'lead', action: 'merge', reason: '同一客户就同一事项重复投诉，合并处理', mergeInto: target.index }];
  }
}

/**
 * A demo shows every state: a state the draw missed is given to a complaint of a fitting age
 * whose own state is common enough to spare one.
 */
function coverEveryState(cases: DemoCase[], now: Date): void {
  if (cases.length < 50) return;
  const counts = new Map<CaseStatus, number>();
  for (const c of cases) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  for (const status of CASE_STATUSES) {
    if (counts.get(status)) continue;
    const [minAge, maxAge] = status === 'reopened' || status === 'closed' ? [12, 28] : status === 'new' || status === 'accepted' ? [0, 1.4] : [2, 9];
    const candidate = cases.find((c) => {
      const age = (now.getTime() - c.registeredAt.getTime()) / DAY;
      return c.kind === 'complaint' && age >= minAge && age < maxAge && (counts.get(c.status) ?? 0) > 3;
    });
    if (!candidate) continue;
    counts.set(candidate.status, counts.get(candidate.status)! - 1);
    candidate.status = status;
    counts.set(status, 1);
  }
}

/** The case's status at a time, from its planned steps. */
export function statusAt(c: Pick<DemoCase, 'steps'>, at: Date): CaseStatus {
  let status: CaseStatus = 'new';
  for (const s of c.steps) {
    if (s.at > at) break;
    if (s.kind === 'transition') status = STATUS_AFTER[s.action] ?? status;
  }
  return status;
}

const STATUS_AFTER: Partial<Record<CaseAction, CaseStatus>> = {
  accept: 'accepted', reject: 'not_accepted', assign: 'assigned', start: 'in_progress', wait_customer: 'awaiting_customer', wait_third_party: 'awaiting_third_party',
  resume: 'in_progress', answer: 'answered', resolve: 'resolved', close: 'closed', reopen: 'reopened', withdraw: 'withdrawn', merge: 'merged',
};

function isOpenAt(c: DemoCase, at: Date): boolean {
  return ['new', 'accepted', 'assigned', 'in_progress', 'awaiting_customer', 'awaiting_third_party', 'reopened'].includes(statusAt(c, at));
}

function planSteps(rng: Rng, c: DemoCase, now: Date): DemoStep[] {
  const status = c.status;
  if (status === 'new' || status === 'merged') return [];
  const steps: DemoStep[] = [];
  let t = c.registeredAt.getTime();
  const later = (minH: number, maxH: number) => (t += rng.int(minH * 60, maxH * 60) * 60_000);
  const transition = (action: CaseAction, by: DemoActor, extra: Partial<Extract<DemoStep, { kind: 'transition' }>> = {}) =>
    steps.push({ kind: 'transition', at: new Date(later(...GAP[action])), by, action, ...extra });

  if (status === 'not_accepted') {
    transition('reject', 'lead', { reason: rng.pick(REJECT_REASONS) });
    return fit(steps, c, now);
  }
  const reach = status === 'withdrawn' ? rng.pick(['accepted', 'assigned', 'in_progress'] as const) : status;
  const depth = ['awaiting_customer', 'awaiting_third_party'].includes(reach) ? ORDER.indexOf('in_progress') : status === 'reopened' ? ORDER.indexOf(rng.pick(['resolved', 'closed'] as const)) : ORDER.indexOf(reach as CaseStatus);
  transition('accept', c.channel === 'regulator_referral' ? 'lead' : 'entry');
  if (depth >= 1) transition('assign', 'lead', { assign: true });
  if (depth >= 2) transition('start', 'handler');
  const task = depth >= 2 && (reach === 'awaiting_third_party' || (c.kind === 'complaint' && rng.chance(0.25))) ? rng.pick(TASKS) : null;
  if (task) {
    steps.push({ kind: 'task', at: new Date(later(1, 8)), by: 'handler', department: task.department, title: task.title, blocking: true, dueAt: new Date(t + 5 * DAY) });
    if (reach === 'awaiting_third_party') transition('wait_third_party', 'handler', { reason: `等待${task.department === 'HO-LEGAL' ? '法律合规部' : task.department === 'HO-RISK' ? '风险管理部' : '授信审批部'}核查意见` });
    else if (depth >= 3) steps.push({ kind: 'task_done', at: new Date(later(20, 72)), by: 'task_owner', result: task.result });
  }
  if (reach === 'awaiting_customer' || (depth >= 3 && rng.chance(0.2))) {
    transition('wait_customer', 'handler', { reason: rng.pick(WAIT_REASONS) });
    if (reach !== 'awaiting_customer') transition('resume', 'handler');
  }
  if (depth >= 3) {
    const decision = decisionFor(rng, c);
    transition('answer', 'handler', { decision });
    const answered = steps[steps.length - 1]!;
    if (answered.kind === 'transition') answered.decisionReceivedAt = new Date(answered.at.getTime() + rng.int(1, 30) * HOUR);
  }
  if (depth >= 4) transition('resolve', 'handler', { resolution: 'customer_confirmed' });
  if (depth >= 5) transition('close', 'handler');
  if (status === 'reopened') transition('reopen', 'handler', { reopenKind: 'review_request', reason: '客户对处理结果有异议，书面申请核查' });
  if (status === 'withdrawn') transition('withdraw', 'entry', { reason: rng.pick(WITHDRAW_REASONS) });
  return fit(steps, c, now);
}

/** Hours between one step and the next, by action. */
const GAP: Record<CaseAction, [number, number]> = {
  accept: [0.2, 4], reject: [2, 30], assign: [1, 20], start: [0.5, 8], wait_customer: [4, 48], wait_third_party: [2, 24], resume: [24, 96],
  answer: [48, 200], resolve: [24, 260], close: [4, 72], reopen: [48, 240], withdraw: [6, 72], merge: [2, 20], split: [2, 20],
};

/**
 * Squeezes a plan into the time between registration and now, then settles the choices that
 * depend on elapsed time: the customer's silence before a `no_reply` resolution, the 30-day
 * window for a review request.
 */
function fit(steps: DemoStep[], c: DemoCase, now: Date): DemoStep[] {
  const start = c.registeredAt.getTime();
  // Room for the steps even for a case registered a minute ago.
  const end = Math.max(now.getTime() - 30_000, start + 1000);
  const last = steps.reduce((m, s) => Math.max(m, s.at.getTime(), s.kind === 'transition' && s.decisionReceivedAt ? s.decisionReceivedAt.getTime() : 0), start);
  if (last > end) {
    const scale = (end - start) / (last - start);
    const squeeze = (d: Date) => new Date(start + Math.max(1000, (d.getTime() - start) * scale));
    for (const s of steps) {
      s.at = squeeze(s.at);
      if (s.kind === 'transition' && s.decisionReceivedAt) s.decisionReceivedAt = squeeze(s.decisionReceivedAt);
      if (s.kind === 'task') s.dueAt = new Date(s.at.getTime() + 5 * DAY);
    }
  }
  let received: Date | undefined;
  for (const s of steps) {
    if (s.kind !== 'transition') continue;
    if (s.action === 'answer') {
      // The customer receives the decision after it is sent, never before.
      if (s.decisionReceivedAt && s.decisionReceivedAt <= s.at) s.decisionReceivedAt = new Date(s.at.getTime() + 1000);
      received = s.decisionReceivedAt;
    }
    if (s.action === 'resolve' && received && s.at.getTime() - received.getTime() >= 8 * DAY) s.resolution = 'no_reply';
    if (s.action === 'resolve' && received && s.at <= received) s.at = new Date(received.getTime() + 1000);
    if (s.action === 'reopen' && (!received || s.at.getTime() - received.getTime() > 29 * DAY)) s.reopenKind = 'new_facts';
  }
  for (let i = 1; i < steps.length; i++) if (steps[i]!.at <= steps[i - 1]!.at) steps[i]!.at = new Date(steps[i - 1]!.at.getTime() + 1000);
  return steps;
}

const OUTCOME_TEXT: Record<DecisionOutcome, string> = {
  upheld: '经核实，您反映的情况属实。我行已责成相关部门整改，并对给您带来的不便深表歉意',
  partly_upheld: '经核实，您反映的情况部分属实。我行已对相关环节进行了改进，其余部分系按合同约定和监管规定办理',
  not_upheld: '经核实，相关业务系按照双方签订的合同约定及我行公示的业务规则办理，未发现违规情形',
};

function decisionFor(rng: Rng, c: DemoCase): NonNullable<Extract<DemoStep, { kind: 'transition' }>['decision']> {
  const day = civilDay(c.receivedAt);
  const signature = `示范银行${UNIT_NAMES[c.orgCode] ?? ''}`;
  if (c.kind !== 'complaint') {
    const body = c.kind === 'praise' ? '感谢您对我行工作的肯定，我们已将您的表扬转达相关员工并予以通报。' : c.kind === 'suggestion' ? '感谢您的宝贵建议，我行已转交产品和运营部门研究，将在后续优化中考虑。' : `关于您咨询的${c.product}相关问题，答复如下：具体规则以合同约定和我行公示为准，如需进一步了解可联系您的客户经理。`;
    // An inquiry, a suggestion or praise is answered with a reply: no verdict, no remedies.
    return { outcome: null, letter: `尊敬的客户：您于${day}提出的意见我行已收悉。${body}${signature}`, remedies: [] };
  }
  const outcome = rng.weighted([['upheld', 3], ['partly_upheld', 4], ['not_upheld', 3]] as const);
  const remedies: { kind: RemedyKind; amount?: number }[] =
    outcome === 'not_upheld'
      ? [{ kind: 'explanation' }]
      : c.jrCause === 'pricing_fees' || c.jrCause === 'funds_security'
        ? [{ kind: 'apology' }, { kind: 'fee_refund', amount: rng.int(2, 80) * 100 }]
        : outcome === 'upheld' && rng.chance(0.2)
          ? [{ kind: 'apology' }, { kind: 'compensation', amount: rng.int(5, 50) * 100 }]
          : [{ kind: 'apology' }, { kind: 'correction' }];
  const letter =
    `尊敬的客户：您于${day}反映的${c.product}相关问题，我行已受理并进行了核实。${OUTCOME_TEXT[outcome]}。` +
    `依据：双方签订的${c.product}合同、我行相关业务规则及《银行业保险业消费投诉处理管理办法》。` +
    `如您对本处理决定有异议，可自收到本决定之日起30日内向我行上级机构书面申请核查，也可以向银行业消费纠纷调解组织申请调解，或依法申请仲裁、向人民法院提起诉讼。${signature}`;
  return { outcome, letter, remedies };
}
