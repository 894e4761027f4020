import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddChatDestinationDocument, CreateMailboxDocument, CreateUserDocument, SignInDocument } from '../generated/graphql.js';
import { startChatReceiver, type ChatReceiver, type ReceivedRequest } from '../support/chatReceiver.js';
import { decodeMail } from '../support/mailText.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';

const pgAvailable = await postgresAvailable();

const waitFor = async <T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const slackTitle = (r: ReceivedRequest): string => (JSON.parse(r.body) as { blocks: { text: { text: string } }[] }).blocks[0]!.text.text;

/**
 * Red-team probe: one address tries one password against 200 usernames (credential
 * stuffing). The per-user lock never fires (one try per user); the per-address and
 * per-network counters must stop it, while a user from elsewhere still logs in.
 * Addresses are simulated with X-Forwarded-For behind a trusted loopback proxy.
 */
describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('credential stuffing on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let sink: SmtpSink;
  let chat: ChatReceiver;
  let certDir: string;
  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

  beforeAll(async () => {
    if (!enabled) return;
    // Block notices leave through the outbox: e-mail over the built-in route, chat to a receiver.
    const certificate = selfSignedCertificate();
    certDir = mkdtempSync(join(tmpdir(), 'mailroom-stuffing-'));
    writeFileSync(join(certDir, 'ca.pem'), certificate.cert);
    sink = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { builtin: 'builtin-pw' } });
    chat = await startChatReceiver();
    server = await startTestServer({
      storage,
      env: {
        MAILROOM_BUILTIN_SMTP_URL: `smtp://builtin:builtin-pw@127.0.0.1:${sink.port}`,
        MAILROOM_SMTP_CA_FILE: join(certDir, 'ca.pem'),
        MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true',
        MAILROOM_TRUSTED_PROXIES: '127.0.0.1',
        // The per-address rate limit is out of the way: the stuffing counters must do it.
        MAILROOM_LOGIN_ATTEMPTS_PER_IP: '100000',
        MAILROOM_STUFFING_SLOW_AFTER: '10',
        MAILROOM_STUFFING_BLOCK_AFTER: '30',
        MAILROOM_STUFFING_SLOW_STEP_MS: '5',
      },
    });
    const admin = (await gql(server.url, SignInDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    await gql(server.url, CreateUserDocument, { input: { username: 'victim', displayName: 'v', email: 'v@example.com', password: 'victim-password' } }, { token: admin });
    await gql(server.url, CreateMailboxDocument, { input: { number: 2, name: 'Second', address: 'second@example.com' } }, { token: admin });
    // Mailbox 1 follows blocks; mailbox 2 follows only locks and must hear nothing of them.
    for (const [mailboxNumber, path, eventKinds] of [[1, '/blocks', ['ADDRESS_BLOCKED']], [2, '/locks', ['ACCOUNT_LOCKED']]] as const) {
      const added = await gql(server.url, AddChatDestinationDocument, { input: { mailboxNumber, kind: 'SLACK', name: 'Security', webhookUrl: `${chat.url}${path}`, eventKinds: [...eventKinds] } }, { token: admin });
      expect(added.data!.addChatDestination.userErrors).toEqual([]);
    }
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all([sink?.close(), chat?.close()]);
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  it.runIf(enabled)('200 usernames x 1 password from one address are stopped after the threshold; another address logs in', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await gql(server.url, SignInDocument, { input: { username: `user${i}`, password: 'Summer2024!' } }, from('203.0.113.7'));
      codes.push(res.data?.login.userErrors[0]?.code ?? res.errors?.[0]?.extensions?.code ?? 'OK');
    }
    expect(codes.slice(0, 30).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(30).every((c) => c === 'RATE_LIMITED')).toBe(true);
    // The whole /24 is refused too, even with the right password of a real user.
    const neighbour = await gql(server.url, SignInDocument, { input: { username: 'victim', password: 'victim-password' } }, from('203.0.113.99'));
    expect(neighbour.errors?.[0]?.extensions?.code ?? neighbour.data?.login.userErrors[0]?.code).toBe('RATE_LIMITED');
    const elsewhere = await gql(server.url, SignInDocument, { input: { username: 'victim', password: 'victim-password' } }, from('198.51.100.9'));
    expect(elsewhere.data?.login.token).toMatch(/^mr_s_/);
    const blocks = (await server.app.services.store.readAll({ fromPosition: 1, max: 10_000 })).filter((e) => e.type === 'ClientAddressBlocked');
    expect(blocks.map((e) => e.data)).toEqual([
      expect.objectContaining({ network: '203.0.113.7', failures: 30 }),
      expect.objectContaining({ network: '203.0.113.0/24', failures: 30 }),
    ]);

    // Each block is told to the administrators by e-mail and to the chat rooms that follow blocks.
    const adminEmail = (await server.app.services.db.selectFrom('users').select('email').where('username', '=', 'admin').executeTakeFirstOrThrow()).email;
    const mails = [await sink.next(15_000), await sink.next(15_000)];
    expect(mails.map((m) => m.rcptTo)).toEqual([[adminEmail], [adminEmail]]);
    expect(mails.map((m) => decodeMail(m.raw).subject).sort()).toEqual(['[Mailroom] 接続元ブロック：203.0.113.0/24', '[Mailroom] 接続元ブロック：203.0.113.7']);
    expect(decodeMail(mails[0]!.raw).text).toContain('ログインに 30 回失敗しました');
    const rooms = await waitFor(() => (chat.requests.filter((r) => r.path === '/blocks').length >= 2 ? chat.requests.filter((r) => r.path === '/blocks') : undefined));
    expect(rooms.map(slackTitle)).toEqual(Array(2).fill('[Mailroom] ログイン失敗の多い接続元をブロックしました (メールボックス No.1)'));
    const rows = await server.app.services.db.selectFrom('notice_outbox').select(['mailbox_number', 'channel', 'idempotency_key']).where('kind', '=', 'ADDRESS_BLOCKED').execute();
    expect(rows.map((r) => [Number(r.mailbox_number), r.channel]).sort()).toEqual([[1, 'chat'], [1, 'chat'], [1, 'email'], [1, 'email']]);
    expect(chat.requests.filter((r) => r.path === '/locks')).toEqual([]);
  });

  it.runIf(enabled)('IPv6 clients are counted per /56', async () => {
    for (let i = 0; i < 30; i++) await gql(server.url, SignInDocument, { input: { username: `v6user${i}`, password: 'x-password' } }, from(`2001:db8:0:1${i % 10}::${i + 1}`));
    const next = await gql(server.url, SignInDocument, { input: { username: 'victim', password: 'victim-password' } }, from('2001:db8:0:ff::1'));
    expect(next.errors?.[0]?.extensions?.code ?? next.data?.login.userErrors[0]?.code).toBe('RATE_LIMITED');
    const other = await gql(server.url, SignInDocument, { input: { username: 'victim', password: 'victim-password' } }, from('2001:db8:0:100::1'));
    expect(other.data?.login.token).toMatch(/^mr_s_/);
  });
});
