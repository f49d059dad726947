import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseSearch } from '../api';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The case being acted on: never offered as its own target. */
  excludeId: string;
}

/** Picks an open case by its number (or words of its title). */
export function CaseSearchSelect({ id, value, onChange, excludeId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDeferredValue(text.trim());
  const { data = [], isFetching } = useCaseSearch(q);
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      loading={isFetching}
      placeholder={t('cases.mergeTargetPlaceholder')}
      notFoundContent={q ? t('cases.noCaseFound') : t('cases.typeCaseNumber')}
      options={data.filter((c) => c.id !== excludeId).map((c) => ({ value: c.id, label: `${c.number} · ${c.title}` }))}
    />
  );
}
