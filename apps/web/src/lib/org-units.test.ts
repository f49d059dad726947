import { describe, expect, it } from 'vitest';
import type { TOrgUnit } from '@loopdesk/core';
import { buildOrgTree, subtreeIds } from './org-units';

const unit = (id: string, parentId: string | null, code: string, kind: TOrgUnit['kind'] = 'branch'): TOrgUnit => ({
  id,
  parentId,
  kind,
  code,
  name: id,
  depth: 0,
  version: 1,
});

const units = [
  unit('b2', 'ho', 'B2'),
  unit('ho', null, 'HO', 'head_office'),
  unit('b1', 'ho', 'B1'),
  unit('s1', 'b1', 'S1', 'sub_branch'),
  unit('orphan', 'missing', 'ZZ'),
];

describe('buildOrgTree', () => {
  it('nests units under their parents, sorted by code, orphans as roots', () => {
    const tree = buildOrgTree(units);
    expect(tree.map((n) => n.unit.id)).toEqual(['ho', 'orphan']);
    expect(tree[0]?.children.map((n) => n.unit.id)).toEqual(['b1', 'b2']);
    expect(tree[0]?.children[0]?.children.map((n) => n.unit.id)).toEqual(['s1']);
  });
});

describe('subtreeIds', () => {
  it('holds the unit and everything below it', () => {
    expect([...subtreeIds(units, 'b1')].sort()).toEqual(['b1', 's1']);
    expect(subtreeIds(units, 'ho').size).toBe(4);
  });
});
