import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import {
  lockKey,
  lockNamespace,
  PostgresCheckpointFeed,
  PostgresLeaderElection,
} from '../../src/projections/postgresLeadership.js';
import { isCaughtUp, ProjectionRunner } from '../../src/projections/runner.js';
import { createTestSchema, postgresAvailable, TEST_DATABASE_URL } from '../support/postgres.js';
import { appendCounted, checkpointOf, createToyTables, toyProjection, toySnapshot } from './toyProjection.js';

const pgAvailable = await postgresAvailable();

const until = async (what: string, predicate: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
};

const NAMES = ['identity.users', 'audit.mailbox_events', 'outbound.smtp'] as const;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.runIf(pgAvailable)('PostgreSQL projection leadership', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let admin: pg.Client;
  const cleanups: (() => Promise<void>)[] = [];

  const election = (url = schema.url) => {
    const e = new PostgresLeaderElection({ connectionString: url, retryMs: 50 });
    cleanups.push(() => e.stop());
    return e;
  };

  /** Backend holding the advisory lock of `name` (pg_locks shows two-int4 keys as classid/objid, objsubid 2). */
  const holderPid = async (name: string, schemaName = schema.schema): Promise<number | null> => {
    const { rows } = await admin.query<{ pid: number }>(
      "select pid from pg_locks where locktype = 'advisory' and objsubid = 2 and classid = $1 and objid = $2 and granted",
      [lockNamespace(schemaName) >>> 0, lockKey(name) >>> 0],
    );
    return rows[0]?.pid ?? null;
  };

  beforeEach(async () => {
    schema = await createTestSchema();
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await admin.end();
    await schema.drop();
  });

  it('gives each projection exactly one leader', async () => {
    const a = election();
    const b = election();
    await Promise.all([a.start(NAMES, () => {}), b.start(NAMES, () => {})]);
    for (const name of NAMES) expect(Number(a.isLeader(name)) + Number(b.isLeader(name))).toBe(1);
    // Still exactly one after several retry rounds of the standby.
    await sleep(300);
    for (const name of NAMES) {
      expect(Number(a.isLeader(name)) + Number(b.isLeader(name))).toBe(1);
      expect(await holderPid(name)).not.toBeNull();
    }
  });

  it('hands over when the leader connection is terminated, and releases on stop', async () => {
    // The first leader retries only after a minute, so the takeover is not a reconnect race.
    const a = new PostgresLeaderElection({ connectionString: schema.url, retryMs: 60_000 });
    cleanups.push(() => a.stop());
    const events: string[] = [];
    await a.start(NAMES, (name, leading) => events.push(`${leading ? '+' : '-'} ${name}`));
    expect(NAMES.every((n) => a.isLeader(n))).toBe(true);
    const b = election();
    await b.start(NAMES, () => {});
    await sleep(200);
    expect(NAMES.some((n) => b.isLeader(n))).toBe(false);

    await admin.query('select pg_terminate_backend($1)', [await holderPid(NAMES[0])]);
    await until('the standby takes over', () => NAMES.every((n) => b.isLeader(n)));
    expect(NAMES.some((n) => a.isLeader(n))).toBe(false);
    expect(events).toEqual([...NAMES.map((n) => `+ ${n}`), ...NAMES.map((n) => `- ${n}`)]);

    const bPid = await holderPid(NAMES[0]);
    const c = election();
    await c.start(NAMES, () => {});
    expect(NAMES.some((n) => c.isLeader(n))).toBe(false);
    await b.stop();
    const { rows } = await admin.query('select 1 from pg_stat_activity where pid = $1', [bPid]);
    expect(rows).toHaveLength(0);
    await until('the released locks are taken', () => NAMES.every((n) => c.isLeader(n)));
  });

  it('acquire waits, saying who it waits for, until the holder lets go', async () => {
    const holder = election();
    await holder.start(NAMES, () => {});
    expect(NAMES.every((n) => holder.isLeader(n))).toBe(true);

    const rebuild = election();
    const waitingFor: string[][] = [];
    let acquired = false;
    const acquiring = rebuild.acquire(['outbound.smtp'], (held) => waitingFor.push([...held])).then(() => (acquired = true));
    await until('acquire reports waiting', () => waitingFor.length === 1);
    expect(waitingFor).toEqual([['outbound.smtp']]);
    await sleep(200);
    expect(acquired).toBe(false);
    await holder.stop();
    await acquiring;
    expect(rebuild.isLeader('outbound.smtp')).toBe(true);
    // Only what was asked for.
    expect(rebuild.isLeader('identity.users')).toBe(false);
  });

  it('keeps deployments in different schemas apart', async () => {
    const otherSchema = await createTestSchema();
    cleanups.push(() => otherSchema.drop());
    const here = election();
    const there = election(otherSchema.url);
    await Promise.all([here.start(NAMES, () => {}), there.start(NAMES, () => {})]);
    expect(NAMES.every((n) => here.isLeader(n) && there.isLeader(n))).toBe(true);
    expect(await holderPid(NAMES[0], otherSchema.schema)).not.toBe(await holderPid(NAMES[0]));
  });

  it('publishes checkpoints on commit only, to listeners of the same schema', async () => {
    const otherSchema = await createTestSchema();
    cleanups.push(() => otherSchema.drop());
    const rm = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 2 });
    cleanups.push(() => rm.destroy());
    const heard: string[] = [];
    const heardElsewhere: string[] = [];
    const feed = new PostgresCheckpointFeed({ connectionString: schema.url });
    const elsewhere = new PostgresCheckpointFeed({ connectionString: otherSchema.url });
    cleanups.push(() => feed.stop(), () => elsewhere.stop());
    let resyncs = 0;
    await feed.start({ checkpoint: (n, p) => heard.push(`${n}@${p}`), resync: () => void resyncs++ });
    await elsewhere.start({ checkpoint: (n, p) => heardElsewhere.push(`${n}@${p}`), resync: () => {} });
    expect(resyncs).toBe(1);

    await rm.db
      .transaction()
      .execute(async (trx) => {
        await feed.publish(trx, ['a:b'], 7);
        throw new Error('roll back');
      })
      .catch(() => {});
    await rm.db.transaction().execute(async (trx) => {
      await feed.publish(trx, ['a:b'], 8);
      await sql`select pg_sleep(0.1)`.execute(trx);
      expect(heard).toEqual([]);
    });
    await until('the committed checkpoint is heard', () => heard.length > 0);
    await sleep(100);
    expect(heard).toEqual(['a:b@8']);
    expect(heardElsewhere).toEqual([]);

    // A batch of many projections is one notification, split only near the payload limit.
    const many = Array.from({ length: 300 }, (_, i) => `projection.${'x'.repeat(40)}.${i}`);
    heard.length = 0;
    await rm.db.transaction().execute((trx) => feed.publish(trx, many, 9));
    await until('every name is heard', () => heard.length === many.length);
    expect(heard).toEqual(many.map((n) => `${n}@9`));

    // A batch commits without waiting for its WAL flush; nothing else on the pool does.
    const setting = async (db: typeof rm.db) => (await sql<{ s: string }>`select current_setting('synchronous_commit') as s`.execute(db)).rows[0]!.s;
    await rm.db.transaction().execute(async (trx) => {
      expect(await setting(trx)).toBe('on');
      await feed.publish(trx, ['a:b'], 10);
      expect(await setting(trx)).toBe('off');
    });
    expect(await Promise.all([setting(rm.db), setting(rm.db)])).toEqual(['on', 'on']);
  });

  describe('two runners on one database', () => {
    let store: MemoryEventStore;
    const dbs: ReadModelDatabase[] = [];

    const runner = async (): Promise<ProjectionRunner> => {
      const rm = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 4 });
      dbs.push(rm);
      const r = new ProjectionRunner({
        store,
        db: rm.db,
        projections: [toyProjection(), toyProjection({ name: 'other' })],
        logger: silent,
        leaderElection: new PostgresLeaderElection({ connectionString: schema.url, retryMs: 50 }),
        checkpointFeed: new PostgresCheckpointFeed({ connectionString: schema.url }),
        checkpointPollMs: 50,
      });
      cleanups.push(async () => {
        await r.stop();
        await rm.destroy();
      });
      return r;
    };

    beforeEach(async () => {
      dbs.splice(0);
      store = new MemoryEventStore();
      const rm = await createReadModelDb({ kind: 'postgres', connectionString: schema.url, poolSize: 2 });
      await migrateToLatest(rm.db);
      await createToyTables(rm.db);
      await createToyTables(rm.db, 'other');
      await rm.destroy();
    });

    it('applies each event once, on the leader, and lets the standby wait for positions', async () => {
      const [a, b] = await Promise.all([runner(), runner()]);
      await Promise.all([a.start(), b.start()]);
      const states = async () => [...(await a.status()).projections, ...(await b.status()).projections];
      expect((await states()).map((p) => p.state).sort()).toEqual(['running', 'running', 'standby', 'standby']);

      const last = await appendCounted(store, 300);
      // Both runners see the memory store's appends; only one applies each projection, and
      // the other's wait is settled by the leader's published checkpoints.
      await Promise.all([a.waitForPosition(last, 10_000), b.waitForPosition(last, 10_000)]);
      expect((await toySnapshot(dbs[0]!.db)).log).toHaveLength(300);
      for (const name of ['toy', 'other']) {
        const counts = [a.appliedEventCounts().get(name), b.appliedEventCounts().get(name)];
        expect(counts.sort()).toEqual([0, 300]);
      }
      expect(isCaughtUp(await a.status()) && isCaughtUp(await b.status())).toBe(true);

      // The leader of `toy` goes away; the standby takes over and continues.
      const [leader, standby] = (await a.status()).projections.find((p) => p.name === 'toy')!.state === 'running' ? [a, b] : [b, a];
      await leader.stop();
      await until('the standby leads', async () => (await standby.status()).projections.every((p) => p.state === 'running'));
      const more = await appendCounted(store, 50);
      await standby.waitForPosition(more, 10_000);
      expect((await toySnapshot(dbs[0]!.db)).log).toHaveLength(350);
      expect(await checkpointOf(dbs[0]!.db, 'toy')).toBe(more);
    });

    it('rebuilds only once it holds the leadership, which a running leader keeps until it stops', async () => {
      const server = await runner();
      await server.start();
      const last = await appendCounted(store, 40);
      await server.waitForPosition(last, 10_000);
      const cli = await runner();
      const waiting: string[][] = [];
      let rebuilt = false;
      const rebuilding = cli.rebuild(['toy'], undefined, { onWaiting: (held) => waiting.push([...held]) }).then((r) => ((rebuilt = true), r));
      await until('the rebuild says what it waits for', () => waiting.length === 1);
      expect(waiting).toEqual([['toy']]);
      await sleep(300);
      expect(rebuilt).toBe(false);

      await server.stop();
      expect((await rebuilding).events).toBe(40);
      expect((await toySnapshot(dbs[0]!.db)).log).toHaveLength(40);
      // The rebuild gave the leadership up again: a new server leads and continues.
      const next = await runner();
      await next.start();
      expect((await next.status()).projections.map((p) => p.state)).toEqual(['running', 'running']);
      const more = await appendCounted(store, 5);
      await next.waitForPosition(more, 10_000);
      expect(next.appliedEventCounts().get('toy')).toBe(5);
    });
  });
});
