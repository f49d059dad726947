import { useDeferredValue, useState } from 'react';
import { Button, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCustomer } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { guessCustomerSearch, useCustomerSearch } from '@/lib/customers';
import { CustomerFormModal } from './customer-form-modal';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
}

/** How a customer reads in a list: name, then the code that tells namesakes apart (masked). */
export function customerLabel(c: TCustomer): string {
  const key = c.type === 'enterprise' ? c.uscc : (c.idNumber ?? c.phone);
  return key ? `${c.displayName} · ${key}` : c.displayName;
}

/**
 * Picks a customer by name, phone, USCC or ID number (one box; the kind of text decides the
 * look-up), with 新建客户 beside it for those who may register customers.
 */
export function CustomerSelect({ id, value, onChange }: Props) {
  const { t } = useTranslation();
  const canCreate = useCan('customers.manage');
  const [text, setText] = useState('');
  const search = guessCustomerSearch(useDeferredValue(text));
  const { data: found = [], isFetching } = useCustomerSearch(search);
  const [creating, setCreating] = useState(false);
  // The customer chosen or created stays labelled when the search moves on.
  const [chosen, setChosen] = useState<TCustomer>();
  const options = found.map((c) => ({ value: c.id, label: customerLabel(c) }));
  if (chosen && !options.some((o) => o.value === chosen.id)) options.unshift({ value: chosen.id, label: customerLabel(chosen) });

  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          id={id}
          value={value ?? undefined}
          onChange={(v: string | undefined) => {
            setChosen(found.find((c) => c.id === v) ?? (chosen?.id === v ? chosen : undefined));
            onChange?.(v);
          }}
          showSearch={{ filterOption: false, onSearch: setText }}
          allowClear
          loading={isFetching}
          placeholder={t('customers.pickerPlaceholder')}
          notFoundContent={search ? t('customers.noneFound') : t('customers.typeToSearch')}
          options={options}
          style={{ flex: 1 }}
        />
        {canCreate && (
          <Button id="customer-create-inline" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('customers.create')}
          </Button>
        )}
      </Space.Compact>
      {creating && (
        <CustomerFormModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setChosen(c);
            onChange?.(c.id);
          }}
        />
      )}
    </>
  );
}
