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
