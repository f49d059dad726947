import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { caseQueuePath } from '@/config/navigation';
import { NotFoundPage } from '@/components/status-pages';
import { FORCED_PASSWORD_PATH, RequireAuth, RequirePermission } from './guards';
import { PageSpin } from './page-spin';
import { AppShell } from './shell/app-shell';

/** One chunk per page: React.lazy over a named export. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = page(() => import('@/features/auth/components/login-page'), 'LoginPage');
const ForcedPasswordPage = page(
  () => import('@/features/account/components/forced-password-page'),
  'ForcedPasswordPage',
);
const AccountPage = page(() => import('@/features/account/components/account-page'), 'AccountPage');
const OverviewPage = page(() => import('@/features/overview/components/overview-page'), 'OverviewPage');
const OrgPage = page(() => import('@/features/org/components/org-page'), 'OrgPage');
const UsersPage = page(() => import('@/features/users/components/users-page'), 'UsersPage');
const GrantsPage = page(() => import('@/features/grants/components/grants-page'), 'GrantsPage');
const CalendarPage = page(() => import('@/features/calendar/components/calendar-page'), 'CalendarPage');
const SlaPolicyPage = page(() => import('@/features/sla/components/sla-policy-page'), 'SlaPolicyPage');
const TeamsPage = page(() => import('@/features/assignment/components/teams-page'), 'TeamsPage');
const AssignmentRulesPage = page(() => import('@/features/assignment/components/rules-page'), 'RulesPage');
const MajorRulesPage = page(() => import('@/features/panel/components/major-rules-page'), 'MajorRulesPage');
const TemplatesPage = page(() => import('@/features/templates/components/templates-page'), 'TemplatesPage');
const AuditPage = page(() => import('@/features/audit/components/audit-page'), 'AuditPage');
const CaseQueuePage = page(() => import('@/features/cases/components/case-queue-page'), 'CaseQueuePage');
const NewCasePage = page(() => import('@/features/cases/components/new-case-page'), 'NewCasePage');
const CasePage = page(() => import('@/features/cases/components/case-page'), 'CasePage');
const TriageQueuePage = page(() => import('@/features/triage/components/triage-queue-page'), 'TriageQueuePage');
const HotTopicsPage = page(() => import('@/features/triage/components/hot-topics-page'), 'HotTopicsPage');
const ModelsPage = page(() => import('@/features/triage/components/models-page'), 'ModelsPage');
const TriageRulesPage = page(() => import('@/features/triage/components/rules-page'), 'RulesPage');
const CustomersPage = page(() => import('@/features/customers/components/customers-page'), 'CustomersPage');

function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpin />}>{children}</Suspense>;
}

function guarded(permission: string, element: ReactNode) {
  return <RequirePermission permission={permission}>{element}</RequirePermission>;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Standalone>
        <LoginPage />
      </Standalone>
    ),
  },
  {
    path: FORCED_PASSWORD_PATH,
    element: (
      <RequireAuth>
        <Standalone>
          <ForcedPasswordPage />
        </Standalone>
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'cases', element: <Navigate to={caseQueuePath('mine')} replace /> },
      { path: 'cases/queue/:queue', element: guarded('cases.read', <CaseQueuePage />) },
      { path: 'cases/new', element: guarded('cases.intake', <NewCasePage />) },
      { path: 'cases/:id', element: guarded('cases.read', <CasePage />) },
      { path: 'triage', element: guarded('cases.read', <TriageQueuePage />) },
      { path: 'triage/hot-topics', element: guarded('cases.read', <HotTopicsPage />) },
      { path: 'admin/triage/models', element: guarded('triage.manage', <ModelsPage />) },
      { path: 'admin/triage/rules', element: guarded('triage.manage', <TriageRulesPage />) },
      { path: 'customers', element: guarded('customers.read', <CustomersPage />) },
      { path: 'admin/org', element: guarded('org.read', <OrgPage />) },
      { path: 'admin/users', element: guarded('users.read', <UsersPage />) },
      { path: 'admin/grants', element: guarded('grants.read', <GrantsPage />) },
      { path: 'admin/calendar', element: guarded('calendar.read', <CalendarPage />) },
      { path: 'admin/sla-policy', element: guarded('sla.manage', <SlaPolicyPage />) },
      { path: 'admin/teams', element: guarded('teams.read', <TeamsPage />) },
      { path: 'admin/assignment-rules', element: guarded('assignment_rules.manage', <AssignmentRulesPage />) },
      { path: 'admin/major-case-rules', element: guarded('major_rules.manage', <MajorRulesPage />) },
      { path: 'admin/templates', element: guarded('templates.manage', <TemplatesPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
