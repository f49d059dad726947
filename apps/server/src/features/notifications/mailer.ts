import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** One email as LoopDesk sends it: plain text, with a Message-ID that repeats on a redelivery. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox row, so a receiving system can drop a second copy after a crash mid-send. */
  messageId: string;
}

/** Sends email over SMTP (nodemailer). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Transport options from an smtp:// or smtps:// URL: host, port, TLS from the start for smtps,
 * the credentials, and nodemailer options given as query parameters (?ignoreTLS=true). Short
 * timeouts by default: on the embedded database a send holds the only connection.
 */
export function smtpOptions(url: string): SMTPTransport.Options {
  const u = new URL(url);
  const options: Record<string, unknown> = {
    host: u.hostname,
    secure: u.protocol === 'smtps:',
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  if (u.port) options.port = Number(u.port);
  if (u.username) options.auth = { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) };
  for (const [key, value] of u.searchParams) {
    options[key] = value === 'true' ? true : value === 'false' ? false : value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return options as SMTPTransport.Options;
}

/** A mailer for an smtp:// or smtps:// URL and a sender address. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpOptions(url));
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    },
    close() {
      transport.close();
    },
  };
}

/**
 * An error as it may be stored and logged: the SMTP URL's password (and the whole userinfo)
 * never appears, even when a transport error quotes its connection string.
 */
export function safeErrorText(err: unknown, url: string | undefined): string {
  let text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  if (url) {
    try {
      const parsed = new URL(url);
      for (const secret of [parsed.password, decodeURIComponent(parsed.password), parsed.username && `${parsed.username}:${parsed.password}`]) {
        if (secret) text = text.split(secret).join('[redacted]');
      }
    } catch {
      // An unparsable URL was refused by the config already.
    }
  }
  return text.slice(0, 1000);
}
