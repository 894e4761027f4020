import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddChatDestinationDocument,
  AddMailboxMemberDocument,
  ConfigurationAsOfDocument,
  ConfigureLockPolicyDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  LoginDocument,
  NoticeLanguageDocument,
  SendTestNotificationDocument,
  SetNoticeLanguageDocument,
  SettingsHistoryDocument,
} from '../generated/graphql.js';
import { gqlFrom } from '../access/boundClients.js';
import { startChatReceiver, type ChatReceiver } from '../support/chatReceiver.js';
import { decodeMail } from '../support/mailText.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';

const pgAvailable = await postgresAvailable();

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('notice language per mailbox end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let builtin: SmtpSink;
  let chat: ChatReceiver;
  let dir: string;
  let admin: string;
  let mika: string;
  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: admin });

  beforeAll(async () => {
    if (!enabled) return;
    const certificate = selfSignedCertificate();
    dir = mkdtempSync(join(tmpdir(), 'mailroom-notice-language-'));
    writeFileSync(join(dir, 'ca.pem'), certificate.cert);
    builtin = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { builtin: 'builtin-pw' } });
    chat = await startChatReceiver();
    // No MAILROOM_NOTICE_LANGUAGE: the deployment default is Japanese.
    server = await startTestServer({
      storage,
      env: {
        MAILROOM_BUILTIN_SMTP_URL: `smtp://builtin:builtin-pw@127.0.0.1:${builtin.port}`,
        MAILROOM_SMTP_CA_FILE: join(dir, 'ca.pem'),
        MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true',
      },
    });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    await asAdmin(CreateMailboxDocument, { input: { number: 2, name: 'Sales', address: 'sales@example.com' } });
    const user = await asAdmin(CreateUserDocument, { input: { username: 'mika', displayName: 'Mika Sato', email: 'mika@example.com', password: 'mika-password-1' } });
    for (const n of [1, 2]) await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: n, userId: user.data!.createUser.user!.id } });
    mika = (await gql(server.url, LoginDocument, { input: { username: 'mika', password: 'mika-password-1' } })).data!.login.token!;
  });
  afterAll(async () => {
    await server?.stop();
    await builtin?.close();
    await chat?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(enabled)('is set by managers only, read by members, validated, and kept in the settings history', async () => {
    expect((await gql(server.url, NoticeLanguageDocument, { mailboxNumber: 1 }, { token: mika })).data!.noticeLanguage).toEqual({
      mailboxNumber: 1,
      language: 'ja',
      chosen: null,
      deploymentDefault: 'ja',
    });
    const refused = await gql(server.url, SetNoticeLanguageDocument, { input: { mailboxNumber: 1, language: 'en' } }, { token: mika });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invalid = await asAdmin(SetNoticeLanguageDocument, { input: { mailboxNumber: 0, language: 'en' } });
    expect(invalid.data!.setNoticeLanguage).toEqual({ noticeLanguage: null, userErrors: [{ path: ['input', 'mailboxNumber'], code: 'VALIDATION', message: expect.any(String) }] });

    const en = await asAdmin(SetNoticeLanguageDocument, { input: { mailboxNumber: 1, language: 'en', reason: 'English-speaking team' } });
    expect(en.data!.setNoticeLanguage).toEqual({ noticeLanguage: { mailboxNumber: 1, language: 'en', chosen: 'en', deploymentDefault: 'ja' }, userErrors: [] });
    const ja = await asAdmin(SetNoticeLanguageDocument, { input: { mailboxNumber: 2, language: 'ja' } });
    expect(ja.data!.setNoticeLanguage.noticeLanguage).toMatchObject({ language: 'ja', chosen: 'ja' });

    const history = await asAdmin(SettingsHistoryDocument, { filter: { mailboxNumber: 1, area: 'integrations' } });
    expect(history.errors).toBeUndefined();
    expect(history.data!.settingsHistory.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ type: 'NoticeLanguageSet', section: 'integrations.notice_language', reason: 'English-speaking team', actor: { username: 'admin' } }),
    );
    const asOf = await asAdmin(ConfigurationAsOfDocument, { mailboxNumber: 1 });
    expect(asOf.data!.configurationAsOf.sections).toContainEqual({ name: 'integrations.notice_language', value: { language: 'en' } });
  });

  it.runIf(enabled)('writes each mailbox’s chat test message in its language', async () => {
    for (const n of [1, 2]) {
      const added = await asAdmin(AddChatDestinationDocument, { input: { mailboxNumber: n, kind: 'SLACK', name: `Team ${n}`, webhookUrl: `${chat.url}/box${n}`, eventKinds: ['ACCOUNT_LOCKED'] } });
      expect(added.data!.addChatDestination.userErrors).toEqual([]);
      const sent = await asAdmin(SendTestNotificationDocument, { input: { mailboxNumber: n, destinationId: added.data!.addChatDestination.chatDestination!.id } });
      expect(sent.data!.sendTestNotification.answer).toMatchObject({ ok: true });
    }
    const posted = (path: string) => JSON.parse(chat.requests.find((r) => r.path === path)!.body);
    expect(posted('/box1').blocks[0].text.text).toBe('[Mailroom] Test notification (Mailbox No. 1)');
    expect(posted('/box1').blocks[1].text.text).toContain('This message checks that Mailroom notices reach this destination.');
    expect(posted('/box2').blocks[0].text.text).toBe('[Mailroom] テスト通知 (メールボックス No.2)');
    expect(posted('/box2').blocks[1].text.text).toContain('Mailroom からの通知がこの宛先に届くことを確認するためのメッセージです。');
  });

  it.runIf(enabled)('writes one lock in the language of each mailbox that hears of it, by e-mail and chat', async () => {
    for (const n of [1, 2]) {
      const policy = await asAdmin(ConfigureLockPolicyDocument, { input: { mailboxNumber: n, enabled: true, threshold: 1, notifyOperationsAdministrators: false, notifyAddresses: [`lock-${n}@example.com`] } });
      expect(policy.data!.configureLockPolicy.userErrors).toEqual([]);
    }
    const before = chat.requests.length;
    const wrong = await gqlFrom('127.0.0.9', server.url, LoginDocument, { input: { username: 'mika', password: 'not-her-password' } });
    expect(wrong.data?.login.token ?? null).toBeNull();

    const mails = [await builtin.next(10_000), await builtin.next(10_000)];
    const byRecipient = Object.fromEntries(mails.map((m) => [m.rcptTo[0], decodeMail(m.raw)]));
    expect(byRecipient['lock-1@example.com']!.subject).toBe('[Mailroom] Account locked: mika');
    expect(byRecipient['lock-1@example.com']!.text).toContain('The account "mika" (Mika Sato) was locked at');
    expect(byRecipient['lock-2@example.com']!.subject).toBe('[Mailroom] アカウントロック：mika');
    expect(byRecipient['lock-2@example.com']!.text).toContain('ユーザ「mika」（Mika Sato）のアカウントが');
    expect(byRecipient['lock-2@example.com']!.text).toContain('アカウントロックが解除されるまで、このユーザはすべてのメールボックスを利用できません。');

    const deadline = Date.now() + 10_000;
    while (chat.requests.length < before + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const posted = chat.requests.slice(before);
    const title = (path: string) => JSON.parse(posted.find((r) => r.path === path)!.body).blocks[0].text.text;
    expect(title('/box1')).toBe('[Mailroom] Account locked (Mailbox No. 1)');
    expect(title('/box2')).toBe('[Mailroom] アカウントがロックされました (メールボックス No.2)');
  });
});
