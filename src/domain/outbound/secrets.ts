import type { DkimSettingsEvent } from './dkimSettings.events.js';
import type { SmtpSettingsEvent } from './smtpSettings.events.js';

/** Every key of every member (the data of some events is a union of shapes). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/**
 * Event data fields that hold secrets (vault ciphertext). The audit view shows such a
 * field as "changed" and never its value; exports drop it. The fields are present in an
 * event exactly when that secret was set or replaced.
 */
export const outboundSecretFields = {
  SmtpServerAdded: ['passwordCiphertext'],
  SmtpServerChanged: ['passwordCiphertext'],
  RakutenRelayConfigured: ['passwordCiphertext'],
  DkimSignatureAdded: ['privateKeyCiphertext'],
} as const satisfies {
  readonly [T in SmtpSettingsEvent['type'] | DkimSettingsEvent['type']]?: readonly (KeysOfUnion<Extract<SmtpSettingsEvent | DkimSettingsEvent, { type: T }>['data']> & string)[];
};
