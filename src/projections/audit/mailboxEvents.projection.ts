import { mailboxNumberOf } from '../../domain/shared/scope.js';
import type { Projection } from '../projection.js';
import { eventTime } from '../identity/eventTime.js';

/**
 * `mailbox_events`: the per-mailbox index of the store that settings history, time travel
 * and export read. It takes every event type (`allEvents`), so an area added later is
 * indexed without touching this file. It also owns `audit_snapshots`: a rebuild of this
 * projection empties the replay cache, which then refills on the next replays.
 */
export const mailboxEventsProjection: Projection = {
  name: 'audit.mailbox_events',
  eventTypes: [],
  allEvents: true,
  tables: ['mailbox_events', 'audit_snapshots'],
  async apply(trx, event) {
    const mailboxNumber = mailboxNumberOf(event);
    if (mailboxNumber === null) return;
    await trx
      .insertInto('mailbox_events')
      .values({
        position: event.position,
        mailbox_number: mailboxNumber,
        stream_id: event.streamId,
        revision: event.revision,
        type: event.type,
        occurred_at: eventTime(event),
        actor_id: event.metadata.actorId ?? null,
      })
      .onConflict((oc) => oc.column('position').doNothing())
      .execute();
  },
};
