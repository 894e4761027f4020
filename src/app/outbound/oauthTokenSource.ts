import type { EventStore } from '../../eventstore/port.js';
import type { OAuthAccessTokens } from '../inbound/oauth/accessTokens.js';
import { lookupOAuthCredential } from '../inbound/streams.js';
import type { OAuthAccessTokenSource } from '../../mail/smtp/outboundSender.js';

/**
 * XOAUTH2 tokens for SMTP servers from the OAuth credentials of the inbound area. A server
 * may only use a credential of its own mailbox: the settings store a reference checked for
 * shape only, so ownership is checked here, at the moment a token would leave.
 */
export const inboundOAuthTokenSource = (store: EventStore, tokens: Pick<OAuthAccessTokens, 'accessTokenFor'>): OAuthAccessTokenSource => ({
  async accessToken({ mailboxNumber, credentialId }) {
    const credential = await lookupOAuthCredential(store, credentialId);
    if (!credential || credential.deleted) throw new Error(`OAuth credential ${credentialId} does not exist`);
    if (credential.mailboxNumber !== mailboxNumber) throw new Error(`OAuth credential ${credentialId} belongs to another mailbox`);
    if (!credential.enabled) throw new Error(`OAuth credential ${credentialId} is disabled`);
    return tokens.accessTokenFor(credentialId);
  },
});
