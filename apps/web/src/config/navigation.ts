import type { CASE_QUEUES } from '@loopdesk/core';

/** The case queues in menu order: the handler's own work first, everything last. */
export const CASE_QUEUE_VIEWS = ['mine', 'team', 'unassigned', 'new', 'due_soon', 'overdue', 'awaiting_customer', 'review_window_open', 'under_review', 'review_due_soon', 'open', 'all'] as const satisfies readonly (typeof CASE_QUEUES)[number][];
export type CaseQueueView = (typeof CASE_QUEUE_VIEWS)[number];

export function isCaseQueue(value: string | undefined): value is CaseQueueView {
  return CASE_QUEUE_VIEWS.some((q) => q === value);
}

export function caseQueuePath(queue: CaseQueueView): string {
  return `/cases/queue/${queue}`;
}

/** Menu groups; an entry without one is a top-level item. */
export type NavGroup = 'cases';

/** The console's pages with the permission each needs; the menu and the overview cards read this. */
export interface NavEntry {
  key: 'overview' | 'caseQueue' | 'newCase' | 'triageQueue' | 'hotTopics' | 'customers' | 'org' | 'users' | 'grants' | 'calendar' | 'slaPolicy' | 'teams' | 'assignmentRules' | 'majorRules' | 'templates' | 'audit' | 'triageModels' | 'triageRules';
  path: string;
  /** Permission needed to see the page; none means every signed-in user. */
  permission?: string;
  /** i18n key of the menu text; `nav.<key>` when none. */
  labelKey?: string;
  group?: NavGroup;
  /** i18n key of the card text on the overview page. */
  descKey?: string;
}

const queueEntries: NavEntry[] = CASE_QUEUE_VIEWS.map((queue) => ({
  key: 'caseQueue',
  path: caseQueuePath(queue),
  permission: 'cases.read',
  labelKey: `caseQueue.${queue}`,
  group: 'cases',
  ...(queue === 'mine' ? { descKey: 'overview.casesDesc' } : {}),
}));

export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'overview', path: '/' },
  ...queueEntries,
  { key: 'newCase', path: '/cases/new', permission: 'cases.intake', group: 'cases', descKey: 'overview.newCaseDesc' },
  { key: 'triageQueue', path: '/triage', permission: 'cases.read', group: 'cases' },
  { key: 'hotTopics', path: '/triage/hot-topics', permission: 'cases.read', group: 'cases' },
  { key: 'customers', path: '/customers', permission: 'customers.read', descKey: 'overview.customersDesc' },
  { key: 'org', path: '/admin/org', permission: 'org.read', descKey: 'overview.orgDesc' },
  { key: 'users', path: '/admin/users', permission: 'users.read', descKey: 'overview.usersDesc' },
  { key: 'grants', path: '/admin/grants', permission: 'grants.read', descKey: 'overview.grantsDesc' },
  { key: 'calendar', path: '/admin/calendar', permission: 'calendar.read', labelKey: 'calendar.nav', descKey: 'calendar.overviewDesc' },
  { key: 'slaPolicy', path: '/admin/sla-policy', permission: 'sla.manage', descKey: 'overview.slaPolicyDesc' },
  { key: 'teams', path: '/admin/teams', permission: 'teams.read', labelKey: 'assignment.navTeams', descKey: 'assignment.teamsDesc' },
  { key: 'assignmentRules', path: '/admin/assignment-rules', permission: 'assignment_rules.manage', labelKey: 'assignment.navRules', descKey: 'assignment.rulesDesc' },
  { key: 'majorRules', path: '/admin/major-case-rules', permission: 'major_rules.manage', labelKey: 'panel.nav', descKey: 'panel.navDesc' },
  { key: 'templates', path: '/admin/templates', permission: 'templates.manage', labelKey: 'templateAdmin.nav', descKey: 'templateAdmin.navDesc' },
  { key: 'audit', path: '/audit', permission: 'audit.read', descKey: 'overview.auditDesc' },
  { key: 'triageModels', path: '/admin/triage/models', permission: 'triage.manage' },
  { key: 'triageRules', path: '/admin/triage/rules', permission: 'triage.manage' },
];

/** The entries `permissions` allow. */
export function allowedNav(permissions: readonly string[]): NavEntry[] {
  return NAV_ENTRIES.filter((e) => !e.permission || permissions.includes(e.permission));
}

/** The i18n key of an entry's menu text. */
export function navLabelKey(entry: NavEntry): string {
  return entry.labelKey ?? `nav.${entry.key}`;
}
