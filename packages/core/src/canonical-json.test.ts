import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth so that key order never changes the bytes', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('writes dates as ISO strings, drops undefined members and keeps nulls', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.006Z'), gone: undefined, none: null })).toBe(
      '{"at":"2026-01-02T03:04:05.006Z","none":null}',
    );
  });

  it('round-trips through JSON.parse to the same text (as a jsonb column would give it back)', () => {
    const value = { 名称: '北京分行', n: 1.5, list: [true, false, null], nested: { '': 'empty key' } };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
  });
});
