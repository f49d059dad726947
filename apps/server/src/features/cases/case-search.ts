import { maskName } from '@loopdesk/core';
import { defaultSegmenter, maskPii, PII_PLACEHOLDERS } from '@loopdesk/triage';
import type { FieldCipher } from '../../platform/field-cipher';

// PostgreSQL cannot segment Chinese, so jieba does it here and the database only matches
// tokens, in a 'simple' tsvector. Documents are indexed with the parts of long words too, so
// that a query's word finds a longer one; queries are cut plainly (all their words must match).
// Personal data becomes a placeholder on both sides, so no fragment of a phone or ID number
// is ever a search term.

/** Index tokens of a text, space-separated, with personal data replaced by placeholders. */
export function indexTokens(text: string): string {
  return defaultSegmenter().searchWords(maskPii(text, { style: 'placeholder' })).join(' ');
}

/** Query tokens of what a user typed, space-separated, personal data left out entirely. */
export function queryTokens(query: string): string {
  let text = maskPii(query, { style: 'placeholder' });
  for (const placeholder of Object.values(PII_PLACEHOLDERS)) text = text.replaceAll(placeholder, ' ');
  return defaultSegmenter().words(text).join(' ');
}

/**
 * The names of people (the customer, a legal representative, a contact) masked in a text, longest
 * first so that a full name goes before a part of it; a name of one character is left (it would
 * mask words). The masked copy of a case's text is `maskPii` of this; its search words are
 * `indexTokens` of it (personal data as placeholders, no fragment of a number indexed).
 */
export function namesMasker(names: readonly (string | null | undefined)[]): (text: string) => string {
  const known = names.filter((n): n is string => !!n && [...n.trim()].length >= 2).map((n) => n.trim());
  known.sort((a, b) => b.length - a.length);
  return (text) => known.reduce((masked, name) => masked.replaceAll(name, maskName(name)), text);
}

/**
 * A letter kept sealed with its masked copy beside it, as a reader sees it: as written for one who
 * may read personal data, else the copy. A letter from before letters were sealed (no sealed
 * text yet) is masked here.
 */
export function letterAsRead(cipher: FieldCipher, copy: string, sealed: string | null, aad: string, unmask: boolean): { letter: string; masked: boolean } {
  if (!unmask) return { letter: sealed ? copy : maskPii(copy), masked: true };
  return { letter: sealed ? cipher.open(sealed, aad) : copy, masked: false };
}
