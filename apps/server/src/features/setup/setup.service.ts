import { sql } from 'drizzle-orm';
import { DEMO_INSTITUTION } from '@loopdesk/db';
import { systemContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { generateOneTimePassword, hashPassword } from '../../platform/passwords';
import type { AuditService } from '../audit/audit.service';
import type { OrgService } from '../org/org.service';
import type { UsersService } from '../users/users.service';

export const DEMO_ADMIN_USERNAME = 'admin';
const SETUP_LOCK_KEY = 0x4c445345; // "LDSE"

export interface SetupResult {
  created: boolean;
  institutionId: string;
  adminUsername: string;
  /** Shown once on the console when LoopDesk made the password up itself. */
  oneTimePassword: string | null;
}

/** First-start work: the demo institution with its org tree and an administrator. Idempotent. */
export class SetupService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly users: UsersService,
  ) {}

  async ensureDemoInstitution(): Promise<SetupResult> {
    const existing = await this.org.institutionByCode(DEMO_INSTITUTION.code);
    if (existing) return { created: false, institutionId: existing.id, adminUsername: DEMO_ADMIN_USERNAME, oneTimePassword: null };

    const given = this.deps.config.LOOPDESK_ADMIN_PASSWORD;
    const password = given ?? generateOneTimePassword();
    const passwordHash = await hashPassword(password);
    const ctx = systemContext();
    return this.deps.db.transaction(async (tx) => {
      // Two processes starting at once: the second waits here, then finds the institution.
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      const raced = await this.org.institutionByCode(DEMO_INSTITUTION.code, tx);
      if (raced) return { created: false, institutionId: raced.id, adminUsername: DEMO_ADMIN_USERNAME, oneTimePassword: null };
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
      return { created: true, institutionId, adminUsername: DEMO_ADMIN_USERNAME, oneTimePassword: given ? null : password };
    });
  }
}
