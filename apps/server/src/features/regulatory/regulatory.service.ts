import { randomUUID } from 'node:crypto';
import {
  allowedExclusionKinds,
  CASE_EXCLUSION_KINDS,
  civilDateAt,
  exclusionRequiresNotice,
  FINAL_STATUSES,
  isRegulatedKind,
  mayApproveExtension,
  regulatoryStep,
  ruleExclusionKind,
  type CaseExclusionKind,
  type CaseKind,
  type RegulatoryExclusion,
  type RegulatoryNoticeKey,
  type RegulatoryNoticeValues,
  type TCaseExclusion,
  type TCaseExtension,
  type TDecideExtensionRequest,
  type TEndExclusionRequest,
  type TExclusionNoticeRequest,
  type TemplateLocale,
  type TNewFactsRequest,
  type TRegulatoryClock,
  type TRegulatoryRuleSet,
  type TRequestExtensionRequest,
  type TStartExclusionRequest,
} from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import type { CasesService, RegulatoryContext, RegulatoryRecompute } from '../cases/cases.service';
import type { CaseRow } from '../cases/cases.repo';
import type { ClocksService } from '../clocks/clocks.service';
import type { CustomersService } from '../customers/customers.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { UsersService } from '../users/users.service';
import { regulatoryRepo, type CaseExclusionRow, type CaseExtensionRow } from './regulatory.repo';

/** After a decision the regulatory clock has stopped: nothing moves it any more. */
const STOPPED_STATUSES: readonly string[] = [...FINAL_STATUSES, 'answered', 'resolved'];
// Clocks drift: a time a little ahead of ours is not "in the future".
const CLOCK_SKEW_MS = 5 * 60_000;
/** The institution's language for notices when the customer gave none. */
const DEFAULT_NOTICE_LOCALE: TemplateLocale = 'zh-CN';

/**
 * Extensions, exclusions and new facts on a case's regulatory clock (DESIGN.md §5, REGULATION.md
 * Art. 18, 23). Each action takes a new version of the case, records its input, recomputes the
 * deadline through CasesService.recomputeRegulatoryClock (the one recomputation, which also
 * refreshes the clocks the worker and badges read), queues the complainant's notice in the outbox
 * (an extension granted, an exclusion begun or ended),
 * and writes the timeline and the audit trail — all in one transaction.
 *
 * A case with an exclusion still open has its clock suspended: regulatory_due_at is null and
 * regulatory_suspended_since says since when, so queues show "suspended" and no due-soon or
 * overdue queue picks the case up until the exclusion ends.
 */
export class RegulatoryService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly clocks: ClocksService,
    private readonly users: UsersService,
    private readonly customers: CustomersService,
    private readonly notifications: NotificationsService,
  ) {}

  /** The recorded inputs of a case's clock, for the one recomputation (read in the caller's transaction). */
  async inputsOf(db: Db, row: Pick<CaseRow, 'id'>): Promise<{ extensionsGranted: number; exclusions: RegulatoryExclusion[] }> {
    const [extensions, exclusions] = [await regulatoryRepo.extensions(db, row.id), await regulatoryRepo.exclusions(db, row.id)];
    return { extensionsGranted: granted(extensions), exclusions: exclusions.map(toExclusionInput) };
  }

  /** The case's regulatory clock as its page shows it, with what the caller may do. */
  async view(ctx: RequestContext, id: string): Promise<TRegulatoryClock> {
    const actor = requireActor(ctx);
    const { row } = await this.cases.visible(actor, id);
    const [extensions, exclusions] = await Promise.all([regulatoryRepo.extensions(this.deps.db, id), regulatoryRepo.exclusions(this.deps.db, id)]);
    const on = await this.clocks.regulatoryCalendar(row.institutionId);
    const ruleSet = on.ruleSet;
    const step = regulatoryStep(ruleSet);
    const due = this.clocks.regulatoryDueOn(on, { kind: row.kind as CaseKind, receivedAt: row.receivedAt, newFactsAt: row.newFactsAt, regulatorDeadline: row.regulatorDeadline, extensionsGranted: granted(extensions), exclusions: exclusions.map(toExclusionInput) });
    const open = !STOPPED_STATUSES.includes(row.status) && isRegulatedKind(row.kind as CaseKind);
    const work = open && actor.permissions.has('cases.work');
    const recused = extensions.some((e) => e.status === 'requested') ? await this.recused(row) : [];
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      caseId: row.id,
      version: row.version,
      state: row.regulatorySuspendedSince ? 'suspended' : row.regulatoryDueAt ? 'running' : 'none',
      dueAt: iso(row.regulatoryDueAt),
      provisional: row.regulatoryDueProvisional,
      suspendedSince: iso(row.regulatorySuspendedSince),
      receivedAt: row.receivedAt.toISOString(),
      newFactsAt: iso(row.newFactsAt),
      ruleSet: {
        id: ruleSet.id,
        title: ruleSet.title,
        extensionLevels: step.extensions.map((e, i) => ({ level: i + 1, id: e.id, limitDays: e.limit.unit === 'weeks' ? e.limit.count * 7 : e.limit.count, approval: e.approval })),
        exclusionKinds: allowedExclusionKinds(ruleSet),
        restartsOnNewFacts: step.restartsOnNewFacts,
      },
      daysAllowed: due?.deadline.daysAllowed ?? null,
      excludedDays: due?.deadline.excludedDays ?? null,
      extensions: extensions.map((e) => ({
        id: e.id,
        level: e.level,
        levelId: step.extensions[e.level - 1]?.id ?? String(e.level),
        reason: e.reason,
        requestedBy: e.requestedBy,
        requestedAt: e.requestedAt.toISOString(),
        status: e.status as TCaseExtension['status'],
        decidedBy: e.decidedBy,
        decidedAt: iso(e.decidedAt),
        decisionNote: e.decisionNote,
        newDueAt: iso(e.newDueAt),
        mayDecide: open && e.status === 'requested' && actor.permissions.has('cases.approve_extension') && this.approval(ruleSet, actor, row, e.level, recused).ok,
      })),
      exclusions: exclusions.map((x) => ({
        id: x.id,
        kind: x.kind as TCaseExclusion['kind'],
        startAt: x.startAt.toISOString(),
        endAt: iso(x.endAt),
        noticeSentAt: iso(x.noticeSentAt),
        note: x.note,
        recordedBy: x.recordedBy,
        counts: !exclusionRequiresNotice(ruleSet, x.kind as CaseExclusionKind) || x.noticeSentAt !== null,
        version: x.version,
      })),
      may: {
        requestExtension: work && granted(extensions) < step.extensions.length && !extensions.some((e) => e.status === 'requested'),
        work,
      },
    };
  }

  /** A handler asks for the next extension level, with the reason the complainant will be told. */
  async requestExtension(ctx: RequestContext, id: string, req: TRequestExtensionRequest): Promise<TRegulatoryClock> {
    const actor = requireActor(ctx);
    const row = await this.openCase(actor, id, req.version);
    if (!req.reason) throw fieldError('reason', 'give the reason for the extension; the complainant is told it');
    const step = regulatoryStep(await this.clocks.ruleSetFor(row.institutionId));
    const extensions = await regulatoryRepo.extensions(this.deps.db, id);
    if (req.level > step.extensions.length) throw fieldError('level', `the rule set allows at most ${step.extensions.length} extension level(s)`);
    const next = granted(extensions) + 1;
    if (next > step.extensions.length) throw fieldError('level', `all ${step.extensions.length} extension levels the rule set allows are granted`);
    if (req.level !== next) throw fieldError('level', `the next extension level is ${next}`);
    if (extensions.some((e) => e.status === 'requested')) throw new AppError('conflict', 'an extension request is already waiting for a decision');
    await this.audit.transaction(async (tx) => {
      const after = await this.cases.updateWithin(tx, id, req.version);
      const ext = await regulatoryRepo.insertExtension(tx, {
        id: randomUUID(),
        institutionId: row.institutionId,
        caseId: id,
        level: req.level,
        reason: req.reason,
        requestedBy: actor.userId,
        requestedAt: this.deps.now(),
        status: 'requested',
      });
      const data = { extensionId: ext.id, level: ext.level, levelId: step.extensions[ext.level - 1]!.id, approval: step.extensions[ext.level - 1]!.approval };
      await this.cases.event(tx, ctx, after, 'regulatory.extension_requested', { reason: req.reason, data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.extension_request', objectType: 'case', objectId: id, scopePath: row.orgPath, after: { ...data, reason: req.reason } });
    });
    return this.view(ctx, id);
  }

  /**
   * Approves or rejects an open request, at the level the rule demands; the staff complained
   * about and their line managers never decide. An approval moves the deadline and tells the
   * complainant the new deadline and the reason.
   */
  async decideExtension(ctx: RequestContext, id: string, extensionId: string, req: TDecideExtensionRequest): Promise<TRegulatoryClock> {
    const actor = requireActor(ctx);
    const row = await this.openCase(actor, id, req.version);
    const ext = await regulatoryRepo.extensionById(this.deps.db, id, extensionId);
    if (!ext) throw new AppError('not_found', 'no such extension request');
    if (ext.status !== 'requested') throw new AppError('conflict', `the request is already ${ext.status}`);
    const ruleSet = await this.clocks.ruleSetFor(row.institutionId);
    const verdict = this.approval(ruleSet, actor, row, ext.level, await this.recused(row));
    if (!verdict.ok) {
      const why = {
        recused: 'the staff complained about and their line managers may not decide on this case',
        role: 'your role may not decide this extension level',
        level: ext.level > 1 ? 'this extension level needs approval by a higher-level institution than the case’s unit' : 'only a supervisor of the case’s unit or a unit above it may decide',
      }[verdict.reason];
      throw new AppError('forbidden', why);
    }
    const on = await this.cases.regulatoryContext(row.institutionId);
    const locale = await this.noticeLocale(row);
    const level = regulatoryStep(ruleSet).extensions[ext.level - 1]!;
    await this.audit.transaction(async (tx) => {
      const bumped = await this.cases.updateWithin(tx, id, req.version);
      const decided = await regulatoryRepo.decideExtension(tx, ext.id, {
        status: req.decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: actor.userId,
        decidedAt: this.deps.now(),
        decisionNote: req.note ?? null,
      });
      if (!decided) throw new AppError('conflict', 'the request was decided meanwhile');
      const data: Record<string, unknown> = { extensionId: ext.id, level: ext.level, levelId: level.id, note: req.note ?? null };
      if (req.decision === 'reject') {
        await this.cases.event(tx, ctx, bumped, 'regulatory.extension_rejected', { reason: req.note ?? null, data });
        await this.audit.record(tx, ctx, row.institutionId, { action: 'case.extension_reject', objectType: 'case', objectId: id, scopePath: row.orgPath, after: data });
        return;
      }
      const r = await this.cases.recomputeRegulatoryClock(tx, bumped, on);
      await regulatoryRepo.setExtensionDue(tx, ext.id, r.due?.dueAt ?? null);
      Object.assign(data, { from: r.before, to: r.after });
      if (level.notifyComplainant) {
        data.noticeId = await this.notify(tx, r.row, locale, 'regulatory.extension', { caseNumber: row.number, date: this.dueDate(r, on), reason: ext.reason });
      }
      await this.cases.event(tx, ctx, r.row, 'regulatory.extension_approved', { reason: ext.reason, data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.extension_approve', objectType: 'case', objectId: id, scopePath: row.orgPath, before: r.before, after: data });
    });
    return this.view(ctx, id);
  }

  /** Starts an excluded period (outside appraisal, testing, evaluation; mediation), telling the complainant when asked to. */
  async startExclusion(ctx: RequestContext, id: string, req: TStartExclusionRequest): Promise<TRegulatoryClock> {
    const actor = requireActor(ctx);
    const row = await this.openCase(actor, id, req.version);
    const ruleSet = await this.clocks.ruleSetFor(row.institutionId);
    const allowed = allowedExclusionKinds(ruleSet);
    if (!(CASE_EXCLUSION_KINDS as readonly string[]).includes(req.kind) || !allowed.includes(req.kind as CaseExclusionKind)) {
      throw fieldError('kind', allowed.length > 0 ? `the rule set lets a case leave out: ${allowed.join(', ')}` : 'the rule set lets no period be left out');
    }
    const kind = req.kind as CaseExclusionKind;
    const now = this.deps.now();
    const startAt = req.startAt ? new Date(req.startAt) : now;
    this.checkInstant('startAt', startAt, row);
    const existing = await regulatoryRepo.exclusions(this.deps.db, id);
    if (existing.some((x) => x.endAt === null)) throw new AppError('conflict', 'an excluded period is still open; end it first');
    const on = await this.cases.regulatoryContext(row.institutionId);
    const locale = await this.noticeLocale(row);
    await this.audit.transaction(async (tx) => {
      const bumped = await this.cases.updateWithin(tx, id, req.version);
      const exclusion = await regulatoryRepo.insertExclusion(tx, {
        id: randomUUID(),
        institutionId: row.institutionId,
        caseId: id,
        kind,
        startAt,
        endAt: null,
        noticeSentAt: req.notify ? now : null,
        note: req.note ?? null,
        recordedBy: actor.userId,
        recordedAt: now,
      });
      const r = await this.cases.recomputeRegulatoryClock(tx, bumped, on);
      const data: Record<string, unknown> = { exclusionId: exclusion.id, kind, startAt: startAt.toISOString(), noticeSentAt: exclusion.noticeSentAt?.toISOString() ?? null, from: r.before, to: r.after };
      if (req.notify) {
        data.noticeId = await this.notify(tx, r.row, locale, 'regulatory.exclusion', {
          caseNumber: row.number,
          date: civilDateAt(startAt.getTime(), on.zone),
          reason: req.note ?? null,
          exclusionKind: kind,
        });
      }
      await this.cases.event(tx, ctx, r.row, 'regulatory.exclusion_started', { reason: req.note ?? null, data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.exclusion_start', objectType: 'case', objectId: id, scopePath: row.orgPath, before: r.before, after: data });
    });
    return this.view(ctx, id);
  }

  /** Ends an excluded period; the deadline moves by the days it lasted (when it counts). */
  async endExclusion(ctx: RequestContext, id: string, exclusionId: string, req: TEndExclusionRequest): Promise<TRegulatoryClock> {
    const actor = requireActor(ctx);
    const row = await this.openCase(actor, id, req.version);
    const exclusion = await regulatoryRepo.exclusionById(this.deps.db, id, exclusionId);
    if (!exclusion) throw new AppError('not_found', 'no such excluded period');
    if (exclusion.endAt) throw new AppError('conflict', 'the period has already ended');
    const endAt = req.endAt ? new Date(req.endAt) : this.deps.now();
    this.checkInstant('endAt', endAt, row);
    if (endAt < exclusion.startAt) throw fieldError('endAt', 'a period cannot end before it starts');
    const on = await this.cases.regulatoryContext(row.institutionId);
    const locale = await this.noticeLocale(row);
    // Only a period that counted stopped the clock for the complainant: they learn it runs again, with the new deadline.
    const counted = !exclusionRequiresNotice(on.ruleSet, exclusion.kind as CaseExclusionKind) || exclusion.noticeSentAt !== null;
    await this.audit.transaction(async (tx) => {
      const bumped = await this.cases.updateWithin(tx, id, req.version);
      const ended = await regulatoryRepo.updateExclusion(tx, exclusion.id, exclusion.version, { endAt, note: req.note ?? exclusion.note });
      if (!ended) throw new AppError('stale_version', 'the period was changed by someone else; reload and try again');
      const r = await this.cases.recomputeRegulatoryClock(tx, bumped, on);
      const data: Record<string, unknown> = { exclusionId: exclusion.id, kind: exclusion.kind, startAt: exclusion.startAt.toISOString(), endAt: endAt.toISOString(), excludedDays: r.due?.deadline.excludedDays ?? null, from: r.before, to: r.after };
      if (counted) data.noticeId = await this.endedNotice(tx, r, on, locale, exclusion.kind as CaseExclusionKind, req.note);
      await this.cases.event(tx, ctx, r.row, 'regulatory.exclusion_ended', { reason: req.note ?? null, data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.exclusion_end', objectType: 'case', objectId: id, scopePath: row.orgPath, before: r.before, after: data });
    });
    return this.view(ctx, id);
  }

  /**
   * Records that the complainant was told of an excluded period at `sentAt` (a period recorded
   * without its notice): a kind that needs notice counts from then on, so the deadline moves,
   * through the one recomputation. When the period has already ended, the complainant is also
   * sent the new deadline, as at the end of a period that counted.
   */
  async recordExclusionNotice(ctx: RequestContext, id: string, exclusionId: string, req: TExclusionNoticeRequest): Promise<TRegulatoryClock> {
    const actor = requireActor(ctx);
    const row = await this.openCase(actor, id, req.version);
    const exclusion = await regulatoryRepo.exclusionById(this.deps.db, id, exclusionId);
    if (!exclusion) throw new AppError('not_found', 'no such excluded period');
    if (exclusion.noticeSentAt) throw new AppError('conflict', 'the notice of this period is already recorded');
    const sentAt = req.sentAt ? new Date(req.sentAt) : this.deps.now();
    this.checkInstant('sentAt', sentAt, row);
    const on = await this.cases.regulatoryContext(row.institutionId);
    const locale = await this.noticeLocale(row);
    await this.audit.transaction(async (tx) => {
      const bumped = await this.cases.updateWithin(tx, id, req.version);
      const noticed = await regulatoryRepo.updateExclusion(tx, exclusion.id, exclusion.version, { noticeSentAt: sentAt });
      if (!noticed) throw new AppError('stale_version', 'the period was changed by someone else; reload and try again');
      const r = await this.cases.recomputeRegulatoryClock(tx, bumped, on);
      const data: Record<string, unknown> = {
        exclusionId: exclusion.id,
        kind: exclusion.kind,
        startAt: exclusion.startAt.toISOString(),
        endAt: exclusion.endAt?.toISOString() ?? null,
        noticeSentAt: sentAt.toISOString(),
        note: req.note ?? null,
        from: r.before,
        to: r.after,
      };
      if (exclusion.endAt) data.noticeId = await this.endedNotice(tx, r, on, locale, exclusion.kind as CaseExclusionKind, req.note);
      await this.cases.event(tx, ctx, r.row, 'regulatory.exclusion_noticed', { reason: req.note ?? null, data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.exclusion_notice', objectType: 'case', objectId: id, scopePath: row.orgPath, before: r.before, after: data });
    });
    return this.view(ctx, id);
  }

  /** New facts and reasons arrived at `at`: the clock counts again from them where the rule set says so (Art. 18). */
  async newFacts(ctx: RequestContext, id: string, req: TNewFactsRequest): Promise<TRegulatoryClock> {
    const actor = requireActor(ctx);
    const row = await this.openCase(actor, id, req.version);
    const at = new Date(req.at);
    this.checkInstant('at', at, row);
    if (row.newFactsAt && at <= row.newFactsAt) throw fieldError('at', 'later new facts are already recorded');
    const on = await this.cases.regulatoryContext(row.institutionId);
    const restarts = regulatoryStep(on.ruleSet).restartsOnNewFacts;
    await this.audit.transaction(async (tx) => {
      const bumped = await this.cases.updateWithin(tx, id, req.version, { newFactsAt: at });
      const r = await this.cases.recomputeRegulatoryClock(tx, bumped, on, restarts ? { restartedAt: at } : {});
      const data = { at: at.toISOString(), restarts, from: r.before, to: r.after };
      await this.cases.event(tx, ctx, r.row, 'regulatory.new_facts', { reason: req.note, data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.new_facts', objectType: 'case', objectId: id, scopePath: row.orgPath, before: r.before, after: { ...data, note: req.note } });
    });
    return this.view(ctx, id);
  }

  /** The case, visible to the actor, at the version they saw, still before its decision and under the complaint rules. */
  private async openCase(actor: Actor, id: string, version: number): Promise<CaseRow> {
    const { row } = await this.cases.visible(actor, id);
    if (row.version !== version) throw new AppError('stale_version', 'the case was changed by someone else; reload and try again');
    if (STOPPED_STATUSES.includes(row.status)) throw new AppError('conflict', `the case is ${row.status}: its regulatory clock has stopped`);
    if (!isRegulatedKind(row.kind as CaseKind)) throw new AppError('conflict', `a case of kind ${row.kind} has no regulatory clock`);
    return row;
  }

  private approval(ruleSet: TRegulatoryRuleSet, actor: Actor, row: CaseRow, level: number, recused: readonly string[]) {
    const extension = regulatoryStep(ruleSet).extensions[level - 1];
    if (!extension) return { ok: false as const, reason: 'level' as const };
    return mayApproveExtension(extension.approval, { userId: actor.userId, roles: actor.roles, orgPath: actor.orgPath }, row.orgPath, recused);
  }

  /** The staff complained about and their line managers (the same recusal as for assignment). */
  private recused(row: CaseRow): Promise<string[]> {
    return row.staffComplainedAbout.length > 0 ? this.users.recusedFor(row.institutionId, row.staffComplainedAbout) : Promise.resolve([]);
  }

  /** A time an action gives: not in the future, not before the case was received. */
  private checkInstant(field: string, at: Date, row: CaseRow): void {
    if (at.getTime() > this.deps.now().getTime() + CLOCK_SKEW_MS) throw fieldError(field, 'the time is in the future');
    if (at < row.receivedAt) throw fieldError(field, 'the time is before the case was received');
  }

  /** The customer's language for notices, else the institution's default. */
  private async noticeLocale(row: CaseRow): Promise<TemplateLocale> {
    return (row.customerId ? await this.customers.noticeLocale(this.deps.db, row.institutionId, row.customerId) : null) ?? DEFAULT_NOTICE_LOCALE;
  }

  /** The deadline's day in the institution's zone (the deadline is 24:00 of it), or the suspension's. */
  private dueDate(r: RegulatoryRecompute, on: RegulatoryContext): string {
    const at = r.due?.dueAt ? r.due.dueAt.getTime() - 1 : (r.due?.suspendedSince?.getTime() ?? this.deps.now().getTime());
    return civilDateAt(at, on.zone);
  }

  /** Queues the complainant's notice that an excluded period ended: the clock counts again, to the new deadline. */
  private endedNotice(tx: Db, r: RegulatoryRecompute, on: RegulatoryContext, locale: TemplateLocale, kind: CaseExclusionKind, note: string | undefined): Promise<string> {
    return this.notify(tx, r.row, locale, 'regulatory.exclusion_ended', { caseNumber: r.row.number, date: this.dueDate(r, on), reason: note ?? null, exclusionKind: kind });
  }

  /**
   * Queues a notice to the complainant: to the customer when the case has one, else to the case
   * itself (delivered on the channel it came in by). Delivery is the notification worker's.
   */
  private async notify(tx: Db, row: CaseRow, locale: TemplateLocale, key: RegulatoryNoticeKey, values: RegulatoryNoticeValues): Promise<string> {
    const notice = await this.notifications.enqueue(tx, {
      institutionId: row.institutionId,
      recipientType: row.customerId ? 'customer' : 'case',
      recipientId: row.customerId ?? row.id,
      templateKey: key,
      locale,
      // The values the template needs (its wording is renderNotice's, at delivery), and where to deliver.
      payload: { caseId: row.id, number: row.number, channel: row.channel, contactId: row.contactId, ...values },
      caseId: row.id,
    });
    return notice.id;
  }
}

function granted(extensions: readonly CaseExtensionRow[]): number {
  return extensions.filter((e) => e.status === 'approved').length;
}

function toExclusionInput(x: CaseExclusionRow): RegulatoryExclusion {
  return { kind: ruleExclusionKind(x.kind as CaseExclusionKind), start: x.startAt.getTime(), end: x.endAt?.getTime() ?? null, noticeSentAt: x.noticeSentAt?.getTime() ?? null };
}

function fieldError(field: string, message: string): AppError {
  return new AppError('unprocessable', message, [{ field, message }]);
}
