import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddChatDestinationDocument,
  AddMailboxMemberDocument,
  ConfigureLockPolicyDocument,
  CreateUserDocument,
  LoginDocument,
  NoticesDocument,
  SendTestNotificationDocument,
} from '../generated/graphql.js';
import { gqlFrom } from '../access/boundClients.js';
import { startChatReceiver, type ChatReceiver } from '../support/chatReceiver.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const waitFor = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('chat notices end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let slack: ChatReceiver;
  let admin: string;
  const destinations: Record<string, string> = {};
  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: admin });

  beforeAll(async () => {
    if (!enabled) return;
    slack = await startChatReceiver({ answer: (r) => (r.path === '/revoked' ? { status: 404, body: 'no_service' } : { status: 200, body: 'ok' }) });
    server = await startTestServer({ storage, env: { MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'true', MAILROOM_NOTICE_LANGUAGE: 'ja' } });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    for (const [name, path] of [['Slack #ops', '/services/ops'], ['Slack revoked', '/revoked']] as const) {
      const added = await asAdmin(AddChatDestinationDocument, { input: { mailboxNumber: 1, kind: 'SLACK', name, webhookUrl: `${slack.url}${path}`, eventKinds: ['ACCOUNT_LOCKED'] } });
      expect(added.data!.addChatDestination.userErrors).toEqual([]);
      destinations[name] = added.data!.addChatDestination.chatDestination!.id;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });

  it.runIf(enabled)('sendTestNotification answers what the provider said, without the outbox', async () => {
    const ok = await asAdmin(SendTestNotificationDocument, { input: { mailboxNumber: 1, destinationId: destinations['Slack #ops']! } });
    expect(ok.data!.sendTestNotification).toEqual({ answer: { ok: true, status: 200, body: 'ok' }, userErrors: [] });
    expect(JSON.parse(slack.requests.at(-1)!.body).blocks[0].text.text).toBe('[Mailroom] テスト通知 (メールボックス No.1)');
    const refused = await asAdmin(SendTestNotificationDocument, { input: { mailboxNumber: 1, destinationId: destinations['Slack revoked']! } });
    expect(refused.data!.sendTestNotification.answer).toEqual({ ok: false, status: 404, body: 'no_service' });
    const unknown = await asAdmin(SendTestNotificationDocument, { input: { mailboxNumber: 1, destinationId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.data!.sendTestNotification.userErrors).toEqual([{ path: ['input', 'destinationId'], code: 'NOT_FOUND', message: expect.stringContaining('Chat destination') }]);
    expect(await server.app.services.db.selectFrom('notice_outbox').selectAll().execute()).toEqual([]);
    const anonymous = await gql(server.url, SendTestNotificationDocument, { input: { mailboxNumber: 1, destinationId: destinations['Slack #ops']! } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.runIf(enabled)('an account lock reaches the Slack receiver through the outbox, and the notices query shows every delivery', async () => {
    const user = await asAdmin(CreateUserDocument, { input: { username: 'paul', displayName: 'Paul', email: 'paul@example.com', password: 'paul-password' } });
    await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: 1, userId: user.data!.createUser.user!.id } });
    const policy = await asAdmin(ConfigureLockPolicyDocument, { input: { mailboxNumber: 1, enabled: true, threshold: 2, notifyOperationsAdministrators: false, notifyAddresses: ['lock@example.com'] } });
    expect(policy.data!.configureLockPolicy.userErrors).toEqual([]);
    const before = slack.requests.length;
    for (let i = 0; i < 2; i++) await gqlFrom('127.0.0.9', server.url, LoginDocument, { input: { username: 'paul', password: 'wrong-password' } });

    const lock = await waitFor(async () => slack.requests.slice(before).find((r) => r.path === '/services/ops'));
    expect(lock.method).toBe('POST');
    const body = JSON.parse(lock.body);
    expect(body.blocks[0].text.text).toBe('[Mailroom] アカウントがロックされました (メールボックス No.1)');
    expect(body.text).toContain('paul');

    const chat = await waitFor(async () => {
      const res = await asAdmin(NoticesDocument, { mailboxNumber: 1, first: 10 });
      const nodes = res.data!.notices.edges.map((e) => e.node);
      const settled = nodes.filter((n) => n.channel === 'CHAT' && n.status !== 'PENDING');
      return settled.length === 2 ? nodes : undefined;
    });
    expect(chat.filter((n) => n.channel === 'CHAT').map((n) => [n.destinationName, n.kind, n.status, n.attempts, n.lastError]).sort()).toEqual([
      ['Slack #ops', 'USER_LOCKED', 'SENT', 1, null],
      ['Slack revoked', 'USER_LOCKED', 'FAILED', 1, 'Chat provider answered HTTP 404: no_service'],
    ]);
    expect(chat.filter((n) => n.channel === 'EMAIL')).toEqual([expect.objectContaining({ kind: 'USER_LOCKED', recipients: ['lock@example.com'], destinationId: null })]);
    const failed = await asAdmin(NoticesDocument, { mailboxNumber: 1, status: 'FAILED', first: 1 });
    expect(failed.data!.notices.edges.map((e) => e.node.destinationName)).toEqual(['Slack revoked']);
    const page = await asAdmin(NoticesDocument, { mailboxNumber: 1, first: 2 });
    const rest = await asAdmin(NoticesDocument, { mailboxNumber: 1, first: 2, after: page.data!.notices.pageInfo.endCursor });
    expect([...page.data!.notices.edges, ...rest.data!.notices.edges].map((e) => e.node.id).sort()).toEqual(chat.map((n) => n.id).sort());
    expect(slack.requests.slice(before).filter((r) => r.path === '/services/ops')).toHaveLength(1);
  });
});
