import type { Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ReadModelDb } from '../db/schema.js';
import type { EventStore } from '../eventstore/port.js';
import type { AccountFetchResult } from '../app/inbound/scheduler/accountFetch.js';
import { isLeading, type ProjectionRunner, type RunnerStatus } from '../projections/runner.js';

/** What the gauges read when Prometheus scrapes; nothing is polled in between. */
export interface MetricsSources {
  readonly store: Pick<EventStore, 'headPosition'>;
  readonly runner: Pick<ProjectionRunner, 'status' | 'appliedEventCounts'>;
  readonly db: Kysely<ReadModelDb>;
  /** Open GraphQL subscriptions per feed (`settings`, `receive_errors`, `fetch_status`). */
  readonly openSubscriptions: () => Readonly<Record<string, number>>;
  /** Subscription payloads built per feed: one per event and topic, however many subscribe. */
  readonly subscriptionPayloadsBuilt?: () => Readonly<Record<string, number>>;
  /** Subscription connections the server closed, by reason (`session_ended`, `too_slow`). */
  readonly subscriptionConnectionsClosed?: () => ReadonlyMap<string, number>;

  /** IMAP IDLE connections this instance has up (FetchScheduler.idleConnections). */
  readonly idleConnections?: () => number;
}

export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

export interface OperationSample {
  readonly operation: string;
  readonly type: OperationType;
  readonly transport: 'http' | 'ws';
  readonly outcome: 'ok' | 'error';
  /** Absent for WebSocket subscriptions, whose lifetime is not a latency. */
  readonly seconds?: number;
}

/** What `FetchScheduler.onRunFinished` reports: the run's result, or what it threw (our own failure). */
export type FetchRunOutcome = { readonly result: AccountFetchResult } | { readonly error: unknown };

/**
 * Operation names are chosen by clients; past this many distinct names, new ones are
 * counted as `other` so a client sending random names cannot grow the series without bound.
 */
const MAX_OPERATION_NAMES = 200;

const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * The Prometheus metrics of one app, in its own registry: several apps in one process
 * (tests) never clash, and `/metrics` shows exactly this app's numbers.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly operations: Counter<'operation' | 'type' | 'transport' | 'outcome'>;
  private readonly latency: Histogram<'operation' | 'type' | 'transport'>;
  private readonly fetchRuns: Counter<'outcome' | 'code'>;
  private readonly pushLatency: Histogram;
  private readonly knownOperations = new Set<string>();

  constructor(sources: MetricsSources, options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    // Two gauges read the runner status; the registry collects them concurrently, so sharing
    // the in-flight read makes one scrape cost one head read and one checkpoint read.
    let statusInFlight: Promise<RunnerStatus> | null = null;
    const runnerStatus = () =>
      (statusInFlight ??= sources.runner.status().finally(() => {
        statusInFlight = null;
      }));
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'mailroom_' });
    this.operations = new Counter({
      name: 'mailroom_graphql_operations_total',
      help: 'GraphQL operations by operation name, type, transport and outcome (error: the response carried errors).',
      labelNames: ['operation', 'type', 'transport', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'mailroom_graphql_operation_duration_seconds',
      help: 'GraphQL operation latency from request start to response (queries and mutations).',
      labelNames: ['operation', 'type', 'transport'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.fetchRuns = new Counter({
      name: 'mailroom_fetch_runs_total',
      help: 'Receive-account fetch runs by outcome (ok, failed, aborted, internal) and error code of a failed run.',
      labelNames: ['outcome', 'code'],
      registers,
    });
    this.pushLatency = new Histogram({
      name: 'mailroom_fetch_push_import_seconds',
      help: 'Seconds from the IMAP IDLE new-mail notice (EXISTS) to the committed import, one sample per imported message.',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    new Gauge({
      name: 'mailroom_fetch_idle_connections',
      help: 'IMAP IDLE connections this instance holds open (at most MAILROOM_IDLE_MAX_CONNECTIONS).',
      registers,
      collect() {
        this.set(sources.idleConnections?.() ?? 0);
      },
    });
    new Gauge({
      name: 'mailroom_subscriptions_open',
      help: 'GraphQL subscriptions currently open, per feed.',
      labelNames: ['feed'],
      registers,
      collect() {
        for (const [feed, count] of Object.entries(sources.openSubscriptions())) this.set({ feed }, count);
      },
    });
    new Counter({
      name: 'mailroom_subscription_payloads_built_total',
      help: 'Subscription payloads built per feed: one per event and topic with subscribers, however many subscribers.',
      labelNames: ['feed'],
      registers,
      collect() {
        this.reset();
        for (const [feed, count] of Object.entries(sources.subscriptionPayloadsBuilt?.() ?? {})) this.inc({ feed }, count);
      },
    });
    new Counter({
      name: 'mailroom_subscription_connections_closed_total',
      help: 'WebSocket connections closed by the server because of their subscriptions, by reason (session_ended: 4401, too_slow: 4413).',
      labelNames: ['reason'],
      registers,
      collect() {
        this.reset();
        for (const [reason, count] of sources.subscriptionConnectionsClosed?.() ?? []) this.inc({ reason }, count);
      },
    });
    new Gauge({
      name: 'mailroom_event_store_head_position',
      help: 'Global position of the last appended event (events appended since the store was created).',
      registers,
      async collect() {
        this.set(await sources.store.headPosition());
      },
    });
    new Gauge({
      name: 'mailroom_projection_lag_events',
      help: 'Events between the store head and the projection checkpoint.',
      labelNames: ['projection', 'state'],
      registers,
      async collect() {
        // Reset first: a projection that changed state must not keep its old series.
        this.reset();
        for (const p of (await runnerStatus()).projections) this.set({ projection: p.name, state: p.state }, p.lag);
      },
    });
    new Gauge({
      name: 'mailroom_projection_leader',
      help: 'Whether this instance runs the projection (1) or follows another instance as standby (0).',
      labelNames: ['projection'],
      registers,
      async collect() {
        for (const p of (await runnerStatus()).projections) this.set({ projection: p.name }, isLeading(p) ? 1 : 0);
      },
    });
    new Counter({
      name: 'mailroom_projection_events_applied_total',
      help: 'Events this instance applied to the projection (live and rebuilds); only the leader applies any.',
      labelNames: ['projection'],
      registers,
      collect() {
        // The runner owns the counts; mirror them (a counter cannot be set directly).
        this.reset();
        for (const [projection, count] of sources.runner.appliedEventCounts()) this.inc({ projection }, count);
      },
    });
    new Gauge({
      name: 'mailroom_notice_outbox',
      help: 'Rows of the notice outbox by status (pending is the delivery backlog).',
      labelNames: ['status'],
      registers,
      async collect() {
        const rows = await sources.db
          .selectFrom('notice_outbox')
          .select(['status', (eb) => eb.fn.countAll<number | string | bigint>().as('count')])
          .groupBy('status')
          .execute();
        const counts = new Map(rows.map((r) => [r.status, Number(r.count)]));
        for (const status of OUTBOX_STATUSES) this.set({ status }, counts.get(status) ?? 0);
      },
    });
  }

  recordOperation(sample: OperationSample): void {
    const operation = this.boundedName(sample.operation);
    this.operations.inc({ operation, type: sample.type, transport: sample.transport, outcome: sample.outcome });
    if (sample.seconds !== undefined) this.latency.observe({ operation, type: sample.type, transport: sample.transport }, sample.seconds);
  }

  recordFetchRun(outcome: FetchRunOutcome): void {
    if ('error' in outcome) return void this.fetchRuns.inc({ outcome: 'internal', code: 'INTERNAL' });
    const { result } = outcome;
    if (result.aborted) this.fetchRuns.inc({ outcome: 'aborted', code: '' });
    else if (result.failure) this.fetchRuns.inc({ outcome: 'failed', code: result.failure.code });
    else this.fetchRuns.inc({ outcome: 'ok', code: '' });
  }

  /** An IDLE-pushed run imported `messages` messages `seconds` after the server's notice. */
  recordPushImport(seconds: number, messages: number): void {
    for (let i = 0; i < messages; i++) this.pushLatency.observe(seconds);
  }

  /** The exposition text for `GET /metrics`. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private boundedName(name: string): string {
    if (this.knownOperations.has(name)) return name;
    if (this.knownOperations.size >= MAX_OPERATION_NAMES) return 'other';
    this.knownOperations.add(name);
    return name;
  }
}
