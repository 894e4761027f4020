import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { AuditLog, type AuditLogOptions } from '../../src/app/audit/auditLog.js';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { mailboxDecider, mailboxStreamId, type MailboxCommand } from '../../src/domain/identity/mailbox.decider.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgresEventStore.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
import { auditProjections } from '../../src/projections/audit/index.js';
import { identityProjections } from '../../src/projections/identity/index.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { configurationSections } from '../../src/app/configurationSections.js';
import { createTestSchema } from '../support/postgres.js';

export type StoreKind = 'sqlite' | 'postgres';

/**
 * Real event store and read models of one kind, with the identity and audit projections
 * running, and `tamper(position, data)` rewriting one stored event behind the store's back.
 */
export const createAuditHarness = async (kind: StoreKind, options: Partial<AuditLogOptions> = {}) => {
  let store: EventStore;
  let readDb: ReadModelDatabase;
  let tamper: (position: number, data: unknown) => Promise<void>;
  /** Any SQL on the event database behind the store's back, `?` placeholders on both dialects. */
  let exec: (text: string, params?: readonly unknown[]) => Promise<void>;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-audit-'));
    const sqlite = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    store = sqlite;
    readDb = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'readmodels.sqlite') });
    tamper = async (position, data) => {
      sqlite.database.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), position);
    };
    exec = async (text, params = []) => {
      sqlite.database.prepare(text).run(...(params as (string | number | null)[]));
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = await createTestSchema();
    store = await PostgresEventStore.create({ connectionString: schema.url });
    readDb = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 4 });
    tamper = async (position, data) => {
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        await client.query('UPDATE events SET data = $1::jsonb WHERE position = $2', [JSON.stringify(data), position]);
      } finally {
        await client.end();
      }
    };
    exec = async (text, params = []) => {
      const client = new pg.Client({ connectionString: schema.url });
      await client.connect();
      try {
        let n = 0;
        await client.query(text.replace(/\?/g, () => `$${++n}`), [...params]);
      } finally {
        await client.end();
      }
    };
    cleanup = schema.drop;
  }
  await migrateToLatest(readDb.db);
  const runner = new ProjectionRunner({ store, db: readDb.db, projections: [...identityProjections, ...auditProjections], retry: { maxRetries: 0 } });
  await runner.start();
  const audit = new AuditLog(store, readDb.db, { sections: configurationSections, ...options });
  let clock = new Date('2030-01-01T00:00:00.000Z').getTime();
  return {
    kind,
    store,
    db: readDb.db,
    runner,
    audit,
    tamper,
    exec,
    /** Runs a mailbox command as `actorId` at the next whole second; returns the position or null (nothing appended). */
    async mailbox(command: Omit<MailboxCommand, 'metadata'>, actorId: string | null = null, extra: { reason?: string } = {}) {
      clock += 1000;
      const number = (command.data as { number: number }).number;
      const result = await handleCommand(store, mailboxDecider, mailboxStreamId(number), {
        ...command,
        metadata: { now: new Date(clock), actorId, correlationId: `corr-${clock}`, clientIp: '192.0.2.7', reason: extra.reason ?? null },
      } as MailboxCommand);
      if (result.position !== null) await runner.waitForPosition(result.position, 10_000);
      return result.position;
    },
    now: () => new Date(clock),
    close: async () => {
      await runner.stop();
      await store.close();
      await readDb.destroy();
      await cleanup();
    },
  };
};

export type AuditHarness = Awaited<ReturnType<typeof createAuditHarness>>;

/** The live read-model view of a mailbox in the identity section's shape, for comparison with replays. */
export const readModelMailboxView = async (h: AuditHarness, number: number) => {
  const mailbox = await h.db.selectFrom('mailboxes').selectAll().where('number', '=', number).executeTakeFirst();
  if (!mailbox) return null;
  const members = await h.db.selectFrom('mailbox_members').select('user_id').where('mailbox_number', '=', number).execute();
  const roles = await h.db.selectFrom('mailbox_member_roles').select(['user_id', 'role']).where('mailbox_number', '=', number).execute();
  const view: Record<string, { roles: string[] }> = {};
  for (const m of [...members].sort((a, b) => (a.user_id < b.user_id ? -1 : 1))) {
    view[m.user_id] = { roles: roles.filter((r) => r.user_id === m.user_id).map((r) => r.role).sort() };
  }
  return { number: mailbox.number, name: mailbox.name, address: mailbox.address, members: view };
};
