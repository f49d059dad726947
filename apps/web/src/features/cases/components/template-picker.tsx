import { Alert, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ANSWER_REPLY_TEMPLATE_CODE, blanksLeft, isRegulatedKind, type TCaseDetail, type TemplateKind, type TTemplate } from '@loopdesk/core';
import { useTemplates } from '../api';

interface Props {
  id: string;
  kind: TemplateKind;
  detail: Pick<TCaseDetail, 'categoryId' | 'kind'>;
  value: string | undefined;
  /** A template was picked (again, too). */
  onChange: (template: TTemplate) => void;
  placeholder?: string;
}

/**
 * The institution's templates that fit a case: active, of its category or of none, and not the
 * answer to an inquiry, suggestion or praise on a complaint; Chinese ones first (the customer's
 * language by default), then by title.
 */
export function fittingTemplates(templates: readonly TTemplate[], detail: Pick<TCaseDetail, 'categoryId' | 'kind'>): TTemplate[] {
  const complaint = isRegulatedKind(detail.kind);
  return templates
    .filter((t) => t.active && (t.categoryId === null || t.categoryId === detail.categoryId) && !(complaint && t.code === ANSWER_REPLY_TEMPLATE_CODE))
    .sort((a, b) => Number(b.locale === 'zh-CN') - Number(a.locale === 'zh-CN') || a.title.localeCompare(b.title, 'zh-CN'));
}

/** Chooses one of the institution's templates of a kind for this case (title, with its language). */
export function TemplatePicker({ id, kind, detail, value, onChange, placeholder }: Props) {
  const { t } = useTranslation();
  const { data = [] } = useTemplates(kind);
  const fitting = fittingTemplates(data, detail);
  return (
    <Select<string>
      id={id}
      value={value}
      placeholder={placeholder ?? t('templates.pick')}
      // onSelect: picking the template already chosen fills it in again.
      onSelect={(picked) => onChange(fitting.find((x) => x.id === picked)!)}
      options={fitting.map((x) => ({ value: x.id, label: `${x.title} · ${t(`templates.locale_${x.locale}`)}` }))}
      style={{ minWidth: 240 }}
      popupMatchSelectWidth={false}
    />
  );
}

/** The variables a filled template could not take from the case: the writer completes them. */
export function MissingVariables({ missing }: { missing: readonly string[] }) {
  const { t } = useTranslation();
  if (missing.length === 0) return null;
  const list = missing.map((v) => t(`templateAdmin.variable.${v}`, { defaultValue: v }).replace(/（.*$|\s*\(.*$/, '')).join('、');
  return <Alert data-testid="template-missing" type="warning" showIcon style={{ marginBottom: 8 }} title={t('templates.missing', { list })} />;
}

/** A form rule: no blank a template left (【…】) may remain in a text being sent. */
export function noBlanksRule(t: TFunction) {
  return {
    validator: async (_rule: unknown, text: string | undefined) => {
      const blanks = text ? blanksLeft(text) : [];
      if (blanks.length > 0) throw new Error(t('templates.blanksLeft', { blanks: blanks.join('、') }));
    },
  };
}
