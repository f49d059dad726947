import { describe, expect, it } from 'vitest';
import { caseNumberOf } from './case-number';

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
