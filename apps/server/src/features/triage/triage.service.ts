import { randomUUID } from 'node:crypto';
import {
  BUSINESS_LINES,
  CLASSIFIED_FIELDS,
  JR_CAUSES,
  DEFAULT_KEYWORD_RULES,
  planClassification,
  type CaseKind,
  type Classification,
  type ClassifiedField,
  type FieldPrediction,
  type Priority,
  type RiskFlag as CaseRiskFlag,
  type TClassifyRequest,
  type THotTopic,
  type TKeywordRule,
  type TTriageModel,
  type TTriageSettings,
} from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import {
  defaultSegmenter,
  detectLanguage,
  hotTopics,
  signatureFromBase64,
  signatureToBase64,
  similarity,
  TextClassifier,
  triageText,
  type KeywordRule,
  type Prediction,
  type RiskFlagType,
  type TriageResult,
} from '@loopdesk/triage';
import { z } from 'zod';
import { requireActor, systemContext, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { yieldToRequests } from '../../platform/event-loop';
import { GroupCommit } from '../../platform/group-commit';
import { BatchMemo, type JobDefinition } from '../../platform/jobs';
import type { AccessService } from '../access/access.service';
import type { AuditService } from '../audit/audit.service';
import type { CaseRow } from '../cases/cases.repo';
import type { CasesService, TriageWrite } from '../cases/cases.service';
import type { CategoriesService } from '../categories/categories.service';
import { triageRepo, type TriageModelRow, type TriageRuleRow } from './triage.repo';
import { trainModelsInWorker, type LabelledCase } from './training';

/** Which of the detector's flags the case records under which name. */
const CASE_FLAG: Partial<Record<RiskFlagType, CaseRiskFlag>> = {
  regulator: 'regulator_threat',
  media: 'media_threat',
  legal: 'lawsuit_threat',
  collective: 'group_complaint',
  large_amount: 'large_amount',
};

export const TRIAGE_CASE_JOB = 'triage-case';
export const RETRAIN_JOB = 'triage-retrain';

/** A near-duplicate is suggested for merging at or above this share of equal MinHash values. */
const DUPLICATE_THRESHOLD = 0.5;
const SUGGESTIONS_KEPT = 5;
/** The most triaged cases written in one transaction. */
const TRIAGE_WRITE_BATCH = 20;
/** Model versions kept (the active one and the ones before it, for rollback). */
const VERSIONS_KEPT = 5;
/** Retraining reads at most this many of the newest labelled cases. */
const TRAINING_LIMIT = 100_000;
const DAY_MS = 86_400_000;

/** What triage concluded about a case, with the words behind each conclusion. */
export interface TriageOutcome {
  riskFlags: CaseRiskFlag[];
  priority: Priority;
  sentimentLabel: string;
  negativeIntensity: number;
  explanation: {
    flags: { type: string; terms: string[] }[];
    priorityReasons: string[];
    sentimentTerms: string[];
    /** Open near-duplicates found (merge suggestions), with their similarity. */
    duplicates?: { caseId: string; score: number; sameCustomer: boolean }[];
  };
}

interface LoadedModels {
  id: string;
  version: number;
  classifiers: Partial<Record<ClassifiedField, TextClassifier>>;
}

const ZRetrainPayload = z.object({ institutionId: z.uuid(), reason: z.string(), requestedBy: z.uuid().nullable() });

/**
 * Reads a new case's words (the masked copy: classification, threats and sentiment need no
 * personal data) and writes the classification, risk flags, a priority and the sentiment back
 * to the case, each with its reasons; indexes the case for duplicates and suggests merges.
 * Runs as a job right after the intake commits; the intake never waits for it. Models are
 * trained from the institution's labelled cases by a background job and kept per version.
 */
export class TriageService {
  private readonly loaded = new Map<string, LoadedModels>();
  /**
   * Triage conclusions reached while others are being written are written together, in one
   * transaction (see GroupCommit); a batch in which a case changed meanwhile is written case by case.
   */
  private readonly writes: GroupCommit<TriageWrite, void>;

  constructor(
    private readonly deps: Deps,
    private readonly cases: CasesService,
    private readonly categories: CategoriesService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {
    this.writes = new GroupCommit({
      commitMany: async (writes) => {
        if (!(await this.cases.applyTriageMany(writes))) throw new Error('a case of the batch changed meanwhile');
        return writes.map(() => undefined);
      },
      commitOne: (write) => this.cases.applyTriage(write),
      maxBatch: TRIAGE_WRITE_BATCH,
      // One at a time: the jobs running meanwhile gather behind it (one commit for many cases).
      concurrency: 1,
      gather: deps.embedded ? yieldToRequests : undefined,
    });
  }

  /** The pure analysis of a text (threats, priority, sentiment). */
  analyse(text: string, result: TriageResult = triageText(text)): TriageOutcome {
    return analyseText(text, result);
  }

  /**
   * Triage one case (idempotent: a case already triaged is left as it is). The institution's
   * words, rules, models, settings and categories are read once per batch of jobs.
   */
  async triageCase(caseId: string, batch = new BatchMemo()): Promise<void> {
    const pending = await this.cases.awaitingTriage(caseId);
    if (!pending) return;
    const { row, text } = pending;
    const institutionId = row.institutionId;
    const shared = <V>(what: string, load: () => Promise<V>) => batch.get(`${what}:${institutionId}`, load);
    await shared('words', () => this.loadWords(institutionId));
    const [settings, rules, models, categoryIds] = await Promise.all([
      shared('settings', () => triageRepo.settings(this.deps.db, institutionId)),
      shared('rules', () => this.activeRules(institutionId)),
      shared('models', () => this.models(institutionId)),
      shared('categories', () => this.categories.activeByCode(institutionId)),
    ]);
    const result = triageText(text, { classifiers: models.classifiers as Record<string, TextClassifier>, rules });
    const at = this.deps.now().toISOString();
    const predictions: Partial<Record<ClassifiedField, FieldPrediction>> = {};
    for (const field of CLASSIFIED_FIELDS) {
      const p = result.classifications[field];
      if (!p || (field === 'kind' && p.label === 'unknown') || (field === 'category' && !categoryIds.has(p.label))) continue;
      predictions[field] = toFieldPrediction(p, models.version, at);
    }
    const signature = result.signature;
    const candidates = await triageRepo.candidates(this.deps.db, institutionId, result.bandKeys, caseId, row.customerId);
    const suggestions = candidates
      .map((c) => ({ caseId: c.caseId, score: similarity(signature, signatureFromBase64(c.signature)), sameCustomer: !!row.customerId && c.customerId === row.customerId }))
      .filter((c) => c.score >= DUPLICATE_THRESHOLD)
      .sort((a, b) => Number(b.sameCustomer) - Number(a.sameCustomer) || b.score - a.score)
      .slice(0, SUGGESTIONS_KEPT);
    const outcome = this.analyse(text, result);
    // Only a case with a customer has someone to acknowledge to.
    const ackContext = row.customerId ? await shared('acknowledgement', () => this.cases.acknowledgementContext(institutionId)) : undefined;
    // The customer is answered in the language they wrote in; the institution's templates are zh-CN and en.
    const ackLocale = detectLanguage(text) === 'en' ? 'en' : 'zh-CN';
    outcome.explanation.duplicates = suggestions.map((d) => ({ caseId: d.caseId, score: Math.round(d.score * 100) / 100, sameCustomer: d.sameCustomer }));
    await this.writes.submit({
      row,
      conclusion: outcome,
      classify: (current) => classificationOf(current, predictions, settings.reviewThreshold / 100, categoryIds),
      extra: async (tx, after) => {
        await triageRepo.indexCase(
          tx,
          { caseId, institutionId, customerId: after.customerId, signature: signatureToBase64(signature), receivedAt: after.receivedAt },
          result.bandKeys,
          suggestions.map((s) => ({ caseId, otherCaseId: s.caseId, institutionId, score: Math.round(s.score * 100), sameCustomer: s.sameCustomer, createdAt: this.deps.now() })),
        );
        // The acknowledgement goes after triage: it names the kind and deadline triage settled.
        if (ackContext) await this.cases.queueAcknowledgement(tx, after, ackLocale, ackContext);
      },
    });
  }

  // ── classification by staff, and learning from it ──

  /** A staff member sets or corrects the classification; corrections are recorded and the models retrain later. */
  async classify(ctx: RequestContext, caseId: string, req: TClassifyRequest) {
    const actor = requireActor(ctx);
    return this.cases.reclassify(ctx, caseId, req, async (tx, row, corrections) => {
      await triageRepo.insertCorrections(
        tx,
        corrections.map((c) => ({ id: randomUUID(), institutionId: row.institutionId, caseId, field: c.field, before: c.before, after: c.after, predicted: c.predicted, userId: actor.userId, createdAt: this.deps.now() })),
      );
      // A confirmed or corrected label is a new example: retrain once the corrections settle.
      const settings = await triageRepo.settings(tx, row.institutionId);
      await this.deps.jobs?.sendWithin(tx, RETRAIN_JOB, { institutionId: row.institutionId, reason: 'corrections', requestedBy: null }, { singletonKey: row.institutionId, startAfter: settings.retrainDelaySeconds });
    });
  }

  /** Asks for a retraining now (it runs in the background). */
  async requestRetrain(ctx: RequestContext): Promise<{ queued: boolean }> {
    const actor = requireActor(ctx);
    if (!this.deps.jobs) throw new AppError('conflict', 'this process runs no job queue');
    await this.audit.transaction(async (tx) => {
      await this.deps.jobs!.sendWithin(tx, RETRAIN_JOB, { institutionId: actor.institutionId, reason: 'on_demand', requestedBy: actor.userId }, { singletonKey: `${actor.institutionId}:now` });
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'triage.retrain_request', objectType: 'triage_model', objectId: null, scopePath: null, after: {} });
    });
    return { queued: true };
  }

  /**
   * Trains a new version from the institution's labelled cases (values a person gave, never a
   * prediction), evaluates it on held-out cases, stores it and makes it the active one.
   */
  async retrain(institutionId: string, reason: string, requestedBy: string | null): Promise<TTriageModel | undefined> {
    const rows = await triageRepo.labelled(this.deps.db, institutionId, TRAINING_LIMIT);
    const labelled: LabelledCase[] = [];
    for (const r of rows) {
      if (!r.text) continue;
      const c = (r.classification as Classification | null) ?? {};
      const byPerson = (field: ClassifiedField) => !c[field] || c[field].source === 'person' || !c[field].applied;
      const labels: LabelledCase['labels'] = {};
      if (r.kindSource === 'person' && r.kind !== 'unknown') labels.kind = r.kind;
      if (r.categoryCode && byPerson('category')) labels.category = r.categoryCode;
      if (r.businessLine && byPerson('businessLine')) labels.businessLine = r.businessLine;
      if (r.jrCause && byPerson('jrCause')) labels.jrCause = r.jrCause;
      if (Object.keys(labels).length > 0) labelled.push({ id: r.id, text: r.text, labels });
    }
    const version = await triageRepo.nextModelVersion(this.deps.db, institutionId);
    const words = (await triageRepo.words(this.deps.db, institutionId)).map((w) => w.word);
    const trained = await trainModelsInWorker(labelled, `v${version}`, words);
    if (Object.keys(trained.models).length === 0) {
      this.deps.log.info({ institutionId, labelled: labelled.length }, 'retraining skipped: too few labelled cases');
      return undefined;
    }
    const ctx: RequestContext = { ...systemContext('triage-retrain'), via: 'system:triage' };
    const row = await this.audit.transaction(async (tx) => {
      const inserted = await triageRepo.insertModel(tx, {
        id: randomUUID(),
        institutionId,
        version,
        models: trained.models,
        evaluation: trained.evaluation,
        trainedOn: trained.trainedOn,
        reason,
        createdBy: requestedBy,
        createdAt: this.deps.now(),
      });
      const active = (await triageRepo.activate(tx, institutionId, inserted.id, this.deps.now()))!;
      await triageRepo.prune(tx, institutionId, VERSIONS_KEPT);
      await this.audit.record(tx, ctx, institutionId, { action: 'triage.model_train', objectType: 'triage_model', objectId: inserted.id, scopePath: null, after: { version, reason, trainedOn: trained.trainedOn, evaluation: trained.evaluation } });
      return active;
    });
    return toModel(row);
  }

  async listModels(ctx: RequestContext): Promise<TTriageModel[]> {
    return (await triageRepo.models(this.deps.db, requireActor(ctx).institutionId)).map((m) => toModel(m));
  }

  /** Makes a kept version the active one again (a rollback, or forward again). */
  async activateModel(ctx: RequestContext, id: string): Promise<TTriageModel> {
    const actor = requireActor(ctx);
    const found = await triageRepo.modelById(this.deps.db, actor.institutionId, id);
    if (!found) throw new AppError('not_found', 'no such model version');
    return this.audit.transaction(async (tx) => {
      const before = await triageRepo.activeModelId(tx, actor.institutionId);
      const row = (await triageRepo.activate(tx, actor.institutionId, id, this.deps.now()))!;
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'triage.model_activate', objectType: 'triage_model', objectId: id, scopePath: null, before: { activeModelId: before ?? null }, after: { activeModelId: id, version: row.version } });
      return toModel(row);
    });
  }

  // ── settings and keyword rules ──

  async settings(ctx: RequestContext): Promise<TTriageSettings> {
    return toSettings(await triageRepo.settings(this.deps.db, requireActor(ctx).institutionId));
  }

  async updateSettings(ctx: RequestContext, input: { version: number; reviewThreshold?: number; retrainDelaySeconds?: number }): Promise<TTriageSettings> {
    const actor = requireActor(ctx);
    const before = await triageRepo.settings(this.deps.db, actor.institutionId);
    return this.audit.transaction(async (tx) => {
      const { version, ...set } = input;
      const row = await triageRepo.updateSettings(tx, actor.institutionId, version, set, this.deps.now());
      if (!row) throw new AppError('stale_version', 'the settings were changed by someone else; reload and try again');
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'triage.settings_update', objectType: 'triage_settings', objectId: actor.institutionId, scopePath: null, before: toSettings(before), after: toSettings(row) });
      return toSettings(row);
    });
  }

  async listRules(ctx: RequestContext): Promise<TKeywordRule[]> {
    return (await triageRepo.rules(this.deps.db, requireActor(ctx).institutionId)).map(toRule);
  }

  async createRule(ctx: RequestContext, input: { field: ClassifiedField; label: string; keywords: string[]; excludes: string[]; weight: number }): Promise<TKeywordRule> {
    const actor = requireActor(ctx);
    await this.checkLabel(actor.institutionId, input.field, input.label);
    return this.audit.transaction(async (tx) => {
      const row = await triageRepo.insertRule(tx, { id: randomUUID(), institutionId: actor.institutionId, ...input, updatedAt: this.deps.now() });
      if (!row) throw new AppError('conflict', 'this label already has a rule; edit it', [{ field: 'label', message: 'already has a rule' }]);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'triage.rule_create', objectType: 'triage_rule', objectId: row.id, scopePath: null, after: toRule(row) });
      return toRule(row);
    });
  }

  async updateRule(ctx: RequestContext, id: string, input: { version: number; keywords?: string[]; excludes?: string[]; weight?: number; active?: boolean }): Promise<TKeywordRule> {
    const actor = requireActor(ctx);
    const before = await triageRepo.ruleById(this.deps.db, actor.institutionId, id);
    if (!before) throw new AppError('not_found', 'no such rule');
    return this.audit.transaction(async (tx) => {
      const { version, ...set } = input;
      const row = await triageRepo.updateRule(tx, id, version, set, this.deps.now());
      if (!row) throw new AppError('stale_version', 'the rule was changed by someone else; reload and try again');
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'triage.rule_update', objectType: 'triage_rule', objectId: id, scopePath: null, before: toRule(before), after: toRule(row) });
      return toRule(row);
    });
  }

  // ── dictionary words ──

  async listWords(ctx: RequestContext): Promise<{ word: string; createdAt: string }[]> {
    return (await triageRepo.words(this.deps.db, requireActor(ctx).institutionId)).map((w) => ({ word: w.word, createdAt: w.createdAt.toISOString() }));
  }

  /**
   * Adds a word to the segmenter's dictionary for this institution's cases (a product name, a
   * local term). It takes effect for the next triage and training in every process; jieba
   * cannot forget a word, so words are added, never removed.
   */
  async addWord(ctx: RequestContext, word: string): Promise<{ word: string; createdAt: string }> {
    const actor = requireActor(ctx);
    const row = await this.audit.transaction(async (tx) => {
      const inserted = await triageRepo.insertWord(tx, { institutionId: actor.institutionId, word, createdBy: actor.userId, createdAt: this.deps.now() });
      if (!inserted) throw new AppError('conflict', 'the dictionary already has this word', [{ field: 'word', message: 'already in the dictionary' }]);
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'triage.word_add', objectType: 'triage_word', objectId: null, scopePath: null, after: { word } });
      return inserted;
    });
    await this.loadWords(actor.institutionId);
    return { word: row.word, createdAt: row.createdAt.toISOString() };
  }

  /** Loads the institution's added words into this process's segmenter (once each). */
  private async loadWords(institutionId: string): Promise<void> {
    const segmenter = defaultSegmenter();
    const known = new Set(segmenter.addedWords.map((w) => w.word));
    const fresh = (await triageRepo.words(this.deps.db, institutionId)).map((w) => w.word).filter((w) => !known.has(w));
    if (fresh.length > 0) segmenter.addWords(fresh);
  }

  /** Writes the hand-written starting rules for a new institution, in its creating transaction. */
  async seedRules(tx: Db, institutionId: string): Promise<void> {
    for (const rule of DEFAULT_KEYWORD_RULES) {
      await triageRepo.insertRule(tx, { id: randomUUID(), institutionId, field: rule.field, label: rule.label, keywords: rule.keywords, excludes: rule.excludes ?? [], weight: rule.weight ?? 1 });
    }
  }

  // ── duplicates and hot topics ──

  /** Open near-duplicates of a case the actor may see: the same customer's first, then by similarity. */
  async mergeSuggestions(ctx: RequestContext, caseId: string) {
    const actor = requireActor(ctx);
    await this.cases.visibleRow(actor, caseId);
    const rows = await triageRepo.suggestionsFor(this.deps.db, caseId);
    const items = [];
    for (const r of rows) {
      if (!(await this.access.canSee(actor, 'case', r.otherId, r.orgPath))) continue;
      items.push({ caseId: r.otherId, number: r.number, title: r.title, status: r.status, score: r.score / 100, sameCustomer: r.sameCustomer, receivedAt: r.receivedAt.toISOString() });
    }
    return { items };
  }

  /**
   * Groups of similar open cases from several customers (a possible mass complaint) in the
   * actor's part of the organisation, with the count of the last seven days against the rest.
   */
  async hotTopics(ctx: RequestContext, q: { days: number; minSize: number }): Promise<{ items: THotTopic[] }> {
    const actor = requireActor(ctx);
    const now = this.deps.now();
    const rows = (await triageRepo.openSignatures(this.deps.db, actor.institutionId, new Date(now.getTime() - q.days * DAY_MS), 20_000)).filter((r) =>
      r.orgPath.startsWith(actor.orgPath),
    );
    const byId = new Map(rows.map((r) => [r.caseId, r]));
    const topics = hotTopics(
      rows.map((r) => ({ id: r.caseId, signature: signatureFromBase64(r.signature), customerId: r.customerId ?? `case:${r.caseId}` })),
      { threshold: DUPLICATE_THRESHOLD, minSize: q.minSize, minCustomers: 2 },
    );
    const weekAgo = now.getTime() - 7 * DAY_MS;
    return {
      items: topics.map((t) => {
        const last7Days = t.ids.filter((id) => byId.get(id)!.receivedAt.getTime() >= weekAgo).length;
        const before = t.count - last7Days;
        const rep = byId.get(t.representative)!;
        const trend = topicTrend(last7Days, before, q.days);
        return { count: t.count, customers: t.customers, last7Days, before, trend, representative: { caseId: rep.caseId, number: rep.number, title: rep.title }, caseIds: t.ids };
      }),
    };
  }

  // ── jobs ──

  job(): JobDefinition<z.ZodObject<{ caseId: z.ZodUUID }>> {
    // A triage is a few reads and a share of a group commit: eight at once keep up with a burst of intake far better.
    return { name: TRIAGE_CASE_JOB, payload: z.object({ caseId: z.uuid() }), handle: ({ caseId }, _stopping, batch) => this.triageCase(caseId, batch), concurrency: 8 };
  }

  /** Retraining; a 'stately' queue keeps one waiting job per key, so corrections coalesce. */
  retrainJob(): JobDefinition<typeof ZRetrainPayload> {
    return { name: RETRAIN_JOB, payload: ZRetrainPayload, policy: 'stately', handle: async ({ institutionId, reason, requestedBy }) => void (await this.retrain(institutionId, reason, requestedBy)) };
  }

  private async activeRules(institutionId: string): Promise<Record<string, KeywordRule[]>> {
    // An institution created before keyword rules existed starts with the shipped ones.
    if ((await triageRepo.countRules(this.deps.db, institutionId)) === 0) await this.audit.transaction((tx) => this.seedRules(tx, institutionId));
    const out: Record<string, KeywordRule[]> = {};
    for (const r of await triageRepo.rules(this.deps.db, institutionId)) {
      if (!r.active) continue;
      (out[r.field] ??= []).push({ label: r.label, keywords: r.keywords, excludes: r.excludes, weight: r.weight });
    }
    return out;
  }

  /** The active models of an institution, read from the database once per version. */
  private async models(institutionId: string): Promise<LoadedModels | { id: null; version: null; classifiers: Record<string, never> }> {
    const id = await triageRepo.activeModelId(this.deps.db, institutionId);
    if (!id) return { id: null, version: null, classifiers: {} };
    const cached = this.loaded.get(institutionId);
    if (cached?.id === id) return cached;
    const row = (await triageRepo.modelById(this.deps.db, institutionId, id))!;
    const classifiers: LoadedModels['classifiers'] = {};
    for (const [field, serialised] of Object.entries(row.models as Record<string, unknown>)) classifiers[field as ClassifiedField] = TextClassifier.deserialise(serialised);
    const loaded = { id, version: row.version, classifiers };
    this.loaded.set(institutionId, loaded);
    return loaded;
  }

  private async checkLabel(institutionId: string, field: ClassifiedField, label: string): Promise<void> {
    const labels: Record<Exclude<ClassifiedField, 'category'>, readonly string[]> = { kind: ['complaint', 'suggestion', 'inquiry', 'praise'], businessLine: BUSINESS_LINES, jrCause: JR_CAUSES };
    const ok = field === 'category' ? (await this.categories.activeByCode(institutionId)).has(label) : labels[field].includes(label);
    if (!ok) throw new AppError('unprocessable', `no such ${field} label`, [{ field: 'label', message: `not a ${field} label` }]);
  }
}

/**
 * A hot topic's trend: cases per day of the last seven days against the days before them in
 * the window (a fifth either way counts as steady); 'new' when nothing came before.
 */
export function topicTrend(last7Days: number, before: number, windowDays: number): THotTopic['trend'] {
  if (before === 0) return 'new';
  const rateNow = last7Days / 7;
  const rateBefore = before / Math.max(1, windowDays - 7);
  return rateNow > rateBefore * 1.2 ? 'rising' : rateNow < rateBefore * 0.8 ? 'falling' : 'steady';
}

/** Threats, priority and sentiment of a text, with the words behind them. */
export function analyseText(text: string, result: TriageResult = triageText(text)): TriageOutcome {
  const riskFlags = [...new Set(result.riskFlags.map((f) => CASE_FLAG[f.type]).filter((f): f is CaseRiskFlag => f !== undefined))];
  return {
    riskFlags,
    priority: result.priority.priority,
    sentimentLabel: result.sentiment.label,
    negativeIntensity: Math.round(result.sentiment.negativeIntensity * 100),
    explanation: {
      flags: result.riskFlags.map((f) => ({ type: f.type, terms: f.terms })),
      priorityReasons: result.priority.reasons,
      sentimentTerms: result.sentiment.terms.map((t) => t.term),
    },
  };
}

function toFieldPrediction(p: Prediction, modelVersion: number | null, at: string): FieldPrediction {
  return {
    label: p.label,
    confidence: Math.round(p.confidence * 1e4) / 1e4,
    source: p.source,
    modelVersion: p.source === 'model' && modelVersion !== null ? `v${modelVersion}` : null,
    terms: p.topFeatures.filter((t) => t.weight > 0).map((t) => t.term),
    applied: false,
    at,
  };
}

/** What triage writes about the classification, given the case as it is now. */
function classificationOf(row: CaseRow, predictions: Partial<Record<ClassifiedField, FieldPrediction>>, threshold: number, categoryIds: Map<string, string>) {
  const previous = (row.classification as Classification | null) ?? {};
  const setByPerson: Partial<Record<ClassifiedField, boolean>> = {
    kind: row.kindSource === 'person' && row.kind !== 'unknown',
    category: row.categoryId !== null,
    businessLine: row.businessLine !== null,
    jrCause: row.jrCause !== null,
  };
  const plan = planClassification({ predictions, setByPerson, kind: row.kind as CaseKind, threshold });
  const classification: Classification = { ...previous };
  const set: Partial<CaseRow> = {};
  for (const field of CLASSIFIED_FIELDS) {
    const p = predictions[field];
    if (!p || setByPerson[field] || plan.irrelevant.includes(field)) continue;
    const applied = plan.apply.includes(field);
    classification[field] = { ...p, applied };
    if (!applied) continue;
    if (field === 'kind') Object.assign(set, { kind: p.label, kindSource: p.source, kindConfidence: Math.round(p.confidence * 100) });
    if (field === 'category') set.categoryId = categoryIds.get(p.label)!;
    if (field === 'businessLine') set.businessLine = p.label;
    if (field === 'jrCause') set.jrCause = p.label;
  }
  return { set, classification, review: plan.review };
}

function toModel(m: Omit<TriageModelRow, 'models'>): TTriageModel {
  const evaluation = m.evaluation as TTriageModel['evaluation'];
  return {
    id: m.id,
    version: m.version,
    active: m.active,
    fields: Object.keys(evaluation) as ClassifiedField[],
    evaluation,
    trainedOn: m.trainedOn,
    reason: m.reason,
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    activatedAt: m.activatedAt?.toISOString() ?? null,
  };
}

function toSettings(s: { reviewThreshold: number; retrainDelaySeconds: number; version: number }): TTriageSettings {
  return { reviewThreshold: s.reviewThreshold, retrainDelaySeconds: s.retrainDelaySeconds, version: s.version };
}

function toRule(r: TriageRuleRow): TKeywordRule {
  return { id: r.id, field: r.field as ClassifiedField, label: r.label, keywords: r.keywords, excludes: r.excludes, weight: r.weight, active: r.active, version: r.version };
}
