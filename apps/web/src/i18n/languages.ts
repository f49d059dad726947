/** The console's languages; zh-CN is the default. Labels are shown in their own language. */
export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'zh-TW', label: '繁體中文' },
  { code: 'en', label: 'English' },
] as const;

export type Lang = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_STORAGE_KEY = 'loopdesk.lang';

export function isLang(value: unknown): value is Lang {
  return LANGUAGES.some((l) => l.code === value);
}
