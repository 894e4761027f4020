import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadAuditSigningKey } from '../../src/app/audit/signingKey.js';
import { createLogger } from '../../src/server/logger.js';
import { AuditCheckpointsDocument, LoginDocument, RenameMailboxDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer } from '../support/server.js';

/**
 * Issue #13: the signing key is "generated like the master key, or given; its public key is
 * served and printed". evidenceApi.e2e.test.ts covers the generated key; this one a key given
 * through MAILROOM_AUDIT_SIGNING_KEY, served at /audit/public-key and printed in the log.
 */
describe('audit checkpoints from the server configuration', () => {
  it('a signing key given through MAILROOM_AUDIT_SIGNING_KEY is the one served and printed at startup', async () => {
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

  it('signs on the interval MAILROOM_AUDIT_CHECKPOINT_SECONDS sets, without anyone asking', async () => {
    const server = await startTestServer({ env: { MAILROOM_AUDIT_CHECKPOINT_SECONDS: '1' } });
    try {
      const admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
      await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: 'On the interval' } }, { token: admin });
      const head = await server.app.services.store.headPosition();
      const deadline = Date.now() + 20_000;
      let newest = 0;
      while (newest < head && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        newest = (await gql(server.url, AuditCheckpointsDocument, { first: 1 }, { token: admin })).data!.auditCheckpoints[0]?.position ?? 0;
      }
      expect(newest).toBe(head);
    } finally {
      await server.stop();
    }
  });
});
