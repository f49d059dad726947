import { randomUUID } from 'node:crypto';
import {
  canContain,
  childPath,
  isWithin,
  type TCreateOrgUnitRequest,
  type TOrgUnit,
  type TUpdateOrgUnitRequest,
} from '@loopdesk/core';
import type { Db, SeedOrgUnit } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import { orgRepo, type OrgUnitRow } from './org.repo';

/** Work other features do when an institution is created, in its transaction (default categories, …). */
export type InstitutionInitializer = (tx: Db, institutionId: string) => Promise<void>;

export class OrgService {
  private readonly initializers: InstitutionInitializer[] = [];

  constructor(
    private readonly deps: Deps,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** An org unit the actor may see (in their subtree or granted), else not_found. */
  async visibleUnit(actor: Actor, id: string): Promise<OrgUnitRow> {
    const unit = await orgRepo.byId(this.deps.db, actor.institutionId, id);
    if (unit && (await this.access.canSee(actor, 'org_unit', id, unit.path))) return unit;
    throw new AppError('not_found', 'no such org unit');
  }

  /** An org unit inside the actor's own subtree (grants give sight, not management), else not_found. */
  async ownedUnit(actor: Actor, id: string, field = 'orgUnitId'): Promise<OrgUnitRow> {
    const unit = await orgRepo.byId(this.deps.db, actor.institutionId, id);
    if (!unit || !this.access.inSubtree(actor, unit.path)) {
      throw new AppError('not_found', 'no such org unit in your scope', [{ field, message: 'no such org unit in your scope' }]);
    }
    return unit;
  }

  /** Any unit of the institution (sub-tasks go to departments outside the case's branch). */
  unitInInstitution(institutionId: string, id: string): Promise<OrgUnitRow | undefined> {
    return orgRepo.byId(this.deps.db, institutionId, id);
  }

  /** The path of a unit in the actor's subtree, or undefined: what a grant on it is scoped by. */
  async pathInScope(actor: Actor, id: string): Promise<string | undefined> {
    const unit = await orgRepo.byId(this.deps.db, actor.institutionId, id);
    return unit && this.access.inSubtree(actor, unit.path) ? unit.path : undefined;
  }

  /** The units the caller may see: their subtree and any units granted to them. */
  async list(ctx: RequestContext): Promise<TOrgUnit[]> {
    const actor = requireActor(ctx);
    const granted = await this.access.grantedIds(actor, 'org_unit');
    const rows = await orgRepo.listVisible(this.deps.db, actor.institutionId, actor.orgPath, granted);
    return rows.map(toOrgUnit);
  }

  /**
   * Every department of the institution: sub-tasks go to the department that can answer them
   * (head-office risk, legal, credit approval), wherever the case sits. Names only — seeing a
   * department's cases still needs scope or a grant.
   */
  async departments(ctx: RequestContext): Promise<TOrgUnit[]> {
    return (await orgRepo.departments(this.deps.db, requireActor(ctx).institutionId)).map(toOrgUnit);
  }

  async get(ctx: RequestContext, id: string): Promise<TOrgUnit> {
    return toOrgUnit(await this.visibleUnit(requireActor(ctx), id));
  }

  async create(ctx: RequestContext, input: TCreateOrgUnitRequest): Promise<TOrgUnit> {
    const actor = requireActor(ctx);
    const parent = await this.ownedUnit(actor, input.parentId, 'parentId');
    assertContains(parent, input.kind);
    return this.audit.transaction(async (tx) => {
      const row = await insertUnit(tx, actor.institutionId, parent, input, this.deps.now());
      const unit = toOrgUnit(row);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'org_unit.create', objectType: 'org_unit', objectId: row.id, scopePath: row.path, after: unit });
      return unit;
    });
  }

  async update(ctx: RequestContext, id: string, input: TUpdateOrgUnitRequest): Promise<TOrgUnit> {
    const actor = requireActor(ctx);
    const unit = await this.ownedUnit(actor, id, 'id');
    let parent: OrgUnitRow | undefined;
    if (input.parentId !== undefined && input.parentId !== unit.parentId) {
      if (unit.parentId === null) throw fieldError('parentId', 'the head office cannot be moved');
      if (unit.id === actor.orgUnitId) throw fieldError('parentId', 'you cannot move the unit your own scope starts at');
      parent = await this.ownedUnit(actor, input.parentId, 'parentId');
      if (isWithin(parent.path, unit.path)) throw fieldError('parentId', 'a unit cannot move under itself or its own descendants');
      assertContains(parent, unit.kind as TOrgUnit['kind']);
    }
    const now = this.deps.now();
    return this.audit.transaction(async (tx) => {
      const set: Partial<OrgUnitRow> = {};
      if (input.name !== undefined) set.name = input.name;
      if (input.code !== undefined) set.code = input.code;
      if (parent) {
        set.parentId = parent.id;
        set.path = childPath(parent.path, unit.id);
        set.depth = parent.depth + 1;
      }
      const row = await orgRepo.update(tx, id, input.version, set, now);
      if (!row) throw new AppError('stale_version', 'the unit was changed by someone else; reload and try again');
      if (parent) await orgRepo.movePaths(tx, actor.institutionId, unit.path, row.path, row.depth - unit.depth);
      const after = toOrgUnit(row);
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: parent ? 'org_unit.move' : 'org_unit.update',
        objectType: 'org_unit',
        objectId: id,
        scopePath: row.path,
        before: toOrgUnit(unit),
        after,
      });
      return after;
    });
  }

  onInstitutionCreated(initializer: InstitutionInitializer): void {
    this.initializers.push(initializer);
  }

  /** Pass the transaction when inside one: PGlite has one connection, so the pool would wait on it. */
  institutionByCode(code: string, db: Db = this.deps.db) {
    return orgRepo.institutionByCode(db, code);
  }

  /** The institution's IANA time zone (case numbers and deadlines are counted in it). */
  async timeZone(institutionId: string): Promise<string> {
    const inst = await orgRepo.institutionById(this.deps.db, institutionId);
    if (!inst) throw new AppError('not_found', 'no such institution');
    return inst.timeZone;
  }

  async institutionName(institutionId: string): Promise<string> {
    return (await orgRepo.institutionById(this.deps.db, institutionId))?.name ?? '';
  }

  institutions() {
    return orgRepo.institutions(this.deps.db);
  }

  /** Creates an institution and its org tree in the caller's transaction; returns the root unit. */
  async createInstitution(
    tx: Db,
    ctx: RequestContext,
    inst: { code: string; name: string; timeZone: string; root: SeedOrgUnit },
  ): Promise<{ institutionId: string; root: OrgUnitRow }> {
    const institution = await orgRepo.insertInstitution(tx, {
      id: randomUUID(),
      code: inst.code,
      name: inst.name,
      timeZone: inst.timeZone,
      createdAt: this.deps.now(),
    });
    await this.audit.record(tx, ctx, institution.id, {
      action: 'institution.create',
      objectType: 'institution',
      objectId: institution.id,
      scopePath: null,
      after: { code: inst.code, name: inst.name, timeZone: inst.timeZone },
    });
    const root = await this.insertTree(tx, ctx, institution.id, null, inst.root);
    for (const initialize of this.initializers) await initialize(tx, institution.id);
    return { institutionId: institution.id, root };
  }

  /** Creates a whole tree under `parent` (or as the root), in the caller's transaction. */
  private async insertTree(tx: Db, ctx: RequestContext, institutionId: string, parent: OrgUnitRow | null, node: SeedOrgUnit): Promise<OrgUnitRow> {
    const row = await insertUnit(tx, institutionId, parent, node, this.deps.now());
    await this.audit.record(tx, ctx, institutionId, { action: 'org_unit.create', objectType: 'org_unit', objectId: row.id, scopePath: row.path, after: toOrgUnit(row) });
    for (const child of node.children ?? []) {
      assertContains(row, child.kind);
      await this.insertTree(tx, ctx, institutionId, row, child);
    }
    return row;
  }
}

function insertUnit(
  tx: Db,
  institutionId: string,
  parent: OrgUnitRow | null,
  input: Pick<TCreateOrgUnitRequest, 'kind' | 'code' | 'name'>,
  now: Date,
): Promise<OrgUnitRow> {
  const id = randomUUID();
  return orgRepo.insert(tx, {
    id,
    institutionId,
    parentId: parent?.id ?? null,
    kind: input.kind,
    code: input.code,
    name: input.name,
    path: childPath(parent?.path ?? null, id),
    depth: parent ? parent.depth + 1 : 0,
    createdAt: now,
    updatedAt: now,
  });
}

function assertContains(parent: OrgUnitRow, kind: TOrgUnit['kind']): void {
  if (!canContain(parent.kind as TOrgUnit['kind'], kind)) {
    throw fieldError('kind', `a ${kind} cannot be placed under a ${parent.kind}`);
  }
}

function fieldError(field: string, message: string): AppError {
  return new AppError('unprocessable', message, [{ field, message }]);
}

export function toOrgUnit(r: OrgUnitRow): TOrgUnit {
  return {
    id: r.id,
    parentId: r.parentId,
    kind: r.kind as TOrgUnit['kind'],
    code: r.code,
    name: r.name,
    depth: r.depth,
    version: r.version,
  };
}
