import { DEMO_INSTITUTION } from '@loopdesk/db';
import { OFFLINE_CHANNELS, type Role, type TTransitionRequest } from '@loopdesk/core';
import type { Actor, RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { createServices, type Services } from '../../platform/services';
import { permissionsOf } from '../access/permissions';
import type { PreparedRegistration, Registration } from '../cases/cases.service';
import { generateDemoCases, type DemoActor, type DemoCase, type DemoStep } from './demo-cases';
import { DEMO_STAFF } from './demo-staff';
import { setupRepo } from './setup.repo';

/** The fixed seed of the demo every new data folder gets. */
export const DEMO_SEED = 20_261_120;
export const DEMO_CASE_COUNT = 300;
const REQUEST_ID = 'demo-seed';

export interface DemoSeedReport {
  cases: number;
  steps: number;
  /** Steps the service refused (logged); their cases stay where they got to. */
  failed: number;
  ms: number;
}

export interface AddCasesProgress {
  done: number;
  total: number;
  ms: number;
}

type Staff = Awaited<ReturnType<typeof setupRepo.staff>>[number];

/** Where a case has got to while the seeder walks it. */
interface CaseState {
  id: string;
  version: number;
  taskId?: string;
  taskVersion?: number;
  taskOwner?: Staff;
}

interface Context {
  institutionId: string;
  units: Map<string, { id: string; path: string; name: string }>;
  categories: Map<string, string>;
  staff: Map<string, Staff>;
}

/**
 * Demo cases for the demo institution, written through the cases service as staff would write
 * them. The history is dated as if it had happened: the seeder runs its own services on a clock
 * it moves to each step's time, so numbers, timelines, deadlines and audit entries (request id
 * `demo-seed`) carry the dates of the story, and the lifecycle guards (the 7 silent days before
 * a no-reply resolution, the 30-day review window) hold as they would have.
 */
export class DemoDataService {
  private at = new Date(0);
  private readonly services: Services;

  constructor(private readonly deps: Deps) {
    // Its jobs (its cases' triage) are handled by the server's services, on the real clock, after
    // those of cases staff enter meanwhile.
    this.services = createServices({ ...deps, now: () => this.at }, { handlesJobs: false, triagePriority: -1 });
  }

  /**
   * The first start's demo: ~300 cases walked through the lifecycle so that every state occurs.
   * The cases are registered first, in short batches; then the steps run in time order, one
   * transaction each, so that a merge finds its target still open. `shouldStop` is asked
   * between steps (the server is shutting down).
   */
  async seedLifecycle(options: { seed?: number; count?: number; shouldStop?: () => boolean } = {}): Promise<DemoSeedReport> {
    const t0 = performance.now();
    const c = await this.context();
    const demo = generateDemoCases({ seed: options.seed ?? DEMO_SEED, count: options.count ?? DEMO_CASE_COUNT, now: this.deps.now() });
    const ids = new Map<number, CaseState>();
    // Small batches: on PGlite a transaction holds the one connection, and the console is live.
    await this.registerInBatches(c, demo, 10, (d, row) => ids.set(d.index, { id: row.id, version: row.version }), options.shouldStop);

    const steps = demo.flatMap((d) => d.steps.map((step) => ({ d, step })));
    steps.sort((a, b) => a.step.at.getTime() - b.step.at.getTime());
    const broken = new Set<number>();
    let taken = 0;
    let failed = 0;
    for (const { d, step } of steps) {
      if (options.shouldStop?.()) break;
      const state = ids.get(d.index);
      if (!state || broken.has(d.index)) continue;
      this.at = step.at;
      await this.deps.giveWay();
      try {
        await this.take(c, d, step, state, ids);
        taken++;
      } catch (e) {
        failed++;
        broken.add(d.index);
        this.deps.log.warn({ err: e, case: d.index, step: step.kind === 'transition' ? step.action : step.kind }, 'a demo step was refused');
      }
    }
    if (!options.shouldStop?.()) await this.setUpTeams(c);
    return { cases: ids.size, steps: taken, failed, ms: performance.now() - t0 };
  }

  /**
   * After the story, each branch gets its handling team and the rules that route its accepted
   * cases to it (as the branch would set them up now): project finance and syndicated loans to
   * the member with that skill, the rest to whoever has the fewest open cases. The story's
   * cases are not moved; cases accepted from now on are.
   */
  private async setUpTeams(c: Context) {
    this.at = this.deps.now();
    const { teams, assignment } = this.services;
    const officer = c.staff.get('ho.cp');
    if (!officer) return;
    for (const [region, name] of [['BJ', '北京分行'], ['SH', '上海分行']] as const) {
      const unit = c.units.get(region);
      const [handler, lead] = [c.staff.get(`${region.toLowerCase()}.handler`), c.staff.get(`${region.toLowerCase()}.lead`)];
      if (!unit || !handler || !lead) continue;
      const team = await teams.create(this.ctx(c.institutionId, lead), {
        orgUnitId: unit.id,
        name: `${name}投诉处理组`,
        strategy: 'least_loaded',
        members: [
          { userId: handler.id, skills: ['project_finance', 'syndicated_loan', 'collateral'] },
          { userId: lead.id, skills: ['regulatory', 'fees'] },
        ],
      });
      const ctx = this.ctx(c.institutionId, officer);
      await assignment.rules.create(ctx, { name: `${name}·项目融资与银团贷款`, active: true, conditions: { orgUnitIds: [unit.id], businessLines: ['project_finance', 'syndicated_loan'] }, teamId: team.id, requiredSkill: 'project_finance' });
      await assignment.rules.create(ctx, { name: `${name}·其他`, active: true, conditions: { orgUnitIds: [unit.id] }, teamId: team.id, requiredSkill: null });
    }
  }

  /**
   * Adds `count` more generated cases (state `new`) in batches, each batch one transaction:
   * numbers and deadlines reserved first, then every case written with `registerWithin`.
   */
  async addCases(options: { count: number; seed: number; batchSize?: number; onProgress?: (p: AddCasesProgress) => void }): Promise<number> {
    const t0 = performance.now();
    const c = await this.context();
    const demo = generateDemoCases({ seed: options.seed, count: options.count, now: this.deps.now(), lifecycle: false });
    let done = 0;
    await this.registerInBatches(c, demo, options.batchSize ?? 500, () => done++, undefined, () =>
      options.onProgress?.({ done, total: demo.length, ms: performance.now() - t0 }),
    );
    return done;
  }

  /** Registers cases in time order, `size` to a transaction; numbers and deadlines are reserved before each. */
  private async registerInBatches(
    c: Context,
    demo: readonly DemoCase[],
    size: number,
    written: (d: DemoCase, row: { id: string; version: number }) => void,
    shouldStop?: () => boolean,
    batchDone?: () => void,
  ): Promise<void> {
    const ordered = [...demo].sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
    for (let i = 0; i < ordered.length && !shouldStop?.(); i += size) {
      const batch = ordered.slice(i, i + size);
      const registrations = batch.map((d) => this.registration(c, d));
      // Numbers carry the registration day: reserve them per day, outside the transaction.
      const prepared: PreparedRegistration[] = [];
      let offset = 0;
      for (const group of groupByDay(batch)) {
        this.at = group[0]!.registeredAt;
        prepared.push(...(await this.services.cases.prepare(c.institutionId, registrations.slice(offset, offset + group.length))));
        offset += group.length;
      }
      const rows = await this.services.audit.transaction(async (tx) => {
        const out = [];
        for (const [j, d] of batch.entries()) {
          this.at = d.registeredAt;
          out.push(await this.services.cases.registerWithin(tx, this.entryContext(c, d), registrations[j]!, prepared[j]!));
        }
        return out;
      });
      rows.forEach((row, j) => written(batch[j]!, row));
      batchDone?.();
      await this.deps.giveWay();
    }
  }

  private async context(): Promise<Context> {
    const inst = await this.services.org.institutionByCode(DEMO_INSTITUTION.code);
    if (!inst) throw new Error('there is no demo institution: start LoopDesk once with LOOPDESK_SEED=demo');
    const units = await setupRepo.unitsByCode(this.deps.db, inst.id);
    const staffRows = await setupRepo.staff(this.deps.db, inst.id, DEMO_STAFF.map((s) => s.username));
    const staff = new Map(staffRows.map((s) => [s.username, s]));
    const categories = new Map<string, string>();
    const reader = staff.get('ho.cp');
    if (reader) {
      for (const cat of await this.services.categories.list(this.ctx(inst.id, reader))) categories.set(cat.code, cat.id);
    }
    return { institutionId: inst.id, units, categories, staff };
  }

  private registration(c: Context, d: DemoCase): Registration {
    const unit = c.units.get(d.orgCode);
    if (!unit) throw new Error(`the demo institution has no unit ${d.orgCode}`);
    const offline = OFFLINE_CHANNELS.includes(d.channel);
    return {
      institutionId: c.institutionId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      channel: d.channel,
      kind: d.kind,
      text: d.text,
      fields: {
        timing: d.timing,
        categoryId: c.categories.get(d.categoryCode) ?? null,
        businessLine: d.businessLine,
        product: d.product,
        jrChannel: d.jrChannel,
        jrBusinessCategory: d.jrBusinessCategory,
        jrCause: d.jrCause,
        customerRequest: d.customerRequest,
        priority: d.priority,
        amountInvolved: d.amountInvolved,
        riskFlags: d.riskFlags,
      },
      receivedAt: d.receivedAt,
      backDateReason: d.backDateReason,
      customer: d.customer ? { ...d.customer, orgUnitId: unit.id } : undefined,
      // First-contact responsibility: whoever entered an offline case owns it.
      ownerId: offline ? (this.person(c, d, 'entry')?.id ?? null) : null,
      staffComplainedAbout: [],
      regulatorRef: d.regulatorRef,
      regulatorDeadline: d.regulatorDeadline,
    };
  }

  private async take(c: Context, d: DemoCase, step: DemoStep, state: CaseState, ids: Map<number, CaseState>) {
    // A sub-task is completed by its owner, or by the lead when the department has no owner named.
    const who = step.kind === 'task_done' && state.taskOwner ? state.taskOwner : this.person(c, d, step.by);
    if (!who) throw new Error(`no demo staff member for ${step.by} at ${d.orgCode}`);
    const ctx = this.ctx(c.institutionId, who);
    const cases = this.services.cases;
    if (step.kind === 'task') {
      const unit = c.units.get(step.department)!;
      const owner = step.department === 'HO-RISK' ? c.staff.get('ho.risk') : undefined;
      const detail = await cases.createTask(ctx, state.id, { orgUnitId: unit.id, ownerId: owner?.id ?? null, title: step.title, dueAt: step.dueAt.toISOString(), blocking: step.blocking });
      const task = detail.tasks.at(-1)!;
      Object.assign(state, { version: detail.version, taskId: task.id, taskVersion: task.version, taskOwner: owner });
      return;
    }
    if (step.kind === 'task_done') {
      const detail = await cases.completeTask(ctx, state.id, state.taskId!, { version: state.taskVersion!, status: 'done', result: step.result });
      state.version = detail.version;
      return;
    }
    const request: TTransitionRequest = {
      action: step.action,
      version: state.version,
      reason: step.reason ?? null,
      assigneeId: step.assign ? this.person(c, d, 'handler')!.id : null,
      decision: step.decision ?? null,
      decisionReceivedAt: step.decisionReceivedAt?.toISOString() ?? null,
      resolution: step.resolution ?? null,
      reopenKind: step.reopenKind ?? null,
      targetCaseId: step.mergeInto !== undefined ? (ids.get(step.mergeInto)?.id ?? null) : null,
    };
    // The triage job writes to new cases meanwhile (a new version): take the step on the latest one.
    const detail = await cases.transition(ctx, state.id, request).catch(async (e: unknown) => {
      if (!(e instanceof AppError) || e.code !== 'stale_version') throw e;
      return cases.transition(ctx, state.id, { ...request, version: (await cases.get(ctx, state.id)).version });
    });
    state.version = detail.version;
  }

  /** The demo staff member who takes a step on a case, by its unit. */
  private person(c: Context, d: DemoCase, by: DemoActor): Staff | undefined {
    const region = d.orgCode.slice(0, 2);
    const lead = c.staff.get(region === 'BJ' ? 'bj.lead' : region === 'SH' ? 'sh.lead' : 'ho.cp');
    if (by === 'lead' || by === 'task_owner') return lead;
    // Handlers work their own sub-branch; elsewhere in the branch the lead handles it.
    if (d.orgCode.startsWith('BJ-HD')) return c.staff.get('bj.handler') ?? lead;
    if (d.orgCode.startsWith('SH-PD')) return c.staff.get('sh.handler') ?? lead;
    return lead;
  }

  private entryContext(c: Context, d: DemoCase): RequestContext {
    if (OFFLINE_CHANNELS.includes(d.channel)) {
      const who = this.person(c, d, 'entry');
      if (who) return this.ctx(c.institutionId, who);
    }
    return { actor: null, ip: null, requestId: REQUEST_ID, userAgent: null, via: `integration:演示渠道(${d.channel})` };
  }

  /**
   * Acts as a demo staff member. Their permissions lack the personal-data read: the seeder reads
   * nothing on anyone's behalf, and with it every step would audit a read no person made.
   */
  private ctx(institutionId: string, s: Staff): RequestContext {
    const roles = s.roles as Role[];
    const permissions = permissionsOf(roles);
    permissions.delete('customers.read_pii');
    const actor: Actor = {
      userId: s.id,
      username: s.username,
      displayName: s.displayName,
      institutionId,
      orgUnitId: s.orgUnitId,
      orgPath: s.path,
      roles,
      permissions,
      sessionId: REQUEST_ID,
      mustChangePassword: false,
    };
    return { actor, ip: null, requestId: REQUEST_ID, userAgent: null };
  }
}

function groupByDay(cases: DemoCase[]): DemoCase[][] {
  const groups: DemoCase[][] = [];
  let key = '';
  for (const d of cases) {
    // Civil day in Shanghai (no daylight saving): what the case number carries.
    const day = new Date(d.registeredAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    if (day !== key) groups.push([]);
    key = day;
    groups.at(-1)!.push(d);
  }
  return groups;
}
