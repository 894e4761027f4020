import { createHash, randomBytes } from 'node:crypto';
import type { OAuthProvider } from '../../../domain/inbound/oauthCredential.decider.js';
import { createEgressPolicy, type EgressPolicy } from '../../../net/egress.js';
import { egressFetch } from '../../../net/egressHttp.js';
import type { OAuthProviderEndpoints } from '../inboundConfig.js';

/**
 * The OAuth 2.0 client side against Google and Microsoft: authorization URL with PKCE
 * (RFC 7636, S256), authorization-code exchange and refresh-token grant (RFC 6749 §4.1,
 * §6). Only talks HTTP; what the answers mean for a credential is the services' business.
 */

export interface OAuthClientRegistration {
  readonly provider: OAuthProvider;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenant: string | null;
  readonly scopes: readonly string[];
  readonly redirectUrl: string;
}

export interface TokenResponse {
  readonly accessToken: string;
  /** Absent on a refresh when the provider keeps the old refresh token (Google). */
  readonly refreshToken: string | null;
  readonly expiresInSeconds: number;
  readonly scopes: readonly string[];
}

/**
 * The token endpoint refused (RFC 6749 §5.2). `error` is the provider's code, e.g.
 * `invalid_grant` (revoked, expired or unknown refresh token / code) or `invalid_client`.
 */
export class OAuthTokenError extends Error {
  constructor(
    readonly error: string,
    readonly description: string | null,
    readonly status: number,
  ) {
    super(`The OAuth token endpoint refused: ${error}${description ? ` (${description})` : ''}`);
    this.name = 'OAuthTokenError';
  }
}

/** The endpoint could not be reached or answered nonsense; worth retrying later. */
export class OAuthTransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OAuthTransportError';
  }
}

const withTenant = (template: string, tenant: string | null): string => template.replace('{tenant}', encodeURIComponent(tenant ?? 'common'));

/** 43–128 characters from the unreserved set (RFC 7636 §4.1): 32 random bytes give 43. */
export const createCodeVerifier = (): string => randomBytes(32).toString('base64url');

export const codeChallengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export const authorizationUrl = (
  endpoints: OAuthProviderEndpoints,
  client: Omit<OAuthClientRegistration, 'clientSecret'>,
  state: string,
  codeVerifier: string,
  loginHint?: string | null,
): string => {
  const url = new URL(withTenant(endpoints.authorizeUrl, client.tenant));
  const q = url.searchParams;
  q.set('response_type', 'code');
  q.set('client_id', client.clientId);
  q.set('redirect_uri', client.redirectUrl);
  q.set('scope', client.scopes.join(' '));
  q.set('state', state);
  q.set('code_challenge', codeChallengeOf(codeVerifier));
  q.set('code_challenge_method', 'S256');
  if (client.provider === 'GOOGLE') {
    // Google issues a refresh token only for offline access, and only on consent.
    q.set('access_type', 'offline');
    q.set('prompt', 'consent');
  }
  if (loginHint) q.set('login_hint', loginHint);
  return url.toString();
};

const TOKEN_TIMEOUT_MS = 15_000;

const postToken = async (endpoints: OAuthProviderEndpoints, client: OAuthClientRegistration, form: Record<string, string>, egress: EgressPolicy): Promise<TokenResponse> => {
  const body = new URLSearchParams({ ...form, client_id: client.clientId, client_secret: client.clientSecret });
  let res: Response;
  try {
    // Through the egress policy, and never following a redirect (RFC 6749 §3.2 token
    // requests are POSTs answered directly): the client secret goes nowhere else.
    res = await egressFetch(egress, withTenant(endpoints.tokenUrl, client.tenant), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new OAuthTransportError(`Could not reach the ${client.provider} token endpoint: ${(cause as Error).message}`, { cause });
  }
  let json: Record<string, unknown>;
  try {
    json = (await res.json()) as Record<string, unknown>;
  } catch (cause) {
    throw new OAuthTransportError(`The ${client.provider} token endpoint answered HTTP ${res.status} without JSON`, { cause });
  }
  if (!res.ok || typeof json.error === 'string') {
    if (typeof json.error === 'string') {
      throw new OAuthTokenError(json.error, typeof json.error_description === 'string' ? json.error_description : null, res.status);
    }
    throw new OAuthTransportError(`The ${client.provider} token endpoint answered HTTP ${res.status}`);
  }
  if (typeof json.access_token !== 'string' || json.access_token.length === 0) {
    throw new OAuthTransportError(`The ${client.provider} token endpoint answered without an access_token`);
  }
  const expires = Number(json.expires_in);
  return {
    accessToken: json.access_token,
    refreshToken: typeof json.refresh_token === 'string' && json.refresh_token.length > 0 ? json.refresh_token : null,
    // RFC 6749 §5.1 makes expires_in optional; an hour is what both providers issue.
    expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 3600,
    scopes: typeof json.scope === 'string' ? json.scope.split(' ').filter(Boolean) : [...client.scopes],
  };
};

export const exchangeAuthorizationCode = (
  endpoints: OAuthProviderEndpoints,
  client: OAuthClientRegistration,
  code: string,
  codeVerifier: string,
  egress: EgressPolicy = createEgressPolicy(),
): Promise<TokenResponse> =>
  postToken(endpoints, client, { grant_type: 'authorization_code', code, redirect_uri: client.redirectUrl, code_verifier: codeVerifier }, egress);

export const refreshAccessToken = (endpoints: OAuthProviderEndpoints, client: OAuthClientRegistration, refreshToken: string, egress: EgressPolicy = createEgressPolicy()): Promise<TokenResponse> =>
  postToken(endpoints, client, { grant_type: 'refresh_token', refresh_token: refreshToken, scope: client.scopes.join(' ') }, egress);
