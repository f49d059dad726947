import { sql } from 'drizzle-orm';
import {
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

const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
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
