import { describe, expect, it } from 'vitest';
import { matchRule, pickMember, type AssignmentRule, type PickInput, type RoutableCase } from './assignment';

const rule = (id: string, position: number, conditions: AssignmentRule['conditions'], extra: Partial<AssignmentRule> = {}): AssignmentRule => ({
  id,
  name: id,
  position,
  active: true,
  conditions,
  teamId: `team-${id}`,
  requiredSkill: null,
  ...extra,
});

const kase: RoutableCase = {
  categoryLineage: ['cat-approval-delay', 'cat-service'],
  businessLine: 'project_finance',
  orgPath: '/ho/bj/bj-hd/',
  priority: 'P2',
  channel: 'hotline',
  kind: 'complaint',
};

describe('assignment rules: the first matching rule wins', () => {
  it.each<[string, AssignmentRule[], string | undefined]>([
    ['no rules', [], undefined],
    ['an empty rule matches everything', [rule('any', 1, {})], 'any'],
    ['lower position first, whatever the list order', [rule('b', 2, {}), rule('a', 1, {})], 'a'],
    ['equal positions: by id', [rule('y', 1, {}), rule('x', 1, {})], 'x'],
    ['an inactive rule is skipped', [rule('off', 1, {}, { active: false }), rule('on', 2, {})], 'on'],
    ['a parent category matches its subcategory', [rule('cat', 1, { categoryIds: ['cat-service'] })], 'cat'],
    ['another category does not', [rule('cat', 1, { categoryIds: ['cat-fees'] })], undefined],
    ['an org unit matches its subtree', [rule('bj', 1, { orgUnitIds: ['bj'] })], 'bj'],
    ['a sibling unit does not', [rule('sh', 1, { orgUnitIds: ['sh'] })], undefined],
    ['a unit id is matched whole, not as a prefix', [rule('b', 1, { orgUnitIds: ['b'] })], undefined],
    ['business line', [rule('pf', 1, { businessLines: ['project_finance'] })], 'pf'],
    ['business line of another line', [rule('sl', 1, { businessLines: ['syndicated_loan'] })], undefined],
    ['priority listed', [rule('p', 1, { priorities: ['P1', 'P2'] })], 'p'],
    ['priority not listed', [rule('p', 1, { priorities: ['P1'] })], undefined],
    ['channel', [rule('c', 1, { channels: ['letter'] }), rule('h', 2, { channels: ['hotline'] })], 'h'],
    ['kind', [rule('k', 1, { kinds: ['inquiry'] }), rule('all', 9, {})], 'all'],
    ['every condition must hold', [rule('both', 1, { channels: ['hotline'], priorities: ['P1'] }), rule('fallback', 2, {})], 'fallback'],
    ['all conditions holding', [rule('all', 1, { channels: ['hotline'], priorities: ['P2'], kinds: ['complaint'], orgUnitIds: ['ho'], businessLines: ['project_finance'], categoryIds: ['cat-approval-delay'] })], 'all'],
  ])('%s', (_name, rules, expected) => {
    expect(matchRule(rules, kase)?.rule.id).toBe(expected);
  });

  it('a case without a business line fails a business-line condition', () => {
    expect(matchRule([rule('pf', 1, { businessLines: ['project_finance'] })], { ...kase, businessLine: null })).toBeUndefined();
  });

  it('says which conditions matched', () => {
    expect(matchRule([rule('x', 1, { channels: ['hotline'], priorities: ['P2'] })], kase)?.matched).toEqual(['priority', 'channel']);
  });
});

const m = (userId: string, openCases = 0, skills: string[] = []) => ({ userId, openCases, skills });
const base: PickInput = { strategy: 'round_robin', members: [m('a'), m('b'), m('c')], requiredSkill: null, recused: [], lastAssignedId: null };

describe('picking a team member', () => {
  it.each<[string, Partial<PickInput>, string]>([
    ['round robin starts at the first member', {}, 'a'],
    ['round robin continues after the last assigned', { lastAssignedId: 'a' }, 'b'],
    ['round robin wraps around', { lastAssignedId: 'c' }, 'a'],
    ['a last-assigned person who left the team: start over', { lastAssignedId: 'gone' }, 'a'],
    ['round robin skips a recused member', { lastAssignedId: 'a', recused: ['b'] }, 'c'],
    ['round robin skips members without the skill', { members: [m('a', 0, ['fees']), m('b'), m('c', 0, ['fees'])], requiredSkill: 'fees', lastAssignedId: 'a' }, 'c'],
    ['least loaded: fewest open cases', { strategy: 'least_loaded', members: [m('a', 3), m('b', 1), m('c', 2)] }, 'b'],
    ['least loaded tie: the rotation decides', { strategy: 'least_loaded', members: [m('a', 1), m('b', 1), m('c', 1)], lastAssignedId: 'a' }, 'b'],
    ['least loaded tie at the start: team order', { strategy: 'least_loaded', members: [m('a', 2), m('b', 1), m('c', 1)] }, 'b'],
    ['least loaded skips the recused one with fewest', { strategy: 'least_loaded', members: [m('a', 3), m('b', 0), m('c', 2)], recused: ['b'] }, 'c'],
    ['least loaded honours the skill', { strategy: 'least_loaded', members: [m('a', 5, ['english']), m('b', 0)], requiredSkill: 'english' }, 'a'],
  ])('%s', (_name, over, expected) => {
    const r = pickMember({ ...base, ...over });
    expect(r.ok && r.userId).toBe(expected);
  });

  it.each<[string, Partial<PickInput>, string]>([
    ['an empty team', { members: [] }, 'no_members'],
    ['nobody has the skill', { requiredSkill: 'collateral' }, 'no_member_with_skill'],
    ['everyone with the skill is recused', { members: [m('a', 0, ['fees']), m('b')], requiredSkill: 'fees', recused: ['a'] }, 'all_recused'],
    ['everyone is recused', { recused: ['a', 'b', 'c'] }, 'all_recused'],
  ])('no eligible member: %s', (_name, over, why) => {
    expect(pickMember({ ...base, ...over })).toEqual({ ok: false, why });
  });
});
