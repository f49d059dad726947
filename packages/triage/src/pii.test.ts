import { describe, expect, it } from 'vitest';
import { detectPii, maskPii } from './pii';

// Valid by their check digits: the GB 11643 example ID, a Luhn-valid card, a published USCC.
const ID = '11010519491231002X';
const CARD = '6222 0000 0000 0000 004'; // 19 digits, Luhn-valid
const USCC = '91350100M000100Y43';

describe('PII detection and masking', () => {
  it('detects each type with its span', () => {
    const text = `身份证${ID}，手机13812345678，卡号${CARD}，公司代码${USCC}，邮箱 zhang.san@example.com。`;
    const spans = detectPii(text);
    expect(spans.map((s) => s.type)).toEqual(['resident_id', 'mobile', 'bank_card', 'uscc', 'email']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.value);
  });

  it.each([
    [`身份证号${ID}`, '身份证号110105********002X'],
    ['电话13812345678请回电', '电话138****5678请回电'],
    ['电话 +86 138 1234 5678', '电话 +86*******5678'],
    [`卡号${CARD}`, '卡号6222 **** **** ***0 004'],
    [`代码${USCC}`, '代码91************0Y43'],
    ['邮箱zhang.san@example.com', '邮箱zh***@example.com'],
  ])('%s → %s', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });

  it('does not take numbers that fail their check for PII', () => {
    const notAnId = '110105194912310021'; // right shape, wrong check digit
    expect(detectPii(`编号${notAnId}`).some((s) => s.type === 'resident_id')).toBe(false);
    expect(maskPii('合同号6222000000000000007')).toBe('合同号6222000000000000007'); // fails Luhn
    expect(maskPii('代码91350100M000100Y44')).toBe('代码91350100M000100Y44'); // wrong check char
    expect(maskPii('订单12812345678')).toBe('订单12812345678'); // not a mobile prefix
    expect(maskPii('编号138123456789')).toBe('编号138123456789'); // 12 digits: not a mobile number
  });

  it('placeholder masking for signatures and keeping allowed types', () => {
    expect(maskPii(`手机13812345678 身份证${ID}`, { style: 'placeholder' })).toBe('手机〔手机号〕 身份证〔身份证号〕');
    expect(maskPii(`手机13812345678 身份证${ID}`, { keep: ['mobile'] })).toBe('手机13812345678 身份证110105********002X');
  });
});
