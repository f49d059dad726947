import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCustomer } from '@loopdesk/core';
import { formatShortDateTime } from '@/lib/format';

interface Props {
  customers: TCustomer[];
  loading: boolean;
  orgName: (id: string) => string;
  onOpen: (customer: TCustomer) => void;
}

export function CustomersTable({ customers, loading, orgName, onOpen }: Props) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Table<TCustomer>
      id="customers-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={customers}
      pagination={false}
      scroll={{ x: 1000 }}
      onRow={(c) => ({ onClick: () => onOpen(c), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('customers.name'), dataIndex: 'displayName', fixed: 'start' },
        { title: t('customers.type'), dataIndex: 'type', width: 90, render: (v: TCustomer['type']) => <Tag>{t(`customerType.${v}`)}</Tag> },
        { title: t('customers.code'), key: 'code', render: (_v, c) => (c.type === 'enterprise' ? c.uscc : c.idNumber) ?? none },
        { title: t('customers.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? none },
        { title: t('customers.valueTier'), dataIndex: 'valueTier', width: 100, render: (v: TCustomer['valueTier']) => (v ? t(`valueTier.${v}`) : none) },
        { title: t('customers.orgUnit'), dataIndex: 'orgUnitId', render: (id: string) => orgName(id) },
        { title: t('customers.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatShortDateTime(v) },
      ]}
    />
  );
}
