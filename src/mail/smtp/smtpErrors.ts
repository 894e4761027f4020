import { SmtpErrorCode } from '../../domain/shared/mailFailureCodes.js';

/**
 * Why a mail could not be handed to an SMTP server, classified once at the adapter edge
 * (nodemailer style: a central table, every error keeps `code`, the server `response`,
 * its numeric `responseCode` and the `command` that failed). Clients and the notice
 * outbox switch on `code`; a test pins the list. The codes, and what each failure is called
 * when receiving, are in the one table of src/domain/shared/mailFailureCodes.ts.
 */
export { SmtpErrorCode };

export interface SmtpErrorDetails {
  /** The server's reply line, e.g. "535 5.7.8 Authentication failed". */
  readonly response?: string | null;
  readonly responseCode?: number | null;
  /** The SMTP command that failed ("CONN", "AUTH PLAIN", "RCPT TO", …). */
  readonly command?: string | null;
  readonly cause?: unknown;
}

export class SmtpSendError extends Error {
  readonly code: SmtpErrorCode;
  readonly response: string | null;
  readonly responseCode: number | null;
  readonly command: string | null;

  constructor(code: SmtpErrorCode, message: string, details: SmtpErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SmtpSendError';
    this.code = code;
    this.response = details.response ?? null;
    this.responseCode = details.responseCode ?? null;
    this.command = details.command ?? null;
  }

  /** 5yz replies (except 503) are permanent (RFC 5321 §4.2.1): retrying the same mail gets the same answer. */
  get permanent(): boolean {
    return this.responseCode !== null && this.responseCode >= 500 && this.responseCode < 600 && this.responseCode !== 503;
  }
}

export const isSmtpSendError = (e: unknown): e is SmtpSendError => e instanceof SmtpSendError;

/** Node's TLS and OpenSSL codes behind nodemailer's ESOCKET: certificate and handshake failures. */
const isTlsOriginalCode = (code: string): boolean =>
  /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(VERIFY|GET)_|HOSTNAME_MISMATCH$|EPROTO$)/.test(code);

interface NodemailerLikeError {
  readonly code?: unknown;
  readonly originalCode?: unknown;
  readonly response?: unknown;
  readonly responseCode?: unknown;
  readonly command?: unknown;
  readonly message?: unknown;
}

const classifyCode = (code: string, originalCode: string, command: string): SmtpErrorCode => {
  if (command === 'STARTTLS') return 'ETLS';
  switch (code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return 'EAUTH';
    case 'EOAUTH2':
      return 'EOAUTH2';
    case 'EENVELOPE':
      return command === 'MAIL FROM' ? 'ESENDER' : 'ERECIPIENT';
    case 'EMESSAGE':
      return 'EMESSAGE';
    case 'ETIMEDOUT':
      return 'ETIMEDOUT';
    case 'EDNS':
      return 'EDNS';
    case 'ETLS':
    case 'EREQUIRETLS':
      return 'ETLS';
    case 'EPROTOCOL':
      return 'EPROTOCOL';
    case 'ECONFIG':
      return 'ECONFIG';
    case 'ESOCKET':
    case 'ECONNECTION':
      if (isTlsOriginalCode(originalCode)) return 'ETLS';
      if (originalCode === 'ETIMEDOUT') return 'ETIMEDOUT';
      if (originalCode === 'ENOTFOUND' || originalCode === 'EAI_AGAIN') return 'EDNS';
      return 'ECONNECTION';
    default:
      return 'EUNKNOWN';
  }
};

/** The one place where a transport error becomes an `SmtpSendError`. */
export const classifySmtpError = (error: unknown): SmtpSendError => {
  if (isSmtpSendError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerLikeError;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const command = str(e.command);
  const code = classifyCode(str(e.code), str(e.originalCode), command);
  // A greeting that is not a 220 reply: whatever listens there (an SSH banner, a database)
  // is not shown, or the connection test would be a port scanner (issue #23).
  if (code === 'EPROTOCOL' && command === 'CONN') {
    return new SmtpSendError(code, 'Not an SMTP server: its greeting is not a 220 reply (RFC 5321 §4.2)', { command, cause: error });
  }
  const message = str(e.message).trim() || 'Sending failed for an unknown reason';
  return new SmtpSendError(code, message, {
    response: str(e.response) || null,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : null,
    command: command || null,
    cause: error,
  });
};
