import { describe, expect, it } from 'vitest';
import { ZDecision } from '@loopdesk/core';
import { decisionLetter } from './decision-letter';

describe('decisionLetter', () => {
  it('names the case and tells the complainant of 核查 within 30 days, mediation, arbitration and litigation', () => {
    const letter = decisionLetter({ number: 'FB-20261120-000001', customerName: '北京示范建设有限公司', receivedAt: '2026-11-20T02:00:00Z', institutionName: '示范银行', outcome: 'partly_upheld' });
    expect(letter).toContain('尊敬的北京示范建设有限公司');
    expect(letter).toContain('FB-20261120-000001');
    expect(letter).toContain('部分属实');
    for (const words of ['30日内', '核查', '调解', '仲裁', '诉讼']) expect(letter).toContain(words);
    expect(ZDecision.safeParse({ outcome: 'partly_upheld', letter }).success).toBe(true);
  });
});
