import { randomUUID } from 'node:crypto';
import {
  DEFAULT_TEMPLATES,
  SUPERSEDED_TEMPLATE_BODIES,
  missingDecisionLetterElements,
  renderForRuleSet,
  type DecisionOutcome,
  reviewWindowDays,
  templateVariables,
  unknownVariables,
  type TemplateLocale,
  type TTemplate,
  type ZCreateTemplateRequest,
  type ZUpdateTemplateRequest,
} from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import type { z } from 'zod';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import type { CategoriesService } from '../categories/categories.service';
import type { ClocksService } from '../clocks/clocks.service';
import { templatesRepo, type TemplateRow } from './templates.repo';

type CreateTemplate = z.infer<typeof ZCreateTemplateRequest>;
type UpdateTemplate = z.infer<typeof ZUpdateTemplateRequest>;

/**
 * Reply templates with `{{variables}}`, per kind, locale and category. A decision letter that
 * lacks what the regulation requires the complainant be told is refused when saved. The review
 * (核查) window a template states is the institution's rule set's; under a rule set without a
 * review the clause stating it is left out when a template is filled.
 */
export class TemplatesService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly clocks: ClocksService,
    private readonly categories: CategoriesService,
  ) {}

  /** A template's category must be one of the institution's, and in use. */
  private async checkCategory(institutionId: string, categoryId: string | null | undefined): Promise<void> {
    if (categoryId && !(await this.categories.isSelectable(institutionId, categoryId))) {
      throw new AppError('unprocessable', 'no such active category', [{ field: 'categoryId', message: 'no such active category' }]);
    }
  }

  /** The review window the institution's rule set gives, in days; null when it has no review. */
  private async reviewDays(institutionId: string): Promise<number | null> {
    return reviewWindowDays(await this.clocks.ruleSetFor(institutionId));
  }

  async list(ctx: RequestContext, f: { kind?: string; locale?: string; categoryId?: string }): Promise<TTemplate[]> {
    return (await templatesRepo.list(this.deps.db, requireActor(ctx).institutionId, f)).map(toTemplate);
  }

  async create(ctx: RequestContext, input: CreateTemplate): Promise<TTemplate> {
    const actor = requireActor(ctx);
    checkBody(input.kind, input.locale, input.body, await this.reviewDays(actor.institutionId));
    await this.checkCategory(actor.institutionId, input.categoryId);
    return this.audit.transaction(async (tx) => {
      const row = await templatesRepo.insert(tx, { id: randomUUID(), institutionId: actor.institutionId, ...input, categoryId: input.categoryId ?? null, updatedAt: this.deps.now() });
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'template.create', objectType: 'template', objectId: row.id, scopePath: null, after: toTemplate(row) });
      return toTemplate(row);
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateTemplate): Promise<TTemplate> {
    const actor = requireActor(ctx);
    const before = await templatesRepo.byId(this.deps.db, actor.institutionId, id);
    if (!before) throw new AppError('not_found', 'no such template');
    if (input.body !== undefined) checkBody(before.kind, before.locale as TemplateLocale, input.body, await this.reviewDays(actor.institutionId));
    await this.checkCategory(actor.institutionId, input.categoryId);
    const { version, ...set } = input;
    return this.audit.transaction(async (tx) => {
      const row = await templatesRepo.update(tx, id, version, set, this.deps.now());
      if (!row) throw new AppError('stale_version', 'the template was changed by someone else; reload and try again');
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'template.update', objectType: 'template', objectId: id, scopePath: null, before: toTemplate(before), after: toTemplate(row) });
      return toTemplate(row);
    });
  }

  /**
   * A template filled from a case the caller may see, for the letter or reply being written (a
   * draft decision's outcome given). Nothing personal: an individual customer's name is left as a
   * blank (【请填写客户姓名】 in a Chinese template, listed in `missing`) for the writer.
   */
  async render(ctx: RequestContext, id: string, caseId: string, draft: { decisionOutcome?: DecisionOutcome } = {}): Promise<{ title: string; body: string; missing: string[] }> {
    const actor = requireActor(ctx);
    const template = await templatesRepo.byId(this.deps.db, actor.institutionId, id);
    if (!template || !template.active) throw new AppError('not_found', 'no such template');
    const values = await this.cases.templateValues(ctx, caseId, template.locale as TemplateLocale, { outcome: draft.decisionOutcome });
    const days = await this.reviewDays(actor.institutionId);
    // Without a review window its clause is left out, so its variable is not missing.
    const missing = templateVariables(template.body).filter((v) => values[v as keyof typeof values] === undefined && !(v === 'reviewWindowDays' && days === null));
    return { title: template.title, body: renderForRuleSet(template.body, values, days, template.locale as TemplateLocale), missing };
  }

  /**
   * Adds the default templates each institution lacks — a LoopDesk upgrade ships new ones (the
   * reply templates) to institutions created before it — each audited. One retired or edited is
   * kept as it is (its code and locale exist); one still as an earlier LoopDesk shipped it, never
   * edited, gets the current body. Idempotent; the number added or replaced.
   */
  async addMissingDefaults(ctx: RequestContext): Promise<number> {
    let added = 0;
    for (const institutionId of await templatesRepo.institutionIds(this.deps.db)) {
      added += await this.audit.transaction(async (tx) => {
        const rows = await templatesRepo.insertMissing(tx, this.defaultRows(institutionId));
        for (const row of rows) await this.audit.record(tx, ctx, institutionId, { action: 'template.create', objectType: 'template', objectId: row.id, scopePath: null, after: toTemplate(row) });
        return rows.length + (await this.upgradeSuperseded(tx, ctx, institutionId));
      });
    }
    return added;
  }

  /** Replaces a default template an earlier LoopDesk shipped, where nobody edited it, with the current one (audited). */
  private async upgradeSuperseded(tx: Db, ctx: RequestContext, institutionId: string): Promise<number> {
    let upgraded = 0;
    for (const before of await templatesRepo.list(tx, institutionId, {})) {
      if (before.version !== 1 || !SUPERSEDED_TEMPLATE_BODIES.some((x) => x.code === before.code && x.locale === before.locale && x.body === before.body)) continue;
      const current = DEFAULT_TEMPLATES.find((x) => x.code === before.code && x.locale === before.locale)!;
      const row = await templatesRepo.update(tx, before.id, before.version, { body: current.body }, this.deps.now());
      if (!row) continue;
      await this.audit.record(tx, ctx, institutionId, { action: 'template.update', objectType: 'template', objectId: row.id, scopePath: null, before: toTemplate(before), after: toTemplate(row) });
      upgraded++;
    }
    return upgraded;
  }

  /** The default templates for a new institution, in its creating transaction. */
  async seedDefaults(tx: Db, institutionId: string): Promise<void> {
    await templatesRepo.insertMissing(tx, this.defaultRows(institutionId));
  }

  private defaultRows(institutionId: string) {
    return DEFAULT_TEMPLATES.map((t) => ({ id: randomUUID(), institutionId, ...t, categoryId: null, updatedAt: this.deps.now() }));
  }
}

function checkBody(kind: string, locale: TemplateLocale, body: string, reviewDays: number | null): void {
  const unknown = unknownVariables(body);
  if (unknown.length > 0) throw new AppError('unprocessable', `unknown variables: ${unknown.join(', ')}`, [{ field: 'body', message: `unknown variables: ${unknown.join(', ')}` }]);
  if (kind === 'decision_letter') {
    const missing = missingDecisionLetterElements(renderForRuleSet(body, {}, reviewDays), locale, reviewDays);
    if (missing.length > 0) {
      throw new AppError('unprocessable', `a decision letter must tell the complainant: ${missing.join('; ')}`, [{ field: 'body', message: `missing: ${missing.join('; ')}` }]);
    }
  }
}

function toTemplate(r: TemplateRow): TTemplate {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind as TTemplate['kind'],
    locale: r.locale as TTemplate['locale'],
    categoryId: r.categoryId,
    title: r.title,
    body: r.body,
    variables: templateVariables(r.body),
    active: r.active,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}
