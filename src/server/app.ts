// The subscription routes import decorated GraphQL types, which need the metadata polyfill first.
import 'reflect-metadata';
import { bootstrapIfEmpty } from '../app/identity/bootstrap.js';
import type { Services } from '../graphql/context.js';
import type { Config } from './config.js';
import type { RunningHttpServer } from './httpServer.js';
import type { Logger } from './logger.js';
import { createAudit, startAuditBackground } from './compose/audit.js';
import { startApiServer } from './compose/http.js';
import { startIdentityAndAccess } from './compose/identityAccess.js';
import { createInbound, createOutbound } from './compose/mailAreas.js';
import { createNotices } from './compose/notices.js';
import { createObservability, startMetricsListener } from './compose/observability.js';
import { startProjections } from './compose/projections.js';
import { assembleServices } from './compose/services.js';
import { shutdownInOrder } from './compose/shutdown.js';
import { openMigratedStorage, openVault } from './compose/storage.js';
import { startLiveFeeds, startSubscriptions } from './compose/subscriptions.js';

export { openStorage, type Storage } from './compose/storage.js';

export interface App {
  readonly url: string;
  readonly wsUrl: string;
  readonly services: Services;
  readonly http: RunningHttpServer;
  /** Where Prometheus scrapes: the API port's `/metrics` or the separate metrics listener. */
  readonly metricsUrl: string;
  /** Set when this start created the first administrator with a generated password. */
  readonly generatedAdminPassword: string | null;
  stop(): Promise<void>;
}

/**
 * The composition root, one concern per step (src/server/compose/): storage, projections,
 * the vault and the notice outbox, identity and access, subscriptions, bootstrap, metrics,
 * the mail areas, the audit, the services, the feeds, then the HTTP/WebSocket server;
 * fetching and the audit's background work start last. `stop()` undoes it in reverse order
 * (compose/shutdown.ts).
 */
export const startApp = async (config: Config, logger: Logger): Promise<App> => {
  const storage = await openMigratedStorage(config, logger);
  const projections = await startProjections(config, logger, storage);
  const vault = await openVault(config, storage);
  const notices = createNotices(config, logger, storage, vault, projections);
  const identityAccess = await startIdentityAndAccess(config, logger, storage, { projections, vault, notices: notices.notices });
  const subscriptions = await startSubscriptions(config, logger, storage, { projections, access: identityAccess.access, auth: identityAccess.auth });
  const boot = await bootstrapIfEmpty({
    store: storage.store,
    identity: identityAccess.identity,
    adminPassword: config.adminPassword ?? undefined,
    mailboxAddress: config.bootstrapMailboxAddress,
    log: logger,
  });

  const observability = createObservability(logger, storage, projections, subscriptions.subscriptions);
  const inbound = createInbound(config, logger, storage, { projections, vault, notices, metrics: observability.metrics });
  observability.fetchScheduler.set(inbound.services.scheduler);
  const outbound = await createOutbound(config, logger, storage, { projections, vault, notices, inbound });
  notices.mailTransport.set(outbound.noticeTransport);
  notices.notices.start();
  const audit = createAudit(config, storage, projections);

  const services = assembleServices(logger, storage, { projections, vault, notices, identityAccess, subscriptions: subscriptions.subscriptions, inbound, outbound, audit });
  const liveFeeds = await startLiveFeeds(logger, storage, { services, subscriptions: subscriptions.subscriptions, projections, statusFeed: inbound.services.statusFeed });
  const http = await startApiServer(config, logger, storage, services, observability);
  const metricsServer = await startMetricsListener(config, logger, observability.metrics);
  // Fetching starts once the API is up (MAILROOM_FETCH_ENABLED); next runs derive from the stored last attempts.
  await inbound.start();
  const auditStream = startAuditBackground(config, logger, storage, audit);
  logger.info({ url: http.url, store: storage.store.kind }, 'mailroom listening');

  return {
    url: http.url,
    wsUrl: http.wsUrl,
    services,
    http,
    metricsUrl: metricsServer?.url ?? http.url.replace(/\/graphql$/, '/metrics'),
    generatedAdminPassword: boot.bootstrapped ? boot.generatedPassword : null,
    stop: shutdownInOrder(
      { audit, auditStream, http, metricsServer, inbound, liveFeeds, access: identityAccess.access, subscriptions, notices: notices.notices, runner: projections.runner, storage },
      logger,
    ),
  };
};
