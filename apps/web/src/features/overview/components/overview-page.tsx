import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allowedNav, navLabelKey } from '@/config/navigation';
import { NavIcon } from '@/components/nav-icon';
import { useCurrentUser } from '@/lib/auth';
import { CalendarWarning } from '@/features/calendar/components/calendar-warning';
import { WorkbenchCounts } from './workbench-counts';

/** 工作台: who the user is, the counts of the queues that matter to their roles, and the pages their permissions open. */
export function OverviewPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const links = allowedNav(me.permissions).filter((e) => e.descKey);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} id="overview-greeting" style={{ marginTop: 0 }}>
          {t('overview.greeting', { name: me.displayName })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('overview.institution')}>{me.institutionName}</Descriptions.Item>
          <Descriptions.Item label={t('overview.orgUnit')}>{me.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('overview.roles')}>
            <span id="overview-roles">
              {me.roles.map((r) => (
                <Tag key={r} color="red">
                  {t(`roles.${r}`)}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <CalendarWarning />
      <WorkbenchCounts />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('overview.quickLinks')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((e) => (
          <Col key={e.key} xs={24} sm={12} lg={8} xl={6}>
            <Link to={e.path} data-testid={`overview-card-${e.key}`}>
              <Card hoverable>
                <Card.Meta avatar={<NavIcon entry={e.key} />} title={t(navLabelKey(e))} description={t(e.descKey ?? '')} />
              </Card>
            </Link>
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8} xl={6}>
          <Link to="/account" data-testid="overview-card-account">
            <Card hoverable>
              <Card.Meta avatar={<UserOutlined />} title={t('nav.account')} description={t('overview.accountDesc')} />
            </Card>
          </Link>
        </Col>
      </Row>
    </Space>
  );
}
