import { Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateKind, TemplateLocale } from '@loopdesk/core';
import type { TemplateFilters as Filters } from '../api';
import { useTemplateLabels } from './template-labels';

/** Narrows the list to one kind and one language. */
export function TemplateFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const { t } = useTranslation();
  const { kindOptions, localeOptions } = useTemplateLabels();
  return (
    <Flex gap={12} wrap>
      <Select<TemplateKind>
        id="templates-filter-kind"
        allowClear
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        options={kindOptions}
        placeholder={t('templateAdmin.anyKind')}
        style={{ width: 200 }}
      />
      <Select<TemplateLocale>
        id="templates-filter-locale"
        allowClear
        value={value.locale}
        onChange={(locale) => onChange({ ...value, locale })}
        options={localeOptions}
        placeholder={t('templateAdmin.anyLocale')}
        style={{ width: 160 }}
      />
    </Flex>
  );
}
