// The subscription routes import decorated GraphQL types, which need the metadata polyfill first.
import 'reflect-metadata';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAccessControl, requestClientAddress } from '../app/access/index.js';
import { AuditLog } from '../app/audit/auditLog.js';
import { AuditCollectorStream } from '../app/audit/collectorStream.js';
import { AuditEvidence } from '../app/audit/evidence.js';
import { loadAuditSigningKey } from '../app/audit/signingKey.js';
import { AuthService } from '../app/auth/authService.js';
import { createPrincipalCache } from '../app/auth/principalCache.js';
import { createReadModelDb, sqliteReadModelPath, type ReadModelDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createConsoleRoute } from './console/consoleRoutes.js';
import { createEventStore } from '../eventstore/index.js';
import type { EventStore } from '../eventstore/port.js';
import { createContextFactory, type Services } from '../graphql/context.js';
import { operationLimitRules, refuseAnonymousIntrospection } from '../graphql/access/operationLimits.js';
import { createFormatError } from '../graphql/formatError.js';
import { settingsChangedRoute } from '../graphql/audit/settingsChanged.resolver.js';
import { followFetchStatus, receiveErrorsRoute } from '../graphql/inbound/fetchStatus.resolver.js';
import { LiveEventFeed } from '../graphql/liveEvents.js';
import { createOutboundRowsCache } from '../graphql/outbound/outbound.loaders.js';
import { createMailboxRowsCache } from '../graphql/loaders.js';
import { PostgresRightsRelay } from '../graphql/subscriptions/rightsRelay.js';
import { RightsWatcher } from '../graphql/subscriptions/rightsWatcher.js';
import { SubscriptionService } from '../graphql/subscriptions/subscriptionService.js';
import { buildMailroomSchema } from '../graphql/schema.js';
import { bootstrapIfEmpty } from '../app/identity/bootstrap.js';
import { IdentityService } from '../app/identity/identityService.js';
import { TwoFactorService } from '../app/identity/twoFactorService.js';
import { createInboundModule } from '../app/inbound/inboundModule.js';
import { createIntegrationServices } from '../app/integrations/index.js';
import { NoticeLanguageService } from '../app/integrations/noticeLanguageService.js';
import { parseBuiltinSmtpUrl } from '../mail/smtp/builtinServer.js';
import { createOutboundServices, inboundOAuthTokenSource } from '../app/outbound/index.js';
import { accessProjections } from '../projections/access/index.js';
import { serverProjections } from '../projections/all.js';
import { identityProjections } from '../projections/identity/index.js';
import { loadMasterKey } from '../secrets/masterKey.js';
import { loadServiceDkimKey, serviceDkimDnsRecord } from '../mail/dkim/serviceDkimKey.js';
import { SecretVault } from '../secrets/vault.js';
import { NoticeOutbox } from '../mail/notices/outbox.js';
import { createEgressPolicy } from '../net/egress.js';
import { ChatNoticeTransport } from '../mail/notices/chat/chatTransport.js';
import { chatDestinationsForNotice } from '../mail/notices/noticeFanout.js';
import type { NoticeTransport } from '../mail/notices/notice.js';
import { isCaughtUp, ProjectionRunner, type ProjectionLogger } from '../projections/runner.js';
import type { Config } from './config.js';
import { startHttpServer, type RunningHttpServer } from './httpServer.js';
import type { Logger } from './logger.js';
import { AppMetrics } from './metrics.js';
import { startMetricsServer } from './metricsEndpoint.js';
import { auditRoutes } from './auditRoutes.js';
import { configurationSections } from '../app/configurationSections.js';
import { createOperationObserver } from './operationObserver.js';
import { postgresReadModelsUrl, projectionLeadership } from './projectionLeadership.js';

/** A mutation waits this long for its read model before answering (read-your-writes). */
const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

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

export interface Storage {
  readonly store: EventStore;
  readonly readModels: ReadModelDatabase;
  close(): Promise<void>;
}

/** Event store and read-model database for a config; shared by the server and the CLI. */
export const openStorage = async (config: Pick<Config, 'storage' | 'dataDir'>): Promise<Storage> => {
  if (config.storage.kind === 'sqlite') {
    mkdirSync(config.storage.dataDir, { recursive: true });
    const store = await createEventStore({ kind: 'sqlite', path: join(config.storage.dataDir, 'events.sqlite') });
    const readModels = await createReadModelDb({ kind: 'sqlite', path: sqliteReadModelPath(config.storage.dataDir) });
    return { store, readModels, close: async () => (await readModels.destroy(), await store.close()) };
  }
  if (config.storage.kind === 'kurrentdb') {
    // Events in KurrentDB; read models need SQL queries, so they stay in PostgreSQL.
    const store = await createEventStore({ kind: 'kurrentdb', connectionString: config.storage.connectionString });
    const readModels = await createReadModelDb({ kind: 'postgres', connectionString: config.storage.readModelsUrl });
    return { store, readModels, close: async () => (await readModels.destroy(), await store.close()) };
  }
  const store = await createEventStore({ kind: 'postgres', connectionString: config.storage.connectionString });
  const readModels = await createReadModelDb({ kind: 'postgres', connectionString: config.storage.connectionString });
  return { store, readModels, close: async () => (await readModels.destroy(), await store.close()) };
};

const projectionLogger = (logger: Logger): ProjectionLogger => ({
  info: (msg, fields) => logger.info(fields ?? {}, msg),
  warn: (msg, fields) => logger.warn(fields ?? {}, msg),
  error: (msg, fields) => logger.error(fields ?? {}, msg),
});

/**
 * The composition root: storage, migrations, projections, services, bootstrap, then the
 * HTTP/WebSocket server. `stop()` undoes it in reverse order.
 */
export const startApp = async (config: Config, logger: Logger): Promise<App> => {
  const storage = await openStorage(config);
  const { store } = storage;
  const db = storage.readModels.db;
  const migrated = await migrateToLatest(db);
  if (migrated.executed.length > 0) logger.info({ migrations: migrated.executed }, 'read-model migrations applied');

  // `afterAppend` closes over the runner, which is built next: the reactors among the
  // projections need the notice language, and only mutations (after start) call it.
  const afterAppend = (position: number): Promise<void> => runner.waitForPosition(position, READ_YOUR_WRITES_TIMEOUT_MS);
  const noticeLanguage = new NoticeLanguageService({ store, deploymentDefault: config.chat.language, afterAppend });
  const projectionLog = projectionLogger(logger);
  const runner: ProjectionRunner = new ProjectionRunner({ store, db, projections: serverProjections({ language: noticeLanguage.languageOf, sections: configurationSections }), logger: projectionLog, ...projectionLeadership(config, projectionLog) });
  await runner.start();
  const identity = new IdentityService({ store, afterAppend });
  const vault = new SecretVault(db, loadMasterKey({ envValue: config.masterKey, dataDir: config.dataDir }));
  await vault.verifyMasterKey();
  // Notices are routed like any outgoing mail of the mailbox (its default server, else the
  // built-in one), but the outbound services are built later (they need inbound's OAuth
  // tokens, and inbound needs the outbox): the outbox delivers through whatever is wired
  // by the time it starts.
  let noticeTransport: NoticeTransport | null = null;
  // One egress policy for every outbound connection (src/net/egress.ts).
  const egress = createEgressPolicy({ allow: config.egressAllow });
  if (egress.allowed.length > 0) logger.info({ allowed: egress.allowed }, 'egress policy: outbound connections may reach these internal ranges');
  const chatNotices = new ChatNoticeTransport({ store, vault, config: config.chat, language: noticeLanguage.languageOf, egress });
  const notices = new NoticeOutbox({
    language: noticeLanguage.languageOf,
    claimMs: config.chat.claimMs,
    chatTransport: chatNotices,
    chatDestinations: chatDestinationsForNotice(db),
    db,
    transport: {
      deliver: (notice) => {
        if (!noticeTransport) throw new Error('Notice transport is not wired yet');
        return noticeTransport.deliver(notice);
      },
    },
    logger,
  });
  const access = createAccessControl({
    store,
    db,
    notices,
    afterAppend,
    logger,
    // `auth` is declared below; a lock only happens after the server is up.
    revokeSessions: (userId) => auth.revokeSessions(userId),
    // Several instances may share a PostgreSQL database; SQLite means one process.
    sharedRateLimits: storage.readModels.kind === 'postgres',
    stuffing: config.access.stuffing,
    rateLimits: {
      perIp: { burst: config.access.loginAttemptsPerIp, perMinute: config.access.loginAttemptsPerIp },
      perUsername: { burst: config.access.loginAttemptsPerUser, perMinute: config.access.loginAttemptsPerUser },
    },
  });
  await access.start();
  const principalCache = createPrincipalCache([...identityProjections, ...accessProjections]);
  principalCache.attach(runner);
  const twoFactor = new TwoFactorService({ store, db, vault, afterAppend });
  const auth = new AuthService({ store, db, sessionTtlMs: config.sessionTtlMs, tokenLifetime: config.apiTokenLifetime, afterAppend, loginGuard: access.loginGuard, secondFactor: twoFactor, principalCache });
  // Subscriptions re-check their holder's rights with the same principal a request would get.
  const subscriptions = new SubscriptionService({
    config: config.subscriptions,
    principalOf: async (caller) => access.runtime.guard(caller.bearerToken ? await auth.authenticate(caller.bearerToken) : null, caller),
    credentialExpiry: (token) => auth.credentialExpiry(token),
    logger,
  });
  const settled = (position: number, timeoutMs: number) => runner.waitForPosition(position, timeoutMs);
  const rightsWatcher = new RightsWatcher({ store, subscriptions, settled, logger });
  await rightsWatcher.start();

  const boot = await bootstrapIfEmpty({
    store,
    identity,
    adminPassword: config.adminPassword ?? undefined,
    mailboxAddress: config.bootstrapMailboxAddress,
    log: logger,
  });

  const metrics = new AppMetrics({
    store,
    runner,
    db,
    // `inbound` is declared below; the gauges are only read when /metrics is scraped.
    openSubscriptions: () => subscriptions.openCounts(),
    subscriptionPayloadsBuilt: () => subscriptions.payloadsBuilt(),
    subscriptionConnectionsClosed: () => subscriptions.closedConnections(),
    idleConnections: () => inbound.services.scheduler.idleConnections,
  });
  const operations = createOperationObserver({ metrics, logger });
  // Several instances on one PostgreSQL see each other's fetch status through LISTEN/NOTIFY.
  const readModelsUrl = postgresReadModelsUrl(config.storage);
  const inbound = createInboundModule({
    store,
    db,
    vault,
    notices,
    config: config.inbound,
    afterAppend,
    logger,
    egress,
    onFetchRunFinished: (outcome) => metrics.recordFetchRun(outcome),
    onPushImported: (seconds, messages) => metrics.recordPushImport(seconds, messages),
    ...(readModelsUrl ? { fetchStatusRelayUrl: readModelsUrl } : {}),
  });
  const builtinSmtp = config.builtinSmtpUrl ? parseBuiltinSmtpUrl(config.builtinSmtpUrl) : null;
  if (builtinSmtp && 'problem' in builtinSmtp) throw new Error(builtinSmtp.problem);
  const serviceDkim = await loadServiceDkimKey(config.thirdPartyDkim, config.dataDir);
  if (serviceDkim) {
    // Whoever runs the service publishes this once; customers' third-party signatures rely on it.
    const record = serviceDkimDnsRecord(serviceDkim);
    logger.info({ name: record.name, value: record.value, keyFile: serviceDkim.path, generated: serviceDkim.generated }, 'third-party DKIM key: publish this TXT record (also: mailroom dkim third-party)');
  }
  const outbound = createOutboundServices({
    store,
    db,
    vault,
    afterAppend,
    builtin: builtinSmtp,
    serviceDkim,
    oauth: inboundOAuthTokenSource(store, inbound.services.tokens),
    transport: { egress, ...(config.smtpCaFile ? { extraCa: [readFileSync(config.smtpCaFile, 'utf8')] } : {}) },
  });
  noticeTransport = outbound.noticeTransport;
  notices.start();
  const auditKey = loadAuditSigningKey({ envValue: config.audit.signingKey, dataDir: config.dataDir });
  // A checkpoint waits for the Merkle tree to reach the head (up to a minute on a big catch-up).
  const auditEvidence = new AuditEvidence({ store, db, key: auditKey, waitForTree: (position) => runner.waitForPosition(position, 60_000) });
  const outboundRows = createOutboundRowsCache();
  outboundRows.attach(runner);
  const mailboxRows = createMailboxRowsCache();
  mailboxRows.attach(runner);
  const rightsRelay = readModelsUrl ? new PostgresRightsRelay({ connectionString: readModelsUrl, db, subscriptions, logger }) : null;
  if (rightsRelay) {
    await rightsRelay.start();
    subscriptions.useSignal(rightsRelay);
  }
  const services: Services = { readCaches: { outboundRows, mailboxRows }, store, db, runner, auth, identity, twoFactor, subscriptions, vault, notices, access, inbound: inbound.services, outbound, integrations: createIntegrationServices({ store, db, vault, afterAppend, chat: chatNotices, egress, noticeLanguage }), auditEvidence, auditLog: new AuditLog(store, db, { sections: configurationSections }), logger };
  const liveEvents = new LiveEventFeed({ store, subscriptions, routes: [settingsChangedRoute(services), receiveErrorsRoute], settled, logger });
  await liveEvents.start();
  const fetchStatusFollower = followFetchStatus(inbound.services.statusFeed, subscriptions, logger);
  const buildContext = createContextFactory(services);
  const http = await startHttpServer(
    {
      schema: await buildMailroomSchema(),
      logger,
      buildContext,
      formatError: createFormatError({ maskUnknown: config.environment !== 'development', logger }),
      readiness: async () => {
        const details: Record<string, unknown> = { store: store.kind };
        try {
          await Promise.all([store.ping(), storage.readModels.ping()]);
        } catch (err) {
          return { ready: false, details: { ...details, database: `unreachable: ${(err as Error).message}` } };
        }
        const status = await runner.status();
        // A few events of lag is normal under write load; "caught up" means nothing is stuck.
        const ready = isCaughtUp(status, 100);
        return { ready, details: { ...details, database: 'ok', head: status.head, projections: status.projections } };
      },
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
      pathRoutes: auditRoutes({ store, audit: services.auditLog, evidence: auditEvidence, principalOf: async (info) => (await buildContext(info)).principal, logger }),
    },
    { port: config.port, host: config.host },
  );
  const metricsPort = config.metrics.port;
  const metricsServer =
    metricsPort === null
      ? null
      : await startMetricsServer({ ...config.metrics, port: metricsPort }, () => metrics.render(), (err) => logger.error({ err }, 'metrics scrape failed'));
  if (config.metrics.token === null && config.environment === 'production') {
    logger.warn({ metrics: metricsServer?.url ?? '/metrics on the API port' }, 'metrics are served without authentication; set MAILROOM_METRICS_TOKEN or keep the port private');
  }
  // Fetching starts once the API is up (MAILROOM_FETCH_ENABLED); next runs derive from the stored last attempts.
  await inbound.start();
  auditEvidence.checkpoints.startInterval(config.audit.checkpointIntervalMs, (err) => logger.error({ err }, 'audit checkpoint failed'));
  const auditStream = config.audit.stream ? new AuditCollectorStream({ store, db, config: config.audit.stream, logger, sections: configurationSections }) : null;
  auditStream?.start();
  logger.info({ keyId: auditKey.keyId, publicKey: auditKey.publicKeyPem }, 'audit checkpoints are signed with this Ed25519 key (also at /audit/public-key)');
  logger.info({ url: http.url, store: store.kind }, 'mailroom listening');

  let stopping: Promise<void> | null = null;
  return {
    url: http.url,
    wsUrl: http.wsUrl,
    services,
    http,
    metricsUrl: metricsServer?.url ?? http.url.replace(/\/graphql$/, '/metrics'),
    generatedAdminPassword: boot.bootstrapped ? boot.generatedPassword : null,
    stop: () =>
      (stopping ??= (async () => {
        auditEvidence.checkpoints.stop();
        await auditStream?.stop();
        await http.stop();
        await metricsServer?.stop();
        await inbound.stop();
        await fetchStatusFollower;
        await access.stop();
        await liveEvents.stop();
        await rightsWatcher.stop();
        await rightsRelay?.stop();
        subscriptions.close();
        await notices.stop();
        await runner.stop();
        await storage.close();
        logger.info('mailroom stopped');
      })()),
  };
};
