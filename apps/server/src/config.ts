import path from 'node:path';
import { z } from 'zod';
import { ATTACHMENT_KINDS, DEFAULT_ATTACHMENT_KINDS, passwordProblems, type AttachmentKind } from '@loopdesk/core';

const ZBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting LoopDesk reads from the environment, with its default and what it expects. */
export const ZConfigEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
    .optional(),
  LOOPDESK_DATA_DIR: z.string().min(1).default('./data'),
  LOOPDESK_SEED: z.enum(['demo', 'none']).default('demo'),
  LOOPDESK_ADMIN_PASSWORD: z
    .string()
    .refine((p) => passwordProblems(p).length === 0, 'at least 10 characters with three of: lower case, upper case, digit, symbol')
    .optional(),
  LOOPDESK_AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64,}$/, 'at least 32 bytes written as hex (64+ hex digits)')
    .optional(),
  LOOPDESK_AUDIT_KEY_FILE: z.string().min(1).optional(),
  LOOPDESK_DATA_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]+:[0-9a-fA-F]{64}(,[A-Za-z0-9_-]+:[0-9a-fA-F]{64})*$/, 'comma-separated keyId:hex32bytes, the first one current')
    .optional(),
  LOOPDESK_DATA_KEY_FILE: z.string().min(1).optional(),
  LOOPDESK_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOOPDESK_TRUST_PROXY: ZBool.default(false),
  LOOPDESK_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LOOPDESK_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  LOOPDESK_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOOPDESK_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** How often each worker process asks for a clock tick (warnings, breaches, escalation). */
  LOOPDESK_CLOCK_TICK_SECONDS: z.coerce.number().min(0.05).max(3600).default(15),
  /**
   * How long a stop waits for running background jobs: then their jobs are given up (retried
   * later by any worker) and whatever they still wait for in the database is cancelled.
   */
  LOOPDESK_STOP_GRACE_SECONDS: z.coerce.number().min(1).max(600).default(10),
  LOOPDESK_WEB_DIR: z.string().min(1).optional(),
  LOOPDESK_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
  LOOPDESK_ATTACHMENT_KINDS: z
    .string()
    .transform((v) => v.split(',').map((k) => k.trim().toLowerCase()).filter(Boolean))
    .refine((ks) => ks.length > 0 && ks.every((k) => k in ATTACHMENT_KINDS), `comma-separated, from: ${Object.keys(ATTACHMENT_KINDS).join(', ')}`)
    .transform((ks) => ks as AttachmentKind[])
    .default([...DEFAULT_ATTACHMENT_KINDS]),
  /**
   * Where email notices go: smtp://user:password@host:port (smtps:// for TLS from the start;
   * nodemailer options as query parameters, e.g. ?ignoreTLS=true). Unset: staff notices reach
   * the console's in-app inbox only and customer notices wait in the outbox until it is set.
   * The password is never logged.
   */
  LOOPDESK_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of email notices, e.g. "LoopDesk <noreply@bank.example>"; required with LOOPDESK_SMTP_URL. */
  LOOPDESK_MAIL_FROM: z
    .string()
    .regex(/^(.*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, 'an email address, optionally as Name <address>')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ConfigEnv = z.infer<typeof ZConfigEnv>;

export interface Config extends ConfigEnv {
  dataDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; expected: string }[]) {
    super(
      `LoopDesk cannot start: invalid configuration\n${problems
        .map((p) => `  ${p.variable}: ${p.expected}`)
        .join('\n')}`,
    );
  }
}

/** Reads and checks the environment; a wrong value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are how shells unset things; treat them as absent.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZConfigEnv.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '?'),
        expected: describeIssue(i),
      })),
    );
  }
  if (parsed.data.LOOPDESK_SMTP_URL && !parsed.data.LOOPDESK_MAIL_FROM) {
    throw new ConfigError([{ variable: 'LOOPDESK_MAIL_FROM', expected: 'the sender address, required with LOOPDESK_SMTP_URL' }]);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.LOOPDESK_DATA_DIR) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}
