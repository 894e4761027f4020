import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { loadOutboundRows, type OutboundRows } from '../../outbound/outboundReadModel.js';

/** Per-request loaders of the outbound area: all settings of many mailboxes in seven queries. */
export const createOutboundLoaders = (db: Kysely<ReadModelDb>) => ({
  outboundRowsByMailbox: new DataLoader<number, OutboundRows>(async (numbers) => {
    const rows = await loadOutboundRows(db, numbers);
    return numbers.map((n) => rows.get(n)!);
  }),
});
