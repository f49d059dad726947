// Personal data in free text: resident ID numbers, mobile numbers, bank card numbers, unified
// social credit codes and email addresses. Numbers only count when their check digit holds, so a
// random 18-digit reference number is not taken for an ID card. Masking serves two needs: a
// partial mask for display to roles that may not see the data, and type placeholders for the
// search and duplicate signatures, which must not carry PII yet should still match each other.
import { isValidResidentId, isValidUscc, luhnValid, maskEmail, maskIdNumber, maskPhone } from '@loopdesk/core';

export type PiiType = 'resident_id' | 'mobile' | 'bank_card' | 'uscc' | 'email';

export interface PiiSpan {
  type: PiiType;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  value: string;
}

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';

interface Detector {
  type: PiiType;
  pattern: RegExp;
  accept(match: string): boolean;
}

const digitsOf = (s: string) => s.replace(/[^\dXx]/g, '');

// Order matters: an 18-character value that is a valid ID is an ID even if it also passes Luhn.
const DETECTORS: readonly Detector[] = [
  { type: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, accept: () => true },
  { type: 'resident_id', pattern: new RegExp(`${NOT_ALNUM_BEFORE}\\d{17}[\\dXx]${NOT_ALNUM_AFTER}`, 'g'), accept: (m) => isValidResidentId(m) },
  { type: 'uscc', pattern: new RegExp(`${NOT_ALNUM_BEFORE}[0-9A-HJ-NPQRTUWXY]{18}${NOT_ALNUM_AFTER}`, 'g'), accept: (m) => isValidUscc(m) },
  {
    type: 'bank_card',
    pattern: new RegExp(`${NOT_ALNUM_BEFORE}\\d(?:[ -]?\\d){15,18}${NOT_ALNUM_AFTER}`, 'g'),
    accept: (m) => {
      const digits = digitsOf(m);
      return digits.length >= 16 && digits.length <= 19 && luhnValid(digits);
    },
  },
  {
    type: 'mobile',
    pattern: new RegExp(`${NOT_ALNUM_BEFORE}(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d){8}${NOT_ALNUM_AFTER}`, 'g'),
    accept: () => true,
  },
];

/** Finds the personal data in a text, in reading order; spans never overlap. */
export function detectPii(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const overlaps = (start: number, end: number) => spans.some((s) => start < s.end && s.start < end);
  for (const detector of DETECTORS) {
    for (const match of text.matchAll(detector.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!detector.accept(match[0]) || overlaps(start, end)) continue;
      spans.push({ type: detector.type, start, end, value: match[0] });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Placeholders used in signatures: the same kind of data masks to the same token. */
export const PII_PLACEHOLDERS: Readonly<Record<PiiType, string>> = {
  resident_id: '〔身份证号〕',
  mobile: '〔手机号〕',
  bank_card: '〔银行卡号〕',
  uscc: '〔信用代码〕',
  email: '〔邮箱〕',
};

function keepEnds(value: string, head: number, tail: number): string {
  let seen = 0;
  const total = value.replace(/[^0-9A-Za-z]/g, '').length;
  // Separators (spaces, hyphens) stay where they are, so the masked value keeps its shape.
  return value.replace(/[0-9A-Za-z]/g, (c) => {
    seen++;
    return seen <= head || seen > total - tail ? c : '*';
  });
}

/** The display mask of one PII value, keeping just enough to recognise it. */
export function maskPiiValue(type: PiiType, value: string): string {
  switch (type) {
    case 'mobile':
      return maskPhone(value);
    case 'email':
      return maskEmail(value);
    case 'resident_id':
      return maskIdNumber(value);
    case 'bank_card':
      return keepEnds(value, 4, 4);
    case 'uscc':
      return keepEnds(value, 2, 4);
  }
}

export interface MaskOptions {
  /** Types left visible, for a role allowed to see them. */
  keep?: readonly PiiType[];
  /** 'partial' (default) for display; 'placeholder' replaces each value by its type token. */
  style?: 'partial' | 'placeholder';
}

/** Masks every detected PII value in a text. */
export function maskPii(text: string, options: MaskOptions = {}): string {
  const keep = new Set(options.keep ?? []);
  let out = '';
  let at = 0;
  for (const span of detectPii(text)) {
    if (keep.has(span.type)) continue;
    out += text.slice(at, span.start);
    out += options.style === 'placeholder' ? PII_PLACEHOLDERS[span.type] : maskPiiValue(span.type, span.value);
    at = span.end;
  }
  return out + text.slice(at);
}
