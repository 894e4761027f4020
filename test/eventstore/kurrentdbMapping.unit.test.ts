import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError, type JSONRecordedEvent } from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, ErrorCode } from '../../src/domain/shared/errors.js';
import { GENESIS_HASH, computeEventHash, verifyChain } from '../../src/eventstore/hashChain.js';
import {
  appendRequestsOf,
  ENVELOPE_KEY,
  decodeEvent,
  encodeEvent,
  isProductEvent,
  locateEvent,
  productStreamRegex,
  toStreamState,
  translateAppendError,
  assertWritableStreamId,
  type HeadEntry,
} from '../../src/eventstore/kurrentdb/kurrentdbMapping.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { metadata, newEvent } from '../contract/eventStoreFixtures.js';

const recorded = (position: number, prevHash: string, data: unknown = { subject: '受信 📬', n: [1, 2.5, 1e21] }) => {
  const e = newEvent('MailboxRenamed', data, metadata({ clientIp: '203.0.113.7', tenant: { id: 't' } }));
  const content = { ...e, streamId: 'mailbox-1', position, revision: position - 1, recordedAt: new Date('2024-05-01T10:00:00.123Z') };
  return { ...content, prevHash, hash: computeEventHash(prevHash, content) } satisfies RecordedEvent;
};

/** What the server hands back for an appended JSON event: the same JSON, re-parsed. */
const asStored = (e: RecordedEvent, namespace = ''): JSONRecordedEvent => {
  const wire = encodeEvent(e);
  return {
    streamId: namespace + e.streamId,
    id: wire.id,
    isJson: true,
    revision: BigInt(e.revision),
    type: wire.type,
    created: new Date('2030-01-01T00:00:00Z'),
    data: JSON.parse(JSON.stringify(wire.data)),
    metadata: JSON.parse(JSON.stringify(wire.metadata)),
  } as JSONRecordedEvent;
};

describe('expected revision mapping', () => {
  it('maps the port values to the client stream states', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState(-1)).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });
});

describe('error translation', () => {
  it('turns WrongExpectedVersionError into ConcurrencyError with the port values', () => {
    const atRevision = new WrongExpectedVersionError(undefined, { streamName: 'ns-s', expected: 2n, current: 4n });
    const err = translateAppendError(atRevision, 's', 2) as ConcurrencyError;
    expect(err).toBeInstanceOf(ConcurrencyError);
    expect(err).toMatchObject({ code: ErrorCode.CONCURRENCY, streamId: 's', expected: '2', actual: '4' });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(translateAppendError(missing, 's', 'stream_exists')).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
  });

  it('passes other errors through unchanged', () => {
    const other = new Error('unavailable');
    expect(translateAppendError(other, 's', 'any')).toBe(other);
  });
});

describe('event serialisation', () => {
  it('round-trips every field and keeps the hash chain verifiable', () => {
    const a = recorded(1, GENESIS_HASH);
    const b = recorded(2, a.hash, null);
    const back = [a, b].map((e) => decodeEvent(asStored(e, 'ns-'), 'ns-'));
    expect(back).toEqual([a, b]);
    expect(verifyChain(back, GENESIS_HASH, 1).ok).toBe(true);
  });

  it('sends metadata as string properties only, as multiStreamAppend requires', () => {
    const wire = encodeEvent(recorded(1, GENESIS_HASH));
    expect(Object.values(wire.metadata as Record<string, unknown>).every((v) => typeof v === 'string')).toBe(true);
    expect(Object.keys(wire.metadata as object)).toEqual([ENVELOPE_KEY]);
  });

  it('decodes metadata delivered as bytes and refuses events without an envelope', () => {
    const e = recorded(1, GENESIS_HASH);
    const stored = asStored(e);
    const bytes = { ...stored, metadata: new TextEncoder().encode(JSON.stringify(stored.metadata)) } as unknown as JSONRecordedEvent;
    expect(decodeEvent(bytes, '')).toEqual(e);
    expect(() => decodeEvent({ ...stored, metadata: { other: 'x' } } as JSONRecordedEvent, '')).toThrow(/no "mailroom" metadata/);
  });
});

describe('stream and type filter', () => {
  const matches = (namespace: string, stream: string) => new RegExp(productStreamRegex(namespace)).test(stream);

  it('keeps product streams and drops system and bookkeeping streams', () => {
    expect(matches('', 'mailbox-1')).toBe(true);
    expect(matches('', '$et-Tested')).toBe(false);
    expect(matches('', '$$mailbox-1')).toBe(false);
    expect(matches('', 'mailroom-head')).toBe(false);
    expect(matches('', 'mailroom-headquarters')).toBe(true);
    expect(matches('', 'mailroom-id-0b7c2a9e-0000-4000-8000-000000000000')).toBe(false);
    expect(matches('t.1-', 't.1-mailbox')).toBe(true);
    expect(matches('t.1-', 'tx1-mailbox')).toBe(false);
    expect(matches('t.1-', 't.1-mailroom-head')).toBe(false);
  });

  it('drops system event types client-side too', () => {
    expect(isProductEvent('ns-s', 'MailboxRenamed', 'ns-')).toBe(true);
    expect(isProductEvent('ns-s', '$>', 'ns-')).toBe(false);
    expect(isProductEvent('other-s', 'MailboxRenamed', 'ns-')).toBe(false);
    expect(isProductEvent('ns-mailroom-head', 'MailroomHeadAdvanced', 'ns-')).toBe(false);
  });

  it('refuses stream ids that collide with system or bookkeeping streams', () => {
    for (const id of ['$all', 'mailroom-head', 'mailroom-id-x']) {
      expect(() => assertWritableStreamId(id)).toThrow(expect.objectContaining({ code: ErrorCode.VALIDATION }));
    }
    expect(() => assertWritableStreamId('mailbox-1')).not.toThrow();
  });
});

describe('global position map', () => {
  // Batches of sizes 2, 1, 3, 1 on streams a, b, a, c: positions 1-2, 3, 4-6, 7.
  const entries: HeadEntry[] = [
    { position: 2, count: 2, streamId: 'a', firstRevision: 0, hash: 'h' },
    { position: 3, count: 1, streamId: 'b', firstRevision: 0, hash: 'h' },
    { position: 6, count: 3, streamId: 'a', firstRevision: 2, hash: 'h' },
    { position: 7, count: 1, streamId: 'c', firstRevision: 0, hash: 'h' },
  ];
  it('finds the stream and revision of every position and nothing past the head', async () => {
    let reads = 0;
    const read = async (r: number) => (reads++, entries[r]!);
    const found = [];
    for (let p = 1; p <= 7; p++) found.push(await locateEvent(p, entries.length - 1, read));
    expect(found).toEqual([
      { streamId: 'a', revision: 0 },
      { streamId: 'a', revision: 1 },
      { streamId: 'b', revision: 0 },
      { streamId: 'a', revision: 2 },
      { streamId: 'a', revision: 3 },
      { streamId: 'a', revision: 4 },
      { streamId: 'c', revision: 0 },
    ]);
    expect(reads).toBeLessThanOrEqual(7 * 3);
    expect(await locateEvent(8, entries.length - 1, read)).toBeNull();
  });
});

describe('appendRequestsOf (one atomic multiStreamAppend)', () => {
  it('writes each part at its revision, one head entry per part in chain order, and one id claim per event', () => {
    const a1 = recorded(4, 'h3');
    const a2 = recorded(5, a1.hash);
    const b1 = { ...recorded(6, a2.hash), streamId: 'smtp-1', revision: 0 };
    const requests = appendRequestsOf((s) => `ns-${s}`, [{ streamId: 'mailbox-1', current: 2, recorded: [a1, a2] }, { streamId: 'smtp-1', current: -1, recorded: [b1] }], 7);
    expect(requests.map((r) => [r.streamName, r.expectedState])).toEqual([
      ['ns-mailbox-1', 2n],
      ['ns-smtp-1', NO_STREAM],
      ['ns-mailroom-head', 7n],
      [`ns-mailroom-id-${a1.id}`, NO_STREAM],
      [`ns-mailroom-id-${a2.id}`, NO_STREAM],
      [`ns-mailroom-id-${b1.id}`, NO_STREAM],
    ]);
    expect(requests[2]!.events.map((e) => e.data)).toEqual([
      { position: 5, hash: a2.hash, count: 2, streamId: 'mailbox-1', firstRevision: 3 },
      { position: 6, hash: b1.hash, count: 1, streamId: 'smtp-1', firstRevision: 0 },
    ]);
    expect(requests[5]!.events[0]!.data).toEqual({ streamId: 'smtp-1', revision: 0, position: 6 });
  });
});
