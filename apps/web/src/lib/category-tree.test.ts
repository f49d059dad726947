import { describe, expect, it } from 'vitest';
import type { TCategory } from '@loopdesk/core';
import { categoryPath, categoryTree } from './category-tree';

const category = (id: string, parentId: string | null, nameZh: string, active = true): TCategory => ({ id, parentId, code: id, nameZh, nameEn: `${id} en`, sort: 0, active });
const list = [category('service', null, '服务质量'), category('speed', 'service', '响应速度'), category('attitude', 'service', '服务态度', false), category('product', null, '产品功能')];

describe('categoryTree', () => {
  it('nests children under their parent and disables retired categories', () => {
    expect(categoryTree(list, false)).toEqual([
      {
        value: 'service',
        title: '服务质量',
        disabled: false,
        children: [
          { value: 'speed', title: '响应速度', disabled: false, children: [] },
          { value: 'attitude', title: '服务态度', disabled: true, children: [] },
        ],
      },
      { value: 'product', title: '产品功能', disabled: false, children: [] },
    ]);
  });

  it('names categories in English for the English console', () => {
    expect(categoryTree(list, true).map((c) => c.title)).toEqual(['service en', 'product en']);
  });
});

describe('categoryPath', () => {
  it.each([
    ['speed', false, '服务质量 / 响应速度'],
    ['service', false, '服务质量'],
    ['speed', true, 'service en / speed en'],
    ['gone', false, undefined],
  ])('%s (en: %s)', (id, en, expected) => {
    expect(categoryPath(list, id, en)).toBe(expected);
  });
});
