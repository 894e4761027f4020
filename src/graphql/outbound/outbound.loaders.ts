import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { loadOutboundRows, type OutboundRows } from '../../app/outbound/outboundReadModel.js';
import { outboundProjections } from '../../projections/outbound/index.js';
import { keyFromData, ReadModelCache } from '../../projections/readModelCache.js';

/**
 * Per-request loaders of the outbound area: all settings of many mailboxes in seven
 * queries, or none for mailboxes in `cache` (kept between requests, dropped by the
 * outbound events as they commit).
 */
export const createOutboundLoaders = (db: Kysely<ReadModelDb>, cache?: OutboundRowsCache) => ({
  outboundRowsByMailbox: new DataLoader<number, OutboundRows>(async (numbers) => {
    const rows = cache ? await cache.getMany(numbers, (missing) => loadOutboundRows(db, missing)) : await loadOutboundRows(db, numbers);
    return numbers.map((n) => rows.get(n)!);
  }),
});

export type OutboundRowsCache = ReadModelCache<number, OutboundRows>;

/** Outbound rows per mailbox between requests; any outbound event of a mailbox drops its entry. */
export const createOutboundRowsCache = (): OutboundRowsCache =>
  new ReadModelCache<number, OutboundRows>({ projections: outboundProjections, keysOf: keyFromData<number>('mailboxNumber') });
