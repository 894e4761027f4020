import type { TwoFactorEvent } from '../../domain/identity/twoFactor.decider.js';
import type { TwoFactorPolicyEvent } from '../../domain/identity/twoFactorPolicy.decider.js';
import type { Projection } from '../projection.js';
import { eventTime } from './eventTime.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `user_two_factor`: who is enrolled (login reads the secret ciphertext from here). */
export const userTwoFactorProjection: Projection = {
  name: 'identity.user_two_factor',
  eventTypes: ['TwoFactorEnrolled', 'TwoFactorRecoveryCodeUsed', 'TwoFactorRemoved', 'TwoFactorReset'],
  tables: ['user_two_factor'],
  async apply(trx, recorded) {
    const event = eventAs<TwoFactorEvent>(recorded);
    switch (event.type) {
      case 'TwoFactorEnrolled': {
        const row = {
          method: event.data.method,
          secret_ciphertext: event.data.secretCiphertext,
          enrolled_at: event.data.enrolledAt,
          recovery_codes_left: event.data.recoveryCodeHashes.length,
        };
        await trx
          .insertInto('user_two_factor')
          .values({ user_id: event.data.userId, ...row })
          .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
          .execute();
        return;
      }
      case 'TwoFactorRecoveryCodeUsed':
        await trx.updateTable('user_two_factor').set({ recovery_codes_left: event.data.remaining }).where('user_id', '=', event.data.userId).execute();
        return;
      case 'TwoFactorRemoved':
      case 'TwoFactorReset':
        await trx.deleteFrom('user_two_factor').where('user_id', '=', event.data.userId).execute();
        return;
      default:
        return;
    }
  },
};

/** `mailbox_two_factor_policies`: mailboxes whose members must use two-factor. */
export const mailboxTwoFactorPoliciesProjection: Projection = {
  name: 'identity.mailbox_two_factor_policies',
  eventTypes: ['TwoFactorRequirementSet'],
  tables: ['mailbox_two_factor_policies'],
  async apply(trx, recorded) {
    const event = eventAs<TwoFactorPolicyEvent>(recorded);
    if (event.type !== 'TwoFactorRequirementSet') return;
    const row = { required: event.data.required ? 1 : 0, updated_at: eventTime(recorded) };
    await trx
      .insertInto('mailbox_two_factor_policies')
      .values({ mailbox_number: event.data.mailboxNumber, ...row })
      .onConflict((oc) => oc.column('mailbox_number').doUpdateSet(row))
      .execute();
  },
};
