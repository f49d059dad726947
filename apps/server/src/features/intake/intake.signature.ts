import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Headers a channel integration signs its requests with. */
export const INTAKE_HEADERS = {
  key: 'x-loopdesk-key',
  timestamp: 'x-loopdesk-timestamp',
  signature: 'x-loopdesk-signature',
  idempotency: 'idempotency-key',
} as const;

/** Requests older or newer than this are refused, so a captured request cannot be replayed later. */
export const REPLAY_WINDOW_SECONDS = 300;

/**
 * The string an integration signs: method, path (with query), timestamp and the SHA-256 of the
 * raw body, one per line. Signing the body's hash keeps the string small for big bodies.
 */
export function signingString(method: string, path: string, timestamp: string, rawBody: string): string {
  const bodyHash = createHash('sha256').update(rawBody, 'utf8').digest('hex');
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${bodyHash}`;
}

/** HMAC-SHA256 of the signing string, hex. Integrations compute the same. */
export function sign(secret: string, method: string, path: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(signingString(method, path, timestamp, rawBody)).digest('hex');
}

export type SignatureProblem = 'missing' | 'stale' | 'mismatch';

/** Checks a request's signature and timestamp against `now`. */
export function checkSignature(
  secret: string,
  req: { method: string; path: string; timestamp: string | undefined; signature: string | undefined; rawBody: string },
  now: Date,
): SignatureProblem | null {
  if (!req.timestamp || !req.signature) return 'missing';
  const ts = Number(req.timestamp);
  if (!/^\d{9,11}$/.test(req.timestamp) || Math.abs(now.getTime() / 1000 - ts) > REPLAY_WINDOW_SECONDS) return 'stale';
  const expected = Buffer.from(sign(secret, req.method, req.path, req.timestamp, req.rawBody), 'hex');
  const given = Buffer.from(req.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'mismatch';
}

/** The hash an Idempotency-Key is bound to: the same key with another body is refused. */
export function bodyHash(rawBody: string): string {
  return createHash('sha256').update(rawBody, 'utf8').digest('hex');
}
