import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { MessagesTable } from '../../db/schema.messages.js';
import type {
  InsertResult,
  ListMessagesOptions,
  MessageStore,
  NewMessage,
  SameMailProbe,
  SourceKey,
  StoredMessage,
} from './messageStore.js';

// Bound parameters per IN list: far below SQLite's 32,766 and PostgreSQL's 65,535.
const KEY_CHUNK = 500;

/** The message store on the read-model database (SQLite or PostgreSQL), see migrations/0005_messages.ts. */
export const createSqlMessageStore = (db: Kysely<ReadModelDb>): MessageStore => ({
  has: async (accountId, sourceKey) =>
    (await db
      .selectFrom('messages')
      .select('id')
      .where('account_id', '=', accountId)
      .where('source_key', '=', sourceKey)
      .executeTakeFirst()) !== undefined,

  storedSourceKeys: async (accountId, sourceKeys) => {
    const stored = new Set<SourceKey>();
    for (let i = 0; i < sourceKeys.length; i += KEY_CHUNK) {
      const rows = await db
        .selectFrom('messages')
        .select('source_key')
        .where('account_id', '=', accountId)
        .where('source_key', 'in', sourceKeys.slice(i, i + KEY_CHUNK))
        .execute();
      for (const row of rows) stored.add(row.source_key);
    }
    return stored;
  },

  insert: async (message) => (await db.transaction().execute((trx) => insertGroup(trx, [message])))[0]!,

  insertMany: (messages) => (messages.length === 0 ? Promise.resolve([]) : db.transaction().execute((trx) => insertGroup(trx, messages))),

  findSameMail: async (accountId, probe) => {
    const row = await db
      .selectFrom('messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('source_key', '!=', probe.excludeSourceKey)
      .$if(probe.sourceKeyPrefix !== undefined, (q) =>
        // substr, not LIKE: no wildcard escaping, and the same semantics on both dialects.
        q.where(sql<string>`substr(source_key, 1, ${sql.lit(probe.sourceKeyPrefix!.length)})`, '=', probe.sourceKeyPrefix!),
      )
      .where((eb) => {
        const sameBytes = eb('sha256', '=', probe.sha256);
        if (probe.bytesOnly || !probe.messageId || probe.dateHeader === null) return sameBytes;
        return eb.or([
          sameBytes,
          eb.and([eb('message_id', '=', probe.messageId), eb('date_header', '=', probe.dateHeader)]),
        ]);
      })
      .orderBy('received_at')
      .limit(1)
      .executeTakeFirst();
    return row && toStored(row);
  },

  get: async (id) => {
    const row = await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toStored(row);
  },

  readRaw: async (id) => {
    const row = await db.selectFrom('message_raw').select('raw').where('id', '=', id).executeTakeFirst();
    return row && new Uint8Array(row.raw.buffer, row.raw.byteOffset, row.raw.byteLength);
  },

  list: async (mailboxNumber, options: ListMessagesOptions = {}) => {
    let query = db.selectFrom('messages').selectAll().where('mailbox_number', '=', mailboxNumber);
    if (options.beforeId !== undefined) {
      const anchor = await db
        .selectFrom('messages')
        .select(['received_at', 'id'])
        .where('id', '=', options.beforeId)
        .executeTakeFirst();
      if (!anchor) return [];
      query = query.where((eb) =>
        eb.or([
          eb('received_at', '<', anchor.received_at),
          eb.and([eb('received_at', '=', anchor.received_at), eb('id', '<', anchor.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit ?? 50)
      .execute();
    return rows.map(toStored);
  },

  count: async (mailboxNumber) => {
    const row = await db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('mailbox_number', '=', mailboxNumber)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  deleteMailbox: (mailboxNumber) =>
    db.transaction().execute(async (trx) => {
      // Explicit rather than relying on ON DELETE CASCADE, which SQLite honours only with
      // `pragma foreign_keys = on` on every connection that deletes.
      await trx
        .deleteFrom('message_raw')
        .where('id', 'in', trx.selectFrom('messages').select('id').where('mailbox_number', '=', mailboxNumber))
        .execute();
      const result = await trx.deleteFrom('messages').where('mailbox_number', '=', mailboxNumber).executeTakeFirst();
      return Number(result.numDeletedRows);
    }),
});

// Rows per multi-row INSERT: 11 parameters each, far below both dialects' bound.
const ROW_CHUNK = 200;

/**
 * Multi-row INSERTs: one statement per table and chunk instead of one per message, which
 * is most of what a small message's store costs (statement compile and bind, not I/O).
 */
const insertGroup = async (trx: Kysely<ReadModelDb>, messages: readonly NewMessage[]): Promise<InsertResult[]> => {
  const results: InsertResult[] = [];
  for (let i = 0; i < messages.length; i += ROW_CHUNK) {
    const chunk = messages.slice(i, i + ROW_CHUNK);
    const ids = chunk.map(() => randomUUID());
    const inserted = await trx
      .insertInto('messages')
      .values(
        chunk.map((message, j) => ({
          id: ids[j]!,
          mailbox_number: message.mailboxNumber,
          account_id: message.accountId,
          source_key: message.sourceKey,
          message_id: message.messageId,
          subject: message.subject,
          from_header: message.from,
          date_header: message.dateHeader,
          received_at: message.receivedAt.toISOString(),
          size: message.size,
          sha256: message.sha256,
        })),
      )
      .onConflict((oc) => oc.columns(['account_id', 'source_key']).doNothing())
      .returning('id')
      .execute();
    const fresh = new Set(inserted.map((row) => row.id));
    const raws = chunk.flatMap((message, j) => (fresh.has(ids[j]!) ? [{ id: ids[j]!, raw: message.raw }] : []));
    if (raws.length > 0) await trx.insertInto('message_raw').values(raws).execute();
    for (const [j, message] of chunk.entries()) {
      results.push(
        fresh.has(ids[j]!)
          ? { id: ids[j]!, inserted: true }
          : { id: await existingId(trx, message.accountId, message.sourceKey), inserted: false },
      );
    }
  }
  return results;
};

const existingId = async (db: Kysely<ReadModelDb>, accountId: string, sourceKey: SourceKey): Promise<string> => {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('account_id', '=', accountId)
    .where('source_key', '=', sourceKey)
    .executeTakeFirstOrThrow();
  return row.id;
};

const toStored = (row: Selectable<MessagesTable>): StoredMessage => ({
  id: row.id,
  mailboxNumber: row.mailbox_number,
  accountId: row.account_id,
  sourceKey: row.source_key,
  messageId: row.message_id,
  subject: row.subject,
  from: row.from_header,
  dateHeader: row.date_header,
  receivedAt: row.received_at,
  size: Number(row.size),
  sha256: row.sha256,
});
