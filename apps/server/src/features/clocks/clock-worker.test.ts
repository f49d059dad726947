import { openDatabase, type Database } from '@loopdesk/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createStaff, openTestDatabase, startTestApp, TestClock, type TestApp } from '../../../test/harness';

const HOUR = 3_600_000;
const CASES = 80;
const WORKER_ENV = { LOOPDESK_CLOCK_TICK_SECONDS: '0.2' };

/**
 * THE clock test: real cases, an injected clock, and several worker processes (app instances
 * with worker: true, each with its own connection pool and its own pg-boss) on one PostgreSQL
 * database. One is stopped part-way, then all are down for days and a fresh one catches up.
 * Nothing calls a handler: the workers find the work through pg-boss and the next_clock_at index.
 */
describe.skipIf(!inject('postgresUrl'))('clock worker: several processes, one stopped part-way, a restart after days [postgres]', () => {
  const clock = new TestClock();
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let a: TestApp;
  let b: TestApp;
  let bDatabase: Database;
  let c: TestApp | undefined;
  let handlerId: string;
  let leadId: string;
  let managerId: string;

  const q = async <T>(query: ReturnType<typeof sql>) => ((await db.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const levels = async () => (await q<{ n: number }>(sql`select count(*)::int as n from case_clock_events`))[0]!.n;
  const recordedBy = (t: TestApp) =>
    t.logs.lines.map((l) => JSON.parse(l) as { msg?: string; recorded?: number }).filter((l) => l.msg === 'clock levels recorded').reduce((sum, l) => sum + (l.recorded ?? 0), 0);
  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) {
        // Say why: what the workers logged as warnings and errors.
        const problems = [a, b, c].flatMap((t) => t?.logs.lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 40) ?? []);
        throw new Error(`timed out waiting for ${what} (${await levels()} levels recorded)\n${problems.slice(0, 10).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    a = await startTestApp('postgres', { database: db.database, clock, worker: true, env: WORKER_ENV });
    bDatabase = await openDatabase({ url: db.url!, poolSize: 5 });
    b = await startTestApp('postgres', { database: bDatabase, clock, worker: true, env: WORKER_ENV });
    const admin = await a.admin();
    const handler = await createStaff(a, admin, { username: 'w.handler', roles: ['handler'], orgCode: 'BJ-HD' });
    handlerId = handler.id;
    leadId = (await createStaff(a, admin, { username: 'w.lead', roles: ['team_lead'], orgCode: 'BJ-HD' })).id;
    managerId = (await createStaff(a, admin, { username: 'w.manager', roles: ['branch_manager'], orgCode: 'BJ' })).id;
    for (let i = 0; i < CASES; i++) {
      const r = await handler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: `第${i}号投诉：贷款审批拖延，客户经理不回复。` });
      expect(r.status).toBe(201);
    }
  }, 300_000);

  afterAll(async () => {
    // Closing twice is harmless here: a test that failed early leaves some running.
    for (const t of [c, b, a]) await t?.app.http.close().catch(() => undefined);
    await bDatabase?.close().catch(() => undefined);
    await db?.drop();
  });

  it('records every level exactly once and escalates it exactly once, across workers, a stop and a restart', async () => {
    // Triage first (its jobs update the cases too): in phase 2 a stand-in for a killed worker holds
    // 40 case rows until the test releases them, and a triage job waiting on them would hold up
    // the graceful stop of worker B.
    await until('every case triaged', async () => (await q<{ n: number }>(sql`select count(*)::int as n from cases where triaged_at is null`))[0]!.n === 0);
    // Phase 1, both workers running: 25 of the 48 hours allowed for the first response.
    clock.advance(25 * HOUR);
    await until('the 50% warnings', async () => (await levels()) === CASES);
    // Whichever worker fetched a tick did the work (the split is up to pg-boss and the locks);
    // between them they recorded each level once.
    // A worker reports its levels when its tick ends, a moment after the last commit.
    await until('the workers to report phase 1', async () => recordedBy(a) + recordedBy(b) >= CASES);
    const byA = recordedBy(a);
    const byB = recordedBy(b);
    console.info(`phase 1: worker A recorded ${byA} levels, worker B ${byB}`);
    expect(byA + byB).toBe(CASES);

    // Phase 2: past the target. A third worker claims 40 of the cases and dies mid-transaction
    // (its backend is terminated, as when the process is killed): until then the others skip
    // those rows and do the rest; B is stopped as the work falls due; A finishes alone.
    const crashed = new pg.Client({ connectionString: db.url });
    await crashed.connect();
    crashed.on('error', () => undefined);
    await crashed.query('begin');
    const phase2 = new Date(clock.now().getTime() + 24 * HOUR);
    const held = (await crashed.query<{ id: string }>('select id from cases where next_clock_at <= $1 order by next_clock_at limit 40 for update skip locked', [phase2])).rows.map((r) => r.id);
    expect(held).toHaveLength(40);
    await crashed.query(`insert into case_clock_events (id, institution_id, case_id, clock, run, level, escalation, recorded_at)
      select gen_random_uuid(), institution_id, id, 'first_response', 1, 'warning_75', '{}'::jsonb, now() from cases where id = $1`, [held[0]]);
    const { pid } = (await crashed.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!;

    clock.advance(24 * HOUR);
    await b.app.http.close();
    await bDatabase.close();
    await until('the breaches of the cases nobody holds', async () => (await levels()) === CASES + (CASES - 40) * 3);
    const ofHeld = (await q<{ n: number }>(sql`select count(*)::int as n from case_clock_events where case_id in ${sql.raw(`('${held.join("','")}')`)}`))[0]!.n;
    expect(ofHeld, 'the held cases only have their phase-1 warnings').toBe(40);

    await q(sql`select pg_terminate_backend(${pid})`);
    await crashed.end().catch(() => undefined);
    await until('the breaches', async () => (await levels()) === CASES * 4);

    // Phase 3: every worker down for two weeks of the service clock, then a fresh process.
    await a.app.http.close();
    clock.advance((400 - 49) * HOUR);
    expect(await levels()).toBe(CASES * 4);
    const due = (await q<{ n: number }>(sql`select count(*)::int as n from cases where next_clock_at <= ${clock.now().toISOString()}`))[0]!.n;
    expect(due).toBe(CASES);
    c = await startTestApp('postgres', { database: db.database, clock, worker: true, env: WORKER_ENV });
    // Resolution (a week): 50/75/90% and breach; regulatory (received 20 Nov, due 7 Dec 24:00): 50/75/90%.
    await until('the catch-up', async () => (await levels()) === CASES * 11);
    await new Promise((r) => setTimeout(r, 1500)); // more ticks add nothing
    expect(await levels()).toBe(CASES * 11);
    await until('the workers to report', async () => recordedBy(a) + recordedBy(b) + recordedBy(c!) >= CASES * 11);
    expect(recordedBy(a) + recordedBy(b) + recordedBy(c)).toBe(CASES * 11);

    // Each level once per case and clock.
    const perLevel = await q<{ clock: string; level: string; n: number; cases: number }>(
      sql`select clock, level, count(*)::int as n, count(distinct case_id)::int as cases from case_clock_events group by clock, level order by clock, level`,
    );
    expect(perLevel).toEqual(
      [
        ...['breach', 'warning_50', 'warning_75', 'warning_90'].map((level) => ({ clock: 'first_response', level })),
        ...['warning_50', 'warning_75', 'warning_90'].map((level) => ({ clock: 'regulatory', level })),
        ...['breach', 'warning_50', 'warning_75', 'warning_90'].map((level) => ({ clock: 'resolution', level })),
      ].map((x) => ({ ...x, n: CASES, cases: CASES })),
    );

    // The timeline: one entry per level, none twice.
    const timeline = await q<{ n: number; distinct: number }>(
      sql`select count(*)::int as n, count(distinct (case_id, data->>'clock', data->>'level'))::int as distinct from case_events where type in ('clock.warning', 'clock.breach')`,
    );
    expect(timeline[0]).toEqual({ n: CASES * 11, distinct: CASES * 11 });

    // Reassignment: once per case, at the first-response breach, to the team lead.
    const escalated = await q<{ case_id: string; n: number }>(sql`select case_id, count(*)::int as n from case_events where type = 'escalated' group by case_id`);
    expect(escalated).toHaveLength(CASES);
    expect(escalated.every((e) => e.n === 1)).toBe(true);
    const assignees = await q<{ assignee_id: string; n: number }>(sql`select assignee_id, count(*)::int as n from cases group by assignee_id`);
    expect(assignees).toEqual([{ assignee_id: leadId, n: CASES }]);

    // Notices: the default chain, each once. The handler is the assignee, else the owner: after
    // the first-response breach that is the team lead, so later notices to the handler reach them.
    const notices = await q<{ clock: string; level: string; recipient_id: string; n: number }>(
      sql`select payload->>'clock' as clock, payload->>'level' as level, recipient_id, count(*)::int as n from notification_outbox group by 1, 2, 3`,
    );
    expect(notices.every((n) => n.n === CASES)).toBe(true);
    const who = (clockName: string, level: string) => notices.filter((n) => n.clock === clockName && n.level === level).map((n) => n.recipient_id).sort();
    const sorted = (...ids: string[]) => ids.sort();
    expect(who('first_response', 'warning_50')).toEqual([handlerId]);
    expect(who('first_response', 'warning_75')).toEqual(sorted(handlerId, leadId));
    expect(who('first_response', 'warning_90')).toEqual(sorted(leadId, managerId));
    expect(who('first_response', 'breach')).toEqual(sorted(leadId, managerId));
    expect(who('resolution', 'warning_50')).toEqual([leadId]);
    expect(who('resolution', 'warning_75')).toEqual([leadId]);
    expect(who('resolution', 'warning_90')).toEqual(sorted(leadId, managerId));
    expect(who('resolution', 'breach')).toEqual(sorted(leadId, managerId));
    expect(who('regulatory', 'warning_50')).toEqual([leadId]);
    expect(who('regulatory', 'warning_75')).toEqual([leadId]);
    expect(who('regulatory', 'warning_90')).toEqual(sorted(leadId, managerId));
    // The workers deliver them too (no SMTP here: to the staff's in-app inbox); none fails.
    const outboxTotal = (await q<{ n: number }>(sql`select count(*)::int as n from notification_outbox where status <> 'failed'`))[0]!.n;
    expect(outboxTotal).toBe(CASES * 17);

    // Audited: one entry per level, one per reassignment.
    const audit = await q<{ action: string; n: number }>(sql`select action, count(*)::int as n from audit_entries where action in ('case.clock_level', 'case.escalate') group by action order by action`);
    expect(audit).toEqual([
      { action: 'case.clock_level', n: CASES * 11 },
      { action: 'case.escalate', n: CASES },
    ]);

    // Every case's next event is in the future: the regulatory breach at 24:00 on 7 December.
    const next = await q<{ at: string; n: number }>(sql`select next_clock_at as at, count(*)::int as n from cases group by next_clock_at`);
    expect(next).toHaveLength(1);
    expect(new Date(next[0]!.at).toISOString()).toBe('2026-12-07T16:00:00.000Z');
  }, 400_000);
});
