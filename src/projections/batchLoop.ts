/**
 * Live processing of every projection this instance runs on one read-model database: one
 * subscription, and one transaction per batch in which every member projection applies
 * the events it handles and all of their checkpoints advance together (one statement per
 * distinct starting position, normally one). A projection that does not handle an event
 * costs nothing; a mutation's events reach every read model in the same commit.
 *
 * A member whose `apply` throws is benched: the batch rolls back and is retried at once
 * without it, and it rejoins after its backoff (from its own checkpoint, so it catches up
 * alone until it is level with the others) or is marked failed after `maxRetries`.
 */
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import type { EventStore, EventSubscription, RecordedEvent } from '../eventstore/port.js';
import { advanceCheckpoints, CheckpointMovedError, ensureCheckpoints, readCheckpoints } from './checkpoints.js';
import { EventBuffer } from './eventBuffer.js';
import { ProjectionApplyError, type BatchMembership, type ProjectionLogger, type ProjectionWorker, type RetryPolicy } from './worker.js';

export interface BatchLoopOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly batchSize: number;
  readonly retry: RetryPolicy;
  readonly logger: ProjectionLogger;
  /** After positions moved (once per batch, not once per projection). */
  readonly onChange: () => void;
  /** After a batch committed, before `onChange` (caches drop what it changed). */
  readonly onCommitted?: (events: readonly RecordedEvent[]) => void;
  /** Runs in each batch transaction after the checkpoint advance (e.g. tells standbys). */
  readonly publish?: (trx: Kysely<ReadModelDb>, names: readonly string[], position: number) => Promise<void>;
}

export class BatchLoop implements BatchMembership {
  /** Members taking part in batches now. */
  private readonly members = new Set<ProjectionWorker>();
  /** Members waiting out the backoff after a failed apply. */
  private readonly benched = new Map<ProjectionWorker, NodeJS.Timeout>();
  private loop: Promise<void> | null = null;
  private subscription: EventSubscription | null = null;
  private inFlight: Promise<void> | null = null;
  /** Last position handed to a batch in the current session. */
  private delivered = 0;
  private restart = false;
  private failures = 0;
  private wake: (() => void) | null = null;
  private cancelSleep: (() => void) | null = null;

  constructor(private readonly options: BatchLoopOptions) {}

  /** `worker.position` must hold its committed checkpoint. */
  join(worker: ProjectionWorker): void {
    this.members.add(worker);
    this.admitted(worker);
    if (!this.loop) this.loop = this.run();
  }

  /** Resolves once `worker` is out of every batch, the in-flight one committed or rolled back. */
  async leave(worker: ProjectionWorker): Promise<void> {
    const timer = this.benched.get(worker);
    if (timer) clearTimeout(timer);
    this.benched.delete(worker);
    this.members.delete(worker);
    await this.inFlight?.catch(() => {});
    if (this.members.size === 0 && this.benched.size === 0 && this.loop) {
      this.cancelSleep?.();
      this.signal();
      await this.subscription?.close();
      await this.loop;
    }
  }

  /** A member behind what this session already handed out needs the events again. */
  private admitted(worker: ProjectionWorker): void {
    if (this.subscription && worker.position < this.delivered) {
      this.restart = true;
      void this.subscription.close();
    }
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private get idle(): boolean {
    return this.members.size === 0 && this.benched.size === 0;
  }

  private async run(): Promise<void> {
    const { logger, retry } = this.options;
    try {
      while (!this.idle) {
        if (this.members.size === 0) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        try {
          await this.session();
        } catch (e) {
          if (this.idle) break;
          if (e instanceof ProjectionApplyError) {
            this.bench(e);
            continue;
          }
          if (e instanceof CheckpointMovedError) {
            // Not a projection's fault: resync from the stored checkpoints. The short pause
            // keeps two contending runners from spinning on each other.
            logger.warn(e.message, { projection: e.projection });
            await this.sleep(10 + Math.random() * 40);
            continue;
          }
          this.failures += 1;
          const message = e instanceof Error ? e.message : String(e);
          if (this.failures > retry.maxRetries) {
            for (const w of [...this.members, ...this.benched.keys()]) this.fail(w, message);
            this.failures = 0;
            break;
          }
          const delayMs = retry.baseDelayMs * 2 ** (this.failures - 1);
          logger.warn(`projection batch failed; retrying in ${delayMs} ms`, {
            projections: [...this.members].map((w) => w.name),
            attempt: this.failures,
            error: message,
          });
          await this.sleep(delayMs);
        }
      }
    } finally {
      this.loop = null;
    }
  }

  private bench(e: ProjectionApplyError): void {
    const { logger, retry } = this.options;
    const worker = [...this.members].find((w) => w.name === e.projection);
    if (!worker) return;
    this.members.delete(worker);
    worker.failures += 1;
    if (worker.failures > retry.maxRetries) {
      this.fail(worker, e.message);
      return;
    }
    const delayMs = retry.baseDelayMs * 2 ** (worker.failures - 1);
    logger.warn(`projection ${worker.name} batch failed; retrying in ${delayMs} ms`, {
      projection: worker.name,
      attempt: worker.failures,
      error: e.message,
    });
    this.benched.set(
      worker,
      setTimeout(() => {
        this.benched.delete(worker);
        this.members.add(worker);
        this.admitted(worker);
      }, delayMs),
    );
  }

  private fail(worker: ProjectionWorker, message: string): void {
    this.options.logger.error(`projection ${worker.name} failed; giving up after ${this.options.retry.maxRetries} retries`, {
      projection: worker.name,
      position: worker.position,
      error: message,
    });
    this.members.delete(worker);
    this.benched.delete(worker);
    worker.setState('failed', message);
  }

  /** One subscription from the lowest member checkpoint; a retry or a late joiner starts a new one. */
  private async session(): Promise<void> {
    const { db, store, batchSize } = this.options;
    this.restart = false;
    const names = [...this.members].map((w) => w.name);
    // Again here, not only at start: a deleted row would otherwise fail every conditional update.
    await ensureCheckpoints(db, names);
    const stored = await readCheckpoints(db);
    for (const w of this.members) w.position = stored.get(w.name) ?? 0;
    this.options.onChange();
    if (this.members.size === 0) return;
    const from = Math.min(...[...this.members].map((w) => w.position));
    this.delivered = from;
    const subscription = store.subscribe({ fromPosition: from + 1 });
    this.subscription = subscription;
    if (this.idle || this.restart) await subscription.close();
    const buffer = new EventBuffer(batchSize * 2);
    const filling = buffer.fill(subscription);
    try {
      while (this.members.size > 0 && !this.restart) {
        const batch = await buffer.take(batchSize);
        if (batch.length === 0) {
          if (this.members.size === 0 || this.restart) break;
          throw new Error('The event subscription ended unexpectedly');
        }
        this.delivered = batch[batch.length - 1]!.position;
        const applying = this.applyBatch(batch);
        this.inFlight = applying;
        try {
          await applying;
        } finally {
          this.inFlight = null;
        }
      }
    } finally {
      this.subscription = null;
      await subscription.close();
      buffer.end();
      await filling;
    }
  }

  private async applyBatch(batch: readonly RecordedEvent[]): Promise<void> {
    const { db, publish } = this.options;
    const to = batch[batch.length - 1]!.position;
    const takers = [...this.members].filter((w) => w.position < to);
    if (takers.length === 0) return;
    const applied = new Map<ProjectionWorker, number>();
    await db.transaction().execute(async (trx) => {
      applied.clear();
      const byFrom = new Map<number, string[]>();
      for (const w of takers) byFrom.set(w.position, [...(byFrom.get(w.position) ?? []), w.name]);
      for (const [from, names] of byFrom) await advanceCheckpoints(trx, names, from, to);
      for (const event of batch) {
        for (const w of takers) {
          if (event.position <= w.position || !w.handles(event.type)) continue;
          try {
            await w.projection.apply(trx, event);
          } catch (e) {
            throw new ProjectionApplyError(w.name, event, e);
          }
          applied.set(w, (applied.get(w) ?? 0) + 1);
        }
      }
      await publish?.(
        trx,
        takers.map((w) => w.name),
        to,
      );
    });
    for (const w of takers) {
      w.applied += applied.get(w) ?? 0;
      w.failures = 0;
      w.position = to;
    }
    this.failures = 0;
    this.options.onCommitted?.(batch);
    this.options.onChange();
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
