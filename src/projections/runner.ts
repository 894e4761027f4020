/**
 * Runs every projection against the event store: one worker per projection (own
 * checkpoint, own failure state) and one shared batch loop that applies a batch for all
 * of them in one transaction, read-your-writes waits for mutations,
 * status for `/readyz`, and rebuilds. With several instances on one database, a
 * `LeaderElection` decides which one runs each projection; the others are standby and
 * follow its checkpoint through a `CheckpointFeed` and by polling the checkpoint table.
 */
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import { ErrorCode, MailroomError, validationError } from '../domain/shared/errors.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { readCheckpoints } from './checkpoints.js';
import { BatchLoop } from './batchLoop.js';
import { AlwaysLeader, type CheckpointFeed, type LeaderElection } from './leadership.js';
import type { Projection } from './projection.js';
import type { CommitSource } from './readModelCache.js';
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
  /** @default `AlwaysLeader`: this process runs every projection */
  readonly leaderElection?: LeaderElection;
  /** How standbys hear of the leader's checkpoint advances; without it they only poll. */
  readonly checkpointFeed?: CheckpointFeed;
  /** Standbys re-read the stored checkpoints this often. @default 1000 */
  readonly checkpointPollMs?: number;
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

/**
 * For `/readyz`: every projection running (here, or on its leader for a standby) and at
 * most `maxLag` events behind the head.
 */
export const isCaughtUp = (status: RunnerStatus, maxLag = 0): boolean =>
  status.running && status.projections.every((p) => (p.state === 'running' || p.state === 'standby') && p.lag <= maxLag);

/** Whether this instance holds the projection (a failed or rebuilding one is still held). */
export const isLeading = (p: Pick<ProjectionStatus, 'state'>): boolean => p.state !== 'standby' && p.state !== 'stopped';

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

export class ProjectionRunner implements CommitSource {
  private readonly workers: readonly ProjectionWorker[];
  private readonly commitListeners: ((events: readonly RecordedEvent[]) => void)[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly election: LeaderElection;
  /** Leadership changes of one worker, applied in order. */
  private readonly transitions = new Map<ProjectionWorker, Promise<void>>();
  /** Notifications per worker, so a poll that raced a notification does not move a standby back. */
  private readonly heard = new Map<ProjectionWorker, number>();
  private readonly logger: ProjectionLogger;
  private pollTimer: NodeJS.Timeout | null = null;
  private running = false;
  private rebuilding = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = options.projections.map((p) => p.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) throw new Error(`Two projections are named ${JSON.stringify(duplicate)}`);
    const retry: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, ...options.retry };
    this.logger = options.logger ?? defaultLogger;
    this.election = options.leaderElection ?? new AlwaysLeader();
    const feed = options.checkpointFeed;
    const loop = new BatchLoop({
      store: options.store,
      db: options.db,
      batchSize: options.batchSize ?? 500,
      retry,
      logger: this.logger,
      onChange: () => this.settleWaiters(),
      onCommitted: (events) => this.committed(events),
      ...(feed ? { publish: (trx, names, position) => feed.publish(trx, names, position) } : {}),
    });
    this.workers = options.projections.map(
      (projection) => new ProjectionWorker({ db: options.db, projection, loop, onChange: () => this.settleWaiters() }),
    );
  }

  /**
   * Loads every checkpoint and starts processing the projections this instance leads (all
   * of them without a leader election); resolves before the projections have caught up.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const idle = this.workers.filter((w) => w.state !== 'rebuilding');
    const stored = await readCheckpoints(this.options.db);
    for (const w of idle) {
      w.position = stored.get(w.name) ?? 0;
      w.setState('standby');
    }
    await this.options.checkpointFeed?.start({
      checkpoint: (name, position) => this.heardCheckpoint(name, position),
      resync: () => void this.pollCheckpoints(),
    });
    await this.election.start(
      this.workers.map((w) => w.name),
      (name, leading) => this.leadershipChanged(name, leading),
    );
    await Promise.all(idle.map((w) => this.transitions.get(w)));
    this.pollTimer = setInterval(() => void this.pollCheckpoints(), this.options.checkpointPollMs ?? 1000);
    this.pollTimer.unref();
  }

  /**
   * Closes the subscriptions and waits for in-flight batches to commit, then gives up the
   * leaderships. Pending waits reject.
   */
  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    for (const waiter of this.waiters) waiter.reject(new Error('The projection runner was stopped'));
    this.waiters.clear();
    await Promise.all(this.transitions.values());
    await Promise.all(this.workers.map((w) => w.stop()));
    for (const w of this.workers) if (w.state === 'standby') w.setState('stopped');
    await this.election.stop();
    await this.options.checkpointFeed?.stop();
  }

  /**
   * Resolves once every running, rebuilding or standby projection has committed
   * `position`, so a mutation can answer from read models that include its own events
   * (on a standby, once the leader has committed them). Failed projections are not waited
   * for; `status()` reports them. Rejects with `ReadModelLagError` on timeout.
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
    // A standby's stored checkpoint is authoritative; what it heard may lag a little.
    const fromTable = (w: ProjectionWorker) => w.state === 'stopped' || w.state === 'standby';
    const stored = this.workers.some(fromTable) ? await readCheckpoints(this.options.db) : null;
    return {
      head,
      running: this.running,
      projections: this.workers.map((w) => {
        const position = fromTable(w) ? (stored?.get(w.name) ?? 0) : w.position;
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

  /** `listener` hears every batch this instance commits (live and rebuild), before waiters settle. */
  onCommitted(listener: (events: readonly RecordedEvent[]) => void): void {
    this.commitListeners.push(listener);
  }

  /** Whether every named projection is running in this instance (not standby, failed or rebuilding). */
  isRunningHere(names: readonly string[]): boolean {
    return this.running && names.every((n) => this.workers.find((w) => w.name === n)?.state === 'running');
  }

  private committed(events: readonly RecordedEvent[]): void {
    for (const listener of this.commitListeners) {
      try {
        listener(events);
      } catch (e) {
        this.logger.error('a commit listener failed', { error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  /** Events each projection applied in this process (live and rebuilds), for `/metrics`. */
  appliedEventCounts(): ReadonlyMap<string, number> {
    return new Map(this.workers.map((w) => [w.name, w.applied]));
  }

  /**
   * Rebuilds the named projections (all when omitted) from position 1; see
   * `rebuildProjections`. Takes their leadership first, waiting while another instance
   * holds it (`onWaiting` says so). Works with the runner stopped (CLI; the leaderships
   * are given up afterwards) or started: started workers of those projections are stopped
   * first, show state `rebuilding`, are still waited for by `waitForPosition`, and restart
   * from the rebuilt checkpoint afterwards (failed ones too).
   */
  async rebuild(
    names?: readonly string[],
    onProgress?: (progress: RebuildProgress) => void,
    options: { onWaiting?: (heldElsewhere: readonly string[]) => void } = {},
  ): Promise<RebuildProgress> {
    const targets = names === undefined ? [...this.workers] : names.map((n) => this.worker(n));
    if (this.rebuilding) throw new Error('A rebuild is already in progress');
    this.rebuilding = true;
    try {
      await this.election.acquire(
        targets.map((w) => w.name),
        options.onWaiting,
      );
      await Promise.all(targets.map((w) => this.transitions.get(w)));
      await Promise.all(targets.map((w) => w.stop()));
      for (const w of targets) w.setState('rebuilding');
      const feed = this.options.checkpointFeed;
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
            onApplied: (name, count) => void (this.worker(name).applied += count),
            onCommitted: (events) => this.committed(events),
            ...(feed ? { publish: (trx, names, position) => feed.publish(trx, names, position) } : {}),
          },
        );
      } finally {
        await Promise.all(targets.map((w) => this.resumeAfterRebuild(w)));
      }
    } finally {
      this.rebuilding = false;
      if (!this.running) await this.election.stop();
    }
  }

  /** Straight from `rebuilding` to `running`, so no waiter is settled while the worker looks stopped. */
  private async resumeAfterRebuild(worker: ProjectionWorker): Promise<void> {
    if (!this.running) {
      worker.setState('stopped');
      return;
    }
    if (!this.election.isLeader(worker.name)) {
      worker.setState('standby');
      return;
    }
    try {
      await worker.start();
    } catch (e) {
      worker.setState('failed', `could not restart after the rebuild: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private leadershipChanged(name: string, leading: boolean): void {
    const worker = this.worker(name);
    const previous = this.transitions.get(worker) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (!this.running || worker.state === 'rebuilding') return;
      if (leading && worker.state === 'standby') {
        try {
          await worker.start();
        } catch (e) {
          worker.setState('failed', `could not start: ${e instanceof Error ? e.message : String(e)}`);
        }
      } else if (!leading && worker.state !== 'standby') {
        // Another instance may take over: this one must stop writing (the conditional
        // checkpoint keeps the overlap exactly-once, but not free of contention).
        this.logger.warn(`projection ${name} is no longer led here; standing by`, { projection: name });
        await worker.stop('standby');
        // A worker that had failed has no loop to end in `standby`.
        if ((worker.state as ProjectionState) !== 'standby') worker.setState('standby');
      }
    });
    this.transitions.set(worker, next);
  }

  private heardCheckpoint(name: string, position: number): void {
    const worker = this.workers.find((w) => w.name === name);
    if (!worker) return;
    this.heard.set(worker, (this.heard.get(worker) ?? 0) + 1);
    if (worker.state === 'standby') worker.setPosition(position);
  }

  private async pollCheckpoints(): Promise<void> {
    if (!this.running || !this.workers.some((w) => w.state === 'standby')) return;
    const before = new Map(this.workers.map((w) => [w, this.heard.get(w) ?? 0]));
    let stored: Map<string, number>;
    try {
      stored = await readCheckpoints(this.options.db);
    } catch (e) {
      this.logger.warn('could not read the projection checkpoints', { error: e instanceof Error ? e.message : String(e) });
      return;
    }
    for (const w of this.workers) {
      const position = stored.get(w.name);
      if (w.state !== 'standby' || position === undefined) continue;
      // Notifications arrive in commit order; a poll may have read before the last one.
      const raced = (this.heard.get(w) ?? 0) !== before.get(w);
      if (position !== w.position && (!raced || position > w.position)) w.setPosition(position);
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
    return worker.state === 'running' || worker.state === 'rebuilding' || worker.state === 'standby';
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
