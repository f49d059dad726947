import { randomUUID } from 'node:crypto';
import type { Role, Skill, TCreateTeamRequest, TTeam, TTeamRef, TUpdateTeamRequest } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import type { UsersService } from '../users/users.service';
import { assignmentRepo, type TeamRow } from './assignment.repo';

/** Roles that work cases: the only people a team may hand a case to. */
export const CASE_WORKING_ROLES: readonly Role[] = ['handler', 'team_lead', 'branch_manager', 'consumer_protection'];

type MemberRow = Awaited<ReturnType<typeof assignmentRepo.members>>[number];

/**
 * Teams of case handlers. A team belongs to an org unit; whoever manages teams manages those of
 * their own subtree, with members from it.
 */
export class TeamsService {
  constructor(
    private readonly deps: Deps,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly users: UsersService,
  ) {}

  async list(ctx: RequestContext): Promise<TTeam[]> {
    const actor = requireActor(ctx);
    const rows = await assignmentRepo.teamsUnder(this.deps.db, actor.institutionId, actor.orgPath);
    const members = await assignmentRepo.members(this.deps.db, rows.map((r) => r.team.id));
    return rows.map((r) => toTeam(r.team, members));
  }

  /** The active teams I am a member of: their cases make up my team queue. */
  async mine(ctx: RequestContext): Promise<TTeamRef[]> {
    const actor = requireActor(ctx);
    return assignmentRepo.teamsOf(this.deps.db, actor.institutionId, actor.userId);
  }

  async get(ctx: RequestContext, id: string): Promise<TTeam> {
    const { team } = await this.inScope(requireActor(ctx), id);
    return toTeam(team, await assignmentRepo.members(this.deps.db, [id]));
  }

  async create(ctx: RequestContext, input: TCreateTeamRequest): Promise<TTeam> {
    const actor = requireActor(ctx);
    const unit = await this.org.ownedUnit(actor, input.orgUnitId);
    await this.checkMembers(actor, input.members);
    const now = this.deps.now();
    const id = randomUUID();
    await this.audit.transaction(async (tx) => {
      const team = await assignmentRepo.insertTeam(tx, { id, institutionId: actor.institutionId, orgUnitId: unit.id, name: input.name, strategy: input.strategy, createdAt: now, updatedAt: now });
      await assignmentRepo.replaceMembers(tx, actor.institutionId, id, input.members);
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: 'team.create',
        objectType: 'team',
        objectId: id,
        scopePath: unit.path,
        after: { name: team.name, orgUnitId: unit.id, strategy: team.strategy, members: input.members },
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, input: TUpdateTeamRequest): Promise<TTeam> {
    const actor = requireActor(ctx);
    const { team, path } = await this.inScope(actor, id);
    if (team.version !== input.version) throw staleTeam();
    if (input.members) await this.checkMembers(actor, input.members);
    const before = toTeam(team, await assignmentRepo.members(this.deps.db, [id]));
    await this.audit.transaction(async (tx: Db) => {
      const set = { name: input.name, strategy: input.strategy, active: input.active };
      const updated = await assignmentRepo.updateTeam(tx, id, input.version, Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)), this.deps.now());
      if (!updated) throw staleTeam();
      if (input.members) await assignmentRepo.replaceMembers(tx, actor.institutionId, id, input.members);
      const after = toTeam(updated, await assignmentRepo.members(tx, [id]));
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: 'team.update',
        objectType: 'team',
        objectId: id,
        scopePath: path,
        before: auditView(before),
        after: auditView(after),
      });
    });
    return this.get(ctx, id);
  }

  /** A team of the institution (rules name teams anywhere in it), or undefined. */
  async exists(institutionId: string, id: string): Promise<boolean> {
    return !!(await assignmentRepo.teamById(this.deps.db, institutionId, id));
  }

  private async inScope(actor: Actor, id: string): Promise<{ team: TeamRow; path: string }> {
    const found = await assignmentRepo.teamById(this.deps.db, actor.institutionId, id);
    if (!found || !this.access.inSubtree(actor, found.path)) throw new AppError('not_found', 'no such team');
    return found;
  }

  /** Members are active case workers of the manager's own subtree. */
  private async checkMembers(actor: Actor, members: readonly { userId: string; skills: readonly Skill[] }[]): Promise<void> {
    const found = await this.users.activeWithPaths(actor.institutionId, members.map((m) => m.userId));
    for (const [i, m] of members.entries()) {
      const person = found.find((p) => p.id === m.userId);
      const field = `members.${i}.userId`;
      if (!person || !this.access.inSubtree(actor, person.path)) throw new AppError('unprocessable', 'no such active staff member in your part of the organisation', [{ field, message: 'no such active staff member in your scope' }]);
      if (!person.roles.some((r) => CASE_WORKING_ROLES.includes(r))) throw new AppError('unprocessable', 'only case handlers can be team members', [{ field, message: 'this person does not handle cases' }]);
    }
  }
}

function toTeam(t: TeamRow, members: readonly MemberRow[]): TTeam {
  return {
    id: t.id,
    orgUnitId: t.orgUnitId,
    name: t.name,
    strategy: t.strategy as TTeam['strategy'],
    active: t.active,
    members: members.filter((m) => m.teamId === t.id).map((m) => ({ userId: m.userId, displayName: m.displayName, skills: m.skills as Skill[] })),
    version: t.version,
  };
}

function auditView(t: TTeam) {
  return { name: t.name, strategy: t.strategy, active: t.active, members: t.members.map((m) => ({ userId: m.userId, skills: m.skills })) };
}

function staleTeam(): AppError {
  return new AppError('stale_version', 'the team was changed by someone else; reload and try again');
}
