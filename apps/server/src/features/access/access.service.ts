import { randomUUID } from 'node:crypto';
import { isWithin, type TCreateGrantRequest, type TGrant } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import { accessRepo, type GrantRow } from './access.repo';

export type GrantObjectType = TGrant['objectType'];

/**
 * Finds the org path of an object the actor may manage (in their own subtree), or undefined.
 * Each feature that owns grantable objects registers one (see platform/services.ts).
 */
export type ScopeResolver = (actor: Actor, objectId: string) => Promise<string | undefined>;

/**
 * Decides what a staff member may see: their org subtree, plus single objects they hold a
 * live grant on. Out-of-scope objects are reported as not found, so that probing ids from
 * another branch learns nothing.
 */
export class AccessService {
  private readonly resolvers = new Map<GrantObjectType, ScopeResolver>();

  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
  ) {}

  registerObjectType(type: GrantObjectType, resolver: ScopeResolver): void {
    this.resolvers.set(type, resolver);
  }

  inSubtree(actor: Actor, path: string): boolean {
    return isWithin(path, actor.orgPath);
  }

  grantedIds(actor: Actor, objectType: GrantObjectType): Promise<string[]> {
    return accessRepo.grantedIds(this.deps.db, actor.userId, objectType, this.deps.now());
  }

  hasGrant(actor: Actor, objectType: GrantObjectType, objectId: string): Promise<boolean> {
    return accessRepo.hasGrant(this.deps.db, actor.userId, objectType, objectId, this.deps.now());
  }

  /** Whether the actor may see an object at `path`: in their subtree, or granted to them. */
  async canSee(actor: Actor, objectType: GrantObjectType, objectId: string, path: string): Promise<boolean> {
    return this.inSubtree(actor, path) || this.hasGrant(actor, objectType, objectId);
  }

  /** Grants on objects in the caller's subtree. */
  async listGrants(ctx: RequestContext, f: { userId?: string; objectType?: string; objectId?: string; includeRevoked: boolean }): Promise<TGrant[]> {
    const actor = requireActor(ctx);
    const rows = await accessRepo.list(this.deps.db, actor.institutionId, actor.orgPath, f, this.deps.now());
    return rows.map(toGrant);
  }

  /**
   * Grants a user sight of one object in the granter's subtree. The grantee may sit anywhere
   * in the institution: that is the point of a grant (a head-office expert on a branch's case).
   */
  async createGrant(ctx: RequestContext, input: TCreateGrantRequest, granteeExists: boolean): Promise<TGrant> {
    const actor = requireActor(ctx);
    if (!granteeExists) throw new AppError('unprocessable', 'no such active user', [{ field: 'userId', message: 'no such active user' }]);
    const resolver = this.resolvers.get(input.objectType);
    const scopePath = resolver ? await resolver(actor, input.objectId) : undefined;
    if (!scopePath) throw new AppError('not_found', 'no such object in your scope', [{ field: 'objectId', message: 'no such object in your scope' }]);
    const now = this.deps.now();
    if (input.expiresAt && new Date(input.expiresAt) <= now) {
      throw new AppError('unprocessable', 'the expiry is in the past', [{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    return this.audit.transaction(async (tx) => {
      const row = await accessRepo.insert(tx, {
        id: randomUUID(),
        institutionId: actor.institutionId,
        userId: input.userId,
        objectType: input.objectType,
        objectId: input.objectId,
        purpose: input.purpose,
        reason: input.reason,
        scopePath,
        grantedBy: actor.userId,
        createdAt: now,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      });
      const grant = toGrant(row);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'grant.create', objectType: 'grant', objectId: row.id, scopePath, after: grant });
      return grant;
    });
  }

  /** A grant the system makes as part of another change (a sub-task owner), in its transaction. */
  async grantWithin(
    tx: Db,
    ctx: RequestContext,
    g: { userId: string; objectType: GrantObjectType; objectId: string; purpose: TGrant['purpose']; reason: string; scopePath: string },
  ): Promise<void> {
    const actor = requireActor(ctx);
    const row = await accessRepo.insert(tx, {
      id: randomUUID(),
      institutionId: actor.institutionId,
      ...g,
      grantedBy: actor.userId,
      createdAt: this.deps.now(),
      expiresAt: null,
    });
    await this.audit.record(tx, ctx, actor.institutionId, { action: 'grant.create', objectType: 'grant', objectId: row.id, scopePath: g.scopePath, after: toGrant(row) });
  }

  async revokeGrant(ctx: RequestContext, id: string): Promise<TGrant> {
    const actor = requireActor(ctx);
    const existing = await accessRepo.byId(this.deps.db, actor.institutionId, id);
    if (!existing || !this.inSubtree(actor, existing.scopePath)) throw new AppError('not_found', 'no such grant');
    if (existing.revokedAt) throw new AppError('conflict', 'the grant is already revoked');
    return this.audit.transaction(async (tx) => {
      const row = await accessRepo.revoke(tx, id, actor.userId, this.deps.now());
      if (!row) throw new AppError('conflict', 'the grant is already revoked');
      const grant = toGrant(row);
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: 'grant.revoke',
        objectType: 'grant',
        objectId: id,
        scopePath: existing.scopePath,
        before: toGrant(existing),
        after: grant,
      });
      return grant;
    });
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
