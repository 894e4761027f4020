import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BeginTwoFactorEnrolmentDocument,
  CompleteLoginDocument,
  ConfirmTwoFactorEnrolmentDocument,
  EndSessionDocument,
  IssueScopedApiTokenDocument,
  SignInDocument,
  UserCredentialsDocument,
} from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

/** Red-team probes of the sign-in paths: garbage challenges, forged ids, token scope escapes. */
describe('sign-in probes', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { MAILROOM_LOGIN_ATTEMPTS_PER_IP: '100000', MAILROOM_LOGIN_ATTEMPTS_PER_USER: '100000', MAILROOM_STUFFING_BLOCK_AFTER: '100000', MAILROOM_STUFFING_SLOW_AFTER: '100000' } });
    admin = (await gql(server.url, SignInDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });
  afterAll(async () => server?.stop());

  it('garbage challenges and codes get the generic error, never a 500 and never an event', async () => {
    const head = await server.app.services.store.headPosition();
    const challenges = ['', 'mr_c_', 'mr_c_' + 'A'.repeat(43), 'mr_s_x', "' or 1=1 --", 'x'.repeat(500), admin];
    for (const challenge of challenges) {
      for (const code of ['000000', '', "1' OR '1'='1", 'abcde-fghij', '9'.repeat(100)]) {
        const res = await gql(server.url, CompleteLoginDocument, { input: { challenge, code } });
        expect(res.status, JSON.stringify(res.errors)).toBe(200);
        expect(res.data!.completeLogin).toMatchObject({ token: null, userErrors: [{ code: 'UNAUTHENTICATED', message: 'Invalid username or password' }] });
      }
      const enrol = await gql(server.url, BeginTwoFactorEnrolmentDocument, { input: { challenge } });
      expect(enrol.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await server.app.services.store.headPosition()).toBe(head);
  });

  it('an API token cannot enrol two-factor, and a read-only one cannot end sessions or mint tokens', async () => {
    const token = (await gql(server.url, IssueScopedApiTokenDocument, { input: { name: 'ro', readOnly: true } }, { token: admin })).data!.issueApiToken.token!;
    expect((await gql(server.url, BeginTwoFactorEnrolmentDocument, { input: {} }, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const adminId = (await gql(server.url, SignInDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login;
    expect(adminId.token).toMatch(/^mr_s_/);
    const sessions = (await gql(server.url, UserCredentialsDocument, { id: (await server.app.services.auth.authenticate(admin))!.userId }, { token })).data!.user.sessions!;
    expect(sessions.length).toBeGreaterThan(0);
    // Session lists never carry token material.
    expect(JSON.stringify(sessions)).not.toMatch(/mr_s_/);
    expect((await gql(server.url, EndSessionDocument, { input: { sessionId: sessions[0]!.id } }, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(server.url, ConfirmTwoFactorEnrolmentDocument, { input: { code: '123456' } }, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('ending a session id of another user is NOT_FOUND for its owner and FORBIDDEN for others', async () => {
    const res = await gql(server.url, EndSessionDocument, { input: { sessionId: '00000000-0000-4000-8000-000000000000' } }, { token: admin });
    expect(res.data!.endSession.userErrors[0]?.code).toBe('NOT_FOUND');
  });
});
