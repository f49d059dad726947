import type { Db } from './client';

/** Escapes LIKE's wildcards so that a value matches only itself (as a prefix, with a trailing %). */
export function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, '\\$&');
}

/**
 * A statement prepared once per database handle (drizzle `.prepare(name)` with placeholders):
 * its SQL is built once instead of at every call, and PostgreSQL keeps its plan per connection.
 * For the reads every request makes; `build` runs at the first use on each handle.
 */
export function preparedOn<P>(build: (db: Db) => P): (db: Db) => P {
  const statements = new WeakMap<Db, P>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) statements.set(db, (statement = build(db)));
    return statement;
  };
}
