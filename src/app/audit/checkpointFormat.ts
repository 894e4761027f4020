import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * A signed checkpoint: "the log had `position` events, the last with chain hash
 * `headHash`, and the RFC 9162 root of their audit records was `rootHash`", signed with
 * Ed25519 (RFC 8032) over the checkpoint text:
 *
 *   mailroom-audit-checkpoint v1\n
 *   position <decimal>\n
 *   head <64 hex>\n
 *   root <64 hex>\n
 *   time <ISO-8601 UTC>\n
 *
 * Plain text so that an auditor can check a signature with openssl alone (README).
 */
export interface SignedCheckpoint {
  readonly version: 1;
  readonly position: number;
  readonly headHash: string;
  readonly rootHash: string;
  readonly time: string;
  readonly keyId: string;
  /** base64 */
  readonly signature: string;
}

export type CheckpointBody = Pick<SignedCheckpoint, 'position' | 'headHash' | 'rootHash' | 'time'>;

export const checkpointText = (c: CheckpointBody): string =>
  `mailroom-audit-checkpoint v1\nposition ${c.position}\nhead ${c.headHash}\nroot ${c.rootHash}\ntime ${c.time}\n`;

export const signCheckpoint = (body: CheckpointBody, key: { privateKey: KeyObject; keyId: string }): SignedCheckpoint => ({
  version: 1,
  ...body,
  keyId: key.keyId,
  signature: sign(null, Buffer.from(checkpointText(body)), key.privateKey).toString('base64'),
});

export const verifyCheckpointSignature = (c: SignedCheckpoint, publicKey: KeyObject | string): boolean => {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return verify(null, Buffer.from(checkpointText(c)), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
};

/** A checkpoint from untrusted JSON (a file the auditor kept, an export's first line), or a reason it is not one. */
export const parseCheckpoint = (value: unknown): SignedCheckpoint | string => {
  const c = value as Partial<SignedCheckpoint> | null;
  if (c === null || typeof c !== 'object') return 'expected a JSON object';
  if (c.version !== 1) return `expected version 1, got ${JSON.stringify(c.version)}`;
  if (!Number.isSafeInteger(c.position) || c.position! < 0) return `expected a position of 0 or more, got ${JSON.stringify(c.position)}`;
  for (const f of ['headHash', 'rootHash'] as const) if (typeof c[f] !== 'string' || !/^[0-9a-f]{64}$/.test(c[f])) return `expected ${f} as 64 hex digits`;
  if (typeof c.time !== 'string' || Number.isNaN(Date.parse(c.time))) return 'expected time as ISO-8601';
  if (typeof c.keyId !== 'string' || typeof c.signature !== 'string') return 'expected keyId and signature';
  return { version: 1, position: c.position!, headHash: c.headHash!, rootHash: c.rootHash!, time: c.time, keyId: c.keyId, signature: c.signature };
};
