import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddMailboxMemberDocument,
  AddReceiveAccountDocument,
  AssignMailboxRoleDocument,
  BeginOAuthAuthorizationDocument,
  ChangeReceiveAccountDocument,
  CompleteOAuthAuthorizationDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  DeleteReceiveAccountDocument,
  FetchReceiveAccountNowDocument,
  FetchStatusChangedDocument,
  LoginDocument,
  OAuthCredentialsDocument,
  ReceiveErrorsDocument,
  ReceiveSettingsDocument,
  RegisterOAuthCredentialDocument,
  TestReceiveAccountDocument,
} from '../generated/graphql.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { startOAuth2Server, type OAuth2Server } from '../support/oauth2Server.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient, type TestServer } from '../support/server.js';
import { approve, oauthEnv, REDIRECT } from './oauthFlow.js';

const dovecotOk = dovecotAvailable();
const pgAvailable = await postgresAvailable();

const login = async (url: string, username: string, password: string): Promise<string> =>
  (await gql(url, LoginDocument, { input: { username, password } })).data!.login.token!;

describe.each([
  { storage: 'sqlite' as const, enabled: dovecotOk },
  { storage: 'postgres' as const, enabled: dovecotOk && pgAvailable },
])('inbound settings, fetch status and receive errors end to end on $storage', ({ storage, enabled }) => {
  let dovecot: Dovecot;
  let oauth: OAuth2Server;
  let server: TestServer;
  let admin: string;
  let outsider: string;

  beforeAll(async () => {
    if (!enabled) return;
    dovecot = await startDovecot({ users: [{ name: 'erin', password: 'erin-secret' }] });
    oauth = await startOAuth2Server({ clients: [{ clientId: 'client', clientSecret: 'secret' }] });
    server = await startTestServer({ storage, env: { MAILROOM_MAIL_CA_FILE: join(dovecot.dir, 'cert.pem'), ...oauthEnv(oauth) } });
    admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    // Mailbox 2 with its own operations administrator, who has nothing to do with mailbox 1.
    await gql(server.url, CreateMailboxDocument, { input: { number: 2, name: 'Sales', address: 'sales@example.com' } }, { token: admin });
    const user = await gql(
      server.url,
      CreateUserDocument,
      { input: { username: 'olivia', displayName: 'Olivia', email: 'olivia@example.com', password: 'olivia-password-1' } },
      { token: admin },
    );
    const oliviaId = user.data!.createUser.user!.id;
    await gql(server.url, AddMailboxMemberDocument, { input: { mailboxNumber: 2, userId: oliviaId } }, { token: admin });
    await gql(server.url, AssignMailboxRoleDocument, { input: { mailboxNumber: 2, userId: oliviaId, role: 'OPERATIONS_ADMINISTRATOR' } }, { token: admin });
    outsider = await login(server.url, 'olivia', 'olivia-password-1');
  });
  afterAll(async () => {
    await server?.stop();
    await oauth?.stop();
    await dovecot?.stop();
  });

  const imapAccount = (password: string) => ({
    mailboxNumber: 1,
    displayName: 'Erin IMAP',
    protocol: 'IMAP' as const,
    host: '127.0.0.1',
    port: dovecot.ports.imaps,
    encryption: 'SSL_TLS' as const,
    username: 'erin',
    password,
    errorNotificationAddress: 'alerts@example.com',
  });

  it.runIf(enabled)('streams fetch status and receive errors in order to the mailbox, and nothing to another mailbox', async () => {
    const adminWs = wsClient(server.wsUrl, admin);
    const outsiderWs = wsClient(server.wsUrl, outsider);
    try {
      const status = subscribeQueued(adminWs, FetchStatusChangedDocument, { mailboxNumber: 1 });
      const errors = subscribeQueued(adminWs, ReceiveErrorsDocument, { mailboxNumber: 1 });
      const foreignStatus = subscribeQueued(outsiderWs, FetchStatusChangedDocument, { mailboxNumber: 2 });
      const foreignErrors = subscribeQueued(outsiderWs, ReceiveErrorsDocument, { mailboxNumber: 2 });
      const peeking = subscribeQueued(outsiderWs, ReceiveErrorsDocument, { mailboxNumber: 1 });
      await expect(peeking.next()).resolves.toMatchObject({ errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] });
      await new Promise((r) => setTimeout(r, 200));

      dovecot.deliver('erin', 'Subject: first\r\nMessage-ID: <e2e-1@example.org>\r\n\r\nhello\r\n');
      const added = await gql(server.url, AddReceiveAccountDocument, { input: imapAccount('wrong-password') }, { token: admin });
      expect(added.data?.addReceiveAccount.userErrors).toEqual([]);
      const account = added.data!.addReceiveAccount.account!;
      expect(account).toMatchObject({ passwordSet: true, port: dovecot.ports.imaps, hints: [], status: { state: 'IDLE', lastError: null } });
      const accountId = account.id;

      const failed = await gql(server.url, FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } }, { token: admin });
      expect(failed.data?.fetchReceiveAccountNow).toMatchObject({ imported: 0, error: { code: 'AUTH' }, status: { state: 'ERROR', consecutiveFailures: 1 } });
      await gql(server.url, FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } }, { token: admin });

      await gql(server.url, ChangeReceiveAccountDocument, { input: { mailboxNumber: 1, accountId, password: 'erin-secret' } }, { token: admin });
      const fixed = await gql(server.url, FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } }, { token: admin });
      expect(fixed.data?.fetchReceiveAccountNow).toMatchObject({ imported: 1, error: null, status: { state: 'OK', importedTotal: 1 } });

      const states: string[] = [];
      for (let i = 0; i < 6; i++) states.push((await status.next()).data!.fetchStatusChanged.state);
      expect(states).toEqual(['FETCHING', 'ERROR', 'FETCHING', 'ERROR', 'FETCHING', 'OK']);
      const raised = (await errors.next()).data!.receiveErrors;
      const cleared = (await errors.next()).data!.receiveErrors;
      expect(raised).toMatchObject({ kind: 'RAISED', code: 'AUTH', accountId, mailboxNumber: 1 });
      expect(raised.serverResponse).toMatch(/AUTHENTICATIONFAILED|Authentication failed/);
      expect(cleared).toMatchObject({ kind: 'CLEARED', code: 'AUTH', accountId, episodeId: raised.episodeId });
      expect(cleared.position).toBeGreaterThan(raised.position);

      await new Promise((r) => setTimeout(r, 300));
      expect(errors.pending()).toBe(0);
      expect(foreignStatus.pending() + foreignErrors.pending()).toBe(0);
      expect(foreignStatus.error() ?? foreignErrors.error()).toBeNull();

      const settings = await gql(server.url, ReceiveSettingsDocument, { mailboxNumber: 1 }, { token: admin });
      expect(settings.data?.receiveSettings).toMatchObject({ maxAccounts: 6, autoFetch: { enabled: true, intervalMinutes: 10 } });
      expect(settings.data?.receiveSettings.accounts[0]?.status).toMatchObject({ state: 'OK', lastError: { code: 'AUTH' } });
      expect(settings.data?.receiveSettings.accounts[0]?.status.lastError?.clearedAt).not.toBeNull();
      const denied = await gql(server.url, ReceiveSettingsDocument, { mailboxNumber: 1 }, { token: outsider });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      await gql(server.url, DeleteReceiveAccountDocument, { input: { mailboxNumber: 1, accountId } }, { token: admin });
      status.dispose();
      errors.dispose();
      foreignStatus.dispose();
      foreignErrors.dispose();
    } finally {
      await adminWs.dispose();
      await outsiderWs.dispose();
    }
  });

  it.runIf(enabled)('refuses invalid receive settings as userErrors and appends nothing', async () => {
    const head = await server.app.services.store.headPosition();
    const dup = await gql(server.url, AddReceiveAccountDocument, { input: { ...imapAccount('x'), deleteDuplicates: true } }, { token: admin });
    expect(dup.data?.addReceiveAccount).toMatchObject({ account: null, userErrors: [{ path: ['input', 'deleteDuplicates'], code: 'VALIDATION' }] });
    expect(dup.data?.addReceiveAccount.userErrors[0]?.message).toMatch(/POP3 or APOP and leave-on-server/);
    expect(await server.app.services.store.headPosition()).toBe(head);

    const ids: string[] = [];
    for (let n = 1; n <= 6; n++) {
      const res = await gql(server.url, AddReceiveAccountDocument, { input: { ...imapAccount('x'), displayName: `A${n}`, username: `user${n}` } }, { token: admin });
      expect(res.data?.addReceiveAccount.userErrors).toEqual([]);
      ids.push(res.data!.addReceiveAccount.account!.id);
    }
    const seventh = await gql(server.url, AddReceiveAccountDocument, { input: { ...imapAccount('x'), displayName: 'A7', username: 'user7' } }, { token: admin });
    expect(seventh.data?.addReceiveAccount.userErrors[0]).toMatchObject({ code: 'ILLEGAL_STATE', message: expect.stringMatching(/forward/) });
    for (const accountId of ids) await gql(server.url, DeleteReceiveAccountDocument, { input: { mailboxNumber: 1, accountId } }, { token: admin });
  });

  it.runIf(enabled)('tests a connection without importing, and runs the OAuth flow through the API', async () => {
    const tested = await gql(
      server.url,
      TestReceiveAccountDocument,
      { input: { mailboxNumber: 1, changes: { displayName: 'Probe', protocol: 'POP3', host: '127.0.0.1', port: dovecot.ports.pop3, encryption: 'STARTTLS', username: 'erin', password: 'erin-secret' } } },
      { token: admin },
    );
    expect(tested.errors).toBeUndefined();
    expect(tested.data?.testReceiveAccount).toMatchObject({ ok: true, error: null, userErrors: [] });
    expect(tested.data?.testReceiveAccount.capabilities).toContain('STLS');
    const wrong = await gql(
      server.url,
      TestReceiveAccountDocument,
      { input: { mailboxNumber: 1, changes: { displayName: 'Probe', protocol: 'IMAP', host: '127.0.0.1', port: dovecot.ports.imap, encryption: 'SSL_TLS', username: 'erin', password: 'erin-secret' } } },
      { token: admin },
    );
    expect(wrong.data?.testReceiveAccount).toMatchObject({ ok: false, error: { code: 'TLS' } });

    const registered = await gql(
      server.url,
      RegisterOAuthCredentialDocument,
      { input: { mailboxNumber: 1, provider: 'GOOGLE', displayName: 'Workspace', clientId: 'client', clientSecret: 'secret', redirectUrl: REDIRECT } },
      { token: admin },
    );
    const credential = registered.data!.registerOAuthCredential.credential!;
    expect(credential).toMatchObject({ clientSecretSet: true, authorizationStatus: 'NOT_AUTHORIZED', scopes: ['https://mail.google.com/'] });
    const begun = await gql(server.url, BeginOAuthAuthorizationDocument, { input: { mailboxNumber: 1, credentialId: credential.id } }, { token: admin });
    const { code, state } = await approve(begun.data!.beginOAuthAuthorization.authorizationUrl!);
    const stolen = await gql(server.url, CompleteOAuthAuthorizationDocument, { input: { state, code } }, { token: outsider });
    expect(stolen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const completed = await gql(server.url, CompleteOAuthAuthorizationDocument, { input: { state, code } }, { token: admin });
    expect(completed.data?.completeOAuthAuthorization).toMatchObject({ userErrors: [], credential: { authorizationStatus: 'AUTHORIZED' } });
    const listed = await gql(server.url, OAuthCredentialsDocument, { mailboxNumber: 1 }, { token: admin });
    expect(listed.data?.oauthCredentials.map((c) => c.displayName)).toEqual(['Workspace']);
    expect(JSON.stringify(listed.data)).not.toContain('secret"');
  });
});

describe.runIf(dovecotOk)('the fetch scheduler inside the server', () => {
  it('fetches a new account on its own when MAILROOM_FETCH_ENABLED is on, and stops cleanly', async () => {
    const dovecot = await startDovecot({ users: [{ name: 'finn', password: 'finn-secret' }] });
    const server = await startTestServer({ env: { MAILROOM_FETCH_ENABLED: 'true', MAILROOM_MAIL_CA_FILE: join(dovecot.dir, 'cert.pem') } });
    try {
      const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
      dovecot.deliver('finn', 'Subject: scheduled\r\n\r\nhi\r\n');
      const added = await gql(
        server.url,
        AddReceiveAccountDocument,
        { input: { mailboxNumber: 1, displayName: 'Finn', protocol: 'POP3', host: '127.0.0.1', port: dovecot.ports.pop3s, encryption: 'SSL_TLS', username: 'finn', password: 'finn-secret' } },
        { token: admin },
      );
      expect(added.data?.addReceiveAccount.userErrors).toEqual([]);
      const deadline = Date.now() + 15_000;
      let state = '';
      while (Date.now() < deadline) {
        const settings = await gql(server.url, ReceiveSettingsDocument, { mailboxNumber: 1 }, { token: admin });
        state = settings.data!.receiveSettings.accounts[0]!.status.state;
        if (state === 'OK') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(state).toBe('OK');
      expect(dovecot.messageFiles('finn')).toEqual([]);
    } finally {
      await server.stop();
      await dovecot.stop();
    }
  });
});
