import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): { variable: string; expected: string }[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('starts with defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.LOOPDESK_LOGIN_MAX_FAILURES).toBe(5);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', /number/],
    [{ PORT: '70000' }, 'PORT', /65535/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres:\/\//],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of .*info/],
    [{ LOOPDESK_ADMIN_PASSWORD: 'short' }, 'LOOPDESK_ADMIN_PASSWORD', /10 characters/],
    [{ LOOPDESK_AUDIT_KEY: 'abc' }, 'LOOPDESK_AUDIT_KEY', /32 bytes/],
    [{ LOOPDESK_DATA_KEYS: 'k1:zz' }, 'LOOPDESK_DATA_KEYS', /keyId:hex/],
    [{ LOOPDESK_COOKIE_SECURE: 'yes' }, 'LOOPDESK_COOKIE_SECURE', /auto, true, false/],
    [{ LOOPDESK_TRUST_PROXY: 'maybe' }, 'LOOPDESK_TRUST_PROXY', /one of/],
    [{ LOOPDESK_SMTP_URL: 'http://mail.example' }, 'LOOPDESK_SMTP_URL', /smtp:\/\//],
    [{ LOOPDESK_SMTP_URL: 'smtp://mail.example:25' }, 'LOOPDESK_MAIL_FROM', /required with LOOPDESK_SMTP_URL/],
    [{ LOOPDESK_SMTP_URL: 'smtp://mail.example:25', LOOPDESK_MAIL_FROM: 'not an address' }, 'LOOPDESK_MAIL_FROM', /email address/],
  ])('%j is refused naming %s', (env, variable, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.variable).toBe(variable);
    expect(problems[0]!.expected).toMatch(expected);
  });

  it('names every wrong variable at once, in a message fit for a terminal', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/invalid configuration\n {2}PORT: .*\n {2}LOG_LEVEL: /);
    }
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
