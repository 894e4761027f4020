import type { MailboxEvent } from '../../domain/identity/mailbox.decider.js';
import type { Projection } from '../projection.js';
import { eventTime } from './eventTime.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `mailboxes`: number, name and address of every mailbox. */
export const mailboxesProjection: Projection = {
  name: 'identity.mailboxes',
  eventTypes: ['MailboxCreated', 'MailboxRenamed', 'MailboxAddressChanged', 'MailboxReset'],
  tables: ['mailboxes'],
  async apply(trx, recorded) {
    const event = eventAs<MailboxEvent>(recorded);
    const at = eventTime(recorded);
    switch (event.type) {
      case 'MailboxCreated':
        await trx
          .insertInto('mailboxes')
          .values({ number: event.data.number, name: event.data.name, address: event.data.address, created_at: at, updated_at: at })
          .onConflict((oc) => oc.column('number').doNothing())
          .execute();
        return;
      case 'MailboxRenamed':
        await trx.updateTable('mailboxes').set({ name: event.data.name, updated_at: at }).where('number', '=', event.data.number).execute();
        return;
      case 'MailboxReset':
        await trx.updateTable('mailboxes').set({ name: event.data.nameAfter, updated_at: at }).where('number', '=', event.data.number).execute();
        return;
      case 'MailboxAddressChanged':
        await trx
          .updateTable('mailboxes')
          .set({ address: event.data.address, updated_at: at })
          .where('number', '=', event.data.number)
          .execute();
        return;
      default:
        return;
    }
  },
};
