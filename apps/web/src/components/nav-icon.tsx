import {
  ApartmentOutlined,
  AuditOutlined,
  AlertOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ContactsOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FilterOutlined,
  FireOutlined,
  TagsOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
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
  triageQueue: FilterOutlined,
  hotTopics: FireOutlined,
  triageModels: ExperimentOutlined,
  triageRules: TagsOutlined,
  customers: ContactsOutlined,
  org: ApartmentOutlined,
  users: TeamOutlined,
  grants: SafetyCertificateOutlined,
  calendar: CalendarOutlined,
  slaPolicy: FieldTimeOutlined,
  teams: UsergroupAddOutlined,
  assignmentRules: BranchesOutlined,
  majorRules: AlertOutlined,
  templates: FileTextOutlined,
  audit: AuditOutlined,
};

export function NavIcon({ entry }: { entry: NavEntry['key'] }) {
  const Icon = ICONS[entry];
  return <Icon />;
}
