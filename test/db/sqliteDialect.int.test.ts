import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { NodeSqliteDialect } from '../../src/db/sqliteDialect.js';

interface Db {
  items: { id: Generated<number>; name: string; enabled: number; created_at: string | null };
}

describe('NodeSqliteDialect (node:sqlite, real file)', () => {
  let dir: string;
  let handle: ReadModelDatabase;
  let db: Kysely<Db>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailroom-dialect-'));
    handle = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'nested', 'readmodels.sqlite') });
    db = handle.db as unknown as Kysely<Db>;
    await db.schema
      .createTable('items')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text')
      .execute();
  });

  afterEach(async () => {
    await handle.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips insert, select, update and delete with affected-row counts and insert ids', async () => {
    const inserted = await db.insertInto('items').values({ name: 'a', enabled: 1, created_at: null }).executeTakeFirst();
    expect(inserted.insertId).toBe(1n);
    await db.insertInto('items').values({ name: 'b', enabled: 0, created_at: null }).execute();

    expect(await db.selectFrom('items').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, name: 'a', enabled: 1, created_at: null },
      { id: 2, name: 'b', enabled: 0, created_at: null },
    ]);

    const updated = await db.updateTable('items').set({ name: 'b2' }).where('name', '=', 'b').executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const deleted = await db.deleteFrom('items').where('id', '>', 0).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(2n);
    expect(await db.selectFrom('items').selectAll().execute()).toEqual([]);
  });

  it('returns rows from RETURNING and upserts, as plain objects', async () => {
    const row = await db
      .insertInto('items')
      .values({ name: 'a', enabled: 1, created_at: null })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 1, name: 'a' });
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);

    const upserted = await db
      .insertInto('items')
      .values({ name: 'a', enabled: 0, created_at: null })
      .onConflict((oc) => oc.column('name').doUpdateSet({ enabled: 0 }))
      .returning('enabled')
      .executeTakeFirstOrThrow();
    expect(upserted.enabled).toBe(0);
  });

  it('binds booleans as 0/1 and dates as ISO-8601 text', async () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    await sql`insert into items (name, enabled, created_at) values (${'x'}, ${true}, ${at})`.execute(db);
    const row = await db.selectFrom('items').selectAll().where('enabled', '=', true as never).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ enabled: 1, created_at: '2025-01-02T03:04:05.678Z' });
  });

  it('commits a transaction and rolls one back when its callback throws', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'kept', enabled: 0, created_at: null }).execute();
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: 'lost', enabled: 0, created_at: null }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.selectFrom('items').select('name').execute()).map((r) => r.name)).toEqual(['kept']);
  });

  it('rolls back to a savepoint inside a controlled transaction', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('items').values({ name: 'outer', enabled: 0, created_at: null }).execute();
    const sp = await trx.savepoint('inner').execute();
    await sp.insertInto('items').values({ name: 'inner', enabled: 0, created_at: null }).execute();
    await sp.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    expect((await db.selectFrom('items').select('name').execute()).map((r) => r.name)).toEqual(['outer']);
  });

  it('serialises concurrent transactions: each holds the connection across its awaits', async () => {
    await db.insertInto('items').values({ id: 1, name: 'counter', enabled: 0, created_at: null }).execute();
    const trace: string[] = [];
    const increment = (label: string) =>
      db.transaction().execute(async (trx) => {
        trace.push(`${label}:begin`);
        const { enabled } = await trx.selectFrom('items').select('enabled').where('id', '=', 1).executeTakeFirstOrThrow();
        await sleep(20);
        await trx.updateTable('items').set({ enabled: enabled + 1 }).where('id', '=', 1).execute();
        trace.push(`${label}:end`);
      });
    const plainRead = db.selectFrom('items').select('enabled').executeTakeFirstOrThrow();
    await Promise.all([increment('a'), increment('b'), increment('c'), plainRead]);

    const { enabled } = await db.selectFrom('items').select('enabled').executeTakeFirstOrThrow();
    expect(enabled).toBe(3);
    expect(trace).toEqual(['a:begin', 'a:end', 'b:begin', 'b:end', 'c:begin', 'c:end']);
  });

  it('streams SELECT results row by row', async () => {
    for (const name of ['a', 'b', 'c']) await db.insertInto('items').values({ name, enabled: 0, created_at: null }).execute();
    const names: string[] = [];
    for await (const row of db.selectFrom('items').select('name').orderBy('name').stream()) names.push(row.name);
    expect(names).toEqual(['a', 'b', 'c']);
  });

  it('opens the file in WAL mode with busy_timeout and foreign keys on', async () => {
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('foreign_keys')).toBe(1);
  });

  it('reports SQL errors as rejections and keeps the connection usable', async () => {
    await db.insertInto('items').values({ name: 'dup', enabled: 0, created_at: null }).execute();
    await expect(db.insertInto('items').values({ name: 'dup', enabled: 0, created_at: null }).execute()).rejects.toThrow(
      /UNIQUE constraint failed/,
    );
    await expect(db.transaction().execute(async (trx) => sql`select * from missing_table`.execute(trx))).rejects.toThrow(
      /no such table/,
    );
    expect(await db.selectFrom('items').select('name').execute()).toEqual([{ name: 'dup' }]);
  });
});

describe('NodeSqliteDialect over an externally opened database', () => {
  it('accepts a DatabaseSync instance and introspects its tables', async () => {
    const db = new Kysely<unknown>({ dialect: new NodeSqliteDialect({ database: new DatabaseSync(':memory:') }) });
    await sql`create table t (a integer primary key, b text not null)`.execute(db);
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => [t.name, t.columns.map((c) => c.name)])).toEqual([['t', ['a', 'b']]]);
    await db.destroy();
  });
});
