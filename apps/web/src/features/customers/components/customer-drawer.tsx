import { Alert, Descriptions, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '@/lib/auth';
import { useCustomer, type TCustomerDetail } from '@/lib/customers';
import { formatDateTime } from '@/lib/format';
import { useCustomerCases } from '../api';

interface Props {
  id: string;
  orgName: (id: string) => string;
  onClose: () => void;
}

function CustomerFacts({ c, orgName }: { c: TCustomerDetail; orgName: (id: string) => string }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const v = (x: string | null) => x ?? none;
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('customers.name')}>{c.name}</Descriptions.Item>
      <Descriptions.Item label={t('customers.type')}>{t(`customerType.${c.type}`)}</Descriptions.Item>
      {c.type === 'enterprise' ? (
        <>
          <Descriptions.Item label={t('customers.uscc')}>{v(c.uscc)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.legalRepresentative')}>{v(c.legalRepresentative)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.industry')}>{v(c.industry)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.size')}>{c.size ? t(`enterpriseSize.${c.size}`) : none}</Descriptions.Item>
          <Descriptions.Item label={t('customers.creditRating')}>{v(c.creditRating)}</Descriptions.Item>
        </>
      ) : (
        <Descriptions.Item label={t('customers.idNumber')}>{v(c.idNumber)}</Descriptions.Item>
      )}
      <Descriptions.Item label={t('customers.valueTier')}>{c.valueTier ? t(`valueTier.${c.valueTier}`) : none}</Descriptions.Item>
      <Descriptions.Item label={t('customers.phone')}>{v(c.phone)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.email')}>{v(c.email)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.address')}>{v(c.address)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.orgUnit')}>{orgName(c.orgUnitId)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.createdAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}

function CustomerCases({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const canRead = useCan('cases.read');
  const { data } = useCustomerCases(customerId, canRead);
  if (!canRead) return null;
  return (
    <List
      header={<Typography.Text strong>{t('customers.cases')}</Typography.Text>}
      size="small"
      dataSource={data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noCases')} /> }}
      renderItem={(c) => (
        <List.Item>
          <Space>
            <Link to={`/cases/${c.id}`}>{c.number}</Link>
            <Typography.Text ellipsis style={{ maxWidth: 260 }}>
              {c.title}
            </Typography.Text>
            <Tag>{t(`caseStatus.${c.status}`)}</Tag>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** One customer in full for those who may read personal data (the server audits the read), masked otherwise. */
export function CustomerDrawer({ id, orgName, onClose }: Props) {
  const { t } = useTranslation();
  const { data: c, isPending } = useCustomer(id);
  return (
    <Drawer open size={560} title={c?.displayName ?? t('customers.detail')} onClose={onClose} loading={isPending} id="customer-drawer">
      {c && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {c.piiMasked ? <Alert type="info" showIcon title={t('customers.maskedHint')} /> : <Alert type="warning" showIcon title={t('customers.unmaskedHint')} />}
          <CustomerFacts c={c} orgName={orgName} />
          {c.contacts.length > 0 && (
            <List
              header={<Typography.Text strong>{t('customers.contacts')}</Typography.Text>}
              size="small"
              dataSource={c.contacts}
              renderItem={(p) => (
                <List.Item>
                  {[p.name, p.title, p.phone, p.email].filter(Boolean).join(' · ')}
                </List.Item>
              )}
            />
          )}
          <CustomerCases customerId={c.id} />
        </Space>
      )}
    </Drawer>
  );
}
