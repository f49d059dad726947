import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@loopdesk/db';
import type { AuditService } from '../features/audit/audit.service';
import { requireActor, type RequestContext } from './context';
import type { Deps } from './deps';
import { AppError } from './errors';

/**
 * A table of ordered, admin-edited rules (assignment rules, major-case rules): the columns every
 * such table has; each adds its own (a team and skill, a panel and quorum).
 */
export type OrderedRuleTable = PgTable & {
  id: PgColumn;
  institutionId: PgColumn;
  position: PgColumn;
  version: PgColumn;
  updatedAt: PgColumn;
};

/** The row every ordered-rule table yields, whatever its own columns. */
export interface OrderedRuleRow {
  id: string;
  institutionId: string;
  name: string;
  position: number;
  active: boolean;
  conditions: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Reads and version-checked writes of one rule table, in the order the rules are tried. */
export interface OrderedRulesRepo<Row, Insert> {
  list(db: Db, institutionId: string): Promise<Row[]>;
  byId(db: Db, institutionId: string, id: string): Promise<Row | undefined>;
  nextPosition(db: Db, institutionId: string): Promise<number>;
  insert(db: Db, row: Insert): Promise<Row>;
  update(db: Db, id: string, version: number, set: Partial<Insert>, now: Date): Promise<Row | undefined>;
  delete(db: Db, id: string, version: number): Promise<Row | undefined>;
}

export function orderedRulesRepo<T extends OrderedRuleTable>(table: T): OrderedRulesRepo<T['$inferSelect'], T['$inferInsert']> {
  type Row = T['$inferSelect'];
  // Drizzle cannot infer a generic table's row type: the results are typed here, once.
  const t = table as OrderedRuleTable;
  return {
    list(db, institutionId) {
      return db.select().from(t).where(eq(t.institutionId, institutionId)).orderBy(asc(t.position), asc(t.id)) as Promise<Row[]>;
    },

    byId(db, institutionId, id) {
      return db
        .select()
        .from(t)
        .where(and(eq(t.institutionId, institutionId), eq(t.id, id)))
        .then((r) => r[0] as Row | undefined);
    },

    /** After the last rule, in steps of ten (room to slot one in between). */
    nextPosition(db, institutionId) {
      return db
        .select({ max: sql<number | null>`max(${t.position})` })
        .from(t)
        .where(eq(t.institutionId, institutionId))
        .then((r) => (r[0]?.max === null || r[0]?.max === undefined ? 10 : Number(r[0].max) + 10));
    },

    insert(db, row) {
      return db.insert(t).values(row).returning().then((r) => (r as Row[])[0]!);
    },

    update(db, id, version, set, now) {
      return db
        .update(t)
        .set({ ...set, version: version + 1, updatedAt: now })
        .where(and(eq(t.id, id), eq(t.version, version)))
        .returning()
        .then((r) => (r as Row[])[0]);
    },

    delete(db, id, version) {
      return db
        .delete(t)
        .where(and(eq(t.id, id), eq(t.version, version)))
        .returning()
        .then((r) => (r as Row[])[0]);
    },
  };
}

/** What every create request of an ordered rule carries; the rest is the feature's own. */
interface CreateRuleInput {
  name: string;
  position?: number | undefined;
  active: boolean;
  conditions: unknown;
}

/** What one kind of rule brings to the shared list/create/update/delete. */
export interface OrderedRulesSpec<Row extends OrderedRuleRow, Insert, View, Create extends CreateRuleInput, Update extends { version: number }> {
  repo: OrderedRulesRepo<Row, Insert>;
  /** Audit actions are `<prefix>.create`, `.update` and `.delete`. */
  actionPrefix: string;
  objectType: string;
  /** The 404 message for an unknown rule. */
  notFound: string;
  toView(row: Row): View;
  /** The feature's own columns of a new rule, from its create request. */
  ownColumns(input: Create): Partial<Insert>;
  /** Refuses (with an AppError) what the rule may not say; runs before the transaction. */
  checkCreate(institutionId: string, input: Create): Promise<void>;
  /** The same for an edit, knowing the rule as it is; runs after the version check. */
  checkUpdate(institutionId: string, input: Update, before: Row): Promise<void>;
}

/**
 * Ordered, admin-edited rules: listed in the order they are tried, added at the end by default,
 * edited and removed with the version the editor saw (409 when stale), every write audited with
 * the rule before and after in the same transaction.
 */
export class OrderedRules<Row extends OrderedRuleRow, Insert, View, Create extends CreateRuleInput, Update extends { version: number }> {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly spec: OrderedRulesSpec<Row, Insert, View, Create, Update>,
  ) {}

  async list(ctx: RequestContext): Promise<View[]> {
    return (await this.spec.repo.list(this.deps.db, requireActor(ctx).institutionId)).map((r) => this.spec.toView(r));
  }

  async create(ctx: RequestContext, input: Create): Promise<View> {
    const actor = requireActor(ctx);
    const { repo, toView } = this.spec;
    await this.spec.checkCreate(actor.institutionId, input);
    const now = this.deps.now();
    return this.audit.transaction(async (tx) => {
      const position = input.position ?? (await repo.nextPosition(tx, actor.institutionId));
      const row = await repo.insert(tx, {
        id: randomUUID(),
        institutionId: actor.institutionId,
        name: input.name,
        position,
        active: input.active,
        conditions: input.conditions,
        ...this.spec.ownColumns(input),
        createdAt: now,
        updatedAt: now,
      } as Insert);
      await this.audit.record(tx, ctx, actor.institutionId, { action: `${this.spec.actionPrefix}.create`, objectType: this.spec.objectType, objectId: row.id, scopePath: null, after: toView(row) });
      return toView(row);
    });
  }

  async update(ctx: RequestContext, id: string, input: Update): Promise<View> {
    const actor = requireActor(ctx);
    const { repo, toView } = this.spec;
    const before = await this.existing(actor.institutionId, id);
    if (before.version !== input.version) throw staleRule();
    await this.spec.checkUpdate(actor.institutionId, input, before);
    const { version, ...changes } = input;
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<Insert>;
    return this.audit.transaction(async (tx) => {
      const row = await repo.update(tx, id, version, set, this.deps.now());
      if (!row) throw staleRule();
      await this.audit.record(tx, ctx, actor.institutionId, { action: `${this.spec.actionPrefix}.update`, objectType: this.spec.objectType, objectId: id, scopePath: null, before: toView(before), after: toView(row) });
      return toView(row);
    });
  }

  async remove(ctx: RequestContext, id: string, version: number): Promise<void> {
    const actor = requireActor(ctx);
    const before = await this.existing(actor.institutionId, id);
    await this.audit.transaction(async (tx) => {
      if (!(await this.spec.repo.delete(tx, id, version))) throw staleRule();
      await this.audit.record(tx, ctx, actor.institutionId, { action: `${this.spec.actionPrefix}.delete`, objectType: this.spec.objectType, objectId: id, scopePath: null, before: this.spec.toView(before) });
    });
  }

  /** The institution's active rules in the order they are tried (inside a transaction: its `tx`). */
  async active(db: Db, institutionId: string): Promise<Row[]> {
    return (await this.spec.repo.list(db, institutionId)).filter((r) => r.active);
  }

  private async existing(institutionId: string, id: string): Promise<Row> {
    const row = await this.spec.repo.byId(this.deps.db, institutionId, id);
    if (!row) throw new AppError('not_found', this.spec.notFound);
    return row;
  }
}

function staleRule(): AppError {
  return new AppError('stale_version', 'the rule was changed by someone else; reload and try again');
}
