import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe('server configuration', () => {
  it('runs on the embedded store with no settings at all', () => {
    const config = loadConfig({});
    expect(config.storage.kind).toBe('sqlite');
    expect(config.port).toBe(4000);
    expect(config.environment).toBe('production');
    expect(config.metrics).toEqual({ port: null, host: '0.0.0.0', token: null });
  });

  it('selects PostgreSQL from DATABASE_URL and KurrentDB from EVENT_STORE', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db:5432/mailroom' }).storage).toEqual({ kind: 'postgres', connectionString: 'postgres://app@db:5432/mailroom' });
    expect(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://k:2113?tls=false', DATABASE_URL: 'postgresql://app@db/rm' }).storage).toEqual({
      kind: 'kurrentdb',
      connectionString: 'kurrentdb://k:2113?tls=false',
      readModelsUrl: 'postgresql://app@db/rm',
    });
  });

  it('explains an unparsable DATABASE_URL without echoing the password in it', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://mailroom:ab/cd+ef=#?@x@postgres:5432/mailroom' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not a valid URL.*PGPASSWORD/);
    expect(problems.join('\n')).not.toContain('ab/cd');
  });

  it('bounds slow requests: headers 10 s, the whole request 30 s, headers never longer than the request', () => {
    const config = loadConfig({});
    expect([config.headersTimeoutMs, config.requestTimeoutMs]).toEqual([10_000, 30_000]);
    expect(problemsOf({ MAILROOM_HEADERS_TIMEOUT_MS: '5000', MAILROOM_REQUEST_TIMEOUT_MS: '2000' })).toEqual([
      'MAILROOM_HEADERS_TIMEOUT_MS (5000) must not be longer than MAILROOM_REQUEST_TIMEOUT_MS (2000)',
    ]);
    expect(problemsOf({ MAILROOM_REQUEST_TIMEOUT_MS: '0' })).toEqual(['MAILROOM_REQUEST_TIMEOUT_MS must be an integer from 100 to 3600000, got "0"']);
  });

  it('reads the egress allowance, with the former loopback-webhook switch as a shorthand for loopback', () => {
    expect(loadConfig({}).egressAllow).toEqual([]);
    expect(loadConfig({ MAILROOM_EGRESS_ALLOW: '10.1.0.0/16, fd00::1' }).egressAllow).toEqual(['10.1.0.0/16', 'fd00::1/128']);
    expect(loadConfig({ MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true', MAILROOM_EGRESS_ALLOW: '127.0.0.0/8' }).egressAllow).toEqual(['127.0.0.0/8', '::1/128']);
    expect(problemsOf({ MAILROOM_EGRESS_ALLOW: '10.0.0.0/33,example.com', MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'yes' })).toEqual([
      'MAILROOM_EGRESS_ALLOW must be comma-separated IP addresses or CIDR ranges (e.g. 127.0.0.0/8,::1), got "10.0.0.0/33"',
      'MAILROOM_EGRESS_ALLOW must be comma-separated IP addresses or CIDR ranges (e.g. 127.0.0.0/8,::1), got "example.com"',
      'MAILROOM_ALLOW_LOOPBACK_WEBHOOKS must be "true" or "false", got "yes"',
    ]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ EVENT_STORE: 'mysql', PORT: 'eighty', LOG_LEVEL: 'loud', MAILROOM_ADMIN_PASSWORD: 'short', MAILROOM_MASTER_KEY: 'c2hvcnQ=' });
    expect(problems).toEqual([
      expect.stringContaining('EVENT_STORE must be'),
      expect.stringContaining('LOG_LEVEL must be'),
      expect.stringContaining('MAILROOM_ADMIN_PASSWORD must have at least 8'),
      expect.stringContaining('MAILROOM_MASTER_KEY must be base64 of exactly 32 bytes'),
      expect.stringContaining('PORT must be an integer'),
    ]);
  });

  it('refuses EVENT_STORE=kurrentdb without its connection string or read-model database', () => {
    expect(problemsOf({ EVENT_STORE: 'kurrentdb' })).toEqual([
      expect.stringContaining('KURRENTDB_CONNECTION_STRING'),
      expect.stringContaining('needs DATABASE_URL'),
    ]);
  });
});
