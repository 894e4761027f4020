/**
 * IMAP IDLE push (issue 15) against a private loopback Dovecot, the real server in this
 * process (`startApp`, SQLite, scheduler on), two figures each next to a same-run baseline:
 *
 * 1. Arrival-to-import latency: BENCH_IDLE_MESSAGES (1,000) messages delivered one by one
 *    (the harness's Maildir delivery: tmp/ then rename into new/, as an MDA does) to an
 *    account the server holds in IDLE; timed from the delivery to the status snapshot
 *    that reports the message imported (published after the store committed: the row is
 *    visible). Baseline: a bare imapflow client idling on another user of the same Dovecot,
 *    timed from the delivery to its untagged EXISTS — the floor set by Dovecot noticing the
 *    file and notifying. The two alternate message by message.
 * 2. Memory per idle account: BENCH_IDLE_ACCOUNTS (1,000) Dovecot users, one receive
 *    account each (five per mailbox, the per-mailbox limit is six). They are added with
 *    IDLE off and polled once; then IDLE is switched on for all and the pool opens one
 *    session each. Heap (after gc) and RSS of this process before and after, divided by
 *    the number of accounts. Baseline, first and in the same process: 1,000 bare imapflow
 *    clients logged in, INBOX selected, in IDLE.
 *
 * `npm run bench:fetch:idle` (builds first, --expose-gc). Needs root (Dovecot switches to
 * the mail uid; the bench raises fs.inotify.max_user_instances when it is below what
 * 1,000 idling sessions need) and dovecot-imapd. Prints figures, never asserts timings.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import type { FetchStatusSnapshot } from '../../src/app/inbound/fetchStatus.js';
import { startApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { checkDovecot, startDovecot, type Dovecot } from '../../test/support/dovecot.js';
import { benchServerEnv } from '../support/serverEnv.js';

const ACCOUNTS = Number(process.env.BENCH_IDLE_ACCOUNTS ?? 1000);
const MESSAGES = Number(process.env.BENCH_IDLE_MESSAGES ?? 1000);
const PER_MAILBOX = 5;
const PASSWORD = 'bench-password';
const ADMIN_PASSWORD = 'bench-admin-password';
const KB = 1024;

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc (npm run bench:fetch:idle)');
  for (let i = 0; i < 3; i++) collect();
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const memory = async () => {
  await sleep(1000);
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss };
};
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Several hundred connections at once: one imap process per connection, and the login storm. */
const DOVECOT_SCALE = `
default_process_limit = 4000
default_client_limit = 8000
service imap {
  process_limit = 4000
}
`;

/**
 * Dovecot's IDLE watches the maildir with one inotify instance per idling process; past
 * the kernel's per-uid limit (128 by default, and every session runs as the mail uid) it
 * logs "Inotify instance limit … exceeded, disabling" and falls back to checking every
 * mailbox_idle_check_interval (30 s), which would measure that interval, not push.
 */
const INOTIFY_LIMIT = '/proc/sys/fs/inotify/max_user_instances';
const ensureInotifyInstances = (needed: number): void => {
  const current = Number(readFileSync(INOTIFY_LIMIT, 'utf8').trim());
  if (current >= needed) return;
  writeFileSync(INOTIFY_LIMIT, String(needed));
  console.log(`raised fs.inotify.max_user_instances from ${current} to ${needed} (one per idling Dovecot session)`);
};

const mail = (tag: string) =>
  `From: a@example.org\r\nTo: b@example.com\r\nSubject: ${tag}\r\nMessage-ID: <${tag}-${Date.now()}@example.org>\r\nDate: Thu, 03 Dec 2026 09:00:00 +0000\r\n\r\nhello ${tag}\r\n`;

const bareClient = async (dovecot: Dovecot, user: string, onExists?: () => void): Promise<ImapFlow> => {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.ports.imap,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: PASSWORD },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => {});
  if (onExists) client.on('exists', onExists);
  await client.connect();
  await client.mailboxOpen('INBOX');
  void client.idle().catch(() => {});
  return client;
};

const inBatches = async <T>(count: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < count; i += width) out.push(...(await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, k) => work(i + k)))));
  return out;
};

interface Gql {
  (query: string, variables: Record<string, unknown>): Promise<Record<string, { userErrors?: unknown[] } & Record<string, unknown>>>;
}

const graphqlClient = async (app: App): Promise<Gql> => {
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, { userErrors?: unknown[] } & Record<string, unknown>>; errors?: unknown };
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
    for (const v of Object.values(body.data)) if (v?.userErrors?.length) throw new Error(JSON.stringify(v.userErrors));
    return body.data;
  };
  const login = await post('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: 'admin', password: ADMIN_PASSWORD } });
  const token = (login.login as { token: string }).token;
  return (query, variables) => post(query, variables, token);
};

const ADD_ACCOUNT = 'mutation($i: AddReceiveAccountInput!) { addReceiveAccount(input: $i) { account { id } userErrors { message } } }';
const CHANGE_ACCOUNT = 'mutation($i: ChangeReceiveAccountInput!) { changeReceiveAccount(input: $i) { userErrors { message } } }';

/** Every status snapshot the server publishes, kept per account (latest) and handed to waiters. */
const watchStatuses = (app: App) => {
  const latest = new Map<string, FetchStatusSnapshot>();
  const waiters = new Set<{ check: (s: FetchStatusSnapshot) => boolean; resolve: () => void }>();
  const feed = app.services.inbound.statusFeed.listen({ filter: () => true, maxBuffered: 100_000 });
  void (async () => {
    for await (const s of feed) {
      latest.set(s.accountId, s);
      for (const w of waiters) if (w.check(s)) (waiters.delete(w), w.resolve());
    }
  })();
  return {
    latest,
    until: (check: (s: FetchStatusSnapshot) => boolean) => new Promise<void>((resolve) => waiters.add({ check, resolve })),
    close: () => void feed.return?.(),
  };
};

const waitFor = async (what: string, check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

const main = async () => {
  const check = checkDovecot();
  if (!check.available) {
    console.log(`fetch IDLE bench skipped: ${check.reason}`);
    return;
  }
  console.log(`fetch IDLE bench: ${new Date().toISOString()}, node ${process.version}, ${cpus().length} cpu(s) ${cpus()[0]?.model ?? ''}, load average ${load()}`);
  ensureInotifyInstances(2 * ACCOUNTS + 64);
  const users = Array.from({ length: ACCOUNTS }, (_, i) => `u${String(i).padStart(5, '0')}`);
  const dovecot = await startDovecot({ users: [...users, 'lat', 'base'].map((name) => ({ name, password: PASSWORD })), extraConfig: DOVECOT_SCALE });
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-idle-bench-'));
  const sessions = () => {
    const out = execFileSync('doveadm', ['-c', join(dovecot.dir, 'dovecot.conf'), '-f', 'tab', 'who'], { encoding: 'utf8' });
    return out.split('\n').slice(1).filter(Boolean).reduce((n, l) => n + Number(l.split('\t')[1]), 0);
  };
  let app: App | null = null;
  try {
    // --- Baseline memory: bare imapflow clients in IDLE, in this process, before the server exists.
    const bare0 = await memory();
    const bare = await inBatches(ACCOUNTS, 50, (i) => bareClient(dovecot, users[i]!));
    const bare1 = await memory();
    const bareSessions = sessions();
    await Promise.all(bare.map((c) => c.logout().catch(() => c.close())));
    bare.length = 0;
    console.log(`bare imapflow: ${ACCOUNTS} clients in IDLE (${bareSessions} Dovecot sessions)`);

    // --- The server, in this process.
    const config = loadConfig(benchServerEnv(dataDir, ADMIN_PASSWORD, {
      MAILROOM_FETCH_ENABLED: 'true',
      MAILROOM_EGRESS_ALLOW: '127.0.0.0/8',
      MAILROOM_IDLE_MAX_CONNECTIONS: String(ACCOUNTS + 10),
    }));
    app = await startApp(config, createLogger(config.logLevel));
    const gql = await graphqlClient(app);
    const statuses = watchStatuses(app);
    const mailboxes = Math.ceil(ACCOUNTS / PER_MAILBOX);
    await inBatches(mailboxes, 4, (m) =>
      gql('mutation($i: CreateMailboxInput!) { createMailbox(input: $i) { userErrors { message } } }', { i: { number: m + 10, name: `Bench ${m}`, address: `bench${m}@example.com` } }),
    );
    const accountOf = (user: string, mailboxNumber: number, idleEnabled: boolean) => ({
      mailboxNumber, displayName: user, protocol: 'IMAP', host: dovecot.host, port: dovecot.ports.imap, encryption: 'NONE', username: user, password: PASSWORD,
      idleEnabled, fetchIntervalMinutes: 1440,
    });
    const added = await inBatches(ACCOUNTS, 4, async (i) => {
      const mailboxNumber = Math.floor(i / PER_MAILBOX) + 10;
      const r = await gql(ADD_ACCOUNT, { i: accountOf(users[i]!, mailboxNumber, false) });
      return { id: (r.addReceiveAccount!.account as { id: string }).id, mailboxNumber };
    });
    // Each account is polled once when added; wait for every first run to finish.
    await waitFor('the first poll of every account', () => added.every((a) => statuses.latest.get(a.id)?.lastFinishedAt), 600_000);
    const polled = await memory();
    const t0 = performance.now();
    await inBatches(ACCOUNTS, 4, (i) => gql(CHANGE_ACCOUNT, { i: { mailboxNumber: added[i]!.mailboxNumber, accountId: added[i]!.id, idleEnabled: true } }));
    await waitFor('every account in IDLE', () => app!.services.inbound.scheduler.idleConnections >= ACCOUNTS, 600_000);
    const upSeconds = (performance.now() - t0) / 1000;
    const idle = await memory();
    const serverSessions = sessions();

    const perBare = { heap: (bare1.heap - bare0.heap) / ACCOUNTS, rss: (bare1.rss - bare0.rss) / ACCOUNTS };
    const perIdle = { heap: (idle.heap - polled.heap) / ACCOUNTS, rss: (idle.rss - polled.rss) / ACCOUNTS };
    console.log(`mailroom: ${ACCOUNTS} accounts switched to IDLE in ${upSeconds.toFixed(1)} s, ${app.services.inbound.scheduler.idleConnections} IDLE connections (${serverSessions} Dovecot sessions)`);
    console.log(`| per idle account (${ACCOUNTS}) | heap + external (after gc) | RSS |`);
    console.log('|---|---|---|');
    console.log(`| bare imapflow client in IDLE | ${(perBare.heap / KB).toFixed(1)} KB | ${(perBare.rss / KB).toFixed(1)} KB |`);
    console.log(`| Mailroom IDLE session (pool) | ${(perIdle.heap / KB).toFixed(1)} KB (${(perIdle.heap / perBare.heap).toFixed(2)}x) | ${(perIdle.rss / KB).toFixed(1)} KB (${(perIdle.rss / perBare.rss).toFixed(2)}x) |`);
    console.log(`goal < 100 KB per idle account: heap ${perIdle.heap < 100 * KB ? 'met' : 'missed'}, RSS ${perIdle.rss < 100 * KB ? 'met' : 'missed'}; load average ${load()}`);

    // --- Latency: one message at a time, alternating bare EXISTS and Mailroom import.
    const lat = (await gql(ADD_ACCOUNT, { i: accountOf('lat', 1, true) })).addReceiveAccount!.account as { id: string };
    await statuses.until((s) => s.accountId === lat.id && s.mode === 'IDLE' && s.state === 'OK');
    let existsWaiter: (() => void) | null = null;
    const baseClient = await bareClient(dovecot, 'base', () => existsWaiter?.());
    const bareLatency: number[] = [];
    const mailroomLatency: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const bareDone = new Promise<void>((resolve) => (existsWaiter = resolve));
      let at = performance.now();
      dovecot.deliver('base', mail(`base-${i}`));
      await bareDone;
      bareLatency.push(performance.now() - at);
      const imported = statuses.until((s) => s.accountId === lat.id && s.importedTotal >= i + 1 && s.state === 'OK');
      at = performance.now();
      dovecot.deliver('lat', mail(`lat-${i}`));
      await imported;
      mailroomLatency.push(performance.now() - at);
    }
    await baseClient.logout().catch(() => baseClient.close());
    bareLatency.sort((a, b) => a - b);
    mailroomLatency.sort((a, b) => a - b);
    const metrics = await (await fetch(app.metricsUrl)).text();
    const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    const pushMean = (metric('mailroom_fetch_push_import_seconds_sum') / metric('mailroom_fetch_push_import_seconds_count')) * 1000;
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`${MESSAGES} messages, one at a time, while ${ACCOUNTS} other accounts idle`);
    console.log('| delivery → | p50 | p99 | max |');
    console.log('|---|---|---|---|');
    console.log(`| bare imapflow sees EXISTS (Dovecot's floor) | ${ms(percentile(bareLatency, 50))} | ${ms(percentile(bareLatency, 99))} | ${ms(bareLatency.at(-1)!)} |`);
    console.log(`| Mailroom imported (status snapshot after commit) | ${ms(percentile(mailroomLatency, 50))} | ${ms(percentile(mailroomLatency, 99))} | ${ms(mailroomLatency.at(-1)!)} |`);
    console.log(`Mailroom p99 ${(percentile(mailroomLatency, 99) / percentile(bareLatency, 99)).toFixed(2)}x the bare p99; goal p99 < 1 s: ${percentile(mailroomLatency, 99) < 1000 ? 'met' : 'missed'}`);
    console.log(`server's own mailroom_fetch_push_import_seconds (EXISTS → commit): mean ${ms(pushMean)} over ${metric('mailroom_fetch_push_import_seconds_count')} pushed runs; load average ${load()}`);
    statuses.close();
  } finally {
    await app?.stop();
    await dovecot.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

await main();
