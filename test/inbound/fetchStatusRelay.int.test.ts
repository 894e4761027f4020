import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { FetchStatusSnapshot } from '../../src/app/inbound/fetchStatus.js';
import { FetchStatusFeed } from '../../src/app/inbound/scheduler/fetchStatusFeed.js';
import { PostgresFetchStatusRelay } from '../../src/app/inbound/scheduler/fetchStatusRelay.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';

const pgAvailable = await postgresAvailable();

const snapshot = (accountId: string, state: FetchStatusSnapshot['state'], serverResponse: string | null = null): FetchStatusSnapshot => ({
  accountId,
  mailboxNumber: 1,
  state,
  lastAttemptAt: '2030-01-01T00:00:00.000Z',
  lastFinishedAt: null,
  lastSuccessAt: null,
  consecutiveFailures: 0,
  lastImported: 0,
  lastSkipped: 0,
  mode: 'POLLING',
  modeReason: null,
  connectedSince: null,
  lastNewMailAt: null,
  nextPollAt: null,
  importedTotal: 0,
  skippedTotal: 0,
  lastError: serverResponse === null ? null : { episodeId: 'e1', code: 'AUTH', message: 'no', serverResponse, raisedAt: '2030-01-01T00:00:00.000Z', clearedAt: null },
});

/** Instances are relays with their own feeds; two of them share a schema, the third is another deployment (schema) on the same database. */
describe.runIf(pgAvailable)('fetch status relay over PostgreSQL NOTIFY', () => {
  const schemas: Awaited<ReturnType<typeof createTestSchema>>[] = [];
  const dbs: ReadModelDatabase[] = [];
  const relays: PostgresFetchStatusRelay[] = [];
  const received: FetchStatusSnapshot[][] = [[], [], []];

  beforeAll(async () => {
    schemas.push(await createTestSchema(), await createTestSchema());
    for (const [i, schema] of [schemas[0]!, schemas[0]!, schemas[1]!].entries()) {
      const db = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 2 });
      dbs.push(db);
      if (i !== 1) await migrateToLatest(db.db);
      const feed = new FetchStatusFeed();
      const iterator = feed.listen({ filter: () => true });
      void (async () => {
        for await (const status of { [Symbol.asyncIterator]: () => iterator }) received[i]!.push(status);
      })();
      const relay = new PostgresFetchStatusRelay({ connectionString: schema.url, db: db.db, feed, instanceId: `instance-${i}` });
      await relay.start();
      relays.push(relay);
    }
  });
  afterAll(async () => {
    for (const r of relays) await r.stop();
    for (const d of dbs) await d.destroy();
    for (const s of schemas) await s.drop();
  });

  const settle = async (until: () => boolean) => {
    for (let i = 0; i < 100 && !until(); i++) await new Promise((r) => setTimeout(r, 20));
    // A little longer, so a duplicate or a stray delivery would have arrived too.
    await new Promise((r) => setTimeout(r, 200));
  };

  it('delivers each snapshot once on every instance of the deployment, in order, and not to another schema', async () => {
    await relays[0]!.publish(snapshot('acc-1', 'FETCHING'));
    await relays[0]!.publish(snapshot('acc-1', 'OK'));
    await settle(() => received[1]!.length >= 2);
    expect(received[0]!.map((s) => s.state)).toEqual(['FETCHING', 'OK']);
    expect(received[1]!).toEqual([snapshot('acc-1', 'FETCHING'), snapshot('acc-1', 'OK')]);
    expect(received[2]).toEqual([]);
  });

  it('a snapshot too large for a NOTIFY payload travels as a reference and is read from the database', async () => {
    received.forEach((r) => (r.length = 0));
    const large = snapshot('acc-2', 'ERROR', 'x'.repeat(10_000));
    await relays[0]!.publish(large);
    await settle(() => received[1]!.length >= 1);
    expect(received[0]).toEqual([large]);
    // No stored state for acc-2: the receiver's own read of it.
    expect(received[1]).toEqual([expect.objectContaining({ accountId: 'acc-2', mailboxNumber: 1, state: 'IDLE', lastError: null })]);
    expect(received[2]).toEqual([]);
  });
});
