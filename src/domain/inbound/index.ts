import type { OAuthCredentialEvent } from './oauthCredential.decider.js';
import type { ReceiveAccountsEvent } from './receiveAccounts.decider.js';
import type { ReceiveErrorsEvent } from './receiveErrors.decider.js';

export * from './oauthCredential.decider.js';
export * from './receiveAccounts.decider.js';
export * from './receiveErrors.decider.js';

export type InboundEvent = OAuthCredentialEvent | ReceiveAccountsEvent | ReceiveErrorsEvent;

/**
 * Event data fields that hold secrets (ciphertext only, but still): the audit view shows
 * such a field as "changed" and never its value; exports drop it. Each is a
 * top-level data field (the receive-account password travels beside `settings`).
 */
export const inboundSecretFields = {
  OAuthCredentialRegistered: ['clientSecretCiphertext'],
  OAuthCredentialChanged: ['clientSecretCiphertext'],
  OAuthCredentialAuthorized: ['refreshTokenCiphertext'],
  ReceiveAccountAdded: ['passwordCiphertext'],
  ReceiveAccountChanged: ['passwordCiphertext'],
} as const satisfies {
  readonly [T in InboundEvent['type']]?: readonly (keyof Extract<InboundEvent, { type: T }>['data'] & string)[];
};
