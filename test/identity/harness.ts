import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthService } from '../../src/app/auth/authService.js';
import { createPrincipalCache } from '../../src/app/auth/principalCache.js';
import { createArgon2Hasher } from '../../src/app/auth/passwords.js';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import { IdentityService } from '../../src/app/identity/identityService.js';
import { identityProjections } from '../../src/projections/identity/index.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { createTestSchema } from '../support/postgres.js';

export type ReadDbKind = 'sqlite' | 'postgres';

/** A clock the test moves by hand (session expiry, token expiry). */
export const manualClock = (start = new Date('2030-01-01T00:00:00.000Z')) => {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
};

/**
 * The real pieces wired as the server wires them: in-memory event store, a migrated
 * read-model database (SQLite file or a fresh PostgreSQL schema), the projection runner,
 * and services that wait for their own writes to be projected.
 */
export const createIdentityHarness = async (kind: ReadDbKind) => {
  const store = new MemoryEventStore();
  let readDb: ReadModelDatabase;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-identity-'));
    readDb = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'readmodels.sqlite') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = await createTestSchema();
    readDb = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 4 });
    cleanup = schema.drop;
  }
  await migrateToLatest(readDb.db);
  const runner = new ProjectionRunner({ store, db: readDb.db, projections: identityProjections, retry: { maxRetries: 0 } });
  await runner.start();
  const clock = manualClock();
  const passwords = createArgon2Hasher();
  const afterAppend = (position: number) => runner.waitForPosition(position, 10_000);
  const identity = new IdentityService({ store, clock: clock.now, passwords, afterAppend });
  // As the server wires it: principals cached between calls, dropped by the projected events.
  const principalCache = createPrincipalCache(identityProjections);
  principalCache.attach(runner);
  const auth = new AuthService({ store, db: readDb.db, clock: clock.now, passwords, afterAppend, principalCache });
  return {
    store,
    db: readDb.db,
    runner,
    clock,
    identity,
    auth,
    close: async () => {
      await runner.stop();
      await readDb.destroy();
      await cleanup();
    },
  };
};

export type IdentityHarness = Awaited<ReturnType<typeof createIdentityHarness>>;

export const meta = (correlationId = 'test') => ({ correlationId, clientIp: '192.0.2.10' });
