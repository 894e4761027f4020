import { validationError } from '../../domain/shared/errors.js';
import { type ChainBreak, GENESIS_HASH, verifyChain } from '../../eventstore/hashChain.js';
import type { EventStore } from '../../eventstore/port.js';

export interface ChainVerification {
  readonly ok: boolean;
  readonly fromPosition: number;
  /** Last position checked (the range end, or the break). */
  readonly toPosition: number;
  readonly eventsChecked: number;
  /** First position whose stored hash does not match its content or its predecessor. */
  readonly firstBrokenPosition: number | null;
  readonly reason: ChainBreak['reason'] | null;
}

export interface VerifyOptions {
  /** @default 1 */
  readonly fromPosition?: number | null;
  /** @default the store head */
  readonly toPosition?: number | null;
  /** @default 1000 */
  readonly batchSize?: number;
  readonly onProgress?: (checkedUpTo: number, toPosition: number) => void;
}

/**
 * Recomputes the global hash chain over a range, reading the store in batches so memory
 * stays flat. A range starting after position 1 is anchored on the stored hash of the
 * event before it: tampering with that event itself is found by a range that includes it.
 */
export const verifyStoreChain = async (store: EventStore, options: VerifyOptions = {}): Promise<ChainVerification> => {
  const head = await store.headPosition();
  const fromPosition = options.fromPosition ?? 1;
  const toPosition = Math.min(options.toPosition ?? head, head);
  if (!Number.isInteger(fromPosition) || fromPosition < 1) {
    throw validationError(['fromPosition'], `Expected a position of 1 or more, got ${fromPosition}`);
  }
  if (options.toPosition != null && options.toPosition < fromPosition) {
    throw validationError(['toPosition'], `Expected toPosition to be at least fromPosition (${fromPosition}), got ${options.toPosition}`);
  }
  let prevHash = GENESIS_HASH;
  if (fromPosition > 1) {
    const [anchor] = await store.readAll({ fromPosition: fromPosition - 1, max: 1 });
    if (anchor && anchor.position === fromPosition - 1) prevHash = anchor.hash;
  }
  const batchSize = options.batchSize ?? 1000;
  let next = fromPosition;
  let eventsChecked = 0;
  while (next <= toPosition) {
    const events = (await store.readAll({ fromPosition: next, max: Math.min(batchSize, toPosition - next + 1) })).filter(
      (e) => e.position <= toPosition,
    );
    if (!events.length) {
      return { ok: false, fromPosition, toPosition: next, eventsChecked, firstBrokenPosition: next, reason: 'position_gap' };
    }
    const result = verifyChain(events, prevHash, next);
    if (!result.ok) {
      const checked = eventsChecked + (result.break.position - next);
      return { ok: false, fromPosition, toPosition: result.break.position, eventsChecked: checked, firstBrokenPosition: result.break.position, reason: result.break.reason };
    }
    eventsChecked += events.length;
    prevHash = result.lastHash;
    next = events[events.length - 1]!.position + 1;
    options.onProgress?.(next - 1, toPosition);
  }
  return { ok: true, fromPosition, toPosition, eventsChecked, firstBrokenPosition: null, reason: null };
};
