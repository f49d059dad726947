import { randomUUID } from 'node:crypto';
import {
  DEFAULT_SLA_POLICY_SETTINGS,
  FINAL_STATUSES,
  levelKeys,
  levelReachedAt,
  nextClockEvent,
  policyOf,
  regulatoryClockState,
  slaClockState,
  slaSummary,
  slaTargetFor,
  WAITING_STATUSES,
  ZSlaPolicySettings,
  type BusinessCalendar,
  type CaseClock,
  type CaseClockState,
  type CaseKind,
  type CaseStatus,
  type Channel,
  type Priority,
  type SlaEvent,
  type TCaseClock,
  type TSlaPolicySettings,
  type TSlaPolicyView,
  type TSlaTarget,
  type TUpdateSlaPolicyRequest,
  type TWorkingHours,
  type WorkSchedule,
} from '@loopdesk/core';
import type { cases, Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import type { ClocksService, InstitutionClock } from './clocks.service';
import { slaRepo, type CaseClockRow, type SlaPolicyRow } from './sla.repo';

type CaseRow = typeof cases.$inferSelect;

/** The policy every case of an institution runs on. */
export const DEFAULT_POLICY_CODE = 'default';

/** What the clock maths of one institution needs, read before a transaction starts (PGlite has one connection). */
/** What the clocks read of a case: a case row, or one about to be inserted. */
export type OpeningCase = Pick<CaseRow, 'id' | 'institutionId' | 'kind' | 'priority' | 'channel' | 'receivedAt' | 'regulatoryDueAt' | 'regulatorySuspendedSince' | 'newFactsAt' | 'orgPath'>;

/** The columns of a case that show its clocks (queues, badges, the worker's range scan). */
export interface SlaProjection {
  slaStatus: string | null;
  slaDueAt: Date | null;
  nextClockAt: Date | null;
}

export interface ClockContext {
  settings: TSlaPolicySettings;
  /** The schedule a case's SLA clocks count in: its org unit's working hours (inherited) on the institution's calendar. */
  scheduleFor: (orgPath: string) => WorkSchedule;
  /** The org units' own working hours, to count on another calendar (a change being made). */
  workingHours: ReadonlyMap<string, TWorkingHours>;
}

/** A level a clock reached that no worker had recorded yet: the caller escalates it. */
export interface ReachedLevel {
  eventId: string;
  clock: CaseClock;
  run: number;
  level: string;
  dueAt: Date | null;
  /** When the clock reached the level: before now when the worker records it late (after an outage). */
  reachedAt: Date;
}

/** Statuses after which no clock counts: the matter is decided or gone. */
const STOPPED_STATUSES: readonly CaseStatus[] = [...FINAL_STATUSES, 'resolved'];

/**
 * Operational SLA policies and the clocks of each case. The clocks are stored as histories
 * (start / pause / resume / stop) and projected onto the case: the SLA badge (worst status,
 * earliest due) and `next_clock_at`, the instant the worker next has something to do, which
 * it finds by an index range scan.
 */
export class SlaService {
  private readonly contexts = new Map<string, { slaVersion: number; calendar: BusinessCalendar; timeZone: string; context: ClockContext }>();

  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly clocks: ClocksService,
  ) {}

  /** The default policy for a new institution, in its creating transaction. */
  async seedDefaults(tx: Db, institutionId: string): Promise<void> {
    const d = DEFAULT_SLA_POLICY_SETTINGS;
    await slaRepo.insertPolicy(tx, {
      id: randomUUID(),
      institutionId,
      code: DEFAULT_POLICY_CODE,
      title: d.title,
      rules: d.rules,
      warningFractions: d.warningFractions,
      escalation: d.escalation,
      updatedAt: this.deps.now(),
    });
  }

  async getPolicy(ctx: RequestContext): Promise<TSlaPolicyView> {
    return toView(await this.policyRow(this.deps.db, requireActor(ctx).institutionId));
  }

  /** Replaces the policy; clocks already running keep their targets, new levels use the new fractions and chain. */
  async updatePolicy(ctx: RequestContext, input: TUpdateSlaPolicyRequest): Promise<TSlaPolicyView> {
    const actor = requireActor(ctx);
    const before = await this.policyRow(this.deps.db, actor.institutionId);
    const { version, ...set } = input;
    const checked = ZSlaPolicySettings.safeParse({ id: before.code, ...set });
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = issue.path.join('.') || 'policy';
      throw new AppError('unprocessable', issue.message, [{ field, message: issue.message }]);
    }
    return this.audit.transaction(async (tx) => {
      const row = await slaRepo.updatePolicy(tx, before.id, version, set, this.deps.now());
      if (!row) throw new AppError('stale_version', 'the policy was changed by someone else; reload and try again');
      await this.clocks.slaSettingsChanged(tx, actor.institutionId);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'sla_policy.update', objectType: 'sla_policy', objectId: row.id, scopePath: null, before: toView(before), after: toView(row) });
      return toView(row);
    });
  }

  /** The policy and schedule of an institution; call it before the transaction that uses them. */
  async context(institutionId: string): Promise<ClockContext> {
    return this.contextOn(institutionId, await this.clocks.clockFor(institutionId));
  }

  /**
   * `context` on an institution clock already read (registration reads it once for the number,
   * the deadline and the clocks). Kept while the institution's SLA version and calendar stay the
   * same: the version is read before the policy and hours, so a change committed in between is
   * at worst cached under the old version and read again next time.
   */
  async contextOn(institutionId: string, clock: InstitutionClock): Promise<ClockContext> {
    const cached = this.contexts.get(institutionId);
    if (cached && cached.slaVersion === clock.slaVersion && cached.calendar === clock.calendar && cached.timeZone === clock.timeZone) return cached.context;
    const [row, schedules] = await Promise.all([this.policyRow(this.deps.db, institutionId), this.clocks.slaSchedulesOn(institutionId, clock)]);
    const context = { settings: settingsOf(row), ...schedules };
    this.contexts.set(institutionId, { slaVersion: clock.slaVersion, calendar: clock.calendar, timeZone: clock.timeZone, context });
    return context;
  }

  /**
   * Starts the clocks of a case about to be registered — the SLA targets its policy sets, and the
   * regulatory deadline — and the projection its row is inserted with,
   * worked out before any statement: the registration writes the clocks with the case's first
   * message and event (casesRepo.insertOpening) and needs no projection update afterwards.
   */
  opening(cc: ClockContext, row: OpeningCase): { clocks: CaseClockRow[]; projection: SlaProjection } {
    const { rows, projection } = this.computed(cc, row, this.startingClocks(cc, row), this.deps.now());
    return { clocks: rows, projection };
  }

  private startingClocks(cc: ClockContext, row: OpeningCase): CaseClockRow[] {
    // A receipt time a little ahead of ours (clock skew) starts the clocks now.
    const at = Math.min(row.receivedAt.getTime(), this.deps.now().getTime());
    const clocks: CaseClockRow[] = [];
    for (const metric of ['first_response', 'resolution'] as const) {
      const found = slaTargetFor(policyOf(cc.settings), subjectOf(row), metric);
      if (found) clocks.push(newClock(row, metric, found.target, found.rule, at, 1));
    }
    if (row.regulatoryDueAt) clocks.push(newClock(row, 'regulatory', null, null, at, 1));
    return clocks;
  }

  /**
   * Gives clocks to cases registered before SLA clocks existed: idempotent (only cases with no
   * clock are touched), in batches, each case audited. The clocks start at receipt; a decided
   * case's stop at its decision (or last change), a waiting case's SLA clocks pause at its last
   * change. Levels already passed are marked recorded, not escalated: notices about deadlines
   * long gone would only be noise. Returns how many cases got clocks. Start-up checks each
   * institution once ('unchecked'): it is marked when its pass ends, so a restart does not read
   * every case again; `loopdesk clocks backfill` checks them all again ('all').
   */
  async backfillMissing(ctx: RequestContext, scope: 'unchecked' | 'all', pageSize = 500): Promise<number> {
    let filled = 0;
    for (const { id: institutionId } of await slaRepo.institutionsToCheck(this.deps.db, scope === 'all')) {
      const startedAt = this.deps.now();
      let cc: ClockContext | undefined;
      for (let afterId: string | null = null; ; ) {
        const { rows, lastId } = await slaRepo.casesWithoutClocks(this.deps.db, institutionId, afterId, pageSize);
        if (lastId === null) break;
        afterId = lastId;
        if (rows.length === 0) continue;
        cc ??= await this.context(institutionId);
        filled += await this.audit.transaction(async (tx) => {
          let n = 0;
          for (const row of rows) if (await this.backfillCase(tx, ctx, cc!, row)) n++;
          return n;
        });
      }
      // Cases registered from now on get their clocks at registration.
      await slaRepo.markClocksChecked(this.deps.db, institutionId, startedAt);
    }
    if (filled > 0) this.deps.log.info({ filled }, 'clocks backfilled for cases registered before SLA clocks');
    return filled;
  }

  private async backfillCase(tx: Db, ctx: RequestContext, cc: ClockContext, row: CaseRow): Promise<boolean> {
    const start = row.receivedAt.getTime();
    const clocks: CaseClockRow[] = [];
    for (const metric of ['first_response', 'resolution'] as const) {
      const found = slaTargetFor(policyOf(cc.settings), subjectOf(row), metric);
      if (found) clocks.push(newClock(row, metric, found.target, found.rule, start, 1));
    }
    if (row.regulatoryDueAt) clocks.push(newClock(row, 'regulatory', null, null, start, 1));
    if (clocks.length === 0) return false;
    const status = row.status as CaseStatus;
    const changed = Math.max(start, row.updatedAt.getTime());
    const decided = row.decidedAt !== null || ['answered', ...STOPPED_STATUSES].includes(status);
    for (const clock of clocks) {
      if (decided) push(clock, 'stop', Math.max(start, (row.decidedAt ?? row.updatedAt).getTime()));
      else if (clock.clock !== 'regulatory' && WAITING_STATUSES.includes(status)) push(clock, 'pause', changed);
      const state = this.stateOf(cc, row, clock, this.deps.now().getTime());
      clock.recordedLevel = state.level;
    }
    await this.persist(tx, cc, row, clocks);
    await this.audit.record(tx, ctx, row.institutionId, {
      action: 'case.clocks_backfill',
      objectType: 'case',
      objectId: row.id,
      scopePath: row.orgPath,
      after: { clocks: clocks.map((c) => ({ clock: c.clock, rule: c.rule, stopped: isStopped(c), recordedLevel: c.recordedLevel })) },
    });
    return true;
  }

  /** Follows a lifecycle change: waiting pauses the SLA clocks, an answer stops them and the regulatory one, a reopening starts resolution again. */
  async onTransition(tx: Db, cc: ClockContext, before: CaseRow, after: CaseRow, action: string): Promise<void> {
    const now = this.deps.now().getTime();
    const clocks = await slaRepo.clocksOf(tx, after.id);
    const wasWaiting = WAITING_STATUSES.includes(before.status as CaseStatus);
    const waiting = WAITING_STATUSES.includes(after.status as CaseStatus);
    for (const clock of clocks) {
      const sla = clock.clock !== 'regulatory';
      if (sla && waiting && !wasWaiting) push(clock, 'pause', now);
      if (sla && wasWaiting && !waiting) push(clock, 'resume', now);
      if (action === 'answer' || STOPPED_STATUSES.includes(after.status as CaseStatus)) push(clock, 'stop', now);
    }
    if (action === 'reopen') {
      const found = slaTargetFor(policyOf(cc.settings), subjectOf(after), 'resolution');
      const previous = clocks.find((c) => c.clock === 'resolution');
      if (found) replace(clocks, newClock(after, 'resolution', found.target, found.rule, now, (previous?.run ?? 0) + 1));
    }
    await this.persist(tx, cc, after, clocks);
  }

  /**
   * Follows a message: a reply to the customer stops the first-response and next-response
   * clocks; the customer writing again after a first reply starts a new next-response run.
   */
  async onMessage(tx: Db, cc: ClockContext, row: CaseRow, direction: 'inbound' | 'outbound' | 'internal'): Promise<void> {
    if (direction === 'internal' || STOPPED_STATUSES.includes(row.status as CaseStatus)) return;
    const now = this.deps.now().getTime();
    const clocks = await slaRepo.clocksOf(tx, row.id);
    if (direction === 'outbound') {
      for (const clock of clocks) if (clock.clock === 'first_response' || clock.clock === 'next_response') push(clock, 'stop', now);
    } else {
      const first = clocks.find((c) => c.clock === 'first_response');
      const next = clocks.find((c) => c.clock === 'next_response');
      const answered = !first || isStopped(first);
      const waitingForUs = next && !isStopped(next);
      const found = slaTargetFor(policyOf(cc.settings), subjectOf(row), 'next_response');
      if (answered && !waitingForUs && found) {
        const fresh = newClock(row, 'next_response', found.target, found.rule, now, (next?.run ?? 0) + 1);
        // A message while waiting for the customer arrives into a paused world until the case moves on.
        if (WAITING_STATUSES.includes(row.status as CaseStatus)) (fresh.events as SlaEvent[]).push({ type: 'pause', at: now });
        replace(clocks, fresh);
      }
    }
    await this.persist(tx, cc, row, clocks);
  }

  /**
   * Matches the targets of the counting SLA clocks again after what the policy matches on
   * changed (triage raised the priority, say); their histories, runs and recorded levels stay.
   */
  async retarget(tx: Db, cc: ClockContext, row: CaseRow): Promise<void> {
    const clocks = await slaRepo.clocksOf(tx, row.id);
    let changed = false;
    for (const clock of clocks) {
      if (clock.clock === 'regulatory' || isStopped(clock)) continue;
      const found = slaTargetFor(policyOf(cc.settings), subjectOf(row), clock.clock as Exclude<CaseClock, 'regulatory'>);
      if (!found || (found.rule === clock.rule && JSON.stringify(found.target) === JSON.stringify(clock.target))) continue;
      clock.target = found.target;
      clock.rule = found.rule;
      changed = true;
    }
    if (changed) await this.persist(tx, cc, row, clocks);
  }

  /**
   * Starts the regulatory clock again from `at` (new facts restart the count, Art. 18): a new
   * run, so its warnings and escalations come again for the new window. A stopped clock stays.
   */
  async restartRegulatory(tx: Db, cc: ClockContext, row: CaseRow, at: number): Promise<void> {
    const clocks = await slaRepo.clocksOf(tx, row.id);
    const previous = clocks.find((c) => c.clock === 'regulatory');
    if (row.regulatoryDueAt && (!previous || !isStopped(previous))) replace(clocks, newClock(row, 'regulatory', null, null, at, (previous?.run ?? 0) + 1));
    await this.persist(tx, cc, row, clocks);
  }

  /** Recomputes a case's clocks (its regulatory deadline moved, say) without changing their histories. */
  async refresh(tx: Db, cc: ClockContext, row: CaseRow): Promise<void> {
    await this.persist(tx, cc, row, await slaRepo.clocksOf(tx, row.id));
  }

  /**
   * Records, once each, the levels the case's clocks have reached since the last time: the
   * unique key (case, clock, run, level) turns a second worker or a redelivery into a no-op.
   * Then advances the case's next-event instant. The caller escalates what is returned.
   */
  async recordReached(tx: Db, cc: ClockContext, row: CaseRow): Promise<ReachedLevel[]> {
    const now = this.deps.now();
    const clocks = await slaRepo.clocksOf(tx, row.id);
    const keys = levelKeys(cc.settings.warningFractions);
    const reached: ReachedLevel[] = [];
    for (const clock of clocks) {
      const state = this.stateOf(cc, row, clock, now.getTime());
      const top = Math.min(state.level, keys.length);
      for (let level = clock.recordedLevel + 1; level <= top; level++) {
        const inserted = await slaRepo.insertClockEvent(tx, {
          id: randomUUID(),
          institutionId: row.institutionId,
          caseId: row.id,
          clock: clock.clock,
          run: clock.run,
          level: keys[level - 1]!,
          dueAt: state.dueAt === null ? null : new Date(state.dueAt),
          escalation: {},
          recordedAt: now,
        });
        if (!inserted) continue;
        const reachedAt = levelReachedAt((at) => this.stateOf(cc, row, clock, at), (clock.events as SlaEvent[])[0]!.at, level, now.getTime());
        reached.push({ eventId: inserted.id, clock: clock.clock as CaseClock, run: clock.run, level: inserted.level, dueAt: inserted.dueAt, reachedAt: new Date(reachedAt) });
      }
      clock.recordedLevel = Math.max(clock.recordedLevel, state.level);
    }
    await this.persist(tx, cc, row, clocks);
    return reached;
  }

  /**
   * Records a level of a clock kept elsewhere (the review clock) once, under the same unique
   * key as the SLA levels; undefined when it was already recorded.
   */
  recordLevel(tx: Db, level: { institutionId: string; caseId: string; clock: string; run: number; level: string; dueAt: Date | null }): Promise<{ id: string } | undefined> {
    return slaRepo.insertClockEvent(tx, { id: randomUUID(), ...level, escalation: {}, recordedAt: this.deps.now() });
  }

  /** Notes what an escalation did on the level's record. */
  noteEscalation(tx: Db, eventId: string, escalation: unknown): Promise<unknown> {
    return slaRepo.setEscalation(tx, eventId, escalation);
  }

  /** The clocks of a case as the case page shows them (the caller has checked access). */
  async view(db: Db, row: CaseRow): Promise<TCaseClock[]> {
    const rows = await slaRepo.clocksOf(db, row.id);
    if (rows.length === 0) return [];
    const keys = levelKeys(await this.fractions(db, row.institutionId));
    return rows.map((c) => ({
      clock: c.clock as CaseClock,
      run: c.run,
      status: c.status as TCaseClock['status'],
      level: c.level > 0 ? (keys[Math.min(c.level, keys.length) - 1] ?? null) : null,
      dueAt: c.clock === 'regulatory' ? (row.regulatoryDueAt?.toISOString() ?? null) : (c.dueAt?.toISOString() ?? null),
      rule: c.rule,
      target: (c.target as TSlaTarget | null) ?? null,
    }));
  }

  private async fractions(db: Db, institutionId: string): Promise<number[]> {
    return (await this.policyRow(db, institutionId)).warningFractions as number[];
  }

  private stateOf(cc: ClockContext, row: OpeningCase, clock: CaseClockRow, now: number): CaseClockState {
    const events = clock.events as SlaEvent[];
    const fractions = cc.settings.warningFractions;
    if (clock.clock === 'regulatory') {
      const stop = events.find((e) => e.type === 'stop');
      // An open exclusion (appraisal, mediation) suspends the regulatory clock until it ends.
      if (row.regulatorySuspendedSince && !stop) return { status: 'paused', level: clock.recordedLevel, dueAt: null, nextChangeAt: null };
      // A case reclassified out of the complaint rules has no deadline any more.
      if (!row.regulatoryDueAt) return { status: 'met', level: clock.recordedLevel, dueAt: null, nextChangeAt: null };
      // New facts restart the count (Art. 18): the window runs from their arrival.
      const from = Math.max(events[0]!.at, row.newFactsAt?.getTime() ?? 0);
      return regulatoryClockState(from, row.regulatoryDueAt.getTime(), stop?.at ?? null, now, fractions);
    }
    return slaClockState({ target: clock.target as TSlaTarget, schedule: cc.scheduleFor(row.orgPath), warningFractions: fractions }, events, now);
  }

  /** Writes each clock's state and the case's projection. */
  private async persist(tx: Db, cc: ClockContext, row: CaseRow, clocks: readonly CaseClockRow[]): Promise<void> {
    const { rows, projection } = this.computed(cc, row, clocks, this.deps.now());
    for (const clock of rows) await slaRepo.upsertClock(tx, clock);
    await slaRepo.project(tx, row.id, projection);
  }

  /** Each clock with its state at `now`, and the case's projection of them. */
  private computed(cc: ClockContext, row: OpeningCase, clocks: readonly CaseClockRow[], now: Date): { rows: CaseClockRow[]; projection: SlaProjection } {
    const computed = clocks.map((clock) => ({ clock, state: this.stateOf(cc, row, clock, now.getTime()) }));
    const rows = computed.map(({ clock, state }) => {
      const nextAt = nextClockEvent([{ state, recordedLevel: clock.recordedLevel }], now.getTime());
      return {
        ...clock,
        status: state.status,
        level: state.level,
        dueAt: state.dueAt === null ? null : new Date(state.dueAt),
        nextAt: nextAt === null ? null : new Date(nextAt),
        updatedAt: now,
      };
    });
    // A clock that stopped late stays breached on the badge but is due no more.
    const sla = slaSummary(computed.filter((c) => c.clock.clock !== 'regulatory').map((c) => (isStopped(c.clock) ? { ...c.state, dueAt: null } : c.state)));
    const next = nextClockEvent(computed.map((c) => ({ state: c.state, recordedLevel: c.clock.recordedLevel })), now.getTime());
    return {
      rows,
      projection: {
        slaStatus: sla.status,
        slaDueAt: sla.dueAt === null ? null : new Date(sla.dueAt),
        nextClockAt: next === null ? null : new Date(next),
      },
    };
  }

  private async policyRow(db: Db, institutionId: string): Promise<SlaPolicyRow> {
    const row = await slaRepo.policy(db, institutionId, DEFAULT_POLICY_CODE);
    if (!row) throw new AppError('not_found', 'the institution has no SLA policy');
    return row;
  }
}

function subjectOf(row: OpeningCase) {
  return { kind: row.kind as CaseKind, priority: row.priority as Priority, channel: row.channel as Channel };
}

function newClock(row: OpeningCase, clock: CaseClock, target: TSlaTarget | null, rule: string | null, at: number, run: number): CaseClockRow {
  return {
    caseId: row.id,
    clock,
    institutionId: row.institutionId,
    run,
    rule,
    target,
    events: [{ type: 'start', at }],
    status: 'running',
    level: 0,
    recordedLevel: 0,
    dueAt: null,
    nextAt: null,
    updatedAt: new Date(at),
  };
}

function isStopped(clock: CaseClockRow): boolean {
  return (clock.events as SlaEvent[]).some((e) => e.type === 'stop');
}

/** Appends an event unless the clock has stopped (the pure fold ignores redundant ones). */
function push(clock: CaseClockRow, type: SlaEvent['type'], at: number): void {
  if (isStopped(clock)) return;
  clock.events = [...(clock.events as SlaEvent[]), { type, at }];
}

function replace(clocks: CaseClockRow[], fresh: CaseClockRow): void {
  const i = clocks.findIndex((c) => c.clock === fresh.clock);
  if (i >= 0) clocks[i] = fresh;
  else clocks.push(fresh);
}

function settingsOf(row: SlaPolicyRow): TSlaPolicySettings {
  return ZSlaPolicySettings.parse({ id: row.code, title: row.title, rules: row.rules, warningFractions: row.warningFractions, escalation: row.escalation });
}

function toView(row: SlaPolicyRow): TSlaPolicyView {
  return {
    code: row.code,
    title: row.title,
    rules: row.rules as TSlaPolicyView['rules'],
    warningFractions: row.warningFractions as number[],
    escalation: row.escalation as TSlaPolicyView['escalation'],
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
