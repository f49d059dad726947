import {
  failedConditions,
  FINAL_STATUSES,
  matchRule,
  pickMember,
  type AssignmentRule,
  type AssignmentStrategy,
  type PickResult,
  type RoutableCase,
  type RuleConditions,
  type Skill,
  type TAssignmentRule,
  type TBulkAssignRequest,
  type TBulkAssignResult,
  type TCreateAssignmentRuleRequest,
  type TRuleTestResult,
  type TUpdateAssignmentRuleRequest,
} from '@loopdesk/core';
import type { assignmentRules, Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { OrderedRules } from '../../platform/ordered-rules';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { CategoriesService } from '../categories/categories.service';
import type { OrgService } from '../org/org.service';
import type { CasesService } from '../cases/cases.service';
import type { CaseRow } from '../cases/cases.repo';
import type { UsersService } from '../users/users.service';
import { assignmentRepo, assignmentRulesRepo, type RuleRow, type TeamRow } from './assignment.repo';
import { CASE_WORKING_ROLES, type TeamsService } from './teams.service';

/** Statuses whose cases no longer count towards a person's load. */
const NOT_OPEN = [...FINAL_STATUSES, 'resolved'];

/** What the rules and the team concluded for a case; nothing written yet. */
interface Placement {
  rule: RuleRow;
  matched: string[];
  teamId: string;
  strategy: AssignmentStrategy;
  pick: PickResult;
  /** The chosen person's unit, when the case must move there for them to see it. */
  moveTo?: { orgUnitId: string; orgPath: string };
}

/**
 * Assignment rules (ordered, admin-edited) and what they do when a case is accepted: the first
 * matching rule names a team, the team's strategy picks a member who has the required skill and
 * is not recused. Bulk assignment runs each case through the ordinary lifecycle.
 */
export class AssignmentService {
  constructor(
    private readonly deps: Deps,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly cases: CasesService,
    private readonly teams: TeamsService,
    private readonly org: OrgService,
    private readonly categories: CategoriesService,
  ) {
    this.rules = new OrderedRules(deps, audit, {
      repo: assignmentRulesRepo,
      actionPrefix: 'assignment_rule',
      objectType: 'assignment_rule',
      notFound: 'no such assignment rule',
      toView: toRule,
      ownColumns: (input) => ({ teamId: input.teamId, requiredSkill: input.requiredSkill }),
      checkCreate: async (institutionId, input) => {
        if (!(await this.teams.exists(institutionId, input.teamId))) throw fieldError('teamId', 'no such team');
        await this.checkConditions(institutionId, input.conditions);
      },
      checkUpdate: async (institutionId, input) => {
        if (input.teamId && !(await this.teams.exists(institutionId, input.teamId))) throw fieldError('teamId', 'no such team');
        if (input.conditions) await this.checkConditions(institutionId, input.conditions);
      },
    });
  }

  /** The rules themselves: listed, added, edited and removed as every ordered rule list is. */
  readonly rules: OrderedRules<RuleRow, typeof assignmentRules.$inferInsert, TAssignmentRule, TCreateAssignmentRuleRequest, TUpdateAssignmentRuleRequest>;

  /** What the rules would do with a case now: which rule, which team, whom; nothing is written. */
  async test(ctx: RequestContext, caseId: string): Promise<TRuleTestResult> {
    const actor = requireActor(ctx);
    const { row } = await this.cases.visible(actor, caseId);
    const db = this.deps.db;
    const rules = await this.rules.active(db, row.institutionId);
    const routable = await this.routable(db, row);
    const evaluated = rules.map((r) => ({ ruleId: r.id, failed: failedConditions(r.conditions as RuleConditions, routable) }));
    const placement = await this.place(db, row, rules, routable, false);
    if (!placement) return { ruleId: null, ruleName: null, teamId: null, assigneeId: null, why: 'no_rule', evaluated };
    return {
      ruleId: placement.rule.id,
      ruleName: placement.rule.name,
      teamId: placement.teamId,
      assigneeId: placement.pick.ok ? placement.pick.userId : null,
      why: placement.pick.why,
      evaluated,
    };
  }

  /**
   * Runs inside the accept transaction: places the case in the matching rule's team and, when a
   * member is eligible, assigns it to them. The team row is locked while its rotation moves, so
   * several API processes hand out in turn. The timeline and the audit trail say which rule and why.
   */
  async onAccepted(tx: Db, ctx: RequestContext, row: CaseRow): Promise<void> {
    const rules = await this.rules.active(tx, row.institutionId);
    if (rules.length === 0) return;
    const placement = await this.place(tx, row, rules, await this.routable(tx, row), true);
    if (!placement) return;
    const { rule, pick } = placement;
    const now = this.deps.now();
    const set = pick.ok ? { teamId: placement.teamId, assigneeId: pick.userId, status: 'assigned', ...placement.moveTo } : { teamId: placement.teamId };
    const after = await assignmentRepo.placeCase(tx, row.id, row.version, set, now);
    if (!after) throw new AppError('stale_version', 'the case was changed by someone else; reload and try again');
    if (pick.ok) await assignmentRepo.setLastAssigned(tx, placement.teamId, pick.userId);
    const data = {
      ruleId: rule.id,
      ruleName: rule.name,
      matched: placement.matched,
      teamId: placement.teamId,
      strategy: placement.strategy,
      requiredSkill: rule.requiredSkill,
      why: pick.why,
      ...(pick.ok ? { assigneeId: pick.userId } : {}),
      ...(placement.moveTo ? { movedTo: placement.moveTo.orgUnitId } : {}),
    };
    // Which rule and why are in the data, for the console to say in the reader's language.
    await this.cases.event(tx, ctx, after, pick.ok ? 'auto_assigned' : 'auto_queued', { fromStatus: row.status, toStatus: after.status, data });
    await this.audit.record(tx, ctx, row.institutionId, {
      action: pick.ok ? 'case.auto_assign' : 'case.auto_queue',
      objectType: 'case',
      objectId: row.id,
      scopePath: after.orgPath,
      before: { status: row.status, assigneeId: row.assigneeId, teamId: row.teamId },
      after: { status: after.status, ...data, assigneeId: after.assigneeId },
    });
  }

  /**
   * Assigns many cases, to one person or through a team's strategy, each through the ordinary
   * lifecycle (its own transaction, its own checks and version): every case is either assigned
   * or refused with the reason, never half-written.
   */
  async bulkAssign(ctx: RequestContext, input: TBulkAssignRequest): Promise<TBulkAssignResult> {
    const actor = requireActor(ctx);
    if (input.teamId) {
      const team = await assignmentRepo.teamById(this.deps.db, actor.institutionId, input.teamId);
      if (!team || !this.access.inSubtree(actor, team.path)) throw fieldError('teamId', 'no such team in your part of the organisation');
      if (!team.team.active) throw fieldError('teamId', 'the team is retired');
    }
    const results: TBulkAssignResult['results'] = [];
    for (const c of input.cases) {
      try {
        const done = input.teamId ? await this.assignThroughTeam(ctx, c, input.teamId, input.reason ?? null) : await this.cases.transition(ctx, c.id, { action: 'assign', version: c.version, assigneeId: input.assigneeId, reason: input.reason ?? null });
        results.push({ id: c.id, ok: true, assigneeId: done.assigneeId, version: done.version, code: null, message: null, field: null });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.push({ id: c.id, ok: false, assigneeId: null, version: null, code: e.code, message: e.message, field: e.fields[0]?.field ?? null });
      }
    }
    return { results };
  }

  /**
   * One case to whomever the team's strategy picks. The pick is made before the assignment (its
   * checks need the person) and confirmed under the team's row lock inside it: when another
   * process moved the rotation or changed the team meanwhile, the transaction is undone and the
   * case tried again.
   */
  private async assignThroughTeam(ctx: RequestContext, c: { id: string; version: number }, teamId: string, reason: string | null) {
    const actor = requireActor(ctx);
    for (let attempt = 0; ; attempt++) {
      const { row } = await this.cases.visible(actor, c.id);
      const team = (await assignmentRepo.teamById(this.deps.db, actor.institutionId, teamId))!.team;
      const { pick } = await this.pickInTeam(this.deps.db, row, team, null);
      if (!pick.ok) throw fieldError('teamId', `nobody in the team can take this case: ${pick.why.replaceAll('_', ' ')}`);
      try {
        return await this.cases.transition(ctx, c.id, { action: 'assign', version: c.version, assigneeId: pick.userId, reason }, async (tx, after) => {
          const locked = (await assignmentRepo.lockTeam(tx, teamId))!;
          if (locked.lastAssignedId !== team.lastAssignedId || locked.version !== team.version) throw new RotationMoved();
          await assignmentRepo.setLastAssigned(tx, teamId, pick.userId);
          const placed = await assignmentRepo.placeCase(tx, after.id, after.version, { teamId }, this.deps.now());
          if (!placed) throw new AppError('stale_version', 'the case was changed by someone else; reload and try again');
          await this.cases.event(tx, ctx, placed, 'team_assigned', { data: { teamId, strategy: locked.strategy, why: pick.why, assigneeId: pick.userId } });
          await this.audit.record(tx, ctx, actor.institutionId, {
            action: 'case.team',
            objectType: 'case',
            objectId: c.id,
            scopePath: placed.orgPath,
            before: { teamId: row.teamId },
            after: { teamId, strategy: locked.strategy, why: pick.why },
          });
        });
      } catch (e) {
        if (!(e instanceof RotationMoved) || attempt >= 4) throw e;
      }
    }
  }

  /** The units and categories a rule names exist in the institution (a typo would silently match nothing). */
  async checkConditions(institutionId: string, c: RuleConditions): Promise<void> {
    for (const [i, id] of (c.orgUnitIds ?? []).entries()) {
      if (!(await this.org.unitInInstitution(institutionId, id))) throw fieldError(`conditions.orgUnitIds.${i}`, 'no such org unit');
    }
    for (const [i, id] of (c.categoryIds ?? []).entries()) {
      if (!(await this.categories.isSelectable(institutionId, id))) throw fieldError(`conditions.categoryIds.${i}`, 'no such active category');
    }
  }

  private async routable(db: Db, row: CaseRow): Promise<RoutableCase> {
    const lineage: string[] = [];
    if (row.categoryId) {
      const parents = await assignmentRepo.categoryParents(db, row.institutionId);
      for (let id: string | null | undefined = row.categoryId; id && !lineage.includes(id); id = parents.get(id)) lineage.push(id);
    }
    return { categoryLineage: lineage, businessLine: row.businessLine, orgPath: row.orgPath, priority: row.priority, channel: row.channel, kind: row.kind };
  }

  /** The first matching rule whose team is active, and whom its team would pick (locking the team when `lock`). */
  private async place(db: Db, row: CaseRow, rules: RuleRow[], routable: RoutableCase, lock: boolean): Promise<Placement | undefined> {
    let candidates = rules;
    for (;;) {
      const match = matchRule(candidates.map(toCoreRule), routable);
      if (!match) return undefined;
      const rule = candidates.find((r) => r.id === match.rule.id)!;
      const team = lock ? await assignmentRepo.lockTeam(db, rule.teamId) : (await assignmentRepo.teamById(db, row.institutionId, rule.teamId))?.team;
      if (!team?.active) {
        candidates = candidates.filter((r) => r.id !== rule.id);
        continue;
      }
      const { pick, moveTo } = await this.pickInTeam(db, row, team, rule.requiredSkill);
      return { rule, matched: match.matched, teamId: team.id, strategy: team.strategy as AssignmentStrategy, pick, moveTo };
    }
  }

  /** Whom a team's strategy picks for a case: active case workers, with the skill, not recused. */
  private async pickInTeam(db: Db, row: CaseRow, team: TeamRow, requiredSkill: string | null): Promise<{ pick: PickResult; moveTo?: Placement['moveTo'] }> {
    const members = (await assignmentRepo.members(db, [team.id])).filter((m) => m.status === 'active' && m.roles.some((r) => (CASE_WORKING_ROLES as readonly string[]).includes(r)));
    const loads = team.strategy === 'least_loaded' ? await assignmentRepo.openCaseCounts(db, row.institutionId, members.map((m) => m.userId), NOT_OPEN) : new Map<string, number>();
    const recused = row.staffComplainedAbout.length > 0 ? await this.users.recusedFor(row.institutionId, row.staffComplainedAbout, db) : [];
    const pick = pickMember({
      strategy: team.strategy as AssignmentStrategy,
      members: members.map((m) => ({ userId: m.userId, skills: m.skills, openCases: loads.get(m.userId) ?? 0 })),
      requiredSkill,
      recused,
      lastAssignedId: team.lastAssignedId,
    });
    const chosen = pick.ok ? members.find((m) => m.userId === pick.userId) : undefined;
    // The assignee must see the case: one placed outside its branch moves to their unit, as a manual assignment does.
    const moveTo = chosen && !row.orgPath.startsWith(chosen.path) ? { orgUnitId: chosen.orgUnitId, orgPath: chosen.path } : undefined;
    return { pick, moveTo };
  }
}

/** Another assignment moved the team's rotation between a pick and its transaction. */
class RotationMoved extends AppError {
  constructor() {
    super('conflict', 'the team’s rotation moved meanwhile; try again');
  }
}

function toCoreRule(r: RuleRow): AssignmentRule {
  return { id: r.id, name: r.name, position: r.position, active: r.active, conditions: r.conditions as RuleConditions, teamId: r.teamId, requiredSkill: r.requiredSkill as Skill | null };
}

function toRule(r: RuleRow): TAssignmentRule {
  return { ...toCoreRule(r), conditions: r.conditions as TAssignmentRule['conditions'], version: r.version };
}

function fieldError(field: string, message: string): AppError {
  return new AppError('unprocessable', message, [{ field, message }]);
}
