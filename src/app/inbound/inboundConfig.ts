import { readFileSync } from 'node:fs';
import type { OAuthProvider } from '../../domain/inbound/oauthCredential.decider.js';
import { DEFAULT_FETCH_LEASE_MS } from './scheduler/fetchLeases.js';

/**
 * @see MAILROOM_IDLE_MAX_CONNECTIONS. Defined with the config, not in the IDLE pool: the pool
 * reaches the OAuth token source, which reads this config, so the pool importing back here
 * would close a loop.
 */
export const DEFAULT_IDLE_MAX_CONNECTIONS = 1000;

/** Authorization and token endpoint URLs of one provider; `{tenant}` is replaced by the credential's tenant. */
export interface OAuthProviderEndpoints {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
}

export interface InboundConfig {
  /** Runs the fetch scheduler. @default true (MAILROOM_FETCH_ENABLED) */
  readonly fetchEnabled: boolean;
  /**
   * Provider endpoints. Overridable so tests (and sovereign clouds) can point them
   * elsewhere: MAILROOM_OAUTH_GOOGLE_AUTHORIZE_URL, MAILROOM_OAUTH_GOOGLE_TOKEN_URL,
   * MAILROOM_OAUTH_MICROSOFT_AUTHORIZE_URL, MAILROOM_OAUTH_MICROSOFT_TOKEN_URL.
   */
  readonly oauthEndpoints: Readonly<Record<OAuthProvider, OAuthProviderEndpoints>>;
  /**
   * PEM of extra CA certificates trusted for POP/IMAP servers (a private CA), besides the
   * system store. From the file named by MAILROOM_MAIL_CA_FILE. @default null
   */
  readonly mailCaCerts: string | null;
  /**
   * How long an instance's claim on an account's fetch lasts without renewal
   * (MAILROOM_FETCH_LEASE_MS): a run renews it every third of this, and the accounts of an
   * instance that died are taken over by another once it runs out. @default 60000
   */
  readonly fetchLeaseMs: number;
  /**
   * IMAP IDLE connections this instance keeps at most (MAILROOM_IDLE_MAX_CONNECTIONS);
   * accounts beyond it are polled, and their status says IDLE_LIMIT. 0 turns push off.
   * @default 1000
   */
  readonly idleMaxConnections: number;
  /**
   * Test-only: a lower POP3 message limit than the manual's 1,500,000
   * (MAILROOM_TEST_POP_MESSAGE_LIMIT, honoured only with NODE_ENV=test), so the over-limit
   * path can run end to end against a real server holding a practical number of messages.
   * @default null: the product limit (DEFAULT_FETCH_LIMITS.maxServerMessages)
   */
  readonly testPopMessageLimit: number | null;
}

export const DEFAULT_OAUTH_ENDPOINTS: Readonly<Record<OAuthProvider, OAuthProviderEndpoints>> = {
  GOOGLE: { authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth', tokenUrl: 'https://oauth2.googleapis.com/token' },
  MICROSOFT: {
    authorizeUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
  },
};

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the inbound settings; problems are pushed to the caller's list so all are reported together. */
export const loadInboundConfig = (env: Env, problems: string[]): InboundConfig => {
  const flag = env.MAILROOM_FETCH_ENABLED;
  let fetchEnabled = true;
  if (flag !== undefined && flag !== '') {
    if (/^(true|1|yes)$/i.test(flag)) fetchEnabled = true;
    else if (/^(false|0|no)$/i.test(flag)) fetchEnabled = false;
    else problems.push(`MAILROOM_FETCH_ENABLED must be true or false, got ${JSON.stringify(flag)}`);
  }
  const url = (name: string, fallback: string): string => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    try {
      const u = new URL(raw.replace('{tenant}', 'tenant'));
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      problems.push(`${name} must be an http(s) URL (may contain {tenant}), got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return raw;
  };
  let mailCaCerts: string | null = null;
  if (env.MAILROOM_MAIL_CA_FILE) {
    try {
      mailCaCerts = readFileSync(env.MAILROOM_MAIL_CA_FILE, 'utf8');
      if (!mailCaCerts.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    } catch (e) {
      problems.push(`MAILROOM_MAIL_CA_FILE must name a readable PEM certificate file, got ${JSON.stringify(env.MAILROOM_MAIL_CA_FILE)} (${(e as Error).message})`);
      mailCaCerts = null;
    }
  }
  let fetchLeaseMs = DEFAULT_FETCH_LEASE_MS;
  const leaseRaw = env.MAILROOM_FETCH_LEASE_MS;
  if (leaseRaw !== undefined && leaseRaw !== '') {
    const n = Number(leaseRaw);
    // Below a second the renewals (every third) would be mostly database round trips.
    if (Number.isInteger(n) && n >= 1000 && n <= 3_600_000) fetchLeaseMs = n;
    else problems.push(`MAILROOM_FETCH_LEASE_MS must be an integer from 1000 to 3600000, got ${JSON.stringify(leaseRaw)}`);
  }
  let idleMaxConnections = DEFAULT_IDLE_MAX_CONNECTIONS;
  const idleRaw = env.MAILROOM_IDLE_MAX_CONNECTIONS;
  if (idleRaw !== undefined && idleRaw !== '') {
    const n = Number(idleRaw);
    if (Number.isInteger(n) && n >= 0 && n <= 100_000) idleMaxConnections = n;
    else problems.push(`MAILROOM_IDLE_MAX_CONNECTIONS must be an integer from 0 to 100000, got ${JSON.stringify(idleRaw)}`);
  }
  let testPopMessageLimit: number | null = null;
  const popLimitRaw = env.MAILROOM_TEST_POP_MESSAGE_LIMIT;
  if (popLimitRaw !== undefined && popLimitRaw !== '') {
    const n = Number(popLimitRaw);
    // Never in production: the limit is the manual's rule, not a setting.
    if (env.NODE_ENV !== 'test') problems.push('MAILROOM_TEST_POP_MESSAGE_LIMIT is for tests only (NODE_ENV=test); the POP3 limit is 1,500,000 messages');
    else if (Number.isInteger(n) && n >= 1 && n <= 1_500_000) testPopMessageLimit = n;
    else problems.push(`MAILROOM_TEST_POP_MESSAGE_LIMIT must be an integer from 1 to 1500000, got ${JSON.stringify(popLimitRaw)}`);
  }
  const d = DEFAULT_OAUTH_ENDPOINTS;
  return {
    fetchEnabled,
    testPopMessageLimit,
    mailCaCerts,
    fetchLeaseMs,
    idleMaxConnections,
    oauthEndpoints: {
      GOOGLE: {
        authorizeUrl: url('MAILROOM_OAUTH_GOOGLE_AUTHORIZE_URL', d.GOOGLE.authorizeUrl),
        tokenUrl: url('MAILROOM_OAUTH_GOOGLE_TOKEN_URL', d.GOOGLE.tokenUrl),
      },
      MICROSOFT: {
        authorizeUrl: url('MAILROOM_OAUTH_MICROSOFT_AUTHORIZE_URL', d.MICROSOFT.authorizeUrl),
        tokenUrl: url('MAILROOM_OAUTH_MICROSOFT_TOKEN_URL', d.MICROSOFT.tokenUrl),
      },
    },
  };
};
