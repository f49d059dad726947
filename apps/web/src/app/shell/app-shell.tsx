import { Suspense, useState } from 'react';
import { Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { allowedNav } from '@/config/navigation';
import { NavIcon } from '@/components/nav-icon';
import { LanguageSwitch } from '@/components/language-switch';
import { useCurrentUser } from '@/lib/auth';
import { PageSpin } from '../page-spin';
import { UserMenu } from './user-menu';

const { Header, Sider, Content } = Layout;

/** The staff console frame: menu on the left, institution, language and user on top. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const entries = allowedNav(me.permissions);
  const selected = entries
    .filter((e) => (e.path === '/' ? pathname === '/' : pathname.startsWith(e.path)))
    .map((e) => e.path);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={216}>
        <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap' }}>
          {collapsed ? 'LD' : t('app.name')}
        </div>
        <Menu
          id="main-menu"
          theme="dark"
          mode="inline"
          selectedKeys={selected}
          onClick={({ key }) => void navigate(key)}
          items={entries.map((e) => ({ key: e.path, icon: <NavIcon entry={e.key} />, label: t(`nav.${e.key}`) }))}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size="middle">
            <Typography.Text strong id="institution-name">
              {me.institutionName}
            </Typography.Text>
            <Typography.Text type="secondary">{t('app.title')}</Typography.Text>
          </Space>
          <Space size="large">
            <LanguageSwitch />
            <UserMenu displayName={me.displayName} />
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
