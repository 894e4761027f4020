import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import {
  oauthCredentialDecider,
  oauthCredentialStreamId,
  OAuthProvider,
  type OAuthCredentialCommand,
  type RegisteredCredential,
} from '../../domain/inbound/oauthCredential.decider.js';
import type { CommandMetadata } from '../../domain/shared/decider.js';
import { illegalState, notFound, validationError } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import { mailboxScope, type SecretVault } from '../../secrets/vault.js';
import type { InboundConfig } from './inboundConfig.js';
import type { OAuthAccessTokens } from './oauth/accessTokens.js';
import { AUTHORIZATION_STATE_TTL_MS, openAuthorizationState, sealAuthorizationState } from './oauth/authorizationState.js';
import type { EgressPolicy } from '../../net/egress.js';
import { authorizationUrl, createCodeVerifier, exchangeAuthorizationCode, OAuthTokenError, OAuthTransportError } from './oauth/oauthClient.js';
import { loadOAuthCredential } from './streams.js';

/** Scopes that cover IMAP, POP and SMTP with XOAUTH2 at each provider. */
export const DEFAULT_OAUTH_SCOPES: Readonly<Record<OAuthProvider, readonly string[]>> = {
  GOOGLE: ['https://mail.google.com/'],
  MICROSOFT: [
    'https://outlook.office.com/IMAP.AccessAsUser.All',
    'https://outlook.office.com/POP.AccessAsUser.All',
    'https://outlook.office.com/SMTP.Send',
    'offline_access',
  ],
};

export interface RegisterOAuthCredentialInput {
  readonly mailboxNumber: number;
  readonly provider: OAuthProvider;
  readonly displayName: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenant?: string | null;
  /** @default DEFAULT_OAUTH_SCOPES of the provider */
  readonly scopes?: readonly string[] | null;
  readonly redirectUrl: string;
  /** @default true */
  readonly enabled?: boolean;
}

export interface ChangeOAuthCredentialInput {
  readonly mailboxNumber: number;
  readonly credentialId: string;
  readonly displayName?: string | null;
  readonly clientId?: string | null;
  readonly clientSecret?: string | null;
  readonly tenant?: string | null;
  readonly scopes?: readonly string[] | null;
  readonly redirectUrl?: string | null;
}

export interface CredentialRef {
  readonly mailboxNumber: number;
  readonly credentialId: string;
}

export interface InboundServiceDeps {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretVault;
  readonly config: InboundConfig;
  readonly tokens: OAuthAccessTokens;
  readonly clock?: () => Date;
  readonly afterAppend?: (position: number) => Promise<void>;
  /** Where token endpoints may be (src/net/egress.ts). @default nothing allowed */
  readonly egress?: EgressPolicy;
}

/** Plaintext secrets are checked here, before encryption: the decider only ever sees ciphertext. */
export const requireSecretText = (path: readonly string[], value: unknown, what: string): string => {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 4096) {
    throw validationError(path, `Expected ${what} of 1–4096 characters, got ${typeof value === 'string' ? `${value.length} characters` : 'none'} (value not shown)`);
  }
  return value;
};

/**
 * OAuth credential commands as the API offers them, and the authorization-code flow:
 * `beginAuthorization` returns the provider URL (state + PKCE), `completeAuthorization`
 * exchanges the code the provider sent to the redirect URL and stores the refresh token.
 * Every command names the mailbox, so authorization is checked before anything is read.
 */
export class OAuthCredentialService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;

  constructor(private readonly deps: InboundServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.afterAppend = deps.afterAppend ?? (async () => {});
  }

  async register(actor: Actor, input: RegisterOAuthCredentialInput, meta: RequestMetadata): Promise<{ credentialId: string; position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const secret = requireSecretText(['clientSecret'], input.clientSecret, 'a client secret');
    const credentialId = randomUUID();
    const provider = input.provider;
    const position = await this.run(actor, meta, credentialId, {
      type: 'RegisterOAuthCredential',
      data: {
        mailboxNumber: input.mailboxNumber,
        credentialId,
        provider,
        displayName: input.displayName,
        clientId: input.clientId,
        clientSecretCiphertext: await this.deps.vault.encrypt(mailboxScope(input.mailboxNumber), secret),
        tenant: input.tenant ?? null,
        scopes: input.scopes ?? DEFAULT_OAUTH_SCOPES[provider] ?? [],
        redirectUrl: input.redirectUrl,
        enabled: input.enabled ?? true,
      },
    });
    return { credentialId, position };
  }

  async change(actor: Actor, input: ChangeOAuthCredentialInput, meta: RequestMetadata): Promise<{ position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    await this.requireInMailbox(input);
    const secret = input.clientSecret == null ? null : requireSecretText(['clientSecret'], input.clientSecret, 'a client secret');
    const position = await this.run(actor, meta, input.credentialId, {
      type: 'ChangeOAuthCredential',
      data: {
        credentialId: input.credentialId,
        ...(input.displayName != null ? { displayName: input.displayName } : {}),
        ...(input.clientId != null ? { clientId: input.clientId } : {}),
        ...(input.tenant !== undefined ? { tenant: input.tenant } : {}),
        ...(input.scopes != null ? { scopes: input.scopes } : {}),
        ...(input.redirectUrl != null ? { redirectUrl: input.redirectUrl } : {}),
        clientSecretCiphertext: secret === null ? null : await this.deps.vault.encrypt(mailboxScope(input.mailboxNumber), secret),
      },
    });
    if (position !== null) await this.deps.tokens.forget(input.credentialId);
    return { position };
  }

  async setEnabled(actor: Actor, input: CredentialRef & { enabled: boolean }, meta: RequestMetadata): Promise<{ position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    await this.requireInMailbox(input);
    const type = input.enabled ? 'EnableOAuthCredential' : 'DisableOAuthCredential';
    return { position: await this.run(actor, meta, input.credentialId, { type, data: { credentialId: input.credentialId } }) };
  }

  async delete(actor: Actor, input: CredentialRef, meta: RequestMetadata): Promise<{ position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    await this.requireInMailbox(input);
    // The projection may trail a just-added account by a moment; the decider re-checks on
    // every retry, and receive accounts refuse a deleted credential on their side.
    const users = await this.deps.db
      .selectFrom('receive_accounts')
      .select('display_name')
      .where('oauth_credential_id', '=', input.credentialId)
      .orderBy('display_name')
      .execute();
    const position = await this.run(actor, meta, input.credentialId, {
      type: 'DeleteOAuthCredential',
      data: { credentialId: input.credentialId, usedByAccounts: users.map((u) => JSON.stringify(u.display_name)) },
    });
    // Like a change: only an appended deletion drops the cached tokens (a dry run appends none).
    if (position !== null) await this.deps.tokens.forget(input.credentialId);
    return { position };
  }

  /** The provider's authorization URL; the browser goes there and comes back to the redirect URL with `code` and `state`. */
  async beginAuthorization(actor: Actor, input: CredentialRef & { loginHint?: string | null }): Promise<{ authorizationUrl: string; expiresAt: Date }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    const credential = await this.requireInMailbox(input);
    if (!credential.enabled) throw illegalState(`OAuth credential "${credential.displayName}" is disabled; enable it before authorizing`, ['credentialId']);
    const codeVerifier = createCodeVerifier();
    const expiresAt = this.clock().getTime() + AUTHORIZATION_STATE_TTL_MS;
    const state = await sealAuthorizationState(this.deps.vault, input.mailboxNumber, {
      credentialId: credential.credentialId,
      clientVersion: credential.clientVersion,
      codeVerifier,
      actorId: actorIdOf(actor),
      expiresAt,
    });
    return {
      authorizationUrl: authorizationUrl(this.deps.config.oauthEndpoints[credential.provider], credential, state, codeVerifier, input.loginHint),
      expiresAt: new Date(expiresAt),
    };
  }

  /** Exchanges the code at the token endpoint and records the (encrypted) refresh token. */
  async completeAuthorization(actor: Actor, input: { state: string; code: string }, meta: RequestMetadata): Promise<CredentialRef & { position: number | null }> {
    const { mailboxNumber, payload } = await openAuthorizationState(this.deps.vault, input.state);
    requireMailboxManagement(actor, mailboxNumber);
    if (payload.actorId !== actorIdOf(actor)) {
      throw validationError(['state'], 'This authorization was started by another user; start it again yourself');
    }
    if (payload.expiresAt < this.clock().getTime()) {
      throw validationError(['state'], `The authorization expired (it is valid for ${AUTHORIZATION_STATE_TTL_MS / 60_000} minutes); start it again`);
    }
    if (typeof input.code !== 'string' || input.code.length === 0 || input.code.length > 4096) {
      throw validationError(['code'], 'Expected the authorization code from the redirect URL, got none');
    }
    const credential = await this.requireInMailbox({ mailboxNumber, credentialId: payload.credentialId });
    const scope = mailboxScope(mailboxNumber);
    const client = { ...credential, clientSecret: await this.deps.vault.decrypt(scope, credential.clientSecretCiphertext) };
    let token;
    try {
      token = await exchangeAuthorizationCode(this.deps.config.oauthEndpoints[credential.provider], client, input.code, payload.codeVerifier, this.deps.egress);
    } catch (e) {
      if (e instanceof OAuthTokenError) {
        throw validationError(['code'], `The ${credential.provider} token endpoint refused the authorization code: ${e.error}${e.description ? ` (${e.description})` : ''}`);
      }
      if (e instanceof OAuthTransportError) throw illegalState(e.message);
      throw e;
    }
    if (token.refreshToken === null) {
      throw illegalState(
        `${credential.provider} returned no refresh token; ${credential.provider === 'GOOGLE' ? 'revoke the app at myaccount.google.com/permissions and authorize again' : 'the offline_access scope is required'}`,
      );
    }
    const result = await handleCommand(this.deps.store, oauthCredentialDecider, oauthCredentialStreamId(credential.credentialId), {
      type: 'RecordOAuthAuthorization',
      data: {
        credentialId: credential.credentialId,
        clientVersion: payload.clientVersion,
        refreshTokenCiphertext: await this.deps.vault.encrypt(scope, token.refreshToken),
        grantedScopes: token.scopes,
      },
      metadata: this.metadata(actor, meta),
    });
    await this.deps.tokens.remember(mailboxNumber, credential.credentialId, result.nextExpectedRevision, { ...token, refreshToken: null });
    if (result.position !== null) await this.afterAppend(result.position);
    return { mailboxNumber, credentialId: credential.credentialId, position: result.position };
  }

  /** NOT_FOUND for a credential of another mailbox too: ids do not leak across mailboxes. */
  private async requireInMailbox(ref: CredentialRef): Promise<RegisteredCredential> {
    const { state } = await loadOAuthCredential(this.deps.store, ref.credentialId);
    if (state.status === 'empty' || state.mailboxNumber !== ref.mailboxNumber) throw notFound('OAuth credential', ref.credentialId, ['credentialId']);
    if (state.status === 'deleted') throw illegalState(`OAuth credential ${ref.credentialId} was deleted`, ['credentialId']);
    return state;
  }

  private async run(actor: Actor, meta: RequestMetadata, credentialId: string, command: Omit<OAuthCredentialCommand, 'metadata'>): Promise<number | null> {
    const full = { ...command, metadata: this.metadata(actor, meta) } as OAuthCredentialCommand;
    const result = await handleCommand(this.deps.store, oauthCredentialDecider, oauthCredentialStreamId(credentialId), full);
    if (result.position !== null) await this.afterAppend(result.position);
    return result.position;
  }

  private metadata(actor: Actor, meta: RequestMetadata): CommandMetadata {
    return { ...meta, now: this.clock(), actorId: actorIdOf(actor) };
  }
}
