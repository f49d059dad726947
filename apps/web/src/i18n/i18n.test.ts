import { describe, expect, it } from 'vitest';
import {
  BUSINESS_LINES,
  CASE_ACTIONS,
  CASE_KINDS,
  CASE_QUEUES,
  CASE_STATUSES,
  CHANNELS,
  CUSTOMER_TYPES,
  DECISION_OUTCOMES,
  ENTERPRISE_SIZES,
  ERROR_CODES,
  GRANT_PURPOSES,
  JR_BUSINESS_CATEGORIES,
  JR_CAUSES,
  JR_CHANNELS,
  ORG_UNIT_KINDS,
  PRIORITIES,
  REMEDY_KINDS,
  RISK_FLAGS,
  ROLES,
  TIMINGS,
  USER_STATUSES,
  VALUE_TIERS,
} from '@loopdesk/core';
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

  it('translates the case and customer vocabulary, every action with its hint and timeline event', () => {
    const vocab: [string, readonly string[]][] = [
      ['caseStatus', CASE_STATUSES],
      ['caseKind', CASE_KINDS],
      ['channel', CHANNELS],
      ['priority', PRIORITIES],
      ['timing', TIMINGS],
      ['riskFlag', RISK_FLAGS],
      ['businessLine', BUSINESS_LINES],
      ['jrBusinessCategory', JR_BUSINESS_CATEGORIES],
      ['jrCause', JR_CAUSES],
      ['jrChannel', JR_CHANNELS],
      ['decisionOutcome', DECISION_OUTCOMES],
      ['remedyKind', REMEDY_KINDS],
      ['caseAction', CASE_ACTIONS],
      ['caseActionHint', CASE_ACTIONS],
      ['caseEvent', CASE_ACTIONS],
      ['caseQueue', CASE_QUEUES],
      ['customerType', CUSTOMER_TYPES],
      ['enterpriseSize', ENTERPRISE_SIZES],
      ['valueTier', VALUE_TIERS],
    ];
    const needed = vocab.flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`));
    expect(needed.filter((k) => !languages['zh-CN'].has(k))).toEqual([]);
  });

  it('names the case pages as agreed', () => {
    expect(zhCN.nav.group.cases).toBe('工单');
    expect(zhCN.nav.newCase).toBe('登记工单');
    expect(zhCN.caseQueue).toMatchObject({ mine: '我的工单', unassigned: '未分配', new: '待受理', due_soon: '即将到期', overdue: '已超期', awaiting_customer: '等待客户', open: '全部未结', all: '全部' });
    expect(zhCN.due.provisionalSuffix).toBe('（暂定）');
    expect(zhCN.messages.masked).toBe('已脱敏');
  });

  it('shows the agreed login and menu words', () => {
    expect(zhCN.login).toMatchObject({ username: '用户名', password: '密码', submit: '登录' });
    expect([zhCN.nav.overview, zhTW.nav.overview, en.nav.overview]).toEqual(['工作台', '工作臺', 'Overview']);
  });
});
