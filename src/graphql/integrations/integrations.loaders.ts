import DataLoader from 'dataloader';
import type { Kysely, Selectable } from 'kysely';
import type { ChatDestinationsTable, ExternalCallsTable, MessageChannelsTable } from '../../db/schema.integrations.js';
import type { ReadModelDb } from '../../db/schema.js';

export type ChatDestinationRow = Selectable<ChatDestinationsTable>;
export type ExternalCallRow = Selectable<ExternalCallsTable>;
export type MessageChannelRow = Selectable<MessageChannelsTable>;

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
