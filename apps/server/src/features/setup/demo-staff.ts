import type { Role } from '@loopdesk/core';

/** A demo account: the admin role works no cases by design, so the demo needs people who do. */
export interface DemoStaffMember {
  username: string;
  displayName: string;
  roles: Role[];
  /** A unit code of the demo institution. */
  orgCode: string;
}

/**
 * The demo institution's staff, one demo password for all. Handlers sit in a sub-branch, leads
 * at their branch (they assign and supervise everything under it), the consumer-protection
 * officer at head office sees every case, the risk officer only the cases a sub-task grants.
 */
export const DEMO_STAFF: readonly DemoStaffMember[] = [
  { username: 'bj.handler', displayName: '李明（海淀支行）', roles: ['handler'], orgCode: 'BJ-HD' },
  { username: 'bj.lead', displayName: '王芳（北京分行）', roles: ['team_lead'], orgCode: 'BJ' },
  { username: 'sh.handler', displayName: '陈磊（浦东支行）', roles: ['handler'], orgCode: 'SH-PD' },
  { username: 'sh.lead', displayName: '周静（上海分行）', roles: ['team_lead'], orgCode: 'SH' },
  { username: 'ho.cp', displayName: '赵敏（总行消保）', roles: ['consumer_protection'], orgCode: 'HO' },
  { username: 'ho.risk', displayName: '孙强（风险管理部）', roles: ['risk_officer'], orgCode: 'HO-RISK' },
  { username: 'auditor', displayName: '吴涛（审计）', roles: ['auditor'], orgCode: 'HO' },
];
