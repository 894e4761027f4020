import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createTestSchema } from '../postgres.js';
import { startServerProcess, type ServerProcess } from './serverProcess.js';

/**
 * Inside a describe: two real server processes ('a' and 'b') on one fresh PostgreSQL
 * schema with one master key, started before the suite's tests (handed to `started`, with
 * the schema's connection string) and stopped, with the schema dropped, after them.
 */
export const twoInstancesOnPostgres = (started: (servers: [ServerProcess, ServerProcess], schemaUrl: string) => void, extraEnv: Readonly<Record<string, string>> = {}): void => {
  let schema: Awaited<ReturnType<typeof createTestSchema>> | undefined;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    schema = await createTestSchema();
    const env = { DATABASE_URL: schema.url, MAILROOM_MASTER_KEY: randomBytes(32).toString('base64'), ...extraEnv };
    servers = await Promise.all([startServerProcess({ name: 'a', env }), startServerProcess({ name: 'b', env })]);
    started([servers[0]!, servers[1]!], schema.url);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await schema?.drop();
  });
};
