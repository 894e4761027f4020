import { randomUUID } from 'node:crypto';
import { isConcurrencyError } from '../errors/index.js';
import type { Command, Decider } from '../domain/shared/decider.js';
import { uuidFromSeed } from './eventIds.js';
import type { DomainEvent, EventMetadata, EventStore, NewEvent, RecordedEvent } from './port.js';

export interface HandleCommandOptions {
  /** Retries after a concurrency conflict; other errors are never retried. @default 5 */
  readonly maxRetries?: number;
  /** Base delay of the jittered backoff between retries, in ms. @default 5 */
  readonly baseDelayMs?: number;
}

export interface HandleCommandResult<State, Evt extends DomainEvent> {
  readonly newEvents: readonly Evt[];
  readonly newState: State;
  /** Revision of the stream after the append (-1 when the stream is still empty). */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event, or null when the decider appended nothing. */
  readonly position: number | null;
}

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
 * Load the stream, fold it, decide, append with the expected revision. On a concurrency
 * conflict the whole cycle is repeated (bounded, with jitter) so the decision is made
 * again on fresh state; any other error propagates untouched.
 */
export const handleCommand = async <State, Cmd extends Command, Evt extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Cmd, Evt>,
  streamId: string,
  command: Cmd,
  options: HandleCommandOptions = {},
): Promise<HandleCommandResult<State, Evt>> => {
  const maxRetries = options.maxRetries ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 5;
  for (let attempt = 0; ; attempt++) {
    const recorded = await store.readStream(streamId);
    let state = decider.initialState();
    for (const e of recorded) state = decider.evolve(state, e as unknown as Evt);
    const revision = recorded.length === 0 ? -1 : recorded[recorded.length - 1]!.revision;

    const decided = decider.decide(command, state);
    const newEvents: readonly Evt[] = Array.isArray(decided) ? decided : [decided as Evt];
    if (newEvents.length === 0) {
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
    try {
      const result = await store.appendToStream(streamId, toAppend, {
        expectedRevision: revision === -1 ? 'no_stream' : revision,
      });
      for (const e of newEvents) state = decider.evolve(state, e);
      return {
        newEvents,
        newState: state,
        nextExpectedRevision: result.nextExpectedRevision,
        position: result.position,
      };
    } catch (err) {
      if (!isConcurrencyError(err) || attempt >= maxRetries) throw err;
      await sleep(baseDelayMs * 2 ** attempt * (0.5 + Math.random()));
    }
  }
};

export type { RecordedEvent };
