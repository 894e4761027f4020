import { usesServiceKey, type DkimSettingsEvent } from '../../domain/outbound/dkimSettings.events.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** DKIM signatures (public parts and key ciphertext), usage conditions and default signature of every mailbox. */
export const dkimSettingsProjection: Projection = {
  name: 'outbound.dkim',
  eventTypes: ['DkimSignatureAdded', 'DkimSignatureRemoved', 'DkimConditionAdded', 'DkimConditionChanged', 'DkimConditionRemoved', 'DefaultDkimSignatureSet', 'MailboxSettingsWiped'],
  tables: ['outbound_dkim_signatures', 'outbound_dkim_conditions', 'outbound_dkim_settings'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'dkim-', ['outbound_dkim_signatures', 'outbound_dkim_conditions', 'outbound_dkim_settings'])) return;
    const event = eventAs<DkimSettingsEvent>(recorded);
    const at = eventTime(recorded);
    const n = event.data.mailboxNumber;
    switch (event.type) {
      case 'DkimSignatureAdded': {
        const s = event.data;
        // A service-key signature has no key of its own: the key columns stay empty and
        // d=/s= are the deployment's, looked up when the signature is shown or used.
        const key = usesServiceKey(s)
          ? { domain: '', selector: '', algorithm: '', key_bits: 0, public_key: '', private_key_ciphertext: '' }
          : { domain: s.domain, selector: s.selector, algorithm: s.algorithm, key_bits: s.keyBits, public_key: s.publicKey, private_key_ciphertext: s.privateKeyCiphertext };
        await trx
          .insertInto('outbound_dkim_signatures')
          .values({
            mailbox_number: n,
            signature_id: s.signatureId,
            name: s.name,
            kind: s.kind,
            key_source: s.keySource,
            ...key,
            body_length_limit: s.bodyLengthLimit,
            added_position: recorded.position,
            created_at: at,
          })
          .onConflict((oc) => oc.columns(['mailbox_number', 'signature_id']).doNothing())
          .execute();
        return;
      }
      case 'DkimSignatureRemoved':
        await trx.deleteFrom('outbound_dkim_signatures').where('mailbox_number', '=', n).where('signature_id', '=', event.data.signatureId).execute();
        return;
      case 'DkimConditionAdded':
        await trx
          .insertInto('outbound_dkim_conditions')
          .values({
            mailbox_number: n,
            condition_id: event.data.conditionId,
            from_address: event.data.fromAddress,
            signature_id: event.data.signatureId,
            added_position: recorded.position,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.columns(['mailbox_number', 'condition_id']).doNothing())
          .execute();
        return;
      case 'DkimConditionChanged':
        await trx
          .updateTable('outbound_dkim_conditions')
          .set({ from_address: event.data.fromAddress, signature_id: event.data.signatureId, updated_at: at })
          .where('mailbox_number', '=', n)
          .where('condition_id', '=', event.data.conditionId)
          .execute();
        return;
      case 'DkimConditionRemoved':
        await trx.deleteFrom('outbound_dkim_conditions').where('mailbox_number', '=', n).where('condition_id', '=', event.data.conditionId).execute();
        return;
      case 'DefaultDkimSignatureSet':
        await trx
          .insertInto('outbound_dkim_settings')
          .values({ mailbox_number: n, default_signature_id: event.data.signatureId, updated_at: at })
          .onConflict((oc) => oc.column('mailbox_number').doUpdateSet({ default_signature_id: event.data.signatureId, updated_at: at }))
          .execute();
        return;
      default:
        return;
    }
  },
};
