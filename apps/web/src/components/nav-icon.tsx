import {
  ApartmentOutlined,
  AuditOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FormOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { NavEntry } from '@/config/navigation';

const ICONS: Record<NavEntry['key'], typeof DashboardOutlined> = {
  overview: DashboardOutlined,
  caseQueue: InboxOutlined,
  newCase: FormOutlined,
  customers: ContactsOutlined,
  org: ApartmentOutlined,
  users: TeamOutlined,
  grants: SafetyCertificateOutlined,
  calendar: CalendarOutlined,
  teams: UsergroupAddOutlined,
  assignmentRules: BranchesOutlined,
  audit: AuditOutlined,
};

export function NavIcon({ entry }: { entry: NavEntry['key'] }) {
  const Icon = ICONS[entry];
  return <Icon />;
}
