/**
 * Commands on one stream in this instance run one after another: a burst on one mailbox
 * then queues instead of conflicting with itself, and each decides on the state the
 * previous one left (from the decided-state cache, without reading the stream again).
 * Conflicts can then only come from other instances, which the retry absorbs.
 *
 * On a store that applies appends in call order (`appliesAppendsInCallOrder`), the next
 * command does not wait for the previous one's commit: it starts as soon as that append
 * was handed to the store, from the state it will leave (a `Handoff`), and appends with
 * `after` pointing at it. Twenty commands on one mailbox then land in one group commit
 * instead of paying one durable commit each, one after another. Whatever such a command
 * decides stays conditional on the earlier append: its own append is refused by the store
 * if that one did not store its events, and an answer without an append (nothing to do, or
 * a refusal by the decider) waits for the earlier append and is decided again on fresh
 * state if it failed, so nobody is told about a state the stream never had.
 */
import type { AppendResult, EventStore } from './port.js';

/** A state the stream will have once `pending` commits; what the next command starts from. */
export interface Handoff {
  /** The decider's `evolve` that folded `state`: another decider on the stream cannot use it. */
  readonly evolve: unknown;
  readonly state: unknown;
  readonly revision: number;
  /** The append that state depends on. */
  readonly pending: Promise<AppendResult>;
  /** Settles when the command that handed this state over is done (after its retries too). */
  readonly done: Promise<unknown>;
}

/**
 * A command's turn on its stream: `predicted` is the previous command's handoff (null: load
 * the state as usual); `handOff` lets the next command start early (first call counts; the
 * queue calls it with null once the turn is over anyway).
 */
export type Turn<T> = (predicted: Handoff | null, handOff: (next: Omit<Handoff, 'done'>) => void) => Promise<T>;

const queues = new WeakMap<EventStore, Map<string, Promise<Handoff | null>>>();

export const inStreamOrder = <T>(store: EventStore, streamId: string, turn: Turn<T>): Promise<T> => {
  let perStore = queues.get(store);
  if (!perStore) {
    perStore = new Map();
    queues.set(store, perStore);
  }
  const previous = perStore.get(streamId);
  let settle!: (next: Handoff | null) => void;
  const handoff = new Promise<Handoff | null>((resolve) => {
    settle = resolve;
  });
  perStore.set(streamId, handoff);
  let finished!: () => void;
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const handOff = store.appliesAppendsInCallOrder ? (next: Omit<Handoff, 'done'>) => settle({ ...next, done }) : () => {};
  const result = previous ? previous.then((predicted) => turn(predicted, handOff)) : turn(null, handOff);
  const end = () => {
    settle(null);
    finished();
    if (perStore.get(streamId) === handoff) perStore.delete(streamId);
  };
  result.then(end, end);
  return result;
};

/**
 * Whether the append a predicted state depends on stored its events (a replay stores none).
 * When it did not, this also waits until the command that made it is done (it retries in
 * turn), so the commands behind it line up again instead of racing each other's retries.
 */
export const committed = async (handoff: Handoff): Promise<boolean> => {
  const stored = await handoff.pending.then(
    (result) => result.nextExpectedRevision === handoff.revision,
    () => false,
  );
  if (!stored) await handoff.done;
  return stored;
};
