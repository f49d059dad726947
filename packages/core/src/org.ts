/** Kinds of org unit: the branch hierarchy 总行 → 分行 → 支行 → 网点, plus departments. */
export const ORG_UNIT_KINDS = ['head_office', 'branch', 'sub_branch', 'outlet', 'department'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/**
 * Which kinds may sit directly under which. Departments may sit under any office
 * (a branch has its own 消保 or 公司业务部), never under another department's outlet.
 */
export const ALLOWED_CHILD_KINDS: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  head_office: ['branch', 'department'],
  branch: ['sub_branch', 'department'],
  sub_branch: ['outlet', 'department'],
  outlet: [],
  department: ['department'],
};

/** True when a unit of kind `child` may be placed directly under a unit of kind `parent`. */
export function canContain(parent: OrgUnitKind, child: OrgUnitKind): boolean {
  return ALLOWED_CHILD_KINDS[parent].includes(child);
}

/**
 * Org units carry a materialised path of their ancestors' ids, `/a/b/c/`, so a subtree is a
 * prefix match that an index serves. The path of a unit ends with its own id.
 */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** True when the unit at `path` is the unit at `ancestorPath` or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** The ids on a path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}
