/**
 * The one table of mail-server failures and the code each channel gives them. A failure is
 * a row; its columns are the code it has
 *
 * - `smtp`: when sending (`SmtpSendError.code`, src/mail/smtp/smtpErrors.ts). The public
 *   GraphQL enum `SmtpErrorCode`; nodemailer's E-prefixed names (ECONNECTION, EAUTH, …),
 *   which clients already switch on, so they stay as they are.
 * - `fetch`: when receiving (`FetchError.code`, src/mail/fetch/fetchError.ts), what one IMAP
 *   or POP3 run ends with; the scheduler, the account status and the probe switch on it.
 * - `recorded`: what the account's receive-errors stream records (`ReceiveErrorRaised`,
 *   src/domain/inbound/receiveErrors.decider.ts), what its notice says, and the public
 *   GraphQL enum `ReceiveErrorCode`.
 *
 * `null`: the channel has no such failure. Several rows may share a code where a channel
 * does not tell them apart: a fetch reports an unresolved host as CONNECTION (SMTP: EDNS)
 * and a mechanism the server does not offer as AUTH (SMTP: EAUTHMECH). `aborted` and
 * `internal` end a fetch but are not a problem of the account, so nothing is recorded.
 * OAuth on the receive side is in the `recorded` vocabulary already (src/app/inbound/oauth/
 * accessTokens.ts: REAUTHORIZATION_REQUIRED, AUTH or CONNECTION), where sending has the
 * one EOAUTH2.
 *
 * | failure | smtp | fetch | recorded |
 * | --- | --- | --- | --- |
 * | auth: the server refused the credentials (RFC 4954 §6, IMAP [AUTHENTICATIONFAILED] RFC 5530, POP3 [AUTH] RFC 3206) | EAUTH | AUTH | AUTH |
 * | connection: refused, unreachable, dropped, or the server is temporarily unavailable | ECONNECTION | CONNECTION | CONNECTION |
 * | tls: handshake, certificate, or STARTTLS/STLS not offered or refused | ETLS | TLS | TLS |
 * | timeout: no greeting or answer in time | ETIMEDOUT | TIMEOUT | TIMEOUT |
 * | protocol: an answer the protocol does not allow | EPROTOCOL | PROTOCOL | PROTOCOL |
 * | tooLarge: one message over the size limit (skipped, never fatal) | – | TOO_LARGE | TOO_LARGE |
 * | overLimit: POP3 maildrop of 1,500,000 messages or more | – | OVER_LIMIT | OVER_LIMIT |
 * | reauthorizationRequired: the OAuth refresh token no longer works | – | REAUTHORIZATION_REQUIRED | REAUTHORIZATION_REQUIRED |
 * | aborted: the caller cancelled (account deleted, shutdown) | – | ABORTED | – |
 * | internal: our side failed, or a failure nothing classified | EUNKNOWN | INTERNAL | – |
 * | dns: the server's host name did not resolve | EDNS | CONNECTION | CONNECTION |
 * | authMechanism: the mechanism is not offered (RFC 4954 §4, §6) | EAUTHMECH | AUTH | AUTH |
 * | oauthToken: no OAuth access token for XOAUTH2 | EOAUTH2 | – | – |
 * | sender: MAIL FROM refused | ESENDER | – | – |
 * | recipient: every RCPT TO refused | ERECIPIENT | – | – |
 * | message: refused after DATA (size, content, policy) | EMESSAGE | – | – |
 * | signing: DKIM signing failed | ESIGN | – | – |
 * | config: nothing to connect to (no server configured, credentials unreadable) | ECONFIG | – | – |
 *
 * The order of the rows is the order of the fetch and recorded codes; the SMTP codes keep
 * their published order (`SMTP_ORDER`). Both orders are pinned by tests and the schema.
 */
export const mailFailures = {
  auth: { smtp: 'EAUTH', fetch: 'AUTH', recorded: 'AUTH' },
  connection: { smtp: 'ECONNECTION', fetch: 'CONNECTION', recorded: 'CONNECTION' },
  tls: { smtp: 'ETLS', fetch: 'TLS', recorded: 'TLS' },
  timeout: { smtp: 'ETIMEDOUT', fetch: 'TIMEOUT', recorded: 'TIMEOUT' },
  protocol: { smtp: 'EPROTOCOL', fetch: 'PROTOCOL', recorded: 'PROTOCOL' },
  tooLarge: { smtp: null, fetch: 'TOO_LARGE', recorded: 'TOO_LARGE' },
  overLimit: { smtp: null, fetch: 'OVER_LIMIT', recorded: 'OVER_LIMIT' },
  reauthorizationRequired: { smtp: null, fetch: 'REAUTHORIZATION_REQUIRED', recorded: 'REAUTHORIZATION_REQUIRED' },
  aborted: { smtp: null, fetch: 'ABORTED', recorded: null },
  internal: { smtp: 'EUNKNOWN', fetch: 'INTERNAL', recorded: null },
  dns: { smtp: 'EDNS', fetch: 'CONNECTION', recorded: 'CONNECTION' },
  authMechanism: { smtp: 'EAUTHMECH', fetch: 'AUTH', recorded: 'AUTH' },
  oauthToken: { smtp: 'EOAUTH2', fetch: null, recorded: null },
  sender: { smtp: 'ESENDER', fetch: null, recorded: null },
  recipient: { smtp: 'ERECIPIENT', fetch: null, recorded: null },
  message: { smtp: 'EMESSAGE', fetch: null, recorded: null },
  signing: { smtp: 'ESIGN', fetch: null, recorded: null },
  config: { smtp: 'ECONFIG', fetch: null, recorded: null },
} as const satisfies Readonly<Record<string, { readonly smtp: string | null; readonly fetch: string | null; readonly recorded: string | null }>>;

export type MailFailure = keyof typeof mailFailures;
type Channel = 'smtp' | 'fetch' | 'recorded';
type CodeOf<C extends Channel> = Exclude<(typeof mailFailures)[MailFailure][C], null>;

export type SmtpErrorCode = CodeOf<'smtp'>;
export type FetchErrorCode = CodeOf<'fetch'>;
export type ReceiveErrorCode = CodeOf<'recorded'>;

/** The published order of `SmtpErrorCode` (API: its GraphQL enum lists the values so). */
export const SMTP_ORDER = [
  'connection', 'dns', 'tls', 'timeout', 'auth', 'authMechanism', 'oauthToken',
  'sender', 'recipient', 'message', 'protocol', 'signing', 'config', 'internal',
] as const satisfies readonly MailFailure[];

/** A channel's codes as an enum-like object (`{ AUTH: 'AUTH', … }`), each code once, in `order`. */
const codesOf = <C extends Channel>(channel: C, order: readonly MailFailure[]): { readonly [K in CodeOf<C>]: K } => {
  const codes = new Set<string>();
  for (const failure of order) {
    const code = mailFailures[failure][channel];
    if (code !== null) codes.add(code);
  }
  return Object.fromEntries([...codes].map((c) => [c, c])) as { readonly [K in CodeOf<C>]: K };
};

const ROW_ORDER = Object.keys(mailFailures) as MailFailure[];
export const SmtpErrorCode = codesOf('smtp', SMTP_ORDER);
export const FetchErrorCode = codesOf('fetch', ROW_ORDER);
export const ReceiveErrorCode = codesOf('recorded', ROW_ORDER);
