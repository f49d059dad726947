import { describe, expect, it } from 'vitest';
import { FieldCipher, parseKeyRing } from './field-cipher';

const K1 = `k1:${'11'.repeat(32)}`;
const K2 = `k2:${'22'.repeat(32)}`;

describe('FieldCipher', () => {
  it('seals and opens; the sealed text holds no plaintext and differs each time', () => {
    const c = new FieldCipher(parseKeyRing(K1));
    const a = c.seal('13812345678', 'users.phone:1');
    const b = c.seal('13812345678', 'users.phone:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1381234');
    expect(a.startsWith('v1.k1.')).toBe(true);
    expect(c.open(a, 'users.phone:1')).toBe('13812345678');
  });

  it('refuses a value moved to another row or column', () => {
    const c = new FieldCipher(parseKeyRing(K1));
    const sealed = c.seal('zhang@bank.cn', 'users.email:1');
    expect(() => c.open(sealed, 'users.email:2')).toThrow();
    expect(() => c.open(sealed, 'users.phone:1')).toThrow();
  });

  it('refuses a tampered value', () => {
    const c = new FieldCipher(parseKeyRing(K1));
    const parts = c.seal('zhang@bank.cn', 'x').split('.');
    parts[4] = Buffer.from('changed').toString('base64url');
    expect(() => c.open(parts.join('.'), 'x')).toThrow();
  });

  it('rotates keys: new values use the first key, old ones still open', () => {
    const old = new FieldCipher(parseKeyRing(K1)).seal('old', 'x');
    const rotated = new FieldCipher(parseKeyRing(`${K2},${K1}`));
    expect(rotated.open(old, 'x')).toBe('old');
    expect(rotated.seal('new', 'x').startsWith('v1.k2.')).toBe(true);
  });

  it('seals bytes: binary-safe, bound to its row, tamper-evident, and still open after rotation', () => {
    const c = new FieldCipher(parseKeyRing(K1));
    const file = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, ...Buffer.from('身份证 110101199003074477')]);
    const sealed = c.sealBytes(file, 'case_attachments.content:1');
    expect(sealed.includes(Buffer.from('110101199003074477'))).toBe(false);
    expect(c.openBytes(sealed, 'case_attachments.content:1').equals(file)).toBe(true);
    expect(() => c.openBytes(sealed, 'case_attachments.content:2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => c.openBytes(tampered, 'case_attachments.content:1')).toThrow();
    const rotated = new FieldCipher(parseKeyRing(`${K2},${K1}`));
    expect(rotated.openBytes(new Uint8Array(sealed), 'case_attachments.content:1').equals(file)).toBe(true);
  });

  it('gives the same blind index for the same value and purpose only', () => {
    const c = new FieldCipher(parseKeyRing(K1));
    expect(c.blindIndex('13812345678', 'phone')).toBe(c.blindIndex('13812345678', 'phone'));
    expect(c.blindIndex('13812345678', 'phone')).not.toBe(c.blindIndex('13812345678', 'id_number'));
  });

  it('rejects malformed key rings', () => {
    expect(() => parseKeyRing('')).toThrow();
    expect(() => parseKeyRing('k1:1234')).toThrow();
  });
});
