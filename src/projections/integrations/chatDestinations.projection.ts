import { chatDestinationsEventTypes, upcastChatEventKinds, type ChatDestinationsEvent } from '../../domain/integrations/chatDestinations.decider.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

/**
 * `chat_destinations`: the live chat destinations of every mailbox, without their credentials.
 * Event kinds are stored upcast (RECEIVE_ERROR of events before the split becomes the receive kinds).
 */
export const chatDestinationsProjection: Projection = {
  name: 'integrations.chat_destinations',
  eventTypes: chatDestinationsEventTypes,
  tables: ['chat_destinations'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'chat-destinations-', ['chat_destinations'])) return;
    const event = eventAs<ChatDestinationsEvent>(recorded);
    const at = eventTime(recorded);
    switch (event.type) {
      case 'ChatDestinationAdded': {
        const d = event.data;
        await trx
          .insertInto('chat_destinations')
          .values({
            destination_id: d.destinationId,
            mailbox_number: d.mailboxNumber,
            kind: d.kind,
            name: d.name,
            room_id: d.roomId,
            event_kinds: JSON.stringify(upcastChatEventKinds(d.eventKinds)),
            enabled: d.enabled ? 1 : 0,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('destination_id').doNothing())
          .execute();
        return;
      }
      case 'ChatDestinationChanged': {
        const d = event.data;
        await trx
          .updateTable('chat_destinations')
          .set({ name: d.name, room_id: d.roomId, event_kinds: JSON.stringify(upcastChatEventKinds(d.eventKinds)), enabled: d.enabled ? 1 : 0, updated_at: at })
          .where('destination_id', '=', d.destinationId)
          .execute();
        return;
      }
      case 'ChatDestinationRemoved':
        await trx.deleteFrom('chat_destinations').where('destination_id', '=', event.data.destinationId).execute();
        return;
      default:
        return;
    }
  },
};
