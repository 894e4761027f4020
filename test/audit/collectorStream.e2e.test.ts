import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingChangeOf } from '../../src/app/audit/settingChanges.js';
import { signBatch, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/app/audit/collectorStream.js';
import { configurationSections } from '../../src/app/configurationSections.js';
import { AddSmtpServerDocument, LoginDocument, RenameMailboxDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { selfSignedCertificate } from '../support/smtpSink.js';

const SECRET = 'collector-shared-secret-1234';
const SMTP_PASSWORD = 'stream-must-not-carry-this';

interface Line {
  readonly eventId: string;
  readonly position: number;
  readonly mailboxNumber: number;
  readonly section: string;
  readonly event: { readonly type: string; readonly data: Record<string, unknown> };
}

/**
 * A customer's collector over HTTPS (self-signed, trusted through MAILROOM_AUDIT_STREAM_CA_FILE).
 * It checks each batch's HMAC, records the lines, and can be killed: the request in flight
 * is read but never answered, as when the process dies before acknowledging.
 */
const collector = (tls: { key: string; cert: string }) => {
  const received: Line[] = [];
  const badSignatures: string[] = [];
  let answered = 0;
  let killAfter = Infinity;
  let server: Server | null = null;
  let port = 0;
  let onKill: (() => void) | null = null;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer(tls, (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const timestamp = String(req.headers[TIMESTAMP_HEADER]);
          if (req.headers[SIGNATURE_HEADER] !== signBatch(SECRET, timestamp, body)) badSignatures.push(body);
          for (const l of body.split('\n').filter(Boolean)) received.push(JSON.parse(l) as Line);
          if (answered >= killAfter) {
            killAfter = Infinity;
            req.socket.destroy();
            onKill?.();
            return;
          }
          answered += 1;
          res.writeHead(204).end();
        });
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  return {
    received,
    badSignatures,
    listen,
    get url() {
      return `https://127.0.0.1:${port}/collect`;
    },
    /** Dies (stops listening, drops connections) on the request after the next `n` answered ones. */
    killAfter: (n: number) =>
      new Promise<void>((resolve) => {
        killAfter = answered + n;
        onKill = () => {
          server!.close();
          server!.closeAllConnections();
          resolve();
        };
      }),
    close: () => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve())),
  };
};

describe('audit stream to the customer collector', () => {
  const tls = selfSignedCertificate();
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-collector-'));
  const c = collector(tls);
  let server: TestServer;
  let admin: string;
  const dataDir = join(dir, 'data');
  const start = () =>
    startTestServer({
      dataDir,
      env: {
        MAILROOM_AUDIT_STREAM_URL: c.url,
        MAILROOM_AUDIT_STREAM_SECRET: SECRET,
        MAILROOM_AUDIT_STREAM_CA_FILE: join(dir, 'ca.pem'),
        MAILROOM_AUDIT_STREAM_BATCH: '2',
      },
    });

  beforeAll(async () => {
    writeFileSync(join(dir, 'ca.pem'), tls.cert);
    await c.listen();
    server = await start();
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });
  afterAll(async () => {
    await server?.stop();
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rename = async (name: string) => {
    const r = await gql(server.url, RenameMailboxDocument, { input: { number: 1, name } }, { token: admin });
    expect(r.data?.renameMailbox.userErrors).toEqual([]);
  };

  it('delivers every setting event in order, at least once, across a collector killed and restarted mid-stream', async () => {
    let dead = false;
    const killed = c.killAfter(2).then(() => (dead = true));
    // Changes until the collector dies on its third batch from now.
    for (let i = 0; !dead && i < 100; i++) {
      await rename(`Before ${i}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await killed;
    // Changes made while the collector is down.
    for (let i = 0; i < 5; i++) await rename(`During ${i}`);
    const smtp = await gql(
      server.url,
      AddSmtpServerDocument,
      { input: { mailboxNumber: 1, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'u', password: SMTP_PASSWORD } },
      { token: admin },
    );
    expect(smtp.data?.addSmtpServer.userErrors).toEqual([]);
    await new Promise((r) => setTimeout(r, 1000));
    await c.listen();
    for (let i = 0; i < 3; i++) await rename(`After ${i}`);

    const store = server.app.services.store;
    const expected = (await store.readAll({ max: 10_000 })).filter((e) => settingChangeOf(e, configurationSections) !== null);
    expect(expected.length).toBeGreaterThan(12);
    const deadline = Date.now() + 60_000;
    const unique = () => new Set(c.received.map((l) => l.eventId));
    while (unique().size < expected.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    // Nothing lost: every setting event arrived, nothing else did.
    expect([...unique()].sort()).toEqual(expected.map((e) => e.id).sort());
    // Nothing out of order: dropping repeats by event id leaves the store's order.
    const firstSeen = c.received.filter((l, i) => c.received.findIndex((x) => x.eventId === l.eventId) === i);
    expect(firstSeen.map((l) => l.position)).toEqual(expected.map((e) => e.position));
    // The batch in flight when the collector died came again: a duplicate, recognisable by id.
    expect(c.received.length).toBeGreaterThan(unique().size);
    // Every batch was signed with the shared secret; the secret itself never travelled.
    expect(c.badSignatures).toEqual([]);
    const added = c.received.find((l) => l.event.type === 'SmtpServerAdded')!;
    expect(added.event.data['passwordCiphertext']).toMatchObject({ secret: 'changed' });
    expect(JSON.stringify(c.received)).not.toContain(SMTP_PASSWORD);
    expect(added).toMatchObject({ mailboxNumber: 1, section: 'outbound.smtp' });
  });

  it('a restarted server resumes after the last acknowledged position, sending nothing again', async () => {
    const sent = c.received.length;
    const last = Math.max(...c.received.map((l) => l.position));
    await server.stop();
    server = await start();
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    await rename('After restart');
    const deadline = Date.now() + 30_000;
    while (c.received.length === sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    const fresh = c.received.slice(sent);
    expect(fresh.map((l) => l.event.type)).toEqual(['MailboxRenamed']);
    expect(fresh[0]!.position).toBeGreaterThan(last);
  });
});
