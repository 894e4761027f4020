import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { requireService, type ServiceCheck } from './services.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const checkPostgres = async (url = TEST_DATABASE_URL): Promise<ServiceCheck> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { available: true, reason: '' };
  } catch (e) {
    return { available: false, reason: `cannot connect to ${url}: ${(e as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }
};

/** Top-level-await friendly: `const pgAvailable = await postgresAvailable();` then `describe.runIf(pgAvailable)`. */
export const postgresAvailable = async (): Promise<boolean> => requireService('PostgreSQL', await checkPostgres());

/**
 * A fresh schema per test suite so suites run in parallel without sharing tables.
 * Returns a connection string whose sessions use that schema (via `options=-c search_path`).
 */
export const createTestSchema = async (
  url = TEST_DATABASE_URL,
): Promise<{ schema: string; url: string; drop: () => Promise<void> }> => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
};
