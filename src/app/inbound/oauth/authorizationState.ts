import { validationError } from '../../../domain/shared/errors.js';
import { mailboxScope, type SecretVault } from '../../../secrets/vault.js';

/**
 * The OAuth `state` parameter (RFC 6749 §10.12), self-contained: the credential, the
 * client version it was started under, the PKCE verifier, the user who started it and an
 * expiry, sealed by the secret vault under the mailbox's key (AES-GCM: confidential and
 * tamper-proof; the scope is authenticated, so a state cannot be replayed into another
 * mailbox). Nothing is stored between the redirect and the callback, and the verifier
 * never leaves the server in clear.
 */

export const AUTHORIZATION_STATE_TTL_MS = 10 * 60_000;

export interface AuthorizationStatePayload {
  readonly credentialId: string;
  readonly clientVersion: number;
  readonly codeVerifier: string;
  /** The user who started the flow must be the one completing it (login CSRF, RFC 6749 §10.12). */
  readonly actorId: string | null;
  readonly expiresAt: number;
}

export const sealAuthorizationState = async (vault: SecretVault, mailboxNumber: number, payload: AuthorizationStatePayload): Promise<string> => {
  const sealed = await vault.encrypt(mailboxScope(mailboxNumber), JSON.stringify(payload));
  return `${mailboxNumber}~${sealed}`;
};

const invalid = () => validationError(['state'], 'Expected the state parameter this server issued with the authorization URL, got something else');

export const openAuthorizationState = async (
  vault: SecretVault,
  state: string,
): Promise<{ mailboxNumber: number; payload: AuthorizationStatePayload }> => {
  const m = /^(\d{1,9})~(v1\..+)$/.exec(typeof state === 'string' ? state : '');
  if (!m) throw invalid();
  const mailboxNumber = Number(m[1]);
  let payload: AuthorizationStatePayload;
  try {
    payload = JSON.parse(await vault.decrypt(mailboxScope(mailboxNumber), m[2]!)) as AuthorizationStatePayload;
  } catch {
    throw invalid();
  }
  return { mailboxNumber, payload };
};
