import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadAuditSigningKey } from '../../src/app/audit/signingKey.js';
import { createLogger } from '../../src/server/logger.js';
import { startTestServer } from '../support/server.js';

/**
 * Issue #13: the signing key is "generated like the master key, or given; its public key is
 * served and printed". evidenceApi.e2e.test.ts covers the generated key; this one a key given
 * through MAILROOM_AUDIT_SIGNING_KEY, served at /audit/public-key and printed in the log.
 */
describe('a given audit signing key', () => {
  it('is the one served and printed at startup', async () => {
    const seed = randomBytes(32).toString('base64');
    const expected = loadAuditSigningKey({ envValue: seed, dataDir: '/nonexistent' });
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const server = await startTestServer({ env: { MAILROOM_AUDIT_SIGNING_KEY: seed }, logger: createLogger('info', sink) });
    try {
      const res = await fetch(`${server.url.replace(/\/graphql$/, '')}/audit/public-key`);
      expect(await res.text()).toBe(expected.publicKeyPem);
      expect(res.headers.get('x-mailroom-key-id')).toBe(expected.keyId);
      const printed = lines.map((l) => JSON.parse(l) as { msg: string; publicKey?: string; keyId?: string }).find((l) => l.publicKey);
      expect(printed).toMatchObject({ publicKey: expected.publicKeyPem, keyId: expected.keyId, msg: expect.stringContaining('/audit/public-key') });
      // The seed is never what is printed.
      expect(lines.join('\n')).not.toContain(seed);
    } finally {
      await server.stop();
    }
  });
});
