import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  customType,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Every table carries institution_id so that the data can be sharded by institution later
// (DESIGN.md §2); ids are random uuids, never a shared sequence.

/** PostgreSQL full-text vector; filled from application-side (jieba) tokens. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Binary data: PGlite hands back a Uint8Array, node-postgres a Buffer; services see a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  /** Raised by every business-calendar change: API processes compare it to their cached copy. */
  calendarVersion: integer('calendar_version').notNull().default(0),
  /** Raised by every change of the SLA policy or of an org unit's working hours: API processes compare it to their cached SLA context. */
  slaVersion: integer('sla_version').notNull().default(0),
  /** The regulatory rule set its clocks run on (a shipped set's id; the default is China's NFRA 2020, DEFAULT_RULE_SET_ID). */
  ruleSetId: text('rule_set_id').notNull().default('cn_nfra_2020'),
  /** When every case of the institution was last checked for missing SLA clocks (the start-up backfill runs once per institution). */
  clocksCheckedAt: timestamp('clocks_checked_at', { withTimezone: true, precision: 3 }),
  createdAt: createdAt(),
});

export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    parentId: uuid('parent_id'),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Materialised path of ancestor ids ending with this unit's id: `/root/branch/this/`. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('org_units_institution_code_uq').on(t.institutionId, t.code),
    index('org_units_path_idx').using('btree', t.institutionId, sql`${t.path} text_pattern_ops`),
    index('org_units_parent_idx').on(t.parentId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** AES-256-GCM sealed personal data (see the server's field cipher). */
    emailSealed: text('email_sealed'),
    phoneSealed: text('phone_sealed'),
    roles: text('roles').array().notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    status: text('status').notNull().default('active'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, precision: 3 }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, precision: 3 }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Sign-in names are unique across the deployment so that sign-in needs no institution picker.
    uniqueIndex('users_username_uq').on(t.username),
    index('users_org_unit_idx').on(t.institutionId, t.orgUnitId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** SHA-256 of the cookie token: a database reader cannot replay a session. */
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

export const accessGrants = pgTable(
  'access_grants',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    objectType: text('object_type').notNull(),
    objectId: uuid('object_id').notNull(),
    purpose: text('purpose').notNull(),
    reason: text('reason').notNull(),
    /** Org path of the granted object at grant time: who may see and manage the grant. */
    scopePath: text('scope_path').notNull().default('/'),
    grantedBy: uuid('granted_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    index('access_grants_lookup_idx').on(t.userId, t.objectType, t.objectId),
    index('access_grants_object_idx').on(t.institutionId, t.objectType, t.objectId),
  ],
);

/**
 * Append-only audit trail, one HMAC chain per institution: entry n's hash covers entry n-1's
 * hash, so an edit, a deletion or a re-hash without the key is detected by `audit verify`.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    /** Org path of what the entry concerns: staff see the entries of their own subtree only. */
    scopePath: text('scope_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.seq] }),
    index('audit_entries_actor_idx').on(t.institutionId, t.actorId, t.seq),
    index('audit_entries_object_idx').on(t.institutionId, t.objectType, t.objectId, t.seq),
    index('audit_entries_at_idx').on(t.institutionId, t.at),
    index('audit_entries_scope_idx').using('btree', t.institutionId, sql`${t.scopePath} text_pattern_ops`, t.seq),
  ],
);

/** The current head of each institution's chain; appending locks this one row. */
export const auditHeads = pgTable('audit_heads', {
  institutionId: uuid('institution_id').primaryKey().references(() => institutions.id),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

// ── Customers and cases (issue 3) ─────────────────────────────────────────────────────────
// Personal data lives only in *_sealed columns (AES-256-GCM, see the server's field cipher);
// exact look-ups go through *_index columns holding a keyed hash, never through decryption.

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** The unit that owns the relationship; scope follows it. */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    type: text('type').notNull(),
    /** An enterprise's registered name; for an individual, a masked form (张*). */
    displayName: text('display_name').notNull(),
    nameSealed: text('name_sealed'),
    uscc: text('uscc'),
    legalRepresentativeSealed: text('legal_representative_sealed'),
    industry: text('industry'),
    size: text('size'),
    creditRating: text('credit_rating'),
    relationshipManagerId: uuid('relationship_manager_id').references(() => users.id),
    valueTier: text('value_tier'),
    idNumberSealed: text('id_number_sealed'),
    idNumberIndex: text('id_number_index'),
    phoneSealed: text('phone_sealed'),
    phoneIndex: text('phone_index'),
    emailSealed: text('email_sealed'),
    addressSealed: text('address_sealed'),
    /** The language notices to the customer are written in (zh-CN or en); null: the institution's default. */
    preferredLocale: text('preferred_locale'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_uscc_uq').on(t.institutionId, t.uscc),
    index('customers_id_number_idx').on(t.institutionId, t.idNumberIndex),
    index('customers_phone_idx').on(t.institutionId, t.phoneIndex),
    index('customers_org_idx').on(t.institutionId, t.orgUnitId),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    nameSealed: text('name_sealed').notNull(),
    title: text('title'),
    phoneSealed: text('phone_sealed'),
    phoneIndex: text('phone_index'),
    emailSealed: text('email_sealed'),
    wechatOpenIdSealed: text('wechat_openid_sealed'),
    wechatOpenIdIndex: text('wechat_openid_index'),
    createdAt: createdAt(),
  },
  (t) => [
    index('contacts_customer_idx').on(t.customerId),
    index('contacts_phone_idx').on(t.institutionId, t.phoneIndex),
    index('contacts_openid_idx').on(t.institutionId, t.wechatOpenIdIndex),
  ],
);

/** The admin-editable content-category tree (product_function / service_quality / risk_compliance …). */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('categories_code_uq').on(t.institutionId, t.code)],
);

/** Per institution and civil day, the last case number handed out. Gaps are allowed. */
export const caseNumberCounters = pgTable(
  'case_number_counters',
  {
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.day] })],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    number: text('number').notNull(),
    /** The owning unit and its path (denormalised so that queues filter by subtree with an index). */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    orgPath: text('org_path').notNull(),
    status: text('status').notNull(),
    kind: text('kind').notNull(),
    kindSource: text('kind_source').notNull(),
    kindConfidence: integer('kind_confidence'),
    channel: text('channel').notNull(),
    timing: text('timing'),
    categoryId: uuid('category_id').references(() => categories.id),
    businessLine: text('business_line'),
    product: text('product'),
    jrChannel: text('jr_channel'),
    jrBusinessCategory: text('jr_business_category'),
    jrCause: text('jr_cause'),
    customerRequest: text('customer_request'),
    priority: text('priority').notNull(),
    amountInvolved: bigint('amount_involved', { mode: 'number' }),
    riskFlags: text('risk_flags').array().notNull().default(sql`'{}'::text[]`),
    /** A PII-masked one-line summary for queues and search. */
    titleMasked: text('title_masked').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    ownerId: uuid('owner_id').references(() => users.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** The team whose queue the case is in (set by an assignment rule or a bulk assignment). */
    teamId: uuid('team_id').references((): AnyPgColumn => teams.id),
    staffComplainedAbout: uuid('staff_complained_about').array().notNull().default(sql`'{}'::uuid[]`),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
    backDateReason: text('back_date_reason'),
    regulatorRef: text('regulator_ref'),
    regulatorDeadline: timestamp('regulator_deadline', { withTimezone: true, precision: 3 }),
    regulatoryDueAt: timestamp('regulatory_due_at', { withTimezone: true, precision: 3 }),
    regulatoryDueProvisional: boolean('regulatory_due_provisional').notNull().default(false),
    /**
     * Set while an exclusion (outside appraisal, mediation) is open: the regulatory clock is
     * suspended since then and regulatory_due_at is null until the exclusion ends.
     */
    regulatorySuspendedSince: timestamp('regulatory_suspended_since', { withTimezone: true, precision: 3 }),
    /** When the latest new facts and reasons arrived; the rule set may restart the clock from them (Art. 18). */
    newFactsAt: timestamp('new_facts_at', { withTimezone: true, precision: 3 }),
    major: boolean('major').notNull().default(false),
    expertReviewDone: boolean('expert_review_done').notNull().default(false),
    /** The major-case rule that marked the case major (重大投诉). */
    majorRuleId: uuid('major_rule_id'),
    /** The decision: outcome and remedies, and its letter with personal data masked (the sealed letter is below). */
    decision: jsonb('decision'),
    /** The decision letter as sent, encrypted (AES-256-GCM, bound to `cases.decision_letter:<id>`). */
    decisionLetterSealed: text('decision_letter_sealed'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    decisionReceivedAt: timestamp('decision_received_at', { withTimezone: true, precision: 3 }),
    /** Until when the complainant may ask for a review (核查, Art. 20): set when the decision's receipt is recorded. */
    reviewWindowEndsAt: timestamp('review_window_ends_at', { withTimezone: true, precision: 3 }),
    reviewWindowProvisional: boolean('review_window_provisional').notNull().default(false),
    /** The open review's decision deadline, projected from case_reviews for the queues; null when none is open. */
    reviewDueAt: timestamp('review_due_at', { withTimezone: true, precision: 3 }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, precision: 3 }),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    mergedIntoId: uuid('merged_into_id'),
    splitFromId: uuid('split_from_id'),
    intakeIntegrationId: uuid('intake_integration_id'),
    eventCount: integer('event_count').notNull().default(0),
    /** Text intelligence: written by the triage job after intake, with its explanation. */
    sentimentLabel: text('sentiment_label'),
    negativeIntensity: integer('negative_intensity'),
    triagedAt: timestamp('triaged_at', { withTimezone: true, precision: 3 }),
    triage: jsonb('triage'),
    /** Per classified field (kind, category, businessLine, jrCause): label, confidence, source, terms. */
    classification: jsonb('classification'),
    /** A prediction was below the institution's threshold: the new case waits in the human triage queue. */
    triageReview: boolean('triage_review').notNull().default(false),
    /** Operational SLA clocks, projected from case_clocks: the worst status and the earliest due instant of those counting. */
    slaStatus: text('sla_status'),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true, precision: 3 }),
    /** When the clock worker next has something to do for this case (a warning, a breach, an unrecorded level); null when no clock counts. */
    nextClockAt: timestamp('next_clock_at', { withTimezone: true, precision: 3 }),
    /** jieba tokens of the masked title and messages, as a 'simple' tsvector. */
    searchVector: tsvector('search_vector'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cases_number_uq').on(t.institutionId, t.number),
    // A bare sequence typed into the search (`000015`) finds the cases of every day that carry it.
    index('cases_number_seq_idx').on(t.institutionId, sql`split_part(${t.number}, '-', 3)`),
    index('cases_search_idx').using('gin', t.searchVector),
    index('cases_title_trgm_idx').using('gin', sql`${t.titleMasked} gin_trgm_ops`),
    index('cases_scope_status_idx').using('btree', t.institutionId, sql`${t.orgPath} text_pattern_ops`, t.status),
    index('cases_assignee_idx').on(t.institutionId, t.assigneeId, t.status),
    index('cases_team_idx').on(t.institutionId, t.teamId, t.status),
    index('cases_customer_idx').on(t.institutionId, t.customerId),
    index('cases_regulatory_due_idx').on(t.institutionId, t.regulatoryDueAt),
    // A calendar import recomputes the provisional deadlines: few rows, found without a scan.
    index('cases_provisional_due_idx').on(t.institutionId).where(sql`${t.regulatoryDueProvisional}`),
    index('cases_received_idx').on(t.institutionId, t.receivedAt),
    index('cases_triage_review_idx').on(t.institutionId, t.status, t.triageReview),
    index('cases_sla_due_idx').on(t.institutionId, t.slaDueAt),
    index('cases_review_window_idx').on(t.institutionId, t.reviewWindowEndsAt).where(sql`${t.reviewWindowEndsAt} is not null`),
    index('cases_review_due_idx').on(t.institutionId, t.reviewDueAt).where(sql`${t.reviewDueAt} is not null`),
    // The worker's range scan: only cases with a clock counting are in it.
    index('cases_next_clock_idx').on(t.nextClockAt).where(sql`${t.nextClockAt} is not null`),
    // A case page reads the timelines of the cases merged into it: few cases are merged.
    // Letters written before they were sealed: the start-up pass seals them and empties this index.
    index('cases_letter_unsealed_idx').on(t.id).where(sql`${t.decision} is not null and ${t.decisionLetterSealed} is null`),
    index('cases_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`),
  ],
);

/** What the customer said or was told; bodies sealed, a masked copy kept for search. */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    direction: text('direction').notNull(),
    channel: text('channel').notNull(),
    bodySealed: text('body_sealed').notNull(),
    bodyMasked: text('body_masked').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('case_messages_case_idx').on(t.caseId, t.createdAt)],
);

/** The append-only timeline; the case row is a projection of it. */
export const caseEvents = pgTable(
  'case_events',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    seq: integer('seq').notNull(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    data: jsonb('data'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.seq] })],
);

export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    ownerId: uuid('owner_id').references(() => users.id),
    title: text('title').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    blocking: boolean('blocking').notNull(),
    status: text('status').notNull(),
    result: text('result'),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('case_tasks_case_idx').on(t.caseId), index('case_tasks_owner_idx').on(t.institutionId, t.ownerId, t.status)],
);

/**
 * Files on a case (letters, scans, statements, call recordings), sealed at rest like messages.
 * The type is the one read from the content; the same file twice on a case is stored once.
 */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    fileName: text('file_name').notNull(),
    kind: text('kind').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    contentSealed: bytea('content_sealed').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_attachments_case_sha256_key').on(t.caseId, t.sha256), index('case_attachments_case_idx').on(t.caseId, t.createdAt)],
);

/** A channel integration (app, WeChat, partner, call centre) that posts to /api/intake. */
export const integrations = pgTable(
  'integrations',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    name: text('name').notNull(),
    keyId: text('key_id').notNull(),
    secretSealed: text('secret_sealed').notNull(),
    channel: text('channel').notNull(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex('integrations_key_uq').on(t.keyId)],
);

/** One row per accepted Idempotency-Key: the unique constraint is what makes retries safe. */
export const intakeRequests = pgTable(
  'intake_requests',
  {
    integrationId: uuid('integration_id').notNull().references(() => integrations.id),
    idempotencyKey: text('idempotency_key').notNull(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    bodyHash: text('body_hash').notNull(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.idempotencyKey] })],
);

/** Reply templates per kind, locale and (optionally) content category. */
export const replyTemplates = pgTable(
  'reply_templates',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    locale: text('locale').notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('reply_templates_code_uq').on(t.institutionId, t.code, t.locale)],
);

/** Years whose official holiday schedule an institution imported (on top of the chinese-days seed). */
export const calendarYears = pgTable(
  'calendar_years',
  {
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    year: integer('year').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.year] })],
);

/**
 * An institution's own calendar days, overriding the chinese-days seed: imported schedules
 * (source 'import', belonging to their schedule year) and an admin's single-day edits ('edit').
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** The civil date, YYYY-MM-DD. */
    date: text('date').notNull(),
    offDay: boolean('off_day').notNull(),
    /** The holiday's name (春节 …); null for an edit back to the plain weekday/weekend rule. */
    name: text('name'),
    /** The year whose schedule the day belongs to (2024's New Year holiday may start on 2023-12-30). */
    scheduleYear: integer('schedule_year').notNull(),
    source: text('source').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.date] }), index('calendar_days_year_idx').on(t.institutionId, t.scheduleYear)],
);

/** An org unit's own working hours; a unit without a row inherits its parent's. */
export const orgUnitWorkingHours = pgTable('org_unit_working_hours', {
  orgUnitId: uuid('org_unit_id').primaryKey().references(() => orgUnits.id),
  institutionId: uuid('institution_id').notNull().references(() => institutions.id),
  /** [{ start: 'HH:MM', end: 'HH:MM' }, …], ordered and non-overlapping. */
  hours: jsonb('hours').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});
// ── Triage: classification, corrections, models, duplicates (issue 5) ──────────────────────

/** Per institution: the confidence below which a new case waits for a person, and retraining. */
export const triageSettings = pgTable('triage_settings', {
  institutionId: uuid('institution_id').primaryKey().references(() => institutions.id),
  /** Percent; a prediction below it is recorded but not applied, and the case waits for review. */
  reviewThreshold: integer('review_threshold').notNull().default(60),
  /** Corrections within this many seconds are learnt from in one background retraining. */
  retrainDelaySeconds: integer('retrain_delay_seconds').notNull().default(300),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

/** Admin-editable keyword rules per field and label: the cold start before any model exists. */
export const triageRules = pgTable(
  'triage_rules',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    field: text('field').notNull(),
    label: text('label').notNull(),
    keywords: text('keywords').array().notNull(),
    excludes: text('excludes').array().notNull().default(sql`'{}'::text[]`),
    weight: integer('weight').notNull().default(1),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('triage_rules_label_uq').on(t.institutionId, t.field, t.label)],
);

/** What a staff member changed on a case's classification: the examples models learn from. */
export const triageCorrections = pgTable(
  'triage_corrections',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    field: text('field').notNull(),
    before: text('before'),
    after: text('after'),
    /** The prediction that was corrected (label, confidence, source, model version), if any. */
    predicted: jsonb('predicted'),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('triage_corrections_case_idx').on(t.caseId), index('triage_corrections_at_idx').on(t.institutionId, t.createdAt)],
);

/** Trained classifiers, one row per version; exactly one active per institution, older kept for rollback. */
export const triageModels = pgTable(
  'triage_models',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    version: integer('version').notNull(),
    active: boolean('active').notNull().default(false),
    /** Serialised TextClassifier per field (packages/triage format). */
    models: jsonb('models').notNull(),
    /** Per field: examples, labels, held-out accuracy and macro-F1. */
    evaluation: jsonb('evaluation').notNull(),
    trainedOn: integer('trained_on').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    activatedAt: timestamp('activated_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex('triage_models_version_uq').on(t.institutionId, t.version), index('triage_models_active_idx').on(t.institutionId, t.active)],
);

/** A case's MinHash signature (of the PII-masked text), shared by every process. */
export const caseSignatures = pgTable(
  'case_signatures',
  {
    caseId: uuid('case_id').primaryKey().references(() => cases.id),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    customerId: uuid('customer_id'),
    signature: text('signature').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('case_signatures_institution_idx').on(t.institutionId, t.receivedAt)],
);

/** LSH band keys: two cases sharing a key are duplicate candidates. */
export const caseBandKeys = pgTable(
  'case_band_keys',
  {
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    bandKey: text('band_key').notNull(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.bandKey, t.caseId] }), index('case_band_keys_case_idx').on(t.caseId)],
);

/** Near-duplicates found at triage: a merge suggestion with its similarity. */
export const mergeSuggestions = pgTable(
  'merge_suggestions',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    otherCaseId: uuid('other_case_id').notNull().references(() => cases.id),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** Percent of matching MinHash values (estimated Jaccard similarity of the shingles). */
    score: integer('score').notNull(),
    sameCustomer: boolean('same_customer').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.otherCaseId] }), index('merge_suggestions_other_idx').on(t.otherCaseId)],
);

/** Words an admin added to the segmenter's dictionary (product names, local terms). */
export const triageWords = pgTable(
  'triage_words',
  {
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    word: text('word').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.word] })],
);

/** An institution's operational SLA policy: ordered rules, warning fractions and the escalation chain (DESIGN.md §5). */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    rules: jsonb('rules').notNull(),
    warningFractions: jsonb('warning_fractions').notNull(),
    escalation: jsonb('escalation').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sla_policies_code_uq').on(t.institutionId, t.code)],
);

/** One running clock of a case: the SLA metrics (history of start/pause/resume/stop) and the regulatory deadline. */
export const caseClocks = pgTable(
  'case_clocks',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    clock: text('clock').notNull(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** Bumped when the clock starts again (a new customer message, a reopened case); events are per run. */
    run: integer('run').notNull().default(1),
    rule: text('rule'),
    /** The SLA target ({unit, amount}); null for the regulatory clock, whose due instant is the case's. */
    target: jsonb('target'),
    /** [{type: start|pause|resume|stop, at: epoch ms}] */
    events: jsonb('events').notNull(),
    status: text('status').notNull(),
    level: integer('level').notNull().default(0),
    /** The levels of this run whose events the worker has recorded. */
    recordedLevel: integer('recorded_level').notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    nextAt: timestamp('next_at', { withTimezone: true, precision: 3 }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.clock] })],
);

/** A level a clock reached, recorded once: the unique key is what makes redelivery and several workers safe. */
export const caseClockEvents = pgTable(
  'case_clock_events',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    clock: text('clock').notNull(),
    run: integer('run').notNull(),
    level: text('level').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    /** What the escalation chain did: notified staff, the new assignee. */
    escalation: jsonb('escalation').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex('case_clock_events_uq').on(t.caseId, t.clock, t.run, t.level), index('case_clock_events_institution_idx').on(t.institutionId, t.recordedAt)],
);

/** Notices waiting to be delivered to staff or customers (escalations, extension notices). */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    recipientType: text('recipient_type').notNull(),
    recipientId: uuid('recipient_id').notNull(),
    templateKey: text('template_key').notNull(),
    locale: text('locale').notNull(),
    payload: jsonb('payload').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    /** pending → sent (delivered by email or, for staff, to the in-app inbox) or failed (gave up; see last_error). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    /** A failed attempt puts the next one off (backoff); null: as soon as possible. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    /** 'email' or 'inbox' once sent. */
    deliveredVia: text('delivered_via'),
    /** When a staff recipient marked it read in the console. */
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('notification_outbox_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    index('notification_outbox_recipient_idx').on(t.institutionId, t.recipientType, t.recipientId, t.createdAt),
    index('notification_outbox_case_idx').on(t.caseId),
  ],
);

/**
 * A review (核查) of a case's decision by the higher-level unit (Art. 20): requested within the
 * window after the customer received the decision, decided within 30 days of the request.
 * Its warning and breach levels are recorded in case_clock_events (clock 'review', run = seq).
 */
export const caseReviews = pgTable(
  'case_reviews',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    /** 1 for the case's first review, 2 for a second one, …: the clock run of its levels. */
    seq: integer('seq').notNull(),
    /** When the institution received the request (starts the decision clock). */
    requestedAt: timestamp('requested_at', { withTimezone: true, precision: 3 }).notNull(),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    /** The unit whose decision is reviewed, and the one reviewing it (its parent). */
    decidingUnitId: uuid('deciding_unit_id').notNull().references(() => orgUnits.id),
    reviewingUnitId: uuid('reviewing_unit_id').notNull().references(() => orgUnits.id),
    reviewingPath: text('reviewing_path').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    provisional: boolean('provisional').notNull().default(false),
    status: text('status').notNull().default('open'),
    outcome: text('outcome'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    note: text('note'),
    /** Warning levels the review worker has recorded, and when it next has something to do. */
    recordedLevel: integer('recorded_level').notNull().default(0),
    nextLevelAt: timestamp('next_level_at', { withTimezone: true, precision: 3 }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('case_reviews_seq_uq').on(t.caseId, t.seq),
    index('case_reviews_reviewing_idx').using('btree', t.institutionId, sql`${t.reviewingPath} text_pattern_ops`, t.status),
    index('case_reviews_next_level_idx').on(t.nextLevelAt).where(sql`${t.nextLevelAt} is not null`),
  ],
);

// ── Teams and assignment rules (issue 3, item 5) ──────────────────────────────────────────

/** A team of case handlers belonging to an org unit; cases reach it through assignment rules. */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    name: text('name').notNull(),
    strategy: text('strategy').notNull(),
    active: boolean('active').notNull().default(true),
    /** Whom the rotation reached last: the row is locked while the next member is picked. */
    lastAssignedId: uuid('last_assigned_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('teams_org_unit_idx').on(t.institutionId, t.orgUnitId)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id').notNull().references(() => teams.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    /** Rotation order within the team. */
    position: integer('position').notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.institutionId, t.userId)],
);

/**
 * The columns every table of ordered, admin-editable rules starts with: tried by `position`
 * within the institution, `conditions` a JSON object of lists (empty or absent: any).
 */
const orderedRuleColumns = () => ({
  id: uuid('id').primaryKey(),
  institutionId: uuid('institution_id').notNull().references(() => institutions.id),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  active: boolean('active').notNull().default(true),
  conditions: jsonb('conditions').notNull(),
});

/** And ends with: the version edits are checked against, and when the rule was made and changed. */
const orderedRuleRevision = () => ({
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Ordered, admin-editable rules: the first whose conditions a case meets names its team. */
export const assignmentRules = pgTable(
  'assignment_rules',
  {
    /** conditions: { categoryIds?, businessLines?, orgUnitIds?, priorities?, channels?, kinds? } */
    ...orderedRuleColumns(),
    teamId: uuid('team_id').notNull().references(() => teams.id),
    requiredSkill: text('required_skill'),
    ...orderedRuleRevision(),
  },
  (t) => [index('assignment_rules_order_idx').on(t.institutionId, t.position)],
);

// ── The regulatory clock: extensions, exclusions (issue 4, items 3 and 4) ─────────────────

/** A request to extend a case's regulatory deadline by one level of its rule set, and its decision. */
export const caseExtensions = pgTable(
  'case_extensions',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    /** 1: complex (China: to 30 days); 2: especially complex (to 60 days, approved at a higher level). */
    level: integer('level').notNull(),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true, precision: 3 }).notNull(),
    /** requested | approved | rejected */
    status: text('status').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    decisionNote: text('decision_note'),
    /** The deadline once approved (null while suspended by an exclusion). */
    newDueAt: timestamp('new_due_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('case_extensions_case_idx').on(t.caseId, t.requestedAt),
    // One granted extension per level, and one request open at a time.
    uniqueIndex('case_extensions_level_uq').on(t.caseId, t.level).where(sql`${t.status} = 'approved'`),
    uniqueIndex('case_extensions_open_uq').on(t.caseId).where(sql`${t.status} = 'requested'`),
  ],
);

/** A period left out of the regulatory limit: outside appraisal, testing, evaluation, or mediation. */
export const caseExclusions = pgTable(
  'case_exclusions',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    /** appraisal | testing | evaluation | mediation */
    kind: text('kind').notNull(),
    startAt: timestamp('start_at', { withTimezone: true, precision: 3 }).notNull(),
    /** null while the appraisal or mediation is under way: the clock is suspended. */
    endAt: timestamp('end_at', { withTimezone: true, precision: 3 }),
    /** When the complainant was told; a rule that requires notice ignores the period without it. */
    noticeSentAt: timestamp('notice_sent_at', { withTimezone: true, precision: 3 }),
    note: text('note'),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('case_exclusions_case_idx').on(t.caseId, t.startAt)],
);

/** Ordered, admin-editable rules: the first whose conditions a case meets marks it major (重大投诉). */
export const majorCaseRules = pgTable(
  'major_case_rules',
  {
    /** conditions: the assignment rules' conditions plus { amountAtLeast?, riskFlags? } */
    ...orderedRuleColumns(),
    /** The expert panel a case marked by this rule gets by default. */
    panelMemberIds: uuid('panel_member_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Agreements needed; null: a majority of the panel. */
    quorum: integer('quorum'),
    ...orderedRuleRevision(),
  },
  (t) => [index('major_case_rules_order_idx').on(t.institutionId, t.position)],
);

/** A draft decision of a major case put to an expert panel (专家组会审). */
export const panelReviews = pgTable(
  'panel_reviews',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    /** 1 for a case's first review, 2 after a returned draft is put again, … */
    round: integer('round').notNull(),
    /** open, agreed, returned */
    status: text('status').notNull(),
    /** The draft decision, its letter with personal data masked (the sealed letter is below). */
    decision: jsonb('decision').notNull(),
    /** The draft letter as written, encrypted (bound to `panel_reviews.letter:<id>`); null on drafts from before. */
    letterSealed: text('letter_sealed'),
    quorum: integer('quorum').notNull(),
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }).notNull(),
    concludedAt: timestamp('concluded_at', { withTimezone: true, precision: 3 }),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('panel_reviews_case_round_uq').on(t.caseId, t.round)],
);

export const panelMembers = pgTable(
  'panel_members',
  {
    reviewId: uuid('review_id').notNull().references(() => panelReviews.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    position: integer('position').notNull(),
    /** agree, disagree, agree_with_changes; null until they say */
    opinion: text('opinion'),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true, precision: 3 }),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] }), index('panel_members_user_idx').on(t.institutionId, t.userId)],
);

/** A named set of case-list filters: private to its owner, or shared with a unit's staff. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull().references(() => institutions.id),
    ownerId: uuid('owner_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    filters: jsonb('filters').notNull(),
    sharedWithOrgUnitId: uuid('shared_with_org_unit_id').references(() => orgUnits.id),
    /** The shared unit's path: staff at or below it see the view. */
    sharedPath: text('shared_path'),
    /** Or a team: its members see the view. */
    sharedWithTeamId: uuid('shared_with_team_id').references(() => teams.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('saved_views_owner_idx').on(t.institutionId, t.ownerId), index('saved_views_shared_idx').on(t.institutionId, t.sharedPath)],
);
