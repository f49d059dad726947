import pino, { type Logger } from 'pino';
import type { Config } from '../config';

/**
 * JSON logs. Credentials are redacted wherever they might appear: headers, bodies that a
 * handler logs, and errors that carry a request.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.oneTimePassword',
  '*.token',
  '*.csrfToken',
  '*.passwordHash',
  'body.password',
  'body.currentPassword',
  'body.newPassword',
];

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'loopdesk' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
