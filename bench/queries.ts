// Read paths over many stored cases on PostgreSQL: fills the demo institution with N generated
// cases (realistic rows: every state, sealed messages with masked copies, jieba search vectors,
// timelines, customers), then times, on the server side (Fastify inject, no socket), a branch
// user's queue view of 50, a case page and a full-text search.
// Targets (issue 3), at 1,000,000 cases: queue < 50 ms, case page < 50 ms, search < 200 ms.
// `--ci` fills 20,000; `--cases N` any number (1,000,000 is a run by hand). Asserts nothing.
import { randomUUID } from 'node:crypto';
import { maskName } from '@loopdesk/core';
import { caseEvents, caseMessages, cases, customers, institutions, openDatabase, orgUnits, users, type Db } from '@loopdesk/db';
import { maskPii } from '@loopdesk/triage';
import { eq, like, sql } from 'drizzle-orm';
import { indexTokens } from '../apps/server/src/features/cases/case-search';
import { generateDemoCases, type DemoCase, type DemoCustomer } from '../apps/server/src/features/setup/demo-cases';
import { loadConfig } from '../apps/server/src/config';
import type { FieldCipher } from '../apps/server/src/platform/field-cipher';
import { startServer } from '../apps/server/src/server';
import { CI_SIZE, machine, percentile, throwawayPostgres } from './lib';

// `--reuse`: measure a database filled by an earlier run again (after a change), without filling.
const reuse = process.argv.includes('--reuse');
const argIndex = process.argv.indexOf('--cases');
const total = argIndex > 0 ? Number(process.argv[argIndex + 1]) : CI_SIZE ? 20_000 : 200_000;
const CHUNK = 5000;
const ROWS_PER_INSERT = 500;
const password = 'Bench-Admin-2026!';

async function main(): Promise<void> {
  const pg = await throwawayPostgres('loopdesk_queries_bench');
  if (!pg) {
    console.log('queries bench skipped: no DATABASE_URL and no PostgreSQL binaries');
    process.exit(CI_SIZE && process.env.CI === 'true' ? 1 : 0);
  }

  if (reuse) {
    // The filled cases carry no clocks: the start-up pass must not give a million synthetic cases theirs.
    const filled = await openDatabase({ url: pg.url });
    await filled.migrate();
    await filled.db.update(institutions).set({ clocksCheckedAt: new Date() });
    await filled.close();
  }
  const running = await startServer(
    loadConfig({ DATABASE_URL: pg.url, PORT: '0', LOG_LEVEL: 'warn', LOOPDESK_ADMIN_PASSWORD: password, LOOPDESK_AUDIT_KEY: 'ab'.repeat(32), LOOPDESK_DATA_KEYS: `k1:${'cd'.repeat(32)}` }),
    undefined,
    { demo: { count: 0 } },
  );
  try {
    const db = running.database.db;
    const cipher = running.app.deps.cipher;
    const institutionId = running.setup!.institutionId;
    const units = new Map((await db.select().from(orgUnits).where(eq(orgUnits.institutionId, institutionId))).map((u) => [u.code, u]));
    const staff = new Map((await db.select().from(users).where(eq(users.institutionId, institutionId))).map((u) => [u.username, u.id]));
    const filler = new Filler(db, cipher, institutionId, units, staff);

    const t0 = performance.now();
    const now = new Date();
    for (let done = 0; !reuse && done < total; done += CHUNK) {
      const batch = generateDemoCases({ seed: 1000 + done / CHUNK, count: Math.min(CHUNK, total - done), now });
      await filler.write(batch);
      if (!CI_SIZE || done + CHUNK >= total) {
        const s = (performance.now() - t0) / 1000;
        process.stderr.write(`  filled ${Math.min(done + CHUNK, total)}/${total} cases, ${Math.round(Math.min(done + CHUNK, total) / s)} cases/s\n`);
      }
    }
    const fillSeconds = (performance.now() - t0) / 1000;
    // As for a database filled by the services: the start-up pass has nothing to give clocks to.
    await db.update(institutions).set({ clocksCheckedAt: new Date() });
    await db.execute(sql`analyze`);
    const stored = (await db.select({ n: sql<number>`count(*)::int` }).from(cases))[0]!.n;

    const http = running.app.http;
    const login = await http.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bj.lead', password } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const time = async (url: () => string, runs = CI_SIZE ? 20 : 50) => {
      const ms: number[] = [];
      for (let i = 0; i < runs + 3; i++) {
        const t = performance.now();
        const r = await http.inject({ method: 'GET', url: url(), headers: { cookie } });
        if (r.statusCode !== 200) throw new Error(`${url()}: ${r.statusCode} ${r.body.slice(0, 200)}`);
        if (i >= 3) ms.push(performance.now() - t);
      }
      return { median: percentile(ms, 50), p95: percentile(ms, 95) };
    };
    const bjIds = reuse
      ? (await db.select({ id: cases.id }).from(cases).where(like(cases.orgPath, `${units.get('BJ')!.path}%`)).limit(20_000)).map((r) => r.id)
      : filler.ids.filter((x) => x.region === 'BJ').map((x) => x.id);
    let k = 0;
    const queue = await time(() => '/api/cases?queue=open&limit=50');
    const page = await time(() => `/api/cases/${bjIds[(k++ * 7919) % bjIds.length]}`);
    const words = ['审批', '提前还款', '催收', '手续费', '抵押物评估', '额度'];
    const search = await time(() => `/api/cases?queue=all&limit=50&q=${encodeURIComponent(words[k++ % words.length]!)}`);
    // A bare sequence matches one case a day, on every day: the cases of 90 days and more.
    const sequences = ['000015', '321', '001024', '42'];
    const sequence = await time(() => `/api/cases?queue=all&limit=50&q=${sequences[k++ % sequences.length]!}`);
    const line = (name: string, f: { median: number; p95: number }, target: number) =>
      `  ${name.padEnd(44)} median ${f.median.toFixed(1).padStart(7)} ms   p95 ${f.p95.toFixed(1).padStart(7)} ms   (target < ${target} ms)`;
    console.log(`queries on PostgreSQL with ${stored} cases (${machine()})`);
    if (!reuse) console.log(`  fill: ${(total / fillSeconds).toFixed(0)} cases/s (${fillSeconds.toFixed(0)} s, multi-row inserts, ${filler.rows} rows)`);
    console.log(line('queue view of 50 (branch lead, queue=open)', queue, 50));
    console.log(line('case page GET /api/cases/:id', page, 50));
    console.log(line('full-text search q=… (branch lead)', search, 200));
    console.log(line('sequence search q=000015 (branch lead)', sequence, 200));
  } finally {
    await running.stop();
    pg.stop();
  }
}

/** Writes generated cases as the services would have left them, many rows to a statement. */
class Filler {
  readonly ids: { id: string; region: string }[] = [];
  rows = 0;
  private readonly customerIds = new Map<string, string>();
  private readonly numbers = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly institutionId: string,
    private readonly units: Map<string, typeof orgUnits.$inferSelect>,
    private readonly staff: Map<string, string>,
  ) {}

  async write(batch: DemoCase[]): Promise<void> {
    const customerRows: (typeof customers.$inferInsert)[] = [];
    const caseRows: (typeof cases.$inferInsert)[] = [];
    const messageRows: (typeof caseMessages.$inferInsert)[] = [];
    const eventRows: (typeof caseEvents.$inferInsert)[] = [];
    const idOf = new Map<number, string>();
    for (const c of batch) idOf.set(c.index, randomUUID());
    for (const c of batch) {
      const unit = this.units.get(c.orgCode)!;
      const id = idOf.get(c.index)!;
      const customerId = c.customer ? this.customer(c.customer, unit, customerRows) : null;
      const number = this.number(c.registeredAt);
      const region = c.orgCode.slice(0, 2);
      const handler = c.orgCode.startsWith('BJ-HD') ? 'bj.handler' : c.orgCode.startsWith('SH-PD') ? 'sh.handler' : region === 'BJ' ? 'bj.lead' : region === 'SH' ? 'sh.lead' : 'ho.cp';
      const row: typeof cases.$inferInsert = {
        id,
        institutionId: this.institutionId,
        number,
        orgUnitId: unit.id,
        orgPath: unit.path,
        status: c.status,
        kind: c.kind,
        kindSource: 'person',
        channel: c.channel,
        timing: c.timing,
        businessLine: c.businessLine,
        product: c.product,
        jrChannel: c.jrChannel,
        jrBusinessCategory: c.jrBusinessCategory,
        jrCause: c.jrCause,
        customerRequest: c.customerRequest,
        priority: c.priority,
        amountInvolved: c.amountInvolved,
        riskFlags: c.riskFlags,
        titleMasked: oneLine(maskPii(c.text)),
        customerId,
        receivedAt: c.receivedAt,
        backDateReason: c.backDateReason,
        regulatorRef: c.regulatorRef,
        regulatorDeadline: c.regulatorDeadline,
        regulatoryDueAt: c.kind === 'complaint' ? new Date(c.receivedAt.getTime() + 15 * 86_400_000) : null,
        createdAt: c.registeredAt,
        updatedAt: c.steps.at(-1)?.at ?? c.registeredAt,
        eventCount: 1 + c.steps.length,
        version: 1 + c.steps.filter((s) => s.kind === 'transition').length,
        // The column's type is the text of a tsvector; the statement builds it in the database.
        searchVector: sql`to_tsvector('simple', ${`${number} ${indexTokens(c.text)}`})` as unknown as string,
      };
      const messageId = randomUUID();
      messageRows.push({ id: messageId, institutionId: this.institutionId, caseId: id, direction: 'inbound', channel: c.channel, bodySealed: this.cipher.seal(c.text, `case_messages.body:${messageId}`), bodyMasked: maskPii(c.text), createdAt: c.registeredAt });
      eventRows.push({ caseId: id, seq: 1, institutionId: this.institutionId, at: c.registeredAt, type: 'registered', toStatus: 'new', reason: c.backDateReason, data: { channel: c.channel, number } });
      let status = 'new';
      for (const [i, s] of c.steps.entries()) {
        const actorId = this.staff.get(s.by === 'handler' || s.by === 'entry' ? handler : region === 'BJ' ? 'bj.lead' : region === 'SH' ? 'sh.lead' : 'ho.cp') ?? null;
        if (s.kind !== 'transition') {
          eventRows.push({ caseId: id, seq: i + 2, institutionId: this.institutionId, at: s.at, actorId, type: s.kind === 'task' ? 'task.created' : 'task.done', data: { title: s.kind === 'task' ? s.title : s.result } });
          continue;
        }
        const to = s.action === 'accept' ? 'accepted' : s.action === 'assign' ? 'assigned' : s.action === 'start' || s.action === 'resume' ? 'in_progress' : s.action === 'merge' ? 'merged' : s.action === 'reject' ? 'not_accepted' : s.action === 'wait_customer' ? 'awaiting_customer' : s.action === 'wait_third_party' ? 'awaiting_third_party' : s.action === 'reopen' ? 'reopened' : `${s.action}${s.action.endsWith('e') ? 'd' : 'ed'}`;
        eventRows.push({ caseId: id, seq: i + 2, institutionId: this.institutionId, at: s.at, actorId, type: s.action, fromStatus: status, toStatus: to, reason: s.reason ?? null, data: s.decision?.outcome ? { outcome: s.decision.outcome } : null });
        status = to;
        if (s.action === 'assign') row.assigneeId = this.staff.get(handler) ?? null;
        if (s.action === 'merge') row.mergedIntoId = idOf.get(s.mergeInto!) ?? null;
        if (s.action === 'answer' && s.decision) {
          Object.assign(row, { decision: { ...s.decision, letter: maskPii(s.decision.letter) }, decisionLetterSealed: this.cipher.seal(s.decision.letter, `cases.decision_letter:${id}`), decidedAt: s.at, decisionReceivedAt: s.decisionReceivedAt ?? null });
          const replyId = randomUUID();
          messageRows.push({ id: replyId, institutionId: this.institutionId, caseId: id, direction: 'outbound', channel: c.channel, bodySealed: this.cipher.seal(s.decision.letter, `case_messages.body:${replyId}`), bodyMasked: maskPii(s.decision.letter), authorId: actorId, createdAt: s.at });
        }
        if (s.action === 'resolve') row.resolvedAt = s.at;
        if (s.action === 'close') row.closedAt = s.at;
      }
      caseRows.push(row);
      this.ids.push({ id, region });
    }
    await this.db.transaction(async (tx) => {
      for (const [table, rows] of [[customers, customerRows], [cases, caseRows], [caseMessages, messageRows], [caseEvents, eventRows]] as const) {
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await tx.insert(table).values(rows.slice(i, i + ROWS_PER_INSERT) as never);
        this.rows += rows.length;
      }
    });
  }

  private customer(c: DemoCustomer, unit: typeof orgUnits.$inferSelect, out: (typeof customers.$inferInsert)[]): string {
    const key = c.type === 'enterprise' ? `e:${c.uscc}` : `i:${c.idNumber ?? c.phone}`;
    const known = this.customerIds.get(key);
    if (known) return known;
    const id = randomUUID();
    this.customerIds.set(key, id);
    const seal = (v: string | null | undefined, col: string) => this.cipher.sealNullable(v, `customers.${col}:${id}`);
    out.push({
      id,
      institutionId: this.institutionId,
      orgUnitId: unit.id,
      type: c.type,
      displayName: c.type === 'enterprise' ? c.name : maskName(c.name),
      nameSealed: c.type === 'individual' ? seal(c.name, 'name') : null,
      uscc: c.type === 'enterprise' ? c.uscc : null,
      industry: c.type === 'enterprise' ? (c.industry ?? null) : null,
      valueTier: c.valueTier ?? null,
      idNumberSealed: c.type === 'individual' ? seal(c.idNumber, 'id_number') : null,
      idNumberIndex: c.type === 'individual' && c.idNumber ? this.cipher.blindIndex(c.idNumber, 'customer.id_number') : null,
      phoneSealed: seal(c.phone, 'phone'),
      phoneIndex: c.phone ? this.cipher.blindIndex(c.phone, 'customer.phone') : null,
    });
    return id;
  }

  /** FB-YYYYMMDD-NNNNNN, counted per registration day (a bench prefix keeps it apart from real numbering). */
  private number(at: Date): string {
    const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
    const n = (this.numbers.get(day) ?? 500_000) + 1;
    this.numbers.set(day, n);
    return `FB-${day}-${String(n).padStart(6, '0')}`;
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 60 ? flat : `${[...flat].slice(0, 60).join('')}…`;
}

await main();
