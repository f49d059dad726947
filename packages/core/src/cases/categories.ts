/** A node of the content-category tree an institution starts with; admins edit it afterwards. */
export interface CategorySeed {
  code: string;
  zh: string;
  en: string;
  children?: CategorySeed[];
}

/** The default content categories (DESIGN.md §3), shaped for corporate and project lending first. */
export const DEFAULT_CATEGORIES: CategorySeed[] = [
  {
    code: 'product_function',
    zh: '产品功能',
    en: 'Product function',
    children: [
      { code: 'repayment_flexibility', zh: '还款灵活性', en: 'Repayment flexibility' },
      { code: 'approval_delay', zh: '审批时效', en: 'Approval delay' },
      { code: 'loan_amount', zh: '授信额度', en: 'Loan amount' },
      { code: 'collateral_valuation', zh: '押品评估', en: 'Collateral valuation' },
      { code: 'interest_fee_transparency', zh: '利率与收费透明度', en: 'Interest and fee transparency' },
      { code: 'drawdown_process', zh: '放款流程', en: 'Drawdown process' },
      { code: 'online_channel_function', zh: '线上渠道功能', en: 'Online channel function' },
    ],
  },
  {
    code: 'service_quality',
    zh: '服务质量',
    en: 'Service quality',
    children: [
      { code: 'staff_attitude', zh: '服务态度', en: 'Staff attitude' },
      { code: 'response_speed', zh: '响应速度', en: 'Response speed' },
      { code: 'problem_solving', zh: '问题解决能力', en: 'Problem-solving ability' },
      { code: 'professional_knowledge', zh: '专业能力', en: 'Professional knowledge' },
      { code: 'waiting_time', zh: '等候时间', en: 'Waiting time' },
    ],
  },
  {
    code: 'risk_compliance',
    zh: '风险与合规',
    en: 'Risk and compliance',
    children: [
      { code: 'disclosure', zh: '信息披露', en: 'Disclosure' },
      { code: 'contract_terms', zh: '合同条款', en: 'Contract terms' },
      { code: 'information_security', zh: '信息安全', en: 'Information security' },
      { code: 'debt_collection', zh: '催收行为', en: 'Debt collection conduct' },
      { code: 'mis_selling', zh: '不当销售与搭售', en: 'Mis-selling and tying' },
      { code: 'credit_reporting', zh: '征信问题', en: 'Credit reporting' },
    ],
  },
];
