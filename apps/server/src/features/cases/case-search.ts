import { defaultSegmenter, maskPii, PII_PLACEHOLDERS } from '@loopdesk/triage';

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
