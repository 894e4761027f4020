import { externalCallsEventTypes, type ExternalCallsEvent } from '../../domain/integrations/externalCalls.decider.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `external_calls`: the live external system calls of every mailbox. */
export const externalCallsProjection: Projection = {
  name: 'integrations.external_calls',
  eventTypes: externalCallsEventTypes,
  tables: ['external_calls'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'external-calls-', ['external_calls'])) return;
    const event = eventAs<ExternalCallsEvent>(recorded);
    const at = eventTime(recorded);
    switch (event.type) {
      case 'ExternalCallAdded': {
        const d = event.data;
        await trx
          .insertInto('external_calls')
          .values({
            call_id: d.callId,
            mailbox_number: d.mailboxNumber,
            name: d.name,
            url_template: d.urlTemplate,
            method: d.method,
            encoding: d.encoding,
            open_in_new_window: d.openInNewWindow ? 1 : 0,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('call_id').doNothing())
          .execute();
        return;
      }
      case 'ExternalCallChanged': {
        const d = event.data;
        await trx
          .updateTable('external_calls')
          .set({
            name: d.name,
            url_template: d.urlTemplate,
            method: d.method,
            encoding: d.encoding,
            open_in_new_window: d.openInNewWindow ? 1 : 0,
            updated_at: at,
          })
          .where('call_id', '=', d.callId)
          .execute();
        return;
      }
      case 'ExternalCallRemoved':
        await trx.deleteFrom('external_calls').where('call_id', '=', event.data.callId).execute();
        return;
      default:
        return;
    }
  },
};
