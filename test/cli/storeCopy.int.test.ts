import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoreChain } from '../../src/app/audit/chainVerification.js';
import { runStoreCopy } from '../../src/cli/storeCopy.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/postgresEventStore.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import { mailboxScope } from '../../src/secrets/vault.js';
import { copyStore } from '../../src/storeCopy/copyStore.js';
import { parseStoreUrl } from '../../src/storeCopy/storeUrl.js';
import { events } from '../contract/eventStoreFixtures.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { startTestServer } from '../support/server.js';
import { captureIo, runCli } from '../storeCopy/cliHarness.js';
import { MASTER_KEY, SMTP_PASSWORDS, seedSqliteSource, snapshotConfiguration } from '../storeCopy/seedSource.js';

const TOTAL = 100_000;

const pgAvailable = await postgresAvailable();

describe.runIf(pgAvailable)('mailroom store copy: SQLite to PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-copy-src-'));
  const schemas: { url: string; drop: () => Promise<void> }[] = [];
  const newSchema = async () => {
    const schema = await createTestSchema();
    schemas.push(schema);
    return schema;
  };
  const from = parseStoreUrl(`sqlite:${dataDir}`);
  let configuration: Awaited<ReturnType<typeof snapshotConfiguration>>;
  let copied: { url: string };

  beforeAll(async () => {
    ({ configuration } = await seedSqliteSource(dataDir, TOTAL));
  }, 600_000);
  afterAll(async () => {
    await Promise.all(schemas.map((s) => s.drop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies all events with ids, streams, revisions, times and hashes unchanged, and verifies the target', async () => {
    copied = await newSchema();
    const { io, err } = captureIo();
    const summary = await runStoreCopy({ from, to: parseStoreUrl(copied.url), batchSize: 2000 }, io);
    expect(summary).toMatchObject({ status: 'complete', sourceHead: TOTAL, targetHead: TOTAL, copied: TOTAL, resumedAfter: 0 });
    expect(summary.dataKeys).toMatchObject({ keys: 2, inserted: 2, masterKeyFile: null });
    expect(err.join('')).toMatch(new RegExp(`copied ${TOTAL} events in [\\d.]+ s \\(\\d+ events/s\\); target verified: ${TOTAL} events`));
    console.info(`store copy SQLite -> PostgreSQL: ${TOTAL} events, ${Math.round(summary.eventsPerSecond)} events/s (${summary.elapsedMs} ms)`);

    const source = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    const target = await PostgresEventStore.create({ connectionString: copied.url });
    try {
      for (let next = 1; next <= TOTAL; next += 5000) {
        const [a, b] = await Promise.all([source.readAll({ fromPosition: next, max: 5000 }), target.readAll({ fromPosition: next, max: 5000 })]);
        expect(b).toHaveLength(a.length);
        expect(b).toEqual(a);
      }
      expect(await target.headPosition()).toBe(TOTAL);
      expect(summary.lastHash).toBe((await source.readAll({ fromPosition: TOTAL, max: 1 }))[0]!.hash);
    } finally {
      await source.close();
      await target.close();
    }
  }, 600_000);

  it('serves the same configuration from the copy: projections rebuilt, admin login, secrets readable', async () => {
    const server = await startTestServer({ env: { DATABASE_URL: copied.url, MAILROOM_MASTER_KEY: MASTER_KEY } });
    try {
      const { store, runner, vault } = server.app.services;
      // Nothing bootstrapped: the administrator and mailbox 1 come from the copied events.
      expect(server.app.generatedAdminPassword).toBeNull();
      expect(await store.headPosition()).toBe(TOTAL);
      await runner.waitForPosition(TOTAL, 300_000);
      const status = await runner.status();
      expect(status.projections.length).toBeGreaterThan(5);
      for (const p of status.projections) expect({ name: p.name, position: p.position }).toEqual({ name: p.name, position: TOTAL });

      // As of the source's head when the configuration was read, and as of now (after the filler).
      const asOfThen = configuration.configuration1.configurationAsOf.position;
      expect(await snapshotConfiguration(server.url, asOfThen)).toEqual(configuration);
      const now = await snapshotConfiguration(server.url);
      expect(now.configuration1.configurationAsOf.position).toBe(TOTAL);
      expect(now.configuration1.configurationAsOf.sections).toEqual(configuration.configuration1.configurationAsOf.sections);
      expect(now.configuration2.configurationAsOf.sections).toEqual(configuration.configuration2.configurationAsOf.sections);

      const source = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
      const added = source.database
        .prepare("SELECT data FROM events WHERE type = 'SmtpServerAdded' ORDER BY position")
        .all()
        .map((r) => JSON.parse(String(r.data)) as { mailboxNumber: 1 | 2; passwordCiphertext: string });
      await source.close();
      expect(added.map((d) => d.mailboxNumber)).toEqual([1, 2]);
      for (const d of added) expect(await vault.decrypt(mailboxScope(d.mailboxNumber), d.passwordCiphertext)).toBe(SMTP_PASSWORDS[d.mailboxNumber]);
    } finally {
      await server.stop();
    }
  }, 600_000);

  it('resumes an interrupted copy (limit, then Ctrl-C) through the command line and verifies it', async () => {
    const third = await newSchema();
    const partial = await copyStore({ from, to: parseStoreUrl(third.url), limit: 30_000, batchSize: 5000 });
    expect(partial).toMatchObject({ status: 'partial', copied: 30_000, targetHead: 30_000, dataKeys: null });
    const abort = new AbortController();
    const stopped = await copyStore({
      from,
      to: parseStoreUrl(third.url),
      batchSize: 5000,
      signal: abort.signal,
      onProgress: (p) => p.phase === 'copy' && p.done >= 50_000 && abort.abort(),
    });
    expect(stopped).toMatchObject({ status: 'partial', resumedAfter: 30_000, targetHead: 50_000, copied: 20_000 });

    const cli = captureIo();
    await runCli(cli.io, '--from', `sqlite:${dataDir}`, '--to', third.url, '--batch-size', '3000');
    expect(cli.summary()).toMatchObject({ status: 'complete', resumedAfter: 50_000, copied: TOTAL - 50_000, targetHead: TOTAL });
    expect(cli.err.join('')).toContain('resumed after position 50000');

    const store = await PostgresEventStore.create({ connectionString: third.url });
    try {
      expect(await verifyStoreChain(store)).toMatchObject({ ok: true, eventsChecked: TOTAL, toPosition: TOTAL });
    } finally {
      await store.close();
    }
    // A complete copy re-run is a no-op that verifies again.
    const again = captureIo();
    await runCli(again.io, '--from', `sqlite:${dataDir}`, '--to', third.url);
    expect(again.summary()).toMatchObject({ status: 'complete', resumedAfter: TOTAL, copied: 0, dataKeys: { keys: 2, inserted: 0 } });
  }, 900_000);

  it('refuses a non-empty target that is not a partial copy of the source', async () => {
    const target = await newSchema();
    const other = await PostgresEventStore.create({ connectionString: target.url });
    await other.appendToStream('unrelated', events(3));
    await other.close();
    const { io } = captureIo();
    await expect(runCli(io, '--from', `sqlite:${dataDir}`, '--to', target.url)).rejects.toThrow(
      /target is not empty \(3 events\) and is not a partial copy of this source: position 1 differs/,
    );
    const check = await PostgresEventStore.create({ connectionString: target.url });
    expect(await check.headPosition()).toBe(3);
    await check.close();
  }, 120_000);
});

describe('mailroom store copy: refusals without PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-copy-tamper-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops at a tampered source event with a clear error, keeping only verified batches', async () => {
    const source = new SqliteEventStore({ path: join(dir, 'src', 'events.sqlite') });
    await source.appendToStream('mailbox-1', events(50, 'MailboxRenamed'));
    source.database.prepare(`UPDATE events SET data = '{"i":999}' WHERE position = 20`).run();
    await source.close();
    const { io, err } = captureIo();
    const args = ['--from', `sqlite:${join(dir, 'src')}`, '--to', `sqlite:${join(dir, 'dst', 'events.sqlite')}`, '--batch-size', '10'];
    await expect(runCli(io, ...args)).rejects.toThrow(/Hash mismatch at position 20 .*source chain is broken/);
    expect(err.join('')).toContain('copy FAILED');
    const target = new SqliteEventStore({ path: join(dir, 'dst', 'events.sqlite') });
    expect(await target.headPosition()).toBe(10);
    await target.close();
    // A re-run resumes after the 10 verified events and fails at the same place.
    await expect(runCli(captureIo().io, ...args)).rejects.toThrow(/Hash mismatch at position 20/);
  });

  it('refuses copying a store onto itself, and a missing source', async () => {
    await expect(runCli(captureIo().io, '--from', `sqlite:${dir}/src`, '--to', `sqlite:${dir}/src/events.sqlite`)).rejects.toThrow(/the same store/);
    await expect(runCli(captureIo().io, '--from', `sqlite:${dir}/nowhere`, '--to', `sqlite:${dir}/x`)).rejects.toThrow(/No event store at/);
    await expect(runCli(captureIo().io, '--from', 'mysql://h/db', '--to', `sqlite:${dir}/x`)).rejects.toThrow(/Expected a store URL starting with sqlite:/);
  });
});
