import { beforeAll, describe, expect, it } from 'vitest';
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
import { loginAdmin, type ServerProcess } from '../support/process/serverProcess.js';
import { twoInstancesOnPostgres } from '../support/process/twoInstances.js';
import { gql, subscribeQueued, wsClient } from '../support/server.js';
import { auditorOf, closedWith, endedWith, until } from '../support/subscriptionRights.js';

const enabled = await postgresAvailable();

/**
 * Two server processes on one PostgreSQL: a right taken away through instance A ends the
 * subscriptions held on instance B, with the same codes as on one instance.
 */
describe.runIf(enabled)('subscriptions end with the right to them across server instances', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let admin: string;
  twoInstancesOnPostgres(([x, y]) => ((a = x), (b = y)));
  beforeAll(async () => {
    admin = await loginAdmin(a);
  });

  /** An auditor logged in on B, subscribed on B, with one delivery seen. */
  const watchingOnB = async () => {
    const user = await auditorOf(a.url, admin, 1, b.url);
    const ws = wsClient(b.wsUrl, user.token);
    const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
    // The subscription registers at the head; rename until one arrives.
    let attempt = 0;
    await until('a delivery on B', async () => {
      // A new name each time: renaming to the current name appends nothing.
      await gql(a.url, RenameMailboxDocument, { input: { number: 1, name: `Seen by ${user.username} ${attempt++}`, reason: 'before' } }, { token: admin });
      try {
        return (await feed.next(500)).data?.settingsChanged.reason === 'before';
      } catch {
        return false;
      }
    });
    return { user, ws, feed };
  };

  it('a logout through A closes the session’s subscription on B with 4401', async () => {
    const { user, ws, feed } = await watchingOnB();
    try {
      expect((await gql(a.url, LogoutDocument, {}, { token: user.token })).data?.logout.ok).toBe(true);
      expect(await closedWith(feed)).toBe(4401);
    } finally {
      await ws.dispose();
    }
  }, 60_000);

  it('deactivateUser and an administrator’s changePassword through A close subscriptions on B with 4401', async () => {
    const first = await watchingOnB();
    const second = await watchingOnB();
    try {
      expect((await gql(a.url, DeactivateUserDocument, { input: { userId: first.user.userId } }, { token: admin })).data?.deactivateUser.userErrors).toEqual([]);
      expect(await closedWith(first.feed)).toBe(4401);
      const changed = await gql(a.url, ChangePasswordDocument, { input: { userId: second.user.userId, newPassword: 'another-new-password' } }, { token: admin });
      expect(changed.data?.changePassword.userErrors).toEqual([]);
      expect(await closedWith(second.feed)).toBe(4401);
    } finally {
      await first.ws.dispose();
      await second.ws.dispose();
    }
  }, 60_000);

  it('the user’s own password change through A closes their other session’s subscription on B with 4401', async () => {
    const { user, ws, feed } = await watchingOnB();
    try {
      const current = (await gql(a.url, LoginDocument, { input: { username: user.username, password: user.password } })).data!.login.token!;
      const changed = await gql(a.url, ChangePasswordDocument, { input: { currentPassword: user.password, newPassword: `${user.password}-2` } }, { token: current });
      expect(changed.data?.changePassword.userErrors).toEqual([]);
      expect(await closedWith(feed)).toBe(4401);
    } finally {
      await ws.dispose();
    }
  }, 60_000);

  it('removeMailboxMember and revokeMailboxRole through A end subscriptions on B with FORBIDDEN', async () => {
    const first = await watchingOnB();
    const second = await watchingOnB();
    try {
      expect((await gql(a.url, RemoveMailboxMemberDocument, { input: { mailboxNumber: 1, userId: first.user.userId } }, { token: admin })).data?.removeMailboxMember.userErrors).toEqual([]);
      expect(await endedWith(first.feed)).toBe('FORBIDDEN');
      const revoked = await gql(a.url, RevokeMailboxRoleDocument, { input: { mailboxNumber: 1, userId: second.user.userId, role: 'AUDITOR' } }, { token: admin });
      expect(revoked.data?.revokeMailboxRole.userErrors).toEqual([]);
      expect(await endedWith(second.feed)).toBe('FORBIDDEN');
    } finally {
      await first.ws.dispose();
      await second.ws.dispose();
    }
  }, 60_000);
});

/**
 * Session expiry needs no event: each instance arms a timer for the credentials of its own
 * connections. A session made through A and used for a subscription on B must end there.
 */
describe.runIf(enabled)('a session made through one instance expires on the other', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  // The shortest session lifetime is a minute: the test waits for it.
  twoInstancesOnPostgres(([x, y]) => ((a = x), (b = y)), { MAILROOM_SESSION_TTL_MINUTES: '1' });

  it('closes the subscription on B with 4401 at the expiry of a session logged in through A', async () => {
    const token = await loginAdmin(a);
    const ws = wsClient(b.wsUrl, token);
    try {
      const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
      let attempt = 0;
      await until('a delivery on B', async () => {
        await gql(a.url, RenameMailboxDocument, { input: { number: 1, name: `Before expiry ${attempt++}`, reason: 'before' } }, { token });
        try {
          return (await feed.next(500)).data?.settingsChanged.reason === 'before';
        } catch {
          return false;
        }
      });
      expect(await closedWith(feed, 75_000)).toBe(4401);
    } finally {
      await ws.dispose();
    }
  }, 90_000);
});
