import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from './mask';

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

describe('masking names, ID numbers and addresses', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李', '*'],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it('keeps the region and the last four of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps the district of an address', () => {
    expect(maskAddress('北京市海淀区中关村大街1号')).toBe('北京市海淀区***');
  });
});
