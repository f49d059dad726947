import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite } from './client';
import { PgliteStatements, type Query } from './pglite-statements';

describe('PGlite statements prepared once by name', () => {
  let pglite: PGlite;
  let statements: PgliteStatements;
  let query: Query;
  const prepared = async () => (await pglite.query<{ name: string }>(`select name from pg_prepared_statements order by name`)).rows.map((r) => r.name);

  beforeAll(async () => {
    pglite = await createPglite();
    await pglite.exec(`create table t (id uuid primary key, n int not null unique, at timestamptz, doc jsonb, tags text[], note text)`);
    statements = new PgliteStatements(pglite, { limit: 3 });
    query = statements.query((...a) => pglite.query(...a), false);
  });
  afterAll(() => pglite?.close());

  it('answers as query() does: values serialised by their inferred types, rows in either mode, rows affected', async () => {
    const insert = `insert into t (id, n, at, doc, tags, note) values ($1, $2, $3, $4, $5, $6)`;
    const at = new Date('2026-11-23T08:00:00.000Z');
    const viaName = await query(insert, ['00000000-0000-4000-8000-000000000001', 1, at, { a: [1, '二'] }, ['x', 'y,z'], null]);
    const direct = await pglite.query(insert, ['00000000-0000-4000-8000-000000000002', 2, at, { a: [1, '二'] }, ['x', 'y,z'], null]);
    expect(viaName).toEqual(direct);
    expect(viaName.affectedRows).toBe(1);
    const select = `select id, n, at, doc, tags, note from t where n = any($1) order by n`;
    for (const rowMode of ['object', 'array'] as const) {
      const mine = await query(select, [[1, 2]], { rowMode });
      expect(mine).toEqual(await pglite.query(select, [[1, 2]], { rowMode }));
      expect(mine.rows).toHaveLength(2);
    }
    expect((await query(select, [[1]])).rows[0]).toEqual({ id: '00000000-0000-4000-8000-000000000001', n: 1, at, doc: { a: [1, '二'] }, tags: ['x', 'y,z'], note: null });
    expect((await query(`update t set note = $1 where n > $2`, ['注', 0])).affectedRows).toBe(2);
  });

  it('prepares a text once, and closes the least recently used beyond its limit', async () => {
    await pglite.exec(`deallocate all`);
    const fresh = new PgliteStatements(pglite, { limit: 2 });
    const q = fresh.query((...a) => pglite.query(...a), false);
    await q(`select $1::int + 1 as a`, [1]);
    await q(`select $1::int + 1 as a`, [2]);
    expect(await prepared()).toHaveLength(1);
    await q(`select $1::int + 2 as b`, [1]);
    await q(`select $1::int + 1 as a`, [3]); // the first is now the most recently used
    await q(`select $1::int + 3 as c`, [1]); // closes the second (on the next call)
    expect(fresh.size).toBe(2);
    expect((await q(`select $1::int + 1 as a`, [4])).rows).toEqual([{ a: 5 }]);
    expect(await prepared()).toHaveLength(2);
    // Without parameters a statement goes to query() as it is.
    expect((await q(`select 7 as seven`)).rows).toEqual([{ seven: 7 }]);
    expect(await prepared()).toHaveLength(2);
  });

  it('fails as query() fails: the database error with its code and statement, and the next statement works', async () => {
    const insert = `insert into t (id, n) values ($1, $2)`;
    const failure = await query(insert, ['00000000-0000-4000-8000-000000000003', 1]).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: '23505', constraint: 't_n_key', query: insert });
    await expect(query(`select $1::int / 0`, [1])).rejects.toMatchObject({ code: '22012' });
    expect((await query(`select count(*)::int as c from t where n > $1`, [0])).rows).toEqual([{ c: 2 }]);
  });

  it('prepares again after a migration changes the shape of a table under a statement', async () => {
    const select = `select * from t where n = $1`;
    expect(Object.keys((await query(select, [1])).rows[0]!)).not.toContain('extra');
    await pglite.exec(`alter table t add column extra int default 5`);
    await expect(query(select, [1])).rejects.toThrow(/cached plan must not change result type/);
    expect((await query(select, [1])).rows[0]).toMatchObject({ n: 1, extra: 5 });
  });

  it('runs inside a transaction without waiting for it, and outside it only after it ends', async () => {
    const order: string[] = [];
    let outside: Promise<unknown> | undefined;
    await pglite.transaction(async (tx) => {
      const inTx = statements.query((...a) => tx.query(...a), true);
      await inTx(`update t set note = $1 where n = $2`, ['事务中', 1]);
      outside = query(`select note from t where n = $1`, [1]).then((r) => order.push(`outside saw ${(r.rows[0] as { note: string }).note}`));
      await new Promise((r) => setTimeout(r, 20));
      order.push('commit');
    });
    await outside;
    expect(order).toEqual(['commit', 'outside saw 事务中']);
  });
});
