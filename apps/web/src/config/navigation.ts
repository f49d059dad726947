/** The console's pages with the permission each needs; the menu and the overview cards read this. */
export interface NavEntry {
  key: 'overview' | 'org' | 'users' | 'grants' | 'audit';
  path: string;
  /** Permission needed to see the page; none means every signed-in user. */
  permission?: string;
  /** i18n key of the card text on the overview page. */
  descKey?: string;
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'overview', path: '/' },
  { key: 'org', path: '/admin/org', permission: 'org.read', descKey: 'overview.orgDesc' },
  { key: 'users', path: '/admin/users', permission: 'users.read', descKey: 'overview.usersDesc' },
  { key: 'grants', path: '/admin/grants', permission: 'grants.read', descKey: 'overview.grantsDesc' },
  { key: 'audit', path: '/audit', permission: 'audit.read', descKey: 'overview.auditDesc' },
];

/** The entries `permissions` allow. */
export function allowedNav(permissions: readonly string[]): NavEntry[] {
  return NAV_ENTRIES.filter((e) => !e.permission || permissions.includes(e.permission));
}
