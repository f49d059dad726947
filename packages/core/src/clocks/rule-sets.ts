import { z } from 'zod';

// Regulatory rule sets are data: the limits, how days are counted, what extends or stops a
// clock, and the review clock. deadlines.ts is the one interpreter. Shipping three
// jurisdictions keeps the model honest — nothing Chinese is hard-wired in the maths.

/** Units a regulatory limit is counted in. */
export const LIMIT_UNITS = ['calendar_days', 'business_days', 'weeks'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** A limit such as "15 calendar days". */
export const ZLimit = z.object({
  count: z.number().int().min(1).max(3660),
  unit: z.enum(LIMIT_UNITS),
});
export type TLimit = z.infer<typeof ZLimit>;

/** Who must approve an extension: nobody beyond the handler, or a higher-level institution / head-office senior manager. */
export const APPROVAL_LEVELS = ['none', 'higher_level'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

/** One level of extension; `limit` is the total allowed once it is granted, not the days added. */
export const ZExtensionLevel = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  title: z.string().min(1),
  limit: ZLimit,
  approval: z.enum(APPROVAL_LEVELS),
  notifyComplainant: z.boolean(),
  basis: z.string().min(1),
});
export type TExtensionLevel = z.infer<typeof ZExtensionLevel>;

/** A regulatory time limit: its base limit and the extensions that may follow in order. */
export const ZRegulatoryStep = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  title: z.string().min(1),
  limit: ZLimit,
  extensions: z.array(ZExtensionLevel).default([]),
  /** Whether recorded exclusions (appraisal, mediation …) stop this clock. */
  exclusionsApply: z.boolean(),
  /** Whether new facts and reasons restart this clock from their arrival. */
  restartsOnNewFacts: z.boolean(),
  basis: z.string().min(1),
});
export type TRegulatoryStep = z.infer<typeof ZRegulatoryStep>;

/** Kinds of period a rule lets an institution leave out of a limit. */
export const EXCLUSION_KINDS = ['outside_appraisal', 'mediation'] as const;
export type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

/** How days are counted — the same for every step of a rule set. */
export const ZCountingConvention = z.object({
  /** Whether the day of receipt is day 1; China and the UK start counting the next day. */
  receiptDayCounted: z.boolean(),
  /** A deadline is the end (24:00) of its last day in the institution's zone; no rule we know differs. */
  dueAt: z.literal('end_of_day'),
  /** What a deadline on a rest day does: move to the end of the next working day, or stay. */
  restDayShift: z.enum(['next_working_day', 'none']),
  basis: z.string().min(1),
});
export type TCountingConvention = z.infer<typeof ZCountingConvention>;

/** A jurisdiction's complaint-handling time limits. */
export const ZRegulatoryRuleSet = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: z.string().min(1),
    jurisdiction: z.string().min(2),
    source: z.string().min(1),
    counting: ZCountingConvention,
    steps: z.array(ZRegulatoryStep).min(1),
    /** The step a case's regulatory clock runs on unless told otherwise. */
    primaryStep: z.string(),
    exclusions: z.array(
      z.object({
        kind: z.enum(EXCLUSION_KINDS),
        /** True when the period only counts as excluded once the complainant has been told. */
        requiresNotice: z.boolean(),
        basis: z.string().min(1),
      }),
    ),
    /** The review (核查) clocks: the complainant's window to ask, and the reviewer's to decide. */
    review: z.object({ requestStep: z.string(), decisionStep: z.string() }).nullable(),
  })
  .superRefine((ruleSet, ctx) => {
    const ids = new Set(ruleSet.steps.map((step) => step.id));
    if (ids.size !== ruleSet.steps.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'step ids must be unique' });
    for (const [path, id] of [
      ['primaryStep', ruleSet.primaryStep],
      ['review', ruleSet.review?.requestStep],
      ['review', ruleSet.review?.decisionStep],
    ] as const) {
      if (id !== undefined && !ids.has(id)) ctx.addIssue({ code: 'custom', path: [path], message: `no step ${JSON.stringify(id)}` });
    }
    ruleSet.steps.forEach((step, index) => {
      let previous = step.limit;
      for (const extension of step.extensions) {
        if (extension.limit.unit !== step.limit.unit || extension.limit.count <= previous.count) {
          ctx.addIssue({ code: 'custom', path: ['steps', index, 'extensions'], message: 'each extension must allow more of the same unit than the limit before it' });
        }
        previous = extension.limit;
      }
    });
  });
export type TRegulatoryRuleSet = z.infer<typeof ZRegulatoryRuleSet>;

/** 《银行业保险业消费投诉处理管理办法》 (原银保监会令2020年第3号), the default. */
export const CHINA_NFRA_2020: TRegulatoryRuleSet = ZRegulatoryRuleSet.parse({
  id: 'cn_nfra_2020',
  title: '银行业保险业消费投诉处理管理办法',
  jurisdiction: 'CN',
  source: '原银保监会令2020年第3号, Art. 18, 20, 23, 43; 民法典 Art. 201, 203',
  counting: {
    receiptDayCounted: false,
    dueAt: 'end_of_day',
    restDayShift: 'next_working_day',
    basis: '民法典 Art. 201 (the first day is not counted), Art. 203 (a last day on a statutory holiday moves to the day after the holiday ends); Art. 43: 日 are calendar days',
  },
  steps: [
    {
      id: 'decision',
      title: '处理决定 decision and notice',
      limit: { count: 15, unit: 'calendar_days' },
      extensions: [
        {
          id: 'complex',
          title: '情况复杂 complex',
          limit: { count: 30, unit: 'calendar_days' },
          approval: 'none',
          notifyComplainant: true,
          basis: 'Art. 18: 情况复杂的可以延长至30日',
        },
        {
          id: 'especially_complex',
          title: '情况特别复杂 especially complex',
          limit: { count: 60, unit: 'calendar_days' },
          approval: 'higher_level',
          notifyComplainant: true,
          basis: 'Art. 18: 经其上级机构或者总行、总公司高级管理人员审批并告知投诉人，可以再延长30日',
        },
      ],
      exclusionsApply: true,
      restartsOnNewFacts: true,
      basis: 'Art. 18: 自收到消费投诉之日起15日内作出处理决定并告知投诉人',
    },
    {
      id: 'review_request',
      title: '申请核查 window to request a review',
      limit: { count: 30, unit: 'calendar_days' },
      exclusionsApply: false,
      restartsOnNewFacts: false,
      basis: 'Art. 20: 可以自收到处理决定之日起30日内向其上级机构书面申请核查',
    },
    {
      id: 'review_decision',
      title: '核查决定 review decision',
      limit: { count: 30, unit: 'calendar_days' },
      exclusionsApply: false,
      restartsOnNewFacts: false,
      basis: 'Art. 20: 自收到核查申请之日起30日内作出核查决定并告知投诉人',
    },
  ],
  primaryStep: 'decision',
  exclusions: [
    { kind: 'outside_appraisal', requiresNotice: true, basis: 'Art. 18: 需外部机构进行鉴定、检测、评估等工作的，相关期间可以不计入…但应当及时告知投诉人' },
    { kind: 'mediation', requiresNotice: false, basis: 'Art. 23: 调解期间不计入消费投诉处理期限' },
  ],
  review: { requestStep: 'review_request', decisionStep: 'review_decision' },
});

/** UK FCA DISP 1.5 and 1.6. */
export const UK_FCA_DISP: TRegulatoryRuleSet = ZRegulatoryRuleSet.parse({
  id: 'uk_fca_disp',
  title: 'FCA Handbook DISP 1 — complaint handling',
  jurisdiction: 'GB',
  source: 'FCA Handbook DISP 1.5, 1.6',
  counting: {
    receiptDayCounted: false,
    dueAt: 'end_of_day',
    restDayShift: 'none',
    basis: 'DISP counts from the day after receipt; business days already land on business days',
  },
  steps: [
    {
      id: 'final_response',
      title: 'Final response',
      limit: { count: 8, unit: 'weeks' },
      exclusionsApply: false,
      restartsOnNewFacts: false,
      basis: 'DISP 1.6.2R: final response by the end of eight weeks after receipt',
    },
    {
      id: 'payment_services_final_response',
      title: 'Final response — payment services and e-money',
      limit: { count: 15, unit: 'business_days' },
      extensions: [
        {
          id: 'exceptional',
          title: 'Exceptional circumstances (holding reply)',
          limit: { count: 35, unit: 'business_days' },
          approval: 'none',
          notifyComplainant: true,
          basis: 'DISP 1.6.2AR: in exceptional situations a holding reply, final response within 35 business days',
        },
      ],
      exclusionsApply: false,
      restartsOnNewFacts: false,
      basis: 'DISP 1.6.2AR: 15 business days after receipt',
    },
    {
      id: 'summary_resolution',
      title: 'Summary resolution communication',
      limit: { count: 3, unit: 'business_days' },
      exclusionsApply: false,
      restartsOnNewFacts: false,
      basis: 'DISP 1.5.2R: resolved by close of business on the third business day following receipt',
    },
  ],
  primaryStep: 'final_response',
  exclusions: [],
  review: null,
});

/** US CFPB company portal expectations. */
export const US_CFPB: TRegulatoryRuleSet = ZRegulatoryRuleSet.parse({
  id: 'us_cfpb',
  title: 'CFPB consumer complaint process',
  jurisdiction: 'US',
  source: 'CFPB company portal: respond within 15 days, close all but the most complicated within 60',
  counting: {
    receiptDayCounted: false,
    dueAt: 'end_of_day',
    restDayShift: 'none',
    basis: 'calendar days from the day the complaint was sent to the company',
  },
  steps: [
    {
      id: 'response',
      title: 'Company response',
      limit: { count: 15, unit: 'calendar_days' },
      exclusionsApply: false,
      restartsOnNewFacts: false,
      basis: 'companies generally respond within 15 days',
    },
    {
      id: 'closure',
      title: 'Final response (closure)',
      limit: { count: 60, unit: 'calendar_days' },
      exclusionsApply: false,
      restartsOnNewFacts: false,
      basis: 'all but the most complicated complaints closed within 60 days',
    },
  ],
  primaryStep: 'response',
  exclusions: [],
  review: null,
});

/** The rule sets LoopDesk ships, by id. */
export const SHIPPED_RULE_SETS: Readonly<Record<string, TRegulatoryRuleSet>> = {
  [CHINA_NFRA_2020.id]: CHINA_NFRA_2020,
  [UK_FCA_DISP.id]: UK_FCA_DISP,
  [US_CFPB.id]: US_CFPB,
};

/** The rule set an institution runs on until it chooses another (the schema's default too). */
export const DEFAULT_RULE_SET_ID = CHINA_NFRA_2020.id;

/** A shipped rule set by id; undefined for an id LoopDesk does not ship. */
export function shippedRuleSet(id: string): TRegulatoryRuleSet | undefined {
  return Object.hasOwn(SHIPPED_RULE_SETS, id) ? SHIPPED_RULE_SETS[id] : undefined;
}
