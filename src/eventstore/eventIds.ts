import { createHash } from 'node:crypto';

/**
 * A UUID-shaped (version 5 layout) id derived from a seed, so an append retried with the
 * same seed carries the same event ids and is an idempotent no-op at the store.
 */
export const uuidFromSeed = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
