import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddMailboxMemberDocument,
  AssignMailboxRoleDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  IssueApiTokenDocument,
  LoginDocument,
  LogoutDocument,
  MailboxDocument,
  RenameMailboxDocument,
  RevokeApiTokenDocument,
  SettingsChangedDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const login = async (url: string, username: string, password: string): Promise<string> => {
  const res = await gql(url, LoginDocument, { input: { username, password } });
  expect(res.data?.login.userErrors).toEqual([]);
  return res.data!.login.token!;
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('server end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let adminToken: string;

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage });
    adminToken = await login(server.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.runIf(enabled)('answers health and readiness', async () => {
    const health = await fetch(server.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    const ready = await fetch(server.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'ok', store: storage });
  });

  it.runIf(enabled)('logs in the bootstrapped administrator and answers a query over HTTP', async () => {
    const viewer = await gql(server.url, ViewerDocument, {}, { token: adminToken });
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data?.viewer).toMatchObject({
      username: 'admin',
      isAdministrator: true,
      permissions: [],
      memberships: [{ roles: ['OPERATIONS_ADMINISTRATOR'], mailbox: { number: 1, name: 'Mailbox 1' } }],
    });
  });

  it.runIf(enabled)('refuses a wrong password with a userError and no token', async () => {
    const res = await gql(server.url, LoginDocument, { input: { username: 'admin', password: 'wrong-password' } });
    expect(res.data?.login.token).toBeNull();
    expect(res.data?.login.userErrors).toEqual([{ path: [], code: 'UNAUTHENTICATED', message: 'Invalid username or password' }]);
    const unknown = await gql(server.url, LoginDocument, { input: { username: 'nobody', password: 'wrong-password' } });
    expect(unknown.data?.login.userErrors).toEqual(res.data?.login.userErrors);
  });

  it.runIf(enabled)('without a token: viewer is null and protected fields are UNAUTHENTICATED', async () => {
    expect((await gql(server.url, ViewerDocument, {})).data?.viewer).toBeNull();
    const res = await gql(server.url, MailboxDocument, { number: 1 });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.runIf(enabled)('invalid input becomes userErrors and appends nothing', async () => {
    const head = await server.app.services.store.headPosition();
    const res = await gql(
      server.url,
      CreateMailboxDocument,
      { input: { number: 2, name: '   ', address: 'not-an-address' } },
      { token: adminToken },
    );
    expect(res.status).toBe(200);
    expect(res.data?.createMailbox.mailbox).toBeNull();
    expect(res.data?.createMailbox.userErrors[0]).toMatchObject({ code: 'VALIDATION' });
    expect(res.data?.createMailbox.userErrors[0]?.path[0]).toBe('input');
    expect(await server.app.services.store.headPosition()).toBe(head);
  });

  it.runIf(enabled)('a member of another mailbox gets an authorization error, not data', async () => {
    await gql(server.url, CreateMailboxDocument, { input: { number: 7, name: 'Support', address: 'support@example.com' } }, { token: adminToken });
    const created = await gql(
      server.url,
      CreateUserDocument,
      { input: { username: 'carol', displayName: 'Carol', email: 'carol@example.com', password: 'carol-password-1' } },
      { token: adminToken },
    );
    const carolId = created.data!.createUser.user!.id;
    await gql(server.url, AddMailboxMemberDocument, { input: { mailboxNumber: 7, userId: carolId } }, { token: adminToken });
    const carol = await login(server.url, 'carol', 'carol-password-1');

    expect((await gql(server.url, MailboxDocument, { number: 7 }, { token: carol })).data?.mailbox.name).toBe('Support');
    const denied = await gql(server.url, MailboxDocument, { number: 1 }, { token: carol });
    expect(denied.data).toBeNull();
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The same answer for a mailbox that does not exist: no probing for numbers.
    const missing = await gql(server.url, MailboxDocument, { number: 999 }, { token: carol });
    expect(missing.errors?.[0]).toMatchObject({
      message: denied.errors?.[0]?.message.replace('mailbox 1', 'mailbox 999'),
      extensions: { code: 'FORBIDDEN' },
    });
    const rename = await gql(server.url, RenameMailboxDocument, { input: { number: 7, name: 'Mine now' } }, { token: carol });
    expect(rename.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.runIf(enabled)('API tokens authenticate machine clients until revoked; logout ends a session', async () => {
    const issued = await gql(server.url, IssueApiTokenDocument, { input: { name: 'dashboard' } }, { token: adminToken });
    const apiToken = issued.data!.issueApiToken.token!;
    expect(apiToken).toMatch(/^mr_t_/);
    expect((await gql(server.url, ViewerDocument, {}, { token: apiToken })).data?.viewer?.username).toBe('admin');
    await gql(server.url, RevokeApiTokenDocument, { input: { tokenId: issued.data!.issueApiToken.tokenId! } }, { token: adminToken });
    expect((await gql(server.url, ViewerDocument, {}, { token: apiToken })).data?.viewer).toBeNull();

    const session = await login(server.url, 'admin', ADMIN_PASSWORD);
    expect((await gql(server.url, LogoutDocument, {}, { token: session })).data?.logout.ok).toBe(true);
    expect((await gql(server.url, ViewerDocument, {}, { token: session })).data?.viewer).toBeNull();
  });

  it.runIf(enabled)('streams setting events over WebSocket to auditors of that mailbox only', async () => {
    const bob = await gql(
      server.url,
      CreateUserDocument,
      { input: { username: 'bob', displayName: 'Bob', email: 'bob@example.com', password: 'bob-password-12' } },
      { token: adminToken },
    );
    const bobId = bob.data!.createUser.user!.id;
    await gql(server.url, AddMailboxMemberDocument, { input: { mailboxNumber: 7, userId: bobId } }, { token: adminToken });
    const bobToken = await login(server.url, 'bob', 'bob-password-12');

    const adminWs = wsClient(server.wsUrl, adminToken);
    const bobWs = wsClient(server.wsUrl, bobToken);
    try {
      const feed = subscribeQueued(adminWs, SettingsChangedDocument, { mailboxNumber: 7 });
      // Bob is a plain member of 7 (not auditor) and no member of 1: both refused.
      const bobFeed = subscribeQueued(bobWs, SettingsChangedDocument, { mailboxNumber: 7 });
      await expect(bobFeed.next()).resolves.toMatchObject({ errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] });
      // Give the admin's subscription time to register before changing anything.
      await new Promise((r) => setTimeout(r, 200));

      await gql(server.url, RenameMailboxDocument, { input: { number: 7, name: 'Support desk', reason: 'rebrand' } }, { token: adminToken, headers: { 'x-correlation-id': 'corr-rename-7' } });
      await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: 'Other mailbox' } }, { token: adminToken });
      await gql(server.url, AssignMailboxRoleDocument, { input: { mailboxNumber: 7, userId: bobId, role: 'AUDITOR' } }, { token: adminToken });

      const first = await feed.next();
      expect(first.data?.settingsChanged).toMatchObject({
        type: 'MailboxRenamed',
        mailboxNumber: 7,
        reason: 'rebrand',
        correlationId: 'corr-rename-7',
        actor: { username: 'admin' },
      });
      const second = await feed.next();
      expect(second.data?.settingsChanged).toMatchObject({ type: 'MailboxRoleAssigned', mailboxNumber: 7 });
      expect(second.data!.settingsChanged.position).toBeGreaterThan(first.data!.settingsChanged.position);
      // Nothing of mailbox 1 leaked into the feed of mailbox 7.
      await new Promise((r) => setTimeout(r, 200));
      expect(feed.pending()).toBe(0);
      feed.dispose();
    } finally {
      await adminWs.dispose();
      await bobWs.dispose();
    }
  });

  it.runIf(enabled)('refuses WebSocket subscriptions without a token', async () => {
    const anon = wsClient(server.wsUrl, null);
    try {
      const feed = subscribeQueued(anon, SettingsChangedDocument, { mailboxNumber: 1 });
      await expect(feed.next()).resolves.toMatchObject({ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    } finally {
      await anon.dispose();
    }
  });
});
