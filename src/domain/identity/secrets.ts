import type { MailboxEvent } from './mailbox.decider.js';
import type { TwoFactorEvent } from './twoFactor.decider.js';
import type { UserEvent } from './user.decider.js';

type SecretBearingEvent = MailboxEvent | UserEvent | TwoFactorEvent;

/**
 * Event data fields that hold secrets (even hashed: an argon2 hash still allows offline
 * guessing, a token hash identifies a live credential). The audit view shows such a
 * field as "changed" and never its value; exports drop it. Imports the decider files, not
 * the area index, so index → secrets is one-way.
 */
export const identitySecretFields = {
  UserRegistered: ['passwordHash'],
  UserPasswordChanged: ['passwordHash'],
  ApiTokenIssued: ['tokenHash'],
  TwoFactorEnrolled: ['secretCiphertext', 'recoveryCodeHashes'],
} as const satisfies {
  readonly [T in SecretBearingEvent['type']]?: readonly (keyof Extract<SecretBearingEvent, { type: T }>['data'] & string)[];
};
