import { describe, expect, it } from 'vitest';
import { ERROR_CODES, GRANT_PURPOSES, ORG_UNIT_KINDS, ROLES, USER_STATUSES } from '@loopdesk/core';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';
import { en } from './en';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const languages = { 'zh-CN': flatten(zhCN), 'zh-TW': flatten(zhTW), en: flatten(en) };
const reference = [...languages['zh-CN'].keys()].sort();

describe('i18n resources', () => {
  it.each(Object.entries(languages))('%s has the same keys as zh-CN', (_lang, messages) => {
    expect([...messages.keys()].sort()).toEqual(reference);
  });

  it.each(Object.entries(languages))('%s has no empty strings', (_lang, messages) => {
    const empty = [...messages].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(languages))('%s uses the same placeholders as zh-CN', (_lang, messages) => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of reference) {
      expect(placeholders(messages.get(key) ?? ''), key).toEqual(placeholders(languages['zh-CN'].get(key) ?? ''));
    }
  });

  it('translates every error code, role, org kind, user status and grant purpose', () => {
    const needed = [
      ...Object.keys(ERROR_CODES).map((c) => `errors.${c}`),
      ...ROLES.map((r) => `roles.${r}`),
      ...ORG_UNIT_KINDS.map((k) => `orgKind.${k}`),
      ...USER_STATUSES.map((s) => `userStatus.${s}`),
      ...GRANT_PURPOSES.map((p) => `grantPurpose.${p}`),
    ];
    expect(needed.filter((k) => !languages['zh-CN'].has(k))).toEqual([]);
  });

  it('shows the agreed login and menu words', () => {
    expect(zhCN.login).toMatchObject({ username: '用户名', password: '密码', submit: '登录' });
    expect([zhCN.nav.overview, zhTW.nav.overview, en.nav.overview]).toEqual(['工作台', '工作臺', 'Overview']);
  });
});
