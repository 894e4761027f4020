import pg from 'pg';
import type { NewEvent } from '../../src/eventstore/port.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgresEventStore.js';
import {
  COLUMNS,
  DUMMY_HASH,
  runScenarios,
  type ScenarioResult,
  WORKLOAD,
} from './workload.js';


/** pg doing the adapter's INSERTs and SELECTs on an identical table, without head lock, chain or checks. */
class RawPostgres {
  private position = 0;
  private readonly revisions = new Map<string, number>();
  constructor(private readonly pool: pg.Pool) {}

  async append(streamId: string, events: readonly NewEvent[]): Promise<void> {
    const recordedAt = new Date();
    const rows = events.map((e) => {
      const revision = (this.revisions.get(streamId) ?? -1) + 1;
      this.revisions.set(streamId, revision);
      this.position += 1;
      return [this.position, streamId, revision, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
    });
    if (rows.length === 1) {
      await this.pool.query({
        name: 'raw_insert_one',
        text: `INSERT INTO events (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        values: [...rows[0]!, recordedAt, DUMMY_HASH, DUMMY_HASH],
      });
      return;
    }
    const column = (i: number) => rows.map((r) => r[i]);
    await this.pool.query({
      name: 'raw_insert_many',
      text: `INSERT INTO events (${COLUMNS})
             SELECT u.position, u.stream_id, u.revision, u.event_id, u.type, u.data::jsonb, u.metadata::jsonb, $8, $9, $9
             FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[])
               AS u(position, stream_id, revision, event_id, type, data, metadata)`,
      values: [column(0), column(1), column(2), column(3), column(4), column(5), column(6), recordedAt, DUMMY_HASH],
    });
  }

  async readAll(): Promise<number> {
    let from = 1;
    let count = 0;
    for (;;) {
      const { rows } = await this.pool.query<{ position: string }>({
        name: 'raw_read_all',
        text: `SELECT ${COLUMNS} FROM events WHERE position >= $1 ORDER BY position LIMIT $2`,
        values: [from, WORKLOAD.readPage],
      });
      if (rows.length === 0) return count;
      count += rows.length;
      from = Number(rows[rows.length - 1]!.position) + 1;
    }
  }
}

const withSchema = (url: string, schema: string) => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};

export const benchPostgres = async (url: string): Promise<ScenarioResult[]> => {
  const suffix = Math.random().toString(16).slice(2, 10);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA bench_adapter_${suffix}; CREATE SCHEMA bench_raw_${suffix}`);
  const rawUrl = withSchema(url, `bench_raw_${suffix}`);
  // The adapter creates the raw schema's table too, so both have exactly the same shape.
  await (await PostgresEventStore.create({ connectionString: rawUrl })).close();
  const store = await PostgresEventStore.create({ connectionString: withSchema(url, `bench_adapter_${suffix}`) });
  const pool = new pg.Pool({ connectionString: rawUrl, max: 10 });
  const raw = new RawPostgres(pool);
  try {
    return await runScenarios(store, raw);
  } finally {
    await store.close();
    await pool.end();
    await admin.query(`DROP SCHEMA bench_adapter_${suffix} CASCADE; DROP SCHEMA bench_raw_${suffix} CASCADE`);
    await admin.end();
  }
};
