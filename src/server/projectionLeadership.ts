import type { ProjectionRunnerOptions } from '../projections/runner.js';
import type { ProjectionLogger } from '../projections/worker.js';
import { PostgresCheckpointFeed, PostgresLeaderElection } from '../projections/postgresLeadership.js';
import type { Config } from './config.js';

/** The PostgreSQL database holding the read models; null for SQLite. */
export const postgresReadModelsUrl = (storage: Config['storage']): string | null =>
  storage.kind === 'postgres' ? storage.connectionString : storage.kind === 'kurrentdb' ? storage.readModelsUrl : null;

/**
 * Read models in PostgreSQL may be shared by several server instances (and the CLI), so
 * each projection gets a leader; SQLite is one process's file, which leads everything.
 */
export const projectionLeadership = (
  config: Pick<Config, 'storage' | 'projectionLeaderRetryMs'>,
  logger?: ProjectionLogger,
): Pick<ProjectionRunnerOptions, 'leaderElection' | 'checkpointFeed' | 'checkpointPollMs'> => {
  const url = postgresReadModelsUrl(config.storage);
  if (url === null) return {};
  const retryMs = config.projectionLeaderRetryMs;
  return {
    leaderElection: new PostgresLeaderElection({ connectionString: url, retryMs, ...(logger ? { logger } : {}) }),
    checkpointFeed: new PostgresCheckpointFeed({ connectionString: url }),
    // The feed is the fast path; polling only covers notifications lost with a connection.
    checkpointPollMs: Math.min(1000, retryMs),
  };
};
