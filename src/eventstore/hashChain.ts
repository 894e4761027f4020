import { hash } from 'node:crypto';
import type { RecordedEvent } from './port.js';

/** prevHash of the first event in the store. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same content always hashes the same.
 * Written as plain loops: it runs on every appended event and every verified one.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
};

export type HashedContent = Omit<RecordedEvent, 'hash' | 'prevHash'>;

/**
 * The canonical text an event hash covers, as literal segments around four slots: data,
 * metadata, position and revision (canonical key order puts them in that order). The SQL
 * adapters learn position and revision only under the append lock, and PostgreSQL
 * computes the hash inside the database, so the slots are filled late; data and metadata
 * are slots so that their (large) JSON is sent once, not once more inside the segments.
 * `segments[0] + data + segments[1] + metadata + segments[2] + position + segments[3] +
 * revision + segments[4]` equals `canonicalJson` of the content.
 */
export type EventHashParts = readonly [string, string, string, string, string];

/**
 * Fill the slots with `canonicalJson` of data (null when absent, as a JSON column gives it
 * back) and of metadata; adapters store those same strings, so each value is serialised once.
 */
export const eventHashParts = (e: Pick<HashedContent, 'streamId' | 'id' | 'type' | 'recordedAt'>): EventHashParts => [
  '{"data":',
  `,"id":${JSON.stringify(e.id)},"metadata":`,
  ',"position":',
  `,"recordedAt":${JSON.stringify(e.recordedAt.toISOString())},"revision":`,
  `,"streamId":${JSON.stringify(e.streamId)},"type":${JSON.stringify(e.type)}}`,
];

/** One-shot `crypto.hash` rather than `createHash`: about twice as fast on short inputs. */
export const hashEventParts = (
  prevHash: string,
  parts: EventHashParts,
  slots: { dataJson: string; metadataJson: string; position: number; revision: number },
): string =>
  hash(
    'sha256',
    `${prevHash}\n${parts[0]}${slots.dataJson}${parts[1]}${slots.metadataJson}${parts[2]}${slots.position}` +
      `${parts[3]}${slots.revision}${parts[4]}`,
    'hex',
  );

/**
 * One global chain: each event's hash covers the previous event's hash and everything
 * stored about the event, so altering, removing or reordering any event breaks every
 * hash after it.
 */
export const computeEventHash = (prevHash: string, e: HashedContent): string =>
  hashEventParts(prevHash, eventHashParts(e), {
    dataJson: canonicalJson(e.data),
    metadataJson: canonicalJson(e.metadata),
    position: e.position,
    revision: e.revision,
  });

export interface ChainBreak {
  readonly position: number;
  readonly reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'position_gap';
}

/**
 * Verifies a contiguous run of events. `prevHash` is the hash of the event before the
 * first one (GENESIS_HASH when starting at position 1).
 */
export const verifyChain = (
  events: Iterable<RecordedEvent>,
  prevHash: string = GENESIS_HASH,
  expectedFirstPosition?: number,
): { ok: true; lastHash: string; lastPosition: number | null } | { ok: false; break: ChainBreak } => {
  let prev = prevHash;
  let expectedPos = expectedFirstPosition;
  let lastPosition: number | null = null;
  for (const e of events) {
    if (expectedPos !== undefined && e.position !== expectedPos) {
      return { ok: false, break: { position: expectedPos, reason: 'position_gap' } };
    }
    if (e.prevHash !== prev) return { ok: false, break: { position: e.position, reason: 'prev_hash_mismatch' } };
    if (computeEventHash(prev, e) !== e.hash) return { ok: false, break: { position: e.position, reason: 'hash_mismatch' } };
    prev = e.hash;
    lastPosition = e.position;
    expectedPos = e.position + 1;
  }
  return { ok: true, lastHash: prev, lastPosition };
};
