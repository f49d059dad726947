import type { CSSProperties } from 'react';
import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCanLookUpStaff, useUserLookup } from '@/lib/users-lookup';

interface BaseProps {
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}

interface SingleProps extends BaseProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Only staff of this unit and the units below it (a sub-task's department). */
  orgUnitId?: string;
  disabled?: boolean;
}

interface MultipleProps extends BaseProps {
  value?: string[];
  onChange?: (value: string[]) => void;
}

/**
 * Staff matching what is typed (of one unit, when given), and those selected; empty and disabled
 * for users who may not look colleagues up.
 */
function useUserOptions(selected: readonly string[], orgUnitId?: string) {
  const { t } = useTranslation();
  const canList = useCanLookUpStaff();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const { data: users = [], isFetching } = useUserLookup(q, canList, orgUnitId);
  // Labels of people picked earlier, so a selection keeps its name after the search changes.
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const options = users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  const shown = new Set(options.map((o) => o.value));
  for (const value of selected) {
    const label = picked.get(value);
    if (label && !shown.has(value)) options.push({ value, label });
  }
  const remember = (ids: readonly string[]) =>
    setPicked((prev) => {
      const next = new Map(prev);
      for (const o of options) if (ids.includes(o.value)) next.set(o.value, o.label);
      return next;
    });
  return {
    canList,
    noLookup: t('common.noUserLookup'),
    loading: isFetching,
    onSearch: setSearch,
    options,
    remember,
  };
}

/** Picks one staff member, searching the server by username or name as the user types. */
export function UserSelect({ id, value, onChange, placeholder, allowClear, style, orgUnitId, disabled }: SingleProps) {
  const o = useUserOptions(value ? [value] : [], orgUnitId);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => {
        if (v) o.remember([v]);
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: o.onSearch }}
      loading={o.loading}
      disabled={!o.canList || disabled}
      placeholder={o.canList ? placeholder : o.noLookup}
      allowClear={allowClear}
      style={style ?? { width: '100%' }}
      options={o.options}
    />
  );
}

/** Picks several staff members (e.g. the staff a complaint is about). */
export function UsersSelect({ id, value, onChange, placeholder, style }: MultipleProps) {
  const o = useUserOptions(value ?? []);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(v: string[]) => {
        o.remember(v);
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: o.onSearch }}
      loading={o.loading}
      disabled={!o.canList}
      placeholder={o.canList ? placeholder : o.noLookup}
      style={style ?? { width: '100%' }}
      options={o.options}
    />
  );
}
