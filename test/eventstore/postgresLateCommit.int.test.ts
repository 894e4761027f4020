import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/eventstore/hashChain.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgresEventStore.js';
import { collect, events, sleep } from '../contract/eventStoreFixtures.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';

const pgAvailable = await postgresAvailable();

/**
 * The failure a sequence-based store has: append A takes position 3 and stays open,
 * append B takes position 4 and commits, a reader sees 4, moves its checkpoint past 3
 * and never delivers 3. Here A is held open between its insert and its COMMIT (through
 * the test-only `beforeCommit` hook) while B, from a second store instance, tries to
 * append; nothing after position 2 may become visible until A commits.
 */
describe.runIf(pgAvailable)('PostgresEventStore late commit', () => {
  it('never exposes a later position while an earlier append is uncommitted', async () => {
    const schema = await createTestSchema();
    let entered!: () => void;
    const aHoldsLock = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = await PostgresEventStore.create({
      connectionString: schema.url,
      beforeCommit: async () => {
        entered();
        await gate;
      },
    });
    const fast = await PostgresEventStore.create({ connectionString: schema.url });
    const reader = await PostgresEventStore.create({ connectionString: schema.url, pollIntervalMs: 50 });
    try {
      await fast.appendToStream('before', events(2));
      const subscription = reader.subscribe();
      const sub = collect(subscription);
      await sub.waitFor(2);

      const appendA = slow.appendToStream('a', events(2));
      await aHoldsLock;
      let bSettled = false;
      const appendB = fast.appendToStream('b', events(1)).finally(() => {
        bSettled = true;
      });

      // While A is open: B must not have committed, and no reader may see past position 2.
      const deadline = Date.now() + 500;
      while (Date.now() < deadline) {
        expect((await reader.readAll({ fromPosition: 3 })).map((e) => e.position)).toEqual([]);
        expect(sub.received.map((e) => e.position)).toEqual([1, 2]);
        expect(bSettled).toBe(false);
        expect(await reader.headPosition()).toBe(2);
        await sleep(25);
      }

      release();
      expect(await appendA).toEqual({ nextExpectedRevision: 1, position: 4 });
      expect(await appendB).toEqual({ nextExpectedRevision: 0, position: 5 });
      const received = await sub.waitFor(5);
      expect(received.map((e) => [e.position, e.streamId])).toEqual([
        [1, 'before'],
        [2, 'before'],
        [3, 'a'],
        [4, 'a'],
        [5, 'b'],
      ]);
      expect(verifyChain(received, undefined, 1).ok).toBe(true);
      await subscription.close();
    } finally {
      release();
      await Promise.all([slow.close(), fast.close(), reader.close()]);
      await schema.drop();
    }
  });
});
