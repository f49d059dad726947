import { describe, expect, it } from 'vitest';
import { canContain, childPath, isWithin, pathIds, type OrgUnitKind } from './org';

describe('org tree paths', () => {
  it.each([
    ['/a/', '/a/', true],
    ['/a/b/', '/a/', true],
    ['/a/b/c/', '/a/b/', true],
    ['/a/', '/a/b/', false],
    ['/ab/', '/a/', false], // a sibling whose id shares a prefix is not inside
    ['/x/b/', '/a/', false],
  ])('isWithin(%s, %s) = %s', (path, ancestor, expected) => {
    expect(isWithin(path, ancestor)).toBe(expected);
  });

  it('builds child paths and reads ids back root first', () => {
    expect(childPath(null, 'root')).toBe('/root/');
    expect(childPath('/root/', 'bj')).toBe('/root/bj/');
    expect(pathIds('/root/bj/hd/')).toEqual(['root', 'bj', 'hd']);
  });
});

describe('which unit kinds may contain which', () => {
  const rows: [OrgUnitKind, OrgUnitKind, boolean][] = [
    ['head_office', 'branch', true],
    ['head_office', 'department', true],
    ['head_office', 'sub_branch', false],
    ['head_office', 'outlet', false],
    ['head_office', 'head_office', false],
    ['branch', 'sub_branch', true],
    ['branch', 'department', true],
    ['branch', 'branch', false],
    ['branch', 'outlet', false],
    ['sub_branch', 'outlet', true],
    ['sub_branch', 'department', true],
    ['sub_branch', 'branch', false],
    ['outlet', 'outlet', false],
    ['outlet', 'department', false],
    ['department', 'department', true],
    ['department', 'branch', false],
  ];
  it.each(rows)('%s contains %s: %s', (parent, child, expected) => {
    expect(canContain(parent, child)).toBe(expected);
  });
});
