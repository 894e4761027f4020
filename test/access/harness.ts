import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccessControl } from '../../src/app/access/index.js';
import type { LoginRateLimiterOptions } from '../../src/app/access/loginRateLimiter.js';
import { AuthService } from '../../src/app/auth/authService.js';
import { createArgon2Hasher, type PasswordHasher } from '../../src/app/auth/passwords.js';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import { IdentityService } from '../../src/app/identity/identityService.js';
import { NoticeOutbox } from '../../src/mail/notices/outbox.js';
import { accessProjections } from '../../src/projections/access/index.js';
import { identityProjections } from '../../src/projections/identity/index.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { createTestSchema } from '../support/postgres.js';

export type ReadDbKind = 'sqlite' | 'postgres';

export const GENEROUS_LIMITS: LoginRateLimiterOptions = { perIp: { burst: 10_000, perMinute: 10_000 }, perUsername: { burst: 10_000, perMinute: 10_000 } };

/** A transport that never delivers: notices stay in the outbox, where tests read them. */
const undelivered = { deliver: async () => { throw new Error('not delivered in tests'); } };

/**
 * The real pieces as the server wires them, without HTTP: event store (in memory, or one
 * passed in to share between two "instances"), a migrated read-model database, projections,
 * identity, auth with the login guard, access control and the durable notice outbox.
 */
export const createAccessHarness = async (kind: ReadDbKind, options: { store?: EventStore; rateLimits?: LoginRateLimiterOptions } = {}) => {
  const store = options.store ?? new MemoryEventStore();
  let readDb: ReadModelDatabase;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-access-'));
    readDb = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'readmodels.sqlite') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = await createTestSchema();
    readDb = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 6 });
    cleanup = schema.drop;
  }
  const db = readDb.db;
  await migrateToLatest(db);
  const runner = new ProjectionRunner({ store, db, projections: [...identityProjections, ...accessProjections], retry: { maxRetries: 0 } });
  await runner.start();
  const afterAppend = (position: number) => runner.waitForPosition(position, 10_000);
  let verifications = 0;
  const argon2 = createArgon2Hasher();
  const passwords: PasswordHasher = { hash: argon2.hash, verify: (h, p) => (verifications++, argon2.verify(h, p)) };
  const identity = new IdentityService({ store, passwords, afterAppend });
  const notices = new NoticeOutbox({ db, transport: undelivered });
  const access = createAccessControl({
    store,
    db,
    notices,
    afterAppend,
    revokeSessions: (userId) => auth.revokeSessions(userId),
    rateLimits: options.rateLimits ?? GENEROUS_LIMITS,
  });
  await access.start();
  const auth = new AuthService({ store, db, passwords, afterAppend, loginGuard: access.loginGuard });

  const createUser = async (username: string, extra: { isAdministrator?: boolean } = {}) =>
    (await identity.createUser(SYSTEM_ACTOR, { username, displayName: username, email: `${username}@example.com`, password: `${username}-password`, ...extra }, meta())).userId;

  return {
    store,
    db,
    runner,
    identity,
    auth,
    access,
    notices,
    createUser,
    verifications: () => verifications,
    close: async () => {
      await access.stop();
      await runner.stop();
      await readDb.destroy();
      await cleanup();
    },
  };
};

export type AccessHarness = Awaited<ReturnType<typeof createAccessHarness>>;

export const meta = (correlationId = 'test', clientIp = '192.0.2.10') => ({ correlationId, clientIp });
