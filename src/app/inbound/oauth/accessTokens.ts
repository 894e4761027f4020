import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../../db/schema.js';
import { oauthCredentialDecider, oauthCredentialStreamId, type RegisteredCredential } from '../../../domain/inbound/oauthCredential.decider.js';
import type { ReceiveErrorCode } from '../../../domain/inbound/receiveErrors.decider.js';
import type { CommandMetadata } from '../../../domain/shared/decider.js';
import { handleCommand } from '../../../eventstore/handleCommand.js';
import type { EventStore } from '../../../eventstore/port.js';
import { NoticeKind, type NoticeSender } from '../../../mail/notices/notice.js';
import { mailboxScope, type SecretVault } from '../../../secrets/vault.js';
import type { InboundConfig } from '../inboundConfig.js';
import { noticeRecipients } from '../noticeRecipients.js';
import { loadOAuthCredential } from '../streams.js';
import type { EgressPolicy } from '../../../net/egress.js';
import { OAuthTokenError, OAuthTransportError, refreshAccessToken, type OAuthClientRegistration, type TokenResponse } from './oauthClient.js';

/**
 * Why no access token could be had, already in the receive-error vocabulary so a fetch
 * run records it as is: REAUTHORIZATION_REQUIRED (the provider refused the refresh token,
 * or the credential was never authorized), AUTH (disabled, deleted or misconfigured
 * client), CONNECTION (token endpoint unreachable; retried on the next run).
 */
export class OAuthAccessError extends Error {
  constructor(
    readonly code: Extract<ReceiveErrorCode, 'REAUTHORIZATION_REQUIRED' | 'AUTH' | 'CONNECTION'>,
    message: string,
    readonly serverResponse: string | null = null,
  ) {
    super(message);
    this.name = 'OAuthAccessError';
  }
}

export interface OAuthAccessTokensOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretVault;
  readonly notices: NoticeSender;
  readonly endpoints: InboundConfig['oauthEndpoints'];
  readonly clock?: () => Date;
  /** Refresh this long before expiry, so a token never dies in the middle of a fetch. @default 5 minutes */
  readonly refreshMarginMs?: number;
  readonly afterAppend?: (position: number) => Promise<void>;
  /** Where token endpoints may be (src/net/egress.ts). @default nothing allowed */
  readonly egress?: EgressPolicy;
}

/**
 * Access tokens for XOAUTH2 logins. Cached encrypted in `oauth_tokens` and refreshed
 * before expiry; one refresh per credential at a time in this process. A refusal of the
 * refresh token (`invalid_grant`, RFC 6749 §5.2) marks the credential "reauthorization
 * required" (an event, once per episode) and sends one notice for it.
 */
export class OAuthAccessTokens {
  private readonly clock: () => Date;
  private readonly marginMs: number;
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly options: OAuthAccessTokensOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
  }

  accessTokenFor(credentialId: string): Promise<string> {
    const running = this.inFlight.get(credentialId);
    if (running) return running;
    const p = this.obtain(credentialId).finally(() => this.inFlight.delete(credentialId));
    this.inFlight.set(credentialId, p);
    return p;
  }

  /** Caches a token just obtained (code exchange) for the grant at `authorizedRevision`. */
  async remember(mailboxNumber: number, credentialId: string, authorizedRevision: number, token: TokenResponse): Promise<void> {
    const now = this.clock();
    const scope = mailboxScope(mailboxNumber);
    const values = {
      access_token_ciphertext: await this.options.vault.encrypt(scope, token.accessToken),
      expires_at: new Date(now.getTime() + token.expiresInSeconds * 1000).toISOString(),
      refresh_token_ciphertext: token.refreshToken === null ? null : await this.options.vault.encrypt(scope, token.refreshToken),
      grant_revision: authorizedRevision,
      refreshed_at: now.toISOString(),
    };
    await this.options.db
      .insertInto('oauth_tokens')
      .values({ credential_id: credentialId, ...values })
      .onConflict((oc) => oc.column('credential_id').doUpdateSet(values))
      .execute();
  }

  async forget(credentialId: string): Promise<void> {
    await this.options.db.deleteFrom('oauth_tokens').where('credential_id', '=', credentialId).execute();
  }

  private async obtain(credentialId: string): Promise<string> {
    const { state, authorizedRevision } = await loadOAuthCredential(this.options.store, credentialId);
    if (state.status !== 'registered') throw new OAuthAccessError('AUTH', `OAuth credential ${credentialId} does not exist (deleted?)`);
    if (!state.enabled) throw new OAuthAccessError('AUTH', `OAuth credential "${state.displayName}" is disabled`);
    if (state.authorization.status !== 'AUTHORIZED') {
      throw new OAuthAccessError(
        'REAUTHORIZATION_REQUIRED',
        state.authorization.status === 'NOT_AUTHORIZED'
          ? `OAuth credential "${state.displayName}" has not been authorized yet; run its authorization`
          : `OAuth credential "${state.displayName}" needs to be authorized again`,
        state.authorization.status === 'REAUTHORIZATION_REQUIRED' ? state.authorization.error : null,
      );
    }
    const scope = mailboxScope(state.mailboxNumber);
    const cached = await this.options.db.selectFrom('oauth_tokens').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
    const current = cached && cached.grant_revision >= authorizedRevision ? cached : null;
    if (current && Date.parse(current.expires_at) - this.marginMs > this.clock().getTime()) {
      return this.options.vault.decrypt(scope, current.access_token_ciphertext);
    }
    const refreshToken = await this.options.vault.decrypt(scope, current?.refresh_token_ciphertext ?? state.authorization.refreshTokenCiphertext);
    const client: OAuthClientRegistration = {
      provider: state.provider,
      clientId: state.clientId,
      clientSecret: await this.options.vault.decrypt(scope, state.clientSecretCiphertext),
      tenant: state.tenant,
      scopes: state.scopes,
      redirectUrl: state.redirectUrl,
    };
    let token: TokenResponse;
    try {
      token = await refreshAccessToken(this.options.endpoints[state.provider], client, refreshToken, this.options.egress);
    } catch (e) {
      throw await this.refusal(state, e);
    }
    await this.remember(state.mailboxNumber, credentialId, authorizedRevision, {
      ...token,
      // Keep a rotated-in refresh token; Google answers without one and the old one stands.
      refreshToken: token.refreshToken ?? (current?.refresh_token_ciphertext ? refreshToken : null),
    });
    return token.accessToken;
  }

  private async refusal(state: RegisteredCredential, e: unknown): Promise<OAuthAccessError> {
    if (e instanceof OAuthTransportError) return new OAuthAccessError('CONNECTION', e.message);
    if (!(e instanceof OAuthTokenError)) throw e;
    const response = e.description ? `${e.error}: ${e.description}` : e.error;
    if (e.error !== 'invalid_grant') {
      return new OAuthAccessError('AUTH', `The ${state.provider} token endpoint refused OAuth credential "${state.displayName}"`, response);
    }
    await this.forget(state.credentialId);
    const metadata: CommandMetadata = { now: this.clock(), actorId: null, correlationId: `oauth-refresh:${state.credentialId}` };
    const result = await handleCommand(this.options.store, oauthCredentialDecider, oauthCredentialStreamId(state.credentialId), {
      type: 'RecordOAuthRefreshRefused',
      data: { credentialId: state.credentialId, error: e.error, description: e.description },
      metadata,
    });
    if (result.position !== null) {
      await this.options.afterAppend?.(result.position);
      await this.notifyReauthorizationRequired(state, response, result.position);
    }
    return new OAuthAccessError('REAUTHORIZATION_REQUIRED', `OAuth credential "${state.displayName}" must be authorized again: the provider refused its refresh token`, response);
  }

  private async notifyReauthorizationRequired(state: RegisteredCredential, response: string, position: number): Promise<void> {
    const accounts = await this.options.db
      .selectFrom('receive_accounts')
      .select(['display_name', 'error_notification_address'])
      .where('oauth_credential_id', '=', state.credentialId)
      .execute();
    // Sent even without e-mail recipients: the outbox decides, and chat destinations may hear of it.
    const to = await noticeRecipients(this.options.db, state.mailboxNumber, accounts.map((a) => a.error_notification_address));
    await this.options.notices.send({
      mailboxNumber: state.mailboxNumber,
      kind: NoticeKind.OAUTH_REAUTHORIZATION_REQUIRED,
      facts: {
        mailboxNumber: state.mailboxNumber,
        credentialName: state.displayName,
        provider: state.provider,
        providerAnswer: response,
        accountNames: accounts.map((a) => a.display_name),
      },
      to,
      idempotencyKey: `oauth-reauthorization:${state.credentialId}:${position}`,
    });
  }
}
