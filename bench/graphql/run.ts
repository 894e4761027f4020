/**
 * The GraphQL API end to end: the real server on a temp data dir, seeded through the API,
 * against baselines started in the same run.
 *
 *   npm run bench:graphql
 *   BENCH_SECONDS=3 BENCH_STORES=sqlite,postgres npm run bench:graphql
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test   (PostgreSQL; a fresh schema is used and dropped)
 *
 * 1. `outboundSettings` (5 servers, 20 From rules, 3 DKIM keys), 20 connections, next to a
 *    bare Apollo Server 5 answering the same JSON from memory for the same document.
 * 2. `renameMailbox`, one in flight, next to a raw durable INSERT on the same disk
 *    (node:sqlite, WAL, synchronous=FULL, autocommit) or into the same PostgreSQL.
 * 3. The same with 20 in flight (this also adds 3,000+ events to the mailbox's stream),
 *    then one in flight again on the grown stream.
 * Read-model commits and SQL statements per request are counted on the SQLite files.
 * The load generator runs in a worker thread (bench/graphql/load.ts).
 *
 * Each ratio is the median of `BENCH_ROUNDS` (default 3) rounds in which the measured path
 * and its baseline run back to back, order flipped every round: other work on this shared
 * machine then skews one round, not the figure (as in bench/eventstore). Rates shown are
 * medians over the rounds too.
 */
import './productionEnv.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import pg from 'pg';
import { startApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import type { LoadJob, LoadResult } from './load.js';
import { installSqlCounter, sqlCounts, sqlDelta, traceStatements } from './sqlCounter.js';
import { benchServerEnv } from '../support/serverEnv.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADMIN_PASSWORD = 'bench-admin-password';
const GROWTH = 3000;
/** `BENCH_ONLY=mutation` / `read` measures only the one-in-flight mutation / the settings read (for profiling). */
const ONLY = process.env.BENCH_ONLY ?? '';
/** Mailbox 1 is the bootstrap's. */
const MAILBOX = 7;
/** Renamed only in the rounds that compare against the grown stream of MAILBOX. */
const FRESH_MAILBOX = 8;

installSqlCounter();

const load = (job: LoadJob): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.js', import.meta.url), { workerData: job });
    worker.once('message', (m: LoadResult) => resolve(m));
    worker.once('error', reject);
  });

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

const call = async (url: string, query: string, variables: Record<string, unknown>, token?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body(query, variables),
  });
  const json = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (json.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(json.errors)}`);
  const payload = Object.values(json.data ?? {})[0] as { userErrors?: unknown[] } | undefined;
  if (payload?.userErrors?.length) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(payload.userErrors)}`);
  return json.data!;
};

const SETTINGS_QUERY = `query Settings($n: Int!) {
  outboundSettings(mailboxNumber: $n) {
    __typename mailboxNumber updatedAt defaultServerKinds
    defaultServer { __typename id name kind isDefault host port encryption authMethod user passwordSet oauthCredentialId updatedAt }
    smtpServers { __typename id name kind isDefault host port encryption authMethod user passwordSet oauthCredentialId updatedAt }
    routingRules { __typename id position matchKind matchValue updatedAt server { __typename id name } }
    dkimSignatures { __typename id name kind domain selector algorithm keyBits keySource bodyLengthLimit isDefault createdAt dnsRecord { __typename name value txtStrings } }
    defaultDkimSignature { __typename id name }
    dkimConditions { __typename id fromAddress updatedAt signature { __typename id name } }
    bounceDestination { __typename kind address }
    rakutenRelay { __typename id host port }
    warnings { __typename area code message subjectId }
  }
}`;

const RENAME = 'mutation Rename($n: Int!, $name: String!) { renameMailbox(input: { number: $n, name: $name }) { userErrors { code message } mailbox { number name } } }';
const renames = (prefix: string, n = MAILBOX) => Array.from({ length: 997 }, (_, i) => body(RENAME, { n, name: `${prefix} ${i}` }));

const seed = async (url: string) => {
  const { login } = await call(url, 'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token userErrors { code } } }', {
    u: 'admin',
    p: ADMIN_PASSWORD,
  });
  const token = login.token as string;
  const create = 'mutation($n: Int!, $a: String!) { createMailbox(input: { number: $n, name: "Bench", address: $a }) { userErrors { code message } } }';
  await call(url, create, { n: MAILBOX, a: 'bench@example.com' }, token);
  await call(url, create, { n: FRESH_MAILBOX, a: 'fresh@example.com' }, token);
  const servers: string[] = [];
  for (let i = 0; i < 5; i++) {
    const d = await call(
      url,
      `mutation($i: AddSmtpServerInput!) { addSmtpServer(input: $i) { server { id } userErrors { code message } } }`,
      { i: { mailboxNumber: MAILBOX, name: `Relay ${i}`, host: `smtp${i}.example.com`, port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: `user${i}`, password: `secret-${i}` } },
      token,
    );
    servers.push(d.addSmtpServer.server.id);
  }
  for (let i = 0; i < 20; i++) {
    await call(
      url,
      `mutation($i: AddSmtpRoutingRuleInput!) { addSmtpRoutingRule(input: $i) { userErrors { code message } } }`,
      { i: { mailboxNumber: MAILBOX, matchKind: i % 2 ? 'DOMAIN' : 'ADDRESS', matchValue: i % 2 ? `d${i}.example` : `user${i}@example.com`, serverId: servers[i % 5] } },
      token,
    );
  }
  for (let i = 0; i < 3; i++) {
    await call(
      url,
      `mutation($i: AddDkimSignatureInput!) { addDkimSignature(input: $i) { userErrors { code message } } }`,
      // The third-party signature uses the deployment's key and domain (MAILROOM_DKIM_THIRD_PARTY_DOMAIN): no domain or selector of its own.
      { i: i === 0 ? { mailboxNumber: MAILBOX, name: `Key ${i}`, kind: 'THIRD_PARTY' } : { mailboxNumber: MAILBOX, name: `Key ${i}`, kind: 'AUTHOR', domain: `signed${i}.example`, selector: `s${i}` } },
      token,
    );
  }
  return token;
};

const fmt = (r: LoadResult) => `${r.perSecond.toFixed(0).padStart(6)} /s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms${r.failures ? `  FAILURES ${r.failures}: ${r.firstFailure}` : ''}`;
const line = (label: string, text: string) => console.log(`  ${label.padEnd(50)} ${text}`);

/** Bare Apollo Server 5 on the same SDL, answering the captured JSON from memory. */
const startApolloBaseline = async (answer: unknown) => {
  const typeDefs = readFileSync(join(process.cwd(), 'schema/schema.graphql'), 'utf8');
  const server = new ApolloServer({ typeDefs, resolvers: { Query: { outboundSettings: () => answer } } });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  await load({ url, body: body(SETTINGS_QUERY, { n: MAILBOX }), inFlight: 20, seconds: 1 });
  return { url, stop: () => server.stop() };
};

/**
 * The stack's floor for a mutation: bare Apollo Server 5 on the same SDL whose
 * `renameMailbox` does one raw durable INSERT (the baseline's, on the same disk or
 * database) and answers the same shape. No auth, no decision, no read model: what HTTP,
 * GraphQL and one durable commit cost together, so the engine's own share can be read off.
 */
const startMutationFloor = async (kind: string, dir: string, pgUrl: string | null) => {
  const typeDefs = readFileSync(join(process.cwd(), 'schema/schema.graphql'), 'utf8');
  const data = 'x'.repeat(600);
  let insert: (name: string) => Promise<void>;
  let close: () => Promise<void>;
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: pgUrl! });
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS raw_floor (id bigserial PRIMARY KEY, stream text, data text)');
    insert = async (name) => void (await client.query('INSERT INTO raw_floor (stream, data) VALUES ($1, $2)', [name, data]));
    close = () => client.end();
  } else {
    const db = new DatabaseSync(join(dir, 'raw-floor.sqlite'));
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, stream TEXT, data TEXT)');
    const statement = db.prepare('INSERT INTO t (stream, data) VALUES (?, ?)');
    insert = async (name) => void statement.run(name, data);
    close = async () => db.close();
  }
  const renameMailbox = async (_: unknown, { input }: { input: { number: number; name: string } }) => {
    await insert(input.name);
    return { userErrors: [], mailbox: { number: input.number, name: input.name } };
  };
  const server = new ApolloServer({ typeDefs, resolvers: { Mutation: { renameMailbox } } });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  await load({ url, body: renames('FloorWarm'), inFlight: 1, seconds: 1 });
  return { url, stop: async () => (await server.stop(), await close()) };
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Paired<T> {
  readonly measured: T[];
  readonly baseline: T[];
  /** Median of the per-round measured/baseline ratios. */
  readonly ratio: number;
}

/** `ROUNDS` rounds of measured and baseline back to back, the order flipped every round. */
const paired = async <T>(measure: () => Promise<T>, baseline: () => Promise<T>, rate: (r: T) => number): Promise<Paired<T>> => {
  const measured: T[] = [];
  const base: T[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      measured.push(await measure());
      base.push(await baseline());
    } else {
      base.push(await baseline());
      measured.push(await measure());
    }
  }
  return { measured, baseline: base, ratio: median(measured.map((m, i) => rate(m) / rate(base[i]!))) };
};

/** The round with the median rate, for the p50/p99 shown. */
const medianRun = (runs: readonly LoadResult[]): LoadResult => [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)]!;
const sum = (runs: readonly LoadResult[]) => runs.reduce((n, r) => n + r.done, 0);
const rates = (xs: readonly number[]) => xs.map((x) => x.toFixed(0)).join(', ');

/** Autocommitted INSERTs of a row the size of an event, WAL, synchronous=FULL, on `dir`'s disk. */
const rawSqliteInsert = (dir: string): number => {
  const db = new DatabaseSync(join(dir, 'raw.sqlite'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, stream TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO t (stream, data) VALUES (?, ?)');
  const data = 'x'.repeat(600);
  const until = performance.now() + SECONDS * 1000;
  const start = performance.now();
  let n = 0;
  while (performance.now() < until) {
    insert.run('mailbox-1', data);
    n += 1;
  }
  db.close();
  return n / ((performance.now() - start) / 1000);
};

const rawPostgresInsert = async (url: string): Promise<number> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS raw_insert (id bigserial PRIMARY KEY, stream text, data text)');
  const data = 'x'.repeat(600);
  const until = performance.now() + SECONDS * 1000;
  const start = performance.now();
  let n = 0;
  while (performance.now() < until) {
    await client.query('INSERT INTO raw_insert (stream, data) VALUES ($1, $2)', ['mailbox-1', data]);
    n += 1;
  }
  await client.end();
  return n / ((performance.now() - start) / 1000);
};

const createSchema = async () => {
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
};

const runStore = async (kind: string) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-bench-graphql-'));
  const pgSchema = kind === 'postgres' ? await createSchema() : null;
  const env = benchServerEnv(dataDir, ADMIN_PASSWORD, {
    MAILROOM_FETCH_ENABLED: 'false',
    MAILROOM_DKIM_THIRD_PARTY_DOMAIN: 'mailroom-service.example',
    ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}),
  });
  let app: App | null = null;
  try {
    const config = loadConfig(env);
    app = await startApp(config, createLogger(config.logLevel));
    const url = app.url;
    console.log(`\n${kind}: ${url}`);
    const token = await seed(url);
    const settingsBody = body(SETTINGS_QUERY, { n: MAILBOX });
    const answer = await call(url, SETTINGS_QUERY, { n: MAILBOX }, token);
    console.log(`  settings answer: ${Buffer.byteLength(JSON.stringify({ data: answer }))} bytes`);

    let before = sqlCounts();
    if (ONLY === 'mutation') {
      await load({ url, body: renames('Warm'), token, inFlight: 1, seconds: 1 });
      line('renameMailbox, 1 in flight', fmt(await load({ url, body: renames('One'), token, inFlight: 1, seconds: SECONDS })));
      return;
    }
    if (ONLY === 'trace') {
      // Every statement one rename runs, in order, with its file (or postgres) and time.
      await load({ url, body: renames('Warm'), token, inFlight: 1, seconds: 1 });
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const started = performance.now();
        await call(url, RENAME, { n: MAILBOX, name: `Untraced ${i}` }, token);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`  50 renames one after another: p50 ${times[25]!.toFixed(2)} ms, min ${times[0]!.toFixed(2)} ms`);
      const t = traceStatements();
      const started = performance.now();
      await call(url, RENAME, { n: MAILBOX, name: 'Traced' }, token);
      const total = performance.now() - started;
      for (const s of t.stop()) console.log(`  ${s.ms.toFixed(3).padStart(7)} ms  ${s.file.padEnd(18)} ${s.sql.replace(/\s+/g, ' ').slice(0, 150)}`);
      console.log(`  one renameMailbox over HTTP: ${total.toFixed(2)} ms`);
      return;
    }
    if (ONLY === 'read') {
      await load({ url, body: settingsBody, token, inFlight: 20, seconds: 1 });
      line('outboundSettings, 20 connections', fmt(await load({ url, body: settingsBody, token, inFlight: 20, seconds: SECONDS })));
      return;
    }
    await load({ url, body: settingsBody, token, inFlight: 20, seconds: 1 });
    const apollo = await startApolloBaseline(answer.outboundSettings);
    let readCount = 0;
    before = sqlCounts();
    const read = await paired(
      async () => {
        const r = await load({ url, body: settingsBody, token, inFlight: 20, seconds: SECONDS });
        readCount += r.done;
        return r;
      },
      () => load({ url: apollo.url, body: settingsBody, inFlight: 20, seconds: SECONDS }),
      (r) => r.perSecond,
    );
    const readSql = sqlDelta(before, 'readmodels.sqlite');
    await apollo.stop();
    line('outboundSettings, 20 connections', `${fmt(medianRun(read.measured))}  (rounds: ${rates(read.measured.map((r) => r.perSecond))})`);
    line('bare Apollo Server 5, same JSON from memory', `${fmt(medianRun(read.baseline))}  (rounds: ${rates(read.baseline.map((r) => r.perSecond))})`);
    if (kind === 'sqlite') line('read-model SQL statements per query', (readSql.statements / readCount).toFixed(2));

    await load({ url, body: renames('Warm'), token, inFlight: 1, seconds: 1 });
    let mutationCount = 0;
    before = sqlCounts();
    const mutation = await paired<{ run?: LoadResult; perSecond: number }>(
      async () => {
        const r = await load({ url, body: renames('One'), token, inFlight: 1, seconds: SECONDS });
        mutationCount += r.done;
        return { run: r, perSecond: r.perSecond };
      },
      async () => ({ perSecond: kind === 'postgres' ? await rawPostgresInsert(pgSchema!.url) : rawSqliteInsert(dataDir) }),
      (r) => r.perSecond,
    );
    const oneRm = sqlDelta(before, 'readmodels.sqlite');
    const oneEs = sqlDelta(before, 'events.sqlite');
    const ones = mutation.measured.map((m) => m.run!);
    line('renameMailbox, 1 in flight', `${fmt(medianRun(ones))}  (rounds: ${rates(ones.map((r) => r.perSecond))})`);
    line(
      `raw durable INSERT (${kind === 'postgres' ? 'PostgreSQL, one client' : 'node:sqlite WAL FULL'})`,
      `${median(mutation.baseline.map((b) => b.perSecond)).toFixed(0).padStart(6)} /s  (rounds: ${rates(mutation.baseline.map((b) => b.perSecond))})`,
    );
    const floorServer = await startMutationFloor(kind, dataDir, pgSchema?.url ?? null);
    const floor = await paired(
      () => load({ url, body: renames('Floored'), token, inFlight: 1, seconds: SECONDS }),
      () => load({ url: floorServer.url, body: renames('Floor'), inFlight: 1, seconds: SECONDS }),
      (r) => r.perSecond,
    );
    await floorServer.stop();
    line('bare Apollo + one raw durable INSERT (floor)', `${fmt(medianRun(floor.baseline))}  (rounds: ${rates(floor.baseline.map((r) => r.perSecond))})`);
    line('  floor / raw durable INSERT', (median(floor.baseline.map((r) => r.perSecond)) / median(mutation.baseline.map((b) => b.perSecond))).toFixed(3) + 'x');
    line('  renameMailbox / floor (same rounds)', floor.ratio.toFixed(3) + 'x');
    if (kind === 'sqlite') {
      line('read-model commits per mutation', (oneRm.commits / mutationCount).toFixed(2));
      line('event-store commits per mutation', (oneEs.commits / mutationCount).toFixed(2));
    }

    const concurrency = await paired(
      () => load({ url, body: renames('Twenty'), token, inFlight: 20, seconds: SECONDS }),
      () => load({ url, body: renames('Single'), token, inFlight: 1, seconds: SECONDS }),
      (r) => r.perSecond,
    );
    line('renameMailbox, 20 in flight', `${fmt(medianRun(concurrency.measured))}  (rounds: ${rates(concurrency.measured.map((r) => r.perSecond))})`);
    line('renameMailbox, 1 in flight (same rounds)', `${fmt(medianRun(concurrency.baseline))}  (rounds: ${rates(concurrency.baseline.map((r) => r.perSecond))})`);
    if (kind === 'sqlite') {
      // Group commits actually shared: appends per event-store commit with 20 in flight.
      const b = sqlCounts();
      const t = await load({ url, body: renames('Shared'), token, inFlight: 20, seconds: 1 });
      line('events per event-store commit, 20 in flight', (t.done / Math.max(1, sqlDelta(b, 'events.sqlite').commits)).toFixed(2));
    }
    let added = mutationCount + sum(floor.measured) + sum(concurrency.measured) + sum(concurrency.baseline);
    if (added < GROWTH) {
      const more = await load({ url, body: renames('Grow'), token, inFlight: 20, count: GROWTH - added });
      added += more.done;
    }
    const grown = await paired(
      () => load({ url, body: renames('Grown'), token, inFlight: 1, seconds: SECONDS }),
      () => load({ url, body: renames('Fresh', FRESH_MAILBOX), token, inFlight: 1, seconds: SECONDS }),
      (r) => r.perSecond,
    );
    line(`renameMailbox, 1 in flight, stream +${added} events`, `${fmt(medianRun(grown.measured))}  (rounds: ${rates(grown.measured.map((r) => r.perSecond))})`);
    line('the same on a fresh mailbox (same rounds)', `${fmt(medianRun(grown.baseline))}  (rounds: ${rates(grown.baseline.map((r) => r.perSecond))})`);

    console.log(`  ratios (${kind}, median of ${ROUNDS} paired rounds): read/Apollo ${read.ratio.toFixed(2)}x; mutation/raw INSERT ${mutation.ratio.toFixed(3)}x; ` +
      `grown/fresh ${grown.ratio.toFixed(2)}x; 20 in flight/1 ${concurrency.ratio.toFixed(2)}x`);
  } finally {
    await app?.stop();
    await pgSchema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

console.log(`graphql bench, ${new Date().toISOString()}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
for (const kind of STORES) await runStore(kind);
console.log(`load at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
