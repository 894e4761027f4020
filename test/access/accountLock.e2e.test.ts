import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddMailboxMemberDocument,
  AssignMailboxRoleDocument,
  ConfigureLockPolicyDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  EffectiveLockPolicyDocument,
  LockedUsersDocument,
  LoginDocument,
  SettingsChangedDocument,
  UnlockUsersDocument,
  UserAccountLockDocument,
  ViewerDocument,
  type ConfigureLockPolicyInput,
} from '../generated/graphql.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMail } from '../support/mailText.js';
import { postgresAvailable } from '../support/postgres.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';
import { gqlFrom } from './boundClients.js';

const pgAvailable = await postgresAvailable();

const waitFor = async (condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('account lock end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let adminToken: string;
  let builtin: SmtpSink;
  let certDir: string;
  const ids: Record<string, string> = {};

  const loginAs = (username: string, password: string) => gqlFrom('127.0.0.7', server.url, LoginDocument, { input: { username, password } });
  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: adminToken });
  const lockPolicy = (input: ConfigureLockPolicyInput, token = adminToken) => gql(server.url, ConfigureLockPolicyDocument, { input }, { token });

  beforeAll(async () => {
    if (!enabled) return;
    // Lock notices leave through the outbox and the mailboxes' route (the built-in server).
    const certificate = selfSignedCertificate();
    certDir = mkdtempSync(join(tmpdir(), 'mailroom-lock-'));
    writeFileSync(join(certDir, 'ca.pem'), certificate.cert);
    builtin = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { builtin: 'builtin-pw' } });
    server = await startTestServer({
      storage,
      env: { MAILROOM_BUILTIN_SMTP_URL: `smtp://builtin:builtin-pw@127.0.0.1:${builtin.port}`, MAILROOM_SMTP_CA_FILE: join(certDir, 'ca.pem') },
    });
    adminToken = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    for (const n of [5, 6, 7]) await asAdmin(CreateMailboxDocument, { input: { number: n, name: `Mailbox ${n}`, address: `mb${n}@example.com` } });
    for (const name of ['paul', 'quinn', 'rita']) {
      const created = await asAdmin(CreateUserDocument, { input: { username: name, displayName: name, email: `${name}@example.com`, password: `${name}-password` } });
      ids[name] = created.data!.createUser.user!.id;
    }
    for (const n of [5, 6, 7]) await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: n, userId: ids.paul! } });
    await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: 7, userId: ids.quinn! } });
    await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: 7, userId: ids.rita! } });
    await asAdmin(AssignMailboxRoleDocument, { input: { mailboxNumber: 7, userId: ids.quinn!, role: 'OPERATIONS_ADMINISTRATOR' } });
    await asAdmin(AssignMailboxRoleDocument, { input: { mailboxNumber: 5, userId: ids.paul!, role: 'AUDITOR' } });
  });
  afterAll(async () => {
    await server?.stop();
    await builtin?.close();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  it.runIf(enabled)('names the policy that applies across three mailboxes: smallest threshold, then smallest No.', async () => {
    const saved = await lockPolicy({ mailboxNumber: 5, enabled: true, threshold: 4, notifyOperationsAdministrators: false, notifyAddresses: ['lock-5@example.com'] });
    expect(saved.data?.configureLockPolicy).toMatchObject({ userErrors: [], lockPolicy: { mailboxNumber: 5, threshold: 4, notifyAddresses: ['lock-5@example.com'] } });
    await lockPolicy({ mailboxNumber: 7, enabled: true, threshold: 3, notifyOperationsAdministrators: true });
    await lockPolicy({ mailboxNumber: 6, enabled: true, threshold: 3, notifyOperationsAdministrators: false, notifyAddresses: ['lock-6@example.com', 'LOCK-5@example.com'] });
    const effective = await asAdmin(EffectiveLockPolicyDocument, { userId: ids.paul! });
    expect(effective.data?.effectiveLockPolicy).toMatchObject({
      mailboxNumber: 6,
      policy: { mailboxNumber: 6, threshold: 3 },
      candidates: [{ mailboxNumber: 5, threshold: 4 }, { mailboxNumber: 6, threshold: 3 }, { mailboxNumber: 7, threshold: 3 }],
    });
    // A plain member cannot read another user's policy; the user can read their own.
    const rita = (await loginAs('rita', 'rita-password')).data!.login.token!;
    expect((await gql(server.url, EffectiveLockPolicyDocument, { userId: ids.paul! }, { token: rita })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(server.url, EffectiveLockPolicyDocument, { userId: ids.rita! }, { token: rita })).data?.effectiveLockPolicy.mailboxNumber).toBe(7);
  });

  it.runIf(enabled)('refuses bad policies as userErrors with no event, and plain members outright', async () => {
    const head = await server.app.services.store.headPosition();
    for (const threshold of [0, -1, 1000]) {
      const res = await lockPolicy({ mailboxNumber: 5, enabled: true, threshold, notifyOperationsAdministrators: true });
      expect(res.data?.configureLockPolicy.userErrors).toEqual([
        { path: ['input', 'threshold'], code: 'VALIDATION', message: `Expected a whole number of failed logins from 1 to 100, got ${threshold}` },
      ]);
    }
    const badAddress = await lockPolicy({ mailboxNumber: 5, enabled: true, threshold: 3, notifyOperationsAdministrators: true, notifyAddresses: ['nope'] });
    expect(badAddress.data?.configureLockPolicy.userErrors[0]).toMatchObject({ path: ['input', 'notifyAddresses', '0'], code: 'VALIDATION' });
    const rita = (await loginAs('rita', 'rita-password')).data!.login.token!;
    expect((await lockPolicy({ mailboxNumber: 7, enabled: false, threshold: 3, notifyOperationsAdministrators: false }, rita)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await server.app.services.store.headPosition()).toBe(head);
  });

  it.runIf(enabled)('a lock ends every session and subscription of the user, notifies every recipient, and looks like a wrong password', async () => {
    const sessionA = (await loginAs('paul', 'paul-password')).data!.login.token!;
    const sessionB = (await loginAs('paul', 'paul-password')).data!.login.token!;
    const wsA = wsClient(server.wsUrl, sessionA);
    const wsB = wsClient(server.wsUrl, sessionB);
    try {
      const feedA = subscribeQueued(wsA, SettingsChangedDocument, { mailboxNumber: 5 });
      const feedB = subscribeQueued(wsB, SettingsChangedDocument, { mailboxNumber: 5 });
      await new Promise((r) => setTimeout(r, 200));
      await lockPolicy({ mailboxNumber: 5, enabled: true, threshold: 4, notifyOperationsAdministrators: true, notifyAddresses: ['lock-5@example.com'] });
      await expect(feedA.next()).resolves.toMatchObject({ data: { settingsChanged: { type: 'LockPolicyConfigured' } } });
      await expect(feedB.next()).resolves.toMatchObject({ data: { settingsChanged: { type: 'LockPolicyConfigured' } } });

      const wrong = await loginAs('paul', 'not-the-password');
      for (let i = 0; i < 2; i++) await loginAs('paul', 'not-the-password');
      await server.app.services.access.locks.idle();

      await waitFor(() => feedA.error() !== null && feedB.error() !== null);
      expect([(feedA.error() as { code: number }).code, (feedB.error() as { code: number }).code]).toEqual([4401, 4401]);
      for (const token of [sessionA, sessionB]) expect((await gql(server.url, ViewerDocument, {}, { token })).data?.viewer).toBeNull();
      const right = await loginAs('paul', 'paul-password');
      expect(right.data?.login.token).toBeNull();
      expect(right.data?.login.userErrors).toEqual(wrong.data?.login.userErrors);
      expect(right.data?.login.userErrors).toEqual([{ path: [], code: 'UNAUTHENTICATED', message: 'Invalid username or password' }]);
    } finally {
      await Promise.all([wsA.dispose(), wsB.dispose()]);
    }

    const notices = await server.app.services.notices.list();
    expect(notices.filter((n) => n.kind === 'USER_LOCKED').map((n) => ({ mailbox: n.mailbox_number, to: JSON.parse(n.recipients) }))).toEqual([
      { mailbox: 5, to: ['lock-5@example.com'] },
      { mailbox: 6, to: ['lock-6@example.com'] },
      { mailbox: 7, to: ['quinn@example.com'] },
    ]);
    // ...and reach an SMTP sink, one message per mailbox route.
    const delivered = [await builtin.next(10_000), await builtin.next(10_000), await builtin.next(10_000)];
    expect(delivered.flatMap((m) => m.rcptTo).sort()).toEqual(['lock-5@example.com', 'lock-6@example.com', 'quinn@example.com']);
    expect(delivered.map((m) => decodeMail(m.raw).subject)).toEqual(Array(3).fill('[Mailroom] アカウントロック：paul'));

    const locked = await asAdmin(LockedUsersDocument, {});
    expect(locked.data?.lockedUsers.edges.map((e) => e.node)).toEqual([
      {
        id: ids.paul,
        username: 'paul',
        accountLock: { locked: true, failedAttempts: 3, lockedAt: expect.any(String), reason: 'FAILED_LOGIN_THRESHOLD', policyMailboxNumber: 6, threshold: 3 },
      },
    ]);
    // The operations administrator of one of paul's mailboxes sees him too; a plain member does not.
    const quinn = (await loginAs('quinn', 'quinn-password')).data!.login.token!;
    expect((await gql(server.url, LockedUsersDocument, {}, { token: quinn })).data?.lockedUsers.edges.map((e) => e.node.username)).toEqual(['paul']);
    const rita = (await loginAs('rita', 'rita-password')).data!.login.token!;
    expect((await gql(server.url, LockedUsersDocument, {}, { token: rita })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(server.url, UserAccountLockDocument, { id: ids.paul! }, { token: rita })).data?.user.accountLock).toBeNull();
  });

  it.runIf(enabled)('unlocks with a reason; bad unlock input is a userError and appends nothing', async () => {
    const head = await server.app.services.store.headPosition();
    const unknown = await asAdmin(UnlockUsersDocument, { input: { userIds: [ids.paul!, '99999999-9999-4999-8999-999999999999'], reason: 'Verified' } });
    expect(unknown.data?.unlockUsers.userErrors).toEqual([
      { path: ['input', 'userIds', '1'], code: 'NOT_FOUND', message: 'User "99999999-9999-4999-8999-999999999999" does not exist' },
    ]);
    const notLocked = await asAdmin(UnlockUsersDocument, { input: { userIds: [ids.rita!], reason: 'Verified' } });
    expect(notLocked.data?.unlockUsers.userErrors[0]).toMatchObject({ path: ['input', 'userIds', '0'], code: 'ILLEGAL_STATE' });
    const noReason = await asAdmin(UnlockUsersDocument, { input: { userIds: [ids.paul!], reason: ' ' } });
    expect(noReason.data?.unlockUsers.userErrors[0]).toMatchObject({ path: ['input', 'reason'], code: 'VALIDATION' });
    expect(await server.app.services.store.headPosition()).toBe(head);

    const unlocked = await asAdmin(UnlockUsersDocument, { input: { userIds: [ids.paul!], reason: 'Verified by phone' } });
    expect(unlocked.data?.unlockUsers).toEqual({
      userErrors: [],
      users: [{ id: ids.paul, username: 'paul', accountLock: { locked: false, failedAttempts: 0 } }],
    });
    expect((await asAdmin(LockedUsersDocument, {})).data?.lockedUsers.edges).toEqual([]);
    expect((await loginAs('paul', 'paul-password')).data?.login.token).toMatch(/^mr_s_/);
  });
});
