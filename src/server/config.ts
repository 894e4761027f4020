import { resolve } from 'node:path';
import { loadSubscriptionConfig, type SubscriptionConfig } from '../graphql/subscriptions/subscriptionConfig.js';
import { loadConsoleConfig, type ConsoleConfig } from './console/consoleConfig.js';
import { loadAccessConfig, type AccessConfig } from '../app/access/accessConfig.js';
import { loadAuditConfig, type AuditConfig } from '../app/audit/auditConfig.js';
import { loadInboundConfig, type InboundConfig } from '../app/inbound/inboundConfig.js';
import { loadChatConfig, type ChatConfig } from '../mail/notices/chat/chatConfig.js';
import { LOOPBACK_RANGES, parseEgressAllow } from '../net/egress.js';
import { loadMetricsConfig, type MetricsConfig } from './metricsEndpoint.js';
import { requireDomain, requireSelector } from '../domain/outbound/validation.js';
import type { ServiceDkimSettings } from '../mail/dkim/serviceDkimKey.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type StorageConfig =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  /** Events in KurrentDB, read models in PostgreSQL (`readModelsUrl`, from DATABASE_URL). */
  | { readonly kind: 'kurrentdb'; readonly connectionString: string; readonly readModelsUrl: string };

/** Everything the server reads from the environment, validated once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly storage: StorageConfig;
  /** Directory for the data file(s) and generated key material, also with PostgreSQL. */
  readonly dataDir: string;
  readonly adminPassword: string | null;
  /** Base64 of 32 bytes wrapping every data key; null: generated once in `dataDir/master.key`. */
  readonly masterKey: string | null;
  readonly bootstrapMailboxAddress: string;
  readonly logLevel: LogLevel;
  /** The product's own SMTP server ("built-in server"), e.g. `smtp://user:pass@host:587`; null: not configured. */
  readonly builtinSmtpUrl: string | null;
  /** PEM file of extra CA certificates trusted for outbound SMTP (relays with a private CA); null: Node's bundled roots only. */
  readonly smtpCaFile: string | null;
  /** Production masks unexpected errors; development shows them. */
  readonly environment: 'production' | 'development' | 'test';
  readonly sessionTtlMs: number;
  /** API token lifetime: default when none is asked for, and the longest allowed (days). */
  readonly apiTokenLifetime: { readonly defaultDays: number; readonly maxDays: number };
  readonly maxRequestBytes: number;
  /** Request headers must arrive within this (MAILROOM_HEADERS_TIMEOUT_MS). */
  readonly headersTimeoutMs: number;
  /** The whole request, headers and body, must arrive within this (MAILROOM_REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs: number;
  readonly shutdownGraceMs: number;
  /** With PostgreSQL read models: how often a standby instance tries to take a projection's leadership. */
  readonly projectionLeaderRetryMs: number;
  /** Trusted proxies and login rate limits (src/app/access/accessConfig.ts). */
  readonly access: AccessConfig;
  /** Fetch scheduler switch and OAuth provider endpoints (src/app/inbound/inboundConfig.ts). */
  readonly inbound: InboundConfig;
  /** Chat notice delivery: Chatwork API base, loopback webhooks for tests, language (src/mail/notices/chat/chatConfig.ts). */
  readonly chat: ChatConfig;
  /**
   * Address ranges (CIDR) outbound connections may reach although the egress policy
   * refuses them by default (MAILROOM_EGRESS_ALLOW; src/net/egress.ts).
   */
  readonly egressAllow: readonly string[];
  /** Where `/metrics` is served and its scrape token (src/server/metricsEndpoint.ts). */
  readonly metrics: MetricsConfig;
  /** Subscription limits and slow-client bounds (src/graphql/subscriptions/subscriptionConfig.ts). */
  readonly subscriptions: SubscriptionConfig;
  /** The browser console at /console and its explorer (src/server/console/consoleConfig.ts). */
  readonly console: ConsoleConfig;
  /** Checkpoint signing key and interval, the customer's audit collector (src/app/audit/auditConfig.ts). */
  readonly audit: AuditConfig;
  /** The deployment's key for third-party DKIM signatures (MAILROOM_DKIM_THIRD_PARTY_*; src/mail/dkim/serviceDkimKey.ts). */
  readonly thirdPartyDkim: ServiceDkimSettings;
}

/** d= and s= of the service's own signature; the key file is read (or generated) at start. */
const loadThirdPartyDkim = (env: Env, problems: string[]): ServiceDkimSettings => {
  const check = <T>(name: string, value: string, read: (v: string) => T): T | null => {
    try {
      return read(value);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      return null;
    }
  };
  const rawDomain = env.MAILROOM_DKIM_THIRD_PARTY_DOMAIN || '';
  const domain = rawDomain ? check('MAILROOM_DKIM_THIRD_PARTY_DOMAIN', rawDomain, (v) => requireDomain(['MAILROOM_DKIM_THIRD_PARTY_DOMAIN'], v)) : null;
  const selector = check('MAILROOM_DKIM_THIRD_PARTY_SELECTOR', env.MAILROOM_DKIM_THIRD_PARTY_SELECTOR || 'mailroom', (v) => requireSelector(['MAILROOM_DKIM_THIRD_PARTY_SELECTOR'], v)) ?? 'mailroom';
  const keyFile = env.MAILROOM_DKIM_THIRD_PARTY_KEY_FILE || null;
  if (!rawDomain && (env.MAILROOM_DKIM_THIRD_PARTY_SELECTOR || keyFile)) {
    problems.push('MAILROOM_DKIM_THIRD_PARTY_SELECTOR and MAILROOM_DKIM_THIRD_PARTY_KEY_FILE need MAILROOM_DKIM_THIRD_PARTY_DOMAIN (the d= of third-party signatures)');
  }
  return { domain, selector, keyFile: keyFile ? resolve(keyFile) : null };
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the configuration. All problems are reported together so a
 * newcomer fixes them in one go.
 */
export const loadConfig = (env: Env = process.env, overrides: Partial<Config> = {}): Config => {
  const problems: string[] = [];
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return def;
    }
    return n;
  };

  const dataDir = resolve(env.MAILROOM_DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || '';
  const eventStore = env.EVENT_STORE || (databaseUrl ? 'postgres' : 'sqlite');
  let storage: StorageConfig = { kind: 'sqlite', dataDir };
  if (eventStore === 'postgres') {
    if (!databaseUrl) problems.push('EVENT_STORE=postgres needs DATABASE_URL (postgres://user@host:5432/db)');
    else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      problems.push(`DATABASE_URL must start with postgres:// or postgresql://, got ${JSON.stringify(databaseUrl.split('@').pop())}`);
    }
    else if (!URL.canParse(databaseUrl)) {
      // The URL holds the password: say what is wrong without echoing it.
      problems.push('DATABASE_URL is not a valid URL: percent-encode special characters of the password (`/` as %2F, `@` as %40, `#` as %23) or leave the password out and set PGPASSWORD');
    }
    storage = { kind: 'postgres', connectionString: databaseUrl };
  } else if (eventStore === 'kurrentdb') {
    const kurrentUrl = env.KURRENTDB_CONNECTION_STRING || '';
    if (!/^(kurrentdb|kdb|esdb|eventstore)(\+discover)?:\/\//.test(kurrentUrl)) {
      problems.push('EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING (kurrentdb://host:2113?tls=false)');
    }
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      problems.push('EVENT_STORE=kurrentdb needs DATABASE_URL (postgres://user@host:5432/db) for the read models');
    }
    storage = { kind: 'kurrentdb', connectionString: kurrentUrl, readModelsUrl: databaseUrl };
  } else if (eventStore !== 'sqlite') {
    problems.push(`EVENT_STORE must be "sqlite", "postgres" or "kurrentdb", got ${JSON.stringify(eventStore)}`);
  }

  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(env.LOG_LEVEL)}`);

  const nodeEnv = env.NODE_ENV || 'production';
  const environment = nodeEnv === 'development' || nodeEnv === 'test' ? nodeEnv : 'production';

  const adminPassword = env.MAILROOM_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 8) {
    problems.push(`MAILROOM_ADMIN_PASSWORD must have at least 8 characters, got ${adminPassword.length}`);
  }
  if (env.MAILROOM_MASTER_KEY && Buffer.from(env.MAILROOM_MASTER_KEY, 'base64').length !== 32) {
    problems.push('MAILROOM_MASTER_KEY must be base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)');
  }
  if (env.MAILROOM_BUILTIN_SMTP_URL && !/^smtps?:\/\/[^/]+/.test(env.MAILROOM_BUILTIN_SMTP_URL)) {
    problems.push('MAILROOM_BUILTIN_SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465');
  }
  const bootstrapMailboxAddress = env.MAILROOM_BOOTSTRAP_ADDRESS || 'mailbox1@example.com';

  const headersTimeoutMs = int('MAILROOM_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestTimeoutMs = int('MAILROOM_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) problems.push(`MAILROOM_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than MAILROOM_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);

  const egressAllow = parseEgressAllow(env.MAILROOM_EGRESS_ALLOW || '', problems);
  // The former switch for test receivers on 127.0.0.1, now a shorthand for the loopback ranges.
  const loopbackWebhooks = env.MAILROOM_ALLOW_LOOPBACK_WEBHOOKS || 'false';
  if (loopbackWebhooks !== 'true' && loopbackWebhooks !== 'false') problems.push(`MAILROOM_ALLOW_LOOPBACK_WEBHOOKS must be "true" or "false", got ${JSON.stringify(loopbackWebhooks)}`);
  else if (loopbackWebhooks === 'true') egressAllow.push(...LOOPBACK_RANGES.filter((r) => !egressAllow.includes(r)));

  const config: Config = {
    port: int('PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    storage,
    dataDir,
    adminPassword,
    masterKey: env.MAILROOM_MASTER_KEY || null,
    bootstrapMailboxAddress,
    logLevel,
    builtinSmtpUrl: env.MAILROOM_BUILTIN_SMTP_URL || null,
    smtpCaFile: env.MAILROOM_SMTP_CA_FILE || null,
    environment,
    sessionTtlMs: int('MAILROOM_SESSION_TTL_MINUTES', 12 * 60, 1, 60 * 24 * 90) * 60_000,
    apiTokenLifetime: { defaultDays: int('MAILROOM_API_TOKEN_DEFAULT_DAYS', 90, 1, 3650), maxDays: int('MAILROOM_API_TOKEN_MAX_DAYS', 365, 1, 3650) },
    maxRequestBytes: int('MAILROOM_MAX_REQUEST_BYTES', 1_000_000, 1024, 100_000_000),
    headersTimeoutMs,
    requestTimeoutMs,
    shutdownGraceMs: int('MAILROOM_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    projectionLeaderRetryMs: int('MAILROOM_PROJECTION_LEADER_RETRY_MS', 2000, 10, 600_000),
    access: loadAccessConfig(env, problems),
    inbound: loadInboundConfig(env, problems),
    chat: loadChatConfig(env, problems),
    egressAllow,
    metrics: loadMetricsConfig(env, env.HOST || '0.0.0.0', problems),
    subscriptions: loadSubscriptionConfig(env, problems),
    console: loadConsoleConfig(env, problems),
    audit: loadAuditConfig(env, problems),
    thirdPartyDkim: loadThirdPartyDkim(env, problems),
    ...overrides,
  };
  if (config.apiTokenLifetime.defaultDays > config.apiTokenLifetime.maxDays) {
    problems.push(`MAILROOM_API_TOKEN_DEFAULT_DAYS (${config.apiTokenLifetime.defaultDays}) must not exceed MAILROOM_API_TOKEN_MAX_DAYS (${config.apiTokenLifetime.maxDays})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};
