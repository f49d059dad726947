import { randomUUID } from 'node:crypto';
import {
  availableActions,
  civilDateAt,
  civilDateTimeAt,
  decideTransition,
  DEFAULT_LIFECYCLE_POLICY,
  reviewWindowDays,
  FINAL_STATUSES,
  isRegulatedKind,
  OFFLINE_CHANNELS,
  type CaseFacts,
  type CaseKind,
  type Classification,
  type ClassifiedField,
  type FieldPrediction,
  type TClassifyRequest,
  type Channel,
  type TCaseDetail,
  type TDecisionReceiptRequest,
  type TCaseExportQuery,
  type TCaseListQuery,
  CASE_COUNT_LIMIT,
  CASE_EXPORT_LIMIT,
  CSV_BOM,
  QUEUE_STATUSES,
  toCsv,
  type TCasePage,
  type TCaseSummary,
  type TCaseTask,
  type TCreateCustomerRequest,
  type DecisionOutcome,
  type TemplateLocale,
  moreUrgent,
  type Priority,
  type RiskFlag,
  type TemplateVariable,
  type TIntakeAck,
  type TStaffIntakeRequest,
  type TTransitionRequest,
} from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import { maskPii } from '@loopdesk/triage';
import { AppError, type FieldProblem } from '../../platform/errors';
import { yieldToRequests } from '../../platform/event-loop';
import { GroupCommit } from '../../platform/group-commit';
import { BatchMemo } from '../../platform/jobs';
import { requireActor, systemContext, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { CategoriesService } from '../categories/categories.service';
import type { ClocksService, RegulatoryCalendar, RegulatoryDue, RegulatoryInputs } from '../clocks/clocks.service';
import type { ClockContext, SlaService } from '../clocks/sla.service';
import type { CustomersService } from '../customers/customers.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrgService } from '../org/org.service';
import type { UsersService } from '../users/users.service';
import { indexTokens, letterAsRead, namesMasker, queryTokens } from './case-search';
import { casesRepo, type CaseFilter, type CaseEventRow, type CaseMessageRow, type CaseRow, type CaseSummaryRow, type CaseTaskRow } from './cases.repo';

/** A case number and regulatory deadline reserved for a registration. */
export interface PreparedRegistration {
  number: string;
  due: RegulatoryDue | null;
  /** The institution's SLA policy and schedule, which start the case's clocks. */
  clocks: ClockContext;
}

/** What every intake path hands to `register` once it has checked its own input. */
export interface Registration {
  institutionId: string;
  orgUnitId: string;
  orgPath: string;
  channel: Channel;
  kind: CaseKind;
  text: string;
  title?: string | null;
  fields: Pick<
    TStaffIntakeRequest,
    'timing' | 'categoryId' | 'businessLine' | 'product' | 'jrChannel' | 'jrBusinessCategory' | 'jrCause' | 'customerRequest' | 'priority' | 'amountInvolved' | 'riskFlags'
  >;
  receivedAt: Date;
  backDateReason?: string | null;
  customerId?: string | null;
  /** A customer a channel describes: found or registered in the same transaction. */
  customer?: TCreateCustomerRequest;
  contactId?: string | null;
  ownerId: string | null;
  staffComplainedAbout: string[];
  regulatorRef?: string | null;
  regulatorDeadline?: Date | null;
  intakeIntegrationId?: string | null;
}

// A receipt time this far in the past is a back-dating (a letter's postmark, a referral date).
const BACK_DATING_MS = 60 * 60_000;
// Clocks drift: a receipt time a little ahead of ours is not "in the future".
const CLOCK_SKEW_MS = 5 * 60_000;
const TITLE_LENGTH = 60;
const DAY_MS = 86_400_000;
/** The due-soon queue: a regulatory deadline within three days, an SLA target within four hours. */
const SLA_SOON_MS = 4 * 60 * 60_000;

/** The outbox template of the customer's acknowledgement (登记回执); the reply template it is worded by. */
export const ACKNOWLEDGEMENT_TEMPLATE_KEY = 'case.acknowledgement';
export const ACKNOWLEDGEMENT_TEMPLATE_CODE = 'ack_default';

/** What an acknowledgement notice needs besides the case row: read before the transaction that queues it. */
export interface AcknowledgementContext {
  timeZone: string;
  institutionName: string;
  /** The days the institution's rule set gives to ask for a review (核查); null when it has none. */
  reviewWindowDays: number | null;
}

/** The columns of a case-list export, in order. */
const CASE_EXPORT_COLUMNS = ['number', 'status', 'kind', 'channel', 'priority', 'title', 'customer', 'received_at', 'regulatory_due_at', 'sla_status', 'risk_flags', 'text'];

/** Work that follows a registration inside its transaction (the triage job is sent this way). */
export type RegistrationHook = (tx: Db, rows: readonly CaseRow[]) => Promise<void>;

/** Work that follows an accept inside its transaction (assignment rules place the case this way). */
export type AcceptHook = (tx: Db, ctx: RequestContext, row: CaseRow) => Promise<void>;

/** Work that follows a change of classification, priority or risk flags, inside its transaction (major-case rules mark this way). */
export type ChangeHook = (tx: Db, ctx: RequestContext, row: CaseRow) => Promise<void>;

/** What another feature knows about a case that the lifecycle guards need (the expert panel's verdict). */
export type FactsSource = (row: CaseRow) => Promise<Partial<CaseFacts>>;

/** The recorded inputs of a case's regulatory clock beyond the case row (extensions, exclusions), read in the caller's transaction. */
export type RegulatoryInputsSource = (tx: Db, row: CaseRow) => Promise<Pick<RegulatoryInputs, 'extensionsGranted' | 'exclusions'>>;

/** What recomputing regulatory deadlines needs, read before the transaction (PGlite has one connection). */
export interface RegulatoryContext extends RegulatoryCalendar {
  cc: ClockContext;
}

/** A case's regulatory deadline as stored: due at, provisional, suspended since. */
export interface StoredRegulatoryDue {
  regulatoryDueAt: string | null;
  provisional: boolean;
  suspendedSince: string | null;
}

/** What recomputeRegulatoryClock found. */
export interface RegulatoryRecompute {
  row: CaseRow;
  before: StoredRegulatoryDue;
  after: StoredRegulatoryDue;
  changed: boolean;
  due: RegulatoryDue | null;
}

/** The most registrations one transaction writes when many arrive together, and one statement inserts. */
const REGISTRATION_BATCH = 50;

/** What is known of a case before it is inserted. */
export type RegisteringCase = Pick<CaseRow, 'id' | 'number' | 'institutionId'>;

/**
 * A row a caller writes with its registration, in the same statement as the case: the rows of
 * all the registrations committed together go in one insert per table (a channel's request record).
 */
export interface RegistrationRow {
  table: PgTable;
  row(registering: RegisteringCase): Record<string, unknown>;
}

/** A RegistrationRow, its values checked against the table. */
export function registrationRow<T extends PgTable>(table: T, row: (registering: RegisteringCase) => PgInsertValue<T>): RegistrationRow {
  return { table, row: row as RegistrationRow['row'] };
}

/** What a caller writes with its registration: a row batched with the others', or any writes of its own. */
export type RegistrationExtra = RegistrationRow | ((tx: Db, row: CaseRow) => Promise<void>);

/** A registration waiting for its group commit. */
interface PendingRegistration {
  ctx: RequestContext;
  r: Registration;
  extra: RegistrationExtra | undefined;
}

/**
 * What a review (核查) request does besides reopening the case: `prepare` reads what it needs
 * before the transaction (the reviewing unit, the decision deadline) and returns the write that
 * runs inside it (the review's record). The reviews feature registers it.
 */
export interface ReviewRequestHook {
  prepare(ctx: RequestContext, row: CaseRow, receivedAt: Date, reason: string): Promise<(tx: Db, after: CaseRow) => Promise<void>>;
}

/** Options of a transition that do not come from the request body. */
export interface TransitionOptions {
  /** With a review request: when the institution received it (a letter's postmark); now when absent. */
  requestReceivedAt?: Date;
}

/** What triage concluded about a case, to be written by CasesService.applyTriage(Many). */
export interface TriageWrite {
  /** The case as triage read it. */
  row: CaseRow;
  conclusion: { riskFlags: RiskFlag[]; priority: Priority; sentimentLabel: string; negativeIntensity: number; explanation: unknown };
  /** The classification to write, worked out from the row as it stands when written. */
  classify?: (row: CaseRow) => { set: Partial<CaseRow>; classification: Classification; review: boolean };
  /** More writes in the same transaction (the duplicate index, merge suggestions, the acknowledgement). */
  extra?: (tx: Db, row: CaseRow) => Promise<void>;
}

/** A case of a triage batch changed meanwhile: the batch is rolled back and written case by case. */
class StaleInBatch extends Error {}

/** A row holding a letter in the clear, with what masking it needs. */
export type UnsealedLetter = Pick<CaseRow, 'institutionId' | 'customerId' | 'contactId'> & { id: string; decision: unknown };

/** Where letters stored in the clear are found, and how each is stored sealed (see CasesService.sealLegacy). */
export interface UnsealedLetters<R extends UnsealedLetter> {
  /** For the log: what was sealed. */
  what: string;
  /** A page of rows still in the clear (a row sealed leaves the page). */
  page(db: Db, limit: number): Promise<R[]>;
  /** What the sealed text is bound to. */
  aad(row: R): string;
  store(tx: Db, row: R, maskedDecision: unknown, sealed: string): Promise<unknown>;
}

/** Statuses in which a case's answer stands (a reopened case is answered afresh). */
const ANSWERED_STATUSES: readonly string[] = ['answered', 'resolved'];

export class CasesService {
  private readonly registrationHooks: RegistrationHook[] = [];
  private readonly acceptHooks: AcceptHook[] = [];
  private readonly changeHooks: ChangeHook[] = [];
  private readonly factsSources: FactsSource[] = [];
  private regulatoryInputsSource: RegulatoryInputsSource = async () => ({});
  private reviewHook: ReviewRequestHook | undefined;
  private readonly registrations: GroupCommit<PendingRegistration, CaseRow>;

  constructor(
    private readonly deps: Deps,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly org: OrgService,
    private readonly users: UsersService,
    private readonly customers: CustomersService,
    private readonly clocks: ClocksService,
    private readonly categories: CategoriesService,
    private readonly sla: SlaService,
    private readonly notifications: NotificationsService,
  ) {
    // Registrations arriving while others commit are written together (see GroupCommit); on the
    // embedded engine one transaction at a time, as it has one connection, each taking in the
    // requests the event loop has read meanwhile.
    this.registrations = new GroupCommit({
      commitMany: (items) => this.commitRegistrations(items),
      commitOne: async (item) => (await this.commitRegistrations([item]))[0]!,
      maxBatch: REGISTRATION_BATCH,
      concurrency: deps.embedded ? 1 : 2,
      gather: deps.embedded ? yieldToRequests : undefined,
    });
  }

  onRegistered(hook: RegistrationHook): void {
    this.registrationHooks.push(hook);
  }

  onAccepted(hook: AcceptHook): void {
    this.acceptHooks.push(hook);
  }

  onChanged(hook: ChangeHook): void {
    this.changeHooks.push(hook);
  }

  addFacts(source: FactsSource): void {
    this.factsSources.push(source);
  }

  /** Where the extensions and exclusions of a case are read from (the regulatory feature owns them). */
  useRegulatoryInputs(source: RegulatoryInputsSource): void {
    this.regulatoryInputsSource = source;
  }

  /** The calendar, zone and SLA context recomputeRegulatoryClock needs; call it before the transaction. */
  async regulatoryContext(institutionId: string): Promise<RegulatoryContext> {
    const [on, cc] = await Promise.all([this.clocks.regulatoryCalendar(institutionId), this.sla.context(institutionId)]);
    return { ...on, cc };
  }

  /**
   * The one recomputation of a case's regulatory deadline, inside the caller's transaction: from
   * its kind, receipt, new facts (on the row) and its approved extensions and recorded exclusions,
   * on the calendar given. When the result differs from what is stored it is written (due at,
   * provisional, suspended since) and the case's clocks are refreshed, so the worker's next-event
   * instant and the badges follow; `restartedAt` (new facts) starts a new run of the clock. Registration, reclassification, calendar changes and the
   * regulatory actions (extensions, exclusions, new facts) all come through here; the caller
   * writes the timeline event and the audit entry that say why.
   */
  async recomputeRegulatoryClock(tx: Db, row: CaseRow, on: RegulatoryContext, opts: { restartedAt?: Date } = {}): Promise<RegulatoryRecompute> {
    const recorded = await this.regulatoryInputsSource(tx, row);
    const due = this.clocks.regulatoryDueOn(on, { kind: row.kind as CaseKind, receivedAt: row.receivedAt, newFactsAt: row.newFactsAt, regulatorDeadline: row.regulatorDeadline, ...recorded });
    const before = storedDue(row);
    const after: StoredRegulatoryDue = { regulatoryDueAt: due?.dueAt?.toISOString() ?? null, provisional: due?.provisional ?? false, suspendedSince: due?.suspendedSince?.toISOString() ?? null };
    const changed = JSON.stringify(before) !== JSON.stringify(after);
    if (!changed && !opts.restartedAt) return { row, before, after, changed, due };
    const updated = changed
      ? await casesRepo.setRegulatoryDue(tx, row.id, { dueAt: due?.dueAt ?? null, provisional: after.provisional, suspendedSince: due?.suspendedSince ?? null }, this.deps.now())
      : row;
    // A restart (new facts) begins a new run of the stored clock; any other change keeps its history.
    if (opts.restartedAt) await this.sla.restartRegulatory(tx, on.cc, updated, opts.restartedAt.getTime());
    else await this.sla.refresh(tx, on.cc, updated);
    return { row: updated, before, after, changed, due };
  }

  onReviewRequested(hook: ReviewRequestHook): void {
    this.reviewHook = hook;
  }

  /** Staff entry for offline channels; whoever enters the case owns it until it is assigned (首问负责). */
  async intakeByStaff(ctx: RequestContext, input: TStaffIntakeRequest): Promise<TIntakeAck> {
    const actor = requireActor(ctx);
    const [problem] = staffEntryProblems(input, this.deps.now());
    if (problem) throw fieldError(problem.field, problem.message);
    // The actor's own unit came with the session; another must be in their subtree.
    const unit = input.orgUnitId && input.orgUnitId !== actor.orgUnitId ? await this.org.ownedUnit(actor, input.orgUnitId) : { id: actor.orgUnitId, path: actor.orgPath };
    if (input.customerId && !(await this.customers.exists(actor.institutionId, input.customerId))) throw fieldError('customerId', 'no such customer');
    if (input.categoryId && !(await this.categories.isSelectable(actor.institutionId, input.categoryId))) throw fieldError('categoryId', 'no such active category');
    if (input.contactId && (!input.customerId || !(await this.customers.contactOf(actor.institutionId, input.customerId, input.contactId)))) {
      throw fieldError('contactId', 'no such contact of this customer');
    }
    const complained = [...new Set(input.staffComplainedAbout)];
    if (complained.length > 0 && (await this.users.activeWithPaths(actor.institutionId, complained)).length !== complained.length) {
      throw fieldError('staffComplainedAbout', 'one of the staff named does not exist');
    }
    const receivedAt = this.checkReceivedAt(input.receivedAt, input.backDateReason);
    return this.register(ctx, {
      ...staffRegistration(actor, unit, input, receivedAt),
      customerId: input.customerId,
      contactId: input.contactId,
      staffComplainedAbout: complained,
    });
  }

  /** A receipt time: now by default; in the past only with a reason; never in the future. */
  checkReceivedAt(given: string | undefined, backDateReason: string | null | undefined): Date {
    const now = this.deps.now();
    const problem = receivedAtProblem(given, backDateReason, now);
    if (problem) throw fieldError(problem.field, problem.message);
    return given ? new Date(given) : now;
  }

  /**
   * Registers a case in one transaction: the case, the customer's words (sealed, with a masked
   * copy for search), the first timeline event and the audit entry; `extra` writes what the
   * caller adds in the same transaction. Registrations that arrive together share one
   * transaction (group commit). The number is taken first, outside it, so a failure leaves only
   * a gap in the numbering.
   */
  async register(ctx: RequestContext, r: Registration, extra?: RegistrationExtra): Promise<TIntakeAck> {
    return ackOf(await this.registrations.submit({ ctx, r, extra }), false);
  }

  /** Writes registrations in one transaction, numbered and dated per institution before it; the rows in their order. */
  private async commitRegistrations(items: readonly PendingRegistration[]): Promise<CaseRow[]> {
    const prepared = new Map<PendingRegistration, PreparedRegistration>();
    for (const institutionId of new Set(items.map((i) => i.r.institutionId))) {
      const mine = items.filter((i) => i.r.institutionId === institutionId);
      const numbered = await this.prepare(institutionId, mine.map((i) => i.r));
      mine.forEach((item, k) => prepared.set(item, numbered[k]!));
    }
    return this.audit.transaction(async (tx) => {
      const rows = await this.registerManyWithin(
        tx,
        items.map((item) => ({ ...item, prepared: prepared.get(item)!, alongside: typeof item.extra === 'function' ? undefined : item.extra })),
      );
      for (const [k, { extra }] of items.entries()) if (typeof extra === 'function') await extra(tx, rows[k]!);
      return rows;
    });
  }

  /**
   * Numbers and regulatory deadlines for registrations about to be made, worked out before the
   * transaction that writes them (the counter statement commits on its own; see nextNumbers).
   */
  async prepare(institutionId: string, rs: readonly Pick<Registration, 'kind' | 'receivedAt' | 'regulatorDeadline'>[]): Promise<PreparedRegistration[]> {
    // One read of the institution's zone and calendar serves the number, the deadlines and the SLA clocks.
    const clock = await this.clocks.clockFor(institutionId);
    // The number carries the registration day, so numbers rise with time even for back-dated letters.
    const day = civilDateAt(this.deps.now().getTime(), clock.timeZone);
    const last = await casesRepo.nextNumbers(this.deps.db, institutionId, day, rs.length);
    const prefix = `FB-${day.replaceAll('-', '')}-`;
    const clocks = await this.sla.contextOn(institutionId, clock);
    // A new case has no extensions, exclusions or new facts yet: its kind and receipt decide (and a referring regulator's deadline).
    const on = { calendar: clock.calendar, zone: clock.timeZone, ruleSet: clock.ruleSet };
    return rs.map((r, i) => ({
      number: `${prefix}${String(last - rs.length + 1 + i).padStart(6, '0')}`,
      due: this.clocks.regulatoryDueOn(on, { kind: r.kind, receivedAt: r.receivedAt, regulatorDeadline: r.regulatorDeadline }),
      clocks,
    }));
  }

  /** Writes one registration inside the caller's transaction. */
  async registerWithin(tx: Db, ctx: RequestContext, r: Registration, prepared: PreparedRegistration): Promise<CaseRow> {
    return (await this.registerManyWithin(tx, [{ ctx, r, prepared }]))[0]!;
  }

  /**
   * Writes registrations inside the caller's transaction (a group commit, a bulk import, the demo)
   * in a fixed number of statements however many there are: the cases, their messages, clocks,
   * first events and the rows that go with them (`alongside`) in one, the registration hooks'
   * work (the triage jobs) in one each; the customers channels name are found or created first,
   * together. The rows in the registrations' order.
   */
  async registerManyWithin(
    tx: Db,
    items: readonly { ctx: RequestContext; r: Registration; prepared: PreparedRegistration; alongside?: RegistrationRow }[],
  ): Promise<CaseRow[]> {
    // Bounded statements (a bulk import brings up to a thousand): PostgreSQL takes at most 65,535 parameters each.
    if (items.length > REGISTRATION_BATCH) {
      // The customers of them all first, together: their keys are locked as one set, in one
      // order, as a concurrent batch locks its own (chunk by chunk, two could deadlock).
      const customerIds = await this.namedCustomers(tx, items);
      const found = items.map((item, k) => ({ ...item, r: { ...item.r, customerId: customerIds[k], customer: undefined } }));
      const rows: CaseRow[] = [];
      for (let i = 0; i < found.length; i += REGISTRATION_BATCH) rows.push(...(await this.registerManyWithin(tx, found.slice(i, i + REGISTRATION_BATCH))));
      return rows;
    }
    const now = this.deps.now();
    const planned = [];
    const customerIds = await this.namedCustomers(tx, items);
    // The names of each case's customer and contact are masked in its masked copies and words.
    const names = await this.namesByCase(tx, items.map(({ r }, k) => ({ institutionId: r.institutionId, customerId: customerIds[k]!, contactId: r.contactId ?? null })));
    const alongside = new Map<PgTable, Record<string, unknown>[]>();
    for (const [k, { ctx, r, prepared, alongside: extra }] of items.entries()) {
      const { number, due } = prepared;
      const unnamed = namesMasker(names[k]!);
      const masked = maskPii(unnamed(r.text));
      const id = randomUUID();
      const customerId = customerIds[k]!;
      const values = {
        id,
        institutionId: r.institutionId,
        number,
        orgUnitId: r.orgUnitId,
        orgPath: r.orgPath,
        status: 'new',
        kind: r.kind,
        kindSource: r.kind === 'unknown' ? 'channel' : 'person',
        channel: r.channel,
        timing: r.fields.timing ?? null,
        categoryId: r.fields.categoryId ?? null,
        businessLine: r.fields.businessLine ?? null,
        product: r.fields.product ?? null,
        jrChannel: r.fields.jrChannel ?? null,
        jrBusinessCategory: r.fields.jrBusinessCategory ?? null,
        jrCause: r.fields.jrCause ?? null,
        customerRequest: r.fields.customerRequest ?? null,
        priority: r.fields.priority,
        amountInvolved: r.fields.amountInvolved ?? null,
        riskFlags: r.fields.riskFlags,
        titleMasked: r.title ? maskPii(unnamed(r.title)) : titleOf(masked),
        customerId,
        contactId: r.contactId ?? null,
        ownerId: r.ownerId,
        staffComplainedAbout: r.staffComplainedAbout,
        receivedAt: r.receivedAt,
        backDateReason: r.backDateReason ?? null,
        regulatorRef: r.regulatorRef ?? null,
        regulatorDeadline: r.regulatorDeadline ?? null,
        regulatoryDueAt: due?.dueAt ?? null,
        regulatoryDueProvisional: due?.provisional ?? false,
        regulatorySuspendedSince: null,
        newFactsAt: null,
        intakeIntegrationId: r.intakeIntegrationId ?? null,
        createdAt: now,
        updatedAt: now,
      };
      // The clocks are worked out first, so the row is inserted with their projection and its first event's number.
      const opening = this.sla.opening(prepared.clocks, values);
      const messageId = randomUUID();
      planned.push({
        ctx,
        r,
        row: { ...values, ...opening.projection, eventCount: 1 },
        searchTokens: `${number} ${indexTokens(unnamed(r.text))}`,
        message: {
          id: messageId,
          institutionId: r.institutionId,
          caseId: id,
          direction: 'inbound',
          channel: r.channel,
          bodySealed: this.deps.cipher.seal(r.text, `case_messages.body:${messageId}`),
          bodyMasked: masked,
          authorId: ctx.actor?.userId ?? null,
          createdAt: now,
        },
        clocks: opening.clocks,
        event: this.firstEvent(ctx, { id, institutionId: r.institutionId }, { reason: r.backDateReason ?? null, data: { channel: r.channel, number } }),
      });
      if (extra) {
        const rows = alongside.get(extra.table) ?? [];
        rows.push(extra.row({ id, number, institutionId: r.institutionId }));
        alongside.set(extra.table, rows);
      }
    }
    const created = await casesRepo.insertRegistered(tx, {
      cases: planned,
      messages: planned.map((p) => p.message),
      clocks: planned.flatMap((p) => p.clocks),
      events: planned.map((p) => p.event),
      alongside: [...alongside].map(([table, rows]) => ({ table, rows })),
    });
    for (const { ctx, r, row } of planned) {
      await this.audit.record(tx, ctx, r.institutionId, {
        action: 'case.create',
        objectType: 'case',
        objectId: row.id,
        scopePath: r.orgPath,
        after: { number: row.number, channel: r.channel, kind: r.kind, receivedAt: r.receivedAt.toISOString(), backDateReason: r.backDateReason ?? null },
      });
    }
    for (const hook of this.registrationHooks) await hook(tx, created);
    return created;
  }

  /** The customer of each registration: given, or named by the channel and found or created (together, per institution). */
  private async namedCustomers(tx: Db, items: readonly { ctx: RequestContext; r: Registration }[]): Promise<(string | null)[]> {
    const ids = items.map(({ r }) => r.customerId ?? null);
    for (const institutionId of new Set(items.filter(({ r }) => r.customer).map(({ r }) => r.institutionId))) {
      const naming = [...items.keys()].filter((k) => items[k]!.r.customer && items[k]!.r.institutionId === institutionId);
      const found = await this.customers.findOrCreateMany(
        tx,
        institutionId,
        naming.map((k) => ({ ctx: items[k]!.ctx, input: items[k]!.r.customer!, scopePath: items[k]!.r.orgPath })),
      );
      naming.forEach((k, j) => (ids[k] = found[j]!));
    }
    return ids;
  }

  /** The names to mask of each case's customer and contact (one look-up per institution). */
  private async namesByCase(tx: Db, cases: readonly { institutionId: string; customerId: string | null; contactId: string | null }[]): Promise<string[][]> {
    const names: string[][] = cases.map(() => []);
    for (const institutionId of new Set(cases.filter((x) => x.customerId || x.contactId).map((x) => x.institutionId))) {
      const ks = [...cases.keys()].filter((k) => cases[k]!.institutionId === institutionId);
      const found = await this.customers.namesToMask(tx, institutionId, ks.map((k) => cases[k]!));
      ks.forEach((k, j) => (names[k] = found[j]!));
    }
    return names;
  }

  /** A case triage has not read yet, with its words (the masked copy), or undefined. */
  async awaitingTriage(id: string): Promise<{ text: string; row: CaseRow } | undefined> {
    const found = await casesRepo.rowWithFirstWords(this.deps.db, id);
    if (!found || found.row.triagedAt) return undefined;
    return { text: found.firstWords ?? found.row.titleMasked, row: found.row };
  }

  /**
   * Writes what triage concluded: risk flags added, the priority raised (never lowered), the
   * sentiment, and the classification (fields set only where `classify` says so), with the
   * explanation on the timeline. Concurrent staff edits win: triage retries on the new version.
   * `extra` runs in the same transaction (the duplicate index and merge suggestions).
   */
  async applyTriage(w: TriageWrite, batch = new BatchMemo()): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // The row as triage read it first; after a concurrent edit, as it stands now.
      const row = attempt === 0 ? w.row : await casesRepo.rowById(this.deps.db, w.row.id);
      if (!row || row.triagedAt) return;
      const clocks = await this.clocksOf(batch, row.institutionId);
      if (await this.audit.transaction((tx) => this.writeTriage(tx, { ...w, row }, clocks))) return;
    }
  }

  /**
   * Writes the triage of several cases in one transaction (a batch of triage jobs): one commit
   * and one link of the audit chain for all of them. False, with nothing written, when one of
   * the cases changed since triage read it: then each is written on its own (applyTriage).
   */
  async applyTriageMany(writes: readonly TriageWrite[]): Promise<boolean> {
    const batch = new BatchMemo();
    // One order of row locks for every batch, so two batches never wait on each other in a circle.
    const ordered = [...writes].sort((a, b) => (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
    const clocks = new Map<string, ClockContext>();
    for (const w of ordered) clocks.set(w.row.institutionId, await this.clocksOf(batch, w.row.institutionId));
    return this.audit
      .transaction(async (tx) => {
        for (const w of ordered) if (!(await this.writeTriage(tx, w, clocks.get(w.row.institutionId)!))) throw new StaleInBatch();
        return true;
      })
      .catch((err: unknown) => {
        if (err instanceof StaleInBatch) return false;
        throw err;
      });
  }

  private clocksOf(batch: BatchMemo, institutionId: string): Promise<ClockContext> {
    return batch.get(`clocks:${institutionId}`, () => this.sla.context(institutionId));
  }

  /** One case's triage, in the caller's transaction; false when the case changed since `w.row` was read. */
  private async writeTriage(tx: Db, w: TriageWrite, cc: ClockContext): Promise<boolean> {
    const ctx: RequestContext = { ...systemContext('triage'), via: 'system:triage' };
    const { row, conclusion: t } = w;
    const priority = moreUrgent(row.priority as Priority, t.priority);
    const riskFlags = [...new Set([...row.riskFlags, ...t.riskFlags])];
    const c = w.classify?.(row);
    const after = await casesRepo.update(
      tx,
      row.id,
      row.version,
      {
        priority,
        riskFlags,
        sentimentLabel: t.sentimentLabel,
        negativeIntensity: t.negativeIntensity,
        triagedAt: this.deps.now(),
        triage: t.explanation,
        ...(c ? { ...c.set, classification: c.classification, triageReview: row.status === 'new' && c.review } : {}),
      },
      this.deps.now(),
    );
    if (!after) return false;
    // A raised priority may match a stricter SLA rule.
    if (after.priority !== row.priority) await this.sla.retarget(tx, cc, after);
    await this.event(tx, ctx, after, 'triaged', {
      data: { priority: { from: row.priority, to: priority }, riskFlags: t.riskFlags, sentiment: t.sentimentLabel, explanation: t.explanation, classification: c?.classification ?? null, review: c?.review ?? false },
    });
    await this.audit.record(tx, ctx, row.institutionId, {
      action: 'case.triage',
      objectType: 'case',
      objectId: row.id,
      scopePath: row.orgPath,
      before: { priority: row.priority, riskFlags: row.riskFlags, kind: row.kind, categoryId: row.categoryId, businessLine: row.businessLine, jrCause: row.jrCause },
      after: { priority, riskFlags, kind: after.kind, categoryId: after.categoryId, businessLine: after.businessLine, jrCause: after.jrCause, review: after.triageReview },
    });
    await w.extra?.(tx, after);
    for (const hook of this.changeHooks) await hook(tx, ctx, after);
    return true;
  }

  /**
   * After a business-calendar change, inside its transaction: recomputes the regulatory deadline
   * of every open case the change may move (all provisional ones, and those spanning `window`;
   * with 'all', after a change of rule set, every open case with a regulatory clock),
   * and for each one that moved or stopped being provisional writes a timeline event and an
   * audit entry. Returns how many changed. Call it before writing other audit entries in the
   * transaction (it locks the cases first; see regulatoryDueToRecompute).
   */
  async recomputeRegulatoryDue(tx: Db, ctx: RequestContext, institutionId: string, window: { from: Date; to: Date } | null | 'all', on: RegulatoryContext, reason: string): Promise<number> {
    const candidates = await casesRepo.regulatoryDueToRecompute(tx, institutionId, [...FINAL_STATUSES, 'answered', 'resolved'], window);
    let changed = 0;
    for (const row of candidates) {
      const r = await this.recomputeRegulatoryClock(tx, row, on);
      if (!r.changed) continue;
      await this.event(tx, ctx, row, 'regulatory_due_recomputed', { reason, data: { from: r.before, to: r.after } });
      await this.audit.record(tx, ctx, institutionId, { action: 'case.regulatory_due', objectType: 'case', objectId: row.id, scopePath: row.orgPath, before: r.before, after: r.after });
      changed++;
    }
    return changed;
  }

  /**
   * A staff member sets or corrects the classification (kind, content category, business line,
   * JR/T cause). Each changed field is returned as a correction; `extra` records them in the
   * same transaction. Reclassifying the kind recomputes the regulatory deadline (DESIGN.md §4).
   */
  async reclassify(
    ctx: RequestContext,
    id: string,
    req: TClassifyRequest,
    extra: (tx: Db, row: CaseRow, corrections: { field: ClassifiedField; before: string | null; after: string | null; predicted: FieldPrediction | null }[]) => Promise<void>,
  ): Promise<TCaseDetail> {
    const actor = requireActor(ctx);
    const { row } = await this.visible(actor, id);
    if (row.version !== req.version) throw staleVersion();
    if (FINAL_STATUSES.includes(row.status as never)) throw new AppError('conflict', `the case is ${row.status}`);
    if (req.categoryId && !(await this.categories.isSelectable(actor.institutionId, req.categoryId))) throw fieldError('categoryId', 'no such active category');
    // An answer is a complaint's (with its verdict and review window) or a reply to another kind:
    // once given, the case crosses between the two only after reopening for new facts.
    if (req.kind !== undefined && ANSWERED_STATUSES.includes(row.status) && isRegulatedKind(req.kind) !== isRegulatedKind(row.kind as CaseKind)) {
      throw new AppError('conflict', `the case was answered as ${row.kind}: reopen it for new facts before making it a ${req.kind}`, [
        { field: 'kind', message: 'an answered case changes between a complaint and another kind only after reopening for new facts' },
      ]);
    }
    const now = this.deps.now();
    const given: Partial<Record<ClassifiedField, string | null>> = {};
    if (req.kind !== undefined) given.kind = req.kind;
    if (req.categoryId !== undefined) given.category = req.categoryId;
    if (req.businessLine !== undefined) given.businessLine = req.businessLine;
    if (req.jrCause !== undefined) given.jrCause = req.jrCause;
    const current: Record<ClassifiedField, string | null> = { kind: row.kind, category: row.categoryId, businessLine: row.businessLine, jrCause: row.jrCause };
    const classification: Classification = { ...((row.classification as Classification | null) ?? {}) };
    const corrections: { field: ClassifiedField; before: string | null; after: string | null; predicted: FieldPrediction | null }[] = [];
    for (const [field, value] of Object.entries(given) as [ClassifiedField, string | null][]) {
      const predicted = classification[field] ?? null;
      if (value !== current[field]) corrections.push({ field, before: current[field], after: value, predicted: predicted?.source === 'person' ? null : predicted });
      if (value === null) delete classification[field];
      else classification[field] = { label: field === 'category' ? await this.categories.codeOf(actor.institutionId, value) : value, confidence: 1, source: 'person', modelVersion: null, terms: [], applied: true, at: now.toISOString() };
    }
    if (Object.keys(given).length === 0) throw fieldError('kind', 'give at least one field to classify');
    const set: Partial<CaseRow> = { classification, triageReview: false };
    if (given.kind !== undefined) {
      set.kind = given.kind!;
      set.kindSource = 'person';
      set.kindConfidence = null;
      // A person's kind decides the regulatory clock (a prediction alone never stopped it): it
      // stops for an inquiry, suggestion or praise and runs from receipt for a complaint, with
      // any extension, exclusion or new facts recorded meanwhile (recomputed in the transaction).
    }
    if (given.category !== undefined) set.categoryId = given.category;
    if (given.businessLine !== undefined) set.businessLine = given.businessLine;
    if (given.jrCause !== undefined) set.jrCause = given.jrCause;
    const on = given.kind !== undefined ? await this.regulatoryContext(row.institutionId) : undefined;
    await this.audit.transaction(async (tx) => {
      let after = await casesRepo.update(tx, id, req.version, set, now);
      if (!after) throw staleVersion();
      if (on) after = (await this.recomputeRegulatoryClock(tx, after, on)).row;
      await this.event(tx, ctx, after, 'classified', { reason: req.reason ?? null, data: { corrections, confirmed: Object.keys(given) } });
      await this.audit.record(tx, ctx, row.institutionId, {
        action: 'case.classify',
        objectType: 'case',
        objectId: id,
        scopePath: row.orgPath,
        before: Object.fromEntries(corrections.map((c) => [c.field, c.before])),
        after: { ...Object.fromEntries(corrections.map((c) => [c.field, c.after])), reason: req.reason ?? null, regulatoryDueAt: after.regulatoryDueAt?.toISOString() ?? null },
      });
      await extra(tx, after, corrections);
      for (const hook of this.changeHooks) await hook(tx, ctx, after);
    });
    return this.get(ctx, id);
  }

  /** A case the actor may see, or 404. */
  async visibleRow(actor: Actor, id: string): Promise<CaseRow> {
    return (await this.visible(actor, id)).row;
  }

  async list(ctx: RequestContext, q: TCaseListQuery): Promise<TCasePage> {
    const actor = requireActor(ctx);
    const filter = await this.listFilter(actor, q);
    // A search is not counted: with words that are rare in the actor's part of the tree, a
    // bounded count still reads most rows of that part (the planner takes the words' density
    // institution-wide); the page itself is found through the indexes.
    const found = await this.find(filter, q.limit, q.offset, filter.q ? 0 : CASE_COUNT_LIMIT);
    return { items: found.rows.map((r) => toSummary(r.case, r.customerName)), total: found.total, more: found.more };
  }

  /** The cases a filter matches; when a query finds nothing by number, title or words, titles close to it (a typo). */
  private async find(filter: CaseFilter, limit: number, offset: number, countUpTo: number) {
    const found = await casesRepo.list(this.deps.db, filter, limit, offset, countUpTo);
    if (found.rows.length > 0 || !filter.q || filter.q.raw.length < FUZZY_MIN_LENGTH) return found;
    // An empty later page is the end of the exact matches, unless there are none at all: then it
    // is a page of the similar titles (the first page of a typo's search showed those).
    if (offset > 0 && (await casesRepo.list(this.deps.db, filter, 1, 0, 0)).rows.length > 0) return found;
    return casesRepo.list(this.deps.db, { ...filter, q: { ...filter.q, fuzzy: true } }, limit, offset, countUpTo);
  }

  /**
   * The case list with its filters as CSV, every matching case up to CASE_EXPORT_LIMIT. The
   * customer's words come masked (ID numbers, mobiles, cards, USCCs, e-mails) unless the actor
   * may see personal data; an unmasked export is a personal-data read and audited as one.
   * Every export is audited with its filters and row count.
   */
  async exportCsv(ctx: RequestContext, q: TCaseExportQuery): Promise<{ filename: string; csv: string }> {
    const actor = requireActor(ctx);
    const { rows, more } = await this.find(await this.listFilter(actor, { ...q, limit: CASE_EXPORT_LIMIT, offset: 0 }), CASE_EXPORT_LIMIT, 0, CASE_EXPORT_LIMIT);
    if (more) {
      throw new AppError('unprocessable', `more than ${CASE_EXPORT_LIMIT} cases match; an export holds at most ${CASE_EXPORT_LIMIT}: narrow the filters`, [{ field: 'queue', message: 'too many cases to export' }]);
    }
    const unmask = actor.permissions.has('customers.read_pii');
    const first = await casesRepo.firstInbound(this.deps.db, rows.map((r) => r.case.id));
    const timeZone = await this.org.timeZone(actor.institutionId);
    // The institution's wall-clock time, as a spreadsheet shows it.
    const at = (d: Date | null) => {
      if (!d) return null;
      const t = civilDateTimeAt(d.getTime(), timeZone);
      return `${t.date} ${t.time}`;
    };
    const body = (m: CaseMessageRow | undefined) => (!m ? null : unmask ? this.deps.cipher.open(m.bodySealed, `case_messages.body:${m.id}`) : m.bodyMasked);
    const csv =
      CSV_BOM +
      toCsv(
        CASE_EXPORT_COLUMNS,
        rows.map(({ case: c, customerName }) => [
          c.number,
          c.status,
          c.kind,
          c.channel,
          c.priority,
          c.titleMasked,
          customerName,
          at(c.receivedAt),
          at(c.regulatoryDueAt),
          c.slaStatus,
          c.riskFlags.join(' '),
          body(first.get(c.id)),
        ]),
      );
    const ids = rows.map((r) => r.case.id);
    await this.audit.transaction(async (tx) => {
      const filters = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'case.export', objectType: 'case', objectId: null, scopePath: actor.orgPath, after: { format: 'csv', filters, rows: ids.length, masked: !unmask } });
      if (unmask && first.size > 0) {
        await this.audit.record(tx, ctx, actor.institutionId, { action: 'case.pii_read', objectType: 'case', objectId: null, scopePath: actor.orgPath, after: { export: 'csv', cases: [...first.keys()] } });
      }
    });
    const stamp = civilDateAt(this.deps.now().getTime(), timeZone);
    return { filename: `cases-${stamp}.csv`, csv };
  }

  /** The repository filter of a list query: the actor's subtree and grants, the queue and the filters. */
  private async listFilter(actor: Actor, q: TCaseListQuery) {
    const now = this.deps.now();
    const open = { excludeStatuses: [...FINAL_STATUSES, 'resolved'] };
    const queue = {
      all: {},
      open,
      mine: { ...open, assigneeId: actor.userId },
      team: { ...open, teamMemberId: actor.userId },
      unassigned: { statuses: ['new', 'accepted'], assigneeId: null },
      new: { statuses: ['new'] },
      triage: { statuses: ['new'], triageReview: true },
      // Due soon and not yet overdue: the overdue queue holds those.
      due_soon: {
        ...open,
        excludeStatuses: [...open.excludeStatuses, 'answered'],
        dueBefore: { regulatory: new Date(now.getTime() + 3 * DAY_MS), sla: new Date(now.getTime() + SLA_SOON_MS) },
        notOverdueAt: now,
      },
      overdue: { ...open, excludeStatuses: [...open.excludeStatuses, 'answered'], dueBefore: { regulatory: now, sla: now } },
      awaiting_customer: { statuses: ['awaiting_customer'] },
      review_window_open: { statuses: ['answered', 'resolved', 'closed'], reviewWindowOpenAt: now },
      under_review: { reviewDueBefore: null },
      review_due_soon: { reviewDueBefore: new Date(now.getTime() + 3 * DAY_MS) },
    }[q.queue];
    if (q.status && !QUEUE_STATUSES[q.queue].includes(q.status)) throw fieldError('status', `the ${q.queue} queue holds no ${q.status} cases`);
    return {
        institutionId: actor.institutionId,
        underPath: actor.orgPath,
        grantedIds: await this.access.grantedIds(actor, 'case'),
        ...queue,
        // My and my team's queues: open cases until a status is chosen, then ours in it (QUEUE_STATUSES).
        ...(q.status ? { statuses: [q.status], ...(q.queue === 'mine' || q.queue === 'team' ? { excludeStatuses: undefined } : {}) } : {}),
        kind: q.kind,
        channel: q.channel,
        priority: q.priority,
        customerId: q.customerId,
        q: q.q ? { raw: q.q, tokens: queryTokens(q.q), fuzzy: false } : undefined,
    } satisfies CaseFilter;
  }

  /** What a reply template may say about a case: nothing personal (an individual customer's name is left for the writer). */
  async templateValues(
    ctx: RequestContext,
    id: string,
    locale: TemplateLocale,
    draft: { outcome?: DecisionOutcome } = {},
  ): Promise<Partial<Record<TemplateVariable, string>>> {
    const actor = requireActor(ctx);
    const { row, customerName, customerType } = await this.visible(actor, id);
    const date = (at: Date) => this.clocks.civilDate(row.institutionId, at);
    const outcomes: Record<string, [string, string]> = { upheld: ['投诉成立', 'upheld'], partly_upheld: ['投诉部分成立', 'partly upheld'], not_upheld: ['投诉不成立', 'not upheld'] };
    // The outcome of a decision being written, else the one recorded.
    const outcome = draft.outcome ?? (row.decision as { outcome?: string } | null)?.outcome;
    return {
      institutionName: await this.org.institutionName(row.institutionId),
      caseNumber: row.number,
      // An enterprise's name is not personal data; an individual's is, and stays a blank (【请填写客户姓名】)
      // for the writer: the letter's stored text is read by everyone on the case.
      customerName: customerType === 'individual' ? undefined : (customerName ?? (locale === 'zh-CN' ? '客户' : 'customer')),
      receivedDate: await date(row.receivedAt),
      // The deadline is the end (24:00) of its day: the day is the one just before that instant.
      dueDate: row.regulatoryDueAt ? await date(new Date(row.regulatoryDueAt.getTime() - 1)) : undefined,
      decisionOutcome: outcome ? outcomes[outcome]?.[locale === 'zh-CN' ? 0 : 1] : undefined,
      // The window of the rule set in use; none where it has no review (a template then leaves the clause out).
      reviewWindowDays: ((days) => (days === null ? undefined : String(days)))(reviewWindowDays(await this.clocks.ruleSetFor(row.institutionId))),
      today: await date(this.deps.now()),
    };
  }

  /** What the acknowledgement notice of the institution's cases needs besides the case (read outside any transaction). */
  async acknowledgementContext(institutionId: string): Promise<AcknowledgementContext> {
    const [timeZone, institutionName, ruleSet] = await Promise.all([this.org.timeZone(institutionId), this.org.institutionName(institutionId), this.clocks.ruleSetFor(institutionId)]);
    return { timeZone, institutionName, reviewWindowDays: reviewWindowDays(ruleSet) };
  }

  /**
   * Queues the customer's acknowledgement notice (登记回执) in the outbox, in the caller's
   * transaction: triage calls it once it has classified the case, so the notice carries the
   * kind and the regulatory deadline as they stand after triage. Once per case: a notice already
   * queued is not queued again. A case without a customer has no one to send it to (the intake
   * response already gave the channel the number and the deadline). Returns whether it queued one.
   */
  async queueAcknowledgement(tx: Db, row: CaseRow, locale: TemplateLocale, context: AcknowledgementContext): Promise<boolean> {
    if (!row.customerId) return false;
    if (await casesRepo.hasNotice(tx, row.id, ACKNOWLEDGEMENT_TEMPLATE_KEY)) return false;
    const date = (at: Date) => civilDateAt(at.getTime(), context.timeZone);
    const notice = await this.notifications.enqueue(tx, {
      institutionId: row.institutionId,
      recipientType: 'customer',
      recipientId: row.customerId,
      templateKey: ACKNOWLEDGEMENT_TEMPLATE_KEY,
      locale,
      // The values of the reply template it is worded by; nothing personal (delivery addresses the customer).
      payload: {
        templateCode: ACKNOWLEDGEMENT_TEMPLATE_CODE,
        caseId: row.id,
        caseNumber: row.number,
        kind: row.kind,
        contactId: row.contactId,
        institutionName: context.institutionName,
        receivedAt: row.receivedAt.toISOString(),
        receivedDate: date(row.receivedAt),
        regulatoryDueAt: row.regulatoryDueAt?.toISOString() ?? null,
        // The deadline is the end (24:00) of its day: the day is the one just before that instant.
        dueDate: row.regulatoryDueAt ? date(new Date(row.regulatoryDueAt.getTime() - 1)) : null,
        dueProvisional: row.regulatoryDueProvisional,
        // Only a complaint's decision may be reviewed (核查): the notice of any other kind says nothing of one.
        reviewWindowDays: isRegulatedKind(row.kind as CaseKind) ? context.reviewWindowDays : null,
      },
      caseId: row.id,
    });
    const ctx: RequestContext = { ...systemContext('triage'), via: 'system:triage' };
    await this.audit.record(tx, ctx, row.institutionId, {
      action: 'case.acknowledgement_queue',
      objectType: 'case',
      objectId: row.id,
      scopePath: row.orgPath,
      after: { noticeId: notice.id, templateKey: ACKNOWLEDGEMENT_TEMPLATE_KEY, locale, recipientType: 'customer' },
    });
    return true;
  }

  /** The acknowledgement of an existing case (an intake retry gets the first answer again). */
  async ackFor(institutionId: string, caseId: string): Promise<TIntakeAck> {
    const found = await casesRepo.byId(this.deps.db, institutionId, caseId);
    if (!found) throw new AppError('internal', 'an intake request points at a missing case');
    return ackOf(found.case, true);
  }

  /** A case with its words, timeline and sub-tasks. Unmasked text is a personal-data read, and audited. */
  async get(ctx: RequestContext, id: string): Promise<TCaseDetail> {
    const actor = requireActor(ctx);
    const { row, customerName } = await this.visible(actor, id);
    const [messages, events, tasks, clocks] = await Promise.all([
      casesRepo.messages(this.deps.db, id),
      casesRepo.events(this.deps.db, id),
      casesRepo.tasks(this.deps.db, id),
      this.sla.view(this.deps.db, row),
    ]);
    const unmask = actor.permissions.has('customers.read_pii');
    if (unmask && (messages.length > 0 || row.decision)) {
      await this.audit.transaction((tx) =>
        this.audit.record(tx, ctx, actor.institutionId, { action: 'case.pii_read', objectType: 'case', objectId: id, scopePath: row.orgPath, after: { messages: messages.length, decisionLetter: row.decision !== null } }),
      );
    }
    return {
      ...toSummary(row, customerName),
      ...detailFields(row),
      ...this.decisionAsRead(row, unmask),
      messages: messages.map((m) => this.toMessage(m, unmask)),
      events: events.map(toEvent),
      tasks: tasks.map(toTask),
      availableActions: actor.permissions.has('cases.work') ? availableActions(await this.facts(row), actor) : [],
      clocks,
    };
  }

  /**
   * Takes a lifecycle action, as the transition table allows, with the version the caller saw.
   * `extra` runs inside its transaction after it (a bulk assignment to a team records the team).
   */
  async transition(ctx: RequestContext, id: string, req: TTransitionRequest, extra?: (tx: Db, row: CaseRow) => Promise<void>, options: TransitionOptions = {}): Promise<TCaseDetail> {
    const actor = requireActor(ctx);
    const { row } = await this.visible(actor, id);
    if (row.version !== req.version) throw staleVersion();
    const now = this.deps.now();
    const reviewRequest = req.action === 'reopen' && req.reopenKind === 'review_request';
    const requestReceivedAt = options.requestReceivedAt ?? now;
    const verdict = decideTransition(req.action, await this.facts(row), actor, { ...req, requestReceivedAt }, now, DEFAULT_LIFECYCLE_POLICY);
    if (!verdict.ok) {
      if (verdict.code === 'forbidden') throw new AppError('forbidden', verdict.message);
      if (verdict.code === 'invalid_transition') throw new AppError('conflict', verdict.message, [{ field: 'action', message: verdict.message }]);
      throw fieldError(verdict.field ?? 'action', verdict.message);
    }
    const set: Partial<CaseRow> = { status: verdict.to };
    const eventData: Record<string, unknown> = {};
    switch (req.action) {
      case 'assign': {
        const target = await this.assignee(actor, row, req.assigneeId!);
        set.assigneeId = target.id;
        if (target.moveTo) Object.assign(set, target.moveTo);
        eventData.assigneeId = target.id;
        eventData.previousAssigneeId = row.assigneeId;
        break;
      }
      case 'answer': {
        // The letter as sent is sealed; the row keeps a copy with personal data masked.
        set.decision = { ...req.decision!, letter: (await this.maskerFor(row))(req.decision!.letter) };
        set.decisionLetterSealed = this.deps.cipher.seal(req.decision!.letter, letterAad(id));
        set.decidedAt = now;
        set.decisionReceivedAt = req.decisionReceivedAt ? new Date(req.decisionReceivedAt) : null;
        // The customer's receipt of a complaint's decision starts the 核查 window, counted on the
        // business calendar (Art. 20); the answer to an inquiry, suggestion or praise opens none.
        const window = set.decisionReceivedAt && isRegulatedKind(row.kind as CaseKind) ? await this.clocks.reviewWindowEnd(row.institutionId, set.decisionReceivedAt) : null;
        set.reviewWindowEndsAt = window?.dueAt ?? null;
        set.reviewWindowProvisional = window?.provisional ?? false;
        if (req.decision!.outcome) eventData.outcome = req.decision!.outcome;
        eventData.remedies = req.decision!.remedies;
        break;
      }
      case 'resolve':
        set.resolvedAt = now;
        eventData.resolution = req.resolution;
        break;
      case 'close':
        set.closedAt = now;
        break;
      case 'reopen':
        eventData.reopenKind = req.reopenKind;
        if (reviewRequest) eventData.requestReceivedAt = requestReceivedAt.toISOString();
        set.resolvedAt = null;
        set.closedAt = null;
        // A major case's new answer goes before the expert panel again.
        set.expertReviewDone = false;
        break;
      case 'merge': {
        const target = await this.mergeTarget(actor, row, req.targetCaseId!);
        set.mergedIntoId = target.id;
        eventData.targetCaseId = target.id;
        eventData.targetNumber = target.number;
        break;
      }
      default:
        break;
    }
    const clocks = await this.sla.context(row.institutionId);
    const recordReview = reviewRequest && this.reviewHook ? await this.reviewHook.prepare(ctx, row, requestReceivedAt, req.reason ?? '') : undefined;
    const updated = await this.audit.transaction(async (tx) => {
      if (req.action === 'answer' && (await casesRepo.countOpenBlocking(tx, id)) > 0) {
        throw fieldError('tasks', 'a blocking sub-task was opened meanwhile');
      }
      const after = await casesRepo.update(tx, id, req.version, set, now);
      if (!after) throw staleVersion();
      await this.sla.onTransition(tx, clocks, row, after, req.action);
      await this.event(tx, ctx, after, req.action, { fromStatus: row.status, toStatus: after.status, reason: req.reason ?? null, data: eventData });
      if (req.action === 'merge') await this.completeMerge(tx, ctx, after, req.targetCaseId!);
      await this.audit.record(tx, ctx, actor.institutionId, {
        action: `case.${req.action}`,
        objectType: 'case',
        objectId: id,
        scopePath: after.orgPath,
        before: { status: row.status, assigneeId: row.assigneeId },
        after: { status: after.status, assigneeId: after.assigneeId, reason: req.reason ?? null, ...eventData },
      });
      await recordReview?.(tx, after);
      if (req.action === 'accept') for (const hook of this.acceptHooks) await hook(tx, ctx, after);
      await extra?.(tx, after);
      return after;
    });
    if (req.action === 'split') await this.split(ctx, updated, req);
    return this.get(ctx, id);
  }

  /**
   * Records when the customer received the decision, where the answer did not: once, by the
   * handler or a supervisor, not before the decision nor in the future. For a complaint it opens
   * the review (核查) window, counted on the business calendar from then.
   */
  async recordDecisionReceipt(ctx: RequestContext, id: string, req: TDecisionReceiptRequest): Promise<TCaseDetail> {
    const actor = requireActor(ctx);
    const { row } = await this.visible(actor, id);
    if (row.version !== req.version) throw staleVersion();
    if (!row.decidedAt || !['answered', 'resolved', 'closed'].includes(row.status)) throw new AppError('conflict', 'the case has no decision sent to record the receipt of');
    if (row.decisionReceivedAt) throw new AppError('conflict', 'the customer’s receipt of the decision is already recorded');
    if (row.assigneeId !== actor.userId && !actor.roles.some((r) => ['team_lead', 'branch_manager', 'consumer_protection'].includes(r))) {
      throw new AppError('forbidden', 'only the assigned handler or a supervisor may do this');
    }
    const receivedAt = new Date(req.receivedAt);
    const now = this.deps.now();
    if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw fieldError('receivedAt', 'the receipt time is in the future');
    if (receivedAt < row.decidedAt) throw fieldError('receivedAt', 'the customer cannot have received the decision before it was sent');
    const window = isRegulatedKind(row.kind as CaseKind) ? await this.clocks.reviewWindowEnd(row.institutionId, receivedAt) : null;
    await this.audit.transaction(async (tx) => {
      const after = await casesRepo.update(tx, id, req.version, { decisionReceivedAt: receivedAt, reviewWindowEndsAt: window?.dueAt ?? null, reviewWindowProvisional: window?.provisional ?? false }, now);
      if (!after) throw staleVersion();
      const data = { receivedAt: receivedAt.toISOString(), reviewWindowEndsAt: window?.dueAt.toISOString() ?? null };
      await this.event(tx, ctx, after, 'decision_received', { data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.decision_receipt', objectType: 'case', objectId: id, scopePath: row.orgPath, before: { decisionReceivedAt: null }, after: data });
    });
    return this.get(ctx, id);
  }

  /** Adds what the customer said, what they were told, or an internal note. */
  async addMessage(ctx: RequestContext, id: string, input: { direction: 'inbound' | 'outbound' | 'internal'; body: string; channel?: Channel }): Promise<TCaseDetail> {
    const actor = requireActor(ctx);
    const { row } = await this.visible(actor, id);
    if (FINAL_STATUSES.includes(row.status as never) && row.status !== 'closed') throw new AppError('conflict', `the case is ${row.status}`);
    const clocks = await this.sla.context(row.institutionId);
    const unnamed = await this.namesMaskerFor(row);
    await this.audit.transaction(async (tx) => {
      const messageId = randomUUID();
      await casesRepo.insertMessage(tx, {
        id: messageId,
        institutionId: row.institutionId,
        caseId: id,
        direction: input.direction,
        channel: input.channel ?? row.channel,
        bodySealed: this.deps.cipher.seal(input.body, `case_messages.body:${messageId}`),
        bodyMasked: maskPii(unnamed(input.body)),
        authorId: actor.userId,
        createdAt: this.deps.now(),
      });
      if (input.direction !== 'internal') await casesRepo.extendSearch(tx, id, indexTokens(unnamed(input.body)));
      await this.sla.onMessage(tx, clocks, row, input.direction);
      await this.event(tx, ctx, row, `message.${input.direction}`, { data: { messageId } });
      await this.audit.record(tx, ctx, row.institutionId, { action: `case.message_${input.direction}`, objectType: 'case', objectId: id, scopePath: row.orgPath, after: { messageId } });
    });
    return this.get(ctx, id);
  }

  /** Asks a department for work on the case (risk, legal, credit approval, the business line). */
  async createTask(ctx: RequestContext, id: string, input: { orgUnitId: string; ownerId?: string | null; title: string; dueAt?: string | null; blocking: boolean }): Promise<TCaseDetail> {
    const actor = requireActor(ctx);
    const { row } = await this.visible(actor, id);
    if (FINAL_STATUSES.includes(row.status as never)) throw new AppError('conflict', `the case is ${row.status}`);
    const unit = await this.org.unitInInstitution(actor.institutionId, input.orgUnitId);
    if (!unit) throw fieldError('orgUnitId', 'no such department');
    const [owner] = input.ownerId ? await this.users.activeWithPaths(actor.institutionId, [input.ownerId]) : [];
    if (input.ownerId && !owner) throw fieldError('ownerId', 'no such active staff member');
    // The owner works in the department the sub-task goes to (or a unit below it).
    if (owner && !owner.path.startsWith(unit.path)) throw fieldError('ownerId', 'the owner is not in the department of the sub-task');
    await this.audit.transaction(async (tx) => {
      const task = await casesRepo.insertTask(tx, {
        id: randomUUID(),
        institutionId: row.institutionId,
        caseId: id,
        orgUnitId: unit.id,
        ownerId: input.ownerId ?? null,
        title: input.title,
        dueAt: input.dueAt ? new Date(input.dueAt) : null,
        blocking: input.blocking,
        status: 'open',
        createdBy: actor.userId,
        createdAt: this.deps.now(),
      });
      await this.event(tx, ctx, row, 'task.created', { data: { taskId: task.id, title: task.title, blocking: task.blocking, orgUnitId: task.orgUnitId } });
      // The owner of a sub-task in another department sees this one case, no more (DESIGN.md §3).
      if (owner && !row.orgPath.startsWith(owner.path)) {
        await this.access.grantWithin(tx, ctx, { userId: owner.id, objectType: 'case', objectId: id, purpose: 'subtask_owner', reason: `sub-task: ${task.title}`, scopePath: row.orgPath });
      }
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.task_create', objectType: 'case', objectId: id, scopePath: row.orgPath, after: toTask(task) });
    });
    return this.get(ctx, id);
  }

  async completeTask(ctx: RequestContext, id: string, taskId: string, input: { version: number; status: 'done' | 'cancelled'; result: string }): Promise<TCaseDetail> {
    const actor = requireActor(ctx);
    const { row } = await this.visible(actor, id);
    const task = await casesRepo.taskById(this.deps.db, id, taskId);
    if (!task) throw new AppError('not_found', 'no such sub-task');
    if (task.status !== 'open') throw new AppError('conflict', `the sub-task is already ${task.status}`);
    if (task.ownerId && task.ownerId !== actor.userId && !actor.roles.some((r) => ['team_lead', 'branch_manager', 'consumer_protection'].includes(r))) {
      throw new AppError('forbidden', 'only the sub-task’s owner or a supervisor may complete it');
    }
    await this.audit.transaction(async (tx) => {
      const done = await casesRepo.updateTask(tx, taskId, input.version, { status: input.status, result: input.result, completedAt: this.deps.now() });
      if (!done) throw staleVersion();
      await this.event(tx, ctx, row, `task.${input.status}`, { data: { taskId, result: input.result } });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.task_complete', objectType: 'case', objectId: id, scopePath: row.orgPath, after: toTask(done) });
    });
    return this.get(ctx, id);
  }

  /** A new version of a case inside the caller's transaction (the regulatory actions record new facts this way); 409 when stale. */
  async updateWithin(tx: Db, id: string, version: number, set: Pick<Partial<CaseRow>, 'newFactsAt'> = {}): Promise<CaseRow> {
    const after = await casesRepo.update(tx, id, version, set, this.deps.now());
    if (!after) throw staleVersion();
    return after;
  }

  /** A case row read in the caller's transaction (a worker that claimed work on it). */
  rowWithin(tx: Db, id: string): Promise<CaseRow | undefined> {
    return casesRepo.rowById(tx, id);
  }

  /** A clock level on the timeline, written by the deadline worker in its transaction. */
  async appendClockEvent(tx: Db, ctx: RequestContext, row: Pick<CaseRow, 'id' | 'institutionId'>, type: string, data: unknown): Promise<void> {
    await this.event(tx, ctx, row, type, { data });
  }

  /**
   * Moves a case to the next person up the escalation chain, in the worker's transaction:
   * a new version (an open editor gets 409), the timeline and the audit trail say why.
   */
  async escalateTo(tx: Db, ctx: RequestContext, id: string, assigneeId: string, because: { clock: string; level: string }): Promise<CaseRow | undefined> {
    const row = await casesRepo.lock(tx, id);
    if (!row || row.assigneeId === assigneeId) return undefined;
    const after = await casesRepo.update(tx, id, row.version, { assigneeId }, this.deps.now());
    if (!after) return undefined;
    const data = { assigneeId, previousAssigneeId: row.assigneeId, ...because };
    await this.event(tx, ctx, after, 'escalated', { reason: `${because.clock} ${because.level}`, data });
    await this.audit.record(tx, ctx, row.institutionId, {
      action: 'case.escalate',
      objectType: 'case',
      objectId: id,
      scopePath: after.orgPath,
      before: { assigneeId: row.assigneeId },
      after: data,
    });
    return after;
  }

  /** The org path of a case the actor may manage (grants on cases are scoped by it). */
  async pathInScope(actor: Actor, id: string): Promise<string | undefined> {
    const found = await casesRepo.byId(this.deps.db, actor.institutionId, id);
    return found && this.access.inSubtree(actor, found.case.orgPath) ? found.case.orgPath : undefined;
  }

  /** The case, when the actor may see it (their subtree or a grant); else 404. */
  /** A case the actor may see, with its customer's display name and type (enterprise or individual). */
  async visible(actor: Actor, id: string): Promise<{ row: CaseRow; customerName: string | null; customerType: string | null }> {
    const found = await casesRepo.byId(this.deps.db, actor.institutionId, id);
    if (!found || !(await this.access.canSee(actor, 'case', id, found.case.orgPath))) throw new AppError('not_found', 'no such case');
    return { row: found.case, customerName: found.customerName, customerType: found.customerType };
  }

  private async facts(row: CaseRow): Promise<CaseFacts> {
    const more = await Promise.all(this.factsSources.map((source) => source(row)));
    return {
      ...Object.assign({}, ...more),
      status: row.status as CaseFacts['status'],
      kind: row.kind as CaseKind,
      assigneeId: row.assigneeId,
      decisionReceivedAt: row.decisionReceivedAt,
      reviewWindowEndsAt: row.reviewWindowEndsAt,
      openBlockingTasks: await casesRepo.countOpenBlocking(this.deps.db, row.id),
      major: row.major,
      expertReviewDone: row.expertReviewDone,
      recusedUserIds: row.staffComplainedAbout.length > 0 ? await this.users.recusedFor(row.institutionId, row.staffComplainedAbout) : [],
    };
  }

  /**
   * The person to assign: active, a case-working role, and placed where they can see the case.
   * Assigning to someone elsewhere in the assigner's own subtree moves the case to their unit.
   */
  private async assignee(actor: Actor, row: CaseRow, assigneeId: string): Promise<{ id: string; moveTo?: { orgUnitId: string; orgPath: string } }> {
    const [person] = await this.users.activeWithPaths(actor.institutionId, [assigneeId]);
    if (!person || !person.roles.some((r) => ['handler', 'team_lead', 'branch_manager', 'consumer_protection'].includes(r))) {
      throw fieldError('assigneeId', 'no such active case handler');
    }
    if (row.orgPath.startsWith(person.path)) return { id: person.id };
    if (this.access.inSubtree(actor, person.path)) {
      return { id: person.id, moveTo: { orgUnitId: person.orgUnitId, orgPath: person.path } };
    }
    throw fieldError('assigneeId', 'this person works outside your part of the organisation; ask their manager or grant them access');
  }

  private async mergeTarget(actor: Actor, row: CaseRow, targetId: string): Promise<CaseRow> {
    if (targetId === row.id) throw fieldError('targetCaseId', 'a case cannot be merged into itself');
    const target = await casesRepo.byId(this.deps.db, actor.institutionId, targetId);
    if (!target || !(await this.access.canSee(actor, 'case', targetId, target.case.orgPath))) throw fieldError('targetCaseId', 'no such case');
    if (FINAL_STATUSES.includes(target.case.status as never)) throw fieldError('targetCaseId', `the target case is ${target.case.status}`);
    return target.case;
  }

  /** The merged case's words follow it; both timelines say so. */
  private async completeMerge(tx: Db, ctx: RequestContext, merged: CaseRow, targetId: string): Promise<void> {
    await casesRepo.moveMessages(tx, merged.id, targetId);
    const [target] = await Promise.all([casesRepo.lock(tx, targetId)]);
    if (!target) throw fieldError('targetCaseId', 'no such case');
    await this.event(tx, ctx, target, 'merged_in', { data: { caseId: merged.id, number: merged.number } });
  }

  /** A split: part of the matter becomes a case of its own, pointing back at this one. */
  private async split(ctx: RequestContext, source: CaseRow, req: TTransitionRequest): Promise<void> {
    if (!req.splitText) throw fieldError('splitText', 'give the part of the matter that becomes its own case');
    await this.register(
      ctx,
      {
        institutionId: source.institutionId,
        orgUnitId: source.orgUnitId,
        orgPath: source.orgPath,
        channel: source.channel as Channel,
        kind: source.kind as CaseKind,
        text: req.splitText,
        fields: { priority: source.priority as TCaseSummary['priority'], riskFlags: [] },
        receivedAt: source.receivedAt,
        customerId: source.customerId,
        contactId: source.contactId,
        ownerId: requireActor(ctx).userId,
        staffComplainedAbout: source.staffComplainedAbout,
      },
      async (tx, created) => {
        await casesRepo.update(tx, created.id, created.version, { splitFromId: source.id }, this.deps.now());
        await this.event(tx, ctx, source, 'split_out', { data: { caseId: created.id, number: created.number } });
      },
    );
  }

  /** The 'registered' event of a case inserted with `eventCount: 1`: its number is known, no counter update. */
  private firstEvent(ctx: RequestContext, row: Pick<CaseRow, 'id' | 'institutionId'>, e: { reason: string | null; data: unknown }) {
    return {
      caseId: row.id,
      seq: 1,
      institutionId: row.institutionId,
      at: this.deps.now(),
      actorId: ctx.actor?.userId ?? null,
      type: 'registered',
      fromStatus: null,
      toStatus: 'new',
      reason: e.reason,
      data: e.data,
    };
  }

  /** Appends to the case timeline, in the caller's transaction. */
  async event(
    tx: Db,
    ctx: RequestContext,
    row: Pick<CaseRow, 'id' | 'institutionId'>,
    type: string,
    e: { fromStatus?: string | null; toStatus?: string | null; reason?: string | null; data?: unknown },
  ): Promise<void> {
    await casesRepo.appendEvent(tx, {
      caseId: row.id,
      institutionId: row.institutionId,
      at: this.deps.now(),
      actorId: ctx.actor?.userId ?? null,
      type,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      reason: e.reason ?? null,
      data: e.data ?? null,
    });
  }

  /** Masks the names of the people behind this case's customer (an individual, a legal representative, the contact) in a text. */
  async namesMaskerFor(row: Pick<CaseRow, 'institutionId' | 'customerId' | 'contactId'>): Promise<(text: string) => string> {
    const [names] = await this.customers.namesToMask(this.deps.db, row.institutionId, [row]);
    return namesMasker(names!);
  }

  /** The masked copy of a text of this case: its personal data and the names of the people behind its customer masked. */
  async maskerFor(row: Pick<CaseRow, 'institutionId' | 'customerId' | 'contactId'>): Promise<(text: string) => string> {
    const unnamed = await this.namesMaskerFor(row);
    return (text) => maskPii(unnamed(text));
  }

  /** The decision with its letter as sent, for staff who may read personal data; masked for the rest. */
  private decisionAsRead(row: CaseRow, unmask: boolean): Pick<TCaseDetail, 'decision' | 'decisionMasked'> {
    const decision = row.decision as TCaseDetail['decision'];
    if (!decision) return { decision: null, decisionMasked: false };
    const { letter, masked } = letterAsRead(this.deps.cipher, decision.letter, row.decisionLetterSealed, letterAad(row.id), unmask);
    return { decision: { ...decision, letter }, decisionMasked: masked };
  }

  /**
   * Seals the decision letters written before letters were sealed, keeping a masked copy in the
   * row (start-up; pages of `pageSize`, each its own transaction). Returns how many it sealed.
   */
  sealLegacyLetters(pageSize = 500): Promise<number> {
    return this.sealLegacy(
      { what: 'decision letters', page: casesRepo.unsealedLetters, aad: (r) => letterAad(r.id), store: (tx, r, decision, sealed) => casesRepo.sealLetter(tx, r.id, decision, sealed) },
      pageSize,
    );
  }

  /**
   * Seals letters stored in the clear (decisions, the panel's drafts): each is sealed beside its
   * row, and the row keeps a copy with the personal data and the customer's names masked. Pages
   * of `pageSize`, each its own transaction; returns how many it sealed.
   */
  async sealLegacy<R extends UnsealedLetter>(source: UnsealedLetters<R>, pageSize = 500): Promise<number> {
    let sealed = 0;
    for (;;) {
      const rows = await source.page(this.deps.db, pageSize);
      if (rows.length === 0) break;
      const masks = await Promise.all(rows.map((r) => this.maskerFor(r)));
      await this.audit.transaction(async (tx) => {
        for (const [i, r] of rows.entries()) {
          const decision = r.decision as { letter?: unknown };
          const letter = typeof decision.letter === 'string' ? decision.letter : '';
          await source.store(tx, r, { ...decision, letter: masks[i]!(letter) }, this.deps.cipher.seal(letter, source.aad(r)));
        }
      });
      sealed += rows.length;
      await this.deps.giveWay();
    }
    if (sealed > 0) this.deps.log.info({ sealed }, `${source.what} sealed`);
    return sealed;
  }

  private toMessage(m: CaseMessageRow, unmask: boolean) {
    return {
      id: m.id,
      direction: m.direction as 'inbound' | 'outbound' | 'internal',
      channel: m.channel,
      body: unmask ? this.deps.cipher.open(m.bodySealed, `case_messages.body:${m.id}`) : m.bodyMasked,
      bodyMasked: !unmask,
      authorId: m.authorId,
      createdAt: m.createdAt.toISOString(),
    };
  }
}

/**
 * The rules of staff entry that need no database, every broken one at once: bulk import
 * reports them row by row, intakeByStaff refuses with the first.
 */
export function staffEntryProblems(
  input: Pick<TStaffIntakeRequest, 'channel' | 'regulatorRef' | 'receivedAt' | 'backDateReason'>,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!OFFLINE_CHANNELS.includes(input.channel)) {
    problems.push({ field: 'channel', message: `staff register offline channels (${OFFLINE_CHANNELS.join(', ')}); online channels arrive through their integration` });
  }
  if (input.channel === 'regulator_referral' && !input.regulatorRef) {
    problems.push({ field: 'regulatorRef', message: 'a regulator referral needs the regulator’s reference number' });
  }
  const when = receivedAtProblem(input.receivedAt, input.backDateReason, now);
  if (when) problems.push(when);
  return problems;
}

/** A receipt time: now by default; in the past only with a reason; never in the future. */
function receivedAtProblem(given: string | undefined, backDateReason: string | null | undefined, now: Date): FieldProblem | undefined {
  if (!given) return undefined;
  const at = new Date(given).getTime();
  if (at > now.getTime() + CLOCK_SKEW_MS) return { field: 'receivedAt', message: 'the receipt time is in the future' };
  if (at < now.getTime() - BACK_DATING_MS && !backDateReason) {
    return { field: 'backDateReason', message: 'a receipt time in the past needs a reason (postmark, referral date, …)' };
  }
  return undefined;
}

/**
 * A registration from a staff member's entry (typed or imported): their unit receives it and
 * they own it until it is assigned (首问负责).
 */
export function staffRegistration(
  actor: Pick<Actor, 'institutionId' | 'userId'>,
  unit: { id: string; path: string },
  input: Omit<TStaffIntakeRequest, 'receivedAt' | 'staffComplainedAbout'>,
  receivedAt: Date,
): Registration {
  return {
    institutionId: actor.institutionId,
    orgUnitId: unit.id,
    orgPath: unit.path,
    channel: input.channel,
    kind: input.kind,
    text: input.text,
    title: input.title,
    fields: input,
    receivedAt,
    backDateReason: input.backDateReason,
    ownerId: actor.userId,
    staffComplainedAbout: [],
    regulatorRef: input.regulatorRef,
    regulatorDeadline: input.regulatorDeadline ? new Date(input.regulatorDeadline) : null,
  };
}

/** The shortest query that is also matched fuzzily against titles (trigram similarity needs a few characters). */
const FUZZY_MIN_LENGTH = 3;

function titleOf(maskedText: string): string {
  const oneLine = maskedText.replace(/\s+/g, ' ').trim();
  return oneLine.length <= TITLE_LENGTH ? oneLine : `${[...oneLine].slice(0, TITLE_LENGTH).join('')}…`;
}

function fieldError(field: string, message: string): AppError {
  return new AppError('unprocessable', message, [{ field, message }]);
}

function staleVersion(): AppError {
  return new AppError('stale_version', 'the case was changed by someone else; reload and try again');
}

function storedDue(row: CaseRow): StoredRegulatoryDue {
  return { regulatoryDueAt: row.regulatoryDueAt?.toISOString() ?? null, provisional: row.regulatoryDueProvisional, suspendedSince: row.regulatorySuspendedSince?.toISOString() ?? null };
}

export function ackOf(row: CaseRow, duplicateOfRequest: boolean): TIntakeAck {
  return {
    caseId: row.id,
    number: row.number,
    status: row.status as TIntakeAck['status'],
    receivedAt: row.receivedAt.toISOString(),
    regulatoryDueAt: row.regulatoryDueAt?.toISOString() ?? null,
    regulatoryDueProvisional: row.regulatoryDueProvisional,
    duplicateOfRequest,
  };
}

function toSummary(r: CaseSummaryRow, customerName: string | null): TCaseSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status as TCaseSummary['status'],
    kind: r.kind as TCaseSummary['kind'],
    channel: r.channel as TCaseSummary['channel'],
    priority: r.priority as TCaseSummary['priority'],
    title: r.titleMasked,
    orgUnitId: r.orgUnitId,
    assigneeId: r.assigneeId,
    teamId: r.teamId,
    ownerId: r.ownerId,
    customerId: r.customerId,
    customerName,
    riskFlags: r.riskFlags,
    receivedAt: r.receivedAt.toISOString(),
    regulatoryDueAt: r.regulatoryDueAt?.toISOString() ?? null,
    regulatoryDueProvisional: r.regulatoryDueProvisional,
    regulatorySuspendedSince: r.regulatorySuspendedSince?.toISOString() ?? null,
    major: r.major,
    triageReview: r.triageReview,
    classification: (r.classification as Classification | null) ?? null,
    slaStatus: r.slaStatus as TCaseSummary['slaStatus'],
    slaDueAt: r.slaDueAt?.toISOString() ?? null,
    reviewWindowEndsAt: r.reviewWindowEndsAt?.toISOString() ?? null,
    reviewDueAt: r.reviewDueAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

/** What a sealed decision letter is bound to: its case. */
function letterAad(caseId: string): string {
  return `cases.decision_letter:${caseId}`;
}

function detailFields(r: CaseRow) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    kindSource: r.kindSource as TCaseDetail['kindSource'],
    timing: r.timing as TCaseDetail['timing'],
    categoryId: r.categoryId,
    businessLine: r.businessLine,
    product: r.product,
    jrChannel: r.jrChannel,
    jrBusinessCategory: r.jrBusinessCategory,
    jrCause: r.jrCause,
    customerRequest: r.customerRequest,
    amountInvolved: r.amountInvolved,
    contactId: r.contactId,
    staffComplainedAbout: r.staffComplainedAbout,
    backDateReason: r.backDateReason,
    regulatorRef: r.regulatorRef,
    regulatorDeadline: iso(r.regulatorDeadline),
    expertReviewDone: r.expertReviewDone,
    decidedAt: iso(r.decidedAt),
    decisionReceivedAt: iso(r.decisionReceivedAt),
    mergedIntoId: r.mergedIntoId,
    splitFromId: r.splitFromId,
    createdAt: r.createdAt.toISOString(),
  };
}

function toEvent(e: CaseEventRow) {
  return { seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, data: e.data };
}

function toTask(t: CaseTaskRow): TCaseTask {
  return {
    id: t.id,
    orgUnitId: t.orgUnitId,
    ownerId: t.ownerId,
    title: t.title,
    dueAt: t.dueAt?.toISOString() ?? null,
    blocking: t.blocking,
    status: t.status as TCaseTask['status'],
    result: t.result,
    createdAt: t.createdAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
    version: t.version,
  };
}
