type Env = Readonly<Record<string, string | undefined>>;

/** Audit evidence settings from the environment (README configuration table). */
export interface AuditConfig {
  /** MAILROOM_AUDIT_SIGNING_KEY: base64 of a 32-byte Ed25519 seed; null: generated in the data dir. */
  readonly signingKey: string | null;
  /** MAILROOM_AUDIT_CHECKPOINT_SECONDS: sign a checkpoint this often when the log grew; 0: only on demand. */
  readonly checkpointIntervalMs: number;
  /** The customer's collector (src/app/audit/collectorStream.ts); null: no stream. */
  readonly stream: AuditStreamConfig | null;
}

export interface AuditStreamConfig {
  /** MAILROOM_AUDIT_STREAM_URL: https URL (http only to 127.0.0.1 with MAILROOM_ALLOW_LOOPBACK_WEBHOOKS). */
  readonly url: string;
  /** MAILROOM_AUDIT_STREAM_SECRET: HMAC-SHA256 key of the batch signature (16+ characters). */
  readonly secret: string;
  /** MAILROOM_AUDIT_STREAM_CA_FILE: PEM of extra CAs trusted for the collector. */
  readonly caFile: string | null;
  /** MAILROOM_AUDIT_STREAM_BATCH: most events per POST. */
  readonly batchSize: number;
  /** One POST may take this long (MAILROOM_AUDIT_STREAM_TIMEOUT_MS). */
  readonly timeoutMs: number;
}

const integer = (env: Env, name: string, def: number, min: number, max: number, problems: string[]): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return def;
  }
  return n;
};

export const loadAuditConfig = (env: Env, problems: string[]): AuditConfig => {
  const signingKey = env.MAILROOM_AUDIT_SIGNING_KEY || null;
  if (signingKey && Buffer.from(signingKey, 'base64').length !== 32) {
    problems.push('MAILROOM_AUDIT_SIGNING_KEY must be base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)');
  }
  const checkpointIntervalMs = integer(env, 'MAILROOM_AUDIT_CHECKPOINT_SECONDS', 3600, 0, 31 * 24 * 3600, problems) * 1000;
  let stream: AuditStreamConfig | null = null;
  const url = env.MAILROOM_AUDIT_STREAM_URL || '';
  if (url) {
    const loopback = env.MAILROOM_ALLOW_LOOPBACK_WEBHOOKS === 'true';
    if (!URL.canParse(url)) problems.push(`MAILROOM_AUDIT_STREAM_URL must be a URL, got ${JSON.stringify(url)}`);
    else {
      const u = new URL(url);
      const isLoopbackHttp = u.protocol === 'http:' && u.hostname === '127.0.0.1';
      if (u.protocol !== 'https:' && !(loopback && isLoopbackHttp)) {
        problems.push(`MAILROOM_AUDIT_STREAM_URL must be https:// (http://127.0.0.1 only with MAILROOM_ALLOW_LOOPBACK_WEBHOOKS=true), got ${u.protocol}//${u.host}`);
      }
    }
    const secret = env.MAILROOM_AUDIT_STREAM_SECRET || '';
    if (secret.length < 16) problems.push(`MAILROOM_AUDIT_STREAM_SECRET must have at least 16 characters, got ${secret.length}`);
    stream = {
      url,
      secret,
      caFile: env.MAILROOM_AUDIT_STREAM_CA_FILE || null,
      batchSize: integer(env, 'MAILROOM_AUDIT_STREAM_BATCH', 100, 1, 10_000, problems),
      timeoutMs: integer(env, 'MAILROOM_AUDIT_STREAM_TIMEOUT_MS', 10_000, 100, 120_000, problems),
    };
  }
  return { signingKey, checkpointIntervalMs, stream };
};
