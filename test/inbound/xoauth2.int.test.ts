import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { startOAuth2Server, type OAuth2Server } from '../support/oauth2Server.js';
import { createInboundHarness, meta, OPS_EMAIL, type InboundHarness } from './harness.js';
import { approve, dovecotOAuth2Passdb, oauthEnv, REDIRECT } from './oauthFlow.js';

const dovecotOk = dovecotAvailable();

const mail = (n: number) => `From: x@example.org\r\nSubject: OAuth ${n}\r\nMessage-ID: <oauth${n}@example.org>\r\n\r\nBody ${n}\r\n`;

/**
 * XOAUTH2 end to end: Dovecot validates the bearer tokens by introspection at the local
 * OAuth 2.0 server, the token service gets them through the authorization-code flow and
 * refreshes them, and the scheduler logs in with them over IMAP and POP3.
 */
describe.runIf(dovecotOk)('XOAUTH2 against Dovecot with an oauth2 passdb', () => {
  let oauth: OAuth2Server;
  let dovecot: Dovecot;
  let passdb: ReturnType<typeof dovecotOAuth2Passdb>;
  let h: InboundHarness;
  let credentialId: string;

  const authorize = async () => {
    oauth.approveAs('dana');
    const { authorizationUrl } = await h.services.oauthCredentials.beginAuthorization(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId });
    await h.services.oauthCredentials.completeAuthorization(SYSTEM_ACTOR, await approve(authorizationUrl), meta());
  };

  beforeAll(async () => {
    oauth = await startOAuth2Server({ clients: [{ clientId: 'client', clientSecret: 'secret' }], rotateRefreshTokens: true });
    passdb = dovecotOAuth2Passdb(oauth.introspectionUrl);
    dovecot = await startDovecot({ users: [{ name: 'dana', password: 'unused-password' }], authMechanisms: passdb.authMechanisms, extraConfig: passdb.extraConfig });
    h = await createInboundHarness({ env: oauthEnv(oauth), module: { tls: { ca: dovecot.caCert } } });
    credentialId = (
      await h.services.oauthCredentials.register(
        SYSTEM_ACTOR,
        { mailboxNumber: 1, provider: 'GOOGLE', displayName: 'Workspace', clientId: 'client', clientSecret: 'secret', redirectUrl: REDIRECT },
        meta(),
      )
    ).credentialId;
    await authorize();
  });
  afterAll(async () => {
    await h?.close();
    await dovecot?.stop();
    await oauth?.stop();
    passdb?.cleanup();
  });

  it('fetches over IMAP with XOAUTH2; an expired token is refreshed; a revoked grant needs reauthorization, once', async () => {
    dovecot.deliver('dana', mail(1));
    const imap = (
      await h.services.receiveAccounts.add(
        SYSTEM_ACTOR,
        { mailboxNumber: 1, displayName: 'Dana IMAP', protocol: 'IMAP', host: '127.0.0.1', port: dovecot.ports.imaps, encryption: 'SSL_TLS', authMethod: 'OAUTH2', username: 'dana', credentialId },
        meta(),
      )
    ).accountId;
    const first = await h.services.scheduler.runNow(1, imap);
    expect(first).toMatchObject({ imported: 1, failure: null, status: { state: 'OK' } });
    expect(dovecot.log()).toMatch(/method=XOAUTH2/);
    const introspectionsAfterFirst = oauth.introspections;
    expect(introspectionsAfterFirst).toBeGreaterThan(0);

    // The provider expires the token; our clock passes its expiry: the next run refreshes first.
    oauth.expireAccessTokens();
    h.clock.advance(61 * 60_000);
    dovecot.deliver('dana', mail(2));
    const refreshesBefore = oauth.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
    const second = await h.services.scheduler.runNow(1, imap);
    expect(second).toMatchObject({ imported: 1, failure: null });
    expect(oauth.tokenRequests.filter((r) => r.grantType === 'refresh_token')).toHaveLength(refreshesBefore + 1);

    // The grant is revoked at the provider: refresh fails with invalid_grant.
    oauth.revokeRefreshTokens('dana');
    oauth.expireAccessTokens();
    h.clock.advance(61 * 60_000);
    const seen = new Set((await h.recordedNotices()).map((n) => n.id));
    const failed = await h.services.scheduler.runNow(1, imap);
    expect(failed.failure).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED', serverResponse: 'invalid_grant: Token has been expired or revoked.' });
    expect(failed.status).toMatchObject({ state: 'ERROR', lastError: { code: 'REAUTHORIZATION_REQUIRED' } });
    h.clock.advance(60_000);
    expect((await h.services.scheduler.runNow(1, imap)).failure?.code).toBe('REAUTHORIZATION_REQUIRED');
    expect(await h.eventsOf('OAuthReauthorizationRequired')).toHaveLength(1);
    const raised = await h.eventsOf('ReceiveErrorRaised');
    expect(raised.map((e) => (e.data as { accountId: string }).accountId)).toEqual([imap]);
    const notices = (await h.recordedNotices()).filter((n) => !seen.has(n.id));
    expect(notices.map((n) => n.kind).sort()).toEqual(['OAUTH_REAUTHORIZATION_REQUIRED', 'RECEIVE_ERROR_RAISED']);
    expect(notices.every((n) => JSON.parse(n.recipients).includes(OPS_EMAIL))).toBe(true);

    // Authorizing again ends the episode on the next run.
    await authorize();
    dovecot.deliver('dana', mail(4));
    expect(await h.services.scheduler.runNow(1, imap)).toMatchObject({ imported: 1, failure: null, status: { state: 'OK' } });
    const cleared = await h.eventsOf('ReceiveErrorCleared');
    expect(cleared.map((e) => (e.data as { accountId: string; code: string }).code)).toEqual(['REAUTHORIZATION_REQUIRED']);
  });

  it('fetches over POP3 with RFC 5034 AUTH XOAUTH2 after STLS', async () => {
    dovecot.deliver('dana', mail(10));
    const pop = (
      await h.services.receiveAccounts.add(
        SYSTEM_ACTOR,
        { mailboxNumber: 1, displayName: 'Dana POP', protocol: 'POP3', host: '127.0.0.1', port: dovecot.ports.pop3, encryption: 'STARTTLS', authMethod: 'OAUTH2', username: 'dana', credentialId, leaveOnServer: true },
        meta(),
      )
    ).accountId;
    const run = await h.services.scheduler.runNow(1, pop);
    expect(run.failure).toBeNull();
    expect(run.imported).toBeGreaterThan(0);
    expect(dovecot.log()).toMatch(/pop3-login: Info: Login: user=<dana>, method=XOAUTH2/);
  });

  it('tests a connection with a token without importing', async () => {
    dovecot.deliver('dana', mail(5));
    const result = await h.services.fetchControl.test(SYSTEM_ACTOR, {
      mailboxNumber: 1,
      changes: { displayName: 'Probe', protocol: 'IMAP', host: '127.0.0.1', port: dovecot.ports.imap, encryption: 'STARTTLS', authMethod: 'OAUTH2', username: 'dana', credentialId },
    });
    expect(result).toMatchObject({ ok: true, failure: null });
    expect(result.capabilities).toContain('IMAP4REV1');
    expect(result.serverMessages).toBeGreaterThan(0);
  });
});
