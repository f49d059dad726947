// Finding due clock work among many open cases on PostgreSQL (issue 4). Target: < 100 ms among
// 1,000,000 open cases. Fills `cases` with N open cases whose next clock event is spread over
// the next 30 days (0.1% of them already due), then times the deadline worker's own claim —
// the range scan of cases.next_clock_at with FOR UPDATE SKIP LOCKED, a batch of 50, in a
// transaction rolled back — and counts what is due. `--ci` fills 20,000; default 200,000;
// `--cases 1000000` by hand. Asserts nothing.
import { randomUUID } from 'node:crypto';
import { institutions, openDatabase, orgUnits } from '@loopdesk/db';
import { sql } from 'drizzle-orm';
import { slaRepo } from '../apps/server/src/features/clocks/sla.repo';
import { CI_SIZE, machine, percentile, throwawayPostgres } from './lib';

const argIndex = process.argv.indexOf('--cases');
const total = argIndex > 0 ? Number(process.argv[argIndex + 1]) : CI_SIZE ? 20_000 : 200_000;
const CHUNK = 100_000;
const DUE_SHARE = 0.001;

async function main(): Promise<void> {
  const pg = await throwawayPostgres('loopdesk_due_work_bench');
  if (!pg) {
    console.log('due-work bench skipped: no DATABASE_URL and no PostgreSQL binaries');
    process.exit(CI_SIZE && process.env.CI === 'true' ? 1 : 0);
  }
  const database = await openDatabase({ url: pg.url, poolSize: 2 });
  try {
    await database.migrate();
    const db = database.db;
    const institutionId = randomUUID();
    const unitId = randomUUID();
    await db.insert(institutions).values({ id: institutionId, code: `BENCH-${institutionId.slice(0, 8)}`, name: '基准银行' });
    await db.insert(orgUnits).values({ id: unitId, institutionId, parentId: null, kind: 'head_office', code: 'HO', name: '总行', path: `/${unitId}/`, depth: 0 });

    const now = new Date('2026-11-20T02:00:00Z');
    const t0 = performance.now();
    for (let done = 0; done < total; done += CHUNK) {
      const n = Math.min(CHUNK, total - done);
      // Open cases of every working state; next_clock_at: 0.1% up to an hour overdue, the rest within 30 days.
      await db.execute(sql`
        insert into cases (id, institution_id, number, org_unit_id, org_path, status, kind, kind_source, channel, priority, title_masked,
                           received_at, regulatory_due_at, sla_status, sla_due_at, next_clock_at)
        select gen_random_uuid(), ${institutionId}, 'FB-BENCH-' || lpad((${done} + g)::text, 8, '0'), ${unitId}, ${`/${unitId}/`},
               (array['new','accepted','assigned','in_progress','awaiting_customer','reopened'])[1 + g % 6], 'complaint', 'person',
               (array['hotline','web','app','letter','branch_counter'])[1 + g % 5], 'P3', '基准工单',
               ${now.toISOString()}::timestamptz - (g % 7) * interval '1 day',
               ${now.toISOString()}::timestamptz + interval '15 days',
               'running', ${now.toISOString()}::timestamptz + interval '2 days',
               case when random() < ${DUE_SHARE} then ${now.toISOString()}::timestamptz - random() * interval '1 hour'
                    else ${now.toISOString()}::timestamptz + random() * interval '30 days' end
        from generate_series(1, ${n}) g`);
      if (!CI_SIZE) process.stderr.write(`  filled ${done + n}/${total} cases\n`);
    }
    const fillSeconds = (performance.now() - t0) / 1000;
    await db.execute(sql`analyze cases`);

    const runs = CI_SIZE ? 20 : 50;
    const claim: number[] = [];
    let claimed = 0;
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      // The claim locks nothing past its transaction, which changes nothing and commits.
      const ids = await db.transaction((tx) => slaRepo.claimDue(tx, now, 50));
      if (i >= 3) claim.push(performance.now() - t);
      claimed = ids.length;
    }
    const counts: number[] = [];
    let due = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      due = await slaRepo.countDue(db, now);
      counts.push(performance.now() - t);
    }
    const plan = ((await db.execute(sql`explain select id from cases where next_clock_at is not null and next_clock_at <= ${now.toISOString()} order by next_clock_at limit 50 for update skip locked`)) as unknown as { rows: { 'QUERY PLAN': string }[] }).rows
      .map((r) => r['QUERY PLAN'])
      .find((l) => /Scan/.test(l))
      ?.trim();

    console.log(`due clock work on PostgreSQL among ${total} open cases (${machine()})`);
    console.log(`  fill: ${(total / fillSeconds).toFixed(0)} cases/s (${fillSeconds.toFixed(1)} s, generate_series)`);
    console.log(`  claim a batch of 50 due (FOR UPDATE SKIP LOCKED)  median ${percentile(claim, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(claim, 95).toFixed(2).padStart(7)} ms   (target < 100 ms)`);
    console.log(`  count all due (${due}, claimed ${claimed})${' '.repeat(Math.max(1, 22 - String(due).length - String(claimed).length))}median ${percentile(counts, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(counts, 95).toFixed(2).padStart(7)} ms`);
    console.log(`  plan: ${plan}`);
  } finally {
    await database.close();
    pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
