import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';
import { en } from './en';
import { DEFAULT_LANG, LANG_STORAGE_KEY, isLang, type Lang } from './languages';

export { LANGUAGES, type Lang } from './languages';

const DAYJS_LOCALES: Record<Lang, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

function storedLanguage(): Lang {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

function applyLanguage(lang: Lang): void {
  dayjs.locale(DAYJS_LOCALES[lang]);
  document.documentElement.lang = lang;
}

const initial = storedLanguage();
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zhCN },
    'zh-TW': { translation: zhTW },
    en: { translation: en },
  },
  lng: initial,
  fallbackLng: DEFAULT_LANG,
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The current language, narrowed to one the console knows. */
export function currentLanguage(): Lang {
  return isLang(i18n.language) ? i18n.language : DEFAULT_LANG;
}

/** Switches the language everywhere (texts, antd via the provider, dayjs) and remembers it. */
export async function setLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this page.
  }
  applyLanguage(lang);
  await i18n.changeLanguage(lang);
}

export { i18n };
