import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, ErrorCode } from '../../src/domain/shared/errors.js';
import { GENESIS_HASH, verifyChain } from '../../src/eventstore/hashChain.js';
import type { EventStore, ExpectedRevision, RecordedEvent } from '../../src/eventstore/port.js';
import { events, metadata, newEvent, type StoreFactory, type StoreUnderTest } from './eventStoreFixtures.js';
import { testEventStoreConcurrency } from './eventStoreConcurrency.contract.js';

export type { StoreFactory, StoreUnderTest } from './eventStoreFixtures.js';

const rejection = async (promise: Promise<unknown>): Promise<Record<string, unknown>> => {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('Expected the promise to reject, but it resolved');
};

/**
 * The behaviour every EventStore adapter must show. `factory` gives a fresh, empty store
 * per test; `cleanup` closes it and removes its storage.
 */
export const testEventStore = (name: string, factory: StoreFactory): void => {
  describe(`EventStore contract: ${name}`, () => {
    let sut: StoreUnderTest;
    let store: EventStore;
    beforeEach(async () => {
      sut = await factory();
      store = sut.store;
    });
    afterEach(async () => {
      await sut.cleanup();
    });

    describe('append and read', () => {
      it('round-trips every field, metadata and JSON data exactly', async () => {
        const data = {
          subject: '受信トレイの設定 — テスト 📬',
          nested: { list: [1, 2.5, -3, 1e21, 0.1], flags: [true, false, null], empty: {}, none: [] },
          quote: 'He said "hi" \\ \n\ttab',
          zero: 0,
        };
        const meta = metadata({ clientIp: '203.0.113.7', reason: '理由', causationId: null, tenant: { id: 't-1' } });
        const first = newEvent('MailboxRenamed', data, meta);
        const second = newEvent('MailboxArchived', null, metadata());
        const before = Date.now();
        const result = await store.appendToStream('mailbox-1', [first, second], { expectedRevision: 'no_stream' });
        const after = Date.now();
        expect(result).toEqual({ nextExpectedRevision: 1, position: 2 });

        const read = await store.readStream('mailbox-1');
        expect(read).toHaveLength(2);
        const [a, b] = read as [RecordedEvent, RecordedEvent];
        expect(a).toMatchObject({ id: first.id, type: 'MailboxRenamed', streamId: 'mailbox-1', revision: 0, position: 1 });
        expect(a.data).toEqual(data);
        expect(a.metadata).toEqual(meta);
        expect(b).toMatchObject({ id: second.id, type: 'MailboxArchived', data: null, revision: 1, position: 2 });
        expect(a.recordedAt).toBeInstanceOf(Date);
        expect(a.recordedAt.getTime()).toBeGreaterThanOrEqual(before);
        expect(a.recordedAt.getTime()).toBeLessThanOrEqual(after);
        expect(a.prevHash).toBe(GENESIS_HASH);
        expect(b.prevHash).toBe(a.hash);
        expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(await store.readAll()).toEqual(read);
      });

      it('reads a missing stream as empty', async () => {
        await store.appendToStream('other', events(1));
        expect(await store.readStream('missing')).toEqual([]);
        expect(await store.readStream('missing', { direction: 'backwards' })).toEqual([]);
      });

      it('refuses invalid appends with VALIDATION and stores nothing', async () => {
        const bad: (() => Promise<unknown>)[] = [
          () => store.appendToStream('s', []),
          () => store.appendToStream('s', [{ ...newEvent(), id: 'not-a-uuid' }]),
          () => store.appendToStream('s', [{ ...newEvent(), id: newEvent().id.toUpperCase() }]),
          () => {
            const e = newEvent();
            return store.appendToStream('s', [e, { ...newEvent(), id: e.id }]);
          },
          () => store.appendToStream('', events(1)),
          () => store.appendToStream('s', events(1), { expectedRevision: 1.5 }),
        ];
        for (const attempt of bad) expect((await rejection(attempt())).code).toBe(ErrorCode.VALIDATION);
        expect(await store.headPosition()).toBe(0);
      });

      it('refuses an event id already stored in another stream', async () => {
        const e = newEvent();
        await store.appendToStream('a', [e]);
        expect((await rejection(store.appendToStream('b', [e]))).code).toBe(ErrorCode.VALIDATION);
        const second = [newEvent(), e];
        expect((await rejection(store.appendToStream('b', second))).code).toBe(ErrorCode.VALIDATION);
        expect(await store.readStream('b')).toEqual([]);
        expect(await store.headPosition()).toBe(1);
      });
    });

    describe('expected revision', () => {
      const cases: { name: string; existing: number; expected: ExpectedRevision; ok: boolean }[] = [
        { name: "'any' on an empty stream", existing: 0, expected: 'any', ok: true },
        { name: "'any' on an existing stream", existing: 2, expected: 'any', ok: true },
        { name: "'no_stream' on an empty stream", existing: 0, expected: 'no_stream', ok: true },
        { name: "'no_stream' on an existing stream", existing: 1, expected: 'no_stream', ok: false },
        { name: "'stream_exists' on an empty stream", existing: 0, expected: 'stream_exists', ok: false },
        { name: "'stream_exists' on an existing stream", existing: 1, expected: 'stream_exists', ok: true },
        { name: 'the current revision', existing: 3, expected: 2, ok: true },
        { name: 'an older revision', existing: 3, expected: 1, ok: false },
        { name: 'a newer revision', existing: 3, expected: 3, ok: false },
        { name: 'a revision on an empty stream', existing: 0, expected: 0, ok: false },
      ];
      // Both sizes: the PostgreSQL adapter runs single-event appends through their own function.
      for (const c of cases) {
        for (const size of [1, 2]) {
          it(`${c.ok ? 'accepts' : 'rejects with ConcurrencyError'} ${c.name} (${size} event${size > 1 ? 's' : ''})`, async () => {
            if (c.existing > 0) await store.appendToStream('s', events(c.existing));
            await store.appendToStream('noise', events(1));
            const attempt = store.appendToStream('s', events(size), { expectedRevision: c.expected });
            if (c.ok) {
              expect(await attempt).toEqual({ nextExpectedRevision: c.existing + size - 1, position: c.existing + 1 + size });
              return;
            }
            const err = await rejection(attempt);
            expect(err).toBeInstanceOf(ConcurrencyError);
            expect(err.code).toBe(ErrorCode.CONCURRENCY);
            expect(err).toMatchObject({
              streamId: 's',
              expected: String(c.expected),
              actual: c.existing === 0 ? 'no_stream' : String(c.existing - 1),
            });
            expect(await store.readStream('s')).toHaveLength(c.existing);
            expect(await store.headPosition()).toBe(c.existing + 1);
          });
        }
      }

      it('returns the revision to pass next', async () => {
        let next = (await store.appendToStream('s', events(2), { expectedRevision: 'no_stream' })).nextExpectedRevision;
        next = (await store.appendToStream('s', events(3), { expectedRevision: next })).nextExpectedRevision;
        expect(next).toBe(4);
        expect((await store.readStream('s')).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      });
    });

    describe('idempotent re-append', () => {
      it('returns the original result and stores nothing new', async () => {
        const batch = events(3);
        const original = await store.appendToStream('s', batch, { expectedRevision: 'no_stream' });
        await store.appendToStream('s', events(2));
        await store.appendToStream('t', events(1));
        const head = await store.headPosition();

        // Same ids again, even with an expected revision that no longer holds.
        expect(await store.appendToStream('s', batch, { expectedRevision: 'no_stream' })).toEqual(original);
        expect(await store.appendToStream('s', batch, { expectedRevision: 0 })).toEqual(original);
        expect(await store.appendToStream('s', batch)).toEqual(original);
        expect(await store.appendToStream('s', batch.slice(0, 1))).toEqual({ nextExpectedRevision: 0, position: 1 });

        expect(await store.headPosition()).toBe(head);
        expect(await store.readAll()).toHaveLength(head);
        expect((await store.readStream('s')).map((e) => e.id).slice(0, 3)).toEqual(batch.map((e) => e.id));
      });

      it('returns the original result of a single event, whatever the expected revision', async () => {
        const [e] = events(1);
        const original = await store.appendToStream('s', [e!], { expectedRevision: 'no_stream' });
        await store.appendToStream('s', events(1));
        const head = await store.headPosition();
        for (const expectedRevision of ['no_stream', 0, 5, 'stream_exists', 'any'] as const) {
          expect(await store.appendToStream('s', [e!], { expectedRevision })).toEqual(original);
        }
        expect(await store.headPosition()).toBe(head);
      });
    });

    describe('readStream', () => {
      beforeEach(async () => {
        for (let i = 0; i < 5; i++) {
          await store.appendToStream('s', [newEvent('Tested', { i })]);
          await store.appendToStream('other', events(1));
        }
      });
      const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
        (await store.readStream('s', options)).map((e) => e.revision);

      it('reads forwards from a revision with a maximum', async () => {
        expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({ from: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ max: 2 })).toEqual([0, 1]);
        expect(await revisions({ from: 1, max: 2 })).toEqual([1, 2]);
        expect(await revisions({ from: 9 })).toEqual([]);
      });

      it('reads backwards from a revision with a maximum', async () => {
        expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', from: 2 })).toEqual([2, 1, 0]);
        expect(await revisions({ direction: 'backwards', max: 2 })).toEqual([4, 3]);
        expect(await revisions({ direction: 'backwards', from: 3, max: 2 })).toEqual([3, 2]);
      });

      it('keeps stream events in revision order with their global positions', async () => {
        const s = await store.readStream('s');
        expect(s.map((e) => e.position)).toEqual([1, 3, 5, 7, 9]);
        expect(s.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
      });
    });

    describe('readAll, positions and the hash chain', () => {
      it('orders events across streams by position, without gaps', async () => {
        expect(await store.headPosition()).toBe(0);
        expect(await store.readAll()).toEqual([]);
        for (let i = 0; i < 12; i++) await store.appendToStream(`s-${i % 3}`, events((i % 3) + 1));
        const all = await store.readAll({ max: 10_000 });
        expect(all.map((e) => e.position)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
        expect(all.map((e) => e.streamId).slice(0, 6)).toEqual(['s-0', 's-1', 's-1', 's-2', 's-2', 's-2']);
        expect(await store.headPosition()).toBe(24);
      });

      it('pages with fromPosition and max', async () => {
        await store.appendToStream('a', events(7));
        await store.appendToStream('b', events(5));
        const page = async (fromPosition?: number, max?: number) =>
          (await store.readAll({ fromPosition, max })).map((e) => e.position);
        expect(await page(5, 3)).toEqual([5, 6, 7]);
        expect(await page(11)).toEqual([11, 12]);
        expect(await page(13)).toEqual([]);
        expect(await page(undefined, 2)).toEqual([1, 2]);
        expect(await page(0, 1)).toEqual([1]);
      });

      it('links every event into one valid chain, also when verified page by page', async () => {
        for (let i = 0; i < 10; i++) await store.appendToStream(`s-${i % 4}`, events(1 + (i % 3)));
        const all = await store.readAll({ max: 10_000 });
        const whole = verifyChain(all, GENESIS_HASH, 1);
        expect(whole).toEqual({ ok: true, lastHash: all.at(-1)!.hash, lastPosition: all.length });

        let prev = GENESIS_HASH;
        let from = 1;
        for (;;) {
          const page = await store.readAll({ fromPosition: from, max: 4 });
          if (page.length === 0) break;
          const r = verifyChain(page, prev, from);
          expect(r.ok).toBe(true);
          if (r.ok) prev = r.lastHash;
          from += page.length;
        }
        expect(from).toBe(all.length + 1);
      });

      it('pings', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('multi-stream append (adapters that offer it)', () => {
      it('stores every part with contiguous positions and one unbroken chain', async () => {
        if (!store.appendToStreams) return;
        await store.appendToStream('a', events(1));
        const results = await store.appendToStreams([
          { streamId: 'a', events: events(2), expectedRevision: 0 },
          { streamId: 'b', events: events(1), expectedRevision: 'no_stream' },
        ]);
        expect(results).toEqual([
          { nextExpectedRevision: 2, position: 3 },
          { nextExpectedRevision: 0, position: 4 },
        ]);
        const all = await store.readAll();
        expect(all.map((e) => [e.streamId, e.revision])).toEqual([['a', 0], ['a', 1], ['a', 2], ['b', 0]]);
        expect(verifyChain(all, undefined, 1).ok).toBe(true);
      });

      it('stores nothing when one part expects a revision the stream no longer has', async () => {
        if (!store.appendToStreams) return;
        await store.appendToStream('a', events(1));
        await store.appendToStream('b', events(2));
        const err = await rejection(
          store.appendToStreams([
            { streamId: 'a', events: events(1), expectedRevision: 0 },
            { streamId: 'b', events: events(1), expectedRevision: 0 },
          ]),
        );
        expect(err).toBeInstanceOf(ConcurrencyError);
        expect(await store.headPosition()).toBe(3);
        expect((await store.readStream('a')).length).toBe(1);
      });

      it('refuses a stream named twice with VALIDATION before touching storage', async () => {
        if (!store.appendToStreams) return;
        const err = await rejection(store.appendToStreams([{ streamId: 'a', events: events(1) }, { streamId: 'a', events: events(1) }]));
        expect(err).toMatchObject({ code: ErrorCode.VALIDATION });
        expect(await store.headPosition()).toBe(0);
      });
    });

    testEventStoreConcurrency(() => store);
  });
};
