import { describe, expect, it } from 'vitest';
import { BUSINESS_LINES, CASE_KINDS, JR_CAUSES } from './vocabulary';
import { DEFAULT_CATEGORIES } from './categories';
import { DEFAULT_KEYWORD_RULES, planClassification, type ClassificationPlanInput } from './classification';

const p = (label: string, confidence: number) => ({ label, confidence });

describe('planClassification', () => {
  const cases: [string, ClassificationPlanInput, { apply: string[]; review: boolean; uncertain: string[]; irrelevant: string[] }][] = [
    [
      'every field confident: applied, no review',
      { predictions: { kind: p('complaint', 0.9), category: p('approval_delay', 0.7), businessLine: p('project_finance', 0.8), jrCause: p('rules_processes', 0.6) }, setByPerson: {}, kind: 'unknown', threshold: 0.6 },
      { apply: ['kind', 'category', 'businessLine', 'jrCause'], review: false, uncertain: [], irrelevant: [] },
    ],
    [
      'one field below the threshold: recorded, not applied, the case waits',
      { predictions: { kind: p('complaint', 0.9), category: p('approval_delay', 0.59), businessLine: p('project_finance', 0.8), jrCause: p('rules_processes', 0.6) }, setByPerson: {}, kind: 'unknown', threshold: 0.6 },
      { apply: ['kind', 'businessLine', 'jrCause'], review: true, uncertain: ['category'], irrelevant: [] },
    ],
    [
      'no prediction at all for a field: the case waits',
      { predictions: { kind: p('complaint', 0.9), category: null, businessLine: p('project_finance', 0.8), jrCause: p('rules_processes', 0.9) }, setByPerson: {}, kind: 'unknown', threshold: 0.5 },
      { apply: ['kind', 'businessLine', 'jrCause'], review: true, uncertain: ['category'], irrelevant: [] },
    ],
    [
      'a person’s value is never overwritten, even by a confident prediction',
      { predictions: { kind: p('inquiry', 0.99), category: p('approval_delay', 0.9), businessLine: p('guarantee', 0.9), jrCause: null }, setByPerson: { kind: true, businessLine: true }, kind: 'complaint', threshold: 0.5 },
      { apply: ['category'], review: true, uncertain: ['jrCause'], irrelevant: [] },
    ],
    [
      'an inquiry needs no JR/T cause',
      { predictions: { kind: p('inquiry', 0.8), category: p('repayment_flexibility', 0.8), businessLine: p('project_finance', 0.8), jrCause: null }, setByPerson: {}, kind: 'unknown', threshold: 0.6 },
      { apply: ['kind', 'category', 'businessLine'], review: false, uncertain: [], irrelevant: ['jrCause'] },
    ],
    [
      'an inquiry is not given a complaint cause, however confident the prediction',
      { predictions: { kind: p('inquiry', 0.8), category: p('repayment_flexibility', 0.8), businessLine: p('project_finance', 0.8), jrCause: p('rules_processes', 0.9) }, setByPerson: {}, kind: 'unknown', threshold: 0.6 },
      { apply: ['kind', 'category', 'businessLine'], review: false, uncertain: [], irrelevant: ['jrCause'] },
    ],
    [
      'praise entered as such by a person: no cause either',
      { predictions: { kind: p('complaint', 0.9), category: p('staff_attitude', 0.8), businessLine: p('project_finance', 0.8), jrCause: p('service_attitude_quality', 0.9) }, setByPerson: { kind: true }, kind: 'praise', threshold: 0.6 },
      { apply: ['category', 'businessLine'], review: false, uncertain: [], irrelevant: ['jrCause'] },
    ],
    [
      'an uncertain kind keeps asking for the cause',
      { predictions: { kind: p('inquiry', 0.3), category: p('repayment_flexibility', 0.8), businessLine: p('project_finance', 0.8), jrCause: null }, setByPerson: {}, kind: 'unknown', threshold: 0.6 },
      { apply: ['category', 'businessLine'], review: true, uncertain: ['kind', 'jrCause'], irrelevant: [] },
    ],
    [
      'everything set by a person: nothing to do',
      { predictions: {}, setByPerson: { kind: true, category: true, businessLine: true, jrCause: true }, kind: 'complaint', threshold: 0.6 },
      { apply: [], review: false, uncertain: [], irrelevant: [] },
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(planClassification(input)).toEqual(expected);
  });
});

describe('default keyword rules', () => {
  const categoryCodes = new Set<string>();
  const walk = (nodes: typeof DEFAULT_CATEGORIES) => nodes.forEach((n) => (categoryCodes.add(n.code), walk(n.children ?? [])));
  walk(DEFAULT_CATEGORIES);
  const known: Record<string, Set<string>> = {
    kind: new Set(CASE_KINDS.filter((k) => k !== 'unknown')),
    category: categoryCodes,
    businessLine: new Set(BUSINESS_LINES),
    jrCause: new Set(JR_CAUSES),
  };
  it('name only labels of their field, one rule per label', () => {
    for (const rule of DEFAULT_KEYWORD_RULES) expect(known[rule.field]!.has(rule.label), `${rule.field}/${rule.label}`).toBe(true);
    const keys = DEFAULT_KEYWORD_RULES.map((r) => `${r.field}/${r.label}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
