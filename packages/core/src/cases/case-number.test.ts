import { describe, expect, it } from 'vitest';
import { caseNumberOf, caseSequenceOf } from './case-number';

describe('caseNumberOf', () => {
  it('reads a case number however it is typed', () => {
    for (const typed of ['FB-20261124-000015', 'fb-20261124-000015', '20261124-000015', '20261124000015', 'FB20261124000015', ' FB-20261124-000015 ']) {
      expect(caseNumberOf(typed), typed).toBe('FB-20261124-000015');
    }
    expect(caseNumberOf('20261124-1234567')).toBe('FB-20261124-1234567');
  });

  it('names no case for words, a date alone or a short sequence', () => {
    for (const typed of ['利息', '20261124', '000015', 'FB-20261124-15', 'FB-2026112-000015', '20261124-000015 利息']) expect(caseNumberOf(typed), typed).toBeNull();
  });
});

describe('caseSequenceOf', () => {
  it('reads a bare sequence, padded to the six digits numbers are written with', () => {
    expect(caseSequenceOf('000015')).toBe('000015');
    expect(caseSequenceOf(' 15 ')).toBe('000015');
    expect(caseSequenceOf('1234567')).toBe('1234567');
  });

  it('names no sequence for words, whole numbers, dates or amounts', () => {
    for (const typed of ['利息', 'FB-20261124-000015', '20261124', '50000000', '15 利息', '-15', '']) expect(caseSequenceOf(typed), typed).toBeNull();
  });
});
