import { randomUUID } from 'node:crypto';
import {
  decisionMisfit,
  majorityOf,
  panelOutcome,
  type CaseFacts,
  type CaseKind,
  type DecisionOutcome,
  type PanelOpinion,
  type TCasePanel,
  type TPanelReview,
  type TRecordPanelOpinionRequest,
  type TSubmitPanelReviewRequest,
} from '@loopdesk/core';
import { AppError } from '../../platform/errors';
import { requireActor, type Actor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import { letterAsRead } from '../cases/case-search';
import { casesRepo, type CaseRow } from '../cases/cases.repo';
import type { UsersService } from '../users/users.service';
import { fieldError, PANEL_ROLES, type MajorRulesService } from './major-rules.service';
import { panelRepo, type PanelMemberRow, type PanelReviewRow } from './panel.repo';

/** Statuses in which a major case's draft decision may be put to the panel (it is being worked). */
const SUBMITTABLE = ['assigned', 'in_progress', 'awaiting_customer', 'awaiting_third_party', 'reopened'];
const SUPERVISING = ['team_lead', 'branch_manager', 'consumer_protection'];

/**
 * The expert panel review of a major case (专家组会审): the handler puts the draft decision to
 * a panel (the marking rule's, or one a consumer-protection officer chooses); each member, who
 * gets an audited grant on the case when it lies outside their part of the organisation, gives
 * an opinion. A quorum of agreements lets the answer through (the lifecycle's guard); one
 * disagreement returns the draft to the handler.
 */
export class PanelService {
  constructor(
    private readonly deps: Deps,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly cases: CasesService,
    private readonly rules: MajorRulesService,
  ) {}

  async get(ctx: RequestContext, caseId: string): Promise<TCasePanel> {
    const actor = requireActor(ctx);
    const { row } = await this.cases.visible(actor, caseId);
    return this.view(ctx, actor, row);
  }

  /** Puts the draft decision to the panel, with the case version the handler saw. */
  async submit(ctx: RequestContext, caseId: string, input: TSubmitPanelReviewRequest): Promise<TCasePanel> {
    const actor = requireActor(ctx);
    const { row } = await this.cases.visible(actor, caseId);
    if (row.version !== input.version) throw staleCase();
    if (!row.major) throw new AppError('conflict', 'the case is not a major case; it needs no panel review');
    if (!SUBMITTABLE.includes(row.status)) throw new AppError('conflict', `a case that is ${row.status} is not being worked`);
    if (!mayWork(actor, row)) throw new AppError('forbidden', 'only the assigned handler or a supervisor may put the draft to the panel');
    const misfit = decisionMisfit(row.kind as CaseKind, input.decision);
    if (misfit) throw fieldError(misfit.field!, misfit.message);
    if (input.memberIds && !actor.roles.includes('consumer_protection')) throw new AppError('forbidden', 'only a consumer-protection officer chooses the panel');
    const rule = await this.rules.ruleOf(row.institutionId, row.majorRuleId);
    const memberIds = input.memberIds ?? rule?.panelMemberIds ?? [];
    if (memberIds.length === 0) throw fieldError('memberIds', 'the marking rule names no panel: a consumer-protection officer chooses its members');
    const people = await this.users.activeWithPaths(row.institutionId, memberIds);
    const recused = row.staffComplainedAbout.length > 0 ? await this.users.recusedFor(row.institutionId, row.staffComplainedAbout) : [];
    for (const [i, id] of memberIds.entries()) {
      const person = people.find((p) => p.id === id);
      if (!person || !person.roles.some((r) => (PANEL_ROLES as readonly string[]).includes(r))) throw fieldError(`memberIds.${i}`, 'no such active staff member who may sit on a panel');
      if (recused.includes(id)) throw fieldError(`memberIds.${i}`, 'this person is complained about (or manages someone who is) and may not sit on the panel');
      if (id === actor.userId || id === row.assigneeId) throw fieldError(`memberIds.${i}`, 'the case’s handler does not review their own draft');
    }
    const quorum = input.quorum ?? rule?.quorum ?? majorityOf(memberIds.length);
    if (quorum > memberIds.length) throw fieldError('quorum', `the panel has ${memberIds.length} member(s)`);
    const now = this.deps.now();
    const mask = await this.cases.maskerFor(row);
    await this.audit.transaction(async (tx) => {
      if (await panelRepo.lockOpenReview(tx, caseId)) throw new AppError('conflict', 'the panel is still reviewing a draft of this case');
      const after = await casesRepo.update(tx, caseId, input.version, { expertReviewDone: false }, now);
      if (!after) throw staleCase();
      // The case row's new version orders rounds: two submissions of one case never interleave here.
      const round = (await panelRepo.reviews(tx, caseId)).length + 1;
      const reviewId = randomUUID();
      // The draft's letter is sealed; the row keeps a copy with personal data masked.
      const review = await panelRepo.insertReview(tx, {
        id: reviewId,
        institutionId: row.institutionId,
        caseId,
        round,
        status: 'open',
        decision: { ...input.decision, letter: mask(input.decision.letter) },
        letterSealed: this.deps.cipher.seal(input.decision.letter, draftAad(reviewId)),
        quorum,
        submittedBy: actor.userId,
        submittedAt: now,
      });
      await panelRepo.insertMembers(tx, memberIds.map((userId, position) => ({ reviewId: review.id, userId, institutionId: row.institutionId, position })));
      // A member from elsewhere (head-office legal on a branch's case) sees this one case, no more.
      for (const person of people) {
        if (row.orgPath.startsWith(person.path)) continue;
        await this.access.grantWithin(tx, ctx, { userId: person.id, objectType: 'case', objectId: caseId, purpose: 'expert_panel', reason: `expert panel of case ${row.number}`, scopePath: row.orgPath });
      }
      const data = { reviewId: review.id, memberIds, quorum, outcome: input.decision.outcome };
      await this.cases.event(tx, ctx, after, 'panel.submitted', { data });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.panel_submit', objectType: 'case', objectId: caseId, scopePath: row.orgPath, after: { ...data, decision: { ...input.decision, letter: mask(input.decision.letter) } } });
    });
    return this.get(ctx, caseId);
  }

  /**
   * A member's opinion on the open review (each member's own; the review row's lock orders them). When it settles the
   * review (a quorum agreed, or someone disagreed) the case learns it in the same transaction.
   */
  async recordOpinion(ctx: RequestContext, caseId: string, input: TRecordPanelOpinionRequest): Promise<TCasePanel> {
    const actor = requireActor(ctx);
    const { row } = await this.cases.visible(actor, caseId);
    const now = this.deps.now();
    await this.audit.transaction(async (tx) => {
      const review = await panelRepo.lockOpenReview(tx, caseId);
      if (!review) throw new AppError('conflict', 'no draft of this case is before the panel');
      const members = await panelRepo.members(tx, [review.id]);
      const me = members.find((m) => m.userId === actor.userId);
      if (!me) throw new AppError('forbidden', 'only the panel’s members give opinions');
      if (me.opinion) throw new AppError('conflict', 'you have given your opinion on this draft');
      await panelRepo.recordOpinion(tx, review.id, actor.userId, { opinion: input.opinion, comment: input.comment || null, at: now });
      const opinions = members.map((m) => (m.userId === actor.userId ? input.opinion : (m.opinion as PanelOpinion | null)));
      const status = panelOutcome(members.length, opinions, review.quorum);
      const updated = await panelRepo.updateReview(tx, review.id, review.version, status === 'open' ? {} : { status, concludedAt: now });
      if (!updated) throw new AppError('stale_version', 'the review moved on meanwhile; reload and try again');
      const opinionData = { reviewId: review.id, opinion: input.opinion, comment: input.comment || null };
      await this.cases.event(tx, ctx, row, 'panel.opinion', { data: opinionData });
      await this.audit.record(tx, ctx, row.institutionId, { action: 'case.panel_opinion', objectType: 'case', objectId: caseId, scopePath: row.orgPath, after: opinionData });
      if (status === 'open') return;
      const locked = (await casesRepo.lock(tx, caseId))!;
      const after = await casesRepo.update(tx, caseId, locked.version, { expertReviewDone: status === 'agreed' }, now);
      if (!after) throw staleCase();
      const data = { reviewId: review.id, agreed: opinions.filter((o) => o === 'agree' || o === 'agree_with_changes').length, quorum: review.quorum };
      await this.cases.event(tx, ctx, after, `panel.${status}`, { data });
      await this.audit.record(tx, ctx, row.institutionId, { action: `case.panel_${status}`, objectType: 'case', objectId: caseId, scopePath: row.orgPath, before: { expertReviewDone: locked.expertReviewDone }, after: { expertReviewDone: after.expertReviewDone, ...data } });
    });
    return this.get(ctx, caseId);
  }

  /** What the lifecycle guards need: the outcome of the draft the panel last agreed to. */
  async facts(row: CaseRow): Promise<Partial<CaseFacts>> {
    if (!row.major) return {};
    const agreed = (await panelRepo.reviews(this.deps.db, row.id)).find((r) => r.status === 'agreed');
    return { reviewedOutcome: (agreed?.decision as { outcome: DecisionOutcome } | undefined)?.outcome ?? null };
  }

  /** A draft with its letter as written, or masked (a draft from before letters were sealed is masked here). */
  /** Seals the panel's drafts written before drafts were sealed, keeping a masked copy (start-up; a no-op once done). */
  sealLegacyDrafts(pageSize = 500): Promise<number> {
    return this.cases.sealLegacy(
      { what: 'panel drafts', page: panelRepo.unsealedDrafts, aad: (r) => draftAad(r.id), store: (tx, r, decision, sealed) => panelRepo.sealDraft(tx, r.id, decision, sealed) },
      pageSize,
    );
  }

  private draftAsRead(r: PanelReviewRow, unmask: boolean): Pick<TPanelReview, 'decision' | 'decisionMasked'> {
    const decision = r.decision as TPanelReview['decision'];
    const { letter, masked } = letterAsRead(this.deps.cipher, decision.letter, r.letterSealed, draftAad(r.id), unmask);
    return { decision: { ...decision, letter }, decisionMasked: masked };
  }

  private async view(ctx: RequestContext, actor: Actor, row: CaseRow): Promise<TCasePanel> {
    const reviews = await panelRepo.reviews(this.deps.db, row.id);
    // The drafts' letters as written for staff who may read personal data (audited); masked for the rest.
    const unmask = actor.permissions.has('customers.read_pii');
    if (unmask && reviews.length > 0) {
      await this.audit.transaction((tx) =>
        this.audit.record(tx, ctx, actor.institutionId, { action: 'case.pii_read', objectType: 'case', objectId: row.id, scopePath: row.orgPath, after: { panelDrafts: reviews.length } }),
      );
    }
    const members = await panelRepo.members(this.deps.db, reviews.map((r) => r.id));
    const rule = await this.rules.ruleOf(row.institutionId, row.majorRuleId);
    const open = reviews.find((r) => r.status === 'open');
    const working = actor.permissions.has('cases.work') && mayWork(actor, row);
    return {
      major: row.major,
      majorRuleId: row.majorRuleId,
      majorRuleName: rule?.name ?? null,
      expertReviewDone: row.expertReviewDone,
      reviews: reviews.map((r) => ({ ...toReview(r, members.filter((m) => m.reviewId === r.id)), ...this.draftAsRead(r, unmask) })),
      canSubmit: row.major && !open && SUBMITTABLE.includes(row.status) && working,
      canChooseMembers: row.major && !open && actor.permissions.has('cases.work') && actor.roles.includes('consumer_protection'),
      canRecordOpinion: !!open && actor.permissions.has('panel.opine') && members.some((m) => m.reviewId === open.id && m.userId === actor.userId && !m.opinion),
    };
  }
}

/** What a sealed draft letter is bound to: its review. */
function draftAad(reviewId: string): string {
  return `panel_reviews.letter:${reviewId}`;
}

function mayWork(actor: Actor, row: CaseRow): boolean {
  return row.assigneeId === actor.userId || actor.roles.some((r) => SUPERVISING.includes(r));
}

function toReview(r: PanelReviewRow, members: PanelMemberRow[]): Omit<TPanelReview, 'decision' | 'decisionMasked'> {
  return {
    id: r.id,
    round: r.round,
    status: r.status as TPanelReview['status'],
    quorum: r.quorum,
    members: members.map((m) => ({ userId: m.userId, displayName: m.displayName, opinion: m.opinion as PanelOpinion | null, comment: m.comment, at: m.at?.toISOString() ?? null })),
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt.toISOString(),
    concludedAt: r.concludedAt?.toISOString() ?? null,
    version: r.version,
  };
}

function staleCase(): AppError {
  return new AppError('stale_version', 'the case was changed by someone else; reload and try again');
}
