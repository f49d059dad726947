import { parse, protocol, type PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';

/** How many statements one PGlite keeps prepared; the least recently used is closed beyond. */
export const PREPARED_LIMIT = 256;

// SQLSTATE 0A000 with this text: a table under a prepared statement changed shape (a migration).
const RESULT_TYPE_CHANGED = 'cached plan must not change result type';

// Names are unique in the process: two views of one instance never prepare the same name.
let counter = 0;

interface Prepared {
  name: string;
  /** The type of each parameter, as PostgreSQL inferred it: it picks the value's serializer. */
  paramTypes: number[];
}

export type Query = (text: string, params?: unknown[], options?: QueryOptions) => Promise<Results<unknown>>;

/**
 * PGlite's `query` parses, analyses and plans every statement afresh, in six calls into the
 * engine (parse, describe, bind, describe, execute, sync): 0.3–1.5 ms for an indexed look-up,
 * most of a request's database time. Here a statement with parameters is prepared under a name
 * the first time its text is seen, and each execution is one call (bind, describe, execute,
 * sync) that PostgreSQL plans from its cache. Results, errors and locking are `query`'s: the
 * same parsers and serializers, the engine held exclusively (inside a transaction, the
 * transaction already holds it), its files synced after a statement outside a transaction.
 */
export class PgliteStatements {
  /** By statement text, least recently used first. */
  private readonly prepared = new Map<string, Prepared>();
  /** Statements evicted from the cache, closed with the next call into the engine. */
  private closing: string[] = [];

  private readonly limit: number;
  private readonly parsers: PGlite['parsers'];

  /** `parsers`: the table results are read with (default: the instance's own). */
  constructor(
    private readonly pglite: PGlite,
    options: { limit?: number; parsers?: PGlite['parsers'] } = {},
  ) {
    this.limit = options.limit ?? PREPARED_LIMIT;
    this.parsers = options.parsers ?? pglite.parsers;
  }

  /** `query` of the instance itself, or of a transaction (`tx`) begun on it. */
  query(fallback: Query, inTransaction: boolean): Query {
    return (text, params, options) => {
      // Without parameters there is nothing to bind; a blob (COPY) needs query's own handling.
      if (!params?.length || options?.blob) return fallback(text, params, options);
      const run = () => this.pglite.runExclusive(() => this.run(text, params, options, inTransaction));
      return inTransaction ? run() : this.pglite._runExclusiveTransaction(run);
    };
  }

  /** How many statements are prepared now (for tests). */
  get size(): number {
    return this.prepared.size;
  }

  private async run(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<unknown>> {
    try {
      const statement = await this.statement(text, options);
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = statement.paramTypes[i]!;
        const serializer = options?.serializers?.[type] ?? this.pglite.serializers[type];
        return serializer ? serializer(value) : String(value);
      });
      const messages = await this.call(
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
      );
      if (!inTransaction) await this.pglite.syncToFs();
      return parse.parseResults(messages, this.parsers, options)[0]!;
    } catch (e) {
      if (e instanceof Error && e.message.includes(RESULT_TYPE_CHANGED)) this.forget(text);
      // As query() reports a failed statement: the error carries the statement and its values.
      throw Object.assign(e as object, { query: text, params, queryOptions: options });
    }
  }

  /** The prepared statement for a text, prepared now if it is new (and the oldest closed beyond the limit). */
  private async statement(text: string, options: QueryOptions | undefined): Promise<Prepared> {
    const known = this.prepared.get(text);
    if (known) {
      this.prepared.delete(text);
      this.prepared.set(text, known);
      return known;
    }
    const name = `loopdesk_${++counter}`;
    const described = await this.call(
      protocol.serialize.parse({ name, text, types: options?.paramTypes }),
      protocol.serialize.describe({ type: 'S', name }),
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
    this.prepared.set(text, statement);
    if (this.prepared.size > this.limit) this.forget(this.prepared.keys().next().value!);
    return statement;
  }

  private forget(text: string): void {
    const statement = this.prepared.get(text);
    if (!statement) return;
    this.prepared.delete(text);
    this.closing.push(statement.name);
  }

  /** One call into the engine: the closes pending, these messages and a sync; the messages it answered. */
  private call(...messages: Uint8Array[]) {
    const closes = this.closing.map((name) => protocol.serialize.close({ type: 'S', name }));
    this.closing = [];
    const parts = [...closes, ...messages, protocol.serialize.sync()];
    const buffer = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      buffer.set(part, offset);
      offset += part.length;
    }
    return this.pglite.execProtocolStream(buffer, { syncToFs: false });
  }
}
