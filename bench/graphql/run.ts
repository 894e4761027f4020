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
 */
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
import { installSqlCounter, sqlCounts, sqlDelta } from './sqlCounter.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADMIN_PASSWORD = 'bench-admin-password';
const GROWTH = 3000;
/** `BENCH_ONLY=mutation` measures only the one-in-flight mutation (for profiling it). */
const ONLY = process.env.BENCH_ONLY ?? '';
/** Mailbox 1 is the bootstrap's. */
const MAILBOX = 7;

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
const renames = (prefix: string) => Array.from({ length: 997 }, (_, i) => body(RENAME, { n: MAILBOX, name: `${prefix} ${i}` }));

const seed = async (url: string) => {
  const { login } = await call(url, 'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token userErrors { code } } }', {
    u: 'admin',
    p: ADMIN_PASSWORD,
  });
  const token = login.token as string;
  await call(url, 'mutation($n: Int!) { createMailbox(input: { number: $n, name: "Bench", address: "bench@example.com" }) { userErrors { code message } } }', { n: MAILBOX }, token);
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
      { i: { mailboxNumber: MAILBOX, name: `Key ${i}`, kind: i === 0 ? 'THIRD_PARTY' : 'AUTHOR', domain: `signed${i}.example`, selector: `s${i}` } },
      token,
    );
  }
  return token;
};

const fmt = (r: LoadResult) => `${r.perSecond.toFixed(0).padStart(6)} /s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms${r.failures ? `  FAILURES ${r.failures}: ${r.firstFailure}` : ''}`;
const line = (label: string, text: string) => console.log(`  ${label.padEnd(50)} ${text}`);

/** Bare Apollo Server 5 on the same SDL, answering the captured JSON from memory. */
const apolloBaseline = async (answer: unknown): Promise<LoadResult> => {
  const typeDefs = readFileSync(join(process.cwd(), 'schema/schema.graphql'), 'utf8');
  const server = new ApolloServer({ typeDefs, resolvers: { Query: { outboundSettings: () => answer } } });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  try {
    await load({ url, body: body(SETTINGS_QUERY, { n: MAILBOX }), inFlight: 20, seconds: 1 });
    return await load({ url, body: body(SETTINGS_QUERY, { n: MAILBOX }), inFlight: 20, seconds: SECONDS });
  } finally {
    await server.stop();
  }
};

/** Autocommitted INSERTs of a row the size of an event, WAL, synchronous=FULL, on `dir`'s disk. */
const rawSqliteInsert = (dir: string): number => {
  const db = new DatabaseSync(join(dir, 'raw.sqlite'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, stream TEXT, data TEXT)');
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
  await client.query('CREATE TABLE raw_insert (id bigserial PRIMARY KEY, stream text, data text)');
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
  const env = {
    MAILROOM_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    MAILROOM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    MAILROOM_FETCH_ENABLED: 'false',
    ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}),
  };
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
      await load({ url, body: renames('Warm'), token, inFlight: 1, count: 50 });
      line('renameMailbox, 1 in flight', fmt(await load({ url, body: renames('One'), token, inFlight: 1, seconds: SECONDS })));
      return;
    }
    await load({ url, body: settingsBody, token, inFlight: 20, seconds: 1 });
    before = sqlCounts();
    const read = await load({ url, body: settingsBody, token, inFlight: 20, seconds: SECONDS });
    const readSql = sqlDelta(before, 'readmodels.sqlite');
    const apollo = await apolloBaseline(answer.outboundSettings);
    line('outboundSettings, 20 connections', fmt(read));
    line('bare Apollo Server 5, same JSON from memory', fmt(apollo));
    if (kind === 'sqlite') line('read-model SQL statements per query', (readSql.statements / read.done).toFixed(2));

    await load({ url, body: renames('Warm'), token, inFlight: 1, count: 50 });
    before = sqlCounts();
    const one = await load({ url, body: renames('One'), token, inFlight: 1, seconds: SECONDS });
    const oneRm = sqlDelta(before, 'readmodels.sqlite');
    const oneEs = sqlDelta(before, 'events.sqlite');
    const raw = kind === 'postgres' ? await rawPostgresInsert(pgSchema!.url) : rawSqliteInsert(dataDir);
    line('renameMailbox, 1 in flight', fmt(one));
    line(`raw durable INSERT (${kind === 'postgres' ? 'PostgreSQL, one client' : 'node:sqlite WAL FULL'})`, `${raw.toFixed(0).padStart(6)} /s`);
    if (kind === 'sqlite') {
      line('read-model commits per mutation', (oneRm.commits / one.done).toFixed(2));
      line('event-store commits per mutation', (oneEs.commits / one.done).toFixed(2));
    }

    const twenty = await load({ url, body: renames('Twenty'), token, inFlight: 20, seconds: SECONDS });
    line('renameMailbox, 20 in flight', fmt(twenty));
    let added = one.done + twenty.done;
    if (added < GROWTH) {
      const more = await load({ url, body: renames('Grow'), token, inFlight: 20, count: GROWTH - added });
      added += more.done;
    }
    const grown = await load({ url, body: renames('Grown'), token, inFlight: 1, seconds: SECONDS });
    line(`renameMailbox, 1 in flight, stream +${added} events`, fmt(grown));

    console.log(`  ratios (${kind}): read/Apollo ${(read.perSecond / apollo.perSecond).toFixed(2)}x; mutation/raw INSERT ${(one.perSecond / raw).toFixed(3)}x; ` +
      `grown/fresh ${(grown.perSecond / one.perSecond).toFixed(2)}x; 20 in flight/1 ${(twenty.perSecond / one.perSecond).toFixed(2)}x`);
  } finally {
    await app?.stop();
    await pgSchema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

console.log(`graphql bench, ${new Date().toISOString()}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
for (const kind of STORES) await runStore(kind);
console.log(`load at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
