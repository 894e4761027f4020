import { randomUUID } from 'node:crypto';
import { ErrorCode, isConcurrencyError, MailroomError } from '../domain/shared/errors.js';
import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import { cachedDecidedState, forget, loadDecidedState, remember } from './decidedState.js';
import { activeDryRun } from './dryRun.js';
import { uuidFromSeed } from './eventIds.js';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from './port.js';
import { committed, type Handoff, inStreamOrder } from './streamQueue.js';

export interface HandleCommandOptions {
  /** Retries after a concurrency conflict (another instance wrote); other errors are never retried. @default 10 */
  readonly maxRetries?: number;
  /** Base delay of the jittered exponential backoff between retries, in ms. @default 5 */
  readonly baseDelayMs?: number;
  /** Longest single backoff, in ms. @default 250 */
  readonly maxDelayMs?: number;
}

export interface HandleCommandResult<State, Evt extends DomainEvent> {
  readonly newEvents: readonly Evt[];
  readonly newState: State;
  /** Revision of the stream after the append (-1 when the stream is still empty). */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event, or null when the decider appended nothing. */
  readonly position: number | null;
}

/** A command decided on the stream's current state, nothing appended: what `decideCommand` answers. */
export interface DecidedCommand<State, Evt extends DomainEvent> {
  readonly streamId: string;
  /** The events the decider chose (empty: the command changes nothing). */
  readonly events: readonly Evt[];
  readonly stateBefore: State;
  /** `stateBefore` with `events` folded in. */
  readonly stateAfter: State;
  /** Revision the decision saw (-1: empty stream); appending them expects exactly this revision. */
  readonly revision: number;
}

/**
 * Decide without appending: load the stream's state (inside a dry run: as the plan left
 * it), let the decider rule, fold its events. Throws the decider's refusal unchanged.
 * `handleCommand` appends what this returns; plan/apply and dry runs stop here.
 */
export const decideCommand = async <State, Cmd extends Command, Evt extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Cmd, Evt>,
  streamId: string,
  command: Cmd,
): Promise<DecidedCommand<State, Evt>> => {
  const { state, revision } = await loadDecidedState(store, decider, streamId);
  const decided = decider.decide(command, state);
  const events: readonly Evt[] = Array.isArray(decided) ? decided : [decided as Evt];
  let stateAfter = state;
  for (const e of events) stateAfter = decider.evolve(stateAfter, e);
  return { streamId, events, stateBefore: state, stateAfter, revision };
};

/** What users are told when a command lost every retry to concurrent writers; no internal names. */
export const CHANGED_CONCURRENTLY = 'This was changed by someone else at the same moment; try again';

const derivedEventId = (commandId: string, index: number): string => uuidFromSeed(`${commandId}:${index}`);

export const toEventMetadata = (command: Command): EventMetadata => {
  const m = command.metadata;
  return {
    actorId: m.actorId,
    clientIp: m.clientIp ?? null,
    correlationId: m.correlationId,
    causationId: m.causationId ?? null,
    reason: m.reason ?? null,
    occurredAt: m.now.toISOString(),
    commandType: command.type,
  };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Load the stream's state, decide, append with the expected revision. On a concurrency
 * conflict the whole cycle is repeated (bounded, with jitter) so the decision is made
 * again on fresh state; any other error propagates untouched.
 */
export const handleCommand = <State, Cmd extends Command, Evt extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Cmd, Evt>,
  streamId: string,
  command: Cmd,
  options: HandleCommandOptions = {},
): Promise<HandleCommandResult<State, Evt>> =>
  activeDryRun()
    ? decideDry(store, decider, streamId, command)
    : inStreamOrder(store, streamId, (predicted, handOff) => decideAndAppend(store, decider, streamId, command, options, predicted, handOff));

/**
 * Inside a dry run (src/eventstore/dryRun.ts): decide and record the events in the plan,
 * append nothing. The answer looks like an append that moved the stream on, except that
 * `position` is null, so callers skip waiting for projections.
 */
const decideDry = async <State, Cmd extends Command, Evt extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Cmd, Evt>,
  streamId: string,
  command: Cmd,
): Promise<HandleCommandResult<State, Evt>> => {
  const plan = activeDryRun()!;
  let decided: DecidedCommand<State, Evt>;
  try {
    decided = await decideCommand(store, decider, streamId, command);
  } catch (err) {
    plan.refusal ??= err;
    throw err;
  }
  const newState = plan.record(streamId, decider.evolve, decided, toEventMetadata(command));
  return { newEvents: decided.events, newState, nextExpectedRevision: decided.revision + decided.events.length, position: null };
};


const decideAndAppend = async <State, Cmd extends Command, Evt extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Cmd, Evt>,
  streamId: string,
  command: Cmd,
  options: HandleCommandOptions,
  predicted: Handoff | null = null,
  handOff: (next: Omit<Handoff, 'done'>) => void = () => {},
): Promise<HandleCommandResult<State, Evt>> => {
  const maxRetries = options.maxRetries ?? 10;
  const baseDelayMs = options.baseDelayMs ?? 5;
  const maxDelayMs = options.maxDelayMs ?? 250;
  // The first decision may use the state this process kept without reading the store: an
  // append is checked by its expected revision anyway. Cleared once that state proved stale,
  // or when the decision must be checked against the store (below).
  let trustKept = true;
  for (let attempt = 0; ; attempt++) {
    // The previous command's state before its commit (streamQueue.ts), on the first attempt only.
    const basis = attempt === 0 && predicted?.evolve === decider.evolve ? predicted : null;
    // Another decider's state is of no use: wait for that command as the queue did before.
    if (attempt === 0 && predicted && !basis) await predicted.done;
    const kept = basis || !trustKept ? null : cachedDecidedState(store, decider, streamId);
    const loaded = basis ? { state: basis.state as State, revision: basis.revision } : (kept ?? (await loadDecidedState(store, decider, streamId)));
    let state = loaded.state;
    const revision = loaded.revision;

    let decided: Evt | readonly Evt[];
    try {
      decided = decider.decide(command, state);
    } catch (err) {
      if (basis && !(await committed(basis))) continue;
      // A refusal on kept state is only told once the store's state refuses it too.
      if (kept) {
        trustKept = false;
        attempt -= 1;
        continue;
      }
      throw err;
    }
    const newEvents: readonly Evt[] = Array.isArray(decided) ? decided : [decided as Evt];
    if (newEvents.length === 0) {
      if (basis && !(await committed(basis))) continue;
      // Nothing to append means no revision check: "already so" must hold in the store.
      if (kept) {
        trustKept = false;
        attempt -= 1;
        continue;
      }
      return { newEvents, newState: state, nextExpectedRevision: revision, position: null };
    }
    const metadata = toEventMetadata(command);
    const commandId = command.metadata.commandId;
    const toAppend: NewEvent[] = newEvents.map((e, i) => ({
      id: commandId ? derivedEventId(commandId, i) : randomUUID(),
      type: e.type,
      data: e.data,
      metadata,
    }));
    for (const e of newEvents) state = decider.evolve(state, e);
    try {
      const appending = store.appendToStream(streamId, toAppend, {
        expectedRevision: revision === -1 ? 'no_stream' : revision,
        ...(basis ? { after: basis.pending } : {}),
      });
      handOff({ evolve: decider.evolve, state, revision: revision + newEvents.length, pending: appending });
      const result = await appending;
      // A replayed command id appends nothing: the evolved state is not the stream's.
      if (result.nextExpectedRevision === revision + newEvents.length) {
        remember(store, decider, streamId, { state, revision: result.nextExpectedRevision });
      } else {
        forget(store, streamId);
      }
      return {
        newEvents,
        newState: state,
        nextExpectedRevision: result.nextExpectedRevision,
        position: result.position,
      };
    } catch (err) {
      // Kept state refused as stale is still the fold of a prefix: the next load reads only the rest.
      if (!(kept && isConcurrencyError(err))) forget(store, streamId);
      if (!isConcurrencyError(err)) throw err;
      // The kept state was stale (another process appended): decide again on the store's, at once.
      if (kept) {
        trustKept = false;
        attempt -= 1;
        continue;
      }
      // Refused because the append it was decided on failed: decide again once that one is done.
      if (basis && !(await committed(basis))) continue;
      if (attempt >= maxRetries) {
        throw new MailroomError(ErrorCode.CONCURRENCY, CHANGED_CONCURRENTLY, { cause: err });
      }
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      await sleep(ceiling * (0.5 + Math.random() / 2));
    }
  }
};

export type { RecordedEvent };
