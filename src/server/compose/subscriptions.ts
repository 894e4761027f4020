import type { AuthService } from '../../app/auth/authService.js';
import type { AccessControl } from '../../app/access/index.js';
import type { FetchStatusFeed } from '../../app/inbound/scheduler/fetchStatusFeed.js';
import type { Services } from '../../graphql/context.js';
import { settingsChangedRoute } from '../../graphql/audit/settingsChanged.resolver.js';
import { followFetchStatus, receiveErrorsRoute } from '../../graphql/inbound/fetchStatus.resolver.js';
import { LiveEventFeed } from '../../graphql/liveEvents.js';
import { PostgresRightsRelay } from '../../graphql/subscriptions/rightsRelay.js';
import { RightsWatcher } from '../../graphql/subscriptions/rightsWatcher.js';
import { SubscriptionService } from '../../graphql/subscriptions/subscriptionService.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { postgresReadModelsUrl } from '../projectionLeadership.js';
import type { Projections } from './projections.js';
import type { Storage } from './storage.js';

export interface Subscriptions {
  readonly subscriptions: SubscriptionService;
  readonly rightsWatcher: RightsWatcher;
  /** Other instances' rights changes through LISTEN/NOTIFY; null unless on PostgreSQL. */
  readonly rightsRelay: PostgresRightsRelay | null;
}

/**
 * The subscription registry and what closes a subscription whose holder lost the right to
 * it: the rights watcher over this instance's events and, on PostgreSQL, the relay of other
 * instances'. Subscriptions re-check their holder's rights with the same principal a request
 * would get.
 */
export const startSubscriptions = async (
  config: Config,
  logger: Logger,
  storage: Storage,
  parts: { readonly projections: Projections; readonly access: AccessControl; readonly auth: AuthService },
): Promise<Subscriptions> => {
  const { access, auth } = parts;
  const subscriptions = new SubscriptionService({
    config: config.subscriptions,
    principalOf: async (caller) => access.runtime.guard(caller.bearerToken ? await auth.authenticate(caller.bearerToken) : null, caller),
    logger,
  });
  const rightsWatcher = new RightsWatcher({ store: storage.store, subscriptions, settled: parts.projections.settled, logger });
  await rightsWatcher.start();
  const readModelsUrl = postgresReadModelsUrl(config.storage);
  const rightsRelay = readModelsUrl ? new PostgresRightsRelay({ connectionString: readModelsUrl, db: storage.readModels.db, subscriptions, logger }) : null;
  if (rightsRelay) {
    await rightsRelay.start();
    subscriptions.useSignal(rightsRelay);
  }
  return { subscriptions, rightsWatcher, rightsRelay };
};

export interface LiveFeeds {
  readonly liveEvents: LiveEventFeed;
  /** Ends when the fetch status feed closes (inbound stopped). */
  readonly fetchStatusFollower: Promise<void>;
}

/** The feeds subscriptions are served from: settings changes and receive errors from the event store, fetch status from the scheduler. */
export const startLiveFeeds = async (
  logger: Logger,
  storage: Storage,
  parts: { readonly services: Services; readonly subscriptions: SubscriptionService; readonly projections: Projections; readonly statusFeed: FetchStatusFeed },
): Promise<LiveFeeds> => {
  const { subscriptions } = parts;
  const liveEvents = new LiveEventFeed({ store: storage.store, subscriptions, routes: [settingsChangedRoute(parts.services), receiveErrorsRoute], settled: parts.projections.settled, logger });
  await liveEvents.start();
  const fetchStatusFollower = followFetchStatus(parts.statusFeed, subscriptions, logger);
  return { liveEvents, fetchStatusFollower };
};
