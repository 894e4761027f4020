import type { Kysely } from 'kysely';
import type { LoginGuard } from '../auth/authService.js';
import type { ReadModelDb } from '../../db/schema.js';
import type { EventStore } from '../../eventstore/port.js';
import type { NoticeSender } from '../../mail/notices/notice.js';
import { AccessRestrictionService } from './accessRestrictionService.js';
import { AccessRuntime } from './accessRuntime.js';
import { AccountLockService } from './accountLockService.js';
import { LoginRateLimiter, type LoginRateLimiterOptions } from './loginRateLimiter.js';
import { PostgresTokenBuckets } from './sqlTokenBuckets.js';
import { AddressFailures, type StuffingLimits } from './addressFailures.js';

export { AccessRestrictionService } from './accessRestrictionService.js';
export { AccessRuntime } from './accessRuntime.js';
export { AccountLockService } from './accountLockService.js';
export { createClientAddressResolver, requestClientAddress, type ClientAddressResolver } from './clientAddress.js';
export { LoginRateLimiter } from './loginRateLimiter.js';

export interface AccessLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface AccessControlOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly notices: NoticeSender;
  readonly revokeSessions: (userId: string) => Promise<number>;
  readonly afterAppend?: (position: number) => Promise<void>;
  readonly clock?: () => Date;
  readonly rateLimits?: LoginRateLimiterOptions;
  /** Keep login rate-limit buckets in the (PostgreSQL) read-model database, shared by every instance. */
  readonly sharedRateLimits?: boolean;
  readonly logger?: AccessLogger;
  /** Credential-stuffing thresholds per address and network (src/app/access/addressFailures.ts). */
  readonly stuffing?: StuffingLimits & { readonly exemptAllowListed: boolean };
}

/** Everything access control offers the rest of the server, wired together. */
export interface AccessControl {
  readonly runtime: AccessRuntime;
  readonly restrictions: AccessRestrictionService;
  readonly locks: AccountLockService;
  readonly loginGuard: LoginGuard;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const createAccessControl = (options: AccessControlOptions): AccessControl => {
  const runtime = new AccessRuntime({ store: options.store, db: options.db, ...(options.logger ? { logger: options.logger } : {}) });
  const common = { store: options.store, db: options.db, ...(options.clock ? { clock: options.clock } : {}), ...(options.afterAppend ? { afterAppend: options.afterAppend } : {}) };
  const restrictions = new AccessRestrictionService({ ...common, runtime });
  const locks = new AccountLockService({
    ...common,
    notices: options.notices,
    revokeSessions: options.revokeSessions,
    lockInForce: (position) => runtime.waitForPosition(position),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const limiter = new LoginRateLimiter({ ...options.rateLimits, ...(options.sharedRateLimits ? { buckets: new PostgresTokenBuckets(options.db) } : {}) });
  const failures = new AddressFailures({
    db: options.db,
    store: options.store,
    ...(options.stuffing ? { limits: options.stuffing } : {}),
    ...(options.stuffing?.exemptAllowListed ? { isExempt: (ip: string) => runtime.isAllowListed(ip) } : {}),
    notices: options.notices,
    onBlocked: (network, count, until) => options.logger?.warn({ network, failures: count, until: until.toISOString() }, 'client network blocked after repeated failed logins'),
    onNoticeFailed: (network, err) => options.logger?.error({ err, network }, 'client network blocked, but recording its notices failed'),
  });
  const report = (what: string, userId: string) => (err: unknown) => options.logger?.error({ err, userId }, `recording a ${what} login failed`);
  const loginGuard: LoginGuard = {
    admit: async (username, clientIp) => {
      await limiter.admit(username, clientIp);
      await failures.admit(clientIp);
    },
    addressFailed: (context) => failures.record(context.clientIp ?? null),
    isLocked: (userId) => locks.isLocked(userId),
    loginFailed: (userId, context) => void locks.recordLoginFailure(userId, context).catch(report('failed', userId)),
    loginSucceeded: (userId, context) => void locks.recordLoginSuccess(userId, context).catch(report('successful', userId)),
  };
  return {
    runtime,
    restrictions,
    locks,
    loginGuard,
    start: () => runtime.start(),
    stop: async () => {
      await locks.idle();
      await runtime.stop();
    },
  };
};
