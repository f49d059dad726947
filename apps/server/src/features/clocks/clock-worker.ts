import { escalationSteps, FINAL_STATUSES, type CaseStatus, type EscalationTarget, type Role } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { z } from 'zod';
import { systemContext, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { JobDefinition } from '../../platform/jobs';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { UsersService } from '../users/users.service';
import { slaRepo } from './sla.repo';
import type { ClockContext, ReachedLevel, SlaService } from './sla.service';
import { drainDue } from '../../platform/due-work';

export const CLOCK_TICK_JOB = 'clock-tick';

/**
 * Cases claimed per transaction. On PostgreSQL, 50: short transactions, locks held briefly, and
 * few enough commits that workers rarely meet on the audit chain's head. On the embedded engine,
 * where a transaction holds the only connection, one: requests are answered between two cases
 * even while a worker that was down for days catches up on thousands of levels.
 */
const BATCH = { server: 50, embedded: 1 } as const;
/** A tick never loops forever, whatever a bug in the clock maths would make it do. */
const MAX_BATCHES = 100_000;
/** A case whose clock work failed is tried again this much later. */
const RETRY_AFTER_MS = 5 * 60_000;
const STAFF_LOCALE = 'zh-CN';

type CaseRow = NonNullable<Awaited<ReturnType<typeof slaRepo.caseRow>>>;
type Staff = { id: string; path: string; roles: Role[] };

/** What one escalation did, kept on the level's record and on the timeline. */
export interface EscalationOutcome {
  notified: string[];
  reassignedTo: string | null;
  unresolved: EscalationTarget[];
}

/**
 * The deadline worker. A tick finds the cases whose next clock event is due (an index range
 * scan of `cases.next_clock_at` against the service clock), claims a batch with
 * FOR UPDATE SKIP LOCKED so that several worker processes share the work, records each level
 * a clock reached once (unique per case, clock, run and level), writes it to the timeline,
 * applies the policy's escalation chain (outbox notices, reassignment, audited) and advances
 * the case's next event — all in the batch's transaction. A worker that was down catches up
 * at once: every level reached meanwhile is recorded and escalated, none skipped.
 */
export class ClockWorker {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly cases: CasesService,
    private readonly sla: SlaService,
    private readonly notifications: NotificationsService,
  ) {}

  job(): JobDefinition<z.ZodObject<Record<string, never>>> {
    return {
      name: CLOCK_TICK_JOB,
      payload: z.object({}),
      policy: 'short',
      everySeconds: this.deps.config.LOOPDESK_CLOCK_TICK_SECONDS,
      handle: async (_data, stopping) => {
        await this.tick(stopping);
      },
    };
  }

  /**
   * Processes everything due at the service clock's now; returns the number of levels recorded.
   * A process that is stopping ends the tick after the batch in hand (the rest stays due).
   */
  async tick(stopping?: AbortSignal): Promise<number> {
    const now = this.deps.now();
    const contexts = new Map<string, ClockContext>();
    for (const institution of await this.org.institutions()) contexts.set(institution.id, await this.sla.context(institution.id));
    const recorded = await drainDue(this.deps, {
      sizes: BATCH,
      // Audit entries are chained as the transaction's last step (see AuditService.transaction).
      transaction: (work) => this.audit.transaction(work),
      stopping,
      maxBatches: MAX_BATCHES,
      batch: async (tx, size) => {
        const ids = await slaRepo.claimDue(tx, now, size);
        // A case that met a concurrent change ends this tick (it stays due): retrying it at once
        // could meet the same transaction again and again.
        let interrupted = false;
        let count = 0;
        for (const id of ids) {
          // Each case in a savepoint: one that fails (bad data, a bug) is put off, never blocks the rest.
          try {
            count += await this.audit.savepoint(tx, (sp) => this.processCase(sp, contexts, id));
          } catch (err) {
            // A deadlock or serialisation failure with another worker passes: the case stays due
            // and the next tick takes it. Anything else (bad data, a bug) is put off for a while.
            if (isTransient(err)) {
              this.deps.log.warn({ err, caseId: id }, 'clock work on a case met a concurrent change; retried at the next tick');
              interrupted = true;
              continue;
            }
            this.deps.log.error({ err, caseId: id }, 'clock work on a case failed; retried later');
            await slaRepo.postpone(tx, id, new Date(now.getTime() + RETRY_AFTER_MS));
          }
        }
        return { claimed: ids.length, done: count, interrupted };
      },
    });
    if (recorded > 0) this.deps.log.info({ recorded }, 'clock levels recorded');
    return recorded;
  }

  private async processCase(tx: Db, contexts: Map<string, ClockContext>, id: string): Promise<number> {
    let row = await slaRepo.caseRow(tx, id);
    if (!row) return 0;
    const cc = contexts.get(row.institutionId);
    if (!cc) return 0;
    const reached = await this.sla.recordReached(tx, cc, row);
    for (const level of reached) {
      const outcome = await this.escalate(tx, cc, row, level);
      if (outcome.reassignedTo) row = (await slaRepo.caseRow(tx, id)) ?? row;
    }
    return reached.length;
  }

  private async escalate(tx: Db, cc: ClockContext, row: CaseRow, r: ReachedLevel): Promise<EscalationOutcome> {
    const ctx: RequestContext = { ...systemContext('clock-worker'), via: 'system:clocks' };
    const steps = escalationSteps(cc.settings.escalation, r.clock, r.level);
    const wanted = new Set<EscalationTarget>(steps.flatMap((s) => [...s.notify, ...(s.reassignTo ? [s.reassignTo] : [])]));
    const people = await this.targets(tx, row, [...wanted]);
    const outcome: EscalationOutcome = { notified: [], reassignedTo: null, unresolved: [] };
    for (const target of wanted) if (!people.get(target)) outcome.unresolved.push(target);

    // A decided case is not moved about; its late clocks are still recorded and reported.
    const open = !FINAL_STATUSES.includes(row.status as CaseStatus) && !['answered', 'resolved'].includes(row.status);
    const reassignTo = steps.map((s) => s.reassignTo).find((t) => t !== null);
    const assignee = reassignTo ? people.get(reassignTo) : undefined;
    if (open && assignee && assignee.id !== row.assigneeId) {
      const moved = await this.cases.escalateTo(tx, ctx, row.id, assignee.id, { clock: r.clock, level: r.level });
      if (moved) outcome.reassignedTo = assignee.id;
    }

    const recipients = [...new Set(steps.flatMap((s) => s.notify).map((t) => people.get(t)?.id).filter((x): x is string => !!x))];
    for (const recipientId of recipients) {
      await this.notifications.enqueue(tx, {
        institutionId: row.institutionId,
        recipientType: 'staff',
        recipientId,
        templateKey: r.level === 'breach' ? 'clock.breach' : 'clock.warning',
        locale: STAFF_LOCALE,
        payload: { caseId: row.id, number: row.number, title: row.titleMasked, clock: r.clock, level: r.level, dueAt: r.dueAt?.toISOString() ?? null, reachedAt: r.reachedAt.toISOString(), reassignedTo: outcome.reassignedTo },
        caseId: row.id,
      });
    }
    outcome.notified = recipients;
    await this.cases.appendClockEvent(tx, ctx, row, r.level === 'breach' ? 'clock.breach' : 'clock.warning', {
      clock: r.clock,
      run: r.run,
      level: r.level,
      dueAt: r.dueAt?.toISOString() ?? null,
      // The event is dated when it was recorded; this is when the level was reached.
      reachedAt: r.reachedAt.toISOString(),
      ...outcome,
    });
    await this.sla.noteEscalation(tx, r.eventId, outcome);
    await this.audit.record(tx, ctx, row.institutionId, {
      action: 'case.clock_level',
      objectType: 'case',
      objectId: row.id,
      scopePath: row.orgPath,
      after: { clock: r.clock, run: r.run, level: r.level, ...outcome },
    });
    return outcome;
  }

  /**
   * Who each target is for this case: the handler is its assignee (or owner); team leads and
   * branch managers are the nearest above its unit; consumer protection is head office's
   * (the holder nearest the root). Staff the case complains about and their managers are skipped.
   */
  private async targets(tx: Db, row: CaseRow, wanted: EscalationTarget[]): Promise<Map<EscalationTarget, Staff>> {
    const found = new Map<EscalationTarget, Staff>();
    if (wanted.length === 0) return found;
    const recused = new Set(row.staffComplainedAbout.length > 0 ? await this.users.recusedFor(row.institutionId, row.staffComplainedAbout, tx) : []);
    const holders = (await this.users.activeHolders(tx, row.institutionId, ['handler', 'team_lead', 'branch_manager', 'consumer_protection'])).filter((s) => !recused.has(s.id));
    const above = (role: Role) => holders.filter((s) => s.roles.includes(role) && row.orgPath.startsWith(s.path)).sort((a, b) => b.path.length - a.path.length || a.id.localeCompare(b.id));
    for (const target of wanted) {
      let person: Staff | undefined;
      if (target === 'handler') {
        const id = row.assigneeId ?? row.ownerId;
        person = holders.find((s) => s.id === id);
        if (!person && id && !recused.has(id)) person = { id, path: row.orgPath, roles: [] };
      } else if (target === 'consumer_protection') {
        person = holders.filter((s) => s.roles.includes('consumer_protection')).sort((a, b) => a.path.length - b.path.length || a.id.localeCompare(b.id))[0];
      } else {
        person = above(target)[0];
      }
      if (person) found.set(target, person);
    }
    return found;
  }
}

/** PostgreSQL errors that another attempt resolves: deadlock, serialisation failure, lock not available. */
const TRANSIENT_SQLSTATES = new Set(['40P01', '40001', '55P03']);

function isTransient(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_SQLSTATES.has(code)) return true;
  }
  return false;
}
