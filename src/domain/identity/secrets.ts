import type { IdentityEvent } from './index.js';

/**
 * Event data fields that hold secrets (even hashed: an argon2 hash still allows offline
 * guessing, a token hash identifies a live credential). The audit view shows such a
 * field as "changed" and never its value; exports drop it.
 */
export const identitySecretFields = {
  UserRegistered: ['passwordHash'],
  UserPasswordChanged: ['passwordHash'],
  ApiTokenIssued: ['tokenHash'],
} as const satisfies {
  readonly [T in IdentityEvent['type']]?: readonly (keyof Extract<IdentityEvent, { type: T }>['data'] & string)[];
};
