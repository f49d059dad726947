import type { Role } from '@loopdesk/core';
import type { Permission } from '../features/access/permissions';

/** The signed-in staff member a request acts for. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  institutionId: string;
  orgUnitId: string;
  /** Materialised path of the actor's org unit: their scope is every unit under it. */
  orgPath: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  sessionId: string;
  mustChangePassword: boolean;
}

/** Who is asking and from where: what services need for scoping and for the audit trail. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string;
  userAgent: string | null;
  /** Who acts when no staff member does: a channel integration, recorded in the audit trail. */
  via?: string;
}

/** A context for work with no request behind it (start-up seeding, CLI). */
export function systemContext(requestId = 'system'): RequestContext {
  return { actor: null, ip: null, requestId, userAgent: null };
}

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new Error('this operation needs a signed-in actor');
  return ctx.actor;
}
