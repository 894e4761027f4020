import { describe, expect, it } from 'vitest';
import {
  AddMailboxMemberDocument,
  AssignMailboxRoleDocument,
  ConfigureLockPolicyDocument,
  CreateUserDocument,
  LoginDocument,
  RenameMailboxDocument,
  SettingsChangedDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { loginAdmin, waitFor, type ServerProcess } from '../support/process/serverProcess.js';
import { twoInstancesOnPostgres } from '../support/process/twoInstances.js';
import { gql, subscribeQueued, wsClient } from '../support/server.js';

const enabled = await postgresAvailable();

/**
 * Two real server processes on one PostgreSQL: what one instance appends reaches
 * subscribers connected to the other (the event store's LISTEN/NOTIFY wake-up), with the
 * same ordering and metadata a subscriber on the writing instance gets.
 */
describe.runIf(enabled)('subscriptions across server instances', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  twoInstancesOnPostgres((servers) => ([a, b] = servers));

  it('delivers a change made through instance A to a subscriber on instance B, and back', async () => {
    const [tokenA, tokenB] = await Promise.all([loginAdmin(a), loginAdmin(b)]);
    const wsA = wsClient(a.wsUrl, tokenA);
    const wsB = wsClient(b.wsUrl, tokenB);
    try {
      const onB = subscribeQueued(wsB, SettingsChangedDocument, { mailboxNumber: 1 });
      const onA = subscribeQueued(wsA, SettingsChangedDocument, { mailboxNumber: 1 });
      // Subscriptions start from the head when they register; give both time to do so.
      await new Promise((r) => setTimeout(r, 300));

      const renamed = await gql(a.url, RenameMailboxDocument, { input: { number: 1, name: 'Renamed on A', reason: 'from A' } }, { token: tokenA, headers: { 'x-correlation-id': 'corr-from-a' } });
      expect(renamed.errors).toBeUndefined();
      const first = await onB.next();
      expect(first.data?.settingsChanged).toMatchObject({ type: 'MailboxRenamed', mailboxNumber: 1, reason: 'from A', correlationId: 'corr-from-a', actor: { username: 'admin' } });

      await gql(b.url, RenameMailboxDocument, { input: { number: 1, name: 'Renamed on B', reason: 'from B' } }, { token: tokenB, headers: { 'x-correlation-id': 'corr-from-b' } });
      const second = await onB.next();
      expect(second.data?.settingsChanged).toMatchObject({ reason: 'from B', correlationId: 'corr-from-b' });
      expect(second.data!.settingsChanged.position).toBeGreaterThan(first.data!.settingsChanged.position);

      // The subscriber on A sees the same two events, in the same order, with the same positions.
      const seenOnA = [await onA.next(), await onA.next()].map((r) => r.data?.settingsChanged);
      expect(seenOnA.map((e) => [e?.position, e?.correlationId])).toEqual([
        [first.data!.settingsChanged.position, 'corr-from-a'],
        [second.data!.settingsChanged.position, 'corr-from-b'],
      ]);

      // A burst from A arrives on B complete and in order: nothing lost or repeated between wake-ups.
      for (let i = 0; i < 20; i++) {
        await gql(a.url, RenameMailboxDocument, { input: { number: 1, name: `Burst ${i}`, reason: `burst ${i}` } }, { token: tokenA });
      }
      const burst = [];
      for (let i = 0; i < 20; i++) burst.push((await onB.next()).data?.settingsChanged);
      expect(burst.map((e) => e?.reason)).toEqual(Array.from({ length: 20 }, (_, i) => `burst ${i}`));
      const positions = burst.map((e) => e!.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(new Set(positions).size).toBe(20);
      await new Promise((r) => setTimeout(r, 300));
      expect(onB.pending()).toBe(0);
      onA.dispose();
      onB.dispose();
    } finally {
      await wsA.dispose();
      await wsB.dispose();
    }
  }, 60_000);

  it('a lock caused through instance A ends the subscriptions and sessions of the user on instance B', async () => {
    const admin = await loginAdmin(a);
    const created = await gql(a.url, CreateUserDocument, { input: { username: 'sam', displayName: 'Sam', email: 'sam@example.com', password: 'sam-password' } }, { token: admin });
    const samId = created.data!.createUser.user!.id;
    await gql(a.url, AddMailboxMemberDocument, { input: { mailboxNumber: 1, userId: samId } }, { token: admin });
    await gql(a.url, AssignMailboxRoleDocument, { input: { mailboxNumber: 1, userId: samId, role: 'AUDITOR' } }, { token: admin });
    const policy = await gql(a.url, ConfigureLockPolicyDocument, { input: { mailboxNumber: 1, enabled: true, threshold: 3, notifyOperationsAdministrators: false } }, { token: admin });
    expect(policy.data?.configureLockPolicy.userErrors).toEqual([]);

    const samOnB = (await gql(b.url, LoginDocument, { input: { username: 'sam', password: 'sam-password' } })).data!.login.token!;
    const ws = wsClient(b.wsUrl, samOnB);
    try {
      const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 3; i++) await gql(a.url, LoginDocument, { input: { username: 'sam', password: 'wrong' } });
      const deadline = Date.now() + 15_000;
      while (feed.error() === null && !feed.completed()) {
        if (Date.now() > deadline) throw new Error('the subscription on B was not ended by the lock made on A');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((feed.error() as { code?: number } | null)?.code).toBe(4401);
      // The session issued by B is gone too, and B refuses the right password now. B closes
      // the socket when it sees the lock event; A deletes the sessions a moment later, after
      // its own read models have the lock, so the session check waits for that.
      await waitFor('the session of the locked user to end', async () => (await gql(b.url, ViewerDocument, {}, { token: samOnB })).data?.viewer === null, 15_000);
      expect((await gql(b.url, LoginDocument, { input: { username: 'sam', password: 'sam-password' } })).data?.login.token).toBeNull();
    } finally {
      await ws.dispose();
    }
  }, 60_000);
});
