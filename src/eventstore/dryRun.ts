/**
 * Dry runs: a mutation decides exactly as it would, and nothing is appended. The request
 * runs inside `planDryRun`, and every `handleCommand` in it (however deep in which
 * service) sees the plan through AsyncLocalStorage: it decides, records the events in the
 * plan instead of appending them, and answers as if the stream had moved on. One
 * mechanism in the command path instead of a flag threaded through every service.
 *
 * Reads of decided state within the dry run (`loadDecidedState`) see the planned events,
 * so a service that issues several commands, or checks a stream it just "changed", decides
 * on the state the real call would see. Durable work that is not an append must ask
 * `activeDryRun()` and leave no trace: the vault seals secrets under a throwaway key and
 * creates no data key (see src/secrets/vault.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DomainEvent } from '../domain/shared/decider.js';
import type { EventMetadata } from './port.js';

/** One event a dry run would have appended, with the stream state around it. */
export interface PlannedEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** Revision of the stream when the command was decided (-1: empty); the real append expects it. */
  readonly expectedRevision: number;
  /** The decider's state before and after this one event (for before/after views). */
  readonly stateBefore: unknown;
  readonly stateAfter: unknown;
}

interface PlannedStream {
  readonly evolve: unknown;
  readonly state: unknown;
  readonly revision: number;
}

export class DryRunPlan {
  readonly events: PlannedEvent[] = [];
  /** Commands decided (accepted, with or without events) so far. */
  decisions = 0;
  /** The refusal a decider raised in this dry run, if any (it is also thrown to the caller). */
  refusal: unknown = null;
  /** Set when the dry-run call returned; see `activeDryRun`. */
  closed = false;
  private readonly streams = new Map<string, PlannedStream>();

  /** The state a stream would have after the planned events, if the plan touched it with this decider. */
  stateOf<State>(streamId: string, evolve: unknown): { state: State; revision: number } | undefined {
    const s = this.streams.get(streamId);
    return s && s.evolve === evolve ? { state: s.state as State, revision: s.revision } : undefined;
  }

  record<State>(
    streamId: string,
    evolve: (state: State, event: never) => State,
    decided: { readonly stateBefore: State; readonly revision: number; readonly events: readonly DomainEvent[] },
    metadata: EventMetadata,
  ): State {
    this.decisions += 1;
    let state = decided.stateBefore;
    for (const e of decided.events) {
      const before = state;
      state = (evolve as (s: State, e: DomainEvent) => State)(state, e);
      this.events.push({ streamId, type: e.type, data: e.data, metadata, expectedRevision: decided.revision, stateBefore: before, stateAfter: state });
    }
    if (decided.events.length > 0) this.streams.set(streamId, { evolve, state, revision: decided.revision + decided.events.length });
    return state;
  }
}

const current = new AsyncLocalStorage<DryRunPlan>();

/**
 * The plan of the dry run this code runs in, or undefined for a real call. Async context
 * follows every continuation, also a timer or a background task a request happens to
 * start; once the dry-run call has returned its plan is closed, so such work (should any
 * exist) appends for real instead of planning into a plan nobody reads.
 */
export const activeDryRun = (): DryRunPlan | undefined => {
  const plan = current.getStore();
  return plan && !plan.closed ? plan : undefined;
};

const within = async <T>(plan: DryRunPlan, run: () => Promise<T>): Promise<T> => {
  try {
    return await current.run(plan, run);
  } finally {
    plan.closed = true;
  }
};

export type DryRunOutcome<T> = { readonly plan: DryRunPlan } & ({ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown });

/** Runs `run` as a dry run: every command in it is decided and planned, none appended. */
export const planDryRun = async <T>(run: () => Promise<T>): Promise<DryRunOutcome<T>> => {
  const plan = new DryRunPlan();
  try {
    return { plan, ok: true, value: await within(plan, run) };
  } catch (error) {
    return { plan, ok: false, error };
  }
};

/** Runs `run` in a fresh dry-run scope and returns what it returns; the caller reads the plan via `activeDryRun()` inside. */
export const runDry = <T>(run: () => Promise<T>): Promise<T> => within(new DryRunPlan(), run);
