/** Masks an email for display to staff who may not see it: `zh***@bank.cn`. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1))}***${email.slice(at)}`;
}

/** Masks a phone number keeping the first 3 and last 4 digits: `138****5678`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 7) return '***';
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Masks a person's name to its first character: 张三 → 张*. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

/** Masks an ID number keeping the first 6 and last 4 characters. */
export function maskIdNumber(id: string): string {
  return id.length <= 10 ? '***' : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** Masks an address after its first six characters (the district stays readable). */
export function maskAddress(address: string): string {
  return `${[...address].slice(0, 6).join('')}***`;
}
