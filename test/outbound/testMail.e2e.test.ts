import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.js';
import {
  AddSmtpServerDocument,
  AddVerifiedSmtpServerDocument,
  ChangeSmtpServerConnectionDocument,
  ConfigureVerifiedRakutenRelayDocument,
  ConfirmTestMailDocument,
  LoginDocument,
  SendTestMailWithReceiptDocument,
  SendUnsavedRakutenTestMailDocument,
  SendUnsavedTestMailDocument,
  ServerVerificationsDocument,
  SettingsHistoryDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';

/**
 * テストメールを送信する before and after 登録, and 「はい」: over HTTP against the real
 * server, with a real SMTP sink as the server under test.
 */
const pgAvailable = await postgresAvailable();
const certificate = selfSignedCertificate();
const PASSWORD = 'sink-plaintext-Vb93';
const NEVER_SAVED = 'unsaved-only-plaintext-Jq58';
const RAKUTEN_PASSWORD = 'rakuten-plaintext-Lm40';
const MASKED = 'buyer@pc.fw.rakuten.ne.jp';

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('test mail and its confirmation end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let token: string;
  let sink: SmtpSink;
  let dir: string;
  const logLines: string[] = [];
  const run = <R, V>(doc: Parameters<typeof gql<R, V>>[1], variables: V) => gql(server.url, doc, variables, { token });
  const head = () => server.app.services.store.headPosition();
  const settings = (over: Record<string, unknown> = {}) => ({
    mailboxNumber: 1,
    name: 'Tested relay',
    host: '127.0.0.1',
    port: sink.port,
    encryption: 'STARTTLS' as const,
    authMethod: 'PASSWORD' as const,
    user: 'sink-user',
    password: PASSWORD,
    ...over,
  });
  const verifications = async () => (await run(ServerVerificationsDocument, { mailboxNumber: 1 })).data!.outboundSettings;
  const history = async () =>
    (await run(SettingsHistoryDocument, { filter: { mailboxNumber: 1, area: 'outbound.smtp' }, first: 100 })).data!.settingsHistory.edges.map((e) => e.node);

  beforeAll(async () => {
    if (!enabled) return;
    dir = mkdtempSync(join(tmpdir(), 'mailroom-testmail-e2e-'));
    writeFileSync(join(dir, 'ca.pem'), certificate.cert);
    sink = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { 'sink-user': PASSWORD, 'shop-id': RAKUTEN_PASSWORD } });
    const logs = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({ storage, env: { MAILROOM_SMTP_CA_FILE: join(dir, 'ca.pem') }, logger: createLogger('debug', logs) });
    token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });
  afterAll(async () => {
    await server?.stop();
    await sink?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(enabled)('an unsaved test mail arrives at the server under test, stores nothing, and registering with its receipt verifies at once', async () => {
    const before = await head();
    const tested = await run(SendUnsavedTestMailDocument, { input: { ...settings(), to: 'ops@example.net' } });
    expect(tested.data?.sendUnsavedTestMail.userErrors).toEqual([]);
    const result = tested.data!.sendUnsavedTestMail.result!;
    expect(result).toMatchObject({ status: 'SENT', accepted: ['ops@example.net'], from: 'mailbox1@example.com', route: { server: { kind: 'EXTERNAL' } } });
    expect(result.receipt).toMatch(/^tmr1\./);
    const mail = await sink.next();
    expect(mail).toMatchObject({ user: 'sink-user', rcptTo: ['ops@example.net'] });
    expect(mail.raw.toString()).toContain(`Message-ID: ${result.messageId}`);
    expect(await head()).toBe(before);
    expect((await verifications()).smtpServers.map((s) => s.name)).not.toContain('Tested relay');

    // A wrong password is the server's answer, still nothing stored.
    const wrong = await run(SendUnsavedTestMailDocument, { input: { ...settings({ password: NEVER_SAVED }), to: 'ops@example.net' } });
    expect(wrong.data?.sendUnsavedTestMail.result).toMatchObject({ status: 'FAILED', error: { code: 'EAUTH' }, receipt: null });
    // Bad settings: the same userErrors as addSmtpServer.
    const bad = await run(SendUnsavedTestMailDocument, { input: { ...settings({ port: 0 }), to: 'ops@example.net' } });
    expect(bad.data?.sendUnsavedTestMail.userErrors[0]).toMatchObject({ path: ['input', 'port'], code: 'VALIDATION' });
    expect(await head()).toBe(before);

    // Other settings than those tested: refused, nothing added.
    const other = await run(AddVerifiedSmtpServerDocument, { input: { ...settings({ user: 'someone-else' }), testMailReceipt: result.receipt } });
    expect(other.data?.addSmtpServer.userErrors[0]).toMatchObject({ path: ['input', 'testMailReceipt'], code: 'VALIDATION' });
    const forged = await run(AddVerifiedSmtpServerDocument, { input: { ...settings(), testMailReceipt: 'tmr1.v1.not-a-receipt' } });
    expect(forged.data?.addSmtpServer.userErrors[0]).toMatchObject({ path: ['input', 'testMailReceipt'], code: 'VALIDATION' });
    expect(await head()).toBe(before);

    // The same settings (another name is fine): added and verified in one go.
    const added = await run(AddVerifiedSmtpServerDocument, { input: { ...settings({ name: 'Tested relay (saved)' }), testMailReceipt: result.receipt } });
    expect(added.data?.addSmtpServer.userErrors).toEqual([]);
    expect(added.data?.addSmtpServer.server?.verification).toMatchObject({ testMailId: result.messageId, to: 'ops@example.net', verifiedBy: expect.any(String) });
    const types = (await history()).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['SmtpServerAdded', 'SmtpServerVerified']);
  });

  it.runIf(enabled)('a saved server: its test mail is confirmed, shown on the server and in the history, and a host change clears it', async () => {
    const added = await run(AddSmtpServerDocument, { input: settings({ name: 'Saved relay' }) });
    const serverId = added.data!.addSmtpServer.server!.id;
    expect((await verifications()).smtpServers.find((s) => s.id === serverId)?.verification).toBeNull();

    const before = await head();
    const tested = await run(SendTestMailWithReceiptDocument, { input: { mailboxNumber: 1, serverId, to: 'ops@example.net' } });
    const result = tested.data!.sendTestMail.result!;
    expect(result).toMatchObject({ status: 'SENT', route: { server: { id: serverId } } });
    expect((await sink.next()).raw.toString()).toContain(`Message-ID: ${result.messageId}`);
    expect(await head()).toBe(before);

    const confirmed = await run(ConfirmTestMailDocument, { input: { mailboxNumber: 1, serverId, testMailReceipt: result.receipt!, reason: 'test mail arrived' } });
    expect(confirmed.data?.confirmTestMail.userErrors).toEqual([]);
    expect(confirmed.data?.confirmTestMail.server?.verification).toMatchObject({ testMailId: result.messageId, to: 'ops@example.net' });
    const shown = (await verifications()).smtpServers.find((s) => s.id === serverId)!.verification!;
    expect(shown).toMatchObject({ testMailId: result.messageId, verifiedBy: expect.any(String) });
    expect(Date.parse(shown.verifiedAt)).toBeGreaterThanOrEqual(Date.parse(shown.testedAt));

    const entry = (await history()).find((e) => e.type === 'SmtpServerVerified' && e.changes.some((c) => c.field.startsWith(`servers.${serverId}.verification`)))!;
    expect(entry).toMatchObject({ actor: { username: 'admin' }, reason: 'test mail arrived' });
    expect(entry.changes.map((c) => c.after).join(' ')).toContain(result.messageId!);

    // A receipt of one server does not confirm another.
    const another = await run(AddSmtpServerDocument, { input: settings({ name: 'Another relay' }) });
    const wrongServer = await run(ConfirmTestMailDocument, { input: { mailboxNumber: 1, serverId: another.data!.addSmtpServer.server!.id, testMailReceipt: result.receipt! } });
    expect(wrongServer.data?.confirmTestMail.userErrors[0]).toMatchObject({ path: ['input', 'testMailReceipt'], code: 'ILLEGAL_STATE' });

    // A rename keeps the verification, a host change clears it, and the old receipt no longer confirms.
    const renamed = await run(ChangeSmtpServerConnectionDocument, { input: { ...settings({ name: 'Saved relay, renamed', password: null }), serverId } });
    expect(renamed.data?.changeSmtpServer.server?.verification).toEqual({ testMailId: result.messageId });
    const moved = await run(ChangeSmtpServerConnectionDocument, { input: { ...settings({ name: 'Saved relay, renamed', host: 'localhost', password: null }), serverId } });
    expect(moved.data?.changeSmtpServer.server).toMatchObject({ host: 'localhost', verification: null });
    expect((await verifications()).smtpServers.find((s) => s.id === serverId)?.verification).toBeNull();
    const stale = await run(ConfirmTestMailDocument, { input: { mailboxNumber: 1, serverId, testMailReceipt: result.receipt! } });
    expect(stale.data?.confirmTestMail.userErrors[0]).toMatchObject({ code: 'ILLEGAL_STATE', message: expect.stringContaining('changed since this test mail was sent') });
    const lapse = (await history()).at(-1)!;
    expect(lapse.changes.some((c) => c.field.startsWith(`servers.${serverId}.verification`) && c.after === null)).toBe(true);

    const builtin = await run(SendTestMailWithReceiptDocument, { input: { mailboxNumber: 1, serverId: 'builtin', to: 'ops@example.net' } });
    expect(builtin.data?.sendTestMail.result?.receipt ?? null).toBeNull();
  });

  it.runIf(enabled)('the Rakuten relay: unsaved test then configure verified at once, and a saved relay test confirmed', async () => {
    const relay = { mailboxNumber: 1, realAddress: 'shop@example.com', host: '127.0.0.1', port: sink.port, user: 'shop-id', password: RAKUTEN_PASSWORD };
    const before = await head();
    const tested = await run(SendUnsavedRakutenTestMailDocument, { input: { ...relay, to: MASKED } });
    const result = tested.data!.sendUnsavedRakutenTestMail.result!;
    expect(result).toMatchObject({ status: 'SENT', from: 'shop@example.com', route: { server: { id: 'rakuten-relay', kind: 'RAKUTEN_RELAY' } } });
    expect(await sink.next()).toMatchObject({ user: 'shop-id', rcptTo: [MASKED] });
    expect(await head()).toBe(before);
    expect((await verifications()).rakutenRelay).toBeNull();

    const configured = await run(ConfigureVerifiedRakutenRelayDocument, { input: { ...relay, testMailReceipt: result.receipt } });
    expect(configured.data?.configureRakutenRelay.userErrors).toEqual([]);
    expect(configured.data?.configureRakutenRelay.settings?.rakutenRelay?.verification).toMatchObject({ testMailId: result.messageId, to: MASKED });

    const again = await run(SendTestMailWithReceiptDocument, { input: { mailboxNumber: 1, serverId: 'rakuten-relay', to: MASKED } });
    const second = again.data!.sendTestMail.result!;
    await sink.next();
    const confirmed = await run(ConfirmTestMailDocument, { input: { mailboxNumber: 1, serverId: 'rakuten-relay', testMailReceipt: second.receipt! } });
    expect(confirmed.data?.confirmTestMail.server).toBeNull();
    expect(confirmed.data?.confirmTestMail.settings?.rakutenRelay?.verification?.testMailId).toBe(second.messageId);

    const moved = await run(ConfigureVerifiedRakutenRelayDocument, { input: { ...relay, host: 'localhost', password: null } });
    expect(moved.data?.configureRakutenRelay.settings?.rakutenRelay).toMatchObject({ host: 'localhost', verification: null });
  });

  it.runIf(enabled)('no password reaches an event or the log', async () => {
    const events = JSON.stringify(await server.app.services.store.readAll());
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, NEVER_SAVED, RAKUTEN_PASSWORD]) {
      expect(events.includes(secret), `an event holds ${secret}`).toBe(false);
      expect(logs.includes(secret), `the log holds ${secret}`).toBe(false);
    }
  });
});
