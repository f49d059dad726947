import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage, setLanguage, type Lang } from '@/i18n';

/**
 * Three always-visible options, so switching is one click (and one click in browser tests):
 * #lang-switch is the control, #lang-zh-CN / #lang-zh-TW / #lang-en (also data-testid) the options.
 */
export function LanguageSwitch() {
  // useTranslation re-renders this on every language change.
  const { t } = useTranslation();
  const value = currentLanguage();
  return (
    <Segmented<Lang>
      id="lang-switch"
      aria-label={t('lang.label')}
      size="small"
      value={value}
      onChange={(lang) => void setLanguage(lang)}
      options={LANGUAGES.map((l) => ({
        value: l.code,
        label: (
          <span id={`lang-${l.code}`} data-testid={`lang-${l.code}`} lang={l.code}>
            {l.label}
          </span>
        ),
      }))}
    />
  );
}
