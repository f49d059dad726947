import { randomUUID } from 'node:crypto';
import { isWithin, pathIds, ZSavedViewFilters, type TCreateSavedViewRequest, type TSavedView, type TUpdateSavedViewRequest } from '@loopdesk/core';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import { assignmentRepo } from '../assignment/assignment.repo';
import { viewsRepo, type SavedViewRow } from './views.repo';

/** Roles that may share a view with the staff of a unit (a manager sets their team's queues). */
const SHARING_ROLES = ['team_lead', 'branch_manager', 'consumer_protection'];

/**
 * Saved views of the case list: a name for a set of queue filters, private to its owner or
 * shared by a supervisor with a unit of their subtree (whose staff, and those below, see it)
 * or with a team of it (whose members see it).
 * Only the owner renames, edits or deletes a view.
 */
export class SavedViewsService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly org: OrgService,
  ) {}

  async list(ctx: RequestContext): Promise<TSavedView[]> {
    const actor = requireActor(ctx);
    const teamIds = await assignmentRepo.teamIdsOf(this.deps.db, actor.institutionId, actor.userId);
    const rows = await viewsRepo.visible(this.deps.db, actor.institutionId, actor.userId, unitPathsOf(actor.orgPath), teamIds);
    return rows.map((r) => toView(r, actor));
  }

  async create(ctx: RequestContext, input: TCreateSavedViewRequest): Promise<TSavedView> {
    const actor = requireActor(ctx);
    const shared = await this.sharing(actor, input.sharedWithOrgUnitId, input.sharedWithTeamId);
    const now = this.deps.now();
    return this.audit.transaction(async (tx) => {
      const row = await viewsRepo.insert(tx, {
        id: randomUUID(),
        institutionId: actor.institutionId,
        ownerId: actor.userId,
        name: input.name,
        filters: input.filters,
        ...shared,
        createdAt: now,
        updatedAt: now,
      });
      const view = toView({ ...row, ownerName: actor.displayName }, actor);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'saved_view.create', objectType: 'saved_view', objectId: row.id, scopePath: row.sharedPath, after: view });
      return view;
    });
  }

  async update(ctx: RequestContext, id: string, input: TUpdateSavedViewRequest): Promise<TSavedView> {
    const actor = requireActor(ctx);
    const before = await this.own(actor, id);
    if (before.version !== input.version) throw staleView();
    const set: Parameters<typeof viewsRepo.update>[3] = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.filters !== undefined) set.filters = input.filters;
    if (input.sharedWithOrgUnitId !== undefined || input.sharedWithTeamId !== undefined) {
      Object.assign(set, await this.sharing(actor, input.sharedWithOrgUnitId ?? null, input.sharedWithTeamId ?? null));
    }
    return this.audit.transaction(async (tx) => {
      const row = await viewsRepo.update(tx, id, input.version, set, this.deps.now());
      if (!row) throw staleView();
      const view = toView({ ...row, ownerName: before.ownerName }, actor);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'saved_view.update', objectType: 'saved_view', objectId: id, scopePath: row.sharedPath, before: toView(before, actor), after: view });
      return view;
    });
  }

  async remove(ctx: RequestContext, id: string, version: number): Promise<void> {
    const actor = requireActor(ctx);
    const before = await this.own(actor, id);
    await this.audit.transaction(async (tx) => {
      if (!(await viewsRepo.delete(tx, id, version))) throw staleView();
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'saved_view.delete', objectType: 'saved_view', objectId: id, scopePath: before.sharedPath, before: toView(before, actor) });
    });
  }

  /** A view the actor owns; one shared with them is theirs to use, not to change (403); any other is not found. */
  private async own(actor: Actor, id: string): Promise<SavedViewRow> {
    const row = await viewsRepo.byId(this.deps.db, actor.institutionId, id);
    const seen =
      row &&
      (row.ownerId === actor.userId ||
        (row.sharedPath !== null && actor.orgPath.startsWith(row.sharedPath)) ||
        (row.sharedWithTeamId !== null && (await assignmentRepo.teamIdsOf(this.deps.db, actor.institutionId, actor.userId)).includes(row.sharedWithTeamId)));
    if (!row || !seen) throw new AppError('not_found', 'no such saved view');
    if (row.ownerId !== actor.userId) throw new AppError('forbidden', 'only the view’s owner may change it');
    return row;
  }

  /** Whom a view is shared with: a unit or a team of a supervisor's own subtree, or nobody. */
  private async sharing(
    actor: Actor,
    orgUnitId: string | null,
    teamId: string | null,
  ): Promise<{ sharedWithOrgUnitId: string | null; sharedPath: string | null; sharedWithTeamId: string | null }> {
    const none = { sharedWithOrgUnitId: null, sharedPath: null, sharedWithTeamId: null };
    if (!orgUnitId && !teamId) return none;
    if (!actor.roles.some((r) => SHARING_ROLES.includes(r))) throw new AppError('forbidden', 'only a supervisor shares a view');
    if (orgUnitId) {
      const unit = await this.org.ownedUnit(actor, orgUnitId, 'sharedWithOrgUnitId');
      return { ...none, sharedWithOrgUnitId: unit.id, sharedPath: unit.path };
    }
    const team = await assignmentRepo.teamById(this.deps.db, actor.institutionId, teamId!);
    if (!team || !isWithin(team.path, actor.orgPath)) {
      throw new AppError('not_found', 'no such team in your scope', [{ field: 'sharedWithTeamId', message: 'no such team in your scope' }]);
    }
    return { ...none, sharedWithTeamId: team.team.id };
  }
}

/** `/a/b/c/` → `/a/`, `/a/b/`, `/a/b/c/`: the units whose shared views reach someone at c. */
function unitPathsOf(path: string): string[] {
  const ids = pathIds(path);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

function toView(r: SavedViewRow, actor: Actor): TSavedView {
  // Stored through the same contract; one a later version no longer accepts opens as the default queue.
  const filters = ZSavedViewFilters.safeParse(r.filters);
  return {
    id: r.id,
    name: r.name,
    filters: filters.success ? filters.data : ZSavedViewFilters.parse({}),
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    sharedWithOrgUnitId: r.sharedWithOrgUnitId,
    sharedWithTeamId: r.sharedWithTeamId,
    mine: r.ownerId === actor.userId,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

function staleView(): AppError {
  return new AppError('stale_version', 'the view was changed by someone else; reload and try again');
}
