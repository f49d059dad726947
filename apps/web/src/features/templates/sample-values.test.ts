import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, TEMPLATE_VARIABLES } from '@loopdesk/core';
import { previewTemplate, sampleValues } from './sample-values';

const ctx = { institutionName: '示范银行', today: '2026-11-20', reviewDays: 30 };
const decisionZh = DEFAULT_TEMPLATES.find((x) => x.kind === 'decision_letter' && x.locale === 'zh-CN')!.body;

describe('sampleValues', () => {
  it('has a value for every variable but the review window, which the rule set gives', () => {
    expect(Object.keys(sampleValues('zh-CN', ctx)).sort()).toEqual(TEMPLATE_VARIABLES.filter((v) => v !== 'reviewWindowDays').sort());
  });

  it('dates the sample case around the day, in the form a case is filled with', () => {
    expect(sampleValues('en', ctx)).toMatchObject({ caseNumber: 'FB-20261117-000123', receivedDate: '2026-11-17', dueDate: '2026-12-02', today: '2026-11-20' });
  });

  it('speaks the template’s language, not the console’s', () => {
    expect(sampleValues('zh-CN', ctx).decisionOutcome).toBe('投诉部分成立');
    expect(sampleValues('en', ctx).decisionOutcome).toBe('partly upheld');
  });
});

describe('previewTemplate', () => {
  it('fills every variable and keeps the writer’s blanks', () => {
    const text = previewTemplate(decisionZh, 'zh-CN', ctx);
    expect(text).not.toMatch(/\{\{|【(?!请)/);
    expect(text).toContain('工单编号FB-20261117-000123');
    expect(text).toContain('二、处理决定及依据：投诉部分成立。');
    expect(text).toContain('30日内向我行上级机构书面申请核查');
    expect(text).toContain('【请填写核实过程与查明的事实】');
    expect(text.endsWith('示范银行\n2026-11-20')).toBe(true);
  });

  it('leaves the review clause out under rules without a review', () => {
    const text = previewTemplate(decisionZh, 'zh-CN', { ...ctx, reviewDays: null });
    expect(text).not.toContain('核查');
    expect(text).toContain('三、救济途径：您也可以依法申请调解、仲裁或者提起诉讼。');
  });

  it('shows a variable LoopDesk does not know as a blank', () => {
    expect(previewTemplate('您的编号是{{idNumber}}', 'zh-CN', ctx)).toBe('您的编号是【idNumber】');
  });
});
