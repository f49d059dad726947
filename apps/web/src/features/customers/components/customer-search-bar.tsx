import { useState } from 'react';
import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_CRITERIA, type CustomerCriterion, type CustomerSearch } from '@/lib/customers';

/** One criterion at a time: part of an enterprise name, or an exact phone, USCC or ID number. */
export function CustomerSearchBar({ onSearch }: { onSearch: (search: CustomerSearch | undefined) => void }) {
  const { t } = useTranslation();
  const [criterion, setCriterion] = useState<CustomerCriterion>('q');
  return (
    <Space.Compact>
      <Select<CustomerCriterion>
        id="customer-criterion"
        value={criterion}
        onChange={setCriterion}
        options={CUSTOMER_CRITERIA.map((c) => ({ value: c, label: t(`customers.by_${c}`) }))}
        style={{ width: 150 }}
      />
      <Input.Search
        id="customer-search"
        allowClear
        enterButton={t('common.search')}
        placeholder={t(`customers.placeholder_${criterion}`)}
        onSearch={(text) => {
          const value = text.trim();
          onSearch(value ? { [criterion]: criterion === 'q' ? value : value.toUpperCase().replace(/[\s-]/g, '') } : undefined);
        }}
        style={{ width: 360 }}
      />
    </Space.Compact>
  );
}
