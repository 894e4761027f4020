/**
 * The single place where a failure becomes a FetchError code: POP3 answers, imapflow
 * errors, Node socket/TLS errors, timeouts, and anything else (our store, a bug) as
 * INTERNAL. Nothing upstream inspects messages or classes again.
 */
import { ImapFlowErrorCode } from 'imapflow';
import { isEgressRefused } from '../../net/egress.js';
import { FetchError, FetchErrorCode, isFetchError, type FetchErrorCode as Code } from './fetchError.js';
import type { FetchProtocol } from './fetchTypes.js';
import { Pop3ClosedError, Pop3TimeoutError } from './pop3/pop3Client.js';
import { Pop3ErrorResponse, Pop3ProtocolError } from './pop3/pop3Response.js';

export interface ClassifyContext {
  readonly protocol: FetchProtocol;
  readonly signal?: AbortSignal;
}

export const classifyFetchError = (error: unknown, context: ClassifyContext): FetchError => {
  if (isFetchError(error)) return error;
  if (context.signal?.aborted) return new FetchError(FetchErrorCode.ABORTED, 'The fetch was cancelled', { cause: error });
  if (isEgressRefused(error)) return new FetchError(FetchErrorCode.CONNECTION, error.message, { cause: error });
  if (error instanceof Pop3ErrorResponse) return classifyPop3Answer(error);
  // A greeting that is neither +OK nor -ERR: whatever listens there is not shown (it could be
  // any service's banner, and the connection test would become a port scanner).
  if (error instanceof Pop3ProtocolError && error.command === undefined) {
    return new FetchError(FetchErrorCode.PROTOCOL, 'Not a POP3 server: its greeting is neither +OK nor -ERR (RFC 1939 §4)', { cause: error });
  }
  if (error instanceof Pop3ProtocolError) {
    return new FetchError(FetchErrorCode.PROTOCOL, error.message, { response: error.response, command: error.command, cause: error });
  }
  if (error instanceof Pop3TimeoutError) return timeout(error.phase, error);
  if (error instanceof Pop3ClosedError) {
    return new FetchError(FetchErrorCode.CONNECTION, error.message, { command: error.command, cause: error });
  }
  const fromSocket = classifySocketError(error);
  if (fromSocket) return fromSocket;
  if (context.protocol === 'IMAP' && isImapFlowError(error)) return classifyImapError(error);
  return new FetchError(FetchErrorCode.INTERNAL, `Fetch failed on our side: ${messageOf(error)}`, { cause: error });
};

// RFC 3206 / RFC 2449 codes that say "not now" rather than "not you".
const TEMPORARY_POP3_CODES = new Set(['IN-USE', 'LOGIN-DELAY', 'SYS/TEMP', 'SYS/PERM']);
const POP3_AUTH_COMMANDS = /^(USER|PASS|APOP|AUTH)\b/;

const classifyPop3Answer = (error: Pop3ErrorResponse): FetchError => {
  const options = { response: error.response, command: error.command, cause: error, ...(error.responseCode ? { responseCode: error.responseCode } : {}) };
  const code: Code =
    error.responseCode && TEMPORARY_POP3_CODES.has(error.responseCode.toUpperCase())
      ? FetchErrorCode.CONNECTION
      : POP3_AUTH_COMMANDS.test(error.command)
        ? FetchErrorCode.AUTH
        : error.command === 'STLS'
          ? FetchErrorCode.TLS
          : error.command === 'greeting'
            ? FetchErrorCode.CONNECTION
            : FetchErrorCode.PROTOCOL;
  const what =
    code === FetchErrorCode.AUTH
      ? 'The server rejected the login'
      : code === FetchErrorCode.TLS
        ? 'The server refused STLS (STARTTLS)'
        : code === FetchErrorCode.CONNECTION
          ? 'The server is temporarily unavailable'
          : `The server refused ${error.command}`;
  return new FetchError(code, `${what}: ${error.response}`, options);
};

const timeout = (phase: string, cause: unknown): FetchError =>
  new FetchError(FetchErrorCode.TIMEOUT, `No answer from the server in time (${phase})`, { cause });

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND',
  'EAI_AGAIN', 'EAI_FAIL', 'EPIPE', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN',
]);
// OpenSSL verification results as Node reports them (`err.code`).
const CERTIFICATE_CODES = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|ERR_TLS_|ERR_SSL_)/;

/** Node's own errors, possibly wrapped by imapflow (`_err`, `cause`). */
const classifySocketError = (error: unknown): FetchError | undefined => {
  for (const e of causeChain(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (CERTIFICATE_CODES.test(code) || (code === 'EPROTO' && /SSL|TLS/i.test(messageOf(e)))) {
      // OpenSSL's `reason` ("wrong version number") rather than its whole error-queue line.
      const reason = (e as { reason?: unknown }).reason;
      return new FetchError(FetchErrorCode.TLS, `TLS failed: ${typeof reason === 'string' ? reason : messageOf(e)}`, { cause: error });
    }
    if (CONNECTION_CODES.has(code)) return new FetchError(FetchErrorCode.CONNECTION, `Cannot reach the server: ${messageOf(e)}`, { cause: error });
    if (code === 'ETIMEDOUT') return timeout('connect', error);
  }
  return undefined;
};

interface ImapFlowErrorShape {
  readonly code?: string;
  readonly authenticationFailed?: boolean;
  readonly tlsFailed?: boolean;
  readonly responseText?: string;
  readonly response?: unknown;
  readonly serverResponseCode?: string;
  readonly responseStatus?: string;
  readonly command?: string;
  readonly message: string;
}

const IMAPFLOW_CODES: ReadonlySet<string> = new Set(Object.values(ImapFlowErrorCode));

/** By its marks, not just any `code`: a database error (SQLSTATE `code`) is ours, not the server's. */
const isImapFlowError = (e: unknown): e is ImapFlowErrorShape => {
  if (!(e instanceof Error)) return false;
  const shape = e as ImapFlowErrorShape;
  if (shape.authenticationFailed || shape.tlsFailed || shape.responseStatus || shape.serverResponseCode) return true;
  return typeof shape.code === 'string' && (IMAPFLOW_CODES.has(shape.code) || shape.code.startsWith('ParserError'));
};

const IMAP_TIMEOUT_CODES = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT']);
const IMAP_CONNECTION_CODES = new Set(['NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS', 'ETHROTTLE']);
// RFC 5530 response codes meaning "try later".
const IMAP_TEMPORARY_CODES = new Set(['UNAVAILABLE', 'INUSE', 'LIMIT', 'SERVERBUG']);

const classifyImapError = (error: ImapFlowErrorShape): FetchError => {
  const response = error.responseText ?? (typeof error.response === 'string' ? error.response : undefined);
  const options = {
    cause: error,
    ...(response === undefined ? {} : { response }),
    ...(error.serverResponseCode ? { responseCode: error.serverResponseCode } : {}),
    // The command name only: imapflow's `executedCommand` can carry the LOGIN password.
    ...(error.command ? { command: error.command.toUpperCase() } : {}),
  };
  const detail = response ?? error.message;
  if (error.authenticationFailed) return new FetchError(FetchErrorCode.AUTH, `The server rejected the login: ${detail}`, options);
  if (error.tlsFailed || error.code === 'STARTTLS_INJECTION') return new FetchError(FetchErrorCode.TLS, `TLS failed: ${detail}`, options);
  if (error.code && IMAP_TIMEOUT_CODES.has(error.code)) return new FetchError(FetchErrorCode.TIMEOUT, `No answer from the server in time: ${error.message}`, options);
  // Closed before a greeting imapflow accepted: nothing of what was said is shown (#23).
  if (error.code === 'ClosedAfterConnectText' || error.code === 'ClosedAfterConnectTLS') {
    return new FetchError(FetchErrorCode.CONNECTION, 'Connection lost before an IMAP greeting: not an IMAP server, or it turned the connection away', { cause: error });
  }
  if (error.code && IMAP_CONNECTION_CODES.has(error.code)) return new FetchError(FetchErrorCode.CONNECTION, `Connection lost: ${error.message}`, options);
  if (error.serverResponseCode && IMAP_TEMPORARY_CODES.has(error.serverResponseCode.toUpperCase())) {
    return new FetchError(FetchErrorCode.CONNECTION, `The server is temporarily unavailable: ${detail}`, options);
  }
  return new FetchError(FetchErrorCode.PROTOCOL, `The server refused ${options.command ?? 'a command'}: ${detail}`, options);
};

const causeChain = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = (current as { _err?: unknown })._err ?? current.cause;
  }
  return chain;
};

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
