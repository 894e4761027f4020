import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddMailboxMemberDocument,
  BeginTwoFactorEnrolmentDocument,
  CompleteLoginDocument,
  ConfigureLockPolicyDocument,
  ConfirmTwoFactorEnrolmentDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  EndSessionDocument,
  IssueScopedApiTokenDocument,
  RemoveTwoFactorDocument,
  RenameMailboxDocument,
  ResetTwoFactorDocument,
  SettingsChangedDocument,
  SignInDocument,
  UserAccountLockDocument,
  UserTwoFactorDocument,
  ViewerNameDocument,
} from '../generated/graphql.js';
import { awayFromStepEdge, codeFor, wsRun } from '../identity/signinSupport.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';

const GENERIC = [{ path: [], code: 'UNAUTHENTICATED', message: 'Invalid username or password' }];

/**
 * Red-team probes of the two-factor paths: what someone holding the password but not the
 * authenticator (a half-finished login) can and cannot do, guessing codes, reusing codes,
 * racing one code on two challenges, and tokens past their scope or lifetime over WebSocket.
 */
describe('two-factor bypass probes', () => {
  let server: TestServer;
  let admin: string;
  const ids: Record<string, string> = {};
  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: admin });
  const signIn = (username: string, password = `${username}-password`) => gql(server.url, SignInDocument, { input: { username, password } });
  const challengeOf = async (username: string) => (await signIn(username)).data!.login.secondFactor!.challenge;
  const complete = (challenge: string, code: string) => gql(server.url, CompleteLoginDocument, { input: { challenge, code } });

  const enrol = async (username: string) => {
    const token = (await signIn(username)).data!.login.token!;
    const begun = (await gql(server.url, BeginTwoFactorEnrolmentDocument, { input: {} }, { token })).data!.beginTwoFactorEnrolment;
    await awayFromStepEdge();
    const confirmed = (await gql(server.url, ConfirmTwoFactorEnrolmentDocument, { input: { code: codeFor(begun.secret!) } }, { token })).data!.confirmTwoFactorEnrolment;
    expect(confirmed.userErrors).toEqual([]);
    return { secret: begun.secret!, recoveryCodes: confirmed.recoveryCodes, token };
  };

  beforeAll(async () => {
    // Rate limits and the stuffing counters out of the way: the per-user lock is under test.
    server = await startTestServer({
      env: { MAILROOM_LOGIN_ATTEMPTS_PER_IP: '100000', MAILROOM_LOGIN_ATTEMPTS_PER_USER: '100000', MAILROOM_STUFFING_BLOCK_AFTER: '100000', MAILROOM_STUFFING_SLOW_AFTER: '100000' },
    });
    admin = (await signIn('admin', ADMIN_PASSWORD)).data!.login.token!;
    await asAdmin(CreateMailboxDocument, { input: { number: 40, name: 'Probes', address: 'probes@example.com' } });
    for (const name of ['anna', 'boris', 'cyril', 'delia']) {
      ids[name] = (await asAdmin(CreateUserDocument, { input: { username: name, displayName: name, email: `${name}@example.com`, password: `${name}-password` } })).data!.createUser.user!.id;
      await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: 40, userId: ids[name]! } });
    }
    await asAdmin(ConfigureLockPolicyDocument, { input: { mailboxNumber: 40, enabled: true, threshold: 5, notifyOperationsAdministrators: false } });
  });
  afterAll(async () => server?.stop());

  it('a half-finished login is no session: its challenge as a bearer token acts on nothing, over HTTP and WebSocket', async () => {
    const { secret } = await enrol('anna');
    const challenge = await challengeOf('anna');
    const head = await server.app.services.store.headPosition();
    expect((await gql(server.url, ViewerNameDocument, {}, { token: challenge })).data?.viewer ?? null).toBeNull();
    const mutations = [
      gql(server.url, RenameMailboxDocument, { input: { number: 40, name: 'Taken over' } }, { token: challenge }),
      gql(server.url, IssueScopedApiTokenDocument, { input: { name: 'backdoor' } }, { token: challenge }),
      gql(server.url, RemoveTwoFactorDocument, { input: { code: '000000' } }, { token: challenge }),
      gql(server.url, ResetTwoFactorDocument, { input: { userId: ids.anna!, reason: 'bypass' } }, { token: challenge }),
      gql(server.url, EndSessionDocument, { input: { sessionId: '00000000-0000-4000-8000-000000000000' } }, { token: challenge }),
    ];
    for (const res of await Promise.all(mutations)) expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res)).toBe('UNAUTHENTICATED');
    const ws = wsClient(server.wsUrl, challenge);
    try {
      expect((await wsRun(ws, ViewerNameDocument, {})).data?.viewer ?? null).toBeNull();
      expect((await wsRun(ws, IssueScopedApiTokenDocument, { input: { name: 'backdoor' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await ws.dispose();
    }
    // A TOTP challenge cannot re-enrol the account with the attacker's own authenticator.
    const hijack = await gql(server.url, BeginTwoFactorEnrolmentDocument, { input: { challenge } });
    expect(hijack.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(server.url, ConfirmTwoFactorEnrolmentDocument, { input: { challenge, code: codeFor(secret) } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await server.app.services.store.headPosition()).toBe(head);
    // The challenge itself still works for its owner: nothing above spent or broke it.
    await awayFromStepEdge();
    expect((await complete(challenge, codeFor(secret, 1))).data!.completeLogin.token).toMatch(/^mr_s_/);
  });

  it('guessing codes counts toward the lock with the generic error; past it even the right code is refused', async () => {
    const { secret } = await enrol('boris');
    const challenge = await challengeOf('boris');
    const answers = [];
    // 12 guesses against a threshold of 5: an attacker learns nothing from the answers.
    for (let i = 0; i < 12; i++) answers.push((await complete(challenge, String(100000 + i * 7919))).data!.completeLogin);
    for (const a of answers) expect(a).toMatchObject({ token: null, userErrors: GENERIC });
    await server.app.services.access.locks.idle();
    expect((await asAdmin(UserAccountLockDocument, { id: ids.boris! })).data!.user.accountLock).toMatchObject({ locked: true, failedAttempts: 5 });
    await awayFromStepEdge();
    expect((await complete(challenge, codeFor(secret))).data!.completeLogin).toMatchObject({ token: null, userErrors: GENERIC });
    const again = (await signIn('boris')).data!.login;
    expect(again).toMatchObject({ token: null, secondFactor: null, userErrors: GENERIC });
    // The lock stopped the count: 5 failures and one lock, not one event per guess.
    const stream = await server.app.services.store.readStream(`login-attempts-${ids.boris}`);
    expect(stream.map((e) => e.type)).toEqual([...Array(5).fill('LoginFailed'), 'UserLocked']);
  });

  it('a recovery code works once: not again, not in another case, not to remove two-factor, and not twice in a race', async () => {
    const { recoveryCodes, token } = await enrol('cyril');
    const [first, second] = recoveryCodes as [string, string];
    expect((await complete(await challengeOf('cyril'), first)).data!.completeLogin.token).toMatch(/^mr_s_/);
    expect((await complete(await challengeOf('cyril'), first)).data!.completeLogin.userErrors).toEqual(GENERIC);
    expect((await complete(await challengeOf('cyril'), first.toUpperCase())).data!.completeLogin.userErrors).toEqual(GENERIC);
    const removal = await gql(server.url, RemoveTwoFactorDocument, { input: { code: first } }, { token });
    expect(removal.errors?.[0]).toMatchObject({ message: 'The code is wrong or was used already', extensions: { code: 'UNAUTHENTICATED' } });
    // One unused code on two challenges at once: exactly one login.
    const [c1, c2] = await Promise.all([challengeOf('cyril'), challengeOf('cyril')]);
    const raced = await Promise.all([complete(c1, second), complete(c2, second)]);
    expect(raced.map((r) => r.data!.completeLogin.token !== null).filter(Boolean)).toHaveLength(1);
    expect((await asAdmin(UserTwoFactorDocument, { id: ids.cyril! })).data!.user.twoFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 8 });
  });

  it('one TOTP code raced on two challenges logs in once', async () => {
    const { secret } = await enrol('delia');
    const [c1, c2] = await Promise.all([challengeOf('delia'), challengeOf('delia')]);
    await awayFromStepEdge();
    const code = codeFor(secret, 1);
    const raced = await Promise.all([complete(c1, code), complete(c2, code)]);
    expect(raced.map((r) => r.data!.completeLogin.token !== null).filter(Boolean)).toHaveLength(1);
  });

  it('an expired API token: a subscription opened with it is refused, with the expiry named when it was open', async () => {
    const session = (await signIn('admin', ADMIN_PASSWORD)).data!.login.token!;
    const token = (await gql(server.url, IssueScopedApiTokenDocument, { input: { name: 'short', expiresAt: new Date(Date.now() + 1500).toISOString() } }, { token: session })).data!.issueApiToken.token!;
    const open = wsClient(server.wsUrl, token);
    const feed = subscribeQueued(open, SettingsChangedDocument, { mailboxNumber: 40 });
    try {
      const deadline = Date.now() + 10_000;
      while (feed.error() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(feed.error()).toMatchObject({ code: 4401, reason: 'API token expired' });
    } finally {
      await open.dispose();
    }
    // Over HTTP too: neither a read nor a mutation, and nothing appended.
    const head = await server.app.services.store.headPosition();
    expect((await gql(server.url, ViewerNameDocument, {}, { token })).data?.viewer ?? null).toBeNull();
    expect((await gql(server.url, RenameMailboxDocument, { input: { number: 40, name: 'After expiry' } }, { token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await server.app.services.store.headPosition()).toBe(head);
    const late = wsClient(server.wsUrl, token);
    const lateFeed = subscribeQueued(late, SettingsChangedDocument, { mailboxNumber: 40 });
    try {
      const deadline = Date.now() + 10_000;
      while (lateFeed.error() === null && !lateFeed.completed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      // Refused before any delivery: one result carrying UNAUTHENTICATED and no data, then the end.
      expect(lateFeed.completed()).toBe(true);
      const first = await lateFeed.next();
      expect(first.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(first.data ?? null).toBeNull();
    } finally {
      await late.dispose();
    }
  });
});
