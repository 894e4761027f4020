/**
 * Projection throughput: rebuild of 100k events into a small upsert-per-event read model,
 * against a baseline doing the same upserts in a plain loop (same chunked reads, same
 * transaction per chunk, no runner), on the SQLite read DB and on PostgreSQL if reachable.
 *
 *   npm run bench:projections                      # 100k events
 *   BENCH_EVENTS=20000 npm run bench:projections
 *   BENCH_DATABASE_URL=postgres://user@host/db …   # default postgres://127.0.0.1:5432/test
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createReadModelDb, sqliteReadModelPath, type ReadModelDatabase, type ReadModelDbConfig } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { ReadModelDb } from '../../src/db/schema.js';
import type { EventStore, NewEvent } from '../../src/eventstore/port.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import type { Projection } from '../../src/projections/projection.js';
import { ProjectionRunner } from '../../src/projections/runner.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const CHUNK = 5000;
const ROUNDS = 3;
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';
const SETTING_KEYS = ['smtp.host', 'smtp.port', 'dkim.selector', 'autoReply.enabled', 'lock.maxAttempts'];

interface BenchDb {
  bench_mailbox_settings: { mailbox_id: string; key: string; value: string; updated_at: string; position: number };
}

/** A mailbox-settings read model: one upsert per `MailboxSettingChanged`. */
const settingsProjection: Projection = {
  name: 'bench.mailbox_settings',
  eventTypes: ['MailboxSettingChanged'],
  tables: ['bench_mailbox_settings'] as unknown as Projection['tables'],
  apply: (trx, event) => upsertSetting(trx, event.data as SettingChanged, event.position, event.recordedAt),
};

interface SettingChanged {
  mailboxId: string;
  key: string;
  value: string;
}

const upsertSetting = async (db: Kysely<ReadModelDb>, data: SettingChanged, position: number, at: Date) => {
  const row = { mailbox_id: data.mailboxId, key: data.key, value: data.value, updated_at: at.toISOString(), position };
  await (db as unknown as Kysely<BenchDb>)
    .insertInto('bench_mailbox_settings')
    .values(row)
    .onConflict((oc) => oc.columns(['mailbox_id', 'key']).doUpdateSet({ value: row.value, updated_at: row.updated_at, position }))
    .execute();
};

const seed = async (store: EventStore, count: number): Promise<void> => {
  const perAppend = 10;
  for (let i = 0; i < count; i += perAppend) {
    const mailboxId = `mbx-${(i / perAppend) % 1000}`;
    const events: NewEvent[] = [];
    for (let j = 0; j < Math.min(perAppend, count - i); j++) {
      const n = i + j;
      events.push({
        id: randomUUID(),
        type: n % 10 === 9 ? 'MailboxRenamed' : 'MailboxSettingChanged',
        data: { mailboxId, key: SETTING_KEYS[n % SETTING_KEYS.length]!, value: `v${n}` },
        metadata: { actorId: 'user-1', correlationId: randomUUID() },
      });
    }
    await store.appendToStream(`mailbox-${mailboxId}`, events);
  }
};

const resetTable = async (db: Kysely<ReadModelDb>): Promise<void> => {
  const b = db as unknown as Kysely<BenchDb>;
  await b.schema.dropTable('bench_mailbox_settings').ifExists().execute();
  await b.schema
    .createTable('bench_mailbox_settings')
    .addColumn('mailbox_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('bench_mailbox_settings_pk', ['mailbox_id', 'key'])
    .execute();
};

/** The same upserts without the runner: chunked `readAll`, one transaction per chunk. */
const plainLoop = async (store: EventStore, db: Kysely<ReadModelDb>): Promise<number> => {
  const started = performance.now();
  let position = 0;
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ fromPosition: position + 1, max: CHUNK });
    if (batch.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const e of batch) {
        if (e.type === 'MailboxSettingChanged') await upsertSetting(trx, e.data as SettingChanged, e.position, e.recordedAt);
      }
    });
    position = batch[batch.length - 1]!.position;
    events += batch.length;
  }
  return (events * 1000) / (performance.now() - started);
};

const viaRebuild = async (store: EventStore, db: Kysely<ReadModelDb>): Promise<number> => {
  const runner = new ProjectionRunner({ store, db, projections: [settingsProjection], rebuildBatchSize: CHUNK });
  return (await runner.rebuild()).eventsPerSecond;
};

/** Live path: a started runner catching up from position 0 (batches of at most 500). */
const viaCatchUp = async (store: EventStore, db: Kysely<ReadModelDb>): Promise<number> => {
  await db.deleteFrom('projection_checkpoints').where('name', '=', settingsProjection.name).execute();
  const runner = new ProjectionRunner({ store, db, projections: [settingsProjection] });
  const started = performance.now();
  await runner.start();
  await runner.waitForPosition(await store.headPosition(), 600_000);
  const rate = (EVENTS * 1000) / (performance.now() - started);
  await runner.stop();
  return rate;
};

const measure = async (label: string, store: EventStore, config: ReadModelDbConfig): Promise<void> => {
  const rm: ReadModelDatabase = await createReadModelDb(config);
  try {
    await migrateToLatest(rm.db);
    await resetTable(rm.db);
    const best = { baseline: 0, rebuild: 0, catchUp: 0 };
    const runs: [keyof typeof best, () => Promise<number>][] = [
      ['baseline', () => plainLoop(store, rm.db)],
      ['rebuild', () => viaRebuild(store, rm.db)],
      ['catchUp', () => viaCatchUp(store, rm.db)],
    ];
    // Rotate the order so no variant always runs on the warmest cache; keep each one's best
    // round, the one least disturbed by other processes on the machine.
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < runs.length; i++) {
        const [name, run] = runs[(round + i) % runs.length]!;
        await resetTable(rm.db);
        best[name] = Math.max(best[name], await run());
      }
    }
    const { baseline, rebuild, catchUp } = best;
    const fmt = (n: number) => `${Math.round(n).toLocaleString('en-US')} ev/s`;
    console.log(`\n${label}`);
    console.log(`  baseline (plain loop, tx per ${CHUNK}) ${fmt(baseline)}`);
    console.log(`  runner.rebuild()                   ${fmt(rebuild)}  (${(rebuild / baseline).toFixed(2)}x baseline)`);
    console.log(`  runner.start() catch-up from 0     ${fmt(catchUp)}  (${(catchUp / baseline).toFixed(2)}x baseline)`);
  } finally {
    await rm.destroy();
  }
};

const postgresSchema = async (): Promise<{ url: string; drop: () => Promise<void> } | null> => {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`\nPostgreSQL read DB: skipped (${PG_URL}: ${(e as Error).message})`);
    return null;
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
};

const main = async (): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'mailroom-bench-projections-'));
  // NORMAL only speeds up seeding; the measured part reads the store.
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  try {
    console.log(`projection bench: ${EVENTS.toLocaleString('en-US')} events (90% handled), ${cpus().length} CPUs, Node ${process.version}`);
    console.log(`event store: SqliteEventStore (file); best of ${ROUNDS} rounds each`);
    console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const seeded = performance.now();
    await seed(store, EVENTS);
    console.log(`seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

    await measure('SQLite read DB (node:sqlite, WAL, synchronous=NORMAL)', store, {
      kind: 'sqlite',
      path: sqliteReadModelPath(join(dir, 'data')),
    });
    const schema = await postgresSchema();
    if (schema) {
      try {
        await measure('PostgreSQL read DB (pg pool, localhost)', store, { kind: 'postgres', connectionString: schema.url });
      } finally {
        await schema.drop();
      }
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
};

await main();
