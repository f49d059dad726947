import { useTranslation } from 'react-i18next';
import { TEMPLATE_KINDS, TEMPLATE_LOCALES, type TemplateKind, type TemplateLocale } from '@loopdesk/core';

/** How the console names template kinds and languages, and the options to pick them from. */
export function useTemplateLabels() {
  const { t } = useTranslation();
  const kindLabel = (kind: TemplateKind) => t(`templateAdmin.kind.${kind}`);
  // The case pages' names for a template's language.
  const localeLabel = (locale: TemplateLocale) => t(`templates.locale_${locale}`);
  return {
    kindLabel,
    localeLabel,
    kindOptions: TEMPLATE_KINDS.map((k) => ({ value: k, label: kindLabel(k) })),
    localeOptions: TEMPLATE_LOCALES.map((l) => ({ value: l, label: localeLabel(l) })),
  };
}
