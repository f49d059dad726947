import { Select } from 'antd';
import { useDepartments } from '@/lib/departments';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

/** Picks one of the institution's departments (risk, legal, credit approval, …), searchable by name. */
export function DepartmentSelect({ id, value, onChange }: Props) {
  const { data, isLoading } = useDepartments();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={(data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      style={{ width: '100%' }}
    />
  );
}
