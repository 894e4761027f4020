import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { OutboxRow } from './outbox.js';

export type NoticeStatus = OutboxRow['status'];

export interface NoticeListRow extends OutboxRow {
  /** Name of the chat destination while it exists; null for e-mail rows and removed destinations. */
  readonly destination_name: string | null;
}

/** Sort key of a row, newest first; `|` never occurs in an ISO time. */
export const noticeKey = (row: Pick<OutboxRow, 'created_at' | 'id'>): string => `${row.created_at}|${row.id}`;

/**
 * The outbox of one mailbox, e-mail and chat alike, newest first, keyset-paged by
 * (created_at, id). Reads `limit + 1` rows so the caller knows whether a next page exists.
 */
export const listMailboxNotices = async (
  db: Kysely<ReadModelDb>,
  filter: { readonly mailboxNumber: number; readonly status?: NoticeStatus | null; readonly limit: number; readonly after: string | null },
): Promise<NoticeListRow[]> => {
  let q = db
    .selectFrom('notice_outbox as n')
    .leftJoin('chat_destinations as d', 'd.destination_id', 'n.destination_id')
    .selectAll('n')
    .select('d.name as destination_name')
    .where('n.mailbox_number', '=', filter.mailboxNumber);
  if (filter.status) q = q.where('n.status', '=', filter.status);
  if (filter.after !== null) {
    const [createdAt = '', id = ''] = filter.after.split('|');
    q = q.where((eb) => eb.or([eb('n.created_at', '<', createdAt), eb.and([eb('n.created_at', '=', createdAt), eb('n.id', '<', id)])]));
  }
  return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(filter.limit + 1).execute();
};
