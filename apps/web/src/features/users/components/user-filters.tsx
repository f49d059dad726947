import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, USER_STATUSES, type Role } from '@loopdesk/core';
import { OrgUnitTreeSelect } from '@/components/org-unit-tree-select';
import type { UserFilters as Filters } from '../api';

type FilterValues = Omit<Filters, 'limit' | 'offset'>;

interface Props {
  value: FilterValues;
  onChange: (next: FilterValues) => void;
}

export function UserFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Input.Search
        id="users-search"
        allowClear
        placeholder={t('users.searchPlaceholder')}
        defaultValue={value.q}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        style={{ width: 220 }}
      />
      <OrgUnitTreeSelect
        allowClear
        placeholder={t('users.orgUnit')}
        value={value.orgUnitId}
        onChange={(orgUnitId) => onChange({ ...value, orgUnitId })}
        style={{ width: 240 }}
      />
      <Select<Role>
        allowClear
        placeholder={t('users.roles')}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        style={{ width: 160 }}
      />
      <Select<(typeof USER_STATUSES)[number]>
        allowClear
        placeholder={t('users.status')}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
        style={{ width: 120 }}
      />
    </Space>
  );
}
