/**
 * Time travel: `configurationAsOf` for a random mailbox at a random past position, with
 * the audit index and snapshots (every 100 events per stream), next to the same call
 * replaying the mailbox's streams from revision 0 (no snapshots), and to one replay of the
 * whole store from position 1 (no index either), all on the embedded SQLite store.
 *
 *   npm run bench:audit                               # 1,000,000 events, 1,000 mailboxes
 *   BENCH_EVENTS=200000 BENCH_MAILBOXES=200 npm run bench:audit
 *
 * Setup takes the fast path: events (with a valid hash chain) and the `mailbox_events`
 * index are INSERTed in large transactions straight into the SQLite files, not appended
 * one by one through the store and the projection runner.
 */
import { requireText } from '../../src/domain/shared/text.js';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { AuditLog } from '../../src/app/audit/auditLog.js';
import { identityMailboxSection } from '../../src/app/audit/sections.js';
import { createReadModelDb, sqliteReadModelPath } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { MailboxEvent } from '../../src/domain/identity/mailbox.decider.js';
import { canonicalJson, eventHashParts, GENESIS_HASH, hashEventParts } from '../../src/eventstore/hashChain.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const MAILBOXES = Number(process.env.BENCH_MAILBOXES ?? 1_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const BASELINE_CALLS = Number(process.env.BENCH_BASELINE_CALLS ?? 100);
const MEMBERS = 20;

/** Deterministic so runs are comparable. */
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const userIds = Array.from({ length: MEMBERS }, () => randomUUID());

/** A plausible, valid history of one mailbox: its revision-th event. */
const nextEvent = (number: number, revision: number, members: Set<string>): MailboxEvent => {
  if (revision === 0) return { type: 'MailboxCreated', data: { number, name: requireText([], `Mailbox ${number}`, 'name'), address: `box${number}@example.com` } };
  const r = rand();
  const userId = pick(userIds);
  if (r < 0.3) return { type: 'MailboxRenamed', data: { number, name: requireText([], `Mailbox ${number} v${revision}`, 'name') } };
  if (r < 0.45) return { type: 'MailboxAddressChanged', data: { number, address: `box${number}.${revision}@example.com` } };
  if (!members.has(userId)) {
    members.add(userId);
    return { type: 'MailboxMemberAdded', data: { number, userId } };
  }
  if (r < 0.75) return { type: 'MailboxRoleAssigned', data: { number, userId, role: pick(['OPERATIONS_ADMINISTRATOR', 'AUDITOR'] as const) } };
  if (r < 0.9) return { type: 'MailboxRoleRevoked', data: { number, userId, role: pick(['OPERATIONS_ADMINISTRATOR', 'AUDITOR'] as const) } };
  members.delete(userId);
  return { type: 'MailboxMemberRemoved', data: { number, userId } };
};

const seedStores = (eventsDb: DatabaseSync, readDb: DatabaseSync): void => {
  const insertEvent = eventsDb.prepare(
    'INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertIndex = readDb.prepare(
    'INSERT INTO mailbox_events (position, mailbox_number, stream_id, revision, type, occurred_at, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const revisions = new Array<number>(MAILBOXES + 1).fill(0);
  const members = Array.from({ length: MAILBOXES + 1 }, () => new Set<string>());
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  let prevHash = GENESIS_HASH;
  const chunk = 50_000;
  for (let from = 1; from <= EVENTS; from += chunk) {
    eventsDb.exec('BEGIN');
    readDb.exec('BEGIN');
    for (let position = from; position < Math.min(from + chunk, EVENTS + 1); position++) {
      // The first MAILBOXES events create every mailbox; then mailboxes change at random.
      const number = position <= MAILBOXES ? position : 1 + Math.floor(rand() * MAILBOXES);
      const revision = revisions[number]!++;
      const event = nextEvent(number, revision, members[number]!);
      const streamId = `mailbox-${number}`;
      const recordedAt = new Date(start + position * 1000);
      const id = randomUUID();
      const metadata = { actorId: userIds[position % MEMBERS]!, clientIp: '192.0.2.1', correlationId: id, reason: null, occurredAt: recordedAt.toISOString() };
      const dataJson = canonicalJson(event.data);
      const metadataJson = canonicalJson(metadata);
      const hash = hashEventParts(prevHash, eventHashParts({ streamId, id, type: event.type, recordedAt }), { dataJson, metadataJson, position, revision });
      insertEvent.run(position, streamId, revision, id, event.type, dataJson, metadataJson, recordedAt.toISOString(), prevHash, hash);
      insertIndex.run(position, number, streamId, revision, event.type, recordedAt.toISOString(), metadata.actorId);
      prevHash = hash;
    }
    eventsDb.exec('COMMIT');
    readDb.exec('COMMIT');
    process.stderr.write(`\rseeded ${Math.min(from + chunk - 1, EVENTS)} / ${EVENTS}`);
  }
  process.stderr.write('\n');
  // The checkpoint says the index is complete, as the projection would have left it.
  readDb.prepare("INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ('audit.mailbox_events', ?, ?)").run(EVENTS, new Date().toISOString());
};

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const measure = async (calls: number, run: (mailbox: number, position: number) => Promise<{ eventsRead: number }>) => {
  const times: number[] = [];
  let eventsRead = 0;
  for (let i = 0; i < calls; i++) {
    const mailbox = 1 + Math.floor(rand() * MAILBOXES);
    const position = MAILBOXES + Math.floor(rand() * (EVENTS - MAILBOXES));
    const t = performance.now();
    eventsRead += (await run(mailbox, position)).eventsRead;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { mean, p50: percentile(times, 0.5), p95: percentile(times, 0.95), eventsPerCall: eventsRead / calls };
};

const main = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mailroom-bench-audit-'));
  try {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    const readModels = await createReadModelDb({ kind: 'sqlite', path: sqliteReadModelPath(dir) });
    await migrateToLatest(readModels.db);
    const readDb = new DatabaseSync(sqliteReadModelPath(dir));
    readDb.exec('PRAGMA journal_mode = WAL');
    const t0 = performance.now();
    seedStores(store.database, readDb);
    readDb.close();
    const seedSeconds = (performance.now() - t0) / 1000;

    const withSnapshots = new AuditLog(store, readModels.db, { sections: [identityMailboxSection], snapshotEvery: 100 });
    const fromZero = new AuditLog(store, readModels.db, { sections: [identityMailboxSection], snapshotEvery: 0 });

    // Snapshots are written by the first replay past each boundary: one pass over every
    // mailbox at the head builds them all (what the first audits after a rebuild pay).
    const t1 = performance.now();
    for (let n = 1; n <= MAILBOXES; n++) await withSnapshots.configurationAsOf(n);
    const snapshotSeconds = (performance.now() - t1) / 1000;

    const fast = await measure(CALLS, (m, p) => withSnapshots.configurationAsOf(m, { position: p }));
    const slow = await measure(BASELINE_CALLS, (m, p) => fromZero.configurationAsOf(m, { position: p }));

    // No index, no snapshot: fold the whole store from position 1 up to the moment.
    const target = 1 + Math.floor(rand() * MAILBOXES);
    const t2 = performance.now();
    let state = identityMailboxSection.initialState();
    let read = 0;
    for (let next = 1; next <= EVENTS; ) {
      const batch = await store.readAll({ fromPosition: next, max: 5000 });
      if (!batch.length) break;
      for (const e of batch) if (e.streamId === `mailbox-${target}`) state = identityMailboxSection.evolve(state, e);
      read += batch.length;
      next = batch[batch.length - 1]!.position + 1;
    }
    const scanMs = performance.now() - t2;

    const ms = (x: number) => `${x.toFixed(2)} ms`;
    console.log(`cpus ${cpus().length}, load ${loadavg()[0]!.toFixed(1)}, ${EVENTS} events over ${MAILBOXES} mailboxes (~${Math.round(EVENTS / MAILBOXES)} per stream)`);
    console.log(`seed (fast path): ${seedSeconds.toFixed(1)} s; building all snapshots: ${snapshotSeconds.toFixed(1)} s`);
    console.log(`configurationAsOf, snapshots every 100: mean ${ms(fast.mean)}, p50 ${ms(fast.p50)}, p95 ${ms(fast.p95)}, ${fast.eventsPerCall.toFixed(1)} events read per call (${CALLS} calls)`);
    console.log(`configurationAsOf, replay from revision 0: mean ${ms(slow.mean)}, p50 ${ms(slow.p50)}, p95 ${ms(slow.p95)}, ${slow.eventsPerCall.toFixed(1)} events read per call (${BASELINE_CALLS} calls)`);
    console.log(`full store replay from position 1 (no index): ${ms(scanMs)} for ${read} events`);
    console.log(`ratio: replay from 0 / snapshots = ${(slow.mean / fast.mean).toFixed(1)}x; full store replay / snapshots = ${(scanMs / fast.mean).toFixed(0)}x`);
    await readModels.destroy();
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

await main();
