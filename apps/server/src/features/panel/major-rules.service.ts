import {
  FINAL_STATUSES,
  matchMajorRule,
  type MajorCaseFacts,
  type MajorRule,
  type MajorRuleConditions,
  type TCreateMajorCaseRuleRequest,
  type TMajorCaseRule,
  type TUpdateMajorCaseRuleRequest,
} from '@loopdesk/core';
import type { Db, majorCaseRules } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { OrderedRules } from '../../platform/ordered-rules';
import type { AssignmentService } from '../assignment/assignment.service';
import { assignmentRepo } from '../assignment/assignment.repo';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import { casesRepo, type CaseRow } from '../cases/cases.repo';
import type { UsersService } from '../users/users.service';
import { majorRulesRepo, type MajorRuleRow } from './panel.repo';

/** Roles that may sit on an expert panel: those who may work a case or its sub-tasks. */
export const PANEL_ROLES = ['handler', 'team_lead', 'branch_manager', 'consumer_protection', 'risk_officer', 'legal_officer', 'expert'] as const;

/**
 * Major-case rules (ordered, admin-edited, conditions like the assignment rules plus the amount
 * involved and risk flags) and the marking they do: when a case is accepted, and when its
 * classification, priority, amount or flags change afterwards. A mark is never taken back by a
 * rule: once a case was major, its answer waits for the panel.
 */
export class MajorRulesService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly cases: CasesService,
    private readonly assignment: AssignmentService,
  ) {
    this.rules = new OrderedRules(deps, audit, {
      repo: majorRulesRepo,
      actionPrefix: 'major_rule',
      objectType: 'major_case_rule',
      notFound: 'no such major-case rule',
      toView: toRule,
      ownColumns: (input) => ({ panelMemberIds: input.panelMemberIds, quorum: input.quorum }),
      checkCreate: (institutionId, input) => this.check(institutionId, input.conditions, input.panelMemberIds, input.quorum),
      checkUpdate: (institutionId, input, before) =>
        this.check(institutionId, input.conditions ?? {}, input.panelMemberIds ?? before.panelMemberIds, input.quorum === undefined ? before.quorum : input.quorum),
    });
  }

  /** The rules themselves: listed, added, edited and removed as every ordered rule list is. */
  readonly rules: OrderedRules<MajorRuleRow, typeof majorCaseRules.$inferInsert, TMajorCaseRule, TCreateMajorCaseRuleRequest, TUpdateMajorCaseRuleRequest>;

  /** The rule that marked a case, when it still exists. */
  ruleOf(institutionId: string, id: string | null): Promise<MajorRuleRow | undefined> {
    return id ? majorRulesRepo.byId(this.deps.db, institutionId, id) : Promise.resolve(undefined);
  }

  /**
   * Inside the transaction that accepted or changed a case: marks it major when the first
   * matching active rule says so, with the rule on the case, a timeline event and an audit
   * entry. The case row is read again under its lock (an accept hook before this one may have
   * moved it on). A case not yet accepted, finished, or already major is left alone.
   */
  async evaluate(tx: Db, ctx: RequestContext, kase: Pick<CaseRow, 'id' | 'institutionId'>, trigger: 'accepted' | 'changed'): Promise<void> {
    const rules = await this.activeWithin(tx, kase.institutionId);
    if (rules.length === 0) return;
    const row = await casesRepo.lock(tx, kase.id);
    if (!row || row.major || row.status === 'new' || FINAL_STATUSES.includes(row.status as never)) return;
    const match = matchMajorRule(rules.map(toCoreRule), await this.facts(tx, row));
    if (!match) return;
    const after = await casesRepo.update(tx, row.id, row.version, { major: true, majorRuleId: match.rule.id }, this.deps.now());
    if (!after) throw new AppError('stale_version', 'the case was changed by someone else; reload and try again');
    const data = { ruleId: match.rule.id, ruleName: match.rule.name, matched: match.matched, trigger };
    await this.cases.event(tx, ctx, after, 'marked_major', { data });
    await this.audit.record(tx, ctx, row.institutionId, {
      action: 'case.mark_major',
      objectType: 'case',
      objectId: row.id,
      scopePath: row.orgPath,
      before: { major: false },
      after: { major: true, ...data },
    });
  }

  /**
   * The active rules, read once per transaction and institution: a transaction that changes many
   * cases (a batch of triage, a bulk assignment) evaluates them all against one read.
   */
  private activeWithin(tx: Db, institutionId: string): Promise<MajorRuleRow[]> {
    if (tx === this.deps.db) return this.rules.active(tx, institutionId); // outside a transaction: nothing to share
    let byInstitution = this.activeByTransaction.get(tx);
    if (!byInstitution) this.activeByTransaction.set(tx, (byInstitution = new Map()));
    let rules = byInstitution.get(institutionId);
    if (!rules) byInstitution.set(institutionId, (rules = this.rules.active(tx, institutionId)));
    return rules;
  }

  private readonly activeByTransaction = new WeakMap<Db, Map<string, Promise<MajorRuleRow[]>>>();

  private async facts(db: Db, row: CaseRow): Promise<MajorCaseFacts> {
    const lineage: string[] = [];
    if (row.categoryId) {
      const parents = await assignmentRepo.categoryParents(db, row.institutionId);
      for (let id: string | null | undefined = row.categoryId; id && !lineage.includes(id); id = parents.get(id)) lineage.push(id);
    }
    return {
      categoryLineage: lineage,
      businessLine: row.businessLine,
      orgPath: row.orgPath,
      priority: row.priority,
      channel: row.channel,
      kind: row.kind,
      amountInvolved: row.amountInvolved,
      riskFlags: row.riskFlags,
    };
  }

  /** Units and categories exist (a typo would silently match nothing); the panel may sit; the quorum fits it. */
  private async check(institutionId: string, c: MajorRuleConditions, memberIds: readonly string[], quorum: number | null): Promise<void> {
    await this.assignment.checkConditions(institutionId, c);
    const people = await this.users.activeWithPaths(institutionId, memberIds);
    for (const [i, id] of memberIds.entries()) {
      const person = people.find((p) => p.id === id);
      if (!person || !person.roles.some((r) => (PANEL_ROLES as readonly string[]).includes(r))) throw fieldError(`panelMemberIds.${i}`, 'no such active staff member who may sit on a panel');
    }
    if (quorum !== null && memberIds.length > 0 && quorum > memberIds.length) throw fieldError('quorum', `the panel has ${memberIds.length} member(s)`);
  }
}

function toCoreRule(r: MajorRuleRow): MajorRule {
  return { id: r.id, name: r.name, position: r.position, active: r.active, conditions: r.conditions as MajorRuleConditions };
}

function toRule(r: MajorRuleRow): TMajorCaseRule {
  return { ...toCoreRule(r), conditions: r.conditions as TMajorCaseRule['conditions'], panelMemberIds: r.panelMemberIds, quorum: r.quorum, version: r.version };
}

export function fieldError(field: string, message: string): AppError {
  return new AppError('unprocessable', message, [{ field, message }]);
}
