import { and, desc, eq, isNull } from 'drizzle-orm';
import { intakeRequests, integrations, type Db } from '@loopdesk/db';

export type IntegrationRow = typeof integrations.$inferSelect;

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

  liveIntegrationByKey(db: Db, keyId: string) {
    return db
      .select()
      .from(integrations)
      .where(and(eq(integrations.keyId, keyId), isNull(integrations.revokedAt)))
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

  insertRequest(db: Db, row: typeof intakeRequests.$inferInsert) {
    return db.insert(intakeRequests).values(row);
  },
};
