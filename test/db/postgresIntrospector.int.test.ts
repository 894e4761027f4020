import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CurrentSchemaPostgresIntrospector } from '../../src/db/postgresDialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { openReadModelDb, readModelKinds } from './readModelDbs.js';

const kinds = await readModelKinds();

/** Creates and drops throw-away schemas with a table each, as parallel test suites do. */
const churnSchemas = async (stop: () => boolean): Promise<void> => {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    while (!stop()) {
      const schema = `churn_${randomBytes(4).toString('hex')}`;
      await admin.query(`create schema ${schema}; create table ${schema}.t (id serial primary key, v text)`);
      await admin.query(`drop schema ${schema} cascade`);
    }
  } finally {
    await admin.end();
  }
};

describe.runIf(kinds.includes('postgres'))('CurrentSchemaPostgresIntrospector', () => {
  it('lists only the tables of the current schema, with column details', async () => {
    const o = await openReadModelDb('postgres');
    const sibling = await openReadModelDb('postgres');
    try {
      await sibling.handle.db.schema.createTable('sibling_only').addColumn('id', 'integer').execute();
      await migrateToLatest(o.handle.db);
      await o.handle.db.schema
        .createTable('extra')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('label', 'text')
        .execute();
      const tables = await o.handle.db.introspection.getTables();
      const names = tables.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['extra', 'projection_checkpoints']));
      expect(names).not.toContain('sibling_only');
      expect(names).not.toContain('kysely_migration');
      expect(new Set(tables.map((t) => t.schema)).size).toBe(1);
      const extra = tables.find((t) => t.name === 'extra')!;
      expect(extra.columns).toEqual([
        expect.objectContaining({ name: 'id', dataType: 'int4', isAutoIncrementing: true, isNullable: false, hasDefaultValue: true }),
        expect.objectContaining({ name: 'label', dataType: 'text', isAutoIncrementing: false, isNullable: true }),
      ]);
      const withInternal = await o.handle.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(withInternal.map((t) => t.name)).toContain('kysely_migration');
    } finally {
      await sibling.cleanup();
      await o.cleanup();
    }
  });

  it('keeps introspecting and migrating while other schemas are dropped concurrently', async () => {
    const o = await openReadModelDb('postgres');
    let done = false;
    const churn = churnSchemas(() => done);
    try {
      const introspector = new CurrentSchemaPostgresIntrospector(o.handle.db);
      for (let i = 0; i < 40; i++) await introspector.getTables({ withInternalKyselyTables: true });
      expect((await migrateToLatest(o.handle.db)).executed).toEqual(Object.keys(migrations).sort());
    } finally {
      done = true;
      await churn;
      await o.cleanup();
    }
  });
});
