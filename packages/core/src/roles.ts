/** Staff roles of DESIGN.md §3. The server maps roles to permissions; this list is the vocabulary. */
export const ROLES = [
  'agent',
  'handler',
  'team_lead',
  'branch_manager',
  'consumer_protection',
  'risk_officer',
  'legal_officer',
  'expert',
  'auditor',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/** True when `value` names a known role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
