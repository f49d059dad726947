import { describe, expect, it } from 'vitest';
import { CHINA_NFRA_2020, UK_FCA_DISP, US_CFPB } from './rule-sets';
import { allowedExclusionKinds, exclusionKindName, exclusionRequiresNotice, mayApproveExtension, renderRegulatoryNotice, ruleExclusionKind, type ExtensionApprover } from './regulatory-actions';

const HO = '/ho/';
const BJ = '/ho/bj/';
const BJ_HD = '/ho/bj/hd/';
const SH = '/ho/sh/';

describe('exclusion kinds a rule set allows', () => {
  it.each([
    [CHINA_NFRA_2020, ['appraisal', 'testing', 'evaluation', 'mediation']],
    [UK_FCA_DISP, []],
    [US_CFPB, []],
  ] as const)('%s', (ruleSet, kinds) => {
    expect(allowedExclusionKinds(ruleSet)).toEqual(kinds);
  });

  it('allows none on a step where exclusions do not apply (the review decision)', () => {
    expect(allowedExclusionKinds(CHINA_NFRA_2020, 'review_decision')).toEqual([]);
  });

  it.each([
    ['appraisal', 'outside_appraisal', true],
    ['testing', 'outside_appraisal', true],
    ['evaluation', 'outside_appraisal', true],
    ['mediation', 'mediation', false],
  ] as const)('%s falls under %s; notice required: %s', (kind, ruleKind, notice) => {
    expect(ruleExclusionKind(kind)).toBe(ruleKind);
    expect(exclusionRequiresNotice(CHINA_NFRA_2020, kind)).toBe(notice);
  });
});

describe('who may approve an extension', () => {
  const who = (roles: ExtensionApprover['roles'], orgPath: string, userId = 'u1'): ExtensionApprover => ({ userId, roles, orgPath });
  it.each([
    // approval, approver, case path, recused, verdict
    ['none', who(['team_lead'], BJ_HD), BJ_HD, [], { ok: true }],
    ['none', who(['team_lead'], BJ), BJ_HD, [], { ok: true }],
    ['none', who(['branch_manager'], HO), BJ_HD, [], { ok: true }],
    ['none', who(['consumer_protection'], BJ_HD), BJ_HD, [], { ok: true }],
    ['none', who(['handler'], BJ_HD), BJ_HD, [], { ok: false, reason: 'role' }],
    ['none', who(['team_lead'], SH), BJ_HD, [], { ok: false, reason: 'level' }],
    ['none', who(['team_lead'], BJ_HD), BJ, [], { ok: false, reason: 'level' }],
    ['none', who(['team_lead'], BJ), BJ_HD, ['u1'], { ok: false, reason: 'recused' }],
    ['higher_level', who(['branch_manager'], BJ), BJ_HD, [], { ok: true }],
    ['higher_level', who(['consumer_protection'], HO), BJ_HD, [], { ok: true }],
    ['higher_level', who(['branch_manager'], BJ_HD), BJ_HD, [], { ok: false, reason: 'level' }],
    ['higher_level', who(['team_lead'], HO), BJ_HD, [], { ok: false, reason: 'role' }],
    ['higher_level', who(['branch_manager'], SH), BJ_HD, [], { ok: false, reason: 'level' }],
    ['higher_level', who(['branch_manager'], HO), HO, [], { ok: true }],
    ['higher_level', who(['consumer_protection'], HO), BJ_HD, ['u1'], { ok: false, reason: 'recused' }],
  ] as const)('%s by %o for a case at %s (recused %o) → %o', (approval, approver, casePath, recused, verdict) => {
    expect(mayApproveExtension(approval, approver, casePath, recused)).toEqual(verdict);
  });
});

describe('regulatory notices', () => {
  it.each([
    ['regulatory.extension', 'zh-CN', '处理期限延长至2026-12-21'],
    ['regulatory.extension', 'en', 'by 2026-12-21'],
    ['regulatory.exclusion', 'zh-CN', '需进行外部鉴定，自2026-12-21起'],
    ['regulatory.exclusion', 'en', 'needs an outside appraisal; from 2026-12-21'],
  ] as const)('%s in %s says the date and the reason', (key, locale, phrase) => {
    const notice = renderRegulatoryNotice(key, locale, { caseNumber: 'FB-20261120-000001', date: '2026-12-21', reason: '需调取三年流水', what: exclusionKindName('appraisal', locale) });
    expect(notice.body).toContain(phrase);
    expect(notice.body).toContain('需调取三年流水');
    expect(notice.subject).toContain('FB-20261120-000001');
    expect(notice.body).not.toMatch(/\{\{/);
  });

  it.each([
    ['zh-CN', '外部鉴定已结束，处理期限恢复计算，延至2026-12-28'],
    ['en', 'The period for an outside appraisal in the matter you raised (case FB-20261120-000001) has ended'],
  ] as const)('regulatory.exclusion_ended in %s says the period ended and the new deadline', (locale, phrase) => {
    const notice = renderRegulatoryNotice('regulatory.exclusion_ended', locale, { caseNumber: 'FB-20261120-000001', date: '2026-12-28', reason: '', what: exclusionKindName('appraisal', locale) });
    expect(notice.body).toContain(phrase);
    expect(notice.body).toContain('2026-12-28');
    expect(notice.subject).toContain('FB-20261120-000001');
    expect(notice.body).not.toMatch(/\{\{/);
  });
});
