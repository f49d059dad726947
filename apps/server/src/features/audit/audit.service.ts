import type { TAuditEntry, TAuditQuery, TAuditVerifyResult } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { pathIds } from '@loopdesk/core';
import type { Actor, RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import {
  checkpointSignature,
  entryHash,
  genesisHash,
  hashesEqual,
  signCheckpoint,
  type Checkpoint,
} from './audit.chain';
import { auditRepo, type AuditRow } from './audit.repo';

export interface AuditRecord {
  action: string;
  objectType: string;
  objectId?: string | null;
  /**
   * Org path of the unit the object belongs to, deciding who may read the entry; defaults to
   * the actor's own. Entries with none (institution-wide) are read at head office only.
   */
  scopePath?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who acted when the request has no signed-in actor yet (the sign-in itself). */
  actedAs?: { userId: string; username: string };
}

const VERIFY_BATCH = 2000;

/** An entry before it is linked into the chain: everything but its place and hashes. */
type Unchained = Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>;

export class AuditService {
  constructor(private readonly deps: Deps) {}

  /** Transactions run through `transaction`, with the entries they have recorded so far. */
  private readonly deferred = new WeakMap<Db, Unchained[]>();

  /**
   * Appends an entry to the institution's chain. Call it with the transaction that makes the
   * change, so that the change and its record commit or vanish together. Inside `transaction`
   * the entry is chained at the end of the transaction; otherwise at once.
   */
  async record(tx: Db, ctx: RequestContext, institutionId: string, rec: AuditRecord): Promise<void> {
    const entry: Unchained = {
      institutionId,
      at: this.deps.now(),
      actorId: ctx.actor?.userId ?? rec.actedAs?.userId ?? null,
      actorName: ctx.actor?.username ?? rec.actedAs?.username ?? ctx.via ?? (ctx.requestId === 'system' ? 'system' : null),
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: rec.action,
      objectType: rec.objectType,
      objectId: rec.objectId ?? null,
      scopePath: rec.scopePath !== undefined ? rec.scopePath : (ctx.actor?.orgPath ?? null),
      before: asJson(rec.before),
      after: asJson(rec.after),
    };
    const pending = this.deferred.get(tx);
    if (pending) pending.push(entry);
    else await this.chain(tx, [entry]);
  }

  /**
   * Runs `work` in a transaction whose audit entries are chained together as its last step.
   * Every service opens its write transactions here, so the institution's chain head is the
   * last lock any transaction takes: it is held only for the final statements before the
   * commit (concurrent writes do not queue behind each other's whole transaction), and a
   * transaction holding it never waits for a row another one holds (no deadlock through the
   * head, as there was between the clock worker and triage). Many entries (an import) are
   * chained in one statement.
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.deps.db.transaction(async (tx) => {
      const pending: Unchained[] = [];
      this.deferred.set(tx, pending);
      const result = await work(tx);
      this.deferred.delete(tx);
      await this.chain(tx, pending);
      return result;
    });
  }

  /**
   * Runs `work` in a savepoint of a transaction begun by `transaction`: the entries it records
   * join the transaction's only if it succeeds, and vanish with its changes if it throws.
   */
  async savepoint<T>(tx: Db, work: (sp: Db) => Promise<T>): Promise<T> {
    const outer = this.deferred.get(tx);
    if (!outer) throw new Error('audit.savepoint needs a transaction begun by audit.transaction');
    return tx.transaction(async (sp) => {
      const pending: Unchained[] = [];
      this.deferred.set(sp, pending);
      const result = await work(sp);
      this.deferred.delete(sp);
      outer.push(...pending);
      return result;
    });
  }

  /** Links entries onto their institutions' chains under the head lock, in the order recorded. */
  private async chain(tx: Db, entries: readonly Unchained[]): Promise<void> {
    const key = this.deps.auditKey;
    for (const institutionId of new Set(entries.map((e) => e.institutionId))) {
      const head = await auditRepo.lockHead(tx, institutionId, genesisHash(key, institutionId));
      let { seq, hash } = head;
      const rows: AuditRow[] = [];
      for (const entry of entries.filter((e) => e.institutionId === institutionId)) {
        const fields = { ...entry, seq: ++seq, prevHash: hash };
        hash = entryHash(key, fields);
        rows.push({ ...fields, hash });
      }
      await auditRepo.append(tx, rows);
    }
  }

  /** Entries the actor may read: those of their subtree (all of them at head office). */
  async search(actor: Actor, q: TAuditQuery): Promise<{ items: TAuditEntry[]; nextBeforeSeq: number | null }> {
    const wholeInstitution = pathIds(actor.orgPath).length === 1;
    const rows = await auditRepo.search(this.deps.db, actor.institutionId, wholeInstitution ? null : actor.orgPath, q);
    // Names for the page's actors and objects, in one look-up: the entries keep the raw ids.
    const labels = await auditRepo.labels(this.deps.db, actor.institutionId, [
      ...rows.flatMap((r) => (r.actorId ? [{ type: 'user', id: r.actorId }] : [])),
      ...rows.flatMap((r) => (r.objectId ? [{ type: r.objectType, id: r.objectId }] : [])),
    ]);
    const label = (type: string, id: string | null) => (id ? (labels.get(`${type}:${id.toLowerCase()}`) ?? null) : null);
    const last = rows.at(-1);
    return {
      items: rows.map((r) => ({ ...toEntry(r), actorDisplayName: label('user', r.actorId), objectLabel: label(r.objectType, r.objectId) })),
      nextBeforeSeq: rows.length === q.limit && last ? last.seq : null,
    };
  }

  /**
   * Walks the chain from its start and names the first entry that is missing, out of order or
   * whose hash does not match; then checks the head row and, when given, an exported checkpoint.
   */
  async verify(institutionId: string, checkpoint?: Checkpoint): Promise<TAuditVerifyResult> {
    const key = this.deps.auditKey;
    const db = this.deps.db;
    let prev = genesisHash(key, institutionId);
    let expected = 1;
    let checked = 0;
    const broken = (seq: number, problem: string): TAuditVerifyResult => ({
      ok: false,
      entriesChecked: checked,
      headSeq: expected - 1,
      firstBrokenSeq: seq,
      problem,
    });

    if (checkpoint) {
      const { signature, ...unsigned } = checkpoint;
      if (checkpoint.institutionId !== institutionId) return broken(checkpoint.seq, 'the checkpoint belongs to another institution');
      if (!hashesEqual(signature, checkpointSignature(key, unsigned))) {
        return broken(checkpoint.seq, 'the checkpoint signature does not match: it was altered or made with another key');
      }
    }

    for (;;) {
      const page = await auditRepo.chainPage(db, institutionId, expected - 1, VERIFY_BATCH);
      for (const row of page) {
        if (row.seq !== expected) return broken(expected, `entry ${expected} is missing (next present is ${row.seq})`);
        if (row.prevHash !== prev) return broken(row.seq, `entry ${row.seq} does not link to entry ${row.seq - 1}`);
        const { hash, ...fields } = row;
        if (!hashesEqual(hash, entryHash(key, fields))) return broken(row.seq, `entry ${row.seq} was altered: its hash does not match its content`);
        prev = hash;
        expected++;
        checked++;
      }
      if (page.length < VERIFY_BATCH) break;
    }
    const lastSeq = expected - 1;

    const head = await auditRepo.head(db, institutionId);
    if (head && (head.seq !== lastSeq || (lastSeq > 0 && head.hash !== prev))) {
      return broken(lastSeq + 1, `the chain ends at entry ${lastSeq} but its head records entry ${head.seq}: entries were removed from the end`);
    }
    if (checkpoint) {
      if (checkpoint.seq > lastSeq) {
        return broken(lastSeq + 1, `the checkpoint of ${checkpoint.createdAt} records entry ${checkpoint.seq}, but the chain ends at ${lastSeq}: the tail was cut off`);
      }
      const anchored = await auditRepo.entryAt(db, institutionId, checkpoint.seq);
      if (checkpoint.seq > 0 && (!anchored || !hashesEqual(anchored.hash, checkpoint.hash))) {
        return broken(checkpoint.seq, `entry ${checkpoint.seq} differs from the checkpoint: the chain was rebuilt`);
      }
    }
    return { ok: true, entriesChecked: checked, headSeq: lastSeq, firstBrokenSeq: null, problem: null };
  }

  /** Signs the current head so that it can be kept elsewhere and checked against later. */
  async checkpoint(institutionId: string): Promise<Checkpoint> {
    const head = await auditRepo.head(this.deps.db, institutionId);
    return signCheckpoint(this.deps.auditKey, {
      institutionId,
      seq: head?.seq ?? 0,
      hash: head?.hash ?? genesisHash(this.deps.auditKey, institutionId),
      createdAt: this.deps.now().toISOString(),
    });
  }
}

/** What jsonb will give back: plain JSON, so that the hash computed now matches on reading. */
function asJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function toEntry(r: AuditRow): Omit<TAuditEntry, 'actorDisplayName' | 'objectLabel'> {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    ip: r.ip,
    requestId: r.requestId,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    before: r.before,
    after: r.after,
    hash: r.hash,
  };
}
