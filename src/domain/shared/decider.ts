import type { CheckedText } from './text.js';

/**
 * Who and when, handed to every command. Deciders stay pure: they read the clock and
 * the actor from here, never from the environment.
 */
export interface CommandMetadata {
  readonly now: Date;
  /** User id of the actor, or null for the system (bootstrap, schedulers). */
  readonly actorId: string | null;
  readonly clientIp?: string | null;
  readonly correlationId: string;
  readonly causationId?: string | null;
  /** Why, for auditors: only `requireText`/`optionalText` make one (kind `reason`), so no area can store an unchecked reason. */
  readonly reason?: CheckedText<'reason'> | null;
  /**
   * When set, event ids are derived from it, so retrying the same command (same id)
   * is an idempotent no-op at the store.
   */
  readonly commandId?: string;
}

/**
 * An event as a decider produces it: plain readonly data, named in the past tense. The event
 * store adds ids, metadata and positions (src/eventstore/port.ts); the domain owns the shape.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface Decider<State, Cmd extends Command, Evt extends DomainEvent> {
  /** Throws a `MailroomError` (VALIDATION, ILLEGAL_STATE, …) to refuse; never performs I/O. */
  readonly decide: (command: Cmd, state: State) => Evt | readonly Evt[];
  readonly evolve: (state: State, event: Evt) => State;
  readonly initialState: () => State;
}

export const fold = <State, Evt>(
  evolve: (state: State, event: Evt) => State,
  initial: State,
  events: Iterable<Evt>,
): State => {
  let state = initial;
  for (const e of events) state = evolve(state, e);
  return state;
};

/** Compile-time exhaustiveness check for `switch` over a tagged union. */
export const assertNever = (value: never): never => {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
};
