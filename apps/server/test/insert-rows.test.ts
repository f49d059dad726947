import { randomUUID } from 'node:crypto';
import { caseEvents, caseMessages, cases, insertRows, insertRowsSql, institutions, orgUnits, runStatement, Statement, type Database } from '@loopdesk/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEngines, openTestDatabase } from './harness';

// insertRows must write and return exactly what Drizzle's own insert does, for every kind of
// column the hot paths write: arrays, jsonb, numeric, timestamps, booleans, SQL values,
// absent values (database defaults) and nulls.
describeEngines('insertRows (multi-row inserts from column metadata)', (engine) => {
  let database: Database;
  let drop: () => Promise<void>;
  const institutionId = randomUUID();
  const orgUnitId = randomUUID();

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(engine));
    await database.db.insert(institutions).values({ id: institutionId, code: 'T1', name: '测试银行' });
    await database.db.insert(orgUnits).values({ id: orgUnitId, institutionId, kind: 'head_office', code: 'HQ', name: '总行', path: `/${orgUnitId}/`, depth: 0 });
  });
  afterAll(() => drop());

  const caseRow = (n: number, extra: Partial<typeof cases.$inferInsert> = {}) => ({
    id: randomUUID(),
    institutionId,
    number: `FB-20261123-${String(n).padStart(6, '0')}`,
    orgUnitId,
    orgPath: `/${orgUnitId}/`,
    status: 'new',
    kind: 'complaint',
    kindSource: 'person',
    channel: 'hotline',
    priority: 'high',
    titleMasked: `还款计划调整 ${n}`,
    receivedAt: new Date('2026-11-20T03:04:05.678Z'),
    riskFlags: ['regulator', "it's \"quoted\" {braces}"],
    amountInvolved: 123456789,
    decision: { outcome: 'upheld', remedies: [{ kind: 'apology' }], note: '说明 "引号"' },
    searchVector: sql`to_tsvector('simple', ${`项目融资 还款 ${n}`})`,
    ...extra,
  });

  it('writes and returns what Drizzle’s insert writes and returns', async () => {
    const mine = [caseRow(1), caseRow(2, { amountInvolved: null, riskFlags: [], decision: null, regulatoryDueProvisional: true })];
    const theirs = [caseRow(3), caseRow(4, { amountInvolved: null, riskFlags: [], decision: null, regulatoryDueProvisional: true })];
    const returned = await insertRows(database.db, cases, mine);
    const drizzleReturned = await database.db.insert(cases).values(theirs).returning();
    const comparable = (r: typeof cases.$inferSelect) => ({ ...r, id: undefined, number: undefined, titleMasked: undefined, searchVector: undefined, createdAt: undefined, updatedAt: undefined });
    const byNumber = (rows: (typeof cases.$inferSelect)[]) => [...rows].sort((a, b) => a.number.localeCompare(b.number));
    expect(byNumber(returned).map(comparable)).toEqual(byNumber(drizzleReturned).map(comparable));
    // As stored, not only as returned.
    const stored = byNumber(await database.db.select().from(cases).where(inArray(cases.id, mine.map((r) => r.id))));
    expect(stored).toEqual(byNumber(returned));
    expect(stored[0]!.riskFlags).toEqual(['regulator', "it's \"quoted\" {braces}"]);
    expect(stored[0]!.amountInvolved).toBe(123456789);
    expect(stored[0]!.receivedAt.toISOString()).toBe('2026-11-20T03:04:05.678Z');
    expect(stored[1]!.eventCount).toBe(0); // absent: the database default
    expect(stored[1]!.staffComplainedAbout).toEqual([]);
    expect(stored[0]!.searchVector).toContain("'项目融资'");
  });

  it('composes several inserts into one statement, parameters numbered across them', async () => {
    const row = caseRow(5);
    await insertRows(database.db, cases, [row]);
    const messageId = randomUUID();
    const s = new Statement();
    const message = insertRowsSql(caseMessages, [{ id: messageId, institutionId, caseId: row.id, direction: 'inbound', channel: 'hotline', bodySealed: 'k1:sealed', bodyMasked: '手机 1**********' }], s);
    const events = insertRowsSql(
      caseEvents,
      [1, 2].map((seq) => ({ caseId: row.id, seq, institutionId, at: new Date(), actorId: null, type: 'registered', data: { seq, text: '登记' } })),
      s,
    );
    await runStatement(database.db, `with message as (${message}) ${events}`, s);
    const [stored] = await database.db.select().from(caseMessages).where(eq(caseMessages.id, messageId));
    expect(stored!.bodySealed).toBe('k1:sealed');
    expect(stored!.bodyMasked).toBe('手机 1**********');
    const events2 = await database.db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id));
    expect(events2.map((e) => e.data).sort((a, b) => (a as { seq: number }).seq - (b as { seq: number }).seq)).toEqual([
      { seq: 1, text: '登记' },
      { seq: 2, text: '登记' },
    ]);
  });

  it('refuses an empty list rather than writing a malformed statement', () => {
    expect(() => insertRowsSql(cases, [], new Statement())).toThrow(/no rows for cases/);
  });

  it('fails as one statement: a bad row writes none of the rows', async () => {
    const good = caseRow(6);
    const bad = caseRow(7, { orgUnitId: randomUUID() }); // no such unit
    await expect(insertRows(database.db, cases, [good, bad])).rejects.toThrow();
    expect(await database.db.select().from(cases).where(eq(cases.id, good.id))).toEqual([]);
  });
});

// Drizzle reads timestamps, dates and intervals as text (its own mapping makes Dates of them);
// on PGlite those parsers are set on the instance once, and the job queue's view of the instance
// still reads them as PGlite does. The values must be what each read before.
describe('PGlite: Drizzle’s value parsers set on the instance once', () => {
  it('gives Drizzle text and the job queue’s view PGlite’s own values, in and out of transactions', async () => {
    const { database, drop } = await openTestDatabase('pglite');
    try {
      const probe = sql`select timestamptz '2026-11-20 03:04:05.678+00' as at, date '2026-11-20' as day, interval '90 minutes' as span, array[timestamptz '2026-11-20 03:04:05+00'] as ats`;
      const rows = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows[0]!;
      const asDrizzleReads = { at: '2026-11-20 03:04:05.678+00', day: '2026-11-20', span: '01:30:00', ats: '{"2026-11-20 03:04:05+00"}' };
      expect(rows(await database.db.execute(probe))).toEqual(asDrizzleReads);
      expect(await database.db.transaction(async (tx) => rows(await tx.execute(probe)))).toEqual(asDrizzleReads);
      const own = (await database.pglite!.query<Record<string, unknown>>('select timestamptz \'2026-11-20 03:04:05.678+00\' as at, date \'2026-11-20\' as day')).rows[0]!;
      expect(own.at).toEqual(new Date('2026-11-20T03:04:05.678Z'));
      expect(own.day).toBeInstanceOf(Date);
      const [exec] = await database.pglite!.exec('select timestamptz \'2026-11-20 03:04:05.678+00\' as at');
      expect(exec!.rows[0]).toEqual({ at: new Date('2026-11-20T03:04:05.678Z') });
    } finally {
      await drop();
    }
  });
});
