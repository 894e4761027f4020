import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import type { NewEvent } from '../../src/eventstore/port.js';
import {
  COLUMNS,
  DUMMY_HASH,
  runScenarios,
  type ScenarioResult,
  WORKLOAD,
} from './workload.js';


/**
 * node:sqlite doing the adapter's INSERTs and SELECTs on an identical table (created by
 * the adapter), without idempotency lookup, revision check, chain or canonical JSON.
 */
class RawSqlite {
  private readonly db: DatabaseSync;
  private readonly insert;
  private readonly select;
  private position = 0;
  private readonly revisions = new Map<string, number>();

  constructor(path: string, synchronous: 'FULL' | 'NORMAL') {
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL');
    this.db.exec(`PRAGMA synchronous = ${synchronous}`);
    this.insert = this.db.prepare(`INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.select = this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`);
    // Rows as arrays, as the adapter reads them, so the ratio shows the adapter's own work.
    this.select.setReturnArrays(true);
  }

  append(streamId: string, events: readonly NewEvent[]): void {
    const recordedAt = new Date().toISOString();
    const single = events.length === 1;
    if (!single) this.db.exec('BEGIN');
    for (const e of events) {
      const revision = (this.revisions.get(streamId) ?? -1) + 1;
      this.revisions.set(streamId, revision);
      this.position += 1;
      this.insert.run(this.position, streamId, revision, e.id, e.type, JSON.stringify(e.data),
        JSON.stringify(e.metadata), recordedAt, DUMMY_HASH, DUMMY_HASH);
    }
    if (!single) this.db.exec('COMMIT');
  }

  /** Decodes the JSON columns too: a reader of the raw driver needs them as values. */
  readAll(): number {
    let from = 1;
    let count = 0;
    for (;;) {
      const rows = this.select.all(from, WORKLOAD.readPage) as unknown as unknown[][];
      if (rows.length === 0) return count;
      for (const r of rows) {
        r[5] = JSON.parse(r[5] as string);
        r[6] = JSON.parse(r[6] as string);
      }
      count += rows.length;
      from = (rows[rows.length - 1]![0] as number) + 1;
    }
  }

  close(): void {
    this.db.close();
  }
}

export const benchSqlite = async (dir: string, synchronous: 'FULL' | 'NORMAL'): Promise<ScenarioResult[]> => {
  const store = new SqliteEventStore({ path: join(dir, `adapter-${synchronous}.sqlite`), synchronous });
  const rawPath = join(dir, `raw-${synchronous}.sqlite`);
  // The adapter creates the raw file's table too, so both have exactly the same shape.
  await new SqliteEventStore({ path: rawPath, synchronous }).close();
  const raw = new RawSqlite(rawPath, synchronous);
  try {
    return await runScenarios(store, raw);
  } finally {
    raw.close();
    await store.close();
  }
};
