import { describe, expect, it } from 'vitest';
import { ZDecision } from '@loopdesk/core';
import { decisionLetter } from './decision-letter';

describe('decisionLetter', () => {
  it('names the case and tells the complainant of 核查 within 30 days, mediation, arbitration and litigation', () => {
    const letter = decisionLetter({ number: 'FB-20261120-000001', customerName: '北京示范建设有限公司', receivedAt: '2026-11-20T02:00:00Z', institutionName: '示范银行', outcome: 'partly_upheld', reviewWindowDays: 30 });
    expect(letter).toContain('尊敬的北京示范建设有限公司');
    expect(letter).toContain('FB-20261120-000001');
    expect(letter).toContain('部分属实');
    for (const words of ['30日内', '核查', '调解', '仲裁', '诉讼']) expect(letter).toContain(words);
    expect(ZDecision.safeParse({ outcome: 'partly_upheld', letter }).success).toBe(true);
  });

  it('states the rule set’s review window, and says nothing of 核查 where the rules have none', () => {
    const facts = { number: 'FB-20261120-000001', customerName: null, receivedAt: '2026-11-20T02:00:00Z', institutionName: '示范银行', outcome: 'not_upheld' as const };
    expect(decisionLetter({ ...facts, reviewWindowDays: 45 })).toContain('自收到本处理决定之日起45日内，向我行上级机构书面申请核查');
    const none = decisionLetter({ ...facts, reviewWindowDays: null });
    expect(none).not.toMatch(/核查|30日/);
    for (const words of ['调解', '仲裁', '诉讼']) expect(none).toContain(words);
  });
});
