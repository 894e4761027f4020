import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingChangeOf } from '../../src/app/audit/settingChanges.js';
import { configurationSections } from '../../src/app/configurationSections.js';
import { AddSmtpServerDocument, LoginDocument, RenameMailboxDocument } from '../generated/graphql.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { selfSignedCertificate } from '../support/smtpSink.js';

const pgAvailable = await postgresAvailable();
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
 * A customer's collector over HTTPS (self-signed, trusted through MAILROOM_AUDIT_STREAM_CA_FILE)
 * in its own process (collectorProcess.mjs), which records every batch with whether its HMAC
 * checked out. `killAfter(n)` makes it answer n more batches and SIGKILL itself on the next
 * one, read but never acknowledged; `listen()` starts it again on the same port.
 */
const collector = (dir: string, tls: { key: string; cert: string }) => {
  const out = join(dir, 'received.ndjson');
  writeFileSync(join(dir, 'cert.pem'), tls.cert);
  writeFileSync(join(dir, 'key.pem'), tls.key);
  writeFileSync(out, '');
  let child: ChildProcess | null = null;
  let port = 0;
  const batches = () =>
    readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { signed: boolean; body: string });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const script = fileURLToPath(new URL('./collectorProcess.mjs', import.meta.url));
      const started = spawn(process.execPath, [script, String(port), join(dir, 'cert.pem'), join(dir, 'key.pem'), SECRET, out, '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
      child = started;
      started.once('error', reject);
      started.stdout!.on('data', (d: Buffer) => {
        const m = /listening (\d+)/.exec(d.toString());
        if (m) {
          port = Number(m[1]);
          resolve();
        }
      });
    });
  return {
    get received(): Line[] {
      return batches().flatMap((b) => b.body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line));
    },
    get badSignatures(): string[] {
      return batches()
        .filter((b) => !b.signed)
        .map((b) => b.body);
    },
    listen,
    get url() {
      return `https://127.0.0.1:${port}/collect`;
    },
    /** Resolves once the process died by SIGKILL, on the batch after the next `n` (2) answered. */
    killAfter: () =>
      new Promise<void>((resolve, reject) => {
        const dying = child!;
        dying.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`collector exited with ${signal}`))));
        dying.kill('SIGUSR1');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('audit stream to the customer collector on $storage', ({ storage, enabled }) => {
  const tls = selfSignedCertificate();
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-collector-'));
  const c = collector(dir, tls);
  let server: TestServer;
  let admin: string;
  const dataDir = join(dir, 'data');
  // One schema across the server's restarts: the acknowledged cursor lives there.
  let schema: Awaited<ReturnType<typeof createTestSchema>> | null = null;
  const start = () =>
    startTestServer({
      dataDir,
      env: {
        ...(schema ? { DATABASE_URL: schema.url } : {}),
        MAILROOM_AUDIT_STREAM_URL: c.url,
        MAILROOM_AUDIT_STREAM_SECRET: SECRET,
        MAILROOM_AUDIT_STREAM_CA_FILE: join(dir, 'ca.pem'),
        MAILROOM_AUDIT_STREAM_BATCH: '2',
      },
    });

  beforeAll(async () => {
    if (!enabled) return;
    if (storage === 'postgres') schema = await createTestSchema();
    writeFileSync(join(dir, 'ca.pem'), tls.cert);
    await c.listen();
    server = await start();
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });
  afterAll(async () => {
    await server?.stop();
    await c.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const rename = async (name: string) => {
    const r = await gql(server.url, RenameMailboxDocument, { input: { number: 1, name } }, { token: admin });
    expect(r.data?.renameMailbox.userErrors).toEqual([]);
  };

  it.runIf(enabled)('delivers every setting event in order, at least once, across a collector process killed (SIGKILL) and restarted mid-stream', async () => {
    let dead = false;
    const killed = c.killAfter().then(() => (dead = true));
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

    const received = c.received;
    // Nothing lost: every setting event arrived, nothing else did.
    expect([...unique()].sort()).toEqual(expected.map((e) => e.id).sort());
    // Nothing out of order: dropping repeats by event id leaves the store's order.
    const firstSeen = received.filter((l, i) => received.findIndex((x) => x.eventId === l.eventId) === i);
    expect(firstSeen.map((l) => l.position)).toEqual(expected.map((e) => e.position));
    // The batch in flight when the collector was killed came again: a duplicate, recognisable by id.
    expect(received.length).toBeGreaterThan(unique().size);
    // Every batch was signed with the shared secret; the secret itself never travelled.
    expect(c.badSignatures).toEqual([]);
    const added = received.find((l) => l.event.type === 'SmtpServerAdded')!;
    expect(added.event.data['passwordCiphertext']).toMatchObject({ secret: 'changed' });
    expect(JSON.stringify(received)).not.toContain(SMTP_PASSWORD);
    expect(added).toMatchObject({ mailboxNumber: 1, section: 'outbound.smtp' });
  });

  it.runIf(enabled)('a restarted server resumes after the last acknowledged position, sending nothing again', async () => {
    const sent = c.received.length;
    const last = Math.max(...c.received.map((l) => l.position));
    // The collector has answered the last batch; wait until the server has stored that
    // acknowledgement (a batch answered but not yet recorded is rightly sent again).
    const acknowledged = async () =>
      Number((await server.app.services.db.selectFrom('audit_stream_cursors').select('position').executeTakeFirst())?.position ?? 0);
    const ackDeadline = Date.now() + 10_000;
    while ((await acknowledged()) < last && Date.now() < ackDeadline) await new Promise((r) => setTimeout(r, 50));
    expect(await acknowledged()).toBeGreaterThanOrEqual(last);
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
