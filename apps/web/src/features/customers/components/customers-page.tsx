import { useState } from 'react';
import { App, Button, Card, Empty, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CustomerFormModal } from '@/components/customer-form-modal';
import { useCan } from '@/lib/auth';
import { useCustomerSearch, type CustomerSearch } from '@/lib/customers';
import { useOrgUnits } from '@/lib/org-units';
import { CustomerDrawer } from './customer-drawer';
import { CustomerSearchBar } from './customer-search-bar';
import { CustomersTable } from './customers-table';

/** 客户管理: find a customer by name, phone, USCC or ID number; open one; register a new one. */
export function CustomersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('customers.manage');
  const [search, setSearch] = useState<CustomerSearch>();
  const { data = [], isFetching } = useCustomerSearch(search);
  const { data: units = [] } = useOrgUnits();
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const orgName = (id: string) => units.find((u) => u.id === id)?.name ?? t('common.none');

  return (
    <Card
      title={t('nav.customers')}
      extra={
        canManage && (
          <Button id="customers-create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('customers.create')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <CustomerSearchBar onSearch={setSearch} />
        {search ? (
          <CustomersTable customers={data} loading={isFetching} orgName={orgName} onOpen={(c) => setOpenId(c.id)} />
        ) : (
          <Empty description={t('customers.searchFirst')} />
        )}
      </Flex>
      {openId && <CustomerDrawer id={openId} orgName={orgName} onClose={() => setOpenId(undefined)} />}
      {creating && (
        <CustomerFormModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            void message.success(t('customers.created'));
            setOpenId(c.id);
          }}
        />
      )}
    </Card>
  );
}
