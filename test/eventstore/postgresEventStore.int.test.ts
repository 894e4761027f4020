import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/domain/shared/errors.js';
import { createEventStore } from '../../src/eventstore/index.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgresEventStore.js';
import { verifyChain } from '../../src/eventstore/hashChain.js';
import { testEventStore } from '../contract/eventStore.contract.js';
import { collect, events, newEvent } from '../contract/eventStoreFixtures.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';

const pgAvailable = await postgresAvailable();

describe.runIf(pgAvailable)('postgres', () => {
  testEventStore('postgres', async () => {
    const schema = await createTestSchema();
    const store = await PostgresEventStore.create({ connectionString: schema.url });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await schema.drop();
      },
    };
  });

  it('refuses data jsonb cannot store (U+0000) with VALIDATION, for one event and for several', async () => {
    const schema = await createTestSchema();
    const store = await PostgresEventStore.create({ connectionString: schema.url });
    try {
      for (const batch of [[newEvent('Nul', { text: 'a\u0000b' })], [newEvent(), newEvent('Nul', { text: '\u0000' })]]) {
        await expect(store.appendToStream('s', batch)).rejects.toMatchObject({ code: ErrorCode.VALIDATION });
      }
      expect(await store.headPosition()).toBe(0);
    } finally {
      await store.close();
      await schema.drop();
    }
  });

  it('a group commit with one append PostgreSQL refuses still stores the others, in call order', async () => {
    const schema = await createTestSchema();
    const store = await PostgresEventStore.create({ connectionString: schema.url });
    try {
      // Queued in one turn, so they run as one group; the middle one raises inside it.
      const appends = [
        store.appendToStream('a', events(1)),
        store.appendToStream('b', [newEvent('Nul', { text: 'a\u0000b' })]),
        store.appendToStream('c', events(2)),
      ];
      const [a, b, c] = await Promise.allSettled(appends);
      expect(a).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 1 } });
      expect(b).toMatchObject({ status: 'rejected', reason: { code: ErrorCode.VALIDATION } });
      expect(c).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 1, position: 3 } });
      const all = await store.readAll();
      expect(all.map((e) => e.streamId)).toEqual(['a', 'c', 'c']);
      expect(verifyChain(all).ok).toBe(true);
    } finally {
      await store.close();
      await schema.drop();
    }
  });

  describe('PostgresEventStore across instances', () => {
    it('creates its tables idempotently when several instances start at once', async () => {
      const schema = await createTestSchema();
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => createEventStore({ kind: 'postgres', connectionString: schema.url })),
      );
      try {
        expect(stores.map((s) => s.kind)).toEqual(['postgres', 'postgres', 'postgres', 'postgres']);
        await Promise.all(stores.map((s, i) => s.appendToStream(`s-${i}`, events(3))));
        const all = await stores[0]!.readAll();
        expect(all.map((e) => e.position)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
        expect(verifyChain(all, undefined, 1).ok).toBe(true);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
        await schema.drop();
      }
    });

    it('wakes a subscriber of one instance on appends by another (LISTEN/NOTIFY, not polling)', async () => {
      const schema = await createTestSchema();
      // A poll interval far beyond the deadline: only a notification can deliver in time.
      const reader = await PostgresEventStore.create({ connectionString: schema.url, pollIntervalMs: 60_000 });
      const writer = await PostgresEventStore.create({ connectionString: schema.url });
      try {
        const subscription = reader.subscribe();
        const sub = collect(subscription);
        await writer.appendToStream('s', events(1));
        await sub.waitFor(1, 5000);
        for (let i = 0; i < 5; i++) {
          await writer.appendToStream('s', events(1));
          await sub.waitFor(2 + i, 3000);
        }
        expect(sub.received.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6]);
        await subscription.close();
        await sub.done;
      } finally {
        await reader.close();
        await writer.close();
        await schema.drop();
      }
    });
  });
});
