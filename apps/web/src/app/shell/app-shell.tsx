import { Suspense, useState } from 'react';
import { Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { allowedNav, navLabelKey, type NavEntry, type NavGroup } from '@/config/navigation';
import { NavIcon } from '@/components/nav-icon';
import { LanguageSwitch } from '@/components/language-switch';
import { useCurrentUser } from '@/lib/auth';
import { PageSpin } from '../page-spin';
import { UserMenu } from './user-menu';
import { NotificationBell } from '@/features/notifications/components/notification-bell';

const { Header, Sider, Content } = Layout;

type MenuItem = NonNullable<MenuProps['items']>[number];
const GROUP_ICONS: Record<NavGroup, NavEntry['key']> = { cases: 'caseQueue' };

/** Menu items in entry order; entries of a group gather under one sub-menu where its first entry stands. */
function menuItems(entries: readonly NavEntry[], t: (key: string) => string): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<NavGroup, MenuItem[]>();
  for (const e of entries) {
    const item: MenuItem = { key: e.path, icon: e.group ? undefined : <NavIcon entry={e.key} />, label: t(navLabelKey(e)) };
    if (!e.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(e.group);
    if (!children) {
      children = [];
      groups.set(e.group, children);
      items.push({ key: `group:${e.group}`, icon: <NavIcon entry={GROUP_ICONS[e.group]} />, label: t(`nav.group.${e.group}`), children });
    }
    children.push(item);
  }
  return items;
}

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
          defaultOpenKeys={['group:cases']}
          onClick={({ key }) => void navigate(key)}
          items={menuItems(entries, t)}
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
            <NotificationBell />
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
