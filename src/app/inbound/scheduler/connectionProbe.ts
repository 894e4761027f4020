import { ImapFlow } from 'imapflow';
import type { ReceiveFailure } from '../../../domain/inbound/receiveErrors.decider.js';
import type { EgressPolicy } from '../../../net/egress.js';
import { classifyFetchError } from '../../../mail/fetch/classifyFetchError.js';
import { egressTargetOf } from '../../../mail/fetch/egressTarget.js';
import { FetchErrorCode } from '../../../mail/fetch/fetchError.js';
import type { FetchAccountConfig } from '../../../mail/fetch/fetchTypes.js';
import { Pop3Client } from '../../../mail/fetch/pop3/pop3Client.js';

export interface ProbeResult {
  /** Connected, secured as configured, and logged in. */
  readonly ok: boolean;
  /** IMAP CAPABILITY after login; for POP3 what the greeting and login revealed. */
  readonly capabilities: readonly string[];
  /** INBOX (IMAP) or maildrop (POP3 STAT) message count, when logged in. */
  readonly serverMessages: number | null;
  readonly failure: ReceiveFailure | null;
}

const PROBE_TIMEOUT_MS = 15_000;

/**
 * "Test the settings": connect, secure the connection as configured, log in, read the
 * capabilities and the message count, log out. Imports nothing and changes nothing on the
 * server. Connection options mirror the fetchers' (src/mail/fetch) and errors go through
 * the same classifier, so a probe fails exactly as a fetch run would.
 */
export const probeReceiveAccount = async (account: FetchAccountConfig, egress?: EgressPolicy): Promise<ProbeResult> => {
  try {
    // Connects to the address the egress policy checked, like a fetch run.
    const config = { ...(await egressTargetOf(account, egress)), timeouts: { connectMs: PROBE_TIMEOUT_MS, greetingMs: PROBE_TIMEOUT_MS, idleMs: PROBE_TIMEOUT_MS, ...account.timeouts } };
    return account.protocol === 'IMAP' ? await probeImap(config) : await probePop3(config);
  } catch (error) {
    const e = classifyFetchError(error, { protocol: account.protocol });
    const code = e.code === FetchErrorCode.INTERNAL || e.code === FetchErrorCode.ABORTED ? 'PROTOCOL' : e.code;
    return { ok: false, capabilities: [], serverMessages: null, failure: { code, message: e.message, serverResponse: e.response ?? null } };
  }
};

const probeImap = async (account: FetchAccountConfig): Promise<ProbeResult> => {
  const tls = account.tls ?? {};
  const client = new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.encryption === 'SSL_TLS',
    doSTARTTLS: account.encryption === 'STARTTLS' ? true : account.encryption === 'NONE' ? false : undefined,
    ...(tls.servername === undefined ? {} : { servername: tls.servername }),
    auth: account.auth.kind === 'password' ? { user: account.auth.user, pass: account.auth.password } : { user: account.auth.user, accessToken: account.auth.accessToken },
    tls: { rejectUnauthorized: tls.rejectUnauthorized ?? true, ...(tls.ca === undefined ? {} : { ca: tls.ca }) },
    logger: false,
    disableAutoIdle: true,
    clientInfo: { name: 'Mailroom' },
    connectionTimeout: account.timeouts?.connectMs,
    greetingTimeout: account.timeouts?.greetingMs,
    socketTimeout: account.timeouts?.idleMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const status = await client.status('INBOX', { messages: true });
    // Capability names are case-insensitive (RFC 9051 §7.2.2): upper-case them once.
    const capabilities = [...client.capabilities.keys()].map((c) => c.toUpperCase()).sort();
    await client.logout();
    return { ok: true, capabilities, serverMessages: status ? (status.messages ?? null) : null, failure: null };
  } finally {
    if (client.usable) client.close();
  }
};

const SECURITY = { NONE: 'none', SSL_TLS: 'implicit', STARTTLS: 'starttls' } as const;

const probePop3 = async (account: FetchAccountConfig): Promise<ProbeResult> => {
  const client = await Pop3Client.connect({
    host: account.host,
    port: account.port,
    security: SECURITY[account.encryption],
    tls: account.tls ?? {},
    connectTimeoutMs: account.timeouts?.connectMs ?? PROBE_TIMEOUT_MS,
    greetingTimeoutMs: account.timeouts?.greetingMs ?? PROBE_TIMEOUT_MS,
    idleTimeoutMs: account.timeouts?.idleMs ?? PROBE_TIMEOUT_MS,
  });
  try {
    const { auth } = account;
    const capabilities = [
      ...(account.encryption === 'STARTTLS' ? ['STLS'] : []),
      ...(client.apopTimestamp ? ['APOP'] : []),
      account.protocol === 'APOP' ? 'APOP' : auth.kind === 'oauth2' ? 'SASL XOAUTH2' : 'USER',
    ];
    if (account.protocol === 'APOP') {
      if (auth.kind !== 'password') throw new Error('APOP needs a password');
      await client.loginApop(auth.user, auth.password);
    } else if (auth.kind === 'password') await client.loginUserPass(auth.user, auth.password);
    else await client.loginXoauth2(auth.user, auth.accessToken);
    const stat = await client.stat();
    await client.quit();
    return { ok: true, capabilities: [...new Set(capabilities)], serverMessages: stat.count, failure: null };
  } finally {
    client.destroy();
  }
};
