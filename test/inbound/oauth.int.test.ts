import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/app/auth/principal.js';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { OAuthAccessError } from '../../src/app/inbound/oauth/accessTokens.js';
import { startOAuth2Server, type OAuth2Server } from '../support/oauth2Server.js';
import { createInboundHarness, meta, OPS_EMAIL, type InboundHarness } from './harness.js';
import { approve, oauthEnv, REDIRECT } from './oauthFlow.js';

const otherUser = (userId: string): Principal => ({
  kind: 'session',
  userId,
  username: 'other',
  isAdministrator: true,
  permissions: new Set(),
  memberships: new Map(),
});

describe('OAuth credentials against a local OAuth 2.0 server', () => {
  let oauth: OAuth2Server;
  let h: InboundHarness;

  beforeAll(async () => {
    oauth = await startOAuth2Server({ clients: [{ clientId: 'google-client', clientSecret: 'google-secret' }, { clientId: 'ms-client', clientSecret: 'ms-secret' }] });
    h = await createInboundHarness({ env: oauthEnv(oauth) });
  });
  afterAll(async () => {
    await h?.close();
    await oauth?.stop();
  });

  const register = async (over: Record<string, unknown> = {}) =>
    (
      await h.services.oauthCredentials.register(
        SYSTEM_ACTOR,
        { mailboxNumber: 1, provider: 'GOOGLE', displayName: 'Google', clientId: 'google-client', clientSecret: 'google-secret', redirectUrl: REDIRECT, ...over },
        meta(),
      )
    ).credentialId;

  const authorize = async (credentialId: string, user = 'alice') => {
    oauth.approveAs(user);
    const { authorizationUrl } = await h.services.oauthCredentials.beginAuthorization(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId });
    const { code, state } = await approve(authorizationUrl);
    return h.services.oauthCredentials.completeAuthorization(SYSTEM_ACTOR, { state, code }, meta());
  };

  it('builds the authorization URL with state and PKCE, exchanges the code and stores only ciphertext', async () => {
    const credentialId = await register();
    const { authorizationUrl } = await h.services.oauthCredentials.beginAuthorization(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId });
    const q = new URL(authorizationUrl).searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: 'code',
      client_id: 'google-client',
      redirect_uri: REDIRECT,
      scope: 'https://mail.google.com/',
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
    });
    expect(q.get('state')).toMatch(/^1~v1\./);
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const { code, state } = await approve(authorizationUrl);
    await h.services.oauthCredentials.completeAuthorization(SYSTEM_ACTOR, { state, code }, meta());
    const row = await h.db.selectFrom('oauth_credentials').selectAll().where('credential_id', '=', credentialId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ authorization_status: 'AUTHORIZED', provider: 'GOOGLE', enabled: 1 });
    const history = JSON.stringify((await h.store.readAll({ max: 100_000 })).map((e) => e.data));
    expect(history).not.toContain('google-secret');
    expect(history).not.toMatch(/"rt\.[A-Za-z0-9_-]+"/);
    expect(history).not.toMatch(/"at\.[A-Za-z0-9_-]+"/);
  });

  it('refuses a replayed code, a tampered state, another user, and an expired state', async () => {
    const credentialId = await register({ displayName: 'Google 2' });
    const { authorizationUrl } = await h.services.oauthCredentials.beginAuthorization(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId });
    const { code, state } = await approve(authorizationUrl);
    const svc = h.services.oauthCredentials;
    await expect(svc.completeAuthorization(otherUser('11111111-1111-4111-8111-111111111111'), { state, code }, meta())).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldPath: ['state'],
    });
    await expect(svc.completeAuthorization(SYSTEM_ACTOR, { state: `${state.slice(0, -4)}AAAA`, code }, meta())).rejects.toMatchObject({ code: 'VALIDATION', fieldPath: ['state'] });
    await expect(svc.completeAuthorization(SYSTEM_ACTOR, { state: state.replace(/^1~/, '2~'), code }, meta())).rejects.toMatchObject({ code: 'VALIDATION' });
    await svc.completeAuthorization(SYSTEM_ACTOR, { state, code }, meta());
    await expect(svc.completeAuthorization(SYSTEM_ACTOR, { state, code }, meta())).rejects.toMatchObject({ code: 'VALIDATION', fieldPath: ['code'] });

    const later = await svc.beginAuthorization(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId });
    const again = await approve(later.authorizationUrl);
    h.clock.advance(11 * 60_000);
    await expect(svc.completeAuthorization(SYSTEM_ACTOR, again, meta())).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/expired/) });
  });

  it('uses Microsoft tenant endpoints and asks for offline_access', async () => {
    const credentialId = await register({ provider: 'MICROSOFT', displayName: 'M365', clientId: 'ms-client', clientSecret: 'ms-secret', tenant: 'contoso.onmicrosoft.com' });
    const { authorizationUrl } = await h.services.oauthCredentials.beginAuthorization(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId });
    expect(new URL(authorizationUrl).pathname).toBe('/contoso.onmicrosoft.com/authorize');
    expect(new URL(authorizationUrl).searchParams.get('scope')).toContain('offline_access');
    const { code, state } = await approve(authorizationUrl);
    await h.services.oauthCredentials.completeAuthorization(SYSTEM_ACTOR, { state, code }, meta());
    expect(oauth.tokenRequests.at(-1)).toMatchObject({ grantType: 'authorization_code', path: '/contoso.onmicrosoft.com/token', status: 200 });
  });

  it('caches the access token, refreshes it before expiry, and on a revoked refresh token requires reauthorization once, with one notice', async () => {
    const credentialId = await register({ displayName: 'Refreshing' });
    await authorize(credentialId, 'carol');
    const tokens = h.services.tokens;
    const first = await tokens.accessTokenFor(credentialId);
    expect(await tokens.accessTokenFor(credentialId)).toBe(first);
    const refreshes = () => oauth.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
    const before = refreshes();

    h.clock.advance(56 * 60_000); // inside the 5-minute margin of a one-hour token
    const second = await tokens.accessTokenFor(credentialId);
    expect(second).not.toBe(first);
    expect(refreshes()).toBe(before + 1);

    oauth.revokeRefreshTokens('carol');
    h.clock.advance(60 * 60_000);
    const seen = new Set((await h.recordedNotices()).map((n) => n.id));
    for (let i = 0; i < 2; i++) {
      const err = await tokens.accessTokenFor(credentialId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OAuthAccessError);
      expect(err).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED' });
    }
    const reauth = (await h.eventsOf('OAuthReauthorizationRequired')).filter((e) => (e.data as { credentialId: string }).credentialId === credentialId);
    expect(reauth).toHaveLength(1);
    expect(reauth[0]!.data).toMatchObject({ error: 'invalid_grant' });
    const notices = (await h.recordedNotices()).filter((n) => !seen.has(n.id));
    expect(notices.map((n) => [n.kind, JSON.parse(n.recipients)])).toEqual([['OAUTH_REAUTHORIZATION_REQUIRED', [OPS_EMAIL]]]);
    const row = await h.db.selectFrom('oauth_credentials').selectAll().where('credential_id', '=', credentialId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ authorization_status: 'REAUTHORIZATION_REQUIRED', authorization_error: 'invalid_grant: Token has been expired or revoked.' });

    await authorize(credentialId, 'carol');
    expect(await tokens.accessTokenFor(credentialId)).toMatch(/^at\./);
  });

  it('a credential in use cannot be deleted; a changed client id drops the authorization', async () => {
    const credentialId = await register({ displayName: 'In use' });
    await authorize(credentialId);
    const { accountId } = await h.services.receiveAccounts.add(
      SYSTEM_ACTOR,
      { mailboxNumber: 1, displayName: 'OAuth IMAP', protocol: 'IMAP', host: 'imap.example.com', authMethod: 'OAUTH2', username: 'alice', credentialId },
      meta(),
    );
    await expect(h.services.oauthCredentials.delete(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId }, meta())).rejects.toMatchObject({
      code: 'ILLEGAL_STATE',
      message: expect.stringContaining('"OAuth IMAP"'),
    });
    await h.services.oauthCredentials.change(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId, clientId: 'google-client-2' }, meta());
    const row = await h.db.selectFrom('oauth_credentials').selectAll().where('credential_id', '=', credentialId).executeTakeFirstOrThrow();
    expect(row.authorization_status).toBe('NOT_AUTHORIZED');
    await expect(h.services.tokens.accessTokenFor(credentialId)).rejects.toMatchObject({ code: 'REAUTHORIZATION_REQUIRED' });
    await h.services.receiveAccounts.delete(SYSTEM_ACTOR, { mailboxNumber: 1, accountId }, meta());
    await h.services.oauthCredentials.delete(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId }, meta());
    expect(await h.db.selectFrom('oauth_credentials').selectAll().where('credential_id', '=', credentialId).execute()).toEqual([]);
  });
});
