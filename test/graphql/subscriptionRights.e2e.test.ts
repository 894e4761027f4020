import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangePasswordDocument,
  DeactivateUserDocument,
  LoginDocument,
  LogoutDocument,
  RemoveMailboxMemberDocument,
  RenameMailboxDocument,
  RevokeMailboxRoleDocument,
  SettingsChangedDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';
import { auditorOf, closedWith, endedWith, until } from '../support/subscriptionRights.js';

const pgAvailable = await postgresAvailable();

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('subscriptions end with the right to them, on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage, env: { MAILROOM_SUBSCRIPTIONS_PER_CONNECTION: '2', MAILROOM_SUBSCRIPTIONS_PER_USER: '3' } });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A subscription of a fresh auditor of mailbox 1 that is delivering. */
  const watching = async () => {
    const user = await auditorOf(server.url, admin, 1);
    const ws = wsClient(server.wsUrl, user.token);
    const open = server.app.services.subscriptions.openCounts().settings;
    const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
    await until('the subscription to open', () => server.app.services.subscriptions.openCounts().settings > open);
    await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: `Seen by ${user.username}`, reason: 'before' } }, { token: admin });
    // Delivered until now (other tests' events may come first).
    await until('a delivery', async () => (await feed.next()).data?.settingsChanged.reason === 'before');
    return { user, ws, feed };
  };

  it.runIf(enabled)('logout closes the subscriptions of that session with 4401', async () => {
    const { user, ws, feed } = await watching();
    try {
      expect((await gql(server.url, LogoutDocument, {}, { token: user.token })).data?.logout.ok).toBe(true);
      expect(await closedWith(feed)).toBe(4401);
    } finally {
      await ws.dispose();
    }
  });

  it.runIf(enabled)('deactivateUser closes the user’s subscriptions with 4401', async () => {
    const { user, ws, feed } = await watching();
    try {
      expect((await gql(server.url, DeactivateUserDocument, { input: { userId: user.userId } }, { token: admin })).data?.deactivateUser.userErrors).toEqual([]);
      expect(await closedWith(feed)).toBe(4401);
    } finally {
      await ws.dispose();
    }
  });

  it.runIf(enabled)('an administrator’s changePassword closes the user’s subscriptions with 4401', async () => {
    const { user, ws, feed } = await watching();
    try {
      const changed = await gql(server.url, ChangePasswordDocument, { input: { userId: user.userId, newPassword: 'a-brand-new-password' } }, { token: admin });
      expect(changed.data?.changePassword.userErrors).toEqual([]);
      expect(await closedWith(feed)).toBe(4401);
    } finally {
      await ws.dispose();
    }
  });

  it.runIf(enabled)('removeMailboxMember ends the subscription with FORBIDDEN; the connection stays open', async () => {
    const { user, ws, feed } = await watching();
    try {
      const removed = await gql(server.url, RemoveMailboxMemberDocument, { input: { mailboxNumber: 1, userId: user.userId } }, { token: admin });
      expect(removed.data?.removeMailboxMember.userErrors).toEqual([]);
      expect(await endedWith(feed)).toBe('FORBIDDEN');
      expect(feed.error()).toBeNull();
    } finally {
      await ws.dispose();
    }
  });

  it.runIf(enabled)('revokeMailboxRole ends the subscription with FORBIDDEN', async () => {
    const { user, ws, feed } = await watching();
    try {
      const revoked = await gql(server.url, RevokeMailboxRoleDocument, { input: { mailboxNumber: 1, userId: user.userId, role: 'AUDITOR' } }, { token: admin });
      expect(revoked.data?.revokeMailboxRole.userErrors).toEqual([]);
      expect(await endedWith(feed)).toBe('FORBIDDEN');
      // Further events do not reach it.
      await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: 'After the revocation', reason: 'after' } }, { token: admin });
      await new Promise((r) => setTimeout(r, 300));
      expect(feed.pending()).toBe(0);
    } finally {
      await ws.dispose();
    }
  });

  it.runIf(enabled)('refuses subscriptions past the per-connection and per-user limits with RATE_LIMITED', async () => {
    const user = await auditorOf(server.url, admin, 1);
    const first = wsClient(server.wsUrl, user.token);
    const second = wsClient(server.wsUrl, user.token);
    try {
      const a = subscribeQueued(first, SettingsChangedDocument, { mailboxNumber: 1 });
      const b = subscribeQueued(first, SettingsChangedDocument, { mailboxNumber: 1 });
      await until('two subscriptions', () => server.app.services.subscriptions.openCounts().settings >= 2);
      const third = subscribeQueued(first, SettingsChangedDocument, { mailboxNumber: 1 });
      // graphql-ws answers a refused subscribe with one result carrying the error, then complete.
      const refused = await third.next();
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringContaining('per connection') });
      // Another connection of the same user: one more fits (3 per user), the next does not.
      const c = subscribeQueued(second, SettingsChangedDocument, { mailboxNumber: 1 });
      // c must be admitted before d asks, or the two race for the last place.
      await until('three subscriptions', () => server.app.services.subscriptions.openCounts().settings >= 3);
      const d = subscribeQueued(second, SettingsChangedDocument, { mailboxNumber: 1 });
      expect((await d.next()).errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringContaining('per user') });
      // The ones admitted still deliver.
      await gql(server.url, RenameMailboxDocument, { input: { number: 1, name: 'Within limits', reason: 'limits' } }, { token: admin });
      for (const f of [a, b, c]) await until('a delivery', async () => (await f.next()).data?.settingsChanged.reason === 'limits');
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });
});

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('subscriptions end when the session expires, on $storage', ({ storage, enabled }) => {
  // The shortest session lifetime is a minute: this waits for it.
  let server: TestServer;
  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage, env: { MAILROOM_SESSION_TTL_MINUTES: '1' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.runIf(enabled)('closes with 4401 at the session’s expiry, without any event', async () => {
    const token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    const ws = wsClient(server.wsUrl, token);
    try {
      const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
      await until('the subscription to open', () => server.app.services.subscriptions.openCounts().settings === 1);
      expect(await closedWith(feed, 75_000)).toBe(4401);
    } finally {
      await ws.dispose();
    }
  }, 90_000);
});
