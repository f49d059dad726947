import { createHash } from 'node:crypto';
import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { contacts, customers, escapeLike, insertRows, orgUnits, type Db } from '@loopdesk/db';

export type CustomerRow = typeof customers.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;

/** The class of the advisory locks held on customer look-up keys (pg_advisory_xact_lock's first argument). */
const CUSTOMER_KEY_LOCK = 0x4c44434b; // "LDCK"

export const customersRepo = {
  /**
   * Holds a transaction-level lock on each look-up key until the commit, taken in one fixed order
   * so two transactions locking overlapping keys never deadlock on them.
   */
  async lockKeys(db: Db, institutionId: string, keys: readonly string[]): Promise<void> {
    const ids = [...new Set(keys.map((k) => createHash('sha256').update(`${institutionId}:${k}`).digest().readInt32BE(0)))].sort((a, b) => a - b);
    if (ids.length === 0) return;
    const list = sql.join(ids.map((id) => sql`${id}::int4`), sql`, `);
    await db.execute(sql`select count(pg_advisory_xact_lock(${CUSTOMER_KEY_LOCK}, k)) from (select k from unnest(array[${list}]) as k order by k) as keys`);
  },

  /** Inserts customers in one statement; the rows in no promised order. */
  insertMany(db: Db, rows: readonly (typeof customers.$inferInsert)[]) {
    return insertRows(db, customers, rows);
  },

  /** Customers of an institution with any of these USCCs, ID-number or phone keyed hashes, oldest first. */
  findAny(db: Db, institutionId: string, by: { usccs: string[]; idNumberIndexes: string[]; phoneIndexes: string[] }) {
    const any = [
      by.usccs.length > 0 ? inArray(customers.uscc, by.usccs) : undefined,
      by.idNumberIndexes.length > 0 ? inArray(customers.idNumberIndex, by.idNumberIndexes) : undefined,
      by.phoneIndexes.length > 0 ? inArray(customers.phoneIndex, by.phoneIndexes) : undefined,
    ].filter((c) => c !== undefined);
    return db
      .select({ id: customers.id, uscc: customers.uscc, idNumberIndex: customers.idNumberIndex, phoneIndex: customers.phoneIndex })
      .from(customers)
      .where(and(eq(customers.institutionId, institutionId), or(...any)))
      .orderBy(asc(customers.createdAt), asc(customers.id));
  },

  /**
   * Records look-up keys (sealed value and keyed hash) on a customer that has none of them yet;
   * the row as it now stands, or undefined when it already had one.
   */
  recordKeys(
    db: Db,
    institutionId: string,
    id: string,
    set: Partial<Pick<CustomerRow, 'idNumberSealed' | 'idNumberIndex' | 'phoneSealed' | 'phoneIndex'>>,
    now: Date,
  ) {
    return db
      .update(customers)
      .set({ ...set, version: sql`${customers.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(customers.institutionId, institutionId),
          eq(customers.id, id),
          set.idNumberIndex ? isNull(customers.idNumberIndex) : undefined,
          set.phoneIndex ? isNull(customers.phoneIndex) : undefined,
        ),
      )
      .returning()
      .then((r) => r[0]);
  },

  /** A customer with the path of the unit that owns the relationship. */
  byId(db: Db, institutionId: string, id: string) {
    return db
      .select({ customer: customers, path: orgUnits.path })
      .from(customers)
      .innerJoin(orgUnits, eq(orgUnits.id, customers.orgUnitId))
      .where(and(eq(customers.institutionId, institutionId), eq(customers.id, id)))
      .then((r) => r[0]);
  },

  /** Exact look-ups; the index columns hold keyed hashes, so no row is decrypted to search. */
  find(db: Db, institutionId: string, by: { uscc?: string; idNumberIndex?: string; phoneIndex?: string; name?: string }, limit: number) {
    const where = [eq(customers.institutionId, institutionId)];
    if (by.uscc) where.push(eq(customers.uscc, by.uscc));
    if (by.idNumberIndex) where.push(eq(customers.idNumberIndex, by.idNumberIndex));
    if (by.phoneIndex) where.push(eq(customers.phoneIndex, by.phoneIndex));
    if (by.name) where.push(and(eq(customers.type, 'enterprise'), ilike(customers.displayName, `%${escapeLike(by.name)}%`))!);
    return db
      .select({ customer: customers, path: orgUnits.path })
      .from(customers)
      .innerJoin(orgUnits, eq(orgUnits.id, customers.orgUnitId))
      .where(and(...where))
      .orderBy(customers.displayName)
      .limit(limit);
  },

  insertContact(db: Db, row: typeof contacts.$inferInsert) {
    return db.insert(contacts).values(row).returning().then((r) => r[0]!);
  },

  contacts(db: Db, customerId: string) {
    return db.select().from(contacts).where(eq(contacts.customerId, customerId)).orderBy(contacts.createdAt);
  },

  /** The sealed names of customers and contacts, for masking them (one look-up each). */
  sealedNames(db: Db, institutionId: string, customerIds: readonly string[], contactIds: readonly string[]) {
    return Promise.all([
      customerIds.length === 0
        ? []
        : db
            .select({ id: customers.id, type: customers.type, nameSealed: customers.nameSealed, legalRepresentativeSealed: customers.legalRepresentativeSealed })
            .from(customers)
            .where(and(eq(customers.institutionId, institutionId), inArray(customers.id, [...customerIds]))),
      contactIds.length === 0
        ? []
        : db.select({ id: contacts.id, nameSealed: contacts.nameSealed }).from(contacts).where(and(eq(contacts.institutionId, institutionId), inArray(contacts.id, [...contactIds]))),
    ]);
  },

  contactById(db: Db, institutionId: string, id: string) {
    return db
      .select()
      .from(contacts)
      .where(and(eq(contacts.institutionId, institutionId), eq(contacts.id, id)))
      .then((r) => r[0]);
  },
};
