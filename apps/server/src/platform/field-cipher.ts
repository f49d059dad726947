import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Data-encryption keys by id; `current` seals new values, the others still open old ones. */
export interface KeyRing {
  current: string;
  keys: Map<string, Buffer>;
}

/** Parses `id:hex,id2:hex` — the first key is the current one. */
export function parseKeyRing(text: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let current = '';
  for (const part of text.trim().split(/[,\n]/).map((s) => s.trim()).filter(Boolean)) {
    const [id, hex] = part.split(':');
    if (!id || !hex || !/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('a data key is keyId:64 hex digits');
    keys.set(id, Buffer.from(hex, 'hex'));
    current ||= id;
  }
  if (!current) throw new Error('no data key');
  return { current, keys };
}

/**
 * Seals personal data with AES-256-GCM. The sealed text names its key id so keys can rotate,
 * and `context` (table.column:rowId) is bound as associated data so that a sealed value cannot
 * be moved to another row or column and still open.
 */
export class FieldCipher {
  constructor(private readonly ring: KeyRing) {}

  seal(plain: string, context: string): string {
    const key = this.ring.keys.get(this.ring.current)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', this.ring.current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    const key = keyId ? this.ring.keys.get(keyId) : undefined;
    if (version !== 'v1' || !key || !iv || !tag || body === undefined) throw new Error(`cannot open sealed value (key ${keyId ?? '?'})`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * Seals a file the same way, as bytes: a version byte, the key id's length and the key id, the
   * 12-byte IV, the 16-byte tag, then the ciphertext.
   */
  sealBytes(plain: Uint8Array, context: string): Buffer {
    const keyId = Buffer.from(this.ring.current);
    const key = this.ring.keys.get(this.ring.current)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([1, keyId.length]), keyId, iv, cipher.getAuthTag(), body]);
  }

  openBytes(sealed: Uint8Array, context: string): Buffer {
    const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const idLength = b[1] ?? 0;
    const keyId = b.subarray(2, 2 + idLength).toString();
    const key = this.ring.keys.get(keyId);
    if (b[0] !== 1 || !key || b.length < 2 + idLength + 28) throw new Error(`cannot open sealed bytes (key ${keyId || '?'})`);
    const at = 2 + idLength;
    const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(at, at + 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(b.subarray(at + 12, at + 28));
    return Buffer.concat([decipher.update(b.subarray(at + 28)), decipher.final()]);
  }

  sealNullable(plain: string | null | undefined, context: string): string | null {
    return plain == null ? null : this.seal(plain, context);
  }

  openNullable(sealed: string | null, context: string): string | null {
    return sealed == null ? null : this.open(sealed, context);
  }

  /** A keyed hash for exact look-ups (by phone, by ID number) without decrypting rows. */
  blindIndex(value: string, purpose: string): string {
    const key = this.ring.keys.get(this.ring.current)!;
    return createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');
  }
}
