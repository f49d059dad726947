import type { CSSProperties } from 'react';
import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { useUserLookup } from '@/lib/users-lookup';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}

/** Picks one staff member, searching the server by username or name as the user types. */
export function UserSelect({ id, value, onChange, placeholder, allowClear, style }: Props) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const { data: users = [], isFetching } = useUserLookup(q);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={placeholder}
      allowClear={allowClear}
      style={style ?? { width: '100%' }}
      options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
    />
  );
}
