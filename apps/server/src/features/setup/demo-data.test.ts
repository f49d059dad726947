import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_PASSWORD, Client } from '../../../test/harness';
import { main } from '../../cli';
import { loadConfig } from '../../config';
import { startServer } from '../../server';

const STAFF = ['bj.handler', 'bj.lead', 'sh.handler', 'sh.lead', 'ho.cp', 'ho.risk', 'auditor'];

describe('the live demo on a new data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'loopdesk-demo-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds demo staff and cases in many states once; seed-demo adds exactly N more', { timeout: 600_000 }, async () => {
    const env = { LOOPDESK_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', LOOPDESK_ADMIN_PASSWORD: ADMIN_PASSWORD };
    // Fewer cases than the 300 of `npm start`: the generator's tests show those cover every state.
    const first = await startServer(loadConfig(env), undefined, { demo: { count: 80 } });
    expect(first.setup!.demoStaff.map((s) => s.username)).toEqual(STAFF);
    expect(first.setup!.demoStaffPassword).toBeNull();
    const report = await first.demoCases;
    expect(report).toMatchObject({ cases: 80, failed: 0 });
    const cp = new Client(first.url.replace('localhost', '127.0.0.1'));
    expect((await cp.login('ho.cp', ADMIN_PASSWORD)).status).toBe(200);
    const all = await cp.get('/api/cases?queue=all&limit=200');
    expect(all.body.total).toBe(80);
    const states = new Set(all.body.items.map((c: { status: string }) => c.status));
    for (const state of ['new', 'in_progress', 'answered', 'resolved', 'closed']) expect(states).toContain(state);
    expect(states.size).toBeGreaterThanOrEqual(8);

    // A branch handler sees a queue of their own sub-branch, and a case page with its timeline.
    const handler = new Client(first.url.replace('localhost', '127.0.0.1'));
    expect((await handler.login('bj.handler', ADMIN_PASSWORD)).status).toBe(200);
    const queue = await handler.get('/api/cases?queue=all&limit=200');
    expect(queue.body.total).toBeGreaterThan(0);
    expect(queue.body.total).toBeLessThan(80);
    // A closed complaint's decision letter states the right to a review (a praise's thanks does not).
    const closed = all.body.items.find((c: { status: string; kind: string }) => c.status === 'closed' && c.kind === 'complaint');
    const page = await cp.get(`/api/cases/${closed.id}`);
    expect(page.body.decision.letter).toMatch(/申请核查/);
    expect(page.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['registered', 'accept', 'assign', 'start', 'answer', 'resolve', 'close']));

    // The seeder dates its story on a clock of its own; the server's jobs keep the real one.
    const entered = await handler.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '放款一拖再拖，客户经理不回电话，我要投诉。' });
    expect(entered.status).toBe(201);
    let triaged: { at: string } | undefined;
    // Its triage goes before the demo's backlog; waited for generously on a busy machine.
    for (let i = 0; i < 480 && !triaged; i++) {
      await new Promise((r) => setTimeout(r, 250));
      triaged = (await handler.get(`/api/cases/${entered.body.caseId}`)).body.events.find((e: { type: string }) => e.type === 'triaged');
    }
    expect(triaged, 'the new case is triaged').toBeDefined();
    expect(Date.parse(triaged!.at)).toBeGreaterThanOrEqual(Date.parse(entered.body.receivedAt));
    // Each branch has its team and routing rules now: the accepted case goes to the Beijing team,
    // listed in its members' team queue.
    expect((await handler.get('/api/teams/mine')).body.items.map((x: { name: string }) => x.name)).toEqual(['北京分行投诉处理组']);
    const version = (await handler.get(`/api/cases/${entered.body.caseId}`)).body.version;
    const accepted = await handler.post(`/api/cases/${entered.body.caseId}/transitions`, { action: 'accept', version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'assigned' });
    expect(accepted.body.events.at(-1)).toMatchObject({ type: 'auto_assigned' });
    expect((await handler.get('/api/cases?queue=team&limit=200')).body.items.map((c: { id: string }) => c.id)).toContain(entered.body.caseId);
    await first.stop();

    const second = await startServer(loadConfig(env));
    expect(second.setup).toMatchObject({ created: false, demoStaff: [] });
    expect(await second.demoCases).toBeNull();
    const admin = new Client(second.url.replace('localhost', '127.0.0.1'));
    await admin.login('admin', ADMIN_PASSWORD);
    expect((await admin.get('/api/users?limit=100')).body.total).toBe(1 + STAFF.length);
    const again = new Client(second.url.replace('localhost', '127.0.0.1'));
    await again.login('ho.cp', ADMIN_PASSWORD);
    // The 80 demo cases and the one entered above.
    expect((await again.get('/api/cases?queue=all&limit=1')).body.total).toBe(81);
    await second.stop();

    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      expect(await main(['seed-demo', '--cases', '25', '--seed', '7'], env)).toBe(0);
      expect(await main(['seed-demo', '--cases', 'many'], env)).toBe(2);
    } finally {
      vi.restoreAllMocks();
    }
    expect(out.join('')).toMatch(/adding 25 demo cases \(seed 7\)[\s\S]*25\/25 cases, \d+ cases\/s[\s\S]*added 25 cases/);
    const third = await startServer(loadConfig(env));
    const after = new Client(third.url.replace('localhost', '127.0.0.1'));
    await after.login('ho.cp', ADMIN_PASSWORD);
    expect((await after.get('/api/cases?queue=all&limit=1')).body.total).toBe(106);
    await third.stop();
  });
});
