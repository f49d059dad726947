import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from './mask';

describe('masking personal data', () => {
  it.each([
    ['zhang.san@bank.cn', 'zh***@bank.cn'],
    ['ab@bank.cn', 'a***@bank.cn'],
    ['a@bank.cn', '***@bank.cn'],
    ['not-an-email', '***'],
  ])('email %s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['+8613812345678', '+86*******5678'],
    ['010 6655 8888', '010****8888'],
    ['12345', '***'],
  ])('phone %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});
