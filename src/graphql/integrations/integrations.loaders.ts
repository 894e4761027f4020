import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { ChatDestinationRow } from './chatDestination.types.js';
import type { ExternalCallRow } from './externalCall.types.js';
import type { MessageChannelRow } from './messageChannel.types.js';

const groupBy = <K, R>(keys: readonly K[], rows: readonly R[], keyOf: (r: R) => K): R[][] => {
  const map = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
};

/** Per-request loaders of the integrations read models. */
export const createIntegrationsLoaders = (db: Kysely<ReadModelDb>) => ({
  externalCallsByMailbox: new DataLoader<number, ExternalCallRow[]>(async (numbers) =>
    groupBy(
      numbers,
      await db.selectFrom('external_calls').selectAll().where('mailbox_number', 'in', numbers).orderBy('created_at').orderBy('call_id').execute(),
      (r) => r.mailbox_number,
    ),
  ),
  messageChannelsByMailbox: new DataLoader<number, MessageChannelRow[]>(async (numbers) =>
    groupBy(numbers, await db.selectFrom('message_channels').selectAll().where('mailbox_number', 'in', numbers).orderBy('channel').execute(), (r) => r.mailbox_number),
  ),
  chatDestinationsByMailbox: new DataLoader<number, ChatDestinationRow[]>(async (numbers) =>
    groupBy(
      numbers,
      await db.selectFrom('chat_destinations').selectAll().where('mailbox_number', 'in', numbers).orderBy('created_at').orderBy('destination_id').execute(),
      (r) => r.mailbox_number,
    ),
  ),
});
