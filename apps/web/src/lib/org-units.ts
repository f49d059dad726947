import { useQuery } from '@tanstack/react-query';
import { ZOrgUnitList, type TOrgUnit } from '@loopdesk/core';
import { api } from './api';

export const ORG_UNITS_QUERY_KEY = ['org-units'] as const;

/** The institution's org units as the flat list the API returns. */
export function useOrgUnits(enabled = true) {
  return useQuery({
    queryKey: ORG_UNITS_QUERY_KEY,
    queryFn: async () => (await api.get('/api/org-units', ZOrgUnitList)).items,
    staleTime: 30_000,
    enabled,
  });
}

export interface OrgNode {
  unit: TOrgUnit;
  children: OrgNode[];
}

/** Builds the tree from the flat list; units whose parent is missing become roots. */
export function buildOrgTree(units: readonly TOrgUnit[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => a.unit.code.localeCompare(b.unit.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The ids of `id` and everything below it. */
export function subtreeIds(units: readonly TOrgUnit[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}
