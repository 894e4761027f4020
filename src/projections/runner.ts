/**
 * Runs every projection against the event store: one worker per projection (own
 * subscription, own checkpoint, own failure state), read-your-writes waits for mutations,
 * status for `/readyz`, and rebuilds.
 */
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import { ErrorCode, MailroomError, validationError } from '../errors/index.js';
import type { EventStore } from '../eventstore/port.js';
import { readCheckpoints } from './checkpoints.js';
import type { Projection } from './projection.js';
import { rebuildProjections, type RebuildProgress } from './rebuild.js';
import { ProjectionWorker, type ProjectionLogger, type ProjectionState, type RetryPolicy } from './worker.js';

export type { ProjectionLogger, ProjectionState, RetryPolicy } from './worker.js';
export type { RebuildProgress } from './rebuild.js';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly projections: readonly Projection[];
  /** Most events applied in one live transaction; a batch never waits to fill up. @default 500 */
  readonly batchSize?: number;
  /** Events per read and per transaction during `rebuild`. @default 5000 */
  readonly rebuildBatchSize?: number;
  /** @default { maxRetries: 3, baseDelayMs: 500 } (retries after 0.5 s, 1 s, 2 s, then failed) */
  readonly retry?: Partial<RetryPolicy>;
  /** @default info dropped, warn and error to the console */
  readonly logger?: ProjectionLogger;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly state: ProjectionState;
  /** Last committed position. */
  readonly position: number;
  /** `head - position`. */
  readonly lag: number;
  /** Why the projection failed (state `failed`). */
  readonly error?: string;
}

export interface RunnerStatus {
  /** Store head position when the status was taken. */
  readonly head: number;
  readonly running: boolean;
  readonly projections: readonly ProjectionStatus[];
}

/** For `/readyz`: every projection running and at most `maxLag` events behind the head. */
export const isCaughtUp = (status: RunnerStatus, maxLag = 0): boolean =>
  status.running && status.projections.every((p) => p.state === 'running' && p.lag <= maxLag);

/** `waitForPosition` timed out: the mutation committed but its read model is not there yet. */
export class ReadModelLagError extends MailroomError {
  constructor(position: number, timeoutMs: number, lagging: readonly { name: string; position: number }[]) {
    const behind = lagging.map((p) => `${p.name} at ${p.position}`).join(', ');
    super(ErrorCode.INTERNAL, `Read models did not reach position ${position} within ${timeoutMs} ms (${behind})`, {
      details: { position, timeoutMs, lagging },
    });
    this.name = 'ReadModelLagError';
  }
}

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

const defaultLogger: ProjectionLogger = {
  info: () => {},
  warn: (message, fields) => console.warn(message, fields ?? ''),
  error: (message, fields) => console.error(message, fields ?? ''),
};

export class ProjectionRunner {
  private readonly workers: readonly ProjectionWorker[];
  private readonly waiters = new Set<Waiter>();
  private running = false;
  private rebuilding = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = options.projections.map((p) => p.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) throw new Error(`Two projections are named ${JSON.stringify(duplicate)}`);
    const retry: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, ...options.retry };
    this.workers = options.projections.map(
      (projection) =>
        new ProjectionWorker({
          store: options.store,
          db: options.db,
          projection,
          batchSize: options.batchSize ?? 500,
          retry,
          logger: options.logger ?? defaultLogger,
          onChange: () => this.settleWaiters(),
        }),
    );
  }

  /** Loads every checkpoint and starts processing; resolves before the projections have caught up. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await Promise.all(this.workers.filter((w) => w.state !== 'rebuilding').map((w) => w.start()));
  }

  /** Closes the subscriptions and waits for in-flight batches to commit. Pending waits reject. */
  async stop(): Promise<void> {
    this.running = false;
    for (const waiter of this.waiters) waiter.reject(new Error('The projection runner was stopped'));
    this.waiters.clear();
    await Promise.all(this.workers.map((w) => w.stop()));
  }

  /**
   * Resolves once every running (or rebuilding) projection has committed `position`, so a
   * mutation can answer from read models that include its own events. Failed projections
   * are not waited for; `status()` reports them. Rejects with `ReadModelLagError` on timeout.
   */
  waitForPosition(position: number, timeoutMs: number): Promise<void> {
    if (!this.running) return Promise.reject(new Error('The projection runner is not running'));
    if (this.reached(position)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const lagging = this.workers
          .filter((w) => this.isWaitedFor(w) && w.position < position)
          .map((w) => ({ name: w.name, position: w.position }));
        reject(new ReadModelLagError(position, timeoutMs, lagging));
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  async status(): Promise<RunnerStatus> {
    const head = await this.options.store.headPosition();
    const stored = this.workers.some((w) => w.state === 'stopped') ? await readCheckpoints(this.options.db) : null;
    return {
      head,
      running: this.running,
      projections: this.workers.map((w) => {
        const position = w.state === 'stopped' ? (stored?.get(w.name) ?? 0) : w.position;
        return {
          name: w.name,
          state: w.state,
          position,
          lag: Math.max(0, head - position),
          ...(w.error === undefined ? {} : { error: w.error }),
        };
      }),
    };
  }

  /**
   * Rebuilds the named projections (all when omitted) from position 1; see
   * `rebuildProjections`. Works with the runner stopped (CLI) or started: started workers
   * of those projections are stopped first, show state `rebuilding`, are still waited for
   * by `waitForPosition`, and restart from the rebuilt checkpoint afterwards (failed ones
   * too). Do not run it from another process while a server runs these projections.
   */
  async rebuild(names?: readonly string[], onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const targets = names === undefined ? [...this.workers] : names.map((n) => this.worker(n));
    if (this.rebuilding) throw new Error('A rebuild is already in progress');
    this.rebuilding = true;
    try {
      await Promise.all(targets.map((w) => w.stop()));
      for (const w of targets) w.setState('rebuilding');
      try {
        return await rebuildProjections(
          this.options.store,
          this.options.db,
          targets.map((w) => w.projection),
          {
            batchSize: this.options.rebuildBatchSize ?? 5000,
            onProgress: (progress) => {
              for (const w of targets) w.setPosition(progress.position);
              onProgress?.(progress);
            },
          },
        );
      } finally {
        await Promise.all(targets.map((w) => this.resumeAfterRebuild(w)));
      }
    } finally {
      this.rebuilding = false;
    }
  }

  /** Straight from `rebuilding` to `running`, so no waiter is settled while the worker looks stopped. */
  private async resumeAfterRebuild(worker: ProjectionWorker): Promise<void> {
    if (!this.running) {
      worker.setState('stopped');
      return;
    }
    try {
      await worker.start();
    } catch (e) {
      worker.setState('failed', `could not restart after the rebuild: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.find((w) => w.name === name);
    if (!worker) {
      const known = this.workers.map((w) => w.name).join(', ');
      throw validationError(['projections'], `Unknown projection ${JSON.stringify(name)}; known: ${known}`);
    }
    return worker;
  }

  private isWaitedFor(worker: ProjectionWorker): boolean {
    return worker.state === 'running' || worker.state === 'rebuilding';
  }

  private reached(position: number): boolean {
    return this.workers.every((w) => !this.isWaitedFor(w) || w.position >= position);
  }

  private settleWaiters(): void {
    if (!this.running) return;
    for (const waiter of this.waiters) {
      if (!this.reached(waiter.position)) continue;
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }
}
