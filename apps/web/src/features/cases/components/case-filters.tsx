import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS, CHANNELS, PRIORITIES, type CaseStatus } from '@loopdesk/core';
import type { CaseFilters as Filters } from '../api';

interface Props {
  value: Filters;
  /** The statuses the queue holds (QUEUE_STATUSES): the status filter offers only these. */
  statuses: readonly CaseStatus[];
  onChange: (next: Filters) => void;
}

/** Search by number or words, and narrow by status, kind, channel and priority. */
export function CaseFilters({ value, statuses, onChange }: Props) {
  const { t } = useTranslation();
  const select = <K extends 'status' | 'kind' | 'channel' | 'priority'>(
    key: K,
    values: readonly NonNullable<Filters[K]>[],
    label: (v: NonNullable<Filters[K]>) => string,
    width: number,
  ) => (
    <Select<NonNullable<Filters[K]>>
      id={`case-filter-${key}`}
      allowClear
      placeholder={t(`cases.${key}`)}
      value={value[key] ?? undefined}
      onChange={(v) => onChange({ ...value, [key]: v })}
      options={values.map((v) => ({ value: v, label: label(v) }))}
      style={{ width }}
    />
  );
  return (
    <Space wrap>
      <Input.Search
        id="case-search"
        key={value.q ?? ''}
        allowClear
        enterButton
        placeholder={t('cases.searchPlaceholder')}
        defaultValue={value.q}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        style={{ width: 300 }}
      />
      {select('status', statuses, (s) => t(`caseStatus.${s}`), 130)}
      {select('kind', CASE_KINDS, (k) => t(`caseKind.${k}`), 110)}
      {select('channel', CHANNELS, (c) => t(`channel.${c}`), 130)}
      {select('priority', PRIORITIES, (p) => t(`priority.${p}`), 110)}
    </Space>
  );
}
