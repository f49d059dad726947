// What triage predicts for a case (DESIGN.md §6): the classified fields, the keyword rules an
// institution starts with, and the pure decision of which predictions are written to the case.
import type { CaseKind } from './vocabulary';

/** The fields triage classifies; `category` is the content category, by its code. */
export const CLASSIFIED_FIELDS = ['kind', 'category', 'businessLine', 'jrCause'] as const;
export type ClassifiedField = (typeof CLASSIFIED_FIELDS)[number];

/** Where a field's current value came from, as recorded with the prediction. */
export const PREDICTION_SOURCES = ['rule', 'model', 'person'] as const;
export type PredictionSource = (typeof PREDICTION_SOURCES)[number];

/** One field's prediction as stored on the case. */
export interface FieldPrediction {
  label: string;
  /** In [0, 1]. */
  confidence: number;
  source: PredictionSource;
  /** `v3` for a model's prediction; null for a rule or a person. */
  modelVersion: string | null;
  /** The words that drove it, strongest first (a rule's matched keywords). */
  terms: string[];
  /** Whether the label was written to the case field (confident enough, and no person had set it). */
  applied: boolean;
  at: string;
}

export type Classification = Partial<Record<ClassifiedField, FieldPrediction>>;

export interface ClassificationPlanInput {
  /** The best prediction per field, or null where neither a model nor a rule had one. */
  predictions: Partial<Record<ClassifiedField, { label: string; confidence: number } | null>>;
  /** Fields a person already set (at intake or by correction): never overwritten. */
  setByPerson: Partial<Record<ClassifiedField, boolean>>;
  /** The kind the case has now (a person's), used when kind is not predicted. */
  kind: CaseKind;
  /** In [0, 1]: a prediction below it is recorded, not applied. */
  threshold: number;
}

export interface ClassificationPlan {
  /** Fields whose predicted label is written to the case. */
  apply: ClassifiedField[];
  /** The new case waits in the human triage queue. */
  review: boolean;
  /** Fields that made it wait: no confident prediction and no person's value. */
  uncertain: ClassifiedField[];
  /** Fields the case's kind does not have, whose predictions are neither applied nor shown (an inquiry has no complaint cause). */
  irrelevant: ClassifiedField[];
}

/**
 * Which predictions are written to the case, and whether the case waits for a person. A field
 * a person set is left alone; a prediction at or above the threshold is applied; any other
 * field leaves the case in the triage queue. The JR/T cause is a complaint's: for a case whose
 * kind (as a person set it, or as confidently predicted) is another, it is not suggested at all.
 */
export function planClassification(input: ClassificationPlanInput): ClassificationPlan {
  const confident = (field: ClassifiedField) => !input.setByPerson[field] && (input.predictions[field]?.confidence ?? -1) >= input.threshold;
  const kind = confident('kind') ? (input.predictions.kind!.label as CaseKind) : input.kind;
  const irrelevant: ClassifiedField[] = kind === 'complaint' || kind === 'unknown' ? [] : ['jrCause'];
  const apply: ClassifiedField[] = [];
  const uncertain: ClassifiedField[] = [];
  for (const field of CLASSIFIED_FIELDS) {
    if (input.setByPerson[field] || irrelevant.includes(field)) continue;
    (confident(field) ? apply : uncertain).push(field);
  }
  return { apply, review: uncertain.length > 0, uncertain, irrelevant };
}

/** A keyword rule as an institution starts with it. */
export interface KeywordRuleSeed {
  field: ClassifiedField;
  label: string;
  keywords: string[];
  excludes?: string[];
  weight?: number;
}

/**
 * A small hand-written starting set (cold start), edited by admins afterwards. Written for this
 * product from the vocabulary of corporate and project lending; nothing here is mined from data.
 */
export const DEFAULT_KEYWORD_RULES: KeywordRuleSeed[] = [
  { field: 'kind', label: 'complaint', keywords: ['投诉', '不满', '气愤', '太差', '拖延', '一拖再拖', '要求赔偿', '乱收费', '举报'], weight: 2 },
  { field: 'kind', label: 'inquiry', keywords: ['请问', '咨询', '想了解', '怎么办理', '需要什么材料', '多久', '如何'] },
  { field: 'kind', label: 'suggestion', keywords: ['建议', '希望增加', '能否增加', '最好能', '改进'] },
  { field: 'kind', label: 'praise', keywords: ['感谢', '表扬', '非常满意', '点赞', '耐心细致'], excludes: ['不满意'] },

  { field: 'category', label: 'approval_delay', keywords: ['审批', '审核太慢', '迟迟没有', '一拖再拖', '进度'] },
  { field: 'category', label: 'drawdown_process', keywords: ['放款', '提款', '受托支付'] },
  { field: 'category', label: 'collateral_valuation', keywords: ['押品', '抵押物', '评估价', '估值'] },
  { field: 'category', label: 'interest_fee_transparency', keywords: ['手续费', '收费', '利率', '费用', '违约金'] },
  { field: 'category', label: 'repayment_flexibility', keywords: ['提前还款', '展期', '还款计划', '延期还款'] },
  { field: 'category', label: 'staff_attitude', keywords: ['态度', '不耐烦', '恶劣', '敷衍'] },
  { field: 'category', label: 'response_speed', keywords: ['没人回复', '没有回音', '回电', '联系不上'] },
  { field: 'category', label: 'debt_collection', keywords: ['催收', '催款', '骚扰'] },
  { field: 'category', label: 'information_security', keywords: ['泄露', '个人信息', '隐私'] },
  { field: 'category', label: 'mis_selling', keywords: ['搭售', '强制购买', '捆绑'] },

  { field: 'businessLine', label: 'project_finance', keywords: ['项目融资', '项目贷款'] },
  { field: 'businessLine', label: 'fixed_asset_loan', keywords: ['固定资产贷款', '固贷'] },
  { field: 'businessLine', label: 'working_capital_loan', keywords: ['流动资金贷款', '流贷'] },
  { field: 'businessLine', label: 'syndicated_loan', keywords: ['银团', '牵头行', '代理行'] },
  { field: 'businessLine', label: 'trade_finance', keywords: ['信用证', '保理', '福费廷', '押汇'] },
  { field: 'businessLine', label: 'supply_chain_finance', keywords: ['供应链', '核心企业', '应收账款融资'] },
  { field: 'businessLine', label: 'guarantee', keywords: ['保函', '担保'] },
  { field: 'businessLine', label: 'settlement', keywords: ['转账', '汇款', '结算', '对公账户'] },
  { field: 'businessLine', label: 'online_banking', keywords: ['网银', '手机银行', 'APP', '企业网银'] },
  { field: 'businessLine', label: 'credit_card', keywords: ['信用卡'] },

  { field: 'jrCause', label: 'service_attitude_quality', keywords: ['态度', '不耐烦', '敷衍', '服务差'] },
  { field: 'jrCause', label: 'facilities_systems', keywords: ['系统故障', '无法登录', '闪退', '系统升级'] },
  { field: 'jrCause', label: 'rules_processes', keywords: ['流程', '审批', '材料', '一拖再拖', '规定'] },
  { field: 'jrCause', label: 'marketing', keywords: ['营销', '推销', '电话推销'] },
  { field: 'jrCause', label: 'disclosure', keywords: ['没有告知', '未告知', '未说明', '隐瞒'] },
  { field: 'jrCause', label: 'free_choice', keywords: ['搭售', '强制', '捆绑'] },
  { field: 'jrCause', label: 'pricing_fees', keywords: ['手续费', '收费', '利率', '违约金', '费用'] },
  { field: 'jrCause', label: 'contract_terms', keywords: ['合同条款', '格式条款', '合同'] },
  { field: 'jrCause', label: 'funds_security', keywords: ['盗刷', '资金被转走', '被骗'] },
  { field: 'jrCause', label: 'information_security', keywords: ['泄露', '个人信息', '隐私'] },
  { field: 'jrCause', label: 'debt_collection_methods', keywords: ['催收', '催款', '骚扰'] },
];
