import { createHash } from 'node:crypto';
import { identitySecretFields } from '../../domain/identity/secrets.js';
import { inboundSecretFields } from '../../domain/inbound/index.js';
import { chatDestinationSecretFields } from '../../domain/integrations/chatDestinations.decider.js';
import { messageChannelSecretFields } from '../../domain/integrations/messageChannels.decider.js';
import { outboundSecretFields } from '../../domain/outbound/secrets.js';
import { canonicalJson } from '../../eventstore/hashChain.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { leafHash } from './merkle.js';

/**
 * The audit record of an event: what the Merkle tree commits to and what exports, proofs
 * and the collector stream carry. It is the stored event with every secret field replaced
 * by `{"secret":"changed","sha256":<hex of SHA-256 over the field's canonical JSON>}`: the
 * value never leaves (even ciphertext and password hashes stay home), yet an edited secret
 * still changes the record. The values are vault ciphertext (random nonce), argon2 strings
 * (random salt) or hashes of random tokens, so their digest reveals nothing guessable.
 *
 * The leaf of position p is SHA-256(0x00 || SHA-256(canonical JSON of the record)), where
 * canonical JSON sorts object keys at every level (src/eventstore/hashChain.ts). Nothing in
 * it depends on the read models or on the vault, so a mailbox reset (which destroys keys
 * and wipes read models, never events) changes no leaf.
 */
export interface AuditRecord {
  readonly position: number;
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: unknown;
  /** The event's hash-chain value and its predecessor's (src/eventstore/hashChain.ts). */
  readonly hash: string;
  readonly prevHash: string;
}

/** Event type → top-level data fields holding secrets, over every area. */
export const auditSecretFields: Readonly<Record<string, readonly string[]>> = {
  ...identitySecretFields,
  ...inboundSecretFields,
  ...outboundSecretFields,
  ...chatDestinationSecretFields,
  ...messageChannelSecretFields,
};

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export const SECRET_CHANGED = 'changed';

const redactedData = (type: string, data: unknown): unknown => {
  const fields = auditSecretFields[type];
  if (!fields || data === null || typeof data !== 'object') return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const f of fields) {
    if (out[f] !== undefined) out[f] = { secret: SECRET_CHANGED, sha256: sha256Hex(canonicalJson(out[f])) };
  }
  return out;
};

export const auditRecordOf = (e: RecordedEvent): AuditRecord => ({
  position: e.position,
  id: e.id,
  streamId: e.streamId,
  revision: e.revision,
  type: e.type,
  recordedAt: e.recordedAt.toISOString(),
  data: redactedData(e.type, e.data),
  metadata: e.metadata,
  hash: e.hash,
  prevHash: e.prevHash,
});

/** SHA-256 over the record's canonical JSON: the "event digest" the leaf hashes. */
export const recordDigest = (record: AuditRecord): Buffer => createHash('sha256').update(canonicalJson(record)).digest();

export const recordLeaf = (record: AuditRecord): Buffer => leafHash(recordDigest(record));
