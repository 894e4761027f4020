import { formatIpPrefix, parseIpPrefix } from '../../domain/access/ipAddress.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface AccessConfig {
  /**
   * `MAILROOM_TRUSTED_PROXIES`: addresses/CIDR ranges (comma or space separated) whose
   * `X-Forwarded-For` is believed. Empty (the default): the header is ignored.
   */
  readonly trustedProxies: readonly string[];
  /** `MAILROOM_LOGIN_ATTEMPTS_PER_IP`: login attempts per client address per minute (also the burst); an office behind one NAT address shares it. @default 120 */
  readonly loginAttemptsPerIp: number;
  /** `MAILROOM_LOGIN_ATTEMPTS_PER_USER`: login attempts per username per minute (also the burst). @default 10 */
  readonly loginAttemptsPerUser: number;
  /** Credential stuffing: failed logins per address and /24 (/56) network, across users. */
  readonly stuffing: {
    readonly slowAfter: number;
    readonly blockAfter: number;
    readonly windowMs: number;
    readonly blockMs: number;
    readonly slowStepMs: number;
    readonly maxDelayMs: number;
    readonly exemptAllowListed: boolean;
  };
}

/** Reads the access settings; problems are appended for loadConfig to report together. */
export const loadAccessConfig = (env: Env, problems: string[]): AccessConfig => {
  const trustedProxies: string[] = [];
  for (const entry of (env.MAILROOM_TRUSTED_PROXIES ?? '').split(/[\s,]+/).filter((e) => e.length > 0)) {
    const parsed = parseIpPrefix(entry);
    if (parsed) trustedProxies.push(formatIpPrefix(parsed.prefix));
    else problems.push(`MAILROOM_TRUSTED_PROXIES must list IP addresses or CIDR ranges like 10.0.0.0/8, got ${JSON.stringify(entry)}`);
  }
  const perMinute = (name: string, def: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 1 && n <= 100_000) return n;
    problems.push(`${name} must be an integer from 1 to 100000, got ${JSON.stringify(raw)}`);
    return def;
  };
  return {
    trustedProxies,
    loginAttemptsPerIp: perMinute('MAILROOM_LOGIN_ATTEMPTS_PER_IP', 120),
    loginAttemptsPerUser: perMinute('MAILROOM_LOGIN_ATTEMPTS_PER_USER', 10),
    stuffing: {
      slowAfter: perMinute('MAILROOM_STUFFING_SLOW_AFTER', 20),
      blockAfter: perMinute('MAILROOM_STUFFING_BLOCK_AFTER', 50),
      windowMs: perMinute('MAILROOM_STUFFING_WINDOW_MINUTES', 15) * 60_000,
      blockMs: perMinute('MAILROOM_STUFFING_BLOCK_MINUTES', 15) * 60_000,
      slowStepMs: perMinute('MAILROOM_STUFFING_SLOW_STEP_MS', 250),
      maxDelayMs: 3000,
      exemptAllowListed: (env.MAILROOM_STUFFING_EXEMPT_ALLOW_LISTED ?? 'true') !== 'false',
    },
  };
};
