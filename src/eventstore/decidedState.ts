/**
 * Decided state per stream, kept between commands so loading it does not read and fold
 * the whole stream (a mailbox edited for years would otherwise get slower with every
 * change). An entry is `{revision, state}`: the fold of the stream up to that revision.
 * Loading reads only the events after it (usually none), so another instance's appends
 * are still seen; the expected-revision check at append stays the source of truth, and an
 * entry is dropped whenever an append conflicts or turns out to be a replay.
 *
 * States are immutable values (deciders are pure), so sharing one between commands is safe.
 */
import type { Decider } from '../domain/shared/decider.js';
import { activeDryRun } from './dryRun.js';
import type { EventStore } from './port.js';

export interface DecidedState<State> {
  readonly state: State;
  /** Revision of the last event folded into `state`; -1 for an empty stream. */
  readonly revision: number;
}

interface Entry {
  readonly evolve: unknown;
  readonly revision: number;
  readonly state: unknown;
}

/** Streams whose state is kept, per store; least recently used ones go first. */
export const DECIDED_STATE_CACHE_SIZE = 10_000;

const caches = new WeakMap<EventStore, Map<string, Entry>>();

const cacheOf = (store: EventStore): Map<string, Entry> => {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  return cache;
};

type AnyDecider<State> = Pick<Decider<State, never, never>, 'evolve' | 'initialState'>;

/**
 * The state this process last decided or loaded for the stream, without reading the store,
 * or null when none is kept. Only for a decision whose events are appended with the
 * expected revision (the store then refuses it if the stream moved): a decision that
 * appends nothing, or a refusal, must be checked against `loadDecidedState`.
 */
export const cachedDecidedState = <State>(store: EventStore, decider: AnyDecider<State>, streamId: string): DecidedState<State> | null => {
  if (activeDryRun()) return null;
  const entry = caches.get(store)?.get(streamId);
  return entry !== undefined && entry.evolve === decider.evolve ? { state: entry.state as State, revision: entry.revision } : null;
};

/** The stream's current state: the cached fold plus whatever was appended after it. */
export const loadDecidedState = async <State>(
  store: EventStore,
  decider: AnyDecider<State>,
  streamId: string,
): Promise<DecidedState<State>> => {
  // A dry run sees the streams it "changed" as the plan left them.
  const planned = activeDryRun()?.stateOf<State>(streamId, decider.evolve);
  if (planned) return planned;
  const cache = cacheOf(store);
  const entry = cache.get(streamId);
  // The same stream folded by another decider (e.g. a projection-like reader) is not shared.
  const hit = entry !== undefined && entry.evolve === decider.evolve ? entry : undefined;
  let state = hit ? (hit.state as State) : decider.initialState();
  let revision = hit ? hit.revision : -1;
  let tail = await store.readStream(streamId, { from: revision + 1 });
  if (hit && tail.length > 0 && tail[0]!.revision !== revision + 1) {
    // Not the stream the entry was folded from (a gap cannot happen otherwise): start over.
    state = decider.initialState();
    revision = -1;
    tail = await store.readStream(streamId);
  }
  const evolve = decider.evolve as (s: State, e: unknown) => State;
  for (const e of tail) {
    state = evolve(state, e);
    revision = e.revision;
  }
  if (!hit || tail.length > 0) remember(store, decider, streamId, { state, revision });
  else touch(cache, streamId, hit);
  return { state, revision };
};

/** After a successful append: the state the decider evolved to at the new revision. */
export const remember = <State>(
  store: EventStore,
  decider: AnyDecider<State>,
  streamId: string,
  decided: DecidedState<State>,
): void => {
  const cache = cacheOf(store);
  cache.delete(streamId);
  cache.set(streamId, { evolve: decider.evolve, revision: decided.revision, state: decided.state });
  if (cache.size > DECIDED_STATE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
};

/** After a conflict or anything unexpected: the next load folds the stream from the start. */
export const forget = (store: EventStore, streamId: string): void => {
  caches.get(store)?.delete(streamId);
};

const touch = (cache: Map<string, Entry>, streamId: string, entry: Entry): void => {
  cache.delete(streamId);
  cache.set(streamId, entry);
};
