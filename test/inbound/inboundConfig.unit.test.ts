import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OAUTH_ENDPOINTS, loadInboundConfig } from '../../src/app/inbound/inboundConfig.js';

describe('inbound configuration', () => {
  it('defaults: fetching on, the providers’ real endpoints, no extra CA', () => {
    const problems: string[] = [];
    expect(loadInboundConfig({}, problems)).toEqual({ fetchEnabled: true, oauthEndpoints: DEFAULT_OAUTH_ENDPOINTS, mailCaCerts: null, fetchLeaseMs: 60_000, idleMaxConnections: 1000, testPopMessageLimit: null });
    expect(problems).toEqual([]);
  });

  it('reads overrides and reports every bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-ca-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const problems: string[] = [];
    const config = loadInboundConfig(
      {
        MAILROOM_FETCH_ENABLED: 'false',
        MAILROOM_OAUTH_MICROSOFT_TOKEN_URL: 'http://127.0.0.1:9999/{tenant}/token',
        MAILROOM_MAIL_CA_FILE: join(dir, 'ca.pem'),
      },
      problems,
    );
    expect(config.fetchEnabled).toBe(false);
    expect(config.oauthEndpoints.MICROSOFT.tokenUrl).toBe('http://127.0.0.1:9999/{tenant}/token');
    expect(config.mailCaCerts).toContain('BEGIN CERTIFICATE');
    loadInboundConfig({ MAILROOM_FETCH_ENABLED: 'sometimes', MAILROOM_OAUTH_GOOGLE_TOKEN_URL: 'ftp://x', MAILROOM_MAIL_CA_FILE: join(dir, 'missing.pem') }, problems);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/MAILROOM_FETCH_ENABLED must be true or false, got "sometimes"/);
  });

  it('reads the fetch lease period and refuses one that is not a whole number of milliseconds in range', () => {
    const problems: string[] = [];
    expect(loadInboundConfig({ MAILROOM_FETCH_LEASE_MS: '3000' }, problems).fetchLeaseMs).toBe(3000);
    expect(problems).toEqual([]);
    for (const bad of ['999', '2.5', 'soon', '3600001']) loadInboundConfig({ MAILROOM_FETCH_LEASE_MS: bad }, problems);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/MAILROOM_FETCH_LEASE_MS must be an integer from 1000 to 3600000, got "999"/);
  });

  it('reads the IDLE connection cap (0 turns push off) and refuses one out of range', () => {
    const problems: string[] = [];
    expect(loadInboundConfig({ MAILROOM_IDLE_MAX_CONNECTIONS: '0' }, problems).idleMaxConnections).toBe(0);
    expect(loadInboundConfig({ MAILROOM_IDLE_MAX_CONNECTIONS: '250' }, problems).idleMaxConnections).toBe(250);
    expect(problems).toEqual([]);
    for (const bad of ['-1', '2.5', 'many', '100001']) loadInboundConfig({ MAILROOM_IDLE_MAX_CONNECTIONS: bad }, problems);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/MAILROOM_IDLE_MAX_CONNECTIONS must be an integer from 0 to 100000, got "-1"/);
  });

  it('lowers the POP3 message limit for tests only: refused outside NODE_ENV=test and out of range', () => {
    const problems: string[] = [];
    expect(loadInboundConfig({ NODE_ENV: 'test', MAILROOM_TEST_POP_MESSAGE_LIMIT: '2000' }, problems).testPopMessageLimit).toBe(2000);
    expect(problems).toEqual([]);
    expect(loadInboundConfig({ MAILROOM_TEST_POP_MESSAGE_LIMIT: '2000' }, problems).testPopMessageLimit).toBeNull();
    expect(problems[0]).toMatch(/for tests only \(NODE_ENV=test\)/);
    loadInboundConfig({ NODE_ENV: 'test', MAILROOM_TEST_POP_MESSAGE_LIMIT: '0' }, problems);
    expect(problems[1]).toMatch(/from 1 to 1500000, got "0"/);
  });
});
