import { describe, expect, it } from 'vitest';
import {
  USCC_CHARSET,
  isCustomerPhone,
  isLandlineNumber,
  isMobileNumber,
  isValidBankCard,
  isValidResidentId,
  isValidUscc,
  luhnValid,
  residentIdCheckChar,
  usccCheckChar,
  validateResidentId,
  validateUscc,
} from './identifiers';

// Independent restatement of GB 32100-2015 so the table below does not trust the code under test.
function referenceUsccCheck(first17: string): string {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + USCC_CHARSET.indexOf(c) * weights[i]!, 0);
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

function referenceIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11]!;
}

describe('unified social credit code (GB 32100-2015)', () => {
  const computed = ['91110108MA01ABCDE', '12100000400000000', '5132010050000123P', 'Y1440300MA5DQWERT', '93330100000000001'].map(
    (first17) => first17 + referenceUsccCheck(first17),
  );

  it.each([
    // Published on business licences: Fuzhou example from the standard's guidance, and Tencent (Shenzhen).
    '91350100M000100Y43',
    '91440300708461136T',
    ...computed,
  ])('%s is valid', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true });
    expect(isValidUscc(code)).toBe(true);
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'charset'], // I is not in the charset
    ['91350100m000100Y43', 'charset'], // lower case is not a code
    ['9135A100M000100Y43', 'region'], // division code must be digits
    ['91350100M000100Y44', 'check'],
    ['91440300708461136X', 'check'],
  ] as const)('%s is invalid: %s', (code, reason) => {
    expect(validateUscc(code)).toEqual({ valid: false, reason });
    expect(isValidUscc(code)).toBe(false);
  });

  it('maps a remainder of 0 to check character 0', () => {
    // Find a prefix whose weighted sum is a multiple of 31 by varying the last character.
    const base = '9111000010000011';
    const first17 = [...USCC_CHARSET].map((c) => base + c).find((p) => referenceUsccCheck(p) === '0')!;
    expect(usccCheckChar(first17)).toBe('0');
  });

  it('refuses to compute a check for a malformed prefix', () => {
    expect(() => usccCheckChar('123')).toThrow(RangeError);
    expect(() => usccCheckChar('9135010OM000100Y4')).toThrow(RangeError);
  });
});

describe('resident ID number (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  const today = new Date('2026-06-01T00:00:00Z');
  const computed = ['11010119900307775', '31011520001231123', '44030619851015004', '51010720200229001'].map(
    (first17) => first17 + referenceIdCheck(first17),
  );

  it.each([
    // The standard's own examples.
    '11010519491231002X',
    '440524188001010014',
    '11010519491231002x',
    ...computed,
  ])('%s is valid', (id) => {
    expect(isValidResidentId(id, today)).toBe(true);
  });

  it.each([
    ['11010519491231002', 'format'],
    ['1101051949123100Z1', 'format'],
    ['110105194913310021', 'birth-date'], // month 13
    ['110105202102290021', 'birth-date'], // 2021 is not a leap year
    ['110105203001010021', 'birth-date'], // born in the future
    ['110105194912310021', 'check'],
    ['440524188001010015', 'check'],
  ] as const)('%s is invalid: %s', (id, reason) => {
    expect(validateResidentId(id, today)).toEqual({ valid: false, reason });
  });

  it('computes the X check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });
});

describe('Luhn and bank cards', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['6222020200112233445', referenceLuhn('6222020200112233445')],
    ['', false],
    ['4111-1111', false],
  ] as const)('luhn(%s) = %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });

  it.each([
    ['4111 1111 1111 1111', true],
    ['4111-1111-1111-1111', true],
    ['411111111111111', false], // 15 digits: too short for a card here
    ['79927398713', false],
  ] as const)('bank card %s → %s', (card, valid) => {
    expect(isValidBankCard(card)).toBe(valid);
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['+86 138 1234 5678', true],
    ['0086-13812345678', true],
    ['12812345678', false], // second digit 2
    ['1381234567', false],
    ['138123456789', false],
    ['010-66558888', false],
  ] as const)('%s → %s', (phone, valid) => {
    expect(isMobileNumber(phone)).toBe(valid);
  });
});

describe('landlines and customer phones', () => {
  it.each([
    ['010-66558888', true, true],
    ['021 5888 8888', true, true],
    ['(0571) 8765-4321', true, true],
    ['07558765432', true, true], // Shenzhen, 8 digits
    ['0351-7654321', true, true], // Taiyuan, 7 digits
    ['+86 10 66558888', true, true],
    ['13812345678', false, true],
    ['+86 138 1234 5678', false, true],
    ['1234567', false, false], // no area code
    ['66558888', false, false],
    ['010-0655888', false, false], // the number starts with 0
    ['010-665588889', false, false], // 9 digits after the area code
    ['0000000000', false, false],
    ['12812345678', false, false],
    ['phone', false, false],
  ] as const)('%s → landline %s, customer phone %s', (phone, landline, customer) => {
    expect(isLandlineNumber(phone)).toBe(landline);
    expect(isCustomerPhone(phone)).toBe(customer);
  });
});

function referenceLuhn(digits: string): boolean {
  const sum = [...digits]
    .reverse()
    .map(Number)
    .reduce((s, d, i) => s + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return sum % 10 === 0;
}
