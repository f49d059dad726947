import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { NavEntry } from '@/config/navigation';

const ICONS: Record<NavEntry['key'], typeof DashboardOutlined> = {
  overview: DashboardOutlined,
  org: ApartmentOutlined,
  users: TeamOutlined,
  grants: SafetyCertificateOutlined,
  audit: AuditOutlined,
};

export function NavIcon({ entry }: { entry: NavEntry['key'] }) {
  const Icon = ICONS[entry];
  return <Icon />;
}
