import type { ReceiveErrorsEvent } from '../../domain/inbound/receiveErrors.decider.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import { eventAs } from '../../eventstore/eventAs.js';

/**
 * `receive_last_errors`: the latest error episode per account ("last receive error" of
 * the account list), open until `ReceiveErrorCleared`. Rows of deleted accounts go with
 * `ReceiveAccountDeleted`, those of a reset mailbox with `MailboxReset` (its accounts are gone).
 */
export const receiveErrorsProjection: Projection = {
  name: 'inbound.receive_last_errors',
  eventTypes: ['ReceiveErrorRaised', 'ReceiveErrorCleared', 'ReceiveAccountDeleted', 'MailboxReset'],
  tables: ['receive_last_errors'],
  async apply(trx, recorded) {
    if (recorded.type === 'MailboxReset') {
      await trx.deleteFrom('receive_last_errors').where('mailbox_number', '=', (recorded.data as { mailboxNumber: number }).mailboxNumber).execute();
      return;
    }
    const event = eventAs<ReceiveErrorsEvent | { readonly type: 'ReceiveAccountDeleted'; readonly data: { readonly accountId: string } }>(recorded);
    const at = eventTime(recorded);
    switch (event.type) {
      case 'ReceiveErrorRaised': {
        const d = event.data;
        const values = {
          mailbox_number: d.mailboxNumber,
          episode_id: d.episodeId,
          code: d.code,
          message: d.message,
          server_response: d.serverResponse,
          raised_at: at,
          cleared_at: null,
        };
        await trx
          .insertInto('receive_last_errors')
          .values({ account_id: d.accountId, ...values })
          .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
          .execute();
        return;
      }
      case 'ReceiveErrorCleared':
        await trx
          .updateTable('receive_last_errors')
          .set({ cleared_at: at })
          .where('account_id', '=', event.data.accountId)
          .where('episode_id', '=', event.data.episodeId)
          .execute();
        return;
      case 'ReceiveAccountDeleted':
        await trx.deleteFrom('receive_last_errors').where('account_id', '=', event.data.accountId).execute();
        return;
      default:
        return;
    }
  },
};
