import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArgon2Hasher } from '../../src/app/auth/passwords.js';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createEventStore } from '../../src/eventstore/index.js';
import { IdentityService } from '../../src/app/identity/identityService.js';
import { createInboundModule, type InboundModuleOptions } from '../../src/app/inbound/inboundModule.js';
import { loadInboundConfig } from '../../src/app/inbound/inboundConfig.js';
import { NoticeOutbox } from '../../src/mail/notices/outbox.js';
import { allProjections } from '../../src/projections/all.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { SecretVault } from '../../src/secrets/vault.js';
import { createTestSchema } from '../support/postgres.js';
import { loopbackEgress } from '../support/egress.js';

/** Scheduler tests of polling itself: no IMAP IDLE sessions (their own tests are imapIdle.*.test.ts). */
export const POLLING_ONLY = { MAILROOM_IDLE_MAX_CONNECTIONS: '0' } as const;

export const OPS_EMAIL = 'ops@example.com';
export const meta = (correlationId = 'inbound-test') => ({ correlationId, clientIp: '192.0.2.10' });

/** A clock the test moves by hand (schedule, backoff, token expiry). */
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
 * The inbound area wired as the server wires it, on real storage: SQLite event store,
 * a migrated read-model database (SQLite file or a fresh PostgreSQL schema), every
 * projection, the secret vault, the durable notice outbox (recording only: delivery is
 * the outbox's own test), mailbox 1 with an operations administrator who receives notices.
 */
export const createInboundHarness = async (
  options: { readDb?: 'sqlite' | 'postgres'; env?: Record<string, string>; module?: Partial<InboundModuleOptions> } = {},
) => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-inbound-'));
  const store = await createEventStore({ kind: 'sqlite', path: join(dir, 'events.sqlite') });
  let readDb: ReadModelDatabase;
  let dropSchema: () => Promise<void> = async () => {};
  if ((options.readDb ?? 'sqlite') === 'sqlite') {
    readDb = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'readmodels.sqlite') });
  } else {
    const schema = await createTestSchema();
    readDb = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 4 });
    dropSchema = schema.drop;
  }
  const db = readDb.db;
  await migrateToLatest(db);
  const runner = new ProjectionRunner({ store, db, projections: allProjections, retry: { maxRetries: 0 } });
  await runner.start();
  const afterAppend = (position: number) => runner.waitForPosition(position, 10_000);
  const clock = manualClock();
  const identity = new IdentityService({ store, clock: clock.now, passwords: createArgon2Hasher(), afterAppend });
  const vault = new SecretVault(db, randomBytes(32));
  const notices = new NoticeOutbox({ db, transport: { deliver: async () => {} }, clock: clock.now });

  const problems: string[] = [];
  const config = loadInboundConfig({ MAILROOM_FETCH_ENABLED: 'false', ...options.env }, problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const inbound = createInboundModule({ store, db, vault, notices, config, afterAppend, clock: clock.now, egress: loopbackEgress, ...options.module });

  await identity.createMailbox(SYSTEM_ACTOR, { number: 1, name: 'Support', address: 'support@example.com' }, meta());
  const { userId: opsUserId } = await identity.createUser(
    SYSTEM_ACTOR,
    { username: 'ops', displayName: 'Ops', email: OPS_EMAIL, password: 'ops-password-123' },
    meta(),
  );
  await identity.addMember(SYSTEM_ACTOR, { mailboxNumber: 1, userId: opsUserId }, meta());
  await identity.assignRole(SYSTEM_ACTOR, { mailboxNumber: 1, userId: opsUserId, role: 'OPERATIONS_ADMINISTRATOR' }, meta());

  return {
    store,
    db,
    runner,
    clock,
    vault,
    identity,
    notices,
    inbound,
    services: inbound.services,
    opsUserId,
    /** Events of the given types, in order. */
    eventsOf: async (...types: string[]) => (await store.readAll({ max: 100_000 })).filter((e) => types.includes(e.type)),
    /** Notices recorded in the outbox, oldest first. */
    recordedNotices: () => db.selectFrom('notice_outbox').selectAll().orderBy('created_at').orderBy('id').execute(),
    close: async () => {
      await inbound.stop();
      await runner.stop();
      await readDb.destroy();
      await store.close();
      await dropSchema();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type InboundHarness = Awaited<ReturnType<typeof createInboundHarness>>;
