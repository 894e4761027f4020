/**
 * A small projection for runner tests, with its own tables (created here, never in
 * migrations/): a counter per id, upserted per event, and a log keyed by position whose
 * primary key turns any re-application into an error.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReadModelDb } from '../../src/db/schema.js';
import type { EventStore, NewEvent, RecordedEvent } from '../../src/eventstore/port.js';
import type { Projection } from '../../src/projections/projection.js';

export interface ToyDb {
  toy_counters: { id: string; count: number; last_position: number };
  toy_log: { position: number; counter_id: string };
}

/** `prefix` lets two toy projections live side by side (`toy_counters`, `other_counters`, …). */
export const createToyTables = async (db: Kysely<ReadModelDb>, prefix = 'toy'): Promise<void> => {
  const toy = db as unknown as Kysely<ToyDb>;
  await toy.schema
    .createTable(`${prefix}_counters` as 'toy_counters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_position', 'bigint', (c) => c.notNull())
    .execute();
  await toy.schema
    .createTable(`${prefix}_log` as 'toy_log')
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('counter_id', 'text', (c) => c.notNull())
    .execute();
};

export interface ToyOptions {
  /** Projection name and table prefix. @default 'toy' */
  readonly name?: string;
  /** Throw from `apply` for this event (after the earlier events of the batch were applied). */
  readonly failOn?: (event: RecordedEvent) => boolean;
  /** Called after each applied event with the transaction object it ran in. */
  readonly onApplied?: (event: RecordedEvent, trx: Transaction<ReadModelDb>) => void | Promise<void>;
}

/** Counts `Counted` events per `data.id`; ignores every other type. */
export const toyProjection = (options: ToyOptions = {}): Projection => {
  const name = options.name ?? 'toy';
  const counters = sql.table(`${name}_counters`);
  const log = sql.table(`${name}_log`);
  return {
    name,
    eventTypes: ['Counted'],
    tables: [`${name}_counters`, `${name}_log`] as unknown as Projection['tables'],
    apply: async (trx, event) => {
      if (options.failOn?.(event)) throw new Error(`${name} refuses event ${event.position}`);
      const id = (event.data as { id: string }).id;
      await sql`insert into ${counters} (id, count, last_position) values (${id}, 1, ${event.position})
        on conflict (id) do update set count = ${counters}.count + 1, last_position = excluded.last_position`.execute(trx);
      await sql`insert into ${log} (position, counter_id) values (${event.position}, ${id})`.execute(trx);
      await options.onApplied?.(event, trx);
    },
  };
};

export const newEvent = (type: string, data: unknown): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actorId: null, correlationId: randomUUID() },
});

/** Appends `count` events, alternating over `ids`; returns the last position. */
export const appendCounted = async (store: EventStore, count: number, ids = ['a', 'b', 'c']): Promise<number> => {
  let position = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i % ids.length]!;
    ({ position } = await store.appendToStream(`counter-${id}`, [newEvent('Counted', { id })]));
  }
  return position;
};

export const toySnapshot = async (db: Kysely<ReadModelDb>, prefix = 'toy') => {
  const toy = db as unknown as Kysely<ToyDb>;
  return {
    counters: (await toy.selectFrom(`${prefix}_counters` as 'toy_counters').selectAll().orderBy('id').execute()).map((r) => ({
      ...r,
      last_position: Number(r.last_position),
    })),
    log: (await toy.selectFrom(`${prefix}_log` as 'toy_log').select('position').orderBy('position').execute()).map((r) => Number(r.position)),
  };
};

export const checkpointOf = async (db: Kysely<ReadModelDb>, name: string): Promise<number | undefined> => {
  const row = await db.selectFrom('projection_checkpoints').select('position').where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : Number(row.position);
};
