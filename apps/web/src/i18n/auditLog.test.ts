import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '@loopdesk/core';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';
import { en } from './en';

/** The server's source files, as text (Vite reads them at test time). */
const SERVER_SOURCES = import.meta.glob<string>(['../../../server/src/**/*.ts', '!../../../server/src/**/*.test.ts'], { query: '?raw', import: 'default', eager: true });

/**
 * Every audit action code the server writes, read from its source: the literal codes
 * (`action: 'case.triage'`; a code has a dot, a lifecycle action such as 'accept' has none) and
 * the codes of the template literals this test knows how to expand. A template it does not know
 * fails the test: teach it the codes the new one writes.
 */
function serverActionCodes(): Set<string> {
  const all = Object.values(SERVER_SOURCES).join('\n');
  const prefixes = [...all.matchAll(/actionPrefix: '([a-z_]+)'/g)].map((m) => m[1]!);
  const templates: Record<string, readonly string[]> = {
    'case.${req.action}': CASE_ACTIONS.map((a) => `case.${a}`),
    'case.message_${input.direction}': ['inbound', 'outbound', 'internal'].map((d) => `case.message_${d}`),
    // A panel's outcome once it is no longer open (panelOutcome).
    'case.panel_${status}': ['agreed', 'returned'].map((s) => `case.panel_${s}`),
    '${this.spec.actionPrefix}.create': prefixes.map((p) => `${p}.create`),
    '${this.spec.actionPrefix}.update': prefixes.map((p) => `${p}.update`),
    '${this.spec.actionPrefix}.delete': prefixes.map((p) => `${p}.delete`),
  };
  const codes = new Set<string>();
  for (const m of all.matchAll(/\baction: '([a-z_]+\.[a-z_.]+)'/g)) codes.add(m[1]!);
  for (const m of all.matchAll(/\baction: `([^`]+)`/g)) {
    const expanded = templates[m[1]!];
    if (!expanded) throw new Error(`the server writes the audit action \`${m[1]}\`: add the codes it expands to here`);
    for (const code of expanded) codes.add(code);
  }
  return codes;
}

function label(messages: unknown, code: string): unknown {
  return code.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), (messages as { auditAction: unknown }).auditAction);
}

describe('audit action labels', () => {
  const codes = [...serverActionCodes()].sort();

  it('finds the codes the server writes, literal and built', () => {
    expect(Object.keys(SERVER_SOURCES).length).toBeGreaterThan(50);
    expect(codes.length).toBeGreaterThan(80);
    expect(codes).toEqual(expect.arrayContaining(['case.triage', 'auth.login', 'case.accept', 'case.message_outbound', 'case.panel_agreed', 'assignment_rule.delete', 'major_rule.create']));
  });

  it.each([
    ['zh-CN', zhCN],
    ['zh-TW', zhTW],
    ['en', en],
  ] as const)('names every one of them in %s', (_lang, messages) => {
    const missing = codes.filter((code) => {
      const text = label(messages, code);
      return typeof text !== 'string' || text.trim() === '';
    });
    expect(missing).toEqual([]);
  });
});
