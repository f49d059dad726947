import { randomUUID } from 'node:crypto';
import { DEFAULT_CATEGORIES, type CategorySeed, type TCategory, type ZCreateCategoryRequest, type ZUpdateCategoryRequest } from '@loopdesk/core';
import type { Db } from '@loopdesk/db';
import type { z } from 'zod';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import { categoriesRepo, type CategoryRow } from './categories.repo';

type CreateCategory = z.infer<typeof ZCreateCategoryRequest>;
type UpdateCategory = z.infer<typeof ZUpdateCategoryRequest>;

/** The institution's content-category tree: seeded with the defaults, edited by admins. */
export class CategoriesService {
  constructor(
    private readonly deps: Deps,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext): Promise<TCategory[]> {
    return (await categoriesRepo.list(this.deps.db, requireActor(ctx).institutionId)).map(toCategory);
  }

  async create(ctx: RequestContext, input: CreateCategory): Promise<TCategory> {
    const actor = requireActor(ctx);
    if (input.parentId && !(await categoriesRepo.byId(this.deps.db, actor.institutionId, input.parentId))) {
      throw new AppError('unprocessable', 'no such parent category', [{ field: 'parentId', message: 'no such category' }]);
    }
    return this.audit.transaction(async (tx) => {
      const row = await categoriesRepo.insert(tx, { id: randomUUID(), institutionId: actor.institutionId, ...input });
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'category.create', objectType: 'category', objectId: row.id, scopePath: null, after: toCategory(row) });
      return toCategory(row);
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateCategory): Promise<TCategory> {
    const actor = requireActor(ctx);
    const before = await categoriesRepo.byId(this.deps.db, actor.institutionId, id);
    if (!before) throw new AppError('not_found', 'no such category');
    return this.audit.transaction(async (tx) => {
      const row = (await categoriesRepo.update(tx, id, input))!;
      await this.audit.record(tx, ctx, actor.institutionId, { action: 'category.update', objectType: 'category', objectId: id, scopePath: null, before: toCategory(before), after: toCategory(row) });
      return toCategory(row);
    });
  }

  /** Whether a category can be chosen for a case: it exists in the institution and is active. */
  async isSelectable(institutionId: string, id: string): Promise<boolean> {
    return !!(await categoriesRepo.byId(this.deps.db, institutionId, id))?.active;
  }

  /** A category's code (what classifiers learn and predict), or '' when there is none. */
  async codeOf(institutionId: string, id: string): Promise<string> {
    return (await categoriesRepo.byId(this.deps.db, institutionId, id))?.code ?? '';
  }

  /** The active categories by code, for turning a predicted code into the case's category. */
  async activeByCode(institutionId: string): Promise<Map<string, string>> {
    return new Map((await categoriesRepo.list(this.deps.db, institutionId)).filter((c) => c.active).map((c) => [c.code, c.id]));
  }

  /** Writes the default tree for a new institution, in its creating transaction. */
  async seedDefaults(tx: Db, institutionId: string, nodes: readonly CategorySeed[] = DEFAULT_CATEGORIES, parentId: string | null = null): Promise<void> {
    for (const [sort, node] of nodes.entries()) {
      const row = await categoriesRepo.insert(tx, { id: randomUUID(), institutionId, parentId, code: node.code, nameZh: node.zh, nameEn: node.en, sort });
      if (node.children) await this.seedDefaults(tx, institutionId, node.children, row.id);
    }
  }
}

function toCategory(r: CategoryRow): TCategory {
  return { id: r.id, parentId: r.parentId, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, sort: r.sort, active: r.active };
}
