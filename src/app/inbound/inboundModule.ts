import { rootCertificates } from 'node:tls';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { EventStore } from '../../eventstore/port.js';
import { fetchAccount } from '../../mail/fetch/fetchAccount.js';
import { createSqlFetchStateStore } from '../../mail/fetch/fetchStateStore.js';
import type { FetchLimits, FetchTlsOptions } from '../../mail/fetch/fetchTypes.js';
import { createSqlMessageStore } from '../../mail/messageStore/sqlMessageStore.js';
import type { NoticeSender } from '../../mail/notices/notice.js';
import { AccountFetch, type FetchAccountFn } from './scheduler/accountFetch.js';
import { probeReceiveAccount } from './scheduler/connectionProbe.js';
import { FetchScheduler, type FetchSchedulerOptions, type SchedulerLogger } from './scheduler/fetchScheduler.js';
import { FetchLeases, newInstanceId } from './scheduler/fetchLeases.js';
import { FetchStatusFeed } from './scheduler/fetchStatusFeed.js';
import { IdlePool } from './scheduler/idlePool.js';
import type { IdleSessionDeps } from './scheduler/idleSession.js';
import { PostgresFetchStatusRelay } from './scheduler/fetchStatusRelay.js';
import type { EgressPolicy } from '../../net/egress.js';
import type { SecretVault } from '../../secrets/vault.js';
import type { InboundConfig } from './inboundConfig.js';
import { OAuthAccessTokens } from './oauth/accessTokens.js';
import { OAuthCredentialService } from './oauthCredentialService.js';
import { ReceiveAccountService } from './receiveAccountService.js';
import { ReceiveFetchControl } from './receiveFetchControl.js';
import { fetchRunHistory, type FetchRunBucket } from './fetchRunHistory.js';

export interface InboundModuleOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly vault: SecretVault;
  readonly notices: NoticeSender;
  readonly config: InboundConfig;
  readonly afterAppend?: (position: number) => Promise<void>;
  readonly logger?: SchedulerLogger;
  readonly clock?: () => Date;
  /** Extra TLS trust for mail servers (tests: Dovecot's self-signed CA). */
  readonly tls?: FetchTlsOptions;
  /** @default FetchScheduler's 1000 ms */
  readonly tickMs?: number;
  readonly limits?: Partial<FetchLimits>;
  /** @default the fetchers' `fetchAccount` */
  readonly fetchAccount?: FetchAccountFn;
  /** See `FetchSchedulerOptions.onRunFinished`. */
  readonly onFetchRunFinished?: FetchSchedulerOptions['onRunFinished'];
  /**
   * PostgreSQL read models: their connection string, for the LISTEN connection that brings
   * other instances' fetch status to this one's subscribers. Absent (SQLite): in-process only.
   */
  readonly fetchStatusRelayUrl?: string;
  /** This process's id in the fetch lease table. @default random */
  readonly instanceId?: string;
  /** Where mail servers and OAuth token endpoints may be (src/net/egress.ts). @default nothing allowed */
  readonly egress?: EgressPolicy;
  /** IMAP IDLE tuning (tests: short backoff); see IdleSessionDeps. */
  readonly idle?: Pick<IdleSessionDeps, 'maxIdleMs' | 'backoffMinMs' | 'backoffMaxMs'>;
  /** Seconds from an IDLE push to its committed import (metrics). */
  readonly onPushImported?: IdleSessionDeps['onPushImported'];
}

/** Everything the GraphQL resolvers call for OAuth credentials, receive accounts and fetch status. */
export interface InboundServices {
  readonly oauthCredentials: OAuthCredentialService;
  readonly receiveAccounts: ReceiveAccountService;
  readonly fetchControl: ReceiveFetchControl;
  readonly statusFeed: FetchStatusFeed;
  readonly tokens: OAuthAccessTokens;
  readonly scheduler: FetchScheduler;
  /** Fetch runs per hour of a mailbox over the last `hours` up to `now` (the fetchRunHistory query). */
  readonly runHistory: (mailboxNumber: number, now: Date, hours: number) => Promise<FetchRunBucket[]>;
}

export interface InboundModule {
  readonly services: InboundServices;
  /** Starts the scheduler when `config.fetchEnabled`; "fetch now" and tests work either way. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires the inbound area: token service, settings services, fetch runs, scheduler, status feed. */
export const createInboundModule = (options: InboundModuleOptions): InboundModule => {
  const { store, db, vault, notices, config } = options;
  const clock = options.clock ?? (() => new Date());
  const shared = {
    store,
    db,
    vault,
    clock,
    ...(options.afterAppend ? { afterAppend: options.afterAppend } : {}),
  };
  const egress = options.egress ? { egress: options.egress } : {};
  const tokens = new OAuthAccessTokens({ ...shared, ...egress, notices, endpoints: config.oauthEndpoints });
  const statusFeed = new FetchStatusFeed();
  const leases = new FetchLeases({ db, clock, holder: options.instanceId ?? newInstanceId(), leaseMs: config.fetchLeaseMs });
  const relay = options.fetchStatusRelayUrl
    ? new PostgresFetchStatusRelay({
        connectionString: options.fetchStatusRelayUrl,
        db,
        feed: statusFeed,
        instanceId: leases.holder,
        ...(options.logger ? { logger: options.logger } : {}),
      })
    : null;
  const fetchState = createSqlFetchStateStore(db);
  const accountFetch = new AccountFetch({
    ...shared,
    tokens,
    notices,
    feed: relay ?? statusFeed,
    fetchAccount: options.fetchAccount ?? fetchAccount,
    fetchDeps: {
      store: createSqlMessageStore(db),
      state: fetchState,
      now: clock,
      ...egress,
      ...(options.limits || config.testPopMessageLimit !== null
        ? { limits: { ...(config.testPopMessageLimit !== null ? { maxServerMessages: config.testPopMessageLimit } : {}), ...options.limits } }
        : {}),
    },
    ...(options.tls ? { tls: options.tls } : config.mailCaCerts ? { tls: { ca: [...rootCertificates, config.mailCaCerts] } } : {}),
  });
  const idle =
    config.idleMaxConnections > 0
      ? new IdlePool({
          accountFetch,
          leases,
          clock,
          maxConnections: config.idleMaxConnections,
          ...options.idle,
          ...(options.logger ? { logger: options.logger } : {}),
          ...(options.onPushImported ? { onPushImported: options.onPushImported } : {}),
          ...(options.onFetchRunFinished ? { onRunFinished: options.onFetchRunFinished } : {}),
        })
      : null;
  const scheduler = new FetchScheduler({
    db,
    accountFetch,
    clock,
    leases,
    ...(idle ? { idle } : {}),
    forgetAccount: (accountId) => fetchState.forgetAccount(accountId),
    ...(options.tickMs ? { tickMs: options.tickMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onFetchRunFinished ? { onRunFinished: options.onFetchRunFinished } : {}),
  });
  const services: InboundServices = {
    oauthCredentials: new OAuthCredentialService({ ...shared, ...egress, config, tokens }),
    receiveAccounts: new ReceiveAccountService({ ...shared, onFetchingStopped: (accountId) => scheduler.abort(accountId) }),
    fetchControl: new ReceiveFetchControl({ store, vault, tokens, scheduler, accountFetch, probe: (account) => probeReceiveAccount(account, options.egress) }),
    statusFeed,
    tokens,
    scheduler,
    runHistory: (mailboxNumber, now, hours) => fetchRunHistory(db, mailboxNumber, now, hours),
  };
  return {
    services,
    start: async () => {
      // Subscribers see other instances' runs even where this instance does not fetch.
      await relay?.start();
      if (config.fetchEnabled) await scheduler.start();
    },
    stop: async () => {
      await scheduler.stop();
      await relay?.stop();
      statusFeed.close();
    },
  };
};
