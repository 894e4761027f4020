import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import { SeenDisposition } from '../../src/mail/fetch/fetchStateStore.js';
import type { NewMessage } from '../../src/mail/messageStore/messageStore.js';
import { allProjections } from '../../src/projections/all.js';
import { rebuildProjections } from '../../src/projections/rebuild.js';
import { readModelKinds } from '../db/readModelDbs.js';
import { openFetchWorld, type FetchWorld } from './fetchHarness.js';

const kinds = await readModelKinds();
const MESSAGE_TABLES = ['messages', 'message_raw', 'fetch_cursors', 'fetch_seen_sources'];

const message = (overrides: Partial<NewMessage> & { body?: string } = {}): NewMessage => {
  const raw = Buffer.from(overrides.body ?? `Subject: s\r\nMessage-ID: <m@x>\r\n\r\nbody ${Math.random()}\r\n`);
  return {
    mailboxNumber: 1,
    accountId: 'acct-1',
    sourceKey: 'uidl:1',
    messageId: '<m@x>',
    subject: 's',
    from: 'a@example.com',
    dateHeader: 'Fri, 27 Nov 2026 09:00:00 +0900',
    receivedAt: new Date('2026-11-27T00:00:00.000Z'),
    size: raw.length,
    sha256: createHash('sha256').update(raw).digest('hex'),
    raw,
    ...overrides,
  };
};

describe.each(kinds)('message store on %s', (kind) => {
  let world: FetchWorld;
  beforeEach(async () => {
    world = await openFetchWorld(kind);
  });
  afterEach(async () => {
    await world.cleanup();
  });

  it('stores metadata and raw bytes, and a second insert of the same source key is a no-op', async () => {
    const { store } = world;
    const raw = Buffer.from([0x53, 0x3a, 0x20, 0xff, 0x00, 0x0d, 0x0a]);
    const first = await store.insert(message({ raw, size: raw.length }));
    const again = await store.insert(message({ raw: Buffer.from('other'), subject: 'changed' }));
    expect(first.inserted).toBe(true);
    expect(again).toEqual({ id: first.id, inserted: false });
    expect(await store.count(1)).toBe(1);
    expect(Buffer.from((await store.readRaw(first.id))!)).toEqual(raw);
    expect(await store.get(first.id)).toMatchObject({ subject: 's', sourceKey: 'uidl:1', receivedAt: '2026-11-27T00:00:00.000Z' });
    expect(await store.has('acct-1', 'uidl:1')).toBe(true);
    expect(await store.has('acct-2', 'uidl:1')).toBe(false);
  });

  it('finds the same mail by identical bytes, or by Message-ID together with Date, never by Message-ID alone', async () => {
    const { store } = world;
    const stored = message({ body: 'Subject: a\r\n\r\nsame bytes\r\n' });
    const { id } = await store.insert(stored);
    const probe = { excludeSourceKey: 'uidl:2', sha256: 'f'.repeat(64), messageId: '<m@x>', dateHeader: stored.dateHeader };
    expect((await store.findSameMail('acct-1', { ...probe, sha256: stored.sha256, messageId: null }))?.id).toBe(id);
    expect((await store.findSameMail('acct-1', probe))?.id).toBe(id);
    expect(await store.findSameMail('acct-1', { ...probe, dateHeader: 'Sat, 28 Nov 2026 09:00:00 +0900' })).toBeUndefined();
    expect(await store.findSameMail('acct-1', { ...probe, bytesOnly: true })).toBeUndefined();
    expect(await store.findSameMail('acct-1', { ...probe, excludeSourceKey: 'uidl:1' })).toBeUndefined();
    expect(await store.findSameMail('acct-1', { ...probe, sourceKeyPrefix: 'imap:' })).toBeUndefined();
    expect(await store.findSameMail('acct-other', probe)).toBeUndefined();
  });

  it('lists newest first with keyset pages, counts per mailbox, and a mailbox reset removes only that mailbox', async () => {
    const { store } = world;
    for (let i = 0; i < 5; i++) {
      await store.insert(message({ sourceKey: `uidl:${i}`, subject: `m${i}`, receivedAt: new Date(Date.UTC(2026, 10, 27, 0, i)) }));
    }
    await store.insert(message({ mailboxNumber: 2, accountId: 'acct-2', sourceKey: 'uidl:x' }));
    const page1 = await store.list(1, { limit: 2 });
    const page2 = await store.list(1, { limit: 2, beforeId: page1[1]!.id });
    const page3 = await store.list(1, { limit: 2, beforeId: page2[1]!.id });
    expect([...page1, ...page2, ...page3].map((m) => m.subject)).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect(await store.count(1)).toBe(5);

    expect(await store.deleteMailbox(1)).toBe(5);
    expect(await store.count(1)).toBe(0);
    expect(await store.readRaw(page1[0]!.id)).toBeUndefined();
    expect(await store.count(2)).toBe(1);
    const rawRows = await world.opened.handle.db.selectFrom('message_raw').select('id').execute();
    expect(rawRows).toHaveLength(1);
  });

  it('is operational data: no projection lists its tables, and a full projection rebuild leaves it alone', async () => {
    for (const projection of allProjections) {
      expect(projection.tables.filter((t) => MESSAGE_TABLES.includes(t)), projection.name).toEqual([]);
    }
    await world.store.insert(message());
    await world.state.record('acct-1', [{ sourceKey: 'uidl:1', disposition: SeenDisposition.IMPORTED, size: 1 }], new Date());
    await rebuildProjections(new MemoryEventStore(), world.opened.handle.db, allProjections);
    expect(await world.store.count(1)).toBe(1);
    expect((await world.state.lookup('acct-1', ['uidl:1'])).get('uidl:1')).toBe('IMPORTED');
  });
});

describe.each(kinds)('fetch state on %s', (kind) => {
  let world: FetchWorld;
  beforeEach(async () => {
    world = await openFetchWorld(kind);
  });
  afterEach(async () => {
    await world.cleanup();
  });

  it('records, looks up in chunks, upserts, prunes what left the server, and forgets an account', async () => {
    const { state } = world;
    const keys = Array.from({ length: 1200 }, (_, i) => `uidl:${String(i).padStart(5, '0')}`);
    await state.record('a', keys.map((sourceKey) => ({ sourceKey, disposition: SeenDisposition.IMPORTED, size: 10 })), new Date());
    await state.record('a', [{ sourceKey: 'uidl:00001', disposition: SeenDisposition.TOO_LARGE, size: 99 }], new Date());
    await state.record('a', [{ sourceKey: 'imap:7:1', disposition: SeenDisposition.TOO_LARGE, size: 99 }], new Date());
    await state.record('b', [{ sourceKey: 'uidl:00001', disposition: SeenDisposition.IMPORTED, size: 10 }], new Date());

    const found = await state.lookup('a', [...keys, 'uidl:missing']);
    expect(found.size).toBe(1200);
    expect(found.get('uidl:00001')).toBe('TOO_LARGE');

    const present = new Set(keys.slice(0, 700));
    expect(await state.prune('a', present, 'uidl:')).toBe(500);
    expect((await state.lookup('a', keys)).size).toBe(700);
    expect((await state.lookup('a', ['imap:7:1'])).size).toBe(1);
    expect((await state.lookup('b', ['uidl:00001'])).size).toBe(1);

    await state.setUidValidity('a', '123', new Date());
    await state.setUidValidity('a', '456', new Date());
    expect(await state.getUidValidity('a')).toBe('456');
    await state.forgetAccount('a');
    expect(await state.getUidValidity('a')).toBeUndefined();
    expect((await state.lookup('a', keys)).size).toBe(0);
    expect((await state.lookup('b', ['uidl:00001'])).size).toBe(1);
  });
});
