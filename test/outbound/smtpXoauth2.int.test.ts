import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { createOutboundServices, inboundOAuthTokenSource, type OutboundServices } from '../../src/app/outbound/index.js';
import { createInboundHarness, meta, type InboundHarness } from '../inbound/harness.js';
import { approve, oauthEnv, REDIRECT } from '../inbound/oauthFlow.js';
import { loopbackEgress } from '../support/egress.js';
import { startOAuth2Server, type OAuth2Server } from '../support/oauth2Server.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';

/**
 * XOAUTH2 when it works: an OAuth credential is authorized at the local OAuth 2.0 server
 * (authorization code + PKCE), and an smtp-server sink that offers only XOAUTH2 checks each
 * bearer token by RFC 7662 introspection at that same server before it accepts mail. Test
 * mail and a notice both go through the OAuth-authenticated server.
 */
const certificate = selfSignedCertificate();

describe('SMTP with XOAUTH2 against a sink that validates the token at the OAuth server', () => {
  let oauth: OAuth2Server;
  let sink: SmtpSink;
  let h: InboundHarness;
  let outbound: OutboundServices;
  let serverId: string;
  let credentialId: string;

  beforeAll(async () => {
    oauth = await startOAuth2Server({ clients: [{ clientId: 'client', clientSecret: 'secret' }] });
    sink = await startSmtpSink({ tls: 'STARTTLS', certificate, authMethods: ['XOAUTH2'], introspectionUrl: oauth.introspectionUrl });
    h = await createInboundHarness({ env: oauthEnv(oauth) });
    outbound = createOutboundServices({
      store: h.store,
      db: h.db,
      vault: h.vault,
      afterAppend: (position) => h.runner.waitForPosition(position, 10_000),
      builtin: null,
      transport: { egress: loopbackEgress, extraCa: [certificate.cert], connectionTimeoutMs: 3000 },
      oauth: inboundOAuthTokenSource(h.store, h.services.tokens),
    });
    credentialId = (
      await h.services.oauthCredentials.register(
        SYSTEM_ACTOR,
        { mailboxNumber: 1, provider: 'GOOGLE', displayName: 'Workspace', clientId: 'client', clientSecret: 'secret', redirectUrl: REDIRECT },
        meta(),
      )
    ).credentialId;
    oauth.approveAs('erin@example.com');
    const { authorizationUrl } = await h.services.oauthCredentials.beginAuthorization(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId });
    await h.services.oauthCredentials.completeAuthorization(SYSTEM_ACTOR, await approve(authorizationUrl), meta());
    serverId = (
      await outbound.smtp.addServer(
        SYSTEM_ACTOR,
        { mailboxNumber: 1, name: 'Workspace SMTP', host: '127.0.0.1', port: sink.port, encryption: 'STARTTLS', authMethod: 'OAUTH', user: 'erin@example.com', oauthCredentialId: credentialId },
        meta(),
      )
    ).serverId;
  });

  afterAll(async () => {
    await h?.close();
    await sink?.close();
    await oauth?.stop();
  });

  it('a test mail is accepted after the sink found the bearer token active for that user', async () => {
    const introspectionsBefore = oauth.introspections;
    const outcome = await outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId, to: 'customer@example.net', from: 'erin@example.com' });
    expect(outcome).toMatchObject({ status: 'SENT', error: null, accepted: ['customer@example.net'] });
    expect(await sink.next()).toMatchObject({ user: 'erin@example.com', authMethod: 'XOAUTH2', secure: true, rcptTo: ['customer@example.net'] });
    expect(oauth.introspections).toBeGreaterThan(introspectionsBefore);
  });

  it('a notice goes through the OAuth server when it is the default', async () => {
    await outbound.smtp.changeBasicSettings(SYSTEM_ACTOR, { mailboxNumber: 1, defaultServerId: serverId }, meta());
    await outbound.noticeTransport.deliver({ id: 'n-oauth', mailboxNumber: 1, kind: 'TEST', to: ['ops@example.net'], subject: 'Notice', text: 'Body', idempotencyKey: 'k-oauth' });
    const notice = await sink.next();
    expect(notice).toMatchObject({ user: 'erin@example.com', authMethod: 'XOAUTH2', mailFrom: 'support@example.com', rcptTo: ['ops@example.net'] });
    expect(notice.raw.toString()).toMatch(/^Message-ID: <notice-n-oauth@example\.com>/im);
  });

  it('a token the OAuth server no longer finds active is refused by the sink (it really checks): EAUTH, nothing delivered', async () => {
    oauth.expireAccessTokens();
    // The token service still holds the token (its own clock says it is fresh), so the
    // expired token reaches the sink, which asks the OAuth server and refuses it.
    const before = sink.messages.length;
    const outcome = await outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId, to: 'customer@example.net', from: 'erin@example.com' });
    expect(outcome).toMatchObject({ status: 'FAILED', error: { code: 'EAUTH', command: 'AUTH XOAUTH2' } });
    expect(sink.messages.length).toBe(before);
  });
});
