import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddChatDestinationDocument,
  AddSmtpServerDocument,
  LoginDocument,
  SendTestMailDocument,
  SendTestNotificationDocument,
  TestReceiveAccountDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { startCountingListener, type CountingListener } from './listener.js';

const pgAvailable = await postgresAvailable();
const SSH_BANNER = 'SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n';

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('egress policy through the server on $storage', ({ storage, enabled }) => {
  let strict: TestServer;
  let allowing: TestServer;
  let listener: CountingListener;
  let strictToken: string;
  let allowingToken: string;

  const login = async (server: TestServer) => (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;

  beforeAll(async () => {
    if (!enabled) return;
    listener = await startCountingListener(SSH_BANNER);
    // No allowance: what production does. The Chatwork API base is the operator's setting,
    // pointed here at the listener to show the policy also holds for operator-set endpoints.
    strict = await startTestServer({ storage, env: { MAILROOM_EGRESS_ALLOW: '', MAILROOM_CHATWORK_API_URL: `http://127.0.0.1:${listener.port}/v2` } });
    allowing = await startTestServer({ storage: 'sqlite' });
    [strictToken, allowingToken] = await Promise.all([login(strict), login(allowing)]);
  });
  afterAll(async () => {
    await Promise.all([strict?.stop(), allowing?.stop()]);
    await listener?.close();
  });

  it.runIf(enabled)('refuses Teams and Slack webhooks on internal addresses when saved, in every spelling, and connects nowhere', async () => {
    const port = listener.port;
    for (const url of [
      `https://127.0.0.1:${port}/flow`,
      `https://0x7f.1:${port}/flow`,
      `https://0177.0.0.1:${port}/flow`,
      `https://[::ffff:127.0.0.1]:${port}/flow`,
      'https://10.0.0.1/flow',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/flow',
      'https://[fd00::1]/flow',
      `http://127.0.0.1:${port}/flow`,
      `https://2130706433:${port}/flow`,
    ]) {
      const added = await gql(strict.url, AddChatDestinationDocument, { input: { mailboxNumber: 1, kind: 'TEAMS', name: 'Internal', webhookUrl: url, eventKinds: ['ACCOUNT_LOCKED'] } }, { token: strictToken });
      expect(added.errors, url).toBeUndefined();
      expect(added.data?.addChatDestination.chatDestination, url).toBeNull();
      expect(added.data?.addChatDestination.userErrors.map((e) => [e.path, e.code]), url).toEqual([[['input', 'webhookUrl'], 'VALIDATION']]);
    }
    const metadata = await gql(strict.url, AddChatDestinationDocument, { input: { mailboxNumber: 1, kind: 'TEAMS', name: 'Metadata', webhookUrl: 'https://169.254.169.254/x', eventKinds: ['ACCOUNT_LOCKED'] } }, { token: strictToken });
    expect(metadata.data?.addChatDestination.userErrors[0]?.message).toContain('169.254.169.254 is link-local, incl. cloud metadata (RFC 3927); this server does not connect there');
    expect(listener.connections()).toBe(0);
  });

  it.runIf(enabled)('checks again at delivery: a Chatwork request to an internal address is refused and never connects', async () => {
    const added = await gql(strict.url, AddChatDestinationDocument, { input: { mailboxNumber: 1, kind: 'CHATWORK', name: 'Room', apiToken: 'a'.repeat(32), roomId: '42', eventKinds: ['ACCOUNT_LOCKED'] } }, { token: strictToken });
    expect(added.data?.addChatDestination.userErrors).toEqual([]);
    const sent = await gql(strict.url, SendTestNotificationDocument, { input: { mailboxNumber: 1, destinationId: added.data!.addChatDestination.chatDestination!.id } }, { token: strictToken });
    expect(sent.data?.sendTestNotification.answer).toMatchObject({ ok: false, status: 0 });
    expect(sent.data?.sendTestNotification.answer?.body).toContain('127.0.0.1 is loopback (RFC 1122); this server does not connect there');
    expect(listener.connections()).toBe(0);
  });

  it.runIf(enabled)('refuses SMTP servers on internal addresses, also when only DNS says so (localhost), and connects nowhere', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const added = await gql(strict.url, AddSmtpServerDocument, { input: { mailboxNumber: 1, name: `Internal ${host}`, host, port: listener.port, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'u', password: 'p' } }, { token: strictToken });
      expect(added.data?.addSmtpServer.userErrors, host).toEqual([]);
      const sent = await gql(strict.url, SendTestMailDocument, { input: { mailboxNumber: 1, serverId: added.data!.addSmtpServer.server!.id, to: 'x@example.net' } }, { token: strictToken });
      expect(sent.data?.sendTestMail.result?.status, host).toBe('FAILED');
      expect(sent.data?.sendTestMail.result?.error).toMatchObject({ code: 'ECONNECTION', message: expect.stringMatching(/is loopback \(RFC 1122\); this server does not connect there/) });
    }
    expect(listener.connections()).toBe(0);
  });

  it.runIf(enabled)('testReceiveAccount refuses POP3/IMAP hosts on internal addresses before and after DNS, and connects nowhere', async () => {
    for (const [protocol, host] of [['POP3', '127.0.0.1'], ['IMAP', 'localhost'], ['APOP', '::ffff:7f00:1'], ['IMAP', '169.254.169.254']] as const) {
      const tested = await gql(
        strict.url,
        TestReceiveAccountDocument,
        { input: { mailboxNumber: 1, changes: { displayName: 'Scan', protocol, host, port: listener.port, encryption: 'NONE', username: 'u', password: 'p' } } },
        { token: strictToken },
      );
      expect(tested.errors, host).toBeUndefined();
      expect(tested.data?.testReceiveAccount, host).toMatchObject({ ok: false, error: { code: 'CONNECTION', serverResponse: null } });
      expect(tested.data?.testReceiveAccount.error?.message, host).toContain('this server does not connect there');
    }
    expect(listener.connections()).toBe(0);
  });

  it.runIf(enabled)('where an operator allows loopback, a foreign banner is not echoed: "not a POP3 server" and the like', async () => {
    const before = listener.connections();
    const probe = async (protocol: 'POP3' | 'IMAP') =>
      (await gql(allowing.url, TestReceiveAccountDocument, { input: { mailboxNumber: 1, changes: { displayName: 'Scan', protocol, host: '127.0.0.1', port: listener.port, encryption: 'NONE', username: 'u', password: 'p' } } }, { token: allowingToken })).data!
        .testReceiveAccount;
    const pop3 = await probe('POP3');
    expect(pop3).toMatchObject({ ok: false, error: { code: 'PROTOCOL', message: 'Not a POP3 server: its greeting is neither +OK nor -ERR (RFC 1939 §4)', serverResponse: null } });
    const imap = await probe('IMAP');
    expect(imap.ok).toBe(false);
    expect(JSON.stringify(imap)).not.toContain('SSH');

    const smtp = await gql(allowing.url, AddSmtpServerDocument, { input: { mailboxNumber: 1, name: 'Banner', host: '127.0.0.1', port: listener.port, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'u', password: 'p' } }, { token: allowingToken });
    const sent = await gql(allowing.url, SendTestMailDocument, { input: { mailboxNumber: 1, serverId: smtp.data!.addSmtpServer.server!.id, to: 'x@example.net' } }, { token: allowingToken });
    expect(sent.data?.sendTestMail.result?.error).toMatchObject({ code: 'EPROTOCOL', message: 'Not an SMTP server: its greeting is not a 220 reply (RFC 5321 §4.2)', response: null });
    expect(JSON.stringify(sent.data)).not.toContain('SSH');
    expect(listener.connections()).toBeGreaterThan(before);
  });
});
