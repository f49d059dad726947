import { randomUUID } from 'node:crypto';
import { isWithin, type TCreateGrantRequest, type TGrant } from '@loopdesk/core';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import { orgRepo, type OrgUnitRow } from '../org/org.repo';
import { accessRepo, type GrantRow } from './access.repo';

/**
 * Decides what a staff member may see: their org subtree, plus single objects they hold a
 * live grant on. Out-of-scope objects are reported as not found, so that probing ids from
 * another branch learns nothing.
 */
export class AccessService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
  ) {}

  inSubtree(actor: Actor, path: string): boolean {
    return isWithin(path, actor.orgPath);
  }

  grantedIds(actor: Actor, objectType: string): Promise<string[]> {
    return accessRepo.grantedIds(this.deps.db, actor.userId, objectType, this.deps.now());
  }

  /** An org unit the actor may see (in their subtree or granted), else not_found. */
  async visibleOrgUnit(actor: Actor, id: string): Promise<OrgUnitRow> {
    const unit = await orgRepo.byId(this.deps.db, actor.institutionId, id);
    if (unit && (this.inSubtree(actor, unit.path) || (await accessRepo.hasGrant(this.deps.db, actor.userId, 'org_unit', id, this.deps.now())))) {
      return unit;
    }
    throw new AppError('not_found', 'no such org unit');
  }

  /** An org unit inside the actor's own subtree (grants give sight, not management), else not_found. */
  async ownedOrgUnit(actor: Actor, id: string, field = 'orgUnitId'): Promise<OrgUnitRow> {
    const unit = await orgRepo.byId(this.deps.db, actor.institutionId, id);
    if (!unit || !this.inSubtree(actor, unit.path)) {
      throw new AppError('not_found', 'no such org unit in your scope', [{ field, message: 'no such org unit in your scope' }]);
    }
    return unit;
  }

  async listGrants(ctx: RequestContext, f: { userId?: string; objectType?: string; objectId?: string; includeRevoked: boolean }): Promise<TGrant[]> {
    const actor = requireActor(ctx);
    const rows = await accessRepo.list(this.deps.db, actor.institutionId, f, this.deps.now());
    const visible: TGrant[] = [];
    for (const row of rows) if (await this.grantedUnitInScope(actor, row)) visible.push(toGrant(row));
    return visible;
  }

  /**
   * Grants a user sight of one object in the granter's subtree. The grantee may sit anywhere
   * in the institution: that is the point of a grant.
   */
  async createGrant(ctx: RequestContext, input: TCreateGrantRequest, granteeExists: boolean): Promise<TGrant> {
    const actor = requireActor(ctx);
    if (!granteeExists) throw new AppError('unprocessable', 'no such active user', [{ field: 'userId', message: 'no such active user' }]);
    const unit = await this.ownedOrgUnit(actor, input.objectId, 'objectId');
    const now = this.deps.now();
    if (input.expiresAt && new Date(input.expiresAt) <= now) {
      throw new AppError('unprocessable', 'the expiry is in the past', [{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    return this.deps.db.transaction(async (tx) => {
      const row = await accessRepo.insert(tx, {
        id: randomUUID(),
        institutionId: actor.institutionId,
        userId: input.userId,
        objectType: input.objectType,
        objectId: input.objectId,
        purpose: input.purpose,
        reason: input.reason,
        grantedBy: actor.userId,
        createdAt: now,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      });
      const grant = toGrant(row);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'grant.create', objectType: 'grant', objectId: row.id, scopePath: unit.path, after: grant });
      return grant;
    });
  }

  async revokeGrant(ctx: RequestContext, id: string): Promise<TGrant> {
    const actor = requireActor(ctx);
    const existing = await accessRepo.byId(this.deps.db, actor.institutionId, id);
    const unit = existing && (await this.grantedUnitInScope(actor, existing));
    if (!existing || !unit) throw new AppError('not_found', 'no such grant');
    if (existing.revokedAt) throw new AppError('conflict', 'the grant is already revoked');
    return this.deps.db.transaction(async (tx) => {
      const row = await accessRepo.revoke(tx, id, actor.userId, this.deps.now());
      if (!row) throw new AppError('conflict', 'the grant is already revoked');
      const grant = toGrant(row);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'grant.revoke', objectType: 'grant', objectId: id, scopePath: unit.path, before: toGrant(existing), after: grant });
      return grant;
    });
  }

  /** The granted unit when it lies in the actor's subtree: staff see and manage the grants there. */
  private async grantedUnitInScope(actor: Actor, row: GrantRow): Promise<OrgUnitRow | undefined> {
    if (row.objectType !== 'org_unit') return undefined;
    const unit = await orgRepo.byId(this.deps.db, actor.institutionId, row.objectId);
    return unit && this.inSubtree(actor, unit.path) ? unit : undefined;
  }
}

function toGrant(r: GrantRow): TGrant {
  return {
    id: r.id,
    userId: r.userId,
    objectType: r.objectType as TGrant['objectType'],
    objectId: r.objectId,
    purpose: r.purpose as TGrant['purpose'],
    reason: r.reason,
    grantedBy: r.grantedBy,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}
