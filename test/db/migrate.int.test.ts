import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createReadModelDb } from '../../src/db/database.js';
import { MigrationFailedError, migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { openReadModelDb, readModelKinds, type OpenedReadModelDb } from './readModelDbs.js';

const kinds = await readModelKinds();
const allMigrations = Object.keys(migrations).sort();

describe.each(kinds)('read-model migrations on %s', (kind) => {
  const opened: OpenedReadModelDb[] = [];
  const open = async () => {
    const o = await openReadModelDb(kind);
    opened.push(o);
    return o;
  };
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.cleanup();
  });

  it('runs every migration once, then nothing on the next call', async () => {
    const { handle } = await open();
    const logged: string[] = [];
    const first = await migrateToLatest(handle.db, { log: (m) => logged.push(m) });
    expect(first.executed).toEqual(allMigrations);
    expect(logged).toEqual(allMigrations.map((m) => `migration ${m}: applied`));

    const second = await migrateToLatest(handle.db);
    expect(second.executed).toEqual([]);
    expect(second.known).toEqual(allMigrations);

    await handle.db
      .insertInto('projection_checkpoints')
      .values({ name: 'p', position: 42, updated_at: new Date().toISOString() })
      .execute();
    const row = await handle.db.selectFrom('projection_checkpoints').selectAll().executeTakeFirstOrThrow();
    // PostgreSQL bigint arrives as a number thanks to the pool's int8 parser.
    expect(row.position).toBe(42);
  });

  it('is idempotent across processes: a second connection finds the schema current', async () => {
    const o = await open();
    await migrateToLatest(o.handle.db);
    const again = await o.reopen();
    expect((await migrateToLatest(again.db)).executed).toEqual([]);
  });

  it('migrates two databases side by side without mistaking one for the other', async () => {
    const a = await open();
    const b = await open();
    expect((await migrateToLatest(a.handle.db)).executed).toEqual(allMigrations);
    expect((await migrateToLatest(b.handle.db)).executed).toEqual(allMigrations);
  });

  it('pings, and counts come back as numbers', async () => {
    const { handle } = await open();
    await handle.ping();
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 as x) as t`.execute(handle.db);
    expect(rows[0]?.n).toBe(1);
  });

  it('fails with a message naming the broken migration, keeping earlier ones', async () => {
    const { handle } = await open();
    await migrateToLatest(handle.db);
    // Forget the history: 0001 runs again and fails on the table it created the first time.
    await handle.db.schema.dropTable('kysely_migration').execute();
    const error = await migrateToLatest(handle.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).migrationName).toBe(allMigrations[0]);
    expect((error as Error).message).toMatch(/^Read-model migration 0001_core failed and was rolled back: .*projection_checkpoints/);
  });
});

describe.runIf(kinds.includes('postgres'))('PostgreSQL pool type parsing', () => {
  it('parses int8 as a number on the read-model pool only, leaving pg global parsers alone', async () => {
    const o = await openReadModelDb('postgres');
    try {
      const { rows } = await sql<{ n: number }>`select 9007199254740991::int8 as n`.execute(o.handle.db);
      expect(rows[0]?.n).toBe(Number.MAX_SAFE_INTEGER);
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      const plain = await client.query<{ n: unknown }>('select 1::int8 as n');
      await client.end();
      expect(plain.rows[0]?.n).toBe('1');
    } finally {
      await o.cleanup();
    }
  });

  it('rejects at creation with the connection error when the server is unreachable', async () => {
    await expect(
      createReadModelDb({ kind: 'postgres', connectionString: 'postgres://127.0.0.1:1/none' }),
    ).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
