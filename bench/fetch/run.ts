/**
 * Fetch throughput from a private loopback Dovecot: 5,000 messages of ~20 KB imported over
 * IMAP and POP3 into the real message store (SQLite, the embedded default), next to
 * `mbsync` (isync, C) pulling the same INBOX into a Maildir in the same run; plus peak RSS
 * while a 30 MB message is skipped and while a 24 MB one is imported. Prints figures,
 * never asserts timings.
 *
 * `npm run bench:fetch` (builds first). Needs root (Dovecot switches to the mail uid),
 * dovecot-imapd, dovecot-pop3d and isync (`apt-get install -y isync`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { fetchAccount } from '../../src/mail/fetch/fetchAccount.js';
import { createSqlFetchStateStore } from '../../src/mail/fetch/fetchStateStore.js';
import type { FetchAccountConfig, FetchProtocol, FetchReport } from '../../src/mail/fetch/fetchTypes.js';
import { createSqlMessageStore } from '../../src/mail/messageStore/sqlMessageStore.js';
import { checkDovecot, startDovecot, type Dovecot } from '../../test/support/dovecot.js';
import { createEgressPolicy, LOOPBACK_RANGES } from '../../src/net/egress.js';

/** The bench's Dovecot listens on 127.0.0.1. */
const benchEgress = createEgressPolicy({ allow: LOOPBACK_RANGES });

const MESSAGES = Number(process.env.BENCH_FETCH_MESSAGES ?? 5000);
const MESSAGE_BYTES = 20 * 1024;
const PASSWORD = 'bench-password';
const MB = 1024 * 1024;

const message = (i: number, bodyBytes: number): Iterable<string> => ({
  *[Symbol.iterator]() {
    yield [
      'From: "Bench Sender" <sender@example.com>',
      'To: team@example.com',
      `Subject: bench message ${i}`,
      `Message-ID: <bench-${i}-${Date.now()}@example.com>`,
      'Date: Fri, 27 Nov 2026 09:00:00 +0900',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '',
    ].join('\r\n');
    const line = `${'0123456789abcdef'.repeat(4)}${String(i).padStart(10, '0')}\r\n`;
    const block = line.repeat(Math.max(1, Math.floor(64 * 1024 / line.length)));
    let written = 0;
    while (written + block.length <= bodyBytes) {
      yield block;
      written += block.length;
    }
    yield line.repeat(Math.max(0, Math.floor((bodyBytes - written) / line.length)));
  },
});

const openStore = async (dir: string, name: string) => {
  const handle: ReadModelDatabase = await createReadModelDb({ kind: 'sqlite', path: join(dir, `${name}.sqlite`) });
  await migrateToLatest(handle.db);
  return { handle, store: createSqlMessageStore(handle.db), state: createSqlFetchStateStore(handle.db) };
};

const account = (dovecot: Dovecot, user: string, protocol: FetchProtocol): FetchAccountConfig => ({
  accountId: `bench-${user}-${protocol}`,
  mailboxNumber: 1,
  protocol,
  host: dovecot.host,
  port: protocol === 'IMAP' ? dovecot.ports.imap : dovecot.ports.pop3,
  encryption: 'NONE',
  auth: { kind: 'password', user, password: PASSWORD },
  leaveOnServer: true,
  deleteDuplicates: false,
});

/** Runs `work` while sampling this process's RSS every 2 ms; returns the RSS before and the peak. */
const withPeakRss = async <T>(work: () => Promise<T>): Promise<{ result: T; baseRss: number; peakRss: number }> => {
  (globalThis as { gc?: () => void }).gc?.();
  const baseRss = process.memoryUsage.rss();
  let peakRss = baseRss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 2);
  try {
    const result = await work();
    return { result, baseRss, peakRss: Math.max(peakRss, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
};

const fetchOnce = async (dir: string, name: string, config: FetchAccountConfig): Promise<{ report: FetchReport; seconds: number }> => {
  const { handle, store, state } = await openStore(dir, name);
  try {
    const started = performance.now();
    const report = await fetchAccount(config, { store, state, now: () => new Date(), egress: benchEgress });
    const seconds = (performance.now() - started) / 1000;
    if (report.error) throw report.error;
    return { report, seconds };
  } finally {
    await handle.destroy();
  }
};

const mbsync = (dovecot: Dovecot, dir: string, user: string): number => {
  const config = join(dir, 'mbsyncrc');
  const local = join(dir, 'mbsync-maildir');
  mkdirSync(local);
  writeFileSync(
    config,
    [
      // Like our SQLite store (WAL, synchronous=NORMAL): no fsync per message.
      'FSync no',
      '',
      'IMAPAccount bench',
      `Host ${dovecot.host}`,
      `Port ${dovecot.ports.imap}`,
      `User ${user}`,
      `Pass ${PASSWORD}`,
      'SSLType None',
      'AuthMechs LOGIN',
      '',
      'IMAPStore remote',
      'Account bench',
      '',
      'MaildirStore local',
      `Path ${local}/`,
      `Inbox ${local}/INBOX`,
      '',
      'Channel bench',
      'Far :remote:',
      'Near :local:',
      'Patterns INBOX',
      'Create Near',
      'Sync Pull',
      `SyncState ${local}/`,
      '',
    ].join('\n'),
  );
  const started = performance.now();
  const run = spawnSync('mbsync', ['-c', config, '-q', 'bench'], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`mbsync failed: ${run.stderr}`);
  return seconds;
};

const line = (label: string, count: number, bytes: number, seconds: number, baseline?: number) =>
  console.log(
    `${label.padEnd(28)} ${(count / seconds).toFixed(0).padStart(6)} msg/s ${(bytes / MB / seconds).toFixed(1).padStart(7)} MB/s` +
      `  ${seconds.toFixed(2)} s${baseline === undefined ? '' : `  (${(baseline / seconds).toFixed(2)}x mbsync speed)`}`,
  );

const main = async () => {
  const check = checkDovecot();
  const hasMbsync = spawnSync('mbsync', ['--version']).status === 0;
  if (!check.available || !hasMbsync) {
    console.log(`fetch bench skipped: ${!check.available ? check.reason : 'mbsync not installed (apt-get install -y isync)'}`);
    return;
  }
  console.log(`fetch bench: ${new Date().toISOString()}, node ${process.version}, ${cpus().length} cpu(s) ${cpus()[0]?.model ?? ''}`);
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-fetch-bench-'));
  const dovecot = await startDovecot({ users: ['bulk', 'big', 'large'].map((name) => ({ name, password: PASSWORD })) });
  const doveadm = (...args: string[]) => execFileSync('doveadm', ['-c', join(dovecot.dir, 'dovecot.conf'), ...args]);
  try {
    // Memory first, while the heap is still small: a skipped 30 MB message must not be read.
    dovecot.deliver('big', message(0, 30 * MB));
    dovecot.deliver('large', message(1, 24 * MB));
    doveadm('mailbox', 'status', '-u', 'big', 'vsize', 'INBOX');
    doveadm('mailbox', 'status', '-u', 'large', 'vsize', 'INBOX');
    const mb = (bytes: number) => (bytes / MB).toFixed(1);
    for (const protocol of ['IMAP', 'POP3'] as const) {
      const { handle, store, state } = await openStore(dir, `big-${protocol}`);
      const deps = { store, state, now: () => new Date(), egress: benchEgress };
      const skip = await withPeakRss(() => fetchAccount(account(dovecot, 'big', protocol), deps));
      const take = await withPeakRss(() => fetchAccount(account(dovecot, 'large', protocol), deps));
      await handle.destroy();
      if (skip.result.skippedTooLarge.length !== 1 || take.result.imported !== 1) throw new Error('unexpected large-message outcome');
      console.log(
        `${protocol.padEnd(5)} skip 30 MB: RSS ${mb(skip.baseRss)} → peak ${mb(skip.peakRss)} MB, ${(skip.result.bytesRead / 1024).toFixed(1)} KB read; ` +
          `import 24 MB: RSS ${mb(take.baseRss)} → peak ${mb(take.peakRss)} MB`,
      );
    }

    for (let i = 0; i < MESSAGES; i++) dovecot.deliver('bulk', message(i, MESSAGE_BYTES));
    // Dovecot indexes the new files on first access; do it before anything is timed.
    doveadm('mailbox', 'status', '-u', 'bulk', 'messages vsize', 'INBOX');
    const bytes = MESSAGES * (MESSAGE_BYTES + 300);
    console.log(`${MESSAGES} messages of ~${MESSAGE_BYTES / 1024} KB, loopback, no TLS, SQLite store (WAL, synchronous=NORMAL)`);

    const mbsyncSeconds = mbsync(dovecot, dir, 'bulk');
    line('mbsync (IMAP → Maildir)', MESSAGES, bytes, mbsyncSeconds);
    const imap = await fetchOnce(dir, 'imap', account(dovecot, 'bulk', 'IMAP'));
    if (imap.report.imported !== MESSAGES) throw new Error(`IMAP imported ${imap.report.imported}`);
    line('mailroom IMAP', MESSAGES, imap.report.importedBytes, imap.seconds, mbsyncSeconds);
    doveadm('flags', 'remove', '-u', 'bulk', '\\Seen', 'mailbox', 'INBOX', 'all');
    const pop = await fetchOnce(dir, 'pop3', account(dovecot, 'bulk', 'POP3'));
    if (pop.report.imported !== MESSAGES) throw new Error(`POP3 imported ${pop.report.imported}`);
    line('mailroom POP3 (leave on server)', MESSAGES, pop.report.importedBytes, pop.seconds, mbsyncSeconds);
  } finally {
    await dovecot.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
