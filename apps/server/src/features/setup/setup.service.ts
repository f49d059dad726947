import { sql } from 'drizzle-orm';
import { DEMO_INSTITUTION } from '@loopdesk/db';
import { systemContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { generateOneTimePassword, hashPassword } from '../../platform/passwords';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import type { UsersService } from '../users/users.service';
import { DEMO_STAFF } from './demo-staff';
import { setupRepo } from './setup.repo';

export const DEMO_ADMIN_USERNAME = 'admin';
const SETUP_LOCK_KEY = 0x4c445345; // "LDSE"

export interface SetupResult {
  created: boolean;
  institutionId: string;
  adminUsername: string;
  /** Shown once on the console when LoopDesk made the password up itself. */
  oneTimePassword: string | null;
  /** The demo staff created with the institution (none on later starts). */
  demoStaff: { username: string; displayName: string; roles: string[]; unitName: string }[];
  /** Their one shared password when LoopDesk made it up; null when it is LOOPDESK_ADMIN_PASSWORD. */
  demoStaffPassword: string | null;
}

/** First-start work: the demo institution with its org tree, an administrator and demo staff. Idempotent. */
export class SetupService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly users: UsersService,
  ) {}

  async ensureDemoInstitution(): Promise<SetupResult> {
    const existing = await this.org.institutionByCode(DEMO_INSTITUTION.code);
    if (existing) return notCreated(existing.id);

    const given = this.deps.config.LOOPDESK_ADMIN_PASSWORD;
    const password = given ?? generateOneTimePassword();
    const passwordHash = await hashPassword(password);
    const ctx = systemContext();
    return this.audit.transaction(async (tx) => {
      // Two processes starting at once: the second waits here, then finds the institution.
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      const raced = await this.org.institutionByCode(DEMO_INSTITUTION.code, tx);
      if (raced) return notCreated(raced.id);
      const { institutionId, root } = await this.org.createInstitution(tx, ctx, DEMO_INSTITUTION);
      const admin = await this.users.insert(tx, institutionId, {
        username: DEMO_ADMIN_USERNAME,
        displayName: '系统管理员',
        roles: ['admin'],
        orgUnitId: root.id,
        passwordHash,
        mustChangePassword: given === undefined,
      });
      await this.audit.record(tx, ctx, institutionId, {
        action: 'user.create',
        objectType: 'user',
        objectId: admin.id,
        scopePath: root.path,
        after: { username: admin.username, roles: admin.roles, orgUnitId: admin.orgUnitId },
      });
      return { ...notCreated(institutionId), created: true, oneTimePassword: given ? null : password };
    });
  }

  /**
   * The demo staff, for a demo institution just created: the server calls it right after
   * `ensureDemoInstitution` on a first start (tests that build their own staff do not).
   */
  async createDemoStaff(institutionId: string): Promise<Pick<SetupResult, 'demoStaff' | 'demoStaffPassword'>> {
    const given = this.deps.config.LOOPDESK_ADMIN_PASSWORD;
    // The demo staff share one password of their own, so the admin's is not handed round with it.
    const password = given ?? generateOneTimePassword();
    // One hash for all of them: they share a password the banner prints anyway, and each gets a
    // salt of its own when they change it at first sign-in. Saves ~50 ms a head at start.
    const passwordHash = await hashPassword(password);
    const ctx = systemContext();
    return this.audit.transaction(async (tx) => {
      const units = await setupRepo.unitsByCode(tx, institutionId);
      const demoStaff: SetupResult['demoStaff'] = [];
      for (const member of DEMO_STAFF) {
        const unit = units.get(member.orgCode);
        if (!unit) throw new Error(`the demo institution has no unit ${member.orgCode}`);
        const user = await this.users.insert(tx, institutionId, {
          username: member.username,
          displayName: member.displayName,
          roles: member.roles,
          orgUnitId: unit.id,
          passwordHash,
          mustChangePassword: given === undefined,
        });
        await this.audit.record(tx, ctx, institutionId, {
          action: 'user.create',
          objectType: 'user',
          objectId: user.id,
          scopePath: unit.path,
          after: { username: user.username, roles: user.roles, orgUnitId: user.orgUnitId },
        });
        demoStaff.push({ username: member.username, displayName: member.displayName, roles: member.roles, unitName: unit.name });
      }
      return { demoStaff, demoStaffPassword: given ? null : password };
    });
  }
}

function notCreated(institutionId: string): SetupResult {
  return { created: false, institutionId, adminUsername: DEMO_ADMIN_USERNAME, oneTimePassword: null, demoStaff: [], demoStaffPassword: null };
}
