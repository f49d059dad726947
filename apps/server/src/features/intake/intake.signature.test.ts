import { describe, expect, it } from 'vitest';
import { checkSignature, sign, signingString } from './intake.signature';

const SECRET = 'integration-secret';
const NOW = new Date('2026-11-20T02:00:00Z');
const TS = String(NOW.getTime() / 1000);
const BODY = '{"text":"投诉"}';

describe('intake request signatures', () => {
  const req = (over: Partial<{ method: string; path: string; timestamp: string | undefined; signature: string | undefined; rawBody: string }> = {}) => ({
    method: 'POST',
    path: '/api/intake',
    timestamp: TS,
    signature: sign(SECRET, 'POST', '/api/intake', TS, BODY),
    rawBody: BODY,
    ...over,
  });

  it('signs method, path, timestamp and the body hash, one per line', () => {
    expect(signingString('post', '/api/intake', TS, '')).toBe(`POST\n/api/intake\n${TS}\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`);
  });

  it('accepts a fresh, correct signature', () => {
    expect(checkSignature(SECRET, req(), NOW)).toBeNull();
  });

  it.each([
    ['no signature', { signature: undefined }, 'missing'],
    ['no timestamp', { timestamp: undefined }, 'missing'],
    ['an altered body', { rawBody: '{"text":"表扬"}' }, 'mismatch'],
    ['another path', { path: '/api/intake?x=1' }, 'mismatch'],
    ['another method', { method: 'PUT' }, 'mismatch'],
    ['a signature with another secret', { signature: sign('other', 'POST', '/api/intake', TS, BODY) }, 'mismatch'],
    ['garbage', { signature: 'zz' }, 'mismatch'],
    ['a replay six minutes later', { timestamp: String(Number(TS) - 360), signature: sign(SECRET, 'POST', '/api/intake', String(Number(TS) - 360), BODY) }, 'stale'],
    ['a timestamp from the future', { timestamp: String(Number(TS) + 360), signature: sign(SECRET, 'POST', '/api/intake', String(Number(TS) + 360), BODY) }, 'stale'],
    ['a timestamp in milliseconds', { timestamp: String(NOW.getTime()) }, 'stale'],
  ])('refuses %s', (_name, over, problem) => {
    expect(checkSignature(SECRET, req(over), NOW)).toBe(problem);
  });
});
