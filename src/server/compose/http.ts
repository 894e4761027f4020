import { requestClientAddress } from '../../app/access/index.js';
import { operationLimitRules, refuseAnonymousIntrospection } from '../../graphql/access/operationLimits.js';
import { createContextFactory, type Services } from '../../graphql/context.js';
import { createFormatError } from '../../graphql/formatError.js';
import { buildMailroomSchema } from '../../graphql/schema.js';
import { isCaughtUp } from '../../projections/runner.js';
import { auditRoutes } from '../auditRoutes.js';
import type { Config } from '../config.js';
import { createConsoleRoute } from '../console/consoleRoutes.js';
import type { Readiness } from '../httpRoutes.js';
import { startHttpServer, type RunningHttpServer } from '../httpServer.js';
import type { Logger } from '../logger.js';
import type { Observability } from './observability.js';
import type { Storage } from './storage.js';

/** Ready when both databases answer and no projection is stuck behind the head. */
const readinessOf = (storage: Storage, services: Services) => async (): Promise<Readiness> => {
  const { store } = storage;
  const details: Record<string, unknown> = { store: store.kind };
  try {
    await Promise.all([store.ping(), storage.readModels.ping()]);
  } catch (err) {
    return { ready: false, details: { ...details, database: `unreachable: ${(err as Error).message}` } };
  }
  const status = await services.runner.status();
  // A few events of lag is normal under write load; "caught up" means nothing is stuck.
  const ready = isCaughtUp(status, 100);
  return { ready, details: { ...details, database: 'ok', head: status.head, projections: status.projections } };
};

/** The API: GraphQL over HTTP and WebSocket, health, the console, the audit downloads, and /metrics unless it has its own port. */
export const startApiServer = async (config: Config, logger: Logger, storage: Storage, services: Services, observability: Observability): Promise<RunningHttpServer> => {
  const { metrics, operations } = observability;
  const buildContext = createContextFactory(services);
  return startHttpServer(
    {
      schema: await buildMailroomSchema(),
      logger,
      buildContext,
      formatError: createFormatError({ maskUnknown: config.environment !== 'development', logger }),
      readiness: readinessOf(storage, services),
      maxRequestBytes: config.maxRequestBytes,
      timeouts: { headersMs: config.headersTimeoutMs, requestMs: config.requestTimeoutMs },
      // Introspection is what generated clients are built from: on, but refused to anonymous callers.
      introspection: true,
      refuseOperation: refuseAnonymousIntrospection,
      validationRules: operationLimitRules(),
      clientAddress: requestClientAddress(config.access.trustedProxies),
      plugins: [operations.apolloPlugin],
      onWebSocketOperation: operations.observeWebSocketOperation,
      onWebSocketErrors: operations.observeWebSocketErrors,
      routes: [createConsoleRoute(config.console)],
      ...(config.metrics.port === null ? { metrics: () => metrics.render(), metricsToken: config.metrics.token } : {}),
      pathRoutes: auditRoutes({ store: storage.store, audit: services.auditLog, evidence: services.auditEvidence, principalOf: async (info) => (await buildContext(info)).principal, logger }),
    },
    { port: config.port, host: config.host },
  );
};
