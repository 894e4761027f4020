import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  computeEventHash,
  eventHashParts,
  GENESIS_HASH,
  hashEventParts,
  type HashedContent,
  verifyChain,
} from '../../src/eventstore/hashChain.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';

const chain = (count: number): RecordedEvent[] => {
  const out: RecordedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < count; i++) {
    const content: HashedContent = {
      position: i + 1,
      streamId: `mailbox-${i % 2}`,
      revision: Math.floor(i / 2),
      id: randomUUID(),
      type: 'SettingChanged',
      data: { key: 'signature', value: `署名 ${i}` },
      metadata: { actorId: 'u-1', correlationId: `c-${i}` },
      recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
    };
    const hash = computeEventHash(prevHash, content);
    out.push({ ...content, hash, prevHash });
    prevHash = hash;
  }
  return out;
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined }, e: new Date(0) })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1,"e":"1970-01-01T00:00:00.000Z"}',
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    expect(canonicalJson([undefined, 'ü', -1.5, [], {}])).toBe('[null,"ü",-1.5,[],{}]');
    expect(canonicalJson({ 'b': 1, 'B': 2, 'ä': 3, 'a1': 4 })).toBe('{"B":2,"a1":4,"b":1,"ä":3}');
  });
});

describe('event hash', () => {
  it('covers the previous hash and the canonical content, whatever the key order', () => {
    const [e] = chain(1) as [RecordedEvent];
    const { hash: _h, prevHash: _p, ...content } = e;
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonicalJson(content)}`).digest('hex');
    expect(e.hash).toBe(expected);
    const reordered = { ...content, data: { value: (e.data as { value: string }).value, key: 'signature' } };
    expect(computeEventHash(GENESIS_HASH, reordered)).toBe(expected);
  });

  it('gives the same hash from the split parts the SQL adapters use', () => {
    const samples: unknown[] = [null, 0, 'テスト "quoted" \\ \n', [1, { b: 2, a: [null, true] }], { z: { y: 1e21, x: 0.1 } }];
    for (const data of samples) {
      const content: HashedContent = {
        position: 123_456_789,
        revision: 42,
        streamId: 'stream "with" quotes/äöü',
        id: randomUUID(),
        type: 'Type.With.Dots',
        data,
        metadata: { actorId: null, correlationId: 'c', reason: '理由', extra: { b: 1, a: 2 } },
        recordedAt: new Date('2025-06-01T12:34:56.789Z'),
      };
      const parts = eventHashParts(content);
      const dataJson = canonicalJson(content.data);
      const metadataJson = canonicalJson(content.metadata);
      expect(
        `${parts[0]}${dataJson}${parts[1]}${metadataJson}${parts[2]}${content.position}${parts[3]}${content.revision}${parts[4]}`,
      ).toBe(canonicalJson(content));
      const slots = { dataJson, metadataJson, position: content.position, revision: content.revision };
      expect(hashEventParts('f'.repeat(64), parts, slots)).toBe(computeEventHash('f'.repeat(64), content));
    }
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its end', () => {
    const events = chain(6);
    expect(verifyChain(events, GENESIS_HASH, 1)).toEqual({ ok: true, lastHash: events[5]!.hash, lastPosition: 6 });
    expect(verifyChain(events.slice(3), events[2]!.hash, 4).ok).toBe(true);
    expect(verifyChain([])).toEqual({ ok: true, lastHash: GENESIS_HASH, lastPosition: null });
  });

  it('detects changed data at the changed event', () => {
    const events = chain(6);
    events[2] = { ...events[2]!, data: { key: 'signature', value: 'forged' } };
    expect(verifyChain(events, GENESIS_HASH, 1)).toEqual({ ok: false, break: { position: 3, reason: 'hash_mismatch' } });
  });

  it('detects changed metadata, time or stream', () => {
    for (const change of [
      { metadata: { actorId: 'intruder', correlationId: 'c-1' } },
      { recordedAt: new Date(Date.UTC(2020, 0, 1)) },
      { streamId: 'other' },
      { type: 'SettingRemoved' },
    ]) {
      const events = chain(4);
      events[1] = { ...events[1]!, ...change };
      expect(verifyChain(events, GENESIS_HASH, 1)).toEqual({ ok: false, break: { position: 2, reason: 'hash_mismatch' } });
    }
  });

  it('detects a removed event as a gap in positions', () => {
    const events = chain(6);
    const removed = [...events.slice(0, 3), ...events.slice(4)];
    expect(verifyChain(removed, GENESIS_HASH, 1)).toEqual({ ok: false, break: { position: 4, reason: 'position_gap' } });
    expect(verifyChain(removed)).toEqual({ ok: false, break: { position: 4, reason: 'position_gap' } });
  });

  it('detects a removed first event by the expected first position or the genesis link', () => {
    const events = chain(3);
    expect(verifyChain(events.slice(1), GENESIS_HASH, 1)).toEqual({ ok: false, break: { position: 1, reason: 'position_gap' } });
    expect(verifyChain(events.slice(1))).toEqual({ ok: false, break: { position: 2, reason: 'prev_hash_mismatch' } });
  });

  it('detects a removed event whose successors were renumbered', () => {
    const events = chain(5);
    const renumbered = [...events.slice(0, 2), ...events.slice(3).map((e) => ({ ...e, position: e.position - 1 }))];
    expect(verifyChain(renumbered, GENESIS_HASH, 1)).toEqual({
      ok: false,
      break: { position: 3, reason: 'prev_hash_mismatch' },
    });
  });

  it('detects reordered events, also when their positions were swapped too', () => {
    const events = chain(5);
    const swapped = [events[0]!, events[2]!, events[1]!, events[3]!, events[4]!];
    expect(verifyChain(swapped, GENESIS_HASH, 1)).toEqual({ ok: false, break: { position: 2, reason: 'position_gap' } });
    const renumbered = swapped.map((e, i) => ({ ...e, position: i + 1 }));
    expect(verifyChain(renumbered, GENESIS_HASH, 1)).toEqual({
      ok: false,
      break: { position: 2, reason: 'prev_hash_mismatch' },
    });
  });

  it('detects a recomputed hash that no longer links to its predecessor', () => {
    const events = chain(4);
    const forged = { ...events[1]!, data: { key: 'signature', value: 'forged' } };
    events[1] = { ...forged, hash: computeEventHash(forged.prevHash, forged) };
    expect(verifyChain(events, GENESIS_HASH, 1)).toEqual({ ok: false, break: { position: 3, reason: 'prev_hash_mismatch' } });
  });
});
