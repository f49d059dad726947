import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, ne, notInArray, or, sql } from 'drizzle-orm';
import { FINAL_STATUSES, REGULATED_KINDS } from '@loopdesk/core';
import {
  caseBandKeys,
  caseMessages,
  cases,
  caseSignatures,
  categories,
  mergeSuggestions,
  triageCorrections,
  triageModels,
  triageRules,
  triageSettings,
  triageWords,
  type Db,
} from '@loopdesk/db';

export type TriageRuleRow = typeof triageRules.$inferSelect;
export type TriageModelRow = typeof triageModels.$inferSelect;
export type TriageSettingsRow = typeof triageSettings.$inferSelect;

/** Statuses whose cases are no longer candidates for a merge or a hot topic. */
const CLOSED_STATUSES = [...FINAL_STATUSES, 'resolved'];

/**
 * Cases still open for merges and hot topics: not closed, and not an inquiry, suggestion or
 * praise already answered (the answer ends one; a complaint stays open until it is resolved).
 */
const stillOpen = () => and(notInArray(cases.status, CLOSED_STATUSES), or(ne(cases.status, 'answered'), inArray(cases.kind, REGULATED_KINDS)));

/** The most duplicate candidates a triage scores. */
export const CANDIDATES_KEPT = 200;

export const triageRepo = {
  async settings(db: Db, institutionId: string): Promise<TriageSettingsRow> {
    const [row] = await db.select().from(triageSettings).where(eq(triageSettings.institutionId, institutionId));
    if (row) return row;
    await db.insert(triageSettings).values({ institutionId }).onConflictDoNothing();
    return (await db.select().from(triageSettings).where(eq(triageSettings.institutionId, institutionId)))[0]!;
  },

  updateSettings(db: Db, institutionId: string, version: number, set: Partial<typeof triageSettings.$inferInsert>, now: Date) {
    return db
      .update(triageSettings)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(triageSettings.institutionId, institutionId), eq(triageSettings.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  rules(db: Db, institutionId: string) {
    return db.select().from(triageRules).where(eq(triageRules.institutionId, institutionId)).orderBy(asc(triageRules.field), asc(triageRules.label));
  },

  ruleById(db: Db, institutionId: string, id: string) {
    return db
      .select()
      .from(triageRules)
      .where(and(eq(triageRules.institutionId, institutionId), eq(triageRules.id, id)))
      .then((r) => r[0]);
  },

  insertRule(db: Db, row: typeof triageRules.$inferInsert) {
    return db.insert(triageRules).values(row).onConflictDoNothing().returning().then((r) => r[0]);
  },

  updateRule(db: Db, id: string, version: number, set: Partial<typeof triageRules.$inferInsert>, now: Date) {
    return db
      .update(triageRules)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(triageRules.id, id), eq(triageRules.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  words(db: Db, institutionId: string) {
    return db.select().from(triageWords).where(eq(triageWords.institutionId, institutionId)).orderBy(asc(triageWords.createdAt), asc(triageWords.word));
  },

  insertWord(db: Db, row: typeof triageWords.$inferInsert) {
    return db.insert(triageWords).values(row).onConflictDoNothing().returning().then((r) => r[0]);
  },

  countRules(db: Db, institutionId: string) {
    return db
      .select({ n: sql<number>`count(*)::int` })
      .from(triageRules)
      .where(eq(triageRules.institutionId, institutionId))
      .then((r) => r[0]?.n ?? 0);
  },

  insertCorrections(db: Db, rows: (typeof triageCorrections.$inferInsert)[]) {
    return rows.length === 0 ? Promise.resolve() : db.insert(triageCorrections).values(rows).then(() => undefined);
  },

  corrections(db: Db, caseId: string) {
    return db.select().from(triageCorrections).where(eq(triageCorrections.caseId, caseId)).orderBy(asc(triageCorrections.createdAt));
  },

  activeModelId(db: Db, institutionId: string) {
    return db
      .select({ id: triageModels.id })
      .from(triageModels)
      .where(and(eq(triageModels.institutionId, institutionId), eq(triageModels.active, true)))
      .then((r) => r[0]?.id);
  },

  modelById(db: Db, institutionId: string, id: string) {
    return db
      .select()
      .from(triageModels)
      .where(and(eq(triageModels.institutionId, institutionId), eq(triageModels.id, id)))
      .then((r) => r[0]);
  },

  /** Every version without its weights, newest first. */
  models(db: Db, institutionId: string) {
    const { models: _weights, ...columns } = getTableColumns(triageModels);
    return db.select(columns).from(triageModels).where(eq(triageModels.institutionId, institutionId)).orderBy(desc(triageModels.version));
  },

  async nextModelVersion(db: Db, institutionId: string): Promise<number> {
    const [row] = await db
      .select({ v: sql<number>`coalesce(max(${triageModels.version}), 0)::int` })
      .from(triageModels)
      .where(eq(triageModels.institutionId, institutionId));
    return (row?.v ?? 0) + 1;
  },

  insertModel(db: Db, row: typeof triageModels.$inferInsert) {
    return db.insert(triageModels).values(row).returning().then((r) => r[0]!);
  },

  /** Makes one version the active one (the others stay, for rollback). */
  async activate(db: Db, institutionId: string, id: string, now: Date) {
    await db.update(triageModels).set({ active: false }).where(and(eq(triageModels.institutionId, institutionId), eq(triageModels.active, true), ne(triageModels.id, id)));
    return db
      .update(triageModels)
      .set({ active: true, activatedAt: now })
      .where(and(eq(triageModels.institutionId, institutionId), eq(triageModels.id, id)))
      .returning()
      .then((r) => r[0]);
  },

  /** Keeps the newest `keep` versions (and the active one); older weights are deleted. */
  prune(db: Db, institutionId: string, keep: number) {
    return db.execute(sql`
      delete from ${triageModels} where ${triageModels.institutionId} = ${institutionId} and ${triageModels.active} = false
        and ${triageModels.version} <= (select max(version) - ${keep} from ${triageModels} where institution_id = ${institutionId})`);
  },

  /**
   * The labelled cases of an institution: the masked words of the first inbound message with
   * every classification field, newest first.
   */
  labelled(db: Db, institutionId: string, limit: number) {
    const text = sql<string | null>`(select ${caseMessages.bodyMasked} from ${caseMessages} where ${caseMessages.caseId} = ${cases.id} and ${caseMessages.direction} = 'inbound' order by ${caseMessages.createdAt} limit 1)`;
    return db
      .select({
        id: cases.id,
        kind: cases.kind,
        kindSource: cases.kindSource,
        categoryCode: categories.code,
        businessLine: cases.businessLine,
        jrCause: cases.jrCause,
        classification: cases.classification,
        text,
      })
      .from(cases)
      .leftJoin(categories, eq(categories.id, cases.categoryId))
      .where(and(eq(cases.institutionId, institutionId), ne(cases.status, 'merged')))
      .orderBy(desc(cases.receivedAt))
      .limit(limit);
  },

  // ── the duplicate index ──

  /**
   * Indexes a triaged case for duplicates (its signature and LSH band keys, once) and records its
   * merge suggestions, in one statement.
   */
  async indexCase(
    db: Db,
    row: { caseId: string; institutionId: string; customerId: string | null; signature: string; receivedAt: Date },
    keys: string[],
    suggestions: (typeof mergeSuggestions.$inferInsert)[],
  ): Promise<void> {
    const keyed =
      keys.length === 0
        ? sql``
        : sql`, keyed as (
            insert into ${caseBandKeys} (institution_id, band_key, case_id)
            select ${row.institutionId}::uuid, v.band_key, signed.case_id
            from signed cross join (values ${sql.join(keys.map((k) => sql`(${k})`), sql`, `)}) as v(band_key)
            on conflict do nothing)`;
    const suggested =
      suggestions.length === 0
        ? sql`select 1`
        : sql`insert into ${mergeSuggestions} (case_id, other_case_id, institution_id, score, same_customer, created_at)
            values ${sql.join(
              suggestions.map((m) => sql`(${m.caseId}::uuid, ${m.otherCaseId}::uuid, ${m.institutionId}::uuid, ${m.score}::int, ${m.sameCustomer}::boolean, ${m.createdAt ?? new Date()}::timestamptz)`),
              sql`, `,
            )}
            on conflict do nothing`;
    await db.execute(sql`
      with signed as (
        insert into ${caseSignatures} (case_id, institution_id, customer_id, signature, received_at)
        values (${row.caseId}::uuid, ${row.institutionId}::uuid, ${row.customerId}::uuid, ${row.signature}, ${row.receivedAt}::timestamptz)
        on conflict do nothing
        returning case_id
      )${keyed}
      ${suggested}`);
  },

  /**
   * Open cases sharing a band key with the given keys, with their signatures: at most `limit`,
   * the customer's own cases first, then those sharing the most bands. A mass complaint (hundreds
   * of copies of one letter) costs each new copy a bounded look-up, not one that grows with them.
   */
  candidates(db: Db, institutionId: string, keys: string[], exceptCaseId: string, customerId: string | null, limit = CANDIDATES_KEPT) {
    const mostShared = [desc(sql`count(*)`), desc(caseSignatures.caseId)];
    return db
      .select({ caseId: caseSignatures.caseId, customerId: caseSignatures.customerId, signature: caseSignatures.signature })
      .from(caseBandKeys)
      .innerJoin(caseSignatures, eq(caseSignatures.caseId, caseBandKeys.caseId))
      .innerJoin(cases, eq(cases.id, caseBandKeys.caseId))
      .where(
        and(
          eq(caseBandKeys.institutionId, institutionId),
          inArray(caseBandKeys.bandKey, keys),
          ne(caseBandKeys.caseId, exceptCaseId),
          stillOpen(),
        ),
      )
      .groupBy(caseSignatures.caseId) // its primary key: the signature and customer go with it
      .orderBy(...(customerId ? [desc(sql`${caseSignatures.customerId} = ${customerId}::uuid`)] : []), ...mostShared)
      .limit(limit);
  },

  /** Suggestions for a case (found when it was triaged, or when a later case found it), still open. */
  suggestionsFor(db: Db, caseId: string) {
    const other = sql<string>`case when ${mergeSuggestions.caseId} = ${caseId} then ${mergeSuggestions.otherCaseId} else ${mergeSuggestions.caseId} end`;
    return db
      .select({ otherId: other, score: mergeSuggestions.score, sameCustomer: mergeSuggestions.sameCustomer, number: cases.number, title: cases.titleMasked, status: cases.status, receivedAt: cases.receivedAt, orgPath: cases.orgPath })
      .from(mergeSuggestions)
      .innerJoin(cases, eq(cases.id, other))
      .where(and(sql`(${mergeSuggestions.caseId} = ${caseId} or ${mergeSuggestions.otherCaseId} = ${caseId})`, stillOpen()))
      .orderBy(desc(mergeSuggestions.sameCustomer), desc(mergeSuggestions.score));
  },

  /** Signatures of the open cases of an institution received since `since`, for hot topics. */
  openSignatures(db: Db, institutionId: string, since: Date, limit: number) {
    return db
      .select({ caseId: caseSignatures.caseId, customerId: caseSignatures.customerId, signature: caseSignatures.signature, receivedAt: caseSignatures.receivedAt, number: cases.number, title: cases.titleMasked, orgPath: cases.orgPath })
      .from(caseSignatures)
      .innerJoin(cases, eq(cases.id, caseSignatures.caseId))
      .where(and(eq(caseSignatures.institutionId, institutionId), sql`${caseSignatures.receivedAt} >= ${since}`, stillOpen(), isNotNull(cases.triagedAt)))
      .orderBy(desc(caseSignatures.receivedAt))
      .limit(limit);
  },
};
