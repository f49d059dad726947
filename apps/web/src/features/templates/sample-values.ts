import dayjs from 'dayjs';
import { renderForRuleSet, type TemplateLocale, type TemplateVariable } from '@loopdesk/core';

/** What a preview is filled with besides the fixed samples: the institution and the day. */
export interface PreviewContext {
  institutionName: string;
  /** The day the preview stands on, `YYYY-MM-DD`. */
  today: string;
  /** The review window of the institution's rule set; null where it has none. */
  reviewDays: number | null;
}

// A made-up customer and outcome in the template's own language: the letter is written in it,
// whatever language the console is shown in.
const SAMPLE_CUSTOMER: Record<TemplateLocale, string> = { 'zh-CN': '北京示例建设有限公司', en: 'Beijing Sample Construction Co., Ltd.' };
const SAMPLE_OUTCOME: Record<TemplateLocale, string> = { 'zh-CN': '投诉部分成立', en: 'partly upheld' };

/** Sample values for every variable, dated around `today` the way a case fills them (received 3 days ago, due in 12). */
export function sampleValues(locale: TemplateLocale, ctx: Omit<PreviewContext, 'reviewDays'>): Record<Exclude<TemplateVariable, 'reviewWindowDays'>, string> {
  const today = dayjs(ctx.today);
  const received = today.subtract(3, 'day');
  return {
    institutionName: ctx.institutionName,
    caseNumber: `FB-${received.format('YYYYMMDD')}-000123`,
    customerName: SAMPLE_CUSTOMER[locale],
    receivedDate: received.format('YYYY-MM-DD'),
    dueDate: today.add(12, 'day').format('YYYY-MM-DD'),
    decisionOutcome: SAMPLE_OUTCOME[locale],
    today: today.format('YYYY-MM-DD'),
  };
}

/** A template body filled with sample values, under the institution's rule set (its review window, or no review clause). */
export function previewTemplate(body: string, locale: TemplateLocale, ctx: PreviewContext): string {
  return renderForRuleSet(body, sampleValues(locale, ctx), ctx.reviewDays);
}
