/**
 * Live processing of one projection: subscribe from its checkpoint, apply what has arrived
 * in one transaction per batch together with the checkpoint, retry failures with backoff.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import type { EventStore, EventSubscription, RecordedEvent } from '../eventstore/port.js';
import { advanceCheckpoint, CheckpointMovedError, ensureCheckpoint, readCheckpoint } from './checkpoints.js';
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

export interface ProjectionWorkerOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly projection: Projection;
  readonly batchSize: number;
  readonly retry: RetryPolicy;
  readonly logger: ProjectionLogger;
  /** Called whenever `position` or `state` changes, so the runner can settle its waiters. */
  readonly onChange: () => void;
  /** Runs in each batch transaction after the checkpoint advance (e.g. tells standbys). */
  readonly publish?: (trx: Kysely<ReadModelDb>, name: string, position: number) => Promise<void>;
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

  private readonly handled: ReadonlySet<string>;
  private stopping = false;
  private stoppedState: ProjectionState = 'stopped';
  private failures = 0;
  private loop: Promise<void> | null = null;
  private subscription: EventSubscription | null = null;
  private cancelSleep: (() => void) | null = null;

  constructor(private readonly options: ProjectionWorkerOptions) {
    this.handled = new Set(options.projection.eventTypes);
  }

  get name(): string {
    return this.options.projection.name;
  }

  get projection(): Projection {
    return this.options.projection;
  }

  /** Resolves once the checkpoint is loaded; processing continues in the background. */
  async start(): Promise<void> {
    if (this.state === 'running') return;
    await this.loop;
    this.stopping = false;
    this.stoppedState = 'stopped';
    this.failures = 0;
    this.error = undefined;
    await ensureCheckpoint(this.options.db, this.name);
    this.position = await readCheckpoint(this.options.db, this.name);
    this.setState('running');
    this.loop = this.run();
  }

  /**
   * Ends the subscription, lets the in-flight batch commit, resolves when idle. `then` is
   * the state it ends in, set without passing through `stopped` (which waiters ignore).
   */
  async stop(then: 'stopped' | 'standby' = 'stopped'): Promise<void> {
    this.stoppedState = then;
    this.stopping = true;
    this.cancelSleep?.();
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
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

  private async run(): Promise<void> {
    const { logger, retry } = this.options;
    while (!this.stopping) {
      try {
        await this.session();
      } catch (e) {
        if (this.stopping) break;
        if (e instanceof CheckpointMovedError) {
          // Not this projection's fault: resync from the stored checkpoint. The short pause
          // keeps two contending runners from spinning on each other.
          logger.warn(e.message, { projection: this.name });
          await this.sleep(10 + Math.random() * 40);
          continue;
        }
        this.failures += 1;
        const message = e instanceof Error ? e.message : String(e);
        if (this.failures > retry.maxRetries) {
          logger.error(`projection ${this.name} failed; giving up after ${retry.maxRetries} retries`, {
            projection: this.name,
            position: this.position,
            error: message,
          });
          this.setState('failed', message);
          return;
        }
        const delayMs = retry.baseDelayMs * 2 ** (this.failures - 1);
        logger.warn(`projection ${this.name} batch failed; retrying in ${delayMs} ms`, {
          projection: this.name,
          attempt: this.failures,
          error: message,
        });
        await this.sleep(delayMs);
      }
    }
    this.setState(this.stoppedState);
  }

  /** One subscription from the committed checkpoint; a retry starts a new session. */
  private async session(): Promise<void> {
    const { db, store, batchSize } = this.options;
    // Again here, not only in start(): a deleted row would otherwise fail every conditional update.
    await ensureCheckpoint(db, this.name);
    this.setPosition(await readCheckpoint(db, this.name));
    const subscription = store.subscribe({ fromPosition: this.position + 1 });
    this.subscription = subscription;
    if (this.stopping) await subscription.close();
    const buffer = new EventBuffer(batchSize * 2);
    const filling = buffer.fill(subscription);
    try {
      while (!this.stopping) {
        const batch = await buffer.take(batchSize);
        if (batch.length > 0) await this.applyBatch(batch);
        else if (!this.stopping) throw new Error('The event subscription ended unexpectedly');
      }
    } finally {
      this.subscription = null;
      await subscription.close();
      buffer.end();
      await filling;
    }
  }

  private async applyBatch(batch: readonly RecordedEvent[]): Promise<void> {
    const { db, projection, publish } = this.options;
    const from = this.position;
    const to = batch[batch.length - 1]!.position;
    let applied = 0;
    await db.transaction().execute(async (trx) => {
      await advanceCheckpoint(trx, this.name, from, to);
      for (const event of batch) {
        if (!projection.allEvents && !this.handled.has(event.type)) continue;
        try {
          await projection.apply(trx, event);
        } catch (e) {
          throw new ProjectionApplyError(this.name, event, e);
        }
        applied += 1;
      }
      await publish?.(trx, this.name, to);
    });
    this.applied += applied;
    this.failures = 0;
    this.setPosition(to);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.cancelSleep = done;
    }).finally(() => {
      this.cancelSleep = null;
    });
  }
}

/**
 * Decouples reading from applying: the subscription is drained into memory while a batch
 * is being applied, and the next batch takes whatever has accumulated. A batch never
 * waits to fill up, so a single new event is applied as soon as it arrives. Bounded, so
 * a long catch-up does not pull the whole store into memory.
 */
class EventBuffer {
  private readonly events: RecordedEvent[] = [];
  private ended = false;
  private failure: { error: unknown } | null = null;
  private wakeReader: (() => void) | null = null;
  private wakeWriter: (() => void) | null = null;

  constructor(private readonly highWaterMark: number) {}

  async fill(source: AsyncIterable<RecordedEvent>): Promise<void> {
    try {
      for await (const event of source) {
        if (this.ended) break;
        this.events.push(event);
        this.signalReader();
        while (this.events.length >= this.highWaterMark && !this.ended) {
          await new Promise<void>((resolve) => (this.wakeWriter = resolve));
        }
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.ended = true;
      this.signalReader();
    }
  }

  /** Up to `max` events, waiting only for the first; empty when the source ended. Rethrows read errors. */
  async take(max: number): Promise<RecordedEvent[]> {
    while (this.events.length === 0) {
      if (this.failure) throw this.failure.error;
      if (this.ended) return [];
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
    // One event-loop turn lets the rest of the subscription's last read (already in
    // memory, delivered through microtasks) join this batch.
    await nextTurn();
    const batch = this.events.splice(0, max);
    this.signalWriter();
    return batch;
  }

  end(): void {
    this.ended = true;
    this.signalReader();
    this.signalWriter();
  }

  private signalReader(): void {
    const wake = this.wakeReader;
    this.wakeReader = null;
    wake?.();
  }

  private signalWriter(): void {
    const wake = this.wakeWriter;
    this.wakeWriter = null;
    wake?.();
  }
}
