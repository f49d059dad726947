// Check-digit validation of the identifiers customers give us: enterprise unified social credit
// codes, resident ID numbers, bank card numbers and mobile numbers. Pure and browser-safe: intake
// validates customers with it and packages/triage uses it to tell real PII from random digits.

/** The 31 characters a unified social credit code may use (GB 32100-2015: no I, O, S, V, Z). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccInvalidReason = 'length' | 'charset' | 'region' | 'check';
export type UsccValidation = { valid: true } | { valid: false; reason: UsccInvalidReason };

/**
 * The check character of a unified social credit code from its first 17 characters:
 * 31 − (Σ value × weight mod 31), where 31 maps to '0'. Throws if the input is not 17 valid chars.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a unified social credit code has 17 characters before its check');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`'${first17[i]}' is not a unified social credit code character`);
    sum += value * USCC_WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check]!;
}

/** Validates an 18-character unified social credit code (GB 32100-2015), saying why when it is not. */
export function validateUscc(code: string): UsccValidation {
  if (code.length !== 18) return { valid: false, reason: 'length' };
  if (![...code].every((c) => USCC_CHARSET.includes(c))) return { valid: false, reason: 'charset' };
  // Characters 3–8 are the registering authority's administrative division code: six digits.
  if (!USCC_SHAPE.test(code)) return { valid: false, reason: 'region' };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { valid: false, reason: 'check' };
  return { valid: true };
}

/** True when `code` is a well-formed unified social credit code with a correct check character. */
export function isValidUscc(code: string): boolean {
  return validateUscc(code).valid;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of a resident ID number from its first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('a resident ID number has 17 digits before its check');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

export type ResidentIdInvalidReason = 'format' | 'birth-date' | 'check';
export type ResidentIdValidation = { valid: true } | { valid: false; reason: ResidentIdInvalidReason };

/** Validates an 18-character resident ID number (GB 11643-1999): shape, date of birth, check. */
export function validateResidentId(id: string, today: Date = new Date()): ResidentIdValidation {
  const upper = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(upper)) return { valid: false, reason: 'format' };
  const year = Number(upper.slice(6, 10));
  const month = Number(upper.slice(10, 12));
  const day = Number(upper.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const realDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!realDate || year < 1850 || birth.getTime() > today.getTime()) return { valid: false, reason: 'birth-date' };
  if (residentIdCheckChar(upper.slice(0, 17)) !== upper[17]) return { valid: false, reason: 'check' };
  return { valid: true };
}

/** True when `id` is an 18-character resident ID number with a real birth date and correct check. */
export function isValidResidentId(id: string, today?: Date): boolean {
  return validateResidentId(id, today).valid;
}

/** Luhn (mod 10) check over a string of digits, as bank card numbers carry. Non-digits fail. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** True for a 16–19 digit number (spaces and hyphens between groups allowed) passing Luhn. */
export function isValidBankCard(card: string): boolean {
  const digits = card.replace(/[\s-]/g, '');
  return /^\d{16,19}$/.test(digits) && luhnValid(digits);
}

/**
 * True for a mainland mobile number: 11 digits 1[3-9]xxxxxxxxx, optionally after +86 / 0086 / 86,
 * with spaces or hyphens between groups.
 */
export function isMobileNumber(phone: string): boolean {
  const compact = phone.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(compact);
}

/**
 * True for a mainland landline with its area code: 0 and a 2- or 3-digit area code (010, 021,
 * 0571), then a 7- or 8-digit number not starting with 0 or 1; or the same after +86 / 0086
 * without the leading 0. Spaces, hyphens and brackets may separate the groups ((0571) 8765-4321).
 */
export function isLandlineNumber(phone: string): boolean {
  const compact = phone.replace(/[\s()（）-]/g, '').replace(/^(\+86|0086)(?=[1-9])/, '0');
  return /^0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}$/.test(compact);
}

/** A phone a customer can be reached on: a mainland mobile number or a landline with its area code. */
export function isCustomerPhone(phone: string): boolean {
  return isMobileNumber(phone) || isLandlineNumber(phone);
}
