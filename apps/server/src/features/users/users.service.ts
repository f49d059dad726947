import { randomUUID } from 'node:crypto';
import {
  maskEmail,
  maskPhone,
  passwordProblems,
  type Role,
  type TCreateUserRequest,
  type TStaffMember,
  type TUpdateUserRequest,
  type TUser,
} from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { decoyHash, generateOneTimePassword, hashPassword, verifyPassword } from '../../platform/passwords';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import type { OrgService } from '../org/org.service';
import { usersRepo, type UserRow } from './users.repo';

export interface UserListQuery {
  q?: string;
  orgUnitId?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  limit: number;
  offset: number;
}

export class UsersService {
  constructor(
    private readonly deps: Deps,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly org: OrgService,
  ) {}

  /** Staff in the caller's subtree (or a unit of it); personal data always masked in lists. */
  async list(ctx: RequestContext, q: UserListQuery): Promise<{ items: TUser[]; total: number }> {
    const actor = requireActor(ctx);
    const under = q.orgUnitId ? (await this.org.ownedUnit(actor, q.orgUnitId)).path : actor.orgPath;
    const { rows, total } = await usersRepo.list(this.deps.db, { institutionId: actor.institutionId, underPath: under, q: q.q, role: q.role, status: q.status }, q.limit, q.offset);
    return { items: rows.map((r) => this.toUser(r, false)), total };
  }

  /** One staff member; unmasked for roles that may read staff personal data, and that read is audited. */
  async get(ctx: RequestContext, id: string): Promise<TUser> {
    const actor = requireActor(ctx);
    const { user: row, path } = await this.inScope(ctx, id);
    if (!actor.permissions.has('users.read_pii') || (!row.emailSealed && !row.phoneSealed)) return this.toUser(row, false);
    return this.audit.transaction(async (tx) => {
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'user.pii_read', objectType: 'user', objectId: id, scopePath: path, after: { fields: ['email', 'phone'] } });
      return this.toUser(row, true);
    });
  }

  async create(ctx: RequestContext, input: TCreateUserRequest): Promise<{ user: TUser; oneTimePassword: string }> {
    const actor = requireActor(ctx);
    const unit = await this.org.ownedUnit(actor, input.orgUnitId);
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const row = await this.audit.transaction(async (tx) => {
      const created = await this.insert(tx, actor.institutionId, { ...input, passwordHash, mustChangePassword: true });
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'user.create', objectType: 'user', objectId: created.id, scopePath: unit.path, after: this.toUser(created, false) });
      return created;
    });
    return { user: this.toUser(row, false), oneTimePassword };
  }

  /** Inserts an account in the caller's transaction (also used to create the first admin). */
  async insert(
    tx: Db,
    institutionId: string,
    input: TCreateUserRequest & { passwordHash: string; mustChangePassword: boolean },
  ): Promise<UserRow> {
    const id = randomUUID();
    const now = this.deps.now();
    return usersRepo.insert(tx, {
      id,
      institutionId,
      orgUnitId: input.orgUnitId,
      username: input.username,
      displayName: input.displayName,
      emailSealed: this.deps.cipher.sealNullable(input.email, `users.email:${id}`),
      phoneSealed: this.deps.cipher.sealNullable(input.phone, `users.phone:${id}`),
      roles: input.roles,
      passwordHash: input.passwordHash,
      mustChangePassword: input.mustChangePassword,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  }

  async update(ctx: RequestContext, id: string, input: TUpdateUserRequest): Promise<TUser> {
    const actor = requireActor(ctx);
    const { user: row, path } = await this.inScope(ctx, id);
    const movedTo = input.orgUnitId ? await this.org.ownedUnit(actor, input.orgUnitId) : undefined;
    if (id === actor.userId) {
      if (input.status === 'disabled') throw fieldError('status', 'you cannot disable your own account');
      if (input.roles && actor.roles.includes('admin') && !input.roles.includes('admin')) {
        throw fieldError('roles', 'you cannot remove your own admin role');
      }
    }
    const set: Partial<UserRow> = {};
    if (input.displayName !== undefined) set.displayName = input.displayName;
    if (input.email !== undefined) set.emailSealed = this.deps.cipher.sealNullable(input.email, `users.email:${id}`);
    if (input.phone !== undefined) set.phoneSealed = this.deps.cipher.sealNullable(input.phone, `users.phone:${id}`);
    if (input.roles !== undefined) set.roles = input.roles;
    if (input.orgUnitId !== undefined) set.orgUnitId = input.orgUnitId;
    if (input.status !== undefined) set.status = input.status;
    return this.audit.transaction(async (tx) => {
      const updated = await usersRepo.update(tx, id, input.version, set, this.deps.now());
      if (!updated) throw new AppError('stale_version', 'the account was changed by someone else; reload and try again');
      if (input.status === 'disabled') await this.sessions.revokeAll(tx, id);
      const after = this.toUser(updated, false);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'user.update', objectType: 'user', objectId: id, scopePath: movedTo?.path ?? path, before: this.toUser(row, false), after });
      return after;
    });
  }

  /** Issues a one-time password, ends the user's sessions and clears a lock-out. */
  async resetPassword(ctx: RequestContext, id: string): Promise<{ user: TUser; oneTimePassword: string }> {
    const actor = requireActor(ctx);
    const { user: row, path } = await this.inScope(ctx, id);
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const updated = await this.audit.transaction(async (tx) => {
      const u = await usersRepo.update(tx, id, row.version, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, passwordChangedAt: this.deps.now() }, this.deps.now());
      if (!u) throw new AppError('stale_version', 'the account was changed by someone else; try again');
      await this.sessions.revokeAll(tx, id);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'user.reset_password', objectType: 'user', objectId: id, scopePath: path });
      return u;
    });
    return { user: this.toUser(updated, false), oneTimePassword };
  }

  async unlock(ctx: RequestContext, id: string): Promise<TUser> {
    const actor = requireActor(ctx);
    const { user: row, path } = await this.inScope(ctx, id);
    return this.audit.transaction(async (tx) => {
      const u = await usersRepo.update(tx, id, row.version, { failedLogins: 0, lockedUntil: null }, this.deps.now());
      if (!u) throw new AppError('stale_version', 'the account was changed by someone else; try again');
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'user.unlock', objectType: 'user', objectId: id, scopePath: path, before: { lockedUntil: row.lockedUntil?.toISOString() ?? null, failedLogins: row.failedLogins } });
      return this.toUser(u, false);
    });
  }

  /**
   * Checks a sign-in. Failures are counted in the database, so every API process sees them,
   * and the account locks after the configured number in a row.
   */
  async authenticate(ctx: RequestContext, username: string, password: string): Promise<{ user: UserRow; orgPath: string }> {
    const { db, config } = this.deps;
    const found = await usersRepo.byUsername(db, username.toLowerCase());
    if (!found) {
      // Spend the same time as for a known name, so timing does not reveal which names exist.
      await verifyPassword(password, await decoyHash());
      throw new AppError('invalid_credentials', 'wrong user name or password');
    }
    const { user, path: orgPath } = found;
    const now = this.deps.now();
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new AppError('account_locked', `too many failed sign-ins; try again after ${user.lockedUntil.toISOString()} or ask an administrator to unlock the account`);
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const lockUntil = new Date(now.getTime() + config.LOOPDESK_LOCKOUT_MINUTES * 60_000);
      const locked = await this.audit.transaction(async (tx) => {
        const s = await usersRepo.recordFailure(tx, user.id, config.LOOPDESK_LOGIN_MAX_FAILURES, now, lockUntil);
        const nowLocked = !!s?.lockedUntil && s.lockedUntil > now;
        await this.audit.record(tx, ctx, user.institutionId, {
          action: nowLocked ? 'auth.lockout' : 'auth.login_failed',
          objectType: 'user',
          objectId: user.id,
          scopePath: orgPath,
          after: { failedLogins: s?.failedLogins ?? null },
        });
        return nowLocked;
      });
      if (locked) throw new AppError('account_locked', 'too many failed sign-ins: the account is locked');
      throw new AppError('invalid_credentials', 'wrong user name or password');
    }
    if (user.status !== 'active') throw new AppError('account_disabled', 'the account is disabled');
    return { user, orgPath };
  }

  recordLogin(tx: Db, userId: string) {
    return usersRepo.recordSuccess(tx, userId, this.deps.now());
  }

  /** The caller changes their own password; other sessions end, this one stays. */
  async changeOwnPassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const actor = requireActor(ctx);
    const { user: row } = await this.inScope(ctx, actor.userId);
    if (!(await verifyPassword(currentPassword, row.passwordHash))) {
      throw new AppError('invalid_credentials', 'the current password is wrong', [{ field: 'currentPassword', message: 'wrong password' }]);
    }
    const problems = passwordProblems(newPassword, currentPassword);
    if (problems.length > 0) {
      throw new AppError('weak_password', 'the new password does not meet the rules', [{ field: 'newPassword', message: problems.join(', '), code: problems[0] }]);
    }
    const passwordHash = await hashPassword(newPassword);
    await this.audit.transaction(async (tx) => {
      const u = await usersRepo.update(tx, row.id, row.version, { passwordHash, mustChangePassword: false, passwordChangedAt: this.deps.now() }, this.deps.now());
      if (!u) throw new AppError('stale_version', 'the account changed meanwhile; try again');
      await this.sessions.revokeAll(tx, row.id, actor.sessionId);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'user.change_password', objectType: 'user', objectId: row.id });
    });
  }

  /**
   * The staff directory: colleagues across the institution by name and role, without personal
   * data, so that case workers can name a sub-task owner in another department or the staff a
   * complaint is about.
   */
  async directory(ctx: RequestContext, q: { q?: string; role?: Role; orgUnitId?: string; limit: number }): Promise<TStaffMember[]> {
    const actor = requireActor(ctx);
    // Any unit of the institution: a sub-task's department is often outside the asker's subtree.
    const unit = q.orgUnitId ? await this.org.unitInInstitution(actor.institutionId, q.orgUnitId) : undefined;
    if (q.orgUnitId && !unit) throw new AppError('unprocessable', 'no such org unit', [{ field: 'orgUnitId', message: 'no such org unit' }]);
    const rows = await usersRepo.directory(this.deps.db, actor.institutionId, { ...q, underPath: unit?.path }, q.limit);
    return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.displayName, orgUnitId: r.orgUnitId, roles: r.roles as Role[] }));
  }

  /**
   * Who must stay out of a case about these staff members (recusal): the staff themselves and
   * their line managers — team leads and branch managers in their unit or above it. Pass the
   * transaction when calling from inside one.
   */
  async recusedFor(institutionId: string, staffIds: readonly string[], db: Db = this.deps.db): Promise<string[]> {
    const staff = await usersRepo.withPaths(db, institutionId, [...staffIds]);
    const managers = await usersRepo.holdersAbove(db, institutionId, staff.map((s) => s.path), ['team_lead', 'branch_manager']);
    return [...new Set([...staffIds, ...managers.map((m) => m.id)])];
  }

  /** Active staff holding any of these roles, with their units' paths (escalation walks up the line); pass the transaction when inside one. */
  async activeHolders(db: Db, institutionId: string, roles: readonly Role[]): Promise<{ id: string; path: string; roles: Role[] }[]> {
    const rows = await usersRepo.holders(db, institutionId, [...roles]);
    return rows.filter((r) => r.user.status === 'active').map((r) => ({ id: r.user.id, path: r.path, roles: r.user.roles as Role[] }));
  }

  /** Active staff among these ids, with the paths of their units (for assignment and intake checks). */
  async activeWithPaths(institutionId: string, ids: readonly string[]): Promise<{ id: string; path: string; roles: Role[]; orgUnitId: string }[]> {
    const rows = await usersRepo.withPaths(this.deps.db, institutionId, [...ids]);
    return rows.filter((r) => r.user.status === 'active').map((r) => ({ id: r.user.id, path: r.path, roles: r.user.roles as Role[], orgUnitId: r.user.orgUnitId }));
  }

  /**
   * Whether an active account exists in the caller's institution, whatever its scope: grants
   * reach staff outside the granter's subtree (a head-office expert on a branch's case).
   */
  async existsInInstitution(ctx: RequestContext, userId: string): Promise<boolean> {
    const found = await usersRepo.withPath(this.deps.db, requireActor(ctx).institutionId, userId);
    return found?.user.status === 'active';
  }

  /** A user in the caller's subtree with their org unit's path, else not_found. */
  private async inScope(ctx: RequestContext, id: string): Promise<{ user: UserRow; path: string }> {
    const actor = requireActor(ctx);
    const found = await usersRepo.withPath(this.deps.db, actor.institutionId, id);
    if (!found || !this.access.inSubtree(actor, found.path)) throw new AppError('not_found', 'no such user');
    return found;
  }

  private toUser(r: UserRow, unmasked: boolean): TUser {
    const email = this.deps.cipher.openNullable(r.emailSealed, `users.email:${r.id}`);
    const phone = this.deps.cipher.openNullable(r.phoneSealed, `users.phone:${r.id}`);
    const now = this.deps.now();
    return {
      id: r.id,
      username: r.username,
      displayName: r.displayName,
      email: email && (unmasked ? email : maskEmail(email)),
      phone: phone && (unmasked ? phone : maskPhone(phone)),
      piiMasked: !unmasked,
      roles: r.roles as Role[],
      orgUnitId: r.orgUnitId,
      status: r.status as TUser['status'],
      locked: !!r.lockedUntil && r.lockedUntil > now,
      mustChangePassword: r.mustChangePassword,
      lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  }
}

function fieldError(field: string, message: string): AppError {
  return new AppError('unprocessable', message, [{ field, message }]);
}
