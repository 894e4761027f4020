/**
 * Audit evidence at scale: signing a checkpoint and generating inclusion / consistency
 * proofs over a 1,000,000-event log from the persisted Merkle tree (`audit_merkle_nodes`),
 * next to the baseline of recomputing the root from every leaf (what a tree that is not
 * persisted would pay per checkpoint or proof), on the embedded SQLite store.
 *
 *   npm run bench:audit:evidence                      # 1,000,000 events
 *   BENCH_EVENTS=100000 npm run bench:audit:evidence
 *
 * Setup takes the fast path: events (valid hash chain) and every tree node are INSERTed in
 * large transactions, not appended one by one. The measured part uses the real code: new
 * events are appended through the store and applied by the `audit.merkle_tree` projection,
 * then `AuditCheckpoints.create()` signs, and `MerkleTree` answers the proofs.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { auditRecordOf, recordLeaf } from '../../src/app/audit/auditRecord.js';
import { AuditCheckpoints } from '../../src/app/audit/checkpoints.js';
import { MerkleFrontier, verifyConsistency, verifyInclusion } from '../../src/app/audit/merkle.js';
import { loadAuditSigningKey } from '../../src/app/audit/signingKey.js';
import { createReadModelDb, sqliteReadModelPath } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { canonicalJson, eventHashParts, GENESIS_HASH, hashEventParts } from '../../src/eventstore/hashChain.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import { merkleTreeProjection } from '../../src/projections/audit/merkleTree.projection.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const APPENDS_PER_ROUND = Number(process.env.BENCH_APPENDS ?? 100);
const PROOFS = Number(process.env.BENCH_PROOFS ?? 1000);

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const seedStores = (eventsDb: DatabaseSync, readDb: DatabaseSync): void => {
  const insertEvent = eventsDb.prepare(
    'INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertNode = readDb.prepare('INSERT INTO audit_merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const revisions = new Map<string, number>();
  const frontier = new MerkleFrontier();
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  let prevHash = GENESIS_HASH;
  const chunk = 50_000;
  for (let from = 1; from <= EVENTS; from += chunk) {
    eventsDb.exec('BEGIN');
    readDb.exec('BEGIN');
    for (let position = from; position < Math.min(from + chunk, EVENTS + 1); position++) {
      const number = 1 + Math.floor(rand() * 1000);
      const streamId = `mailbox-${number}`;
      const revision = revisions.get(streamId) ?? 0;
      revisions.set(streamId, revision + 1);
      const type = revision === 0 ? 'MailboxCreated' : 'MailboxRenamed';
      const data = revision === 0 ? { number, name: `Mailbox ${number}`, address: `box${number}@example.com` } : { number, name: `Mailbox ${number} v${revision}` };
      const recordedAt = new Date(start + position * 1000);
      const id = randomUUID();
      const metadata = { actorId: null, clientIp: '192.0.2.1', correlationId: id, reason: null, occurredAt: recordedAt.toISOString() };
      const dataJson = canonicalJson(data);
      const metadataJson = canonicalJson(metadata);
      const hash = hashEventParts(prevHash, eventHashParts({ streamId, id, type, recordedAt }), { dataJson, metadataJson, position, revision });
      insertEvent.run(position, streamId, revision, id, type, dataJson, metadataJson, recordedAt.toISOString(), prevHash, hash);
      const event = { position, id, streamId, revision, type, data, metadata, recordedAt, hash, prevHash } as RecordedEvent;
      for (const n of frontier.append(recordLeaf(auditRecordOf(event)))) insertNode.run(n.level, n.index, n.hash.toString('hex'));
      prevHash = hash;
    }
    eventsDb.exec('COMMIT');
    readDb.exec('COMMIT');
    process.stderr.write(`\rseeded ${Math.min(from + chunk - 1, EVENTS)} / ${EVENTS}`);
  }
  process.stderr.write('\n');
  readDb.prepare("INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ('audit.merkle_tree', ?, ?)").run(EVENTS, new Date().toISOString());
};

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: at(0.5), p95: at(0.95) };
};

const main = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mailroom-bench-evidence-'));
  try {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    const readModels = await createReadModelDb({ kind: 'sqlite', path: sqliteReadModelPath(dir) });
    const db = readModels.db;
    await migrateToLatest(db);
    const readDb = new DatabaseSync(sqliteReadModelPath(dir));
    readDb.exec('PRAGMA journal_mode = WAL');
    const t0 = performance.now();
    seedStores(store.database, readDb);
    readDb.close();
    const seedSeconds = (performance.now() - t0) / 1000;

    const key = loadAuditSigningKey({ envValue: randomBytes(32).toString('base64'), dataDir: dir });
    const checkpoints = new AuditCheckpoints({ store, db, key, waitForTree: async () => {} });
    const projection = merkleTreeProjection();

    // Incremental: append events through the store, apply them to the tree as the
    // projection runner would (one transaction), then sign a checkpoint at the new head.
    const extend: number[] = [];
    const sign: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const head = await store.headPosition();
      const number = 1 + (round % 1000);
      const stream = await store.readStream(`mailbox-${number}`, { direction: 'backwards', max: 1 });
      await store.appendToStream(
        `mailbox-${number}`,
        Array.from({ length: APPENDS_PER_ROUND }, (_, i) => ({
          id: randomUUID(),
          type: 'MailboxRenamed',
          data: { number, name: `Round ${round}.${i}` },
          metadata: { actorId: null, correlationId: randomUUID() },
        })),
        { expectedRevision: stream[0]!.revision },
      );
      const fresh = await store.readAll({ fromPosition: head + 1, max: APPENDS_PER_ROUND });
      const t = performance.now();
      await db.transaction().execute(async (trx) => {
        for (const e of fresh) await projection.apply(trx, e);
      });
      extend.push(performance.now() - t);
      const s = performance.now();
      const c = await checkpoints.create();
      sign.push(performance.now() - s);
      if (c.position !== head + APPENDS_PER_ROUND) throw new Error(`checkpoint at ${c.position}, expected ${head + APPENDS_PER_ROUND}`);
    }
    const size = await store.headPosition();
    const latest = (await checkpoints.latest())!;
    const root = Buffer.from(latest.rootHash, 'hex');

    const inclusion: number[] = [];
    for (let i = 0; i < PROOFS; i++) {
      const position = 1 + Math.floor(rand() * size);
      const t = performance.now();
      const proof = await checkpoints.tree.inclusionProof(position, size);
      inclusion.push(performance.now() - t);
      if (i < 20) {
        const leaf = (await checkpoints.tree.leaf(position))!;
        if (!verifyInclusion(proof.leafIndex, size, leaf, proof.path.map((h) => Buffer.from(h, 'hex')), root)) throw new Error('inclusion proof does not verify');
      }
    }
    const stored = await checkpoints.list({ limit: ROUNDS });
    const consistency: number[] = [];
    for (let i = 0; i < PROOFS; i++) {
      const from = stored[Math.floor(rand() * stored.length)]!;
      const t = performance.now();
      const proof = await checkpoints.tree.consistencyProof(from.position, size);
      consistency.push(performance.now() - t);
      if (i < 20 && !verifyConsistency(from.position, size, Buffer.from(from.rootHash, 'hex'), root, proof.path.map((h) => Buffer.from(h, 'hex')))) {
        throw new Error('consistency proof does not verify');
      }
    }

    // Baseline: the root recomputed from every stored leaf (no persisted inner nodes).
    const baseline: number[] = [];
    for (let round = 0; round < 3; round++) {
      const t = performance.now();
      const frontier = new MerkleFrontier();
      for (let from = 0; from < size; from += 50_000) {
        const rows = await db.selectFrom('audit_merkle_nodes').select('hash').where('level', '=', 0).where('idx', '>=', from).where('idx', '<', from + 50_000).orderBy('idx').execute();
        for (const r of rows) frontier.append(Buffer.from(r.hash, 'hex'));
      }
      if (!frontier.root().equals(root)) throw new Error('baseline root differs');
      baseline.push(performance.now() - t);
    }

    const ms = (x: number) => `${x.toFixed(2)} ms`;
    const row = (name: string, t: number[]) => {
      const s = stats(t);
      return `${name}: mean ${ms(s.mean)}, p50 ${ms(s.p50)}, p95 ${ms(s.p95)} (${t.length} runs)`;
    };
    console.log(`cpus ${cpus().length}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${size} events; seed (fast path) ${seedSeconds.toFixed(1)} s`);
    console.log(row(`tree extension by ${APPENDS_PER_ROUND} events (projection apply, one transaction)`, extend));
    console.log(row('checkpoint create (root from stored nodes, head check, Ed25519 sign, insert)', sign));
    console.log(row('inclusion proof', inclusion));
    console.log(row('consistency proof', consistency));
    console.log(row('baseline: root recomputed from every leaf', baseline));
    const b = stats(baseline).mean;
    console.log(`ratio: baseline / checkpoint = ${(b / stats(sign).mean).toFixed(0)}x; baseline / inclusion proof = ${(b / stats(inclusion).mean).toFixed(0)}x`);
    await readModels.destroy();
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

await main();
