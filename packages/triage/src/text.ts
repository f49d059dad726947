// Text normalisation shared by every feature extractor, so training and prediction see the same
// characters: full-width forms folded to half-width (NFKC), Latin letters lower-cased.

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const CJK_GLOBAL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;
/** A token worth keeping: it holds a letter, a digit or a CJK character (not only punctuation). */
const CONTENT = /[\p{L}\p{N}]/u;

/** NFKC-folds the text (全角 → half-width) and collapses runs of white space. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** True when a token carries content rather than punctuation or white space. */
export function isContentToken(token: string): boolean {
  return CONTENT.test(token);
}

export function containsCjk(text: string): boolean {
  return CJK.test(text);
}

/** Share of CJK characters among the letters of a text; decides Chinese vs English handling. */
export function cjkShare(text: string): number {
  const cjk = text.match(CJK_GLOBAL)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters === 0 ? 0 : cjk / letters;
}

const ENGLISH_STOPWORDS = new Set(
  'a an and are as at be been but by for from had has have he her his i in is it its me my of on or our she so that the their them they this to was we were which with you your'.split(' '),
);

/**
 * A simple English word tokenizer: lower case, letters and digits only, apostrophes dropped,
 * the commonest function words removed, and the `xxxx` redaction marks of CFPB-style exports
 * folded into one token.
 */
export function englishWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[a-z0-9]+(?:'[a-z]+)?/g)) {
    let word = match[0].replace(/'/g, '');
    if (/^x{2,}$/.test(word)) word = 'xxxx';
    else if (/^\d+$/.test(word)) word = '#';
    if (ENGLISH_STOPWORDS.has(word)) continue;
    words.push(word);
  }
  return words;
}

/**
 * The characters used for character n-grams: lower case, no white space or punctuation, and each
 * run of digits folded to '#' so that amounts and dates do not splinter the vocabulary.
 */
export function contentCharacters(text: string): string[] {
  const compact = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}*]+/gu, '')
    .replace(/\d+/g, '#');
  return [...compact];
}

/** Character n-grams of lengths minN..maxN over a character array. */
export function characterNgrams(chars: readonly string[], minN: number, maxN: number): string[] {
  const grams: string[] = [];
  const joined = chars.join('');
  // Slicing the string is several times faster than joining array slices; it is only exact when
  // every character is one UTF-16 unit (no characters outside the Basic Multilingual Plane).
  const bmpOnly = joined.length === chars.length;
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= chars.length; i++) grams.push(bmpOnly ? joined.slice(i, i + n) : chars.slice(i, i + n).join(''));
  }
  return grams;
}
