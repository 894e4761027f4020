import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { loadInboundConfig } from '../../src/app/inbound/inboundConfig.js';
import { OAuthAccessTokens } from '../../src/app/inbound/oauth/accessTokens.js';
import { ChatDestinationService } from '../../src/app/integrations/chatDestinationService.js';
import { chatDestinationsForNotice } from '../../src/mail/notices/noticeFanout.js';
import { NoticeOutbox } from '../../src/mail/notices/outbox.js';
import { startOAuth2Server, type OAuth2Server } from '../support/oauth2Server.js';
import { createInboundHarness, meta, type InboundHarness } from './harness.js';
import { approve, oauthEnv, REDIRECT } from './oauthFlow.js';
import { loopbackEgress } from '../support/egress.js';

/**
 * Mailbox 2 has no operations administrator and no receive account with an error address:
 * nobody gets the reauthorization notice by e-mail, but a chat destination subscribed to it
 * must still get it.
 */
describe('an OAuth reauthorization notice with no e-mail recipients', () => {
  let oauth: OAuth2Server;
  let h: InboundHarness;

  beforeAll(async () => {
    oauth = await startOAuth2Server({ clients: [{ clientId: 'google-client', clientSecret: 'google-secret' }] });
    h = await createInboundHarness({ env: oauthEnv(oauth) });
    await h.identity.createMailbox(SYSTEM_ACTOR, { number: 2, name: 'Chat only', address: 'chat-only@example.com' }, meta());
  });
  afterAll(async () => {
    await h?.close();
    await oauth?.stop();
  });

  it('still reaches the chat destinations subscribed to it', async () => {
    const afterAppend = (p: number) => h.runner.waitForPosition(p, 10_000);
    const chat = new ChatDestinationService({ store: h.store, db: h.db, vault: h.vault, afterAppend });
    const { destinationId } = await chat.add(
      SYSTEM_ACTOR,
      { mailboxNumber: 2, kind: 'SLACK', name: 'OAuth alerts', roomId: null, eventKinds: ['OAUTH_REAUTHORIZATION_REQUIRED'], enabled: true, credential: 'https://hooks.slack.com/services/T0/B0/x' },
      meta(),
    );
    const { credentialId } = await h.services.oauthCredentials.register(
      SYSTEM_ACTOR,
      { mailboxNumber: 2, provider: 'GOOGLE', displayName: 'Google', clientId: 'google-client', clientSecret: 'google-secret', redirectUrl: REDIRECT },
      meta(),
    );
    oauth.approveAs('dave');
    const { authorizationUrl } = await h.services.oauthCredentials.beginAuthorization(SYSTEM_ACTOR, { mailboxNumber: 2, credentialId });
    await h.services.oauthCredentials.completeAuthorization(SYSTEM_ACTOR, await approve(authorizationUrl), meta());

    const problems: string[] = [];
    const { oauthEndpoints } = loadInboundConfig(oauthEnv(oauth), problems);
    expect(problems).toEqual([]);
    const notices = new NoticeOutbox({ db: h.db, transport: { deliver: async () => {} }, chatDestinations: chatDestinationsForNotice(h.db), clock: h.clock.now });
    const tokens = new OAuthAccessTokens({ store: h.store, db: h.db, vault: h.vault, notices, endpoints: oauthEndpoints, clock: h.clock.now, afterAppend, egress: loopbackEgress });

    oauth.revokeRefreshTokens('dave');
    h.clock.advance(2 * 60 * 60_000);
    await expect(tokens.accessTokenFor(credentialId)).rejects.toMatchObject({ code: 'REAUTHORIZATION_REQUIRED' });
    const rows = (await h.recordedNotices()).filter((n) => n.mailbox_number === 2);
    expect(rows.map((n) => [n.kind, n.channel, n.destination_id, JSON.parse(n.recipients)])).toEqual([['OAUTH_REAUTHORIZATION_REQUIRED', 'chat', destinationId, []]]);
  });
});
