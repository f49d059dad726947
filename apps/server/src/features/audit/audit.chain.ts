import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '@loopdesk/core';

/** The fields of an entry that its hash covers: everything but the hash itself. */
export interface ChainedFields {
  institutionId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  scopePath: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** The chain's starting hash for an institution, so chains cannot be swapped between institutions. */
export function genesisHash(key: Buffer, institutionId: string): string {
  return createHmac('sha256', key).update(`loopdesk-audit-genesis\0${institutionId}`).digest('hex');
}

/** HMAC-SHA256 over the canonical form of the entry, previous hash included. */
export function entryHash(key: Buffer, f: ChainedFields): string {
  const body = canonicalJson({ ...f, at: f.at.toISOString() });
  return createHmac('sha256', key).update(body).digest('hex');
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A chain head exported to a file kept away from the database; it anchors the tail. */
export interface Checkpoint {
  format: 'loopdesk-audit-checkpoint/1';
  institutionId: string;
  seq: number;
  hash: string;
  createdAt: string;
  signature: string;
}

export function signCheckpoint(key: Buffer, head: Omit<Checkpoint, 'format' | 'signature'>): Checkpoint {
  const unsigned = { format: 'loopdesk-audit-checkpoint/1' as const, ...head };
  return { ...unsigned, signature: checkpointSignature(key, unsigned) };
}

export function checkpointSignature(key: Buffer, c: Omit<Checkpoint, 'signature'>): string {
  return createHmac('sha256', key)
    .update(`loopdesk-audit-checkpoint\0${canonicalJson(c)}`)
    .digest('hex');
}
