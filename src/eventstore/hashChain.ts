import { createHash } from 'node:crypto';
import type { RecordedEvent } from './port.js';

/** prevHash of the first event in the store. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

export type HashedContent = Omit<RecordedEvent, 'hash' | 'prevHash'>;

/**
 * One global chain: each event's hash covers the previous event's hash and everything
 * stored about the event, so altering, removing or reordering any event breaks every
 * hash after it.
 */
export const computeEventHash = (prevHash: string, e: HashedContent): string =>
  createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        position: e.position,
        streamId: e.streamId,
        revision: e.revision,
        id: e.id,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
        recordedAt: e.recordedAt.toISOString(),
      }),
    )
    .digest('hex');

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
