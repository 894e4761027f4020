import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddMailboxMemberDocument,
  AssignMailboxRoleDocument,
  ChangeOwnPasswordDocument,
  CreateUserDocument,
  EndSessionDocument,
  IssueScopedApiTokenDocument,
  RenameMailboxDocument,
  SettingsChangedDocument,
  SignInDocument,
  UserCredentialsDocument,
  ViewerNameDocument,
} from '../generated/graphql.js';
import { gqlFrom } from '../access/boundClients.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';
import { wsRun } from './signinSupport.js';

const pgAvailable = await postgresAvailable();
const DAY = 24 * 60 * 60 * 1000;

const waitFor = async (condition: () => boolean, timeoutMs = 8000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const closeCode = (error: unknown): number | undefined => (error as { code?: number } | null)?.code;

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('token lifetimes, sessions and password changes on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let admin: string;
  const ids: Record<string, string> = {};
  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: admin });
  const login = async (username: string, password = `${username}-password`) => (await gql(server.url, SignInDocument, { input: { username, password } })).data!.login.token!;
  const viewer = async (token: string) => (await gql(server.url, ViewerNameDocument, {}, { token })).data?.viewer ?? null;
  const issue = (token: string, input: Parameters<typeof gql<unknown, { input: Record<string, unknown> }>>[2]['input']) =>
    gql(server.url, IssueScopedApiTokenDocument, { input: input as never }, { token });

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage, env: { MAILROOM_API_TOKEN_DEFAULT_DAYS: '7', MAILROOM_API_TOKEN_MAX_DAYS: '30' } });
    admin = await login('admin', ADMIN_PASSWORD);
    for (const name of ['yuki', 'zane', 'abe']) {
      ids[name] = (await asAdmin(CreateUserDocument, { input: { username: name, displayName: name, email: `${name}@example.com`, password: `${name}-password` } })).data!.createUser.user!.id;
      await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: 1, userId: ids[name]! } });
      // Auditors may follow the settings feed.
      await asAdmin(AssignMailboxRoleDocument, { input: { mailboxNumber: 1, userId: ids[name]!, role: 'AUDITOR' } });
    }
  });
  afterAll(async () => server?.stop());

  it.runIf(enabled)('API tokens get the default lifetime, never more than the maximum', async () => {
    const session = await login('yuki');
    const before = Date.now();
    const issued = (await issue(session, { name: 'ci' })).data!.issueApiToken;
    expect(Date.parse(issued.expiresAt!) - before).toBeGreaterThanOrEqual(7 * DAY - 5000);
    expect(Date.parse(issued.expiresAt!) - before).toBeLessThanOrEqual(7 * DAY + 5000);
    const tooLong = (await issue(session, { name: 'ci', expiresAt: new Date(Date.now() + 31 * DAY).toISOString() })).data!.issueApiToken;
    expect(tooLong.userErrors[0]).toMatchObject({ path: ['input', 'expiresAt'], code: 'VALIDATION', message: expect.stringContaining('at most 30 days') });
  });

  it.runIf(enabled)('a read-only token reads over HTTP and WebSocket and is refused every mutation before it runs', async () => {
    const session = await login('yuki');
    const token = (await issue(session, { name: 'dashboard', readOnly: true })).data!.issueApiToken.token!;
    expect((await viewer(token))?.username).toBe('yuki');
    const head = await server.app.services.store.headPosition();
    const http = await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: 'Hijacked' } }, { token });
    expect(http.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('read-only') });
    const ws = wsClient(server.wsUrl, token);
    try {
      expect((await wsRun(ws, ViewerNameDocument, {})).data?.viewer?.username).toBe('yuki');
      expect((await wsRun(ws, IssueScopedApiTokenDocument, { input: { name: 'more' } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await ws.dispose();
    }
    expect(await server.app.services.store.headPosition()).toBe(head);
  });

  it.runIf(enabled)('an API token mints tokens only when its owner allowed it, and never one that outlives it', async () => {
    const session = await login('yuki');
    const plain = (await issue(session, { name: 'plain' })).data!.issueApiToken.token!;
    expect((await issue(plain, { name: 'child' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const parentExpiry = new Date(Date.now() + 2 * DAY).toISOString();
    const minter = (await issue(session, { name: 'minter', mayIssueTokens: true, expiresAt: parentExpiry })).data!.issueApiToken;
    const child = (await issue(minter.token!, { name: 'child' })).data!.issueApiToken;
    expect(child.userErrors).toEqual([]);
    expect(child.expiresAt).toBe(minter.expiresAt);
    expect((await issue(minter.token!, { name: 'longer', expiresAt: new Date(Date.now() + 3 * DAY).toISOString() })).data!.issueApiToken.userErrors[0]?.code).toBe('VALIDATION');
    expect((await issue(minter.token!, { name: 'other', userId: ids.zane })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.runIf(enabled)('lists sessions and tokens with last use and address; ends one session, closing its subscription', async () => {
    const a = await login('zane');
    const b = await login('zane');
    const token = (await issue(a, { name: 'probe' })).data!.issueApiToken;
    await gqlFrom('127.0.0.5', server.url, ViewerNameDocument, {}, { token: token.token });
    const listed = (await gql(server.url, UserCredentialsDocument, { id: ids.zane! }, { token: a })).data!.user;
    expect(listed.sessions).toHaveLength(2);
    expect(listed.sessions!.filter((s) => s.current)).toHaveLength(1);
    expect(listed.apiTokens!.find((t) => t.id === token.tokenId)).toMatchObject({ lastUsedIp: '127.0.0.5', lastUsedAt: expect.any(String) });
    // Another user sees none of it.
    expect((await gql(server.url, UserCredentialsDocument, { id: ids.zane! }, { token: await login('abe') })).data!.user.sessions).toBeNull();

    const other = listed.sessions!.find((s) => !s.current)!;
    const ws = wsClient(server.wsUrl, b);
    try {
      const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
      await new Promise((r) => setTimeout(r, 200));
      expect((await gql(server.url, EndSessionDocument, { input: { sessionId: other.id } }, { token: a })).data!.endSession.ok).toBe(true);
      await waitFor(() => feed.error() !== null);
      expect(closeCode(feed.error())).toBe(4401);
    } finally {
      await ws.dispose();
    }
    expect(await viewer(b)).toBeNull();
    expect((await viewer(a))?.username).toBe('zane');
    expect((await gql(server.url, EndSessionDocument, { input: { sessionId: other.id } }, { token: a })).data!.endSession.userErrors[0]?.code).toBe('NOT_FOUND');
    const events = await server.app.services.store.readStream(`user-${ids.zane}`);
    expect(events.filter((e) => e.type === 'UserSessionEnded').map((e) => e.data)).toEqual([{ userId: ids.zane, sessionId: other.id }]);
  });

  it.runIf(enabled)('a password change ends every other session (and their subscriptions); API tokens only by choice; an admin change ends all', async () => {
    const current = await login('abe');
    const other = await login('abe');
    const keptToken = (await issue(current, { name: 'kept' })).data!.issueApiToken.token!;
    const ws = wsClient(server.wsUrl, other);
    try {
      const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
      await new Promise((r) => setTimeout(r, 200));
      const changed = (await gql(server.url, ChangeOwnPasswordDocument, { input: { currentPassword: 'abe-password', newPassword: 'abe-password-2' } }, { token: current })).data!.changePassword;
      expect(changed).toMatchObject({ ok: true, otherSessionsEnded: true, apiTokensRevoked: 0 });
      await waitFor(() => feed.error() !== null);
      expect(closeCode(feed.error())).toBe(4401);
    } finally {
      await ws.dispose();
    }
    expect(await viewer(other)).toBeNull();
    expect((await viewer(current))?.username).toBe('abe');
    expect((await viewer(keptToken))?.username).toBe('abe');

    const again = (await gql(server.url, ChangeOwnPasswordDocument, { input: { currentPassword: 'abe-password-2', newPassword: 'abe-password-3', revokeApiTokens: true } }, { token: current })).data!.changePassword;
    expect(again.apiTokensRevoked).toBe(1);
    expect(await viewer(keptToken)).toBeNull();
    expect((await viewer(current))?.username).toBe('abe');

    const byAdmin = (await gql(server.url, ChangeOwnPasswordDocument, { input: { userId: ids.abe!, newPassword: 'set-by-admin' } }, { token: admin })).data!.changePassword;
    expect(byAdmin.ok).toBe(true);
    expect(await viewer(current)).toBeNull();
    expect((await viewer(admin))?.username).toBe('admin');
  });

  it.runIf(enabled)('an expired API token is refused everywhere, and its open subscription is closed at expiry', async () => {
    const session = await login('yuki');
    const expiresAt = new Date(Date.now() + 3000).toISOString();
    const token = (await issue(session, { name: 'short', expiresAt })).data!.issueApiToken.token!;
    const ws = wsClient(server.wsUrl, token);
    try {
      const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
      await new Promise((r) => setTimeout(r, 200));
      expect((await viewer(token))?.username).toBe('yuki');
      await asAdmin(RenameMailboxDocument, { input: { number: 1, name: 'Before expiry' } });
      await expect(feed.next()).resolves.toMatchObject({ data: { settingsChanged: { type: 'MailboxRenamed' } } });
      await waitFor(() => feed.error() !== null, 10_000);
      expect(closeCode(feed.error())).toBe(4401);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt) - 50);
    } finally {
      await ws.dispose();
    }
    expect(await viewer(token)).toBeNull();
    const late = wsClient(server.wsUrl, token);
    try {
      expect((await wsRun(late, ViewerNameDocument, {})).data?.viewer).toBeNull();
      expect((await wsRun(late, IssueScopedApiTokenDocument, { input: { name: 'x' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await late.dispose();
    }
  });
});
