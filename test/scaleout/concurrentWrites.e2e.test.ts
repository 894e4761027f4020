import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { RenameMailboxDocument } from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { loginAdmin, type ServerProcess } from '../support/process/serverProcess.js';
import { twoInstancesOnPostgres } from '../support/process/twoInstances.js';
import { gql } from '../support/server.js';

const enabled = await postgresAvailable();

/**
 * Issue #23 item 5 across instances: a burst of 50 writes to one stream, half through each of
 * two server processes on one PostgreSQL. Within an instance the commands queue; between the
 * two only the store's conflict and the jittered retry arbitrate, and that must be enough
 * for every one to land (test/e2e/concurrentWrites.e2e.test.ts is the one-instance burst).
 */
describe.runIf(enabled)('50 concurrent writes to one mailbox through two instances', () => {
  let schemaUrl: string;
  let a: ServerProcess;
  let b: ServerProcess;
  twoInstancesOnPostgres(([x, y], url) => ((a = x), (b = y), (schemaUrl = url)));

  it('all 50 succeed, none answers with a conflict, and each is in the stream once', async () => {
    const [tokenA, tokenB] = await Promise.all([loginAdmin(a), loginAdmin(b)]);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const [server, token] = i % 2 === 0 ? [a, tokenA] : [b, tokenB];
        return gql(server.url, RenameMailboxDocument, { input: { number: 1, name: `Burst ${i}`, reason: 'burst' } }, { token });
      }),
    );
    expect(answers.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(answers.flatMap((r) => r.data!.renameMailbox.userErrors)).toEqual([]);
    const client = new pg.Client({ connectionString: schemaUrl });
    await client.connect();
    try {
      const rows = await client.query<{ name: string }>(`SELECT data->>'name' AS name FROM events WHERE stream_id = 'mailbox-1' AND type = 'MailboxRenamed'`);
      expect(rows.rows.map((r) => r.name).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `Burst ${i}`).sort());
    } finally {
      await client.end();
    }
  }, 120_000);
});
