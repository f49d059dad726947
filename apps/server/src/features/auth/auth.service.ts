import { DEFAULT_RULE_SET_ID, reviewWindowDays, shippedRuleSet, type TMe } from '@loopdesk/core';
import type { RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../users/users.service';
import type { NewSession, ResolvedSession, SessionService } from './session.service';

/** Sign-in and sign-out over server-side sessions. */
export class AuthService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly users: UsersService,
  ) {}

  async login(ctx: RequestContext, username: string, password: string): Promise<NewSession> {
    const { user, orgPath } = await this.users.authenticate(ctx, username, password);
    return this.audit.transaction(async (tx) => {
      await this.users.recordLogin(tx, user.id);
      const session = await this.sessions.create(tx, user, ctx);
      await this.audit.record(tx, ctx, user.institutionId, {
        action: 'auth.login',
        objectType: 'session',
        objectId: session.id,
        scopePath: orgPath,
        actedAs: { userId: user.id, username: user.username },
      });
      return session;
    });
  }

  async logout(ctx: RequestContext): Promise<void> {
    if (ctx.actor) await this.sessions.revoke(ctx, ctx.actor.sessionId);
  }

  me(resolved: ResolvedSession): TMe {
    const { actor } = resolved;
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      permissions: [...actor.permissions].sort(),
      institutionId: actor.institutionId,
      institutionName: resolved.institutionName,
      timeZone: resolved.timeZone,
      reviewWindowDays: reviewWindowDays(shippedRuleSet(resolved.ruleSetId) ?? shippedRuleSet(DEFAULT_RULE_SET_ID)!),
      orgUnitId: actor.orgUnitId,
      orgUnitName: resolved.orgUnitName,
      mustChangePassword: actor.mustChangePassword,
    };
  }
}
