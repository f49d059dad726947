import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { parseKeyRing, type KeyRing } from './field-cipher';

export interface Secrets {
  auditKey: Buffer;
  dataKeys: KeyRing;
  /** Files generated on this start; the caller warns that they belong apart from the database. */
  generated: string[];
}

/**
 * Loads the audit HMAC key and the data-encryption keys from the environment or key files.
 * With neither configured, a first start writes fresh keys to `<data dir>/keys/` (mode 0600)
 * so the demo runs with no setup; production keeps them in a secret store instead.
 */
export function loadSecrets(config: Config): Secrets {
  const generated: string[] = [];
  const keyDir = path.join(config.dataDir, 'keys');
  const fromFile = (file: string) => readFileSync(file, 'utf8').trim();
  const generate = (name: string, content: string) => {
    const file = path.join(keyDir, name);
    if (!existsSync(file)) {
      mkdirSync(keyDir, { recursive: true, mode: 0o700 });
      writeFileSync(file, `${content}\n`, { mode: 0o600, flag: 'wx' });
      generated.push(file);
    }
    return fromFile(file);
  };

  const auditHex =
    config.LOOPDESK_AUDIT_KEY ??
    (config.LOOPDESK_AUDIT_KEY_FILE ? fromFile(config.LOOPDESK_AUDIT_KEY_FILE) : generate('audit.key', randomBytes(32).toString('hex')));
  if (!/^[0-9a-fA-F]{64,}$/.test(auditHex)) throw new Error('the audit key must be at least 32 bytes written as hex');

  const dataText =
    config.LOOPDESK_DATA_KEYS ??
    (config.LOOPDESK_DATA_KEY_FILE
      ? fromFile(config.LOOPDESK_DATA_KEY_FILE)
      : generate('data.keys', `k1:${randomBytes(32).toString('hex')}`));

  return { auditKey: Buffer.from(auditHex, 'hex'), dataKeys: parseKeyRing(dataText), generated };
}
