import type { DkimSettingsEvent } from './dkimSettings.events.js';
import type { SmtpSettingsEvent } from './smtpSettings.events.js';

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
  readonly [T in SmtpSettingsEvent['type'] | DkimSettingsEvent['type']]?: readonly (keyof Extract<
    SmtpSettingsEvent | DkimSettingsEvent,
    { type: T }
  >['data'] &
    string)[];
};
