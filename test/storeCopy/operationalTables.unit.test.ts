import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { allProjections } from '../../src/projections/all.js';
import { toTargetValue } from '../../src/storeCopy/operationalState.js';
import { EPHEMERAL_TABLES, OPERATIONAL_TABLES, PROJECTION_TABLES } from '../../src/storeCopy/operationalTables.js';

describe('store copy: the classification of read-model tables', () => {
  let database: ReadModelDatabase;
  let migrated: { name: string; columns: string[] }[];
  beforeAll(async () => {
    database = await createReadModelDb({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(database.db);
    migrated = (await database.db.introspection.getTables()).map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
  });
  afterAll(() => database.destroy());

  const classified = [...PROJECTION_TABLES, ...OPERATIONAL_TABLES.map((t) => t.table), ...EPHEMERAL_TABLES];

  it('puts every migrated table in exactly one class (a new table must be classified in src/storeCopy/operationalTables.ts)', () => {
    const unclassified = migrated.map((t) => t.name).filter((name) => !classified.includes(name as never));
    expect(unclassified).toEqual([]);
    expect(classified.filter((name, i) => classified.indexOf(name) !== i)).toEqual([]);
    expect(classified.filter((name) => !migrated.some((t) => t.name === name))).toEqual([]);
  });

  it('calls projection-owned exactly the tables the projections rebuild, plus their checkpoints', () => {
    const rebuilt = new Set(allProjections.flatMap((p) => p.tables));
    expect([...PROJECTION_TABLES].sort()).toEqual([...rebuilt, 'projection_checkpoints'].sort());
  });

  it('names each operational table by its real key columns', () => {
    for (const spec of OPERATIONAL_TABLES) {
      const table = migrated.find((t) => t.name === spec.table)!;
      for (const column of spec.key) expect(table.columns, `${spec.table}.${column}`).toContain(column);
    }
  });

  it('converts values between the dialects', () => {
    const bytes = new Uint8Array([0, 0xff, 0x1b, 0x80]);
    const asBuffer = toTargetValue(bytes, 'bytea', 'postgres');
    expect(Buffer.isBuffer(asBuffer) && [...(asBuffer as Buffer)]).toEqual([0, 0xff, 0x1b, 0x80]);
    expect(toTargetValue(Buffer.from([1, 2]), 'blob', 'sqlite')).toEqual(Buffer.from([1, 2]));
    expect(() => toTargetValue('text', 'bytea', 'postgres')).toThrow(/binary data/);
    expect(toTargetValue(1, 'bool', 'postgres')).toBe(true);
    expect(toTargetValue(false, 'boolean', 'sqlite')).toBe(0);
    expect(toTargetValue('9007199254740991', 'int8', 'postgres')).toBe(9007199254740991);
    expect(toTargetValue(5n, 'integer', 'sqlite')).toBe(5);
    expect(toTargetValue(new Date('2026-01-02T03:04:05.678Z'), 'text', 'sqlite')).toBe('2026-01-02T03:04:05.678Z');
    expect(toTargetValue(null, 'text', 'postgres')).toBeNull();
    expect(toTargetValue('2026-01-02T03:04:05.678Z', 'text', 'postgres')).toBe('2026-01-02T03:04:05.678Z');
  });
});
