/**
 * Subscription fan-out: 1,000 graphql-ws clients watching one mailbox's `settingsChanged`,
 * against a bare `ws` + graphql-ws server with an in-memory pubsub (bareServer.ts) in the
 * same run. Both servers are child processes; the clients live in this process, and the
 * writer (every mutation and publish, timed) is a third child process (writer.ts), as a real
 * writer is another client than the subscribers. Deliveries and answers are stamped on
 * CLOCK_MONOTONIC, which the processes share, so "from the mutation's answer to delivery" is
 * measured on one clock for both servers.
 *
 *   npm run bench:subscriptions
 *   BENCH_CLIENTS=500 BENCH_EVENTS=40 npm run bench:subscriptions
 *   BENCH_CPU_PROF=/tmp/prof npm run bench:subscriptions      # --cpu-prof of the Mailroom server
 *   BENCH_MAILROOM_MAIN=/other/build/dist/src/server/main.js …  # another build (before/after)
 *   BENCH_PAUSE_MS=50 …                                         # idle time before every write (PAUSE_MS)
 *
 * Prints delivery p50/p99 (answer → delivery) for both servers, Mailroom's mutation latency
 * with no watchers and with all of them, and the memory per idle subscriber (RSS growth of
 * each server process while the clients connect and subscribe, divided by their number), and
 * the JavaScript heap each keeps (live heap after a full GC, through the server's inspector:
 * heapProbe.ts), which garbage and reserved-but-unused heap do not move.
 * Both servers' clients stay connected together and the events alternate between the
 * servers, so load from elsewhere on the machine falls on both alike; after each pair, a
 * rename of a second mailbox nobody watches gives the writer's latency with the clients
 * connected but none of them told, interleaved with the watched renames.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { heapUsedAfterGc, inspectorUrlIn } from './heapProbe.js';
import { clock, type WriteAnswer, type WriteRequest } from './writerProtocol.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
/**
 * Idle time before every write. A request right after another is faster than one after a
 * pause (no clients at all: 3.7 ms back to back, 4.7 ms after 20 or 100 ms, on the 2-core
 * VM: idle processes and vCPUs wake up slowly). Each watched change waits for its
 * deliveries first, so without the same pause everywhere "no watchers" (back to back) was
 * compared with "1,000 watchers" (after a pause), about 1.25x before any watcher did anything.
 */
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 50);
const ADMIN_PASSWORD = 'bench-admin-password';
const here = dirname(fileURLToPath(import.meta.url));
const distRoot = resolve(here, '../..');

interface Child {
  readonly process: ChildProcess;
  readonly line: string;
  /** The inspector's address (both servers run with --inspect=127.0.0.1:0, for heapProbe.ts). */
  readonly inspector: string | null;
  stop(): Promise<void>;
}

const startChild = (script: string, env: Record<string, string>, ready: RegExp, nodeArgs: readonly string[] = []): Promise<Child> =>
  new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', ...nodeArgs, script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => ready.test(l));
      if (line) resolveStart({ process: child, line, inspector: inspectorUrlIn(out), stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}):\n${out.slice(-2000)}`)));
  });

/** The writer process (writer.ts): one request at a time, answered with the times it measured. */
const startWriter = () => {
  const child = fork(join(distRoot, 'bench/subscriptions/writer.js'), [], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (a: WriteAnswer) => void; reject: (e: Error) => void }>();
  let ids = 0;
  child.on('message', (answer: WriteAnswer) => {
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.error) w?.reject(new Error(`writer: ${answer.error}`));
    else w?.resolve(answer);
  });
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`writer exited (${code})`));
    waiting.clear();
  });
  return {
    write: (job: Omit<WriteRequest, 'id'>): Promise<WriteAnswer> =>
      new Promise<void>((r) => setTimeout(r, PAUSE_MS)).then(
        () =>
          new Promise((resolve, reject) => {
            const id = ++ids;
            waiting.set(id, { resolve, reject });
            child.send({ ...job, id } satisfies WriteRequest);
          }),
      ),
    stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.disconnect()))),
  };
};

const rssBytes = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
};

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** A raw graphql-transport-ws client: no client library on the measuring side, the same for both servers. */
const subscriber = (wsUrl: string, token: string | null, onDelivery: (reason: string, at: number) => void): Promise<WebSocket> =>
  new Promise((resolveOpen, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} })));
    socket.on('message', (data) => {
      const at = clock();
      const message = JSON.parse(String(data)) as { type: string; payload?: { data?: { settingsChanged?: { reason?: string } } } };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: 'subscription { settingsChanged(mailboxNumber: 1) { position type mailboxNumber actorId reason correlationId actor { username } } }' },
        }));
        resolveOpen(socket);
      } else if (message.type === 'next') onDelivery(message.payload?.data?.settingsChanged?.reason ?? '', at);
      else if (message.type === 'error') reject(new Error(JSON.stringify(message)));
    });
    socket.once('error', reject);
  });

interface Target {
  readonly name: string;
  readonly pid: number;
  readonly inspector: string | null;
  readonly wsUrl: string;
  readonly token: string | null;
  /** Makes one change with the given marker on the watched mailbox (through the writer); resolves with its times. */
  mutate(reason: string): Promise<WriteAnswer>;
}

/** CLIENTS subscribers of one server, their deliveries stamped by reason, and the RSS they cost the server. */
const connectAll = async (target: Target) => {
  const arrivals = new Map<string, number[]>();
  const onDelivery = (reason: string, at: number) => (arrivals.get(reason) ?? arrivals.set(reason, []).get(reason)!).push(at);
  const heap = () => (target.inspector ? heapUsedAfterGc(target.inspector) : Promise.resolve(NaN));
  const heapBefore = await heap();
  const rssBefore = rssBytes(target.pid);
  const sockets: WebSocket[] = [];
  for (let i = 0; i < CLIENTS; i += 100) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, CLIENTS - i) }, () => subscriber(target.wsUrl, target.token, onDelivery)))));
  }
  // Let the subscribes register and the heap settle before reading memory.
  await new Promise((r) => setTimeout(r, 2000));
  const perSubscriber = (rssBytes(target.pid) - rssBefore) / CLIENTS;
  const heapPerSubscriber = ((await heap()) - heapBefore) / CLIENTS;
  return { target, arrivals, sockets, perSubscriber, heapPerSubscriber, delivery: [] as number[], mutation: [] as number[] };
};
type Watched = Awaited<ReturnType<typeof connectAll>>;

/** One change, timed from its answer to each delivery; waits until every client has it. */
const oneEvent = async (w: Watched, reason: string, record: boolean) => {
  const { sent, answered } = await w.target.mutate(reason);
  const deadline = Date.now() + 20_000;
  while ((w.arrivals.get(reason)?.length ?? 0) < CLIENTS) {
    if (Date.now() > deadline) throw new Error(`${w.target.name}: only ${w.arrivals.get(reason)?.length ?? 0} of ${CLIENTS} deliveries of ${reason}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  if (!record) return;
  w.mutation.push(answered - sent);
  for (const at of w.arrivals.get(reason)!) w.delivery.push(at - answered);
};

const summary = (w: Watched) => {
  const delivery = [...w.delivery].sort((a, b) => a - b);
  return {
    p50: percentile(delivery, 50),
    p99: percentile(delivery, 99),
    beforeAnswer: delivery.filter((d) => d < 0).length / delivery.length,
    mutationP50: percentile([...w.mutation].sort((a, b) => a - b), 50),
    perSubscriber: w.perSubscriber,
    heapPerSubscriber: w.heapPerSubscriber,
  };
};

/**
 * Mailroom's mutation latency with nobody watching. The server has just started: the first
 * few dozen requests run before the JIT has compiled the mutation path (1.5-2x slower in
 * ad-hoc runs of 100 renames), so 20 unmeasured ones come first, or "no watchers" would be a
 * cold server compared with a warm one.
 */
const ALONE_WARMUP = 20;
const mutationsAlone = async (target: Target): Promise<number> => {
  const times: number[] = [];
  for (let i = -ALONE_WARMUP; i < EVENTS; i++) {
    const { sent, answered } = await target.mutate(`alone-${i}`);
    if (i >= 0) times.push(answered - sent);
  }
  return percentile(times.sort((a, b) => a - b), 50);
};

const main = async () => {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const bare = await startChild(join(distRoot, 'bench/subscriptions/bareServer.js'), {}, /^bare ready \d+/);
  const barePort = Number(/bare ready (\d+)/.exec(bare.line)![1]);
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-bench-subs-'));
  const mailroom = await startChild(
    process.env.BENCH_MAILROOM_MAIN ?? join(distRoot, 'src/server/main.js'),
    {
      MAILROOM_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      MAILROOM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      MAILROOM_FETCH_ENABLED: 'false',
      MAILROOM_SUBSCRIPTIONS_PER_USER: String(CLIENTS * 2),
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
    /Mailroom is ready: /,
    process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
  ).catch(async (err: unknown) => {
    // A server that does not start must not leave the bare one (and the data dir) behind.
    await bare.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const writer = startWriter();
  try {
    const url = /Mailroom is ready: (\S+)/.exec(mailroom.line)![1]!;
    const post = async (body: unknown, token?: string) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      return (await res.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown };
    };
    const login = await post({ query: 'mutation($i: LoginInput!) { login(input: $i) { token } }', variables: { i: { username: 'admin', password: ADMIN_PASSWORD } } });
    const token = login.data!.login!.token as string;
    let n = 0;
    const rename = (mailboxNumber: number, name: string, reason: string) => writer.write({ kind: 'rename', url, token, mailboxNumber, name: `${name} ${n++}`, reason });
    const mailroomTarget: Target = {
      name: 'mailroom',
      pid: mailroom.process.pid!,
      inspector: mailroom.inspector,
      wsUrl: url.replace(/^http/, 'ws'),
      token,
      mutate: (reason) => rename(1, 'Bench', reason),
    };
    const bareTarget: Target = {
      name: 'bare',
      pid: bare.process.pid!,
      inspector: bare.inspector,
      wsUrl: `ws://127.0.0.1:${barePort}/graphql`,
      token: null,
      mutate: (reason) => writer.write({ kind: 'publish', url: `http://127.0.0.1:${barePort}/publish`, reason }),
    };

    const alone = await mutationsAlone(mailroomTarget);
    // A second mailbox nobody watches: its renames, interleaved with the watched ones, are
    // the writer's latency with the 1,000 clients connected but none of them told.
    await post({ query: 'mutation($i: CreateMailboxInput!) { createMailbox(input: $i) { userErrors { message } } }', variables: { i: { number: 2, name: 'Unwatched', address: 'unwatched@example.com' } } }, token);
    const renameUnwatched = async () => {
      const { sent, answered } = await rename(2, 'Unwatched', 'unwatched');
      return answered - sent;
    };
    // Both servers' clients connected at once, events alternating between them, so a burst
    // of other work on the machine hits both alike.
    const bw = await connectAll(bareTarget);
    const mw = await connectAll(mailroomTarget);
    // Connected and idle, before any event was delivered: what the connections alone cost the writer.
    const quiet: number[] = [];
    for (let i = -1; i < Math.min(EVENTS, 20); i++) {
      const t = await renameUnwatched();
      if (i >= 0) quiet.push(t);
    }
    const quietP50 = percentile(quiet.sort((x, y) => x - y), 50);
    const unwatched: number[] = [];
    for (let i = -1; i < EVENTS; i++) {
      const pair = i % 2 === 0 ? [bw, mw] : [mw, bw];
      for (const w of pair) await oneEvent(w, `${w.target.name}-${i}`, i >= 0);
      const t = await renameUnwatched();
      if (i >= 0) unwatched.push(t);
    }
    for (const s of [...bw.sockets, ...mw.sockets]) s.terminate();
    // No watchers again, once the clients are gone: how far the machine (and the server's
    // grown store and heap) drifted between the first baseline and the watched phase.
    await new Promise((r) => setTimeout(r, 2000));
    const aloneAfter = await mutationsAlone(mailroomTarget);
    const b = summary(bw);
    const m = summary(mw);
    const unwatchedP50 = percentile(unwatched.sort((x, y) => x - y), 50);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`subscription fan-out: ${CLIENTS} clients, ${EVENTS} events, store ${process.env.DATABASE_URL ? 'postgres' : 'sqlite'}, load average at start ${load}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('| server | delivery p50 | delivery p99 | delivered before the answer | memory per idle subscriber | JS heap per idle subscriber (after GC) |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, r] of [['bare ws + graphql-ws', b], ['Mailroom', m]] as const) {
      console.log(`| ${name} | ${ms(r.p50)} | ${ms(r.p99)} | ${(r.beforeAnswer * 100).toFixed(1)}% | ${(r.perSubscriber / 1024).toFixed(1)} KiB | ${(r.heapPerSubscriber / 1024).toFixed(1)} KiB |`);
    }
    console.log(`Mailroom p99 / bare p99: ${(m.p99 / b.p99).toFixed(2)}x (goal <= 1.5x; p99 goal < 100 ms: ${m.p99 < 100 ? 'met' : 'missed'})`);
    console.log(`Mailroom mutation p50: ${ms(alone)} with no watchers, ${ms(m.mutationP50)} with ${CLIENTS}: ${(m.mutationP50 / alone).toFixed(2)}x (goal <= 1.2x)`);
    console.log(`  no watchers again after the clients left: ${ms(aloneAfter)} (watched / that: ${(m.mutationP50 / aloneAfter).toFixed(2)}x)`);
    console.log(`  ${CLIENTS} clients connected, before any event: unwatched mailbox ${ms(quietP50)} (${(quietP50 / alone).toFixed(2)}x no clients)`);
    console.log(`  interleaved, ${CLIENTS} clients connected: unwatched mailbox ${ms(unwatchedP50)}, watched ${ms(m.mutationP50)}: ${(m.mutationP50 / unwatchedP50).toFixed(2)}x`);
  } finally {
    await Promise.all([bare.stop(), mailroom.stop(), writer.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
};

await main();
