import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, TSessionInfo } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { permissionsOf } from '../access/permissions';
import type { AuditService } from '../audit/audit.service';
import { sessionRepo, type SessionRow } from './session.repo';

// Sliding expiry is written at most this often, so that reads do not each cost a write.
const TOUCH_EVERY_MS = 60_000;

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  institutionName: string;
  timeZone: string;
  /** The regulatory rule set the institution's clocks run on. */
  ruleSetId: string;
  orgUnitName: string;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** Server-side sessions: the cookie holds a random token, the database only its hash. */
export class SessionService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
  ) {}

  async create(tx: Db, user: { id: string; institutionId: string }, ctx: RequestContext): Promise<NewSession & { id: string }> {
    const now = this.deps.now();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = this.idleExpiry(now, now);
    const row = await sessionRepo.insert(tx, {
      id: randomUUID(),
      institutionId: user.institutionId,
      userId: user.id,
      tokenHash: sha256(token),
      csrfToken,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 400) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { id: row.id, token, csrfToken, expiresAt };
  }

  /** The actor behind a cookie token, or null when it is unknown, revoked or expired. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    const now = this.deps.now();
    const found = await sessionRepo.resolve(this.deps.db, sha256(token), now);
    if (!found) return null;
    const { session, user } = found;
    if (user.status !== 'active') return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      // Sliding idle expiry, capped by the absolute maximum from creation.
      await sessionRepo.touch(this.deps.db, session.id, now, this.idleExpiry(now, session.createdAt));
    }
    const roles = user.roles as Role[];
    return {
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        institutionId: user.institutionId,
        orgUnitId: user.orgUnitId,
        orgPath: found.orgPath,
        roles,
        permissions: permissionsOf(roles),
        sessionId: session.id,
        mustChangePassword: user.mustChangePassword,
      },
      csrfToken: session.csrfToken,
      institutionName: found.institutionName,
      timeZone: found.timeZone,
      ruleSetId: found.ruleSetId,
      orgUnitName: found.orgName,
    };
  }

  async list(ctx: RequestContext): Promise<TSessionInfo[]> {
    const actor = requireActor(ctx);
    const rows = await sessionRepo.listLive(this.deps.db, actor.userId, this.deps.now());
    return rows.map((r) => toInfo(r, actor.sessionId));
  }

  /** Revokes one of the caller's own sessions. */
  async revoke(ctx: RequestContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    await this.audit.transaction(async (tx) => {
      if (!(await sessionRepo.revoke(tx, actor.userId, id, this.deps.now()))) throw new AppError('not_found', 'no such session');
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'session.revoke', objectType: 'session', objectId: id });
    });
  }

  revokeAll(tx: Db, userId: string, keepId?: string) {
    return sessionRepo.revokeAll(tx, userId, this.deps.now(), keepId);
  }

  private idleExpiry(now: Date, createdAt: Date): Date {
    const { LOOPDESK_SESSION_IDLE_MINUTES: idle, LOOPDESK_SESSION_MAX_HOURS: max } = this.deps.config;
    return new Date(Math.min(now.getTime() + idle * 60_000, createdAt.getTime() + max * 3_600_000));
  }
}

function toInfo(r: SessionRow, currentId: string): TSessionInfo {
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
    current: r.id === currentId,
  };
}
