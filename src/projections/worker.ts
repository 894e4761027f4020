/**
 * One projection's live state: position, health, and its membership of the shared batch
 * loop (`BatchLoop`) that applies events for every projection on the database at once.
 */
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import type { RecordedEvent } from '../eventstore/port.js';
import { ensureCheckpoint, readCheckpoint } from './checkpoints.js';
import type { Projection } from './projection.js';

/** `standby`: another instance leads this projection; this one follows its checkpoint. */
export type ProjectionState = 'running' | 'stopped' | 'failed' | 'rebuilding' | 'standby';

export interface ProjectionLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface RetryPolicy {
  /** Retries after the first failure before the projection is marked failed. */
  readonly maxRetries: number;
  /** Delay before the first retry; doubles on each further one. */
  readonly baseDelayMs: number;
}

/** What applies a worker's events (`BatchLoop`, shared by the projections on one database). */
export interface BatchMembership {
  join(worker: ProjectionWorker): void;
  /** Resolves once the worker is in no batch any more. */
  leave(worker: ProjectionWorker): Promise<void>;
}

export interface ProjectionWorkerOptions {
  readonly db: Kysely<ReadModelDb>;
  readonly projection: Projection;
  readonly loop: BatchMembership;
  /** Called whenever `position` or `state` changes, so the runner can settle its waiters. */
  readonly onChange: () => void;
}

/** `apply` threw; names the projection and the event so `status()` points at the culprit. */
export class ProjectionApplyError extends Error {
  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'position' | 'type' | 'streamId'>,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Projection ${JSON.stringify(projection)} failed on event ${event.position} ` +
        `(${event.type} in ${event.streamId}): ${reason}`,
      { cause },
    );
    this.name = 'ProjectionApplyError';
  }
}

export class ProjectionWorker {
  state: ProjectionState = 'stopped';
  /** Last committed position, as far as this process knows. */
  position = 0;
  error: string | undefined;
  /** Events handed to `apply` in committed batches by this process. */
  applied = 0;
  /** Failed batches in a row; the batch loop backs off and gives up on it. */
  failures = 0;

  private readonly handled: ReadonlySet<string>;

  constructor(private readonly options: ProjectionWorkerOptions) {
    this.handled = new Set(options.projection.eventTypes);
  }

  get name(): string {
    return this.options.projection.name;
  }

  get projection(): Projection {
    return this.options.projection;
  }

  handles(type: string): boolean {
    return this.options.projection.allEvents === true || this.handled.has(type);
  }

  /** Resolves once the checkpoint is loaded; processing continues in the background. */
  async start(): Promise<void> {
    if (this.state === 'running') return;
    this.failures = 0;
    this.error = undefined;
    await ensureCheckpoint(this.options.db, this.name);
    this.position = await readCheckpoint(this.options.db, this.name);
    this.setState('running');
    this.options.loop.join(this);
  }

  /**
   * Leaves the batch loop once the in-flight batch has committed, resolves when idle.
   * `then` is the state it ends in, set without passing through `stopped` (which waiters
   * ignore); a failed projection stays failed.
   */
  async stop(then: 'stopped' | 'standby' = 'stopped'): Promise<void> {
    await this.options.loop.leave(this);
    if (this.state === 'running') this.setState(then);
  }

  /** Used by a rebuild, which owns the checkpoint while it runs. */
  setState(state: ProjectionState, error?: string): void {
    this.state = state;
    this.error = error;
    this.options.onChange();
  }

  setPosition(position: number): void {
    this.position = position;
    this.options.onChange();
  }
}
