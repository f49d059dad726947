/** Kinds of text LoopDesk sends or helps staff write. */
export const TEMPLATE_KINDS = ['acknowledgement', 'reply', 'decision_letter', 'extension_notice'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_LOCALES = ['zh-CN', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** The variables a template may use, filled from the case. */
export const TEMPLATE_VARIABLES = [
  'institutionName',
  'caseNumber',
  'customerName',
  'receivedDate',
  'dueDate',
  'decisionOutcome',
  'reviewWindowDays',
  'today',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The variable names a template body uses, in order of first use. */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Variables a body uses that LoopDesk cannot fill. */
export function unknownVariables(body: string): string[] {
  return templateVariables(body).filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v));
}

/**
 * A blank a template leaves for the writer: an instruction in Chinese (【请填写…】, 【请写明…】), or
 * one in ASCII — a variable the case could not fill (【customerName】) or an English instruction
 * (【describe …】). Other bracketed text (【示范银行】, 【重要提示】) is ordinary Chinese and stays.
 */
const BLANK = /【(?:请[^】\n]{1,80}|[\x20-\x7e]{1,80})】/g;

/** The blanks still in a text (a letter or reply must have none when it is sent). */
export function blanksLeft(text: string): string[] {
  return [...text.matchAll(BLANK)].map((m) => m[0]);
}

/** What a Chinese template leaves for the writer where the case has no value for a variable. */
const CHINESE_BLANKS: Record<TemplateVariable, string> = {
  institutionName: '【请填写机构名称】',
  caseNumber: '【请填写工单编号】',
  customerName: '【请填写客户姓名】',
  receivedDate: '【请填写受理日期】',
  dueDate: '【请填写处理期限】',
  decisionOutcome: '【请填写处理结论】',
  reviewWindowDays: '【请填写核查申请期限】',
  today: '【请填写日期】',
};

/** The blank a variable without a value leaves: an instruction in a Chinese template (【请填写客户姓名】), its name in any other (【customerName】). */
export function variableBlank(name: string, locale: TemplateLocale = 'en'): string {
  return (locale === 'zh-CN' ? CHINESE_BLANKS[name as TemplateVariable] : undefined) ?? `【${name}】`;
}

/** Fills `{{name}}` placeholders; a variable without a value stays visible as a blank (`variableBlank`) for the writer to complete. */
export function renderTemplate(body: string, values: Partial<Record<TemplateVariable, string>>, locale: TemplateLocale = 'en'): string {
  return body.replace(PLACEHOLDER, (_all, name: string) => values[name as TemplateVariable] ?? variableBlank(name, locale));
}

/**
 * What a decision letter must tell the complainant (《银行业保险业消费投诉处理管理办法》 Art. 19,
 * 20): the right to ask a higher-level institution for a review within the window the rule set
 * gives (`reviewDays`; 30 under the China rules; null where the rules have no review, and then
 * nothing is asked of the letter about one), and the routes of mediation, arbitration and
 * litigation. Returns the missing elements.
 */
export function missingDecisionLetterElements(body: string, locale: TemplateLocale, reviewDays: number | null): string[] {
  const n = reviewDays;
  const review: [string, RegExp][] =
    n === null
      ? []
      : locale === 'zh-CN'
        ? [[`review within ${n} days (核查, ${n}日)`, new RegExp(`核查[\\s\\S]*(?<!\\d)${n}\\s*日|(?<!\\d)${n}\\s*日[\\s\\S]*核查`)]]
        : [[`review within ${n} days`, new RegExp(`review[\\s\\S]*(?<!\\d)${n} days|(?<!\\d)${n} days[\\s\\S]*review`, 'i')]];
  const required: [string, RegExp][] =
    locale === 'zh-CN'
      ? [...review, ['mediation (调解)', /调解/], ['arbitration (仲裁)', /仲裁/], ['litigation (诉讼)', /诉讼/]]
      : [...review, ['mediation', /mediation/i], ['arbitration', /arbitration/i], ['litigation', /litigation|court/i]];
  return required.filter(([, re]) => !re.test(body)).map(([name]) => name);
}

/** The clause of a template that states the review window: from the punctuation before `{{reviewWindowDays}}` to the one after. */
const REVIEW_CLAUSE = /[^：:；;。\n]*\{\{\s*reviewWindowDays\s*\}\}[^；;。.\n]*[；;。.]?[ \t]*/g;

/**
 * Fills a template for a case under a rule set: its review window where it has one; where it
 * has none, the clause that would state a window (the text between the punctuation around
 * `{{reviewWindowDays}}`) is left out, so the text says nothing of a review (核查).
 */
export function renderForRuleSet(body: string, values: Partial<Record<TemplateVariable, string>>, reviewDays: number | null, locale: TemplateLocale = 'en'): string {
  // The space that led into the clause stays: it now leads into the next one.
  if (reviewDays === null) return renderTemplate(body.replace(REVIEW_CLAUSE, (clause) => /^[ \t]*/.exec(clause)![0]), values, locale);
  return renderTemplate(body, { ...values, reviewWindowDays: String(reviewDays) }, locale);
}

export interface TemplateSeed {
  code: string;
  kind: TemplateKind;
  locale: TemplateLocale;
  title: string;
  body: string;
}

/** The reply template an inquiry, a suggestion or praise is answered with, when the institution has it. */
export const ANSWER_REPLY_TEMPLATE_CODE = 'reply_answer';

/** The templates every institution starts with. */
export const DEFAULT_TEMPLATES: TemplateSeed[] = [
  {
    code: 'ack_default',
    kind: 'acknowledgement',
    locale: 'zh-CN',
    title: '登记回执',
    body: '尊敬的{{customerName}}：您反映的问题我行已于{{receivedDate}}登记，工单编号{{caseNumber}}。我行将在{{dueDate}}前作出处理决定并告知您。{{institutionName}}',
  },
  {
    code: 'ack_default',
    kind: 'acknowledgement',
    locale: 'en',
    title: 'Acknowledgement',
    body: 'Dear {{customerName}}, we registered your feedback on {{receivedDate}} as case {{caseNumber}}. We will tell you our decision by {{dueDate}}. {{institutionName}}',
  },
  {
    code: 'decision_default',
    kind: 'decision_letter',
    locale: 'zh-CN',
    title: '投诉处理决定书',
    body: [
      '尊敬的{{customerName}}：',
      '您于{{receivedDate}}反映的问题（工单编号{{caseNumber}}），我行已核实。',
      '一、核实情况：【请填写核实过程与查明的事实】',
      '二、处理决定及依据：{{decisionOutcome}}。【请写明作出决定的依据和理由】',
      '三、救济途径：如您对本处理决定有异议，可以自收到本决定之日起{{reviewWindowDays}}日内向我行上级机构书面申请核查；您也可以依法申请调解、仲裁或者提起诉讼。',
      '{{institutionName}}',
      '{{today}}',
    ].join('\n'),
  },
  {
    code: 'decision_default',
    kind: 'decision_letter',
    locale: 'en',
    title: 'Decision on your complaint',
    body: [
      'Dear {{customerName}},',
      'We have investigated the matter you raised on {{receivedDate}} (case {{caseNumber}}).',
      '1. What we found: 【describe the verification and the facts established】',
      '2. Our decision and its basis: {{decisionOutcome}}. 【state the basis and reasons】',
      '3. Your options: if you disagree, you may ask our higher-level institution in writing for a review within {{reviewWindowDays}} days of receiving this decision; you may also seek mediation or arbitration, or bring litigation.',
      '{{institutionName}}',
      '{{today}}',
    ].join('\n'),
  },
  {
    code: 'reply_in_progress',
    kind: 'reply',
    locale: 'zh-CN',
    title: '处理进展告知',
    body: '尊敬的{{customerName}}：您反映的问题（工单编号{{caseNumber}}）我行正在核实处理，将于{{dueDate}}前作出处理决定并告知您。如需补充材料，我行工作人员会与您联系。{{institutionName}}',
  },
  {
    code: 'reply_in_progress',
    kind: 'reply',
    locale: 'en',
    title: 'We are looking into it',
    body: 'Dear {{customerName}}, we are looking into the matter you raised (case {{caseNumber}}) and will tell you our decision by {{dueDate}}. If we need anything more from you, we will be in touch. {{institutionName}}',
  },
  // The answer to an inquiry, a suggestion or praise: a reply, with no verdict and no review right.
  {
    code: ANSWER_REPLY_TEMPLATE_CODE,
    kind: 'reply',
    locale: 'zh-CN',
    title: '答复（咨询、建议、表扬）',
    body: [
      '尊敬的{{customerName}}：',
      '您于{{receivedDate}}向我行反映的意见（工单编号{{caseNumber}}）已收悉，现答复如下：',
      '【请填写答复内容】',
      '感谢您对我行工作的关心和支持。',
      '{{institutionName}}',
      '{{today}}',
    ].join('\n'),
  },
  {
    code: ANSWER_REPLY_TEMPLATE_CODE,
    kind: 'reply',
    locale: 'en',
    title: 'Answer (inquiry, suggestion, praise)',
    body: [
      'Dear {{customerName}},',
      'Thank you for the feedback you gave us on {{receivedDate}} (case {{caseNumber}}). Our answer:',
      '【write the answer】',
      'Thank you for your support.',
      '{{institutionName}}',
      '{{today}}',
    ].join('\n'),
  },
  {
    code: 'reply_more_information',
    kind: 'reply',
    locale: 'zh-CN',
    title: '请补充材料',
    body: '尊敬的{{customerName}}：为核实您反映的问题（工单编号{{caseNumber}}），请您补充提供【请写明所需材料】。我行收到后将尽快处理。{{institutionName}}',
  },
  {
    code: 'reply_more_information',
    kind: 'reply',
    locale: 'en',
    title: 'Please send us more information',
    body: 'Dear {{customerName}}, to look into the matter you raised (case {{caseNumber}}) we need 【say what is needed】. We will continue as soon as we receive it. {{institutionName}}',
  },
  {
    code: 'extension_default',
    kind: 'extension_notice',
    locale: 'zh-CN',
    title: '处理期限延长告知',
    body: '尊敬的{{customerName}}：您反映的问题（工单编号{{caseNumber}}）情况较为复杂，我行处理期限延长至{{dueDate}}。给您带来不便，敬请谅解。{{institutionName}}',
  },
  {
    code: 'extension_default',
    kind: 'extension_notice',
    locale: 'en',
    title: 'We need more time',
    body: 'Dear {{customerName}}, the matter you raised (case {{caseNumber}}) needs more investigation; we will give you our decision by {{dueDate}}. We apologise for the delay. {{institutionName}}',
  },
];

/**
 * Bodies an earlier LoopDesk shipped for a default template, since replaced: where an institution
 * still has one unedited (version 1), start-up replaces it with the current body. The English
 * decision letter marked its blanks [like this], which the blank check (【…】) does not see.
 */
export const SUPERSEDED_TEMPLATE_BODIES: readonly { code: string; locale: TemplateLocale; body: string }[] = [
  {
    code: 'decision_default',
    locale: 'en',
    body: [
      'Dear {{customerName}},',
      'We have investigated the matter you raised on {{receivedDate}} (case {{caseNumber}}).',
      '1. What we found: [describe the verification and the facts established]',
      '2. Our decision and its basis: {{decisionOutcome}}. [state the basis and reasons]',
      '3. Your options: if you disagree, you may ask our higher-level institution in writing for a review within {{reviewWindowDays}} days of receiving this decision; you may also seek mediation or arbitration, or bring litigation.',
      '{{institutionName}}',
      '{{today}}',
    ].join('\n'),
  },
];
