import { and, asc, desc, eq, gt, gte, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import { accessGrants, auditEntries, auditHeads, cases, sessions, categories, institutions, integrations, orgUnits, replyTemplates, savedViews, teams, users, type Db, escapeLike, insertRowsSql, runStatement, Statement } from '@loopdesk/db';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { TAuditQuery } from '@loopdesk/core';

export type AuditRow = typeof auditEntries.$inferSelect;

/** The object types an entry's object can be named by, and what names it. */
const LABELS: Record<string, { table: PgTable; id: PgColumn; institutionId: PgColumn; label: PgColumn | SQL }> = {
  case: { table: cases, id: cases.id, institutionId: cases.institutionId, label: cases.number },
  user: { table: users, id: users.id, institutionId: users.institutionId, label: users.displayName },
  org_unit: { table: orgUnits, id: orgUnits.id, institutionId: orgUnits.institutionId, label: orgUnits.name },
  team: { table: teams, id: teams.id, institutionId: teams.institutionId, label: teams.name },
  saved_view: { table: savedViews, id: savedViews.id, institutionId: savedViews.institutionId, label: savedViews.name },
  category: { table: categories, id: categories.id, institutionId: categories.institutionId, label: categories.nameZh },
  template: { table: replyTemplates, id: replyTemplates.id, institutionId: replyTemplates.institutionId, label: replyTemplates.title },
  integration: { table: integrations, id: integrations.id, institutionId: integrations.institutionId, label: integrations.name },
  institution: { table: institutions, id: institutions.id, institutionId: institutions.id, label: institutions.name },
  // A session or a grant by the person it is for (whose session was ended, who was given access).
  session: { table: sessions, id: sessions.id, institutionId: sessions.institutionId, label: sql`(select ${users.displayName} from ${users} where ${users.id} = ${sessions.userId})` },
  grant: { table: accessGrants, id: accessGrants.id, institutionId: accessGrants.institutionId, label: sql`(select ${users.displayName} from ${users} where ${users.id} = ${accessGrants.userId})` },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


export const auditRepo = {
  /** Locks the institution's chain head for this transaction, creating it at the genesis hash. */
  async lockHead(tx: Db, institutionId: string, genesis: string) {
    // One statement: creates the head at the genesis or, when it exists, locks it (the no-op
    // update takes the row lock) and returns it as it stands.
    const [head] = await tx
      .insert(auditHeads)
      .values({ institutionId, seq: 0, hash: genesis })
      .onConflictDoUpdate({ target: auditHeads.institutionId, set: { seq: sql`${auditHeads.seq}` } })
      .returning();
    return head!;
  },

  /** Inserts entries of one institution, in chain order, and moves its head to the last. */
  async append(tx: Db, rows: readonly AuditRow[]) {
    const last = rows.at(-1);
    if (!last) return;
    // One round trip: the entries in a data-modifying CTE, the head moved by the statement itself.
    const s = new Statement();
    const insert = insertRowsSql(auditEntries, rows, s);
    const move = s.expression(tx.update(auditHeads).set({ seq: last.seq, hash: last.hash }).where(eq(auditHeads.institutionId, last.institutionId)).getSQL());
    await runStatement(tx, `with appended as (${insert}) ${move}`, s);
  },

  head(db: Db, institutionId: string) {
    return db.select().from(auditHeads).where(eq(auditHeads.institutionId, institutionId)).then((r) => r[0]);
  },

  /** A page of entries in chain order, after `afterSeq`. */
  chainPage(db: Db, institutionId: string, afterSeq: number, limit: number) {
    return db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.institutionId, institutionId), gt(auditEntries.seq, afterSeq)))
      .orderBy(asc(auditEntries.seq))
      .limit(limit);
  },

  entryAt(db: Db, institutionId: string, seq: number) {
    return db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.institutionId, institutionId), eq(auditEntries.seq, seq)))
      .then((r) => r[0]);
  },

  /** Newest first, filtered, within `underPath` when given; `beforeSeq` pages backwards. */
  search(db: Db, institutionId: string, underPath: string | null, q: TAuditQuery) {
    const where: SQL[] = [eq(auditEntries.institutionId, institutionId)];
    if (underPath !== null) where.push(like(auditEntries.scopePath, `${escapeLike(underPath)}%`));
    if (q.actorId) where.push(eq(auditEntries.actorId, q.actorId));
    if (q.objectType) where.push(eq(auditEntries.objectType, q.objectType));
    if (q.objectId) where.push(eq(auditEntries.objectId, q.objectId));
    if (q.action) where.push(like(auditEntries.action, `${escapeLike(q.action)}%`));
    if (q.from) where.push(gte(auditEntries.at, new Date(q.from)));
    if (q.to) where.push(lte(auditEntries.at, new Date(q.to)));
    if (q.beforeSeq) where.push(lt(auditEntries.seq, q.beforeSeq));
    return db
      .select()
      .from(auditEntries)
      .where(and(...where))
      .orderBy(desc(auditEntries.seq))
      .limit(q.limit);
  },

  /**
   * What a person recognises objects by (`type:id` → a case's number, a user's or unit's name …),
   * for the types that have one, all in one statement through their primary keys.
   */
  async labels(db: Db, institutionId: string, objects: readonly { type: string; id: string }[]): Promise<Map<string, string>> {
    const byType = new Map<string, Set<string>>();
    for (const o of objects) {
      if (!LABELS[o.type] || !UUID.test(o.id)) continue;
      const ids = byType.get(o.type) ?? new Set<string>();
      byType.set(o.type, ids.add(o.id.toLowerCase()));
    }
    if (byType.size === 0) return new Map();
    const parts = [...byType].map(([type, ids]) => {
      const l = LABELS[type]!;
      const list = sql.join([...ids].map((id) => sql`${id}::uuid`), sql`, `);
      return sql`select ${type}::text as type, ${l.id}::text as id, ${l.label}::text as label from ${l.table} where ${l.institutionId} = ${institutionId} and ${l.id} in (${list})`;
    });
    const result = (await db.execute(sql.join(parts, sql` union all `))) as unknown as { rows: { type: string; id: string; label: string }[] };
    return new Map(result.rows.map((r) => [`${r.type}:${r.id}`, r.label]));
  },
};
