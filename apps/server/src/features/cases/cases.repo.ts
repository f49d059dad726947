import { and, asc, desc, eq, gt, gte, ilike, inArray, isNotNull, isNull, like, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { caseNumberOf, caseSequenceOf } from '@loopdesk/core';
import {
  caseClocks,
  caseEvents,
  caseMessages,
  caseNumberCounters,
  caseTasks,
  cases,
  customers,
  escapeLike,
  insertRowsSql,
  notificationOutbox,
  preparedOn,
  runReturning,
  Statement,
  teamMembers,
  type Db,
} from '@loopdesk/db';
import type { PgTable } from 'drizzle-orm/pg-core';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CaseMessageRow = typeof caseMessages.$inferSelect;
export type CaseTaskRow = typeof caseTasks.$inferSelect;

export interface CaseFilter {
  institutionId: string;
  underPath: string;
  /** Cases outside the subtree that the actor holds grants on. */
  grantedIds: string[];
  statuses?: readonly string[];
  excludeStatuses?: readonly string[];
  assigneeId?: string | null;
  /** Cases in the queues of the teams this person belongs to. */
  teamMemberId?: string;
  kind?: string;
  channel?: string;
  priority?: string;
  customerId?: string;
  /** Due before these instants: the regulatory deadline, or the earliest counting SLA clock. */
  dueBefore?: { regulatory: Date; sla: Date };
  /** Cases with neither deadline passed at this instant (due soon, not yet overdue). */
  notOverdueAt?: Date;
  /** New cases triage was not confident about (the human triage queue). */
  triageReview?: boolean;
  /** Decided cases whose review (核查) window is still open at this instant. */
  reviewWindowOpenAt?: Date;
  /** Cases with a review open (null), or one due before this instant. */
  reviewDueBefore?: Date | null;
  /**
   * A case number, words of the title, or words matched in the search vector (jieba tokens);
   * `fuzzy`: titles similar to the query instead (trigram similarity, for a typo). Similarity
   * is worked out for every candidate row the trigram index gives — most rows for common
   * words — so it is asked only when nothing else matched.
   */
  q?: { raw: string; tokens: string; fuzzy: boolean };
}

const selection = { case: cases, customerName: customers.displayName, customerType: customers.type };

/** The columns a case list shows (and exports): a third of the row, without its search vector and JSON documents. */
const SUMMARY_COLUMNS = [
  'id', 'number', 'status', 'kind', 'channel', 'priority', 'titleMasked', 'orgUnitId', 'assigneeId', 'teamId', 'ownerId', 'customerId', 'riskFlags',
  'receivedAt', 'regulatoryDueAt', 'regulatoryDueProvisional', 'regulatorySuspendedSince', 'major', 'triageReview', 'classification', 'slaStatus',
  'slaDueAt', 'reviewWindowEndsAt', 'reviewDueAt', 'updatedAt', 'version',
] as const;
export type CaseSummaryRow = Pick<CaseRow, (typeof SUMMARY_COLUMNS)[number]>;
const summarySelection = {
  case: Object.fromEntries(SUMMARY_COLUMNS.map((key) => [key, cases[key]])) as { [K in (typeof SUMMARY_COLUMNS)[number]]: (typeof cases)[K] },
  customerName: customers.displayName,
};

const rowWithFirstWordsStatement = preparedOn((db) =>
  db
    .select({
      row: cases,
      firstWords: sql<string | null>`(select ${caseMessages.bodyMasked} from ${caseMessages} where ${caseMessages.caseId} = ${cases.id} order by ${caseMessages.createdAt} limit 1)`,
    })
    .from(cases)
    .where(eq(cases.id, sql.placeholder('id')))
    .prepare('loopdesk_case_with_first_words'),
);

export const casesRepo = {
  /**
   * Reserves `count` numbers of the day for an institution and returns the last of them.
   * Runs as its own statement, outside the intake transaction, so the counter row is locked
   * for microseconds; a failed intake leaves a gap, which the numbering allows.
   */
  async nextNumbers(db: Db, institutionId: string, day: string, count: number): Promise<number> {
    const [row] = await db
      .insert(caseNumberCounters)
      .values({ institutionId, day, last: count })
      .onConflictDoUpdate({ target: [caseNumberCounters.institutionId, caseNumberCounters.day], set: { last: sql`${caseNumberCounters.last} + ${count}` } })
      .returning({ last: caseNumberCounters.last });
    return row!.last;
  },

  byId(db: Db, institutionId: string, id: string) {
    return db
      .select(selection)
      .from(cases)
      .leftJoin(customers, eq(customers.id, cases.customerId))
      .where(and(eq(cases.institutionId, institutionId), eq(cases.id, id)))
      .then((r) => r[0]);
  },

  /** Answered cases whose letter is not sealed yet (written before letters were sealed), through their partial index. */
  unsealedLetters(db: Db, limit: number) {
    return db
      .select({ id: cases.id, decision: cases.decision, institutionId: cases.institutionId, customerId: cases.customerId, contactId: cases.contactId })
      .from(cases)
      .where(and(isNotNull(cases.decision), isNull(cases.decisionLetterSealed)))
      .limit(limit);
  },

  /** Stores a sealed letter and the masked copy beside it: how it is stored changes, not the case (no new version). */
  sealLetter(db: Db, id: string, decision: unknown, sealed: string) {
    return db.update(cases).set({ decision, decisionLetterSealed: sealed }).where(and(eq(cases.id, id), isNull(cases.decisionLetterSealed)));
  },

  /** The bare case row, for system work that has no actor (triage). */
  rowById(db: Db, id: string) {
    return db.select().from(cases).where(eq(cases.id, id)).then((r) => r[0]);
  },

  /** A case with the masked words of its first message (what triage reads), in one statement prepared once per connection. */
  rowWithFirstWords(db: Db, id: string) {
    return rowWithFirstWordsStatement(db)
      .execute({ id })
      .then((r) => r[0]);
  },

  /** The first inbound message of each case (the customer's words at intake). */
  async firstInbound(db: Db, caseIds: readonly string[]) {
    const first = new Map<string, CaseMessageRow>();
    for (let i = 0; i < caseIds.length; i += 1000) {
      const rows = await db
        .select()
        .from(caseMessages)
        .where(and(inArray(caseMessages.caseId, caseIds.slice(i, i + 1000)), eq(caseMessages.direction, 'inbound')))
        .orderBy(asc(caseMessages.caseId), asc(caseMessages.createdAt), asc(caseMessages.id));
      for (const r of rows) if (!first.has(r.caseId)) first.set(r.caseId, r);
    }
    return first;
  },

  /** Whether a notice with this template was already queued for the case. */
  hasNotice(db: Db, caseId: string, templateKey: string) {
    return db
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.caseId, caseId), eq(notificationOutbox.templateKey, templateKey)))
      .limit(1)
      .then((r) => r.length > 0);
  },

  /** Locks the case row for the rest of the transaction. */
  lock(db: Db, id: string) {
    return db.select().from(cases).where(eq(cases.id, id)).for('update').then((r) => r[0]);
  },

  /**
   * A page of the cases matching `f`, and how many match, counted up to `countUpTo` (`more`
   * when there are more). `countUpTo` 0: no count, the page's end instead (`total` = the cases up
   * to the end of this page, `more` = a next page exists).
   */
  async list(db: Db, f: CaseFilter, limit: number, offset: number, countUpTo: number) {
    const visible: SQL[] = [like(cases.orgPath, `${escapeLike(f.underPath)}%`)];
    if (f.grantedIds.length > 0) visible.push(inArray(cases.id, f.grantedIds));
    const where: (SQL | undefined)[] = [eq(cases.institutionId, f.institutionId), or(...visible)];
    if (f.statuses) where.push(inArray(cases.status, [...f.statuses]));
    if (f.excludeStatuses) where.push(notInArray(cases.status, [...f.excludeStatuses]));
    if (f.assigneeId !== undefined) where.push(f.assigneeId === null ? isNull(cases.assigneeId) : eq(cases.assigneeId, f.assigneeId));
    if (f.teamMemberId) {
      where.push(inArray(cases.teamId, db.select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, f.teamMemberId))));
    }
    if (f.kind) where.push(eq(cases.kind, f.kind));
    if (f.channel) where.push(eq(cases.channel, f.channel));
    if (f.priority) where.push(eq(cases.priority, f.priority));
    if (f.customerId) where.push(eq(cases.customerId, f.customerId));
    // While a review (核查) runs, the decision deadline is behind the case: the review's own counts (its queues).
    if (f.dueBefore) where.push(or(and(lt(cases.regulatoryDueAt, f.dueBefore.regulatory), isNull(cases.reviewDueAt)), lt(cases.slaDueAt, f.dueBefore.sla)));
    if (f.notOverdueAt) where.push(or(isNull(cases.regulatoryDueAt), gte(cases.regulatoryDueAt, f.notOverdueAt), isNotNull(cases.reviewDueAt)), or(isNull(cases.slaDueAt), gte(cases.slaDueAt, f.notOverdueAt)));
    if (f.triageReview !== undefined) where.push(eq(cases.triageReview, f.triageReview));
    if (f.reviewWindowOpenAt) where.push(gt(cases.reviewWindowEndsAt, f.reviewWindowOpenAt));
    // null: any open review; an instant: one due before it.
    if (f.reviewDueBefore !== undefined) where.push(f.reviewDueBefore === null ? isNotNull(cases.reviewDueAt) : lt(cases.reviewDueAt, f.reviewDueBefore));
    if (f.q) {
      if (f.q.fuzzy) where.push(sql`${cases.titleMasked} % ${f.q.raw}`);
      else {
        const match: SQL[] = [eq(cases.number, caseNumberOf(f.q.raw) ?? f.q.raw.toUpperCase()), ilike(cases.titleMasked, `%${escapeLike(f.q.raw)}%`)];
        if (f.q.tokens) match.push(sql`${cases.searchVector} @@ plainto_tsquery('simple', ${f.q.tokens})`);
        const sequence = caseSequenceOf(f.q.raw);
        if (sequence) match.push(sql`split_part(${cases.number}, '-', 3) = ${sequence}`);
        where.push(or(...match));
      }
    }
    const condition = and(...where);
    const page = (n: number) =>
      db
        .select(summarySelection)
        .from(cases)
        .leftJoin(customers, eq(customers.id, cases.customerId))
        .where(condition)
        .orderBy(
          f.dueBefore
            ? asc(sql`least(${cases.regulatoryDueAt}, ${cases.slaDueAt})`)
            : f.reviewDueBefore !== undefined
              ? asc(cases.reviewDueAt)
              : f.reviewWindowOpenAt
                ? asc(cases.reviewWindowEndsAt)
                : desc(cases.receivedAt),
        )
        .limit(n)
        .offset(offset);
    if (countUpTo === 0) {
      // Only the page: one row more than it holds says whether there are more.
      const rows = await page(limit + 1);
      return { rows: rows.slice(0, limit), total: offset + Math.min(rows.length, limit), more: rows.length > limit };
    }
    const [rows, [total]] = await Promise.all([
      page(limit),
      // Bounded: the count reads at most countUpTo + 1 matching rows, however many cases match.
      db.select({ n: sql<number>`count(*)::int` }).from(db.select({ one: sql`1` }).from(cases).where(condition).limit(countUpTo + 1).as('matching')),
    ]);
    const n = total?.n ?? 0;
    return { rows, total: Math.min(n, countUpTo), more: n > countUpTo };
  },

  /**
   * Open cases (no decision yet) whose regulatory deadline a calendar change may move: every
   * provisional one, and, when `window` is given, those received before its end and due after
   * its start (a deadline lies after its receipt, so only these can reach a changed day),
   * locked for the rest of the transaction.
   */
  regulatoryDueToRecompute(db: Db, institutionId: string, closedStatuses: readonly string[], window: { from: Date; to: Date } | null | 'all') {
    // The bare boolean (not `= $1`) matches the partial index cases_provisional_due_idx.
    const affected: SQL[] = [sql`${cases.regulatoryDueProvisional}`];
    if (window && window !== 'all') affected.push(and(gte(cases.regulatoryDueAt, window.from), lt(cases.receivedAt, window.to))!);
    // 'all' (a new rule set): every open case with a regulatory clock, running or suspended.
    const scope = window === 'all' ? or(isNotNull(cases.regulatoryDueAt), isNotNull(cases.regulatorySuspendedSince))! : and(isNotNull(cases.regulatoryDueAt), or(...affected))!;
    // Locked all at once, before the caller takes the audit head: a case transition locks its
    // case and then the audit head, so taking them in the same order cannot deadlock.
    return db
      .select()
      .from(cases)
      .where(and(eq(cases.institutionId, institutionId), notInArray(cases.status, [...closedStatuses]), scope))
      .orderBy(asc(cases.id))
      .for('update');
  },

  /** Sets a system-computed deadline; the case version stays (no staff edit is overtaken by it). */
  setRegulatoryDue(db: Db, id: string, due: { dueAt: Date | null; provisional: boolean; suspendedSince: Date | null }, now: Date) {
    return db
      .update(cases)
      .set({ regulatoryDueAt: due.dueAt, regulatoryDueProvisional: due.provisional, regulatorySuspendedSince: due.suspendedSince, updatedAt: now })
      .where(eq(cases.id, id))
      .returning()
      .then((r) => r[0]!);
  },

  /** Applies a change if the version still matches; undefined when someone else changed it first. */
  update(db: Db, id: string, version: number, set: Partial<typeof cases.$inferInsert>, now: Date) {
    return db
      .update(cases)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(cases.id, id), eq(cases.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  /**
   * Appends an event to a case's timeline under the case's next event number, in one statement:
   * the counter is raised on the case row (whose lock orders the events) and the event inserted.
   */
  async appendEvent(db: Db, e: Omit<typeof caseEvents.$inferInsert, 'seq'>): Promise<void> {
    await db.execute(sql`
      with numbered as (
        update ${cases} set event_count = event_count + 1 where id = ${e.caseId} returning event_count
      )
      insert into ${caseEvents} (case_id, seq, institution_id, at, actor_id, type, from_status, to_status, reason, data)
      select ${e.caseId}, numbered.event_count, ${e.institutionId}, ${e.at}, ${e.actorId ?? null}, ${e.type},
        ${e.fromStatus ?? null}, ${e.toStatus ?? null}, ${e.reason ?? null}, ${e.data === undefined || e.data === null ? null : JSON.stringify(e.data)}::jsonb
      from numbered`);
  },

  /** A case's timeline, with the timelines of cases merged into it. */
  events(db: Db, caseId: string) {
    return db
      .select()
      .from(caseEvents)
      // One array of case ids, so the timeline is read through its index: `case_id = $1 or case_id in (…)`
      // made PostgreSQL scan every event (0.7 s at 200,000 cases).
      .where(sql`${caseEvents.caseId} = any(array[${caseId}::uuid] || array(${db.select({ id: cases.id }).from(cases).where(eq(cases.mergedIntoId, caseId))}))`)
      .orderBy(asc(caseEvents.at), asc(caseEvents.seq));
  },

  /** Adds the tokens of a new message to the case's search vector. */
  extendSearch(db: Db, caseId: string, tokens: string) {
    return db
      .update(cases)
      .set({ searchVector: sql`coalesce(${cases.searchVector}, ''::tsvector) || to_tsvector('simple', ${tokens})` })
      .where(eq(cases.id, caseId));
  },

  /**
   * Inserts registered cases — each with its search vector built from its `searchTokens` — their
   * first messages, clocks and events, and the rows that go with them (`alongside`, one insert per
   * table), in one statement; the case rows in the order given.
   */
  async insertRegistered(
    db: Db,
    o: {
      cases: readonly { row: typeof cases.$inferInsert & { id: string }; searchTokens: string }[];
      messages: readonly (typeof caseMessages.$inferInsert)[];
      clocks: readonly (typeof caseClocks.$inferInsert)[];
      events: readonly (typeof caseEvents.$inferInsert)[];
      alongside: readonly { table: PgTable; rows: readonly Record<string, unknown>[] }[];
    },
  ): Promise<CaseRow[]> {
    const s = new Statement();
    const withSearch = o.cases.map(({ row, searchTokens }) => ({ ...row, searchVector: sql`to_tsvector('simple', ${searchTokens})` }));
    // Sub-statements of one statement: the foreign keys to the new cases are checked at its end.
    const parts = [
      `registered as (${insertRowsSql(cases, withSearch, s, { returning: true })})`,
      `messages as (${insertRowsSql(caseMessages, o.messages, s)})`,
      `events as (${insertRowsSql(caseEvents, o.events, s)})`,
      ...(o.clocks.length > 0 ? [`clocks as (${insertRowsSql(caseClocks, o.clocks, s)})`] : []),
      ...o.alongside.map((a, i) => `alongside${i} as (${insertRowsSql(a.table, a.rows, s)})`),
    ];
    const rows = await runReturning(db, cases, `with ${parts.join(', ')} select * from registered`, s);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return o.cases.map(({ row }) => byId.get(row.id)!);
  },

  insertMessage(db: Db, row: typeof caseMessages.$inferInsert) {
    return db.insert(caseMessages).values(row).returning().then((r) => r[0]!);
  },

  messages(db: Db, caseId: string) {
    return db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId)).orderBy(asc(caseMessages.createdAt));
  },

  /** Moves a merged case's messages to the case it was merged into. */
  moveMessages(db: Db, fromCaseId: string, toCaseId: string) {
    return db.update(caseMessages).set({ caseId: toCaseId }).where(eq(caseMessages.caseId, fromCaseId));
  },

  insertTask(db: Db, row: typeof caseTasks.$inferInsert) {
    return db.insert(caseTasks).values(row).returning().then((r) => r[0]!);
  },

  tasks(db: Db, caseId: string) {
    return db.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.createdAt));
  },

  taskById(db: Db, caseId: string, taskId: string) {
    return db
      .select()
      .from(caseTasks)
      .where(and(eq(caseTasks.caseId, caseId), eq(caseTasks.id, taskId)))
      .then((r) => r[0]);
  },

  updateTask(db: Db, id: string, version: number, set: Partial<typeof caseTasks.$inferInsert>) {
    return db
      .update(caseTasks)
      .set({ ...set, version: version + 1 })
      .where(and(eq(caseTasks.id, id), eq(caseTasks.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  countOpenBlocking(db: Db, caseId: string) {
    return db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseTasks)
      .where(and(eq(caseTasks.caseId, caseId), eq(caseTasks.blocking, true), eq(caseTasks.status, 'open')))
      .then((r) => r[0]?.n ?? 0);
  },
};
