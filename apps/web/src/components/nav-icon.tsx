import {
  ApartmentOutlined,
  AuditOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FormOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
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
  slaPolicy: FieldTimeOutlined,
  audit: AuditOutlined,
};

export function NavIcon({ entry }: { entry: NavEntry['key'] }) {
  const Icon = ICONS[entry];
  return <Icon />;
}
