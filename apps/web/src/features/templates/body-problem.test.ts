import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { bodyProblemText, parseBodyProblem } from './body-problem';

describe('parseBodyProblem', () => {
  it.each([
    ['unknown variables: idNumber', { kind: 'unknownVariables', names: ['idNumber'] }],
    ['unknown variables: idNumber, phone', { kind: 'unknownVariables', names: ['idNumber', 'phone'] }],
    [
      'missing: review within 30 days (核查, 30日); mediation (调解); arbitration (仲裁); litigation (诉讼)',
      { kind: 'missingElements', elements: [{ element: 'review', days: 30 }, { element: 'mediation' }, { element: 'arbitration' }, { element: 'litigation' }] },
    ],
    ['missing: review within 14 days; litigation', { kind: 'missingElements', elements: [{ element: 'review', days: 14 }, { element: 'litigation' }] }],
    ['missing: something new', { kind: 'missingElements', elements: [{ element: 'other', text: 'something new' }] }],
    ['too large', undefined],
  ])('%s', (message, expected) => {
    expect(parseBodyProblem(message)).toEqual(expected);
  });
});

describe('bodyProblemText', () => {
  // A stand-in t that shows the key and its values, so the test reads what would be translated.
  const t = ((key: string, values?: Record<string, unknown>) => `${key}${values && Object.keys(values).length > 0 ? JSON.stringify(values) : ''}`) as unknown as TFunction;

  it('names each missing element through the translations', () => {
    expect(bodyProblemText('missing: review within 30 days (核查, 30日); mediation (调解)', t)).toBe(
      'templateAdmin.problem.missingElements{"list":"templateAdmin.problem.element.review{\\"days\\":30}、templateAdmin.problem.element.mediation"}',
    );
  });

  it('writes unknown variables as a body writes them', () => {
    expect(bodyProblemText('unknown variables: idNumber', t)).toBe('templateAdmin.problem.unknownVariables{"list":"{{idNumber}}"}');
  });

  it('passes any other message through', () => {
    expect(bodyProblemText('too large', t)).toBe('too large');
  });
});
