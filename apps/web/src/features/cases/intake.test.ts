import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ZStaffIntakeRequest } from '@loopdesk/core';
import { isBackDated, toIntakeBody, type IntakeValues } from './intake';

const now = new Date('2026-11-20T02:00:00Z');
const base: IntakeValues = { channel: 'hotline', kind: 'complaint', text: ' 贷款审批拖延三个月 ', priority: 'P2' };

describe('toIntakeBody', () => {
  it('leaves the receipt time to the server when none is given, and passes the contract', () => {
    const body = toIntakeBody(base, now);
    expect(body).not.toHaveProperty('receivedAt');
    expect(body).toMatchObject({ text: '贷款审批拖延三个月', title: null, backDateReason: null, regulatorRef: null, riskFlags: [] });
    expect(ZStaffIntakeRequest.safeParse(body).success).toBe(true);
  });

  it('sends a back-dated receipt with its reason, and the regulator fields only for a referral', () => {
    const received = dayjs('2026-11-12T08:00:00+08:00');
    expect(isBackDated(received, now)).toBe(true);
    expect(isBackDated(dayjs(now).subtract(30, 'minute'), now)).toBe(false);
    const letter = toIntakeBody({ ...base, channel: 'letter', receivedAt: received, backDateReason: '邮戳日期', regulatorRef: 'X' }, now);
    expect(letter).toMatchObject({ receivedAt: '2026-11-12T00:00:00.000Z', backDateReason: '邮戳日期', regulatorRef: null });
    const referral = toIntakeBody({ ...base, channel: 'regulator_referral', regulatorRef: ' 12378-001 ', regulatorDeadline: dayjs('2026-11-30T16:00:00Z') }, now);
    expect(referral).toMatchObject({ regulatorRef: '12378-001', regulatorDeadline: '2026-11-30T16:00:00.000Z' });
    expect(ZStaffIntakeRequest.safeParse(referral).success).toBe(true);
  });
});
