import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCaseDetail } from '@loopdesk/core';
import { currentLanguage } from '@/i18n';
import { useCategories } from '@/lib/categories';
import { categoryPath } from '@/lib/category-tree';
import { formatDateTime, formatDeadline, formatYuan } from '@/lib/format';
import { useCan } from '@/lib/auth';
import { useOrgUnits } from '@/lib/org-units';
import { CustomerDrawer } from '@/features/customers/components/customer-drawer';
import { useUserNames } from '@/lib/users-lookup';
import { dueState } from '../due';
import { CaseActions } from './case-actions';
import { CaseClocks } from './case-clocks';
import { DueBadge, MajorTag, PriorityTag, RiskFlags, SlaBadge, StatusTag } from './case-tags';

/** Number, state, deadline and the actions open now; below, what the case is about. */
export function CaseHeader({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const nameOf = useUserNames();
  const { data: units = [] } = useOrgUnits();
  const { data: categories = [] } = useCategories();
  const none = t('common.none');
  const label = (prefix: string, v: string | null) => (v ? t(`${prefix}.${v}`, { defaultValue: v }) : none);
  const person = (id: string | null) => (id ? (nameOf(id) ?? t('cases.someone')) : none);
  // The customer's record opens beside the case: in full (and audited) for staff who may read it.
  const canSeeCustomers = useCan('customers.read');
  const [customerOpen, setCustomerOpen] = useState(false);
  const orgName = (id: string) => units.find((u) => u.id === id)?.name ?? none;

  return (
    <Card>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <Space orientation="vertical" size={4}>
          <Space wrap align="center">
            <Typography.Title level={4} style={{ margin: 0 }} id="case-number" copyable>
              {detail.number}
            </Typography.Title>
            <StatusTag status={detail.status} />
            <Tag>{t(`caseKind.${detail.kind}`)}</Tag>
            <PriorityTag priority={detail.priority} />
            <MajorTag major={detail.major} />
            <RiskFlags flags={detail.riskFlags} />
          </Space>
          <Typography.Text strong id="case-title">
            {detail.title}
          </Typography.Text>
          <Space size={8} wrap>
            <Typography.Text type="secondary">{t('cases.regulatoryDue')}</Typography.Text>
            <DueBadge dueAt={detail.regulatoryDueAt} provisional={detail.regulatoryDueProvisional} status={detail.status} suspendedSince={detail.regulatorySuspendedSince} reviewDueAt={detail.reviewDueAt} />
            {dueState(detail.regulatoryDueAt, detail.status, new Date(), !!detail.reviewDueAt).tone !== 'done' && detail.regulatoryDueAt && (
              <Typography.Text type="secondary">{formatDeadline(detail.regulatoryDueAt)}</Typography.Text>
            )}
            <Typography.Text type="secondary">{t('sla.column')}</Typography.Text>
            <SlaBadge status={detail.slaStatus} dueAt={detail.slaDueAt} />
          </Space>
        </Space>
        <CaseActions detail={detail} />
      </Flex>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('cases.customer')}>
          {detail.customerId && canSeeCustomers ? (
            <Button type="link" size="small" id="case-customer" style={{ padding: 0, height: 'auto' }} onClick={() => setCustomerOpen(true)}>
              {detail.customerName ?? t('cases.someone')}
            </Button>
          ) : (
            (detail.customerName ?? none)
          )}
          {customerOpen && detail.customerId && <CustomerDrawer id={detail.customerId} orgName={orgName} onClose={() => setCustomerOpen(false)} />}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.channel')}>{t(`channel.${detail.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.receivedAt')}>{formatDateTime(detail.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.assignee')}>{detail.assigneeId ? person(detail.assigneeId) : t('cases.unassigned')}</Descriptions.Item>
        <Descriptions.Item label={t('cases.owner')}>{person(detail.ownerId)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.orgUnit')}>{orgName(detail.orgUnitId)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.category')}>
          <span id="case-category">{detail.categoryId ? (categoryPath(categories, detail.categoryId, currentLanguage() === 'en') ?? none) : none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.businessLine')}>{label('businessLine', detail.businessLine)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.jrBusinessCategory')}>{label('jrBusinessCategory', detail.jrBusinessCategory)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.jrCause')}>{label('jrCause', detail.jrCause)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.timing')}>{label('timing', detail.timing)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.amountInvolved')}>{formatYuan(detail.amountInvolved)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.customerRequest')}>{detail.customerRequest ?? none}</Descriptions.Item>
        {detail.regulatorRef && <Descriptions.Item label={t('cases.regulatorRef')}>{detail.regulatorRef}</Descriptions.Item>}
        {detail.regulatorDeadline && <Descriptions.Item label={t('cases.regulatorDeadline')}>{formatDeadline(detail.regulatorDeadline)}</Descriptions.Item>}
        {detail.backDateReason && <Descriptions.Item label={t('cases.backDateReason')}>{detail.backDateReason}</Descriptions.Item>}
        {detail.staffComplainedAbout.length > 0 && (
          <Descriptions.Item label={t('cases.staffComplainedAbout')}>{detail.staffComplainedAbout.map((id) => person(id)).join('、')}</Descriptions.Item>
        )}
      </Descriptions>
      <div style={{ marginTop: 16 }}>
        <CaseClocks detail={detail} />
      </div>
    </Card>
  );
}
