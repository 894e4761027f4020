import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, MailroomError } from '../../src/domain/shared/errors.js';
import { canImport, type EventImporter } from '../../src/eventstore/eventImport.js';
import { computeEventHash, verifyChain } from '../../src/eventstore/hashChain.js';
import { KurrentDbEventStore } from '../../src/eventstore/kurrentdb/kurrentdbEventStore.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import type { EventStore, RecordedEvent } from '../../src/eventstore/port.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgresEventStore.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import { events, metadata, newEvent } from '../contract/eventStoreFixtures.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';

type Importing = EventStore & EventImporter;

/** A source chain from the in-memory adapter: several streams, interleaved, odd payloads. */
const sourceEvents = async (): Promise<RecordedEvent[]> => {
  const source = new MemoryEventStore();
  await source.appendToStream('mailbox-1', events(3, 'MailboxRenamed'));
  await source.appendToStream('user-7', [newEvent('UserCreated', { name: '受信 📬', n: [1, 2.5, 1e21], nested: { b: 1, a: null } }, metadata({ clientIp: '203.0.113.9' }))]);
  await new Promise((r) => setTimeout(r, 5));
  await source.appendToStream('mailbox-1', events(2, 'MailboxRenamed'));
  await source.appendToStream('user-7', [newEvent('UserRenamed', undefined)]);
  return source.readAll({ max: 100 });
};

const expectCode = async (promise: Promise<unknown>, code: string, message: RegExp) => {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MailroomError);
  expect((err as MailroomError).code).toBe(code);
  expect((err as Error).message).toMatch(message);
};

const importContract = (name: string, open: () => Promise<{ store: Importing; cleanup: () => Promise<void> }>) =>
  describe(`${name} importRecorded`, () => {
    const withStore = async (run: (store: Importing) => Promise<void>) => {
      const { store, cleanup } = await open();
      try {
        await run(store);
      } finally {
        await cleanup();
      }
    };

    it('stores recorded events verbatim, and appends continue the same chain', () =>
      withStore(async (store) => {
        const original = await sourceEvents();
        await store.importRecorded(original.slice(0, 4));
        await store.importRecorded(original.slice(4));
        const copied = await store.readAll({ max: 100 });
        expect(copied).toEqual(original);
        expect(await store.headPosition()).toBe(original.length);
        expect(await store.readStream('user-7')).toEqual(original.filter((e) => e.streamId === 'user-7'));
        await store.appendToStream('mailbox-1', events(1), { expectedRevision: 4 });
        const all = await store.readAll({ max: 100 });
        expect(all).toHaveLength(original.length + 1);
        expect(verifyChain(all, undefined, 1)).toMatchObject({ ok: true, lastPosition: original.length + 1 });
      }));

    it('refuses a run that does not continue the head, writing nothing', () =>
      withStore(async (store) => {
        const original = await sourceEvents();
        await expectCode(store.importRecorded(original.slice(1)), ErrorCode.ILLEGAL_STATE, /continue the target head at position 1, got position 2/);
        await store.importRecorded(original.slice(0, 2));
        await expectCode(store.importRecorded(original.slice(0, 2)), ErrorCode.ILLEGAL_STATE, /continue the target head at position 3/);
        expect(await store.headPosition()).toBe(2);
      }));

    it('refuses a tampered event and rolls back the whole run', () =>
      withStore(async (store) => {
        const original = await sourceEvents();
        const tampered = original.map((e) => (e.position === 3 ? { ...e, data: { i: 99 } } : e));
        await expectCode(store.importRecorded(tampered), ErrorCode.ILLEGAL_STATE, /Hash mismatch at position 3/);
        expect(await store.headPosition()).toBe(0);
        expect(await store.readAll()).toEqual([]);
        const relinked = original.map((e) => (e.position === 2 ? { ...e, prevHash: 'f'.repeat(64) } : e));
        await expectCode(store.importRecorded(relinked), ErrorCode.ILLEGAL_STATE, /Hash chain broken at position 2/);
      }));

    it('refuses revisions that skip or repeat one', () =>
      withStore(async (store) => {
        const original = await sourceEvents();
        const [first] = original;
        const fake = { ...first!, revision: 1 };
        const rehashed = { ...fake, hash: computeEventHash(fake.prevHash, fake) };
        await expectCode(store.importRecorded([rehashed]), ErrorCode.ILLEGAL_STATE, /Revision gap at position 1: stream "mailbox-1" is at revision -1/);
        expect(await store.headPosition()).toBe(0);
      }));
  });

importContract('memory', async () => {
  const store = new MemoryEventStore();
  return { store, cleanup: () => store.close() };
});

importContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mailroom-import-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  return { store, cleanup: async () => (await store.close(), await rm(dir, { recursive: true, force: true })) };
});

const pgAvailable = await postgresAvailable();
describe.runIf(pgAvailable)('postgres', () => {
  importContract('postgres', async () => {
    const schema = await createTestSchema();
    const store = await PostgresEventStore.create({ connectionString: schema.url });
    return { store, cleanup: async () => (await store.close(), await schema.drop()) };
  });
});

// As in kurrentdbEventStore.int.test.ts: runs only where a KurrentDB server is configured.
const kurrentDb = process.env.KURRENTDB_CONNECTION_STRING;
describe.skipIf(!kurrentDb)('kurrentdb', () => {
  importContract('kurrentdb', async () => {
    const store = new KurrentDbEventStore({ connectionString: kurrentDb!, namespace: `t${randomUUID()}-` });
    return { store, cleanup: () => store.close() };
  });
});

describe('canImport', () => {
  it('recognises the adapters that implement EventImporter', () => {
    expect(canImport(new MemoryEventStore())).toBe(true);
    const plain: EventStore = { kind: 'x' } as EventStore;
    expect(canImport(plain)).toBe(false);
  });
});
