import type { AccessControl } from '../../app/access/index.js';
import type { AuditCollectorStream } from '../../app/audit/collectorStream.js';
import type { InboundModule } from '../../app/inbound/inboundModule.js';
import type { NoticeOutbox } from '../../mail/notices/outbox.js';
import type { ProjectionRunner } from '../../projections/runner.js';
import type { RunningHttpServer } from '../httpServer.js';
import type { Logger } from '../logger.js';
import type { RunningMetricsServer } from '../metricsEndpoint.js';
import type { Audit } from './audit.js';
import type { LiveFeeds, Subscriptions } from './subscriptions.js';
import type { Storage } from './storage.js';

export interface RunningParts {
  readonly audit: Audit;
  readonly auditStream: AuditCollectorStream | null;
  readonly http: RunningHttpServer;
  readonly metricsServer: RunningMetricsServer | null;
  readonly inbound: InboundModule;
  readonly liveFeeds: LiveFeeds;
  readonly access: AccessControl;
  readonly subscriptions: Subscriptions;
  readonly notices: NoticeOutbox;
  readonly runner: ProjectionRunner;
  readonly storage: Storage;
}

/**
 * Stops what started, once however often it is called, in this order: background audit
 * work; the listeners (no new requests; in-flight ones finish, WebSockets close); fetching;
 * the feeds and watchers; the notice outbox (after every part that sends notices); the
 * projections; the storage last, since every part above reads or writes it.
 */
export const shutdownInOrder = (parts: RunningParts, logger: Logger): (() => Promise<void>) => {
  let stopping: Promise<void> | null = null;
  return () =>
    (stopping ??= (async () => {
      parts.audit.evidence.checkpoints.stop();
      await parts.auditStream?.stop();
      await parts.http.stop();
      await parts.metricsServer?.stop();
      await parts.inbound.stop();
      await parts.liveFeeds.fetchStatusFollower;
      await parts.access.stop();
      await parts.liveFeeds.liveEvents.stop();
      await parts.subscriptions.rightsWatcher.stop();
      await parts.subscriptions.rightsRelay?.stop();
      parts.subscriptions.subscriptions.close();
      await parts.notices.stop();
      await parts.runner.stop();
      await parts.storage.close();
      logger.info('mailroom stopped');
    })());
};
