import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '@loopdesk/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client} from '../../../test/harness';
import { describeEngines, orgUnitId, startTestApp, type TestApp } from '../../../test/harness';
import { systemContext } from '../../platform/context';

interface RawEntry {
  seq: number;
  action: string;
  object_id: string | null;
  after: unknown;
  prev_hash: string;
  hash: string;
  at: Date | string;
}

describeEngines('audit trail', (engine) => {
  let t: TestApp;
  let admin: Client;
  let institutionId: string;
  const q = (query: ReturnType<typeof sql>) => t.database.db.execute(query).then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows);
  const verify = () => t.app.services.audit.verify(institutionId);

  beforeAll(async () => {
    t = await startTestApp(engine);
    institutionId = t.setup.institutionId;
    admin = await t.admin();
    // Some history to tamper with.
    const bj = await orgUnitId(admin, 'BJ');
    for (let i = 0; i < 5; i++) {
      expect((await admin.post('/api/org-units', { parentId: bj, kind: 'department', code: `BJ-D${i}`, name: `测试部门${i}` })).status).toBe(201);
    }
  });
  afterAll(() => t?.close());

  async function entries(): Promise<RawEntry[]> {
    return (await q(sql`select seq::int as seq, action, object_id, after, prev_hash, hash, at from audit_entries where institution_id = ${institutionId} order by seq`)) as unknown as RawEntry[];
  }

  it('chains the entries of an audited transaction at its end, in the order recorded, or not at all', async () => {
    const audit = t.app.services.audit;
    const ctx = systemContext();
    const before = (await entries()).length;
    await audit.transaction(async (tx) => {
      for (const n of [1, 2, 3]) await audit.record(tx, ctx, institutionId, { action: 'test.batch', objectType: 'test', objectId: `b${n}` });
      // Nothing is linked before the work is done: the head is not locked yet.
      const head = (await tx.execute(sql`select seq::int as seq from audit_heads where institution_id = ${institutionId}`)) as unknown as { rows: { seq: number }[] };
      expect(head.rows[0]!.seq).toBe(before);
    });
    const after = await entries();
    expect(after.slice(before).map((e) => e.object_id)).toEqual(['b1', 'b2', 'b3']);
    expect(after.slice(before).map((e) => e.seq)).toEqual([before + 1, before + 2, before + 3]);
    await expect(
      audit.transaction(async (tx) => {
        await audit.record(tx, ctx, institutionId, { action: 'test.batch', objectType: 'test', objectId: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await entries()).length).toBe(before + 3);
    expect((await verify()).ok).toBe(true);
  });

  it('keeps the entries of a savepoint that succeeds and drops those of one that fails', async () => {
    const audit = t.app.services.audit;
    const ctx = systemContext();
    const before = (await entries()).length;
    await audit.transaction(async (tx) => {
      await audit.savepoint(tx, (sp) => audit.record(sp, ctx, institutionId, { action: 'test.savepoint', objectType: 'test', objectId: 'kept' }));
      await expect(
        audit.savepoint(tx, async (sp) => {
          await audit.record(sp, ctx, institutionId, { action: 'test.savepoint', objectType: 'test', objectId: 'dropped' });
          throw new Error('this case failed');
        }),
      ).rejects.toThrow('this case failed');
      await audit.record(tx, ctx, institutionId, { action: 'test.savepoint', objectType: 'test', objectId: 'after' });
    });
    expect((await entries()).slice(before).map((e) => e.object_id)).toEqual(['kept', 'after']);
    await expect(t.database.db.transaction((tx) => audit.savepoint(tx, async () => undefined))).rejects.toThrow('audit.transaction');
    expect((await verify()).ok).toBe(true);
  });

  it('records who did what, from where, with before and after, under the request id', async () => {
    const unit = (await admin.get('/api/org-units')).body.items.find((u: { code: string }) => u.code === 'BJ-D0');
    const r = await admin.patch(`/api/org-units/${unit.id}`, { version: unit.version, name: '改名后的部门' });
    expect(r.status).toBe(200);
    const log = await admin.get(`/api/audit?objectType=org_unit&objectId=${unit.id}`);
    expect(log.status).toBe(200);
    const [latest] = log.body.items;
    expect(latest).toMatchObject({
      action: 'org_unit.update',
      actorId: admin.me!.id,
      actorName: 'admin',
      ip: '127.0.0.1',
      requestId: r.headers.get('x-request-id'),
      before: { name: '测试部门0' },
      after: { name: '改名后的部门' },
    });
    expect((await verify()).ok).toBe(true);
  });

  it('filters by user, action, object and time, and pages backwards', async () => {
    const byAdmin = await admin.get(`/api/audit?actorId=${admin.me!.id}&limit=2`);
    expect(byAdmin.body.items).toHaveLength(2);
    expect(byAdmin.body.items.every((e: { actorId: string }) => e.actorId === admin.me!.id)).toBe(true);
    const next = await admin.get(`/api/audit?actorId=${admin.me!.id}&limit=2&beforeSeq=${byAdmin.body.nextBeforeSeq}`);
    expect(next.body.items[0].seq).toBeLessThan(byAdmin.body.items[1].seq);
    const creates = await admin.get('/api/audit?action=org_unit.create&limit=500');
    expect(creates.body.items.length).toBeGreaterThanOrEqual(5 + 24) // the demo tree has 24 units;
    const future = await admin.get(`/api/audit?from=${encodeURIComponent(new Date(t.clock.now().getTime() + 60_000).toISOString())}`);
    expect(future.body.items).toEqual([]);
  });

  it('writes the entry in the same transaction as the change: a rollback leaves neither', async () => {
    const before = await entries();
    await expect(
      t.database.db.transaction(async (tx) => {
        await t.app.services.audit.record(tx, systemContext(), institutionId, { action: 'test.rolled_back', objectType: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await entries()).toHaveLength(before.length);
    expect((await verify()).ok).toBe(true);
  });

  describe('tampering is detected', () => {
    it('an edited entry', async () => {
      const target = (await entries())[10]!;
      await q(sql`update audit_entries set after = ${JSON.stringify({ name: 'forged' })}::jsonb where institution_id = ${institutionId} and seq = ${target.seq}`);
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: target.seq });
      expect(result.problem).toMatch(/altered/);
      await q(sql`update audit_entries set after = ${JSON.stringify(target.after)}::jsonb where institution_id = ${institutionId} and seq = ${target.seq}`);
      expect((await verify()).ok).toBe(true);
    });

    it('an edited entry with everything after it re-hashed by someone without the key', async () => {
      const all = await entries();
      const from = 12;
      const forgedKey = Buffer.from('ff'.repeat(32), 'hex');
      // The forger knows the format and chains properly, but can only guess the key.
      let prev = all[from - 1]!.hash;
      for (const e of all.slice(from)) {
        const after = e.seq === all[from]!.seq ? { name: 'forged' } : e.after;
        const full = (await q(sql`select * from audit_entries where institution_id = ${institutionId} and seq = ${e.seq}`))[0]!;
        const fields = {
          institutionId,
          seq: e.seq,
          at: new Date(full.at as string).toISOString(),
          actorId: full.actor_id,
          actorName: full.actor_name,
          ip: full.ip,
          requestId: full.request_id,
          action: full.action,
          objectType: full.object_type,
          objectId: full.object_id,
          scopePath: full.scope_path,
          before: full.before,
          after,
          prevHash: prev,
        };
        const hash = createHmac('sha256', forgedKey).update(canonicalJson(fields)).digest('hex');
        await q(sql`update audit_entries set after = ${JSON.stringify(after)}::jsonb, prev_hash = ${prev}, hash = ${hash} where institution_id = ${institutionId} and seq = ${e.seq}`);
        prev = hash;
      }
      await q(sql`update audit_heads set hash = ${prev} where institution_id = ${institutionId}`);
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: all[from]!.seq });

      // Restore the genuine rows.
      for (const e of all.slice(from)) {
        await q(sql`update audit_entries set after = ${JSON.stringify(e.after)}::jsonb, prev_hash = ${e.prev_hash}, hash = ${e.hash} where institution_id = ${institutionId} and seq = ${e.seq}`);
      }
      await q(sql`update audit_heads set hash = ${all.at(-1)!.hash} where institution_id = ${institutionId}`);
      expect((await verify()).ok).toBe(true);
    });

    it('a deleted entry', async () => {
      const target = (await entries())[7]!;
      const saved = (await q(sql`select * from audit_entries where institution_id = ${institutionId} and seq = ${target.seq}`))[0]!;
      await q(sql`delete from audit_entries where institution_id = ${institutionId} and seq = ${target.seq}`);
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: target.seq });
      expect(result.problem).toMatch(/missing/);
      await q(sql`insert into audit_entries select * from jsonb_populate_record(null::audit_entries, ${JSON.stringify(saved)}::jsonb)`);
      expect((await verify()).ok).toBe(true);
    });

    it('a cut-off tail: caught by the head row, and by a checkpoint even when the head is rewritten too', async () => {
      const checkpoint = await t.app.services.audit.checkpoint(institutionId);
      const all = await entries();
      expect(checkpoint.seq).toBe(all.at(-1)!.seq);
      const cut = all.slice(-2);
      const saved = await q(sql`select * from audit_entries where institution_id = ${institutionId} and seq >= ${cut[0]!.seq}`);
      await q(sql`delete from audit_entries where institution_id = ${institutionId} and seq >= ${cut[0]!.seq}`);

      const byHead = await verify();
      expect(byHead).toMatchObject({ ok: false, firstBrokenSeq: cut[0]!.seq });
      expect(byHead.problem).toMatch(/removed from the end/);

      const newTail = all.at(-3)!;
      await q(sql`update audit_heads set seq = ${newTail.seq}, hash = ${newTail.hash} where institution_id = ${institutionId}`);
      expect((await verify()).ok).toBe(true); // without an outside anchor the shorter chain looks whole
      const byCheckpoint = await t.app.services.audit.verify(institutionId, checkpoint);
      expect(byCheckpoint).toMatchObject({ ok: false, firstBrokenSeq: cut[0]!.seq });
      expect(byCheckpoint.problem).toMatch(/tail was cut off/);

      for (const row of saved) {
        await q(sql`insert into audit_entries select * from jsonb_populate_record(null::audit_entries, ${JSON.stringify(row)}::jsonb)`);
      }
      await q(sql`update audit_heads set seq = ${all.at(-1)!.seq}, hash = ${all.at(-1)!.hash} where institution_id = ${institutionId}`);
      expect((await t.app.services.audit.verify(institutionId, checkpoint)).ok).toBe(true);
    });

    it('a forged checkpoint', async () => {
      const checkpoint = await t.app.services.audit.checkpoint(institutionId);
      const forged = { ...checkpoint, seq: checkpoint.seq - 1 };
      const result = await t.app.services.audit.verify(institutionId, forged);
      expect(result.ok).toBe(false);
      expect(result.problem).toMatch(/signature/);
      // A plain hash is no signature either.
      const plain = { ...forged, signature: createHash('sha256').update(canonicalJson(forged)).digest('hex') };
      expect((await t.app.services.audit.verify(institutionId, plain)).ok).toBe(false);
    });
  });

  it('shows the verification to the auditor in the API', async () => {
    const r = await admin.get('/api/audit/verify');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(r.body.entriesChecked).toBe(r.body.headSeq);
  });
});
