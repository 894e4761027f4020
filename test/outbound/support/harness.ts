import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../../../src/app/auth/principal.js';
import { createReadModelDb, type ReadModelDatabase } from '../../../src/db/database.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { MemoryEventStore } from '../../../src/eventstore/memory/memoryEventStore.js';
import { IdentityService } from '../../../src/app/identity/identityService.js';
import type { TxtResolver } from '../../../src/mail/dkim/dkimDnsCheck.js';
import type { ServiceDkimKey } from '../../../src/mail/dkim/serviceDkimKey.js';
import type { BuiltinSmtpServer } from '../../../src/mail/smtp/builtinServer.js';
import type { SmtpTransportOptions } from '../../../src/mail/smtp/smtpTransport.js';
import { createOutboundServices } from '../../../src/app/outbound/index.js';
import { identityProjections } from '../../../src/projections/identity/index.js';
import { outboundProjections } from '../../../src/projections/outbound/index.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { SecretVault } from '../../../src/secrets/vault.js';
import { createTestSchema } from '../../support/postgres.js';
import { loopbackEgress } from '../../support/egress.js';

export const meta = (correlationId = 'test') => ({ correlationId, clientIp: '192.0.2.10' });

/**
 * The real pieces wired as the server wires them: in-memory event store, migrated read
 * models (SQLite file or a fresh PostgreSQL schema), the projection runner, the vault,
 * and the outbound services on top. Mailbox 1 exists.
 */
export const createOutboundHarness = async (
  options: {
    kind?: 'sqlite' | 'postgres';
    builtin?: BuiltinSmtpServer | null;
    transport?: SmtpTransportOptions;
    resolveTxt?: TxtResolver;
    /** The deployment's third-party DKIM key. @default none */
    serviceDkim?: ServiceDkimKey | null;
  } = {},
) => {
  const store = new MemoryEventStore();
  let readDb: ReadModelDatabase;
  let cleanup: () => Promise<void>;
  if ((options.kind ?? 'sqlite') === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-outbound-'));
    readDb = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'readmodels.sqlite') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = await createTestSchema();
    readDb = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 4 });
    cleanup = schema.drop;
  }
  await migrateToLatest(readDb.db);
  const runner = new ProjectionRunner({ store, db: readDb.db, projections: [...identityProjections, ...outboundProjections], retry: { maxRetries: 0 } });
  await runner.start();
  const afterAppend = (position: number) => runner.waitForPosition(position, 10_000);
  const vault = new SecretVault(readDb.db, randomBytes(32));
  const identity = new IdentityService({ store, afterAppend });
  await identity.createMailbox(SYSTEM_ACTOR, { number: 1, name: 'Support', address: 'support@example.com' }, meta());
  const outbound = createOutboundServices({
    store,
    db: readDb.db,
    vault,
    afterAppend,
    builtin: options.builtin ?? null,
    // The SMTP sinks listen on 127.0.0.1.
    transport: { egress: loopbackEgress, ...options.transport },
    ...(options.resolveTxt ? { resolveTxt: options.resolveTxt } : {}),
    serviceDkim: options.serviceDkim ?? null,
  });
  return {
    store,
    db: readDb.db,
    runner,
    vault,
    identity,
    outbound,
    close: async () => {
      await runner.stop();
      await readDb.destroy();
      await cleanup();
    },
  };
};

export type OutboundHarness = Awaited<ReturnType<typeof createOutboundHarness>>;
