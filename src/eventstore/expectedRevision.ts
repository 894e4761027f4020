import { ConcurrencyError } from '../domain/shared/errors.js';
import type { ExpectedRevision } from './port.js';

/** Shared check for adapters that know the stream's current revision (-1: no stream). */
export const checkExpectedRevision = (streamId: string, expected: ExpectedRevision, current: number): void => {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) {
    throw new ConcurrencyError(streamId, String(expected), current === -1 ? 'no_stream' : String(current));
  }
};
