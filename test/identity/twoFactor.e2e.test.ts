import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddMailboxMemberDocument,
  BeginTwoFactorEnrolmentDocument,
  CompleteLoginDocument,
  ConfigureLockPolicyDocument,
  ConfirmTwoFactorEnrolmentDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  RemoveTwoFactorDocument,
  ResetTwoFactorDocument,
  SetMailboxTwoFactorRequirementDocument,
  SignInDocument,
  UserTwoFactorDocument,
  ViewerNameDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, wsClient, type TestServer } from '../support/server.js';
import { awayFromStepEdge, codeFor, wsRun } from './signinSupport.js';

const pgAvailable = await postgresAvailable();
const GENERIC = 'Invalid username or password';

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('two-factor (TOTP) end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let admin: string;
  const ids: Record<string, string> = {};

  const asAdmin = <R, V>(doc: Parameters<typeof gql<R, V>>[1], vars: V) => gql(server.url, doc, vars, { token: admin });
  const signIn = (username: string) => gql(server.url, SignInDocument, { input: { username, password: `${username}-password` } });
  const sessionOf = async (username: string) => (await signIn(username)).data!.login.token!;

  /** Enrols over HTTP with a session; returns the secret, the recovery codes and the step offset used to confirm. */
  const enrol = async (username: string, confirmOffset = 0) => {
    const token = await sessionOf(username);
    const begun = (await gql(server.url, BeginTwoFactorEnrolmentDocument, { input: {} }, { token })).data!.beginTwoFactorEnrolment;
    expect(begun.userErrors).toEqual([]);
    await awayFromStepEdge();
    const confirmed = await gql(server.url, ConfirmTwoFactorEnrolmentDocument, { input: { code: codeFor(begun.secret!, confirmOffset) } }, { token });
    expect(confirmed.data!.confirmTwoFactorEnrolment.userErrors).toEqual([]);
    return { secret: begun.secret!, uri: begun.otpauthUri!, recoveryCodes: confirmed.data!.confirmTwoFactorEnrolment.recoveryCodes, token };
  };

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage });
    admin = (await gql(server.url, SignInDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    await asAdmin(CreateMailboxDocument, { input: { number: 30, name: 'Two-factor', address: 'tf@example.com' } });
    await asAdmin(CreateMailboxDocument, { input: { number: 31, name: 'Locks', address: 'locks@example.com' } });
    for (const name of ['tara', 'uma', 'vic', 'wes', 'xena']) {
      ids[name] = (await asAdmin(CreateUserDocument, { input: { username: name, displayName: name, email: `${name}@example.com`, password: `${name}-password` } })).data!.createUser.user!.id;
    }
  });
  afterAll(async () => server?.stop());

  it.runIf(enabled)('enrols with an otpauth URI and a code; login becomes two steps; the confirming code and a used code are refused', async () => {
    const { secret, uri, recoveryCodes } = await enrol('tara');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Mailroom:tara\?secret=[A-Z2-7]{32}&issuer=Mailroom&algorithm=SHA1&digits=6&period=30$/);
    expect(recoveryCodes).toHaveLength(10);
    // The secret reaches the history only as vault ciphertext; the recovery codes only as digests.
    const history = JSON.stringify(await server.app.services.store.readStream(`two-factor-${ids.tara}`));
    expect(history).not.toContain(secret);
    for (const c of recoveryCodes) expect(history).not.toContain(c);

    const first = (await signIn('tara')).data!.login;
    expect(first).toMatchObject({ token: null, secondFactor: { step: 'TOTP' }, userErrors: [] });
    // The code that confirmed the enrolment was used: it does not log in.
    const replayedConfirmation = await gql(server.url, CompleteLoginDocument, { input: { challenge: first.secondFactor!.challenge, code: codeFor(secret, 0) } });
    expect(replayedConfirmation.data!.completeLogin.userErrors).toEqual([{ path: [], code: 'UNAUTHENTICATED', message: GENERIC }]);
    await awayFromStepEdge();
    const next = codeFor(secret, 1);
    const done = (await gql(server.url, CompleteLoginDocument, { input: { challenge: first.secondFactor!.challenge, code: next } })).data!.completeLogin;
    expect(done).toMatchObject({ userErrors: [], viewer: { username: 'tara' } });
    expect((await gql(server.url, ViewerNameDocument, {}, { token: done.token! })).data!.viewer!.username).toBe('tara');

    // Replay of a used code with a fresh challenge: the same generic answer.
    const again = (await signIn('tara')).data!.login.secondFactor!.challenge;
    const replay = await gql(server.url, CompleteLoginDocument, { input: { challenge: again, code: next } });
    expect(replay.data!.completeLogin).toMatchObject({ token: null, userErrors: [{ code: 'UNAUTHENTICATED', message: GENERIC }] });

    // A recovery code works once.
    const viaRecovery = await gql(server.url, CompleteLoginDocument, { input: { challenge: again, code: recoveryCodes[0]! } });
    expect(viaRecovery.data!.completeLogin.token).toMatch(/^mr_s_/);
    const challenge3 = (await signIn('tara')).data!.login.secondFactor!.challenge;
    expect((await gql(server.url, CompleteLoginDocument, { input: { challenge: challenge3, code: recoveryCodes[0]!.toUpperCase() } })).data!.completeLogin.token).toBeNull();
    const status = await gql(server.url, UserTwoFactorDocument, { id: ids.tara! }, { token: admin });
    expect(status.data!.user.twoFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });
  });

  it.runIf(enabled)('accepts one step of clock skew either way (confirmation one step behind, login one step ahead)', async () => {
    const { secret } = await enrol('uma', -1);
    const challenge = (await signIn('uma')).data!.login.secondFactor!.challenge;
    await awayFromStepEdge();
    const done = await gql(server.url, CompleteLoginDocument, { input: { challenge, code: codeFor(secret, 1) } });
    expect(done.data!.completeLogin.token).toMatch(/^mr_s_/);
    const challenge2 = (await signIn('uma')).data!.login.secondFactor!.challenge;
    await awayFromStepEdge();
    expect((await gql(server.url, CompleteLoginDocument, { input: { challenge: challenge2, code: codeFor(secret, 2) } })).data!.completeLogin.token).toBeNull();
  });

  it.runIf(enabled)('over WebSocket: enrol during a login a mailbox policy forces, then log in with a code', async () => {
    await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: 30, userId: ids.vic! } });
    expect((await asAdmin(SetMailboxTwoFactorRequirementDocument, { input: { mailboxNumber: 30, required: true, reason: 'policy' } })).data!.setMailboxTwoFactorRequirement.ok).toBe(true);
    const ws = wsClient(server.wsUrl, null);
    try {
      const login = (await wsRun(ws, SignInDocument, { input: { username: 'vic', password: 'vic-password' } })).data!.login;
      expect(login).toMatchObject({ token: null, secondFactor: { step: 'ENROLMENT_REQUIRED' } });
      const challenge = login.secondFactor!.challenge;
      // The enrolment challenge is no session and completes no login on its own.
      expect((await wsRun(ws, CompleteLoginDocument, { input: { challenge, code: '000000' } })).data!.completeLogin.token).toBeNull();
      const begun = (await wsRun(ws, BeginTwoFactorEnrolmentDocument, { input: { challenge } })).data!.beginTwoFactorEnrolment;
      await awayFromStepEdge();
      const confirmed = (await wsRun(ws, ConfirmTwoFactorEnrolmentDocument, { input: { challenge, code: codeFor(begun.secret!) } })).data!.confirmTwoFactorEnrolment;
      expect(confirmed.token).toMatch(/^mr_s_/);
      expect(confirmed.recoveryCodes).toHaveLength(10);
      // The challenge gave one session; it is spent.
      expect((await wsRun(ws, ConfirmTwoFactorEnrolmentDocument, { input: { challenge, code: codeFor(begun.secret!) } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      const next = (await wsRun(ws, SignInDocument, { input: { username: 'vic', password: 'vic-password' } })).data!.login.secondFactor!;
      expect(next.step).toBe('TOTP');
      await awayFromStepEdge();
      const done = (await wsRun(ws, CompleteLoginDocument, { input: { challenge: next.challenge, code: codeFor(begun.secret!, 1) } })).data!.completeLogin;
      expect(done.token).toMatch(/^mr_s_/);
      // Required by the mailbox: the user cannot remove it.
      const removal = await gql(server.url, RemoveTwoFactorDocument, { input: { code: confirmed.recoveryCodes[0]! } }, { token: done.token! });
      expect(removal.data!.removeTwoFactor.userErrors[0]).toMatchObject({ code: 'ILLEGAL_STATE', message: expect.stringContaining('mailbox 30') });
    } finally {
      await ws.dispose();
    }
  });

  it.runIf(enabled)('a wrong second factor counts toward the lock like a wrong password, with the same error', async () => {
    await asAdmin(AddMailboxMemberDocument, { input: { mailboxNumber: 31, userId: ids.wes! } });
    await asAdmin(ConfigureLockPolicyDocument, { input: { mailboxNumber: 31, enabled: true, threshold: 3, notifyOperationsAdministrators: false } });
    const { secret } = await enrol('wes');
    const wrongPassword = await gql(server.url, SignInDocument, { input: { username: 'wes', password: 'not-the-password' } });
    const challenge = (await signIn('wes')).data!.login.secondFactor!.challenge;
    const wrongCodes = [];
    for (const code of ['123456', '654321']) wrongCodes.push((await gql(server.url, CompleteLoginDocument, { input: { challenge, code } })).data!.completeLogin.userErrors);
    expect(wrongCodes).toEqual([wrongPassword.data!.login.userErrors, wrongPassword.data!.login.userErrors]);
    await server.app.services.access.locks.idle();
    // Three failures (one password, two codes) reached the threshold: even a right password and code get the generic error.
    const locked = await signIn('wes');
    expect(locked.data!.login.userErrors).toEqual([{ path: [], code: 'UNAUTHENTICATED', message: GENERIC }]);
    expect(locked.data!.login.secondFactor).toBeNull();
    await awayFromStepEdge();
    expect((await gql(server.url, CompleteLoginDocument, { input: { challenge, code: codeFor(secret, 1) } })).data!.completeLogin.token).toBeNull();
  });

  it.runIf(enabled)('an administrator resets with a reason; the user removes their own with a code; each is an event', async () => {
    const { secret, token } = await enrol('xena');
    const plain = await gql(server.url, ResetTwoFactorDocument, { input: { userId: ids.tara!, reason: 'lost phone' } }, { token });
    expect(plain.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await asAdmin(ResetTwoFactorDocument, { input: { userId: ids.tara!, reason: ' ' } })).data!.resetTwoFactor.userErrors[0]).toMatchObject({ code: 'VALIDATION', path: ['input', 'reason'] });
    expect((await asAdmin(ResetTwoFactorDocument, { input: { userId: ids.tara!, reason: 'lost phone' } })).data!.resetTwoFactor.ok).toBe(true);
    expect((await signIn('tara')).data!.login.token).toMatch(/^mr_s_/);

    await awayFromStepEdge();
    const removed = await gql(server.url, RemoveTwoFactorDocument, { input: { code: codeFor(secret, 1) } }, { token });
    expect(removed.data!.removeTwoFactor).toMatchObject({ ok: true, userErrors: [] });
    expect((await signIn('xena')).data!.login.token).toMatch(/^mr_s_/);

    const types = async (userId: string) => (await server.app.services.store.readStream(`two-factor-${userId}`)).map((e) => [e.type, e.metadata.reason ?? null]);
    expect(await types(ids.tara!)).toEqual([['TwoFactorEnrolled', null], ['TwoFactorRecoveryCodeUsed', null], ['TwoFactorReset', 'lost phone']]);
    expect((await types(ids.xena!)).map(([t]) => t)).toEqual(['TwoFactorEnrolled', 'TwoFactorRemoved']);
  });
});
