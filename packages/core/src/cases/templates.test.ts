import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, missingDecisionLetterElements, renderTemplate, templateVariables, unknownVariables } from './templates';

describe('reply templates', () => {
  it('lists and fills variables, leaving unknown values visible', () => {
    const body = '尊敬的{{customerName}}：工单{{ caseNumber }}，{{customerName}}，{{dueDate}}';
    expect(templateVariables(body)).toEqual(['customerName', 'caseNumber', 'dueDate']);
    expect(renderTemplate(body, { customerName: '赵*', caseNumber: 'FB-20261120-000001' })).toBe('尊敬的赵*：工单FB-20261120-000001，赵*，【dueDate】');
    expect(unknownVariables('{{caseNumber}} {{secret}}')).toEqual(['secret']);
  });

  it.each([
    ['zh-CN', '可自收到之日起30日内申请核查，也可调解、仲裁或诉讼', []],
    ['zh-CN', '可以申请调解、仲裁或诉讼', ['review within 30 days (核查, 30日)']],
    ['zh-CN', '30日内申请核查', ['mediation (调解)', 'arbitration (仲裁)', 'litigation (诉讼)']],
    ['en', 'ask for a review within 30 days; mediation, arbitration or litigation', []],
    ['en', 'you may go to court or to arbitration', ['review within 30 days', 'mediation']],
  ] as const)('a %s decision letter: %s → missing %j', (locale, body, missing) => {
    expect(missingDecisionLetterElements(body, locale)).toEqual(missing);
  });

  it('ships default decision letters that carry every required element once filled', () => {
    for (const t of DEFAULT_TEMPLATES.filter((x) => x.kind === 'decision_letter')) {
      expect(missingDecisionLetterElements(renderTemplate(t.body, { reviewWindowDays: '30' }), t.locale)).toEqual([]);
      expect(unknownVariables(t.body)).toEqual([]);
    }
  });
});
