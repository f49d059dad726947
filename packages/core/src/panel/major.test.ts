import { describe, expect, it } from 'vitest';
import { matchMajorRule, type MajorCaseFacts, type MajorRule } from './major';

const rule = (id: string, position: number, conditions: MajorRule['conditions'], active = true): MajorRule => ({ id, name: id, position, active, conditions });

const kase: MajorCaseFacts = {
  categoryLineage: ['cat-disclosure', 'cat-risk'],
  businessLine: 'project_finance',
  orgPath: '/ho/bj/bj-hd/',
  priority: 'P2',
  channel: 'hotline',
  kind: 'complaint',
  amountInvolved: 5_000_000,
  riskFlags: ['media_threat'],
};

describe('major-case rules: the first matching rule marks the case', () => {
  it.each<[string, MajorRule[], Partial<MajorCaseFacts>, string | undefined, string[]?]>([
    ['no rules', [], {}, undefined],
    ['a rule without conditions never matches', [rule('empty', 1, {})], {}, undefined],
    ['amount at the threshold', [rule('amt', 1, { amountAtLeast: 5_000_000 })], {}, 'amt', ['amount']],
    ['amount below the threshold', [rule('amt', 1, { amountAtLeast: 5_000_001 })], {}, undefined],
    ['no amount recorded', [rule('amt', 1, { amountAtLeast: 0 })], { amountInvolved: null }, undefined],
    ['any listed flag', [rule('flag', 1, { riskFlags: ['regulator_threat', 'media_threat'] })], {}, 'flag', ['riskFlags']],
    ['no listed flag', [rule('flag', 1, { riskFlags: ['regulator_threat'] })], {}, undefined],
    ['every condition must hold', [rule('both', 1, { riskFlags: ['media_threat'], businessLines: ['syndicated_loan'] })], {}, undefined],
    ['category subtree and priority', [rule('cp', 1, { categoryIds: ['cat-risk'], priorities: ['P1', 'P2'] })], {}, 'cp', ['category', 'priority']],
    ['org unit subtree and channel', [rule('ou', 1, { orgUnitIds: ['bj'], channels: ['hotline'] })], {}, 'ou', ['orgUnit', 'channel']],
    ['lower position first', [rule('b', 2, { riskFlags: ['media_threat'] }), rule('a', 1, { amountAtLeast: 1 })], {}, 'a', ['amount']],
    ['an inactive rule is skipped', [rule('off', 1, { amountAtLeast: 1 }, false), rule('on', 2, { kinds: ['complaint'] })], {}, 'on', ['kind']],
  ])('%s', (_name, rules, overrides, expected, matched) => {
    const m = matchMajorRule(rules, { ...kase, ...overrides });
    expect(m?.rule.id).toBe(expected);
    if (matched) expect(m?.matched).toEqual(matched);
  });
});
