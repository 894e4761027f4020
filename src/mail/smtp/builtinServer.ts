import type { SmtpEncryption } from '../../domain/outbound/smtpSettings.events.js';

/**
 * The built-in server (メールディーラーサーバ) is the product's own relay: the operator sets
 * it with `MAILROOM_BUILTIN_SMTP_URL=smtp://user:pass@host:587`. The manual has it speak
 * STARTTLS (メールディーラーサーバの場合 STARTTLS), so `smtp:` means STARTTLS required — never
 * clear text; `smtps:` (implicit TLS, port 465) is accepted as an operator's choice.
 */
export interface BuiltinSmtpServer {
  readonly host: string;
  readonly port: number;
  /** @default STARTTLS */
  readonly encryption?: SmtpEncryption;
  /** null: the relay accepts this host without SMTP AUTH (e.g. by IP). */
  readonly user: string | null;
  readonly password: string | null;
}

/** Parses the URL, or returns a problem that names what was expected (never echoing the password). */
export const parseBuiltinSmtpUrl = (raw: string): BuiltinSmtpServer | { readonly problem: string } => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'MAILROOM_BUILTIN_SMTP_URL must be a URL like smtp://user:password@smtp.example.com:587' };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return { problem: `MAILROOM_BUILTIN_SMTP_URL must use smtp: (STARTTLS) or smtps: (implicit TLS), got ${JSON.stringify(url.protocol)}` };
  }
  if (!url.hostname) return { problem: 'MAILROOM_BUILTIN_SMTP_URL has no host' };
  const implicitTls = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (implicitTls ? 465 : 587) : Number(url.port),
    encryption: implicitTls ? 'SMTPS' : 'STARTTLS',
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
};
