import type { Role } from '@loopdesk/core';

/**
 * What each role may do. Every route names one permission (or is public / needs only a
 * session); data is further limited to the caller's org subtree plus explicit grants.
 */
export const PERMISSIONS = {
  'org.read': ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor', 'admin'],
  'org.manage': ['admin'],
  'users.read': ['team_lead', 'branch_manager', 'consumer_protection', 'auditor', 'admin'],
  'users.manage': ['admin'],
  'users.read_pii': ['admin'],
  'grants.read': ['team_lead', 'branch_manager', 'consumer_protection', 'auditor', 'admin'],
  'grants.manage': ['team_lead', 'branch_manager', 'consumer_protection', 'admin'],
  'audit.read': ['auditor', 'admin'],
  'integrations.manage': ['admin'],
  'categories.manage': ['admin', 'consumer_protection'],
  /** Teams of case handlers: supervisors run the teams of their own subtree. */
  'teams.read': ['team_lead', 'branch_manager', 'consumer_protection', 'auditor', 'admin'],
  'teams.manage': ['team_lead', 'branch_manager', 'consumer_protection', 'admin'],
  /** The institution-wide assignment rules, like the category tree they route by. */
  'assignment_rules.manage': ['admin', 'consumer_protection'],
  /** The institution-wide major-case rules (重大投诉) and their default expert panels. */
  'major_rules.manage': ['admin', 'consumer_protection'],
  /** Giving an opinion as an expert-panel member (membership is checked per review). */
  'panel.opine': ['handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert'],
  'templates.manage': ['admin', 'consumer_protection'],
  /** The business calendar and working hours: consumer protection answers for the deadlines built on them. */
  'calendar.read': ['consumer_protection', 'admin'],
  'calendar.manage': ['admin'],
  /** Triage settings, keyword rules and model versions (retrain, roll back). */
  'triage.manage': ['admin', 'consumer_protection'],
  /** SLA policies: targets, warning fractions and the escalation chain. */
  'sla.manage': ['admin', 'consumer_protection'],
  'customers.read': ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'],
  'customers.read_pii': ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'],
  'customers.manage': ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'],
  'cases.read': ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert', 'auditor'],
  'cases.intake': ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'],
  /** Lifecycle actions; which role may take which action is the lifecycle table's to say. */
  'cases.work': ['agent', 'handler', 'team_lead', 'branch_manager', 'consumer_protection'],
  /** Deciding on regulatory-deadline extensions; the level each role may approve is core's mayApproveExtension. */
  'cases.approve_extension': ['team_lead', 'branch_manager', 'consumer_protection'],
  /** Sub-tasks are worked by the departments asked (risk, legal, credit, experts) too. */
  'tasks.work': ['handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The permissions a set of roles carries. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const [permission, allowed] of Object.entries(PERMISSIONS) as [Permission, readonly Role[]][]) {
    if (roles.some((r) => allowed.includes(r))) granted.add(permission);
  }
  return granted;
}
