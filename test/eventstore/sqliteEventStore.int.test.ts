import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventStore } from '../../src/eventstore/index.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import { testEventStore } from '../contract/eventStore.contract.js';
import { events } from '../contract/eventStoreFixtures.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'mailroom-es-'));

testEventStore('sqlite', async () => {
  const dir = await tempDir();
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore file handling', () => {
  it('creates the directory, uses WAL, and keeps events across reopening', async () => {
    const dir = await tempDir();
    const path = join(dir, 'nested', 'data', 'events.sqlite');
    try {
      const first = await createEventStore({ kind: 'sqlite', path });
      expect(first.kind).toBe('sqlite');
      await first.appendToStream('s', events(3));
      const journal = (first as SqliteEventStore).database.prepare('PRAGMA journal_mode').get();
      expect(journal).toEqual({ journal_mode: 'wal' });
      await first.close();

      const second = new SqliteEventStore({ path });
      expect((await second.readAll()).map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(await second.appendToStream('s', events(1), { expectedRevision: 2 })).toEqual({
        nextExpectedRevision: 3,
        position: 4,
      });
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('continues one chain when two connections append to the same file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'events.sqlite');
    const a = new SqliteEventStore({ path });
    const b = new SqliteEventStore({ path });
    try {
      for (let i = 0; i < 10; i++) await (i % 2 ? a : b).appendToStream(`s-${i % 3}`, events(2));
      const { verifyChain } = await import('../../src/eventstore/hashChain.js');
      const all = await a.readAll();
      expect(all.map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(verifyChain(all, undefined, 1).ok).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('group-commits concurrent appends: one durable commit, a conflict refuses only its own append', async () => {
    const dir = await tempDir();
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    try {
      await store.appendToStream('taken', events(1));
      let commits = 0;
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, i) => store.appendToStream(`g-${i}`, events(1), { expectedRevision: 'no_stream' })),
        store.appendToStream('taken', events(1), { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.slice(0, 20).every((o) => o.status === 'fulfilled')).toBe(true);
      expect(outcomes[20]).toMatchObject({ status: 'rejected', reason: { code: 'CONCURRENCY' } });
      // Another connection sees one commit for all twenty (data_version moves once per commit by others).
      const other = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
      const version = other.database.prepare('PRAGMA data_version');
      const v0 = version.get() as { data_version: number };
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.appendToStream(`h-${i}`, events(1))));
      commits = (version.get() as { data_version: number }).data_version - v0.data_version;
      expect(commits).toBe(1);
      await other.close();
      const all = await store.readAll();
      expect(all).toHaveLength(26);
      const { verifyChain } = await import('../../src/eventstore/hashChain.js');
      expect(verifyChain(all, undefined, 1).ok).toBe(true);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
