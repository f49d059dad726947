import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { intakeRequests, integrations, orgUnits, preparedOn, type Db } from '@loopdesk/db';

export type IntegrationRow = typeof integrations.$inferSelect;
export type IntakeRequestRow = typeof intakeRequests.$inferSelect;

// Every channel request reads its integration: prepared once per handle.
const signedRequestStatement = preparedOn((db) =>
  db
    .select({ integration: integrations, unit: { id: orgUnits.id, path: orgUnits.path }, earlier: intakeRequests })
    .from(integrations)
    .leftJoin(orgUnits, and(eq(orgUnits.id, integrations.orgUnitId), eq(orgUnits.institutionId, integrations.institutionId)))
    .leftJoin(intakeRequests, and(eq(intakeRequests.integrationId, integrations.id), eq(intakeRequests.idempotencyKey, sql.placeholder('idempotencyKey'))))
    .where(and(eq(integrations.keyId, sql.placeholder('keyId')), isNull(integrations.revokedAt)))
    .prepare('loopdesk_signed_request'),
);

export const intakeRepo = {
  insertIntegration(db: Db, row: typeof integrations.$inferInsert) {
    return db.insert(integrations).values(row).returning().then((r) => r[0]!);
  },

  integrations(db: Db, institutionId: string) {
    return db.select().from(integrations).where(eq(integrations.institutionId, institutionId)).orderBy(desc(integrations.createdAt));
  },

  integrationById(db: Db, institutionId: string, id: string) {
    return db
      .select()
      .from(integrations)
      .where(and(eq(integrations.institutionId, institutionId), eq(integrations.id, id)))
      .then((r) => r[0]);
  },

  /**
   * A signed request's context in one read: the live integration of the key, its receiving unit
   * (null when gone) and the request recorded earlier under this Idempotency-Key (null: none).
   */
  signedRequest(db: Db, keyId: string, idempotencyKey: string) {
    return signedRequestStatement(db)
      .execute({ keyId, idempotencyKey })
      .then((r) => r[0]);
  },

  revokeIntegration(db: Db, id: string, now: Date) {
    return db
      .update(integrations)
      .set({ revokedAt: now })
      .where(and(eq(integrations.id, id), isNull(integrations.revokedAt)))
      .returning()
      .then((r) => r[0]);
  },

  request(db: Db, integrationId: string, idempotencyKey: string) {
    return db
      .select()
      .from(intakeRequests)
      .where(and(eq(intakeRequests.integrationId, integrationId), eq(intakeRequests.idempotencyKey, idempotencyKey)))
      .then((r) => r[0]);
  },

};
