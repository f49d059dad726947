import type { TCategory } from '@loopdesk/core';

export interface CategoryOption {
  value: string;
  title: string;
  /** A retired category stays on the templates that name it, but cannot be chosen anew. */
  disabled: boolean;
  children: CategoryOption[];
}

const nameOf = (c: TCategory, en: boolean) => (en ? c.nameEn : c.nameZh);

/** The category tree for a single-choice TreeSelect, in the order the server lists it. */
export function categoryTree(categories: readonly TCategory[], en: boolean, parentId: string | null = null): CategoryOption[] {
  return categories
    .filter((c) => c.parentId === parentId)
    .map((c) => ({ value: c.id, title: nameOf(c, en), disabled: !c.active, children: categoryTree(categories, en, c.id) }));
}

/** A category with its ancestors ('服务质量 / 响应速度'); undefined when the list does not hold it. */
export function categoryPath(categories: readonly TCategory[], id: string, en: boolean): string | undefined {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names: string[] = [];
  // Bounded by the list's length: a cycle (which the server never sends) cannot loop forever.
  for (let c = byId.get(id); c && names.length <= categories.length; c = c.parentId === null ? undefined : byId.get(c.parentId)) names.unshift(nameOf(c, en));
  return names.length > 0 ? names.join(' / ') : undefined;
}
