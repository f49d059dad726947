import { describe, expect, it } from 'vitest';
import { CHINA_NFRA_2020, reviewWindowDays, SHIPPED_RULE_SETS, UK_FCA_DISP, US_CFPB } from '../clocks';
import { blanksLeft, DEFAULT_TEMPLATES, missingDecisionLetterElements, renderForRuleSet, renderTemplate, templateVariables, unknownVariables } from './templates';

describe('reply templates', () => {
  it('lists and fills variables, leaving unknown values visible', () => {
    const body = '尊敬的{{customerName}}：工单{{ caseNumber }}，{{customerName}}，{{dueDate}}';
    expect(templateVariables(body)).toEqual(['customerName', 'caseNumber', 'dueDate']);
    expect(renderTemplate(body, { customerName: '赵*', caseNumber: 'FB-20261120-000001' })).toBe('尊敬的赵*：工单FB-20261120-000001，赵*，【dueDate】');
    expect(unknownVariables('{{caseNumber}} {{secret}}')).toEqual(['secret']);
  });

  it.each([
    ['zh-CN', 30, '可自收到之日起30日内申请核查，也可调解、仲裁或诉讼', []],
    ['zh-CN', 30, '可以申请调解、仲裁或诉讼', ['review within 30 days (核查, 30日)']],
    ['zh-CN', 30, '30日内申请核查', ['mediation (调解)', 'arbitration (仲裁)', 'litigation (诉讼)']],
    ['zh-CN', 30, '可自收到之日起130日内申请核查，也可调解、仲裁或诉讼', ['review within 30 days (核查, 30日)']],
    ['zh-CN', 60, '可自收到之日起30日内申请核查，也可调解、仲裁或诉讼', ['review within 60 days (核查, 60日)']],
    ['zh-CN', null, '可以申请调解、仲裁或诉讼', []],
    ['en', 30, 'ask for a review within 30 days; mediation, arbitration or litigation', []],
    ['en', 30, 'you may go to court or to arbitration', ['review within 30 days', 'mediation']],
    ['en', 14, 'ask for a review within 30 days; mediation, arbitration or litigation', ['review within 14 days']],
    ['en', null, 'mediation, arbitration or litigation', []],
  ] as const)('a %s decision letter under a %s-day review window: %s → missing %j', (locale, days, body, missing) => {
    expect(missingDecisionLetterElements(body, locale, days)).toEqual(missing);
  });

  it.each([
    [CHINA_NFRA_2020.id, 30],
    [UK_FCA_DISP.id, null],
    [US_CFPB.id, null],
  ] as const)('the review window of rule set %s is %s days', (id, days) => {
    expect(reviewWindowDays(SHIPPED_RULE_SETS[id]!)).toBe(days);
  });

  it('ships default decision letters that carry every required element once filled, under every shipped rule set', () => {
    for (const ruleSet of Object.values(SHIPPED_RULE_SETS)) {
      const days = reviewWindowDays(ruleSet);
      for (const t of DEFAULT_TEMPLATES.filter((x) => x.kind === 'decision_letter')) {
        const text = renderForRuleSet(t.body, {}, days);
        expect(missingDecisionLetterElements(text, t.locale, days), `${ruleSet.id} ${t.locale}`).toEqual([]);
        expect(text).not.toContain('【reviewWindowDays】');
        expect(unknownVariables(t.body)).toEqual([]);
      }
    }
  });

  it('states the rule set’s review window, and leaves out the clause about a review where the rules have none', () => {
    const zh = DEFAULT_TEMPLATES.find((t) => t.code === 'decision_default' && t.locale === 'zh-CN')!.body;
    const en = DEFAULT_TEMPLATES.find((t) => t.code === 'decision_default' && t.locale === 'en')!.body;
    expect(renderForRuleSet(zh, {}, 30)).toContain('三、救济途径：如您对本处理决定有异议，可以自收到本决定之日起30日内向我行上级机构书面申请核查；您也可以依法申请调解、仲裁或者提起诉讼。\n');
    expect(renderForRuleSet(zh, {}, null)).toContain('\n三、救济途径：您也可以依法申请调解、仲裁或者提起诉讼。\n');
    expect(renderForRuleSet(zh, {}, null)).not.toMatch(/核查|30日/);
    expect(renderForRuleSet(en, {}, null)).toContain('\n3. Your options: you may also seek mediation or arbitration, or bring litigation.\n');
    expect(renderForRuleSet(en, {}, null)).not.toMatch(/review|30 days/);
    // The lines around it stay as they were.
    expect(renderForRuleSet(en, { institutionName: 'Demo Bank' }, null).split('\n')).toHaveLength(en.split('\n').length);
    expect(renderForRuleSet('{{caseNumber}}: ask for a review within {{reviewWindowDays}} days.', { caseNumber: 'FB-1' }, 30)).toBe('FB-1: ask for a review within 30 days.');
  });

  it('finds the blanks a template leaves for the writer, and only those', () => {
    expect(blanksLeft('尊敬的【customerName】：请补充【请写明所需材料】。1. 【describe the facts】')).toEqual(['【customerName】', '【请写明所需材料】', '【describe the facts】']);
    // Bracketed Chinese that is not an instruction is ordinary text: a signature, a heading.
    expect(blanksLeft('【重要提示】您的贷款已放款。【示范银行】')).toEqual([]);
    // Every default template's blanks are found once it is filled from a case with nothing known.
    for (const t of DEFAULT_TEMPLATES) {
      const left = blanksLeft(renderTemplate(t.body, {}));
      expect(left.length, t.code).toBeGreaterThanOrEqual(templateVariables(t.body).length);
    }
  });
});

describe('the blank an unfilled variable leaves', () => {
  it('is an instruction in a Chinese template and the variable in any other, a blank either way', () => {
    expect(renderTemplate('尊敬的{{customerName}}：', {}, 'zh-CN')).toBe('尊敬的【请填写客户姓名】：');
    expect(renderTemplate('Dear {{customerName}},', {}, 'en')).toBe('Dear 【customerName】,');
    expect(blanksLeft(renderTemplate('{{customerName}}{{decisionOutcome}}', {}, 'zh-CN'))).toHaveLength(2);
  });
});
