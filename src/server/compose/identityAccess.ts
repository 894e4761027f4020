import { createAccessControl, type AccessControl } from '../../app/access/index.js';
import { AuthService } from '../../app/auth/authService.js';
import { createPrincipalCache } from '../../app/auth/principalCache.js';
import { IdentityService } from '../../app/identity/identityService.js';
import { TwoFactorService } from '../../app/identity/twoFactorService.js';
import { accessProjections } from '../../projections/access/index.js';
import { identityProjections } from '../../projections/identity/index.js';
import type { NoticeSender } from '../../mail/notices/notice.js';
import type { SecretVault } from '../../secrets/vault.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Projections } from './projections.js';
import type { Storage } from './storage.js';
import { late } from './late.js';

export interface IdentityAndAccess {
  readonly identity: IdentityService;
  readonly access: AccessControl;
  readonly twoFactor: TwoFactorService;
  readonly auth: AuthService;
}

/**
 * Users, their second factor, sign-in and the access gate (IP lists, locks, rate limits),
 * access started. A lock revokes the user's sessions and sign-in asks the access gate: auth
 * is late-bound in access, and a lock only happens after the server is up.
 */
export const startIdentityAndAccess = async (
  config: Config,
  logger: Logger,
  storage: Storage,
  parts: { readonly projections: Projections; readonly vault: SecretVault; readonly notices: NoticeSender },
): Promise<IdentityAndAccess> => {
  const { store } = storage;
  const db = storage.readModels.db;
  const { runner, afterAppend } = parts.projections;
  const identity = new IdentityService({ store, afterAppend });
  const authCell = late<AuthService>('the auth service');
  const access = createAccessControl({
    store,
    db,
    notices: parts.notices,
    afterAppend,
    logger,
    revokeSessions: (userId) => authCell.get().revokeSessions(userId),
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
  const twoFactor = new TwoFactorService({ store, db, vault: parts.vault, afterAppend });
  const auth = new AuthService({ store, db, sessionTtlMs: config.sessionTtlMs, tokenLifetime: config.apiTokenLifetime, afterAppend, loginGuard: access.loginGuard, secondFactor: twoFactor, principalCache });
  authCell.set(auth);
  return { identity, access, twoFactor, auth };
};
