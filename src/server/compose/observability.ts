import type { SubscriptionService } from '../../graphql/subscriptions/subscriptionService.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { AppMetrics } from '../metrics.js';
import { startMetricsServer, type RunningMetricsServer } from '../metricsEndpoint.js';
import { createOperationObserver, type OperationObserver } from '../operationObserver.js';
import type { Projections } from './projections.js';
import type { Storage } from './storage.js';
import { late, type Late } from './late.js';

export interface Observability {
  readonly metrics: AppMetrics;
  /** Counts and logs every GraphQL operation, HTTP (an Apollo plugin) and WebSocket alike. */
  readonly operations: OperationObserver;
  /**
   * The IDLE gauge reads the fetch scheduler, which reports its runs to these metrics:
   * set once inbound is built; the gauges are only read when /metrics is scraped.
   */
  readonly fetchScheduler: Late<{ readonly idleConnections: number }>;
}

export const createObservability = (logger: Logger, storage: Storage, projections: Projections, subscriptions: SubscriptionService): Observability => {
  const fetchScheduler = late<{ readonly idleConnections: number }>('the fetch scheduler');
  const metrics = new AppMetrics({
    store: storage.store,
    runner: projections.runner,
    db: storage.readModels.db,
    openSubscriptions: () => subscriptions.openCounts(),
    subscriptionPayloadsBuilt: () => subscriptions.payloadsBuilt(),
    subscriptionConnectionsClosed: () => subscriptions.closedConnections(),
    idleConnections: () => fetchScheduler.get().idleConnections,
  });
  const operations = createOperationObserver({ metrics, logger });
  return { metrics, operations, fetchScheduler };
};

/** The separate metrics listener (MAILROOM_METRICS_PORT); null: /metrics is on the API port. */
export const startMetricsListener = async (config: Config, logger: Logger, metrics: AppMetrics): Promise<RunningMetricsServer | null> => {
  const metricsPort = config.metrics.port;
  const metricsServer =
    metricsPort === null
      ? null
      : await startMetricsServer({ ...config.metrics, port: metricsPort }, () => metrics.render(), (err) => logger.error({ err }, 'metrics scrape failed'));
  if (config.metrics.token === null && config.environment === 'production') {
    logger.warn({ metrics: metricsServer?.url ?? '/metrics on the API port' }, 'metrics are served without authentication; set MAILROOM_METRICS_TOKEN or keep the port private');
  }
  return metricsServer;
};
