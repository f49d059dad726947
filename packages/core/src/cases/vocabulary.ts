/** Case vocabulary of DESIGN.md §3: the values every layer shares. */

export const CASE_KINDS = ['complaint', 'suggestion', 'inquiry', 'praise', 'unknown'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/**
 * Kinds the complaint rules cover: complaints, and feedback not yet classified. Only these run the
 * regulatory clock, are answered with a verdict (投诉成立 …) and give the complainant the right to a
 * review (核查); an inquiry, a suggestion or praise is answered with a reply.
 */
export const REGULATED_KINDS: readonly CaseKind[] = ['complaint', 'unknown'];

/** Whether the complaint rules cover a case of this kind. */
export function isRegulatedKind(kind: CaseKind): boolean {
  return REGULATED_KINDS.includes(kind);
}

export const CHANNELS = [
  'web',
  'app',
  'wechat',
  'hotline',
  'branch_counter',
  'email',
  'letter',
  'fax',
  'partner_platform',
  'regulator_referral',
  'social_media',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels a staff member registers by hand (the customer was not on a LoopDesk screen). */
export const OFFLINE_CHANNELS: readonly Channel[] = ['hotline', 'branch_counter', 'letter', 'fax', 'regulator_referral', 'email'];

export const TIMINGS = ['instant', 'retrospective'] as const;
export type Timing = (typeof TIMINGS)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The more urgent of two priorities (P1 is the most urgent). */
export function moreUrgent(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) <= PRIORITIES.indexOf(b) ? a : b;
}

export const RISK_FLAGS = [
  'regulator_threat',
  'media_threat',
  'lawsuit_threat',
  'repeat_complaint',
  'high_value_customer',
  'large_amount',
  'group_complaint',
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/** Business lines, project finance and corporate lending first. */
export const BUSINESS_LINES = [
  'project_finance',
  'fixed_asset_loan',
  'working_capital_loan',
  'syndicated_loan',
  'trade_finance',
  'supply_chain_finance',
  'guarantee',
  'settlement',
  'online_banking',
  'personal_loan',
  'credit_card',
  'debit_card',
  'other',
] as const;
export type BusinessLine = (typeof BUSINESS_LINES)[number];

/** JR/T 0169-2018 B — business category (业务类别). */
export const JR_BUSINESS_CATEGORIES = [
  'debit_card', // 借记卡
  'credit_card', // 信用卡
  'loan', // 贷款
  'payment_settlement', // 支付结算
  'debt_collection', // 债务催收
  'foreign_exchange', // 外汇
  'rmb_savings', // 人民币储蓄
  'agency', // 银行代理业务
  'other_intermediary', // 其他中间业务
  'personal_financial_information', // 个人金融信息
  'precious_metals', // 贵金属
  'rmb_management', // 人民币管理
  'wealth_management', // 自营理财
  'treasury', // 国库
  'other', // 其他
] as const;
export type JrBusinessCategory = (typeof JR_BUSINESS_CATEGORIES)[number];

/** JR/T 0169-2018 C — the 12 complaint causes (投诉原因). */
export const JR_CAUSES = [
  'service_attitude_quality', // 服务态度及服务质量
  'facilities_systems', // 服务设施、设备、业务系统
  'rules_processes', // 管理制度、业务规则与流程
  'marketing', // 营销方式和手段
  'disclosure', // 信息披露
  'free_choice', // 自主选择权
  'pricing_fees', // 定价收费
  'product_returns', // 产品收益
  'contract_terms', // 合同条款
  'funds_security', // 消费者资金安全
  'information_security', // 消费者信息安全
  'debt_collection_methods', // 债务催收方式和手段
] as const;
export type JrCause = (typeof JR_CAUSES)[number];

/** JR/T 0169-2018 A — the channel where the business was done (业务办理渠道), top level. */
export const JR_CHANNELS = ['front_counter', 'self_service', 'electronic', 'third_party', 'back_office', 'other'] as const;
export type JrChannel = (typeof JR_CHANNELS)[number];

/** Where a classification came from: a rule, a model (with its version), or a person. */
export const CLASSIFICATION_SOURCES = ['rule', 'model', 'person', 'channel'] as const;
export type ClassificationSource = (typeof CLASSIFICATION_SOURCES)[number];

export const DECISION_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const REMEDY_KINDS = ['apology', 'fee_refund', 'compensation', 'correction', 'explanation'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];
/** Remedies that carry an amount in yuan. */
export const REMEDIES_WITH_AMOUNT: readonly RemedyKind[] = ['fee_refund', 'compensation'];
