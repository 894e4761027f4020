import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStore } from '../../src/eventstore/index.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { allProjections } from '../../src/projections/all.js';
import { CreateMailboxDocument, MailboxDocument, RenameMailboxDocument, SettingsHistoryDocument } from '../generated/graphql.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { loginAdmin, startServerProcess, waitFor, type ServerProcess } from '../support/process/serverProcess.js';
import { gql } from '../support/server.js';

const enabled = await postgresAvailable();

type Counts = ReadonlyMap<string, number>;

/** `name{projection="…"} value` series of one metric from the Prometheus exposition. */
const scrape = async (server: ServerProcess, metric: string): Promise<Counts> => {
  const res = await fetch(server.url.replace(/\/graphql$/, '/metrics'));
  expect(res.status).toBe(200);
  const series = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const m = new RegExp(`^${metric}\\{projection="([^"]+)"\\} (\\S+)$`).exec(line);
    if (m) series.set(m[1]!, Number(m[2]));
  }
  return series;
};

/** How many events of the store each projection is handed: what its leader must have applied, once. */
const handledPerProjection = async (store: EventStore): Promise<Counts> => {
  const counts = new Map(allProjections.map((p) => [p.name, 0]));
  for (let from = 1; ; ) {
    const events = await store.readAll({ fromPosition: from, max: 1000 });
    if (events.length === 0) return counts;
    for (const event of events) {
      for (const p of allProjections) if (p.allEvents || p.eventTypes.includes(event.type)) counts.set(p.name, counts.get(p.name)! + 1);
    }
    from = events[events.length - 1]!.position + 1;
  }
};

const sum = (...maps: Counts[]): Counts => {
  const total = new Map<string, number>();
  for (const map of maps) for (const [k, v] of map) total.set(k, (total.get(k) ?? 0) + v);
  return total;
};

/**
 * Two real server processes on one PostgreSQL: each projection is run by exactly one of
 * them, the other follows its checkpoint (read-your-writes holds on both), and when the
 * leader is killed the survivor takes over from the stored checkpoint.
 */
describe.runIf(enabled)('projections across server instances', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let store: EventStore;
  let a: ServerProcess;
  let b: ServerProcess;
  let survivor: ServerProcess | undefined;

  beforeAll(async () => {
    schema = await createTestSchema();
    const env = {
      DATABASE_URL: schema.url,
      MAILROOM_MASTER_KEY: randomBytes(32).toString('base64'),
      MAILROOM_PROJECTION_LEADER_RETRY_MS: '200',
    };
    // At the same time: migrations and the first-start bootstrap must survive the race.
    [a, b] = await Promise.all([startServerProcess({ name: 'proj-a', env }), startServerProcess({ name: 'proj-b', env })]);
    store = await createEventStore({ kind: 'postgres', connectionString: schema.url });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.close();
    await schema?.drop();
  });

  /** A mutation and then a query on the same instance: the query must see it, whoever leads. */
  const createAndRename = async (server: ServerProcess, token: string, number: number): Promise<void> => {
    const created = await gql(server.url, CreateMailboxDocument, { input: { number, name: `Box ${number}`, address: `box${number}@example.com` } }, { token });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createMailbox.userErrors).toEqual([]);
    expect((await gql(server.url, MailboxDocument, { number }, { token })).data?.mailbox).toMatchObject({ number, name: `Box ${number}` });
    const renamed = await gql(server.url, RenameMailboxDocument, { input: { number, name: `Box ${number} on ${server.name}` } }, { token });
    expect(renamed.errors).toBeUndefined();
    expect((await gql(server.url, MailboxDocument, { number }, { token })).data?.mailbox?.name).toBe(`Box ${number} on ${server.name}`);
  };

  const historyLength = async (server: ServerProcess, token: string, mailboxNumber: number): Promise<number> => {
    const res = await gql(server.url, SettingsHistoryDocument, { filter: { mailboxNumber }, first: 100 }, { token });
    expect(res.errors).toBeUndefined();
    return res.data!.settingsHistory.edges.length;
  };

  it('runs each projection on one instance, and on the survivor after the other is killed', async () => {
    const [tokenA, tokenB] = await Promise.all([loginAdmin(a), loginAdmin(b)]);
    // One instance bootstrapped; the other left it to that one.
    const bootstraps = [...a.logs(), ...b.logs()].filter((l) => String(l.msg).startsWith('bootstrap: created mailbox 1'));
    expect(bootstraps).toHaveLength(1);
    expect(await store.headPosition()).toBe(5);

    for (let number = 2; number < 12; number++) await createAndRename(number % 2 === 0 ? a : b, number % 2 === 0 ? tokenA : tokenB, number);
    for (const server of [a, b]) {
      const ready = await fetch(server.url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status).toBe(200);
    }

    // Exactly one leader per projection; only the leader applied events, each exactly once.
    const handled = await handledPerProjection(store);
    const [appliedA, appliedB] = await waitFor('the leaders have applied every event', async () => {
      const scraped = [await scrape(a, 'mailroom_projection_events_applied_total'), await scrape(b, 'mailroom_projection_events_applied_total')] as const;
      const total = sum(...scraped);
      return allProjections.every((p) => total.get(p.name) === handled.get(p.name)) ? scraped : undefined;
    });
    const [leaderA, leaderB] = [await scrape(a, 'mailroom_projection_leader'), await scrape(b, 'mailroom_projection_leader')];
    for (const { name } of allProjections) {
      expect({ name, leaders: leaderA.get(name)! + leaderB.get(name)! }).toEqual({ name, leaders: 1 });
      const [leads, follows] = leaderA.get(name) === 1 ? [appliedA, appliedB] : [appliedB, appliedA];
      expect({ name, applied: leads.get(name), standby: follows.get(name) }).toEqual({ name, applied: handled.get(name), standby: 0 });
    }
    expect(handled.get('audit.mailbox_events')).toBeGreaterThan(20);
    for (let number = 2; number < 12; number++) expect(await historyLength(b, tokenB, number)).toBe(2);

    // Kill the instance leading the audit index (the one every event reaches).
    const [victim, survivingInstance, token, appliedByVictim] =
      leaderA.get('audit.mailbox_events') === 1 ? [a, b, tokenB, appliedA] : [b, a, tokenA, appliedB];
    const victimApplied = await scrape(victim, 'mailroom_projection_events_applied_total');
    expect(victimApplied).toEqual(appliedByVictim);
    await victim.kill();
    survivor = survivingInstance;

    await waitFor('the survivor leads every projection', async () => {
      const leads = await scrape(survivingInstance, 'mailroom_projection_leader');
      return allProjections.every((p) => leads.get(p.name) === 1) ? true : undefined;
    });
    for (let number = 12; number < 18; number++) await createAndRename(survivingInstance, token, number);
    for (let number = 2; number < 18; number++) expect(await historyLength(survivingInstance, token, number)).toBe(2);

    // The survivor continued from the victim's checkpoints: together they applied every event once.
    const handledAfter = await handledPerProjection(store);
    const survivorApplied = await waitFor('the survivor has applied every event', async () => {
      const applied = await scrape(survivingInstance, 'mailroom_projection_events_applied_total');
      const total = sum(victimApplied, applied);
      return allProjections.every((p) => total.get(p.name) === handledAfter.get(p.name)) ? applied : undefined;
    });
    expect(survivorApplied.get('audit.mailbox_events')).toBeGreaterThan(0);
    const ready = await fetch(survivingInstance.url.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { projections: { name: string; state: string; lag: number }[] };
    expect(body.projections.every((p) => p.state === 'running')).toBe(true);
  }, 120_000);

  it('lets `projections rebuild` wait for the running leader, then rebuild', async () => {
    if (!survivor) throw new Error('needs the survivor of the previous test');
    const cli = spawn(
      process.execPath,
      ['--import', join(import.meta.dirname, '../support/process/swcHooks.mjs'), 'src/cli/main.ts', 'projections', 'rebuild', 'audit.mailbox_events'],
      {
        cwd: join(import.meta.dirname, '../..'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? tmpdir(),
          MAILROOM_DATA_DIR: mkdtempSync(join(tmpdir(), 'mailroom-cli-')),
          DATABASE_URL: schema.url,
          MAILROOM_PROJECTION_LEADER_RETRY_MS: '200',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    try {
      await waitFor('the CLI says it waits for the server', async () => (output.includes('waiting: a running server leads audit.mailbox_events') ? true : undefined));
      expect(cli.exitCode).toBeNull();
      await survivor.stop();
      expect(await exited).toBe(0);
    } finally {
      cli.kill('SIGKILL');
    }
    expect(output).toMatch(/rebuilt audit\.mailbox_events: \d+ events/);
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ position: string }>("select position from projection_checkpoints where name = 'audit.mailbox_events'");
      expect(Number(rows[0]!.position)).toBe(await store.headPosition());
    } finally {
      await client.end();
    }
  }, 120_000);
});
