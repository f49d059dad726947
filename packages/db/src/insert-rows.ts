import { getTableColumns, getTableName, is, SQL, type Column, type InferSelectModel } from 'drizzle-orm';
import { PgDialect, type PgInsertValue, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';

/**
 * Multi-row inserts written straight from the table's column metadata, for the hot write paths
 * (a batch of registrations). Drizzle's query builder turns every value into a chunk that it
 * type-checks about eight times while it builds the SQL: about 0.4 ms per row of `cases`
 * (2 µs per column), more than the rest of a registration's work in Node. Here a value costs
 * one call of its column's own driver mapping, so the statement carries exactly what Drizzle's
 * insert would carry (the same parameters, `default` for an absent value, a column's runtime
 * default function applied) and its result rows are mapped by Drizzle as its own are.
 */

/** A statement being written: its text is composed by the caller, its parameters collected here. */
export class Statement {
  readonly params: unknown[] = [];

  /** `$n` for a value (mapped as a column maps it, when given) appended to the parameters. */
  param(value: unknown, column?: Column): string {
    this.params.push(value === null || value === undefined || !column ? (value ?? null) : column.mapToDriverValue(value));
    return `$${this.params.length}`;
  }

  /** An SQL expression (a value given as `sql\`…\``), its parameters renumbered after the ones collected. */
  expression(value: SQL): string {
    const q = dialect.sqlToQuery(value);
    const offset = this.params.length;
    this.params.push(...q.params);
    // Our own expressions: no `$n` inside a string literal in them.
    return q.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  }
}

const dialect = new PgDialect();
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * `insert into t (columns) values (…), (…)` for rows of one table, every column named in one
 * of the rows; `returning` adds every column, in the order Drizzle's `.returning()` maps them.
 */
export function insertRowsSql<T extends PgTable>(
  table: T,
  rows: readonly PgInsertValue<T>[],
  statement: Statement,
  opts: { returning?: boolean } = {},
): string {
  if (rows.length === 0) throw new Error(`insertRowsSql: no rows for ${getTableName(table)}`);
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const named = new Set<string>();
  for (const row of rows) for (const key in row) if ((row as Record<string, unknown>)[key] !== undefined) named.add(key);
  // As Drizzle does: an absent value takes the column's runtime default when it has one, else `default`.
  const used = columns.filter(([key, column]) => !(column as { shouldDisableInsert?(): boolean }).shouldDisableInsert?.() && (named.has(key) || column.defaultFn || column.onUpdateFn));
  const values = rows.map((row) => {
    const cells = used.map(([key, column]) => {
      let value = (row as Record<string, unknown>)[key];
      if (value === undefined) value = column.defaultFn ? column.defaultFn() : column.default === undefined ? column.onUpdateFn?.() : undefined;
      if (value === undefined) return 'default';
      return is(value, SQL) ? statement.expression(value) : statement.param(value, column);
    });
    return `(${cells.join(', ')})`;
  });
  const head = `insert into ${quote(getTableName(table))} (${used.map(([, c]) => quote(c.name)).join(', ')}) values ${values.join(', ')}`;
  return opts.returning ? `${head} returning ${columns.map(([, c]) => quote(c.name)).join(', ')}` : head;
}

interface Session {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: { path: string[]; field: Column }[] | undefined,
    name: string | undefined,
    isResponseInArrayMode: boolean,
  ): { execute(): Promise<unknown> };
}

/** The session of a database or transaction (Drizzle keeps it on the instance on both engines). */
const sessionOf = (db: Db) => (db as unknown as { session: Session }).session;

/** Runs a composed statement (no rows back). */
export async function runStatement(db: Db, text: string, statement: Statement): Promise<void> {
  await sessionOf(db).prepareQuery({ sql: text, params: statement.params }, undefined, undefined, false).execute();
}

/** The fields Drizzle maps a table's returned rows by, worked out once per table. */
const returnedFields = new WeakMap<PgTable, { path: string[]; field: Column }[]>();

/** Runs a statement whose result rows are `table`'s rows (from `insertRowsSql(…, { returning: true })`), mapped as Drizzle maps them. */
export async function runReturning<T extends PgTable>(db: Db, table: T, text: string, statement: Statement): Promise<InferSelectModel<T>[]> {
  const fields = returnedFields.get(table) ?? (Object.entries(getTableColumns(table)) as [string, Column][]).map(([key, field]) => ({ path: [key], field }));
  returnedFields.set(table, fields);
  return (await sessionOf(db).prepareQuery({ sql: text, params: statement.params }, fields, undefined, true).execute()) as InferSelectModel<T>[];
}

/** Inserts rows of one table in one statement. */
export function writeRows<T extends PgTable>(db: Db, table: T, rows: readonly PgInsertValue<T>[]): Promise<void> {
  const statement = new Statement();
  return runStatement(db, insertRowsSql(table, rows, statement), statement);
}

/** Inserts rows of one table in one statement and returns them (in no promised order). */
export function insertRows<T extends PgTable>(db: Db, table: T, rows: readonly PgInsertValue<T>[]): Promise<InferSelectModel<T>[]> {
  const statement = new Statement();
  return runReturning(db, table, insertRowsSql(table, rows, statement, { returning: true }), statement);
}
