import type { BusinessLine, CaseKind, Channel, Priority } from '../cases/vocabulary';

/** Skills a team member may have; a rule may require one of them. */
export const SKILLS = ['project_finance', 'syndicated_loan', 'collateral', 'fees', 'english', 'regulatory', 'trade_finance', 'retail'] as const;
export type Skill = (typeof SKILLS)[number];

/** How a team hands out its cases. */
export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/** What a rule looks at; an empty or absent list matches anything. */
export interface RuleConditions {
  /** A category matches itself and every category below it. */
  categoryIds?: readonly string[];
  businessLines?: readonly BusinessLine[];
  /** An org unit matches itself and its subtree. */
  orgUnitIds?: readonly string[];
  priorities?: readonly Priority[];
  channels?: readonly Channel[];
  kinds?: readonly CaseKind[];
}

export interface AssignmentRule {
  id: string;
  name: string;
  /** Lower first. */
  position: number;
  active: boolean;
  conditions: RuleConditions;
  teamId: string;
  requiredSkill: Skill | null;
}

/** The facts of a case that rules look at. */
export interface RoutableCase {
  /** The case's category and its ancestors (any order). */
  categoryLineage: readonly string[];
  businessLine: string | null;
  /** Materialised org path `/root/…/unit/`. */
  orgPath: string;
  priority: string;
  channel: string;
  kind: string;
}

/** Why a condition of a rule failed, or which ones held: for the timeline and the rule tester. */
export type RuleMatch = { rule: AssignmentRule; matched: string[] } | undefined;

/** Which conditions of a rule a case fails (empty: the rule matches). */
export function failedConditions(c: RuleConditions, k: RoutableCase): string[] {
  const failed: string[] = [];
  const has = <T>(list: readonly T[] | undefined) => list !== undefined && list.length > 0;
  if (has(c.categoryIds) && !c.categoryIds!.some((id) => k.categoryLineage.includes(id))) failed.push('category');
  if (has(c.businessLines) && !(k.businessLine && (c.businessLines as readonly string[]).includes(k.businessLine))) failed.push('businessLine');
  if (has(c.orgUnitIds) && !c.orgUnitIds!.some((id) => k.orgPath.includes(`/${id}/`))) failed.push('orgUnit');
  if (has(c.priorities) && !(c.priorities as readonly string[]).includes(k.priority)) failed.push('priority');
  if (has(c.channels) && !(c.channels as readonly string[]).includes(k.channel)) failed.push('channel');
  if (has(c.kinds) && !(c.kinds as readonly string[]).includes(k.kind)) failed.push('kind');
  return failed;
}

/** The conditions a rule sets (for saying why it matched). */
export function setConditions(c: RuleConditions): string[] {
  const names: [keyof RuleConditions, string][] = [
    ['categoryIds', 'category'],
    ['businessLines', 'businessLine'],
    ['orgUnitIds', 'orgUnit'],
    ['priorities', 'priority'],
    ['channels', 'channel'],
    ['kinds', 'kind'],
  ];
  return names.filter(([key]) => (c[key]?.length ?? 0) > 0).map(([, name]) => name);
}

/** The first active rule, by position (then id, for a stable order), whose conditions all hold. */
export function matchRule(rules: readonly AssignmentRule[], k: RoutableCase): RuleMatch {
  const ordered = [...rules].filter((r) => r.active).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  for (const rule of ordered) {
    if (failedConditions(rule.conditions, k).length === 0) return { rule, matched: setConditions(rule.conditions) };
  }
  return undefined;
}

export interface TeamMember {
  userId: string;
  skills: readonly string[];
  /** Open cases assigned to this member now (least-loaded). */
  openCases: number;
}

export interface PickInput {
  strategy: AssignmentStrategy;
  /** In rotation order (the team's stored order). */
  members: readonly TeamMember[];
  requiredSkill: string | null;
  /** The staff complained about and their line managers. */
  recused: readonly string[];
  /** Whom the team's rotation reached last (round robin and ties continue after them). */
  lastAssignedId: string | null;
}

export type PickResult =
  | { ok: true; userId: string; why: string }
  | { ok: false; why: 'no_members' | 'no_member_with_skill' | 'all_recused' };

/**
 * Picks the member of a team to take a case: only members with the required skill who are not
 * recused; round robin takes the next eligible one after the last assigned (in team order);
 * least-loaded takes the one with the fewest open cases, a tie going to the one the rotation
 * reaches first. No eligible member: the case stays in the team's queue.
 */
export function pickMember(p: PickInput): PickResult {
  if (p.members.length === 0) return { ok: false, why: 'no_members' };
  const skilled = p.requiredSkill ? p.members.filter((m) => m.skills.includes(p.requiredSkill!)) : [...p.members];
  if (skilled.length === 0) return { ok: false, why: 'no_member_with_skill' };
  const eligible = new Set(skilled.filter((m) => !p.recused.includes(m.userId)).map((m) => m.userId));
  if (eligible.size === 0) return { ok: false, why: 'all_recused' };
  // The rotation: team order starting just after the last assigned member.
  const last = p.lastAssignedId ? p.members.findIndex((m) => m.userId === p.lastAssignedId) : -1;
  const rotation = [...p.members.slice(last + 1), ...p.members.slice(0, last + 1)].filter((m) => eligible.has(m.userId));
  if (p.strategy === 'round_robin') return { ok: true, userId: rotation[0]!.userId, why: 'round_robin' };
  const fewest = Math.min(...rotation.map((m) => m.openCases));
  const chosen = rotation.find((m) => m.openCases === fewest)!;
  return { ok: true, userId: chosen.userId, why: `least_loaded:${fewest}` };
}
