import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingChangeOf } from '../../src/app/audit/settingChanges.js';
import { configurationSections } from '../../src/app/configurationSections.js';
import {
  AddChatDestinationDocument,
  AddMailboxMemberDocument,
  AddSmtpServerDocument,
  ConfigureLockPolicyDocument,
  CreateUserDocument,
  LoginDocument,
  RenameMailboxDocument,
  SetNoticeLanguageDocument,
  UnlockUsersDocument,
} from '../generated/graphql.js';
import { gqlFrom } from '../access/boundClients.js';
import { startChatReceiver, type ChatReceiver, type ReceivedRequest } from '../support/chatReceiver.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const waitFor = async <T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Slack body: the title is the header block, the lines the section block. */
const slackMessage = (r: ReceivedRequest): { title: string; text: string } => {
  const body = JSON.parse(r.body) as { blocks: { text: { text: string } }[] };
  return { title: body.blocks[0]!.text.text, text: body.blocks[1]!.text.text };
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('unlock and setting-change notices to chat on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let slack: ChatReceiver;
  let admin: string;
  const ids: Record<string, string> = {};
  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: admin });
  const at = (path: string) => slack.requests.filter((r) => r.path === path);
  const addDestination = async (name: string, path: string, eventKinds: ('ACCOUNT_LOCKED' | 'ACCOUNT_UNLOCKED' | 'SETTING_CHANGED')[]) => {
    const added = await asAdmin(AddChatDestinationDocument, { input: { mailboxNumber: 1, kind: 'SLACK', name, webhookUrl: `${slack.url}${path}`, eventKinds } });
    expect(added.data!.addChatDestination.userErrors).toEqual([]);
    ids[name] = added.data!.addChatDestination.chatDestination!.id;
  };
  const outbox = () => server.app.services.db.selectFrom('notice_outbox').selectAll().orderBy('created_at').orderBy('id').execute();

  beforeAll(async () => {
    if (!enabled) return;
    slack = await startChatReceiver();
    // The deployment speaks Japanese; mailbox 1 chose English, so its notices must be English.
    server = await startTestServer({ storage, env: { MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true', MAILROOM_NOTICE_LANGUAGE: 'ja' } });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    const language = await asAdmin(SetNoticeLanguageDocument, { input: { mailboxNumber: 1, language: 'en' } });
    expect(language.data!.setNoticeLanguage.userErrors).toEqual([]);
    await addDestination('Unlocks', '/unlocks', ['ACCOUNT_UNLOCKED']);
    await addDestination('Locks only', '/locks', ['ACCOUNT_LOCKED']);
  });
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });

  it.runIf(enabled)('an unlock through GraphQL reaches the destination subscribed to unlocks, with actor and reason, in the mailbox language', async () => {
    const user = await asAdmin(CreateUserDocument, { input: { username: 'paul', displayName: 'Paul', email: 'paul@example.com', password: 'paul-password' } });
    const paul = user.data!.createUser.user!.id;
    await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: 1, userId: paul } });
    const policy = await asAdmin(ConfigureLockPolicyDocument, { input: { mailboxNumber: 1, enabled: true, threshold: 2, notifyOperationsAdministrators: false, notifyAddresses: [] } });
    expect(policy.data!.configureLockPolicy.userErrors).toEqual([]);
    for (let i = 0; i < 2; i++) await gqlFrom('127.0.0.9', server.url, LoginDocument, { input: { username: 'paul', password: 'wrong-password' } });
    const lock = await waitFor(() => at('/locks')[0]);
    expect(slackMessage(lock).title).toBe('[Mailroom] Account locked (Mailbox No. 1)');

    const unlocked = await asAdmin(UnlockUsersDocument, { input: { userIds: [paul], reason: 'Verified by phone' } });
    expect(unlocked.data!.unlockUsers.userErrors).toEqual([]);
    const message = slackMessage(await waitFor(() => at('/unlocks')[0]));
    expect(message.title).toBe('[Mailroom] Account unlocked (Mailbox No. 1)');
    expect(message.text).toContain('The account "paul" (Paul) was unlocked at');
    expect(message.text).toContain('Unlocked by: admin');
    expect(message.text).toContain('Reason: Verified by phone');

    // Recorded before the mutation answered: one row, for the subscribed destination only.
    const rows = (await outbox()).filter((r) => r.kind === 'USER_UNLOCKED');
    expect(rows.map((r) => [r.channel, r.destination_id])).toEqual([['chat', ids['Unlocks']]]);
    expect(rows[0]!.idempotency_key).toMatch(/^user-unlocked:[0-9a-f-]{36}:1#chat:/);
    expect(at('/unlocks')).toHaveLength(1);
    expect(at('/locks').map((r) => slackMessage(r).title)).toEqual(['[Mailroom] Account locked (Mailbox No. 1)']);
  });

  it.runIf(enabled)('every setting event reaches the subscribed destination exactly once, naming its area; a rebuild resends nothing', async () => {
    const { store } = server.app.services;
    const from = (await store.headPosition()) + 1;
    await addDestination('Settings', '/settings', ['SETTING_CHANGED']);
    const smtp = await asAdmin(AddSmtpServerDocument, {
      input: { mailboxNumber: 1, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay', password: 'relay-secret-password' },
    });
    expect(smtp.data!.addSmtpServer.userErrors).toEqual([]);
    const renamed = await asAdmin(RenameMailboxDocument, { input: { number: 1, name: 'Front desk', reason: 'Rebrand' } });
    expect(renamed.data!.renameMailbox.userErrors).toEqual([]);

    const settingEvents = (await store.readAll({ fromPosition: from, max: 10_000 })).filter((e) => settingChangeOf(e, configurationSections)?.mailboxNumber === 1);
    expect(settingEvents.map((e) => e.type)).toEqual(expect.arrayContaining(['ChatDestinationAdded', 'SmtpServerAdded', 'MailboxRenamed']));
    const rows = (await outbox()).filter((r) => r.kind === 'SETTING_CHANGED');
    expect(rows.map((r) => r.idempotency_key).sort()).toEqual(settingEvents.map((e) => `setting-changed:${e.id}#chat:${ids['Settings']}`).sort());
    expect(rows.every((r) => r.channel === 'chat' && r.destination_id === ids['Settings'])).toBe(true);

    const received = await waitFor(() => (at('/settings').length >= settingEvents.length ? at('/settings').map(slackMessage) : undefined));
    expect(received).toHaveLength(settingEvents.length);
    for (const m of received) expect(m.title).toBe('[Mailroom] Setting changed (Mailbox No. 1)');
    expect(received.filter((m) => m.text.includes('"Outbound SMTP servers"'))).toHaveLength(1);
    const rename = received.filter((m) => m.text.includes('"Mailbox (name, address, members)"'));
    expect(rename).toHaveLength(1);
    expect(rename[0]!.text).toContain('Changed by: admin');
    expect(rename[0]!.text).toContain('Reason: Rebrand');
    expect(received.filter((m) => m.text.includes('"External chat (Slack, Chatwork, Teams)"'))).toHaveLength(1);
    for (const m of received) expect(m.text).not.toContain('relay-secret-password');
    expect(at('/unlocks').map((r) => slackMessage(r).title)).not.toContain('[Mailroom] Setting changed (Mailbox No. 1)');
    expect(at('/locks').map((r) => slackMessage(r).title)).not.toContain('[Mailroom] Setting changed (Mailbox No. 1)');

    const before = await outbox();
    await server.app.services.runner.rebuild();
    const after = await outbox();
    expect(after.map((r) => [r.id, r.status])).toEqual(before.map((r) => [r.id, r.status]));
    expect(at('/settings')).toHaveLength(settingEvents.length);
  });
});
