import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OAUTH_ENDPOINTS, loadInboundConfig } from '../../src/inbound/inboundConfig.js';

describe('inbound configuration', () => {
  it('defaults: fetching on, the providers’ real endpoints, no extra CA', () => {
    const problems: string[] = [];
    expect(loadInboundConfig({}, problems)).toEqual({ fetchEnabled: true, oauthEndpoints: DEFAULT_OAUTH_ENDPOINTS, mailCaCerts: null, fetchLeaseMs: 60_000 });
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
});
