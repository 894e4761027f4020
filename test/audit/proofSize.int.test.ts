import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRecordOf, recordLeaf } from '../../src/app/audit/auditRecord.js';
import { AuditCheckpoints } from '../../src/app/audit/checkpoints.js';
import { type SignedCheckpoint, verifyCheckpointSignature } from '../../src/app/audit/checkpointFormat.js';
import { inclusionPath, perfectNodesRead, verifyConsistency, verifyInclusion } from '../../src/app/audit/merkle.js';
import { loadAuditSigningKey } from '../../src/app/audit/signingKey.js';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import { merkleTreeProjection } from '../../src/projections/audit/merkleTree.projection.js';
import { ProjectionRunner } from '../../src/projections/runner.js';

const EVENTS = 100_000;
const HALF = 50_000;
const PER_APPEND = 1_000;

/**
 * Issue #13 "proof sizes logarithmic (a test at 100,000 events)", end to end: 100,000 events
 * appended through the real store, the persisted tree built by the `audit.merkle_tree`
 * projection, checkpoints signed by `AuditCheckpoints`, and proofs read from the stored nodes
 * (merkle.unit.test.ts does the same over in-memory leaves).
 */
describe('audit proofs at 100,000 events in a real store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-proofsize-'));
  let store: SqliteEventStore;
  let readDb: ReadModelDatabase;
  let runner: ProjectionRunner;
  let checkpoints: AuditCheckpoints;
  const key = loadAuditSigningKey({ envValue: randomBytes(32).toString('base64'), dataDir: '/nonexistent' });
  let half: SignedCheckpoint;
  let full: SignedCheckpoint;

  const append = async (count: number) => {
    for (let done = 0; done < count; done += PER_APPEND) {
      const stream = `bulk-${randomUUID()}`;
      const events = Array.from({ length: PER_APPEND }, (_, i) => ({
        id: randomUUID(),
        type: 'BulkNoted',
        data: { n: done + i },
        metadata: { correlationId: 'proof-size', actorId: null },
      }));
      await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    }
  };

  beforeAll(async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    readDb = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'readmodels.sqlite') });
    await migrateToLatest(readDb.db);
    runner = new ProjectionRunner({ store, db: readDb.db, projections: [merkleTreeProjection()], batchSize: 5_000, retry: { maxRetries: 0 } });
    await runner.start();
    checkpoints = new AuditCheckpoints({ store, db: readDb.db, key, waitForTree: (p) => runner.waitForPosition(p, 240_000) });
    await append(HALF);
    half = await checkpoints.create();
    await append(EVENTS - HALF);
    full = await checkpoints.create();
  }, 300_000);
  afterAll(async () => {
    await runner?.stop();
    await store?.close();
    await readDb?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs checkpoints at 50,000 and 100,000 events over the stored tree', () => {
    expect([half.position, full.position]).toEqual([HALF, EVENTS]);
    expect(verifyCheckpointSignature(half, key.publicKeyPem)).toBe(true);
    expect(verifyCheckpointSignature(full, key.publicKeyPem)).toBe(true);
  });

  it('inclusion proofs carry at most ceil(log2 n) hashes, read from at most 2·log2 n stored nodes, and verify against the signed root', async () => {
    const bound = Math.ceil(Math.log2(EVENTS));
    for (const position of [1, 2, 4_096, HALF, 65_537, EVENTS - 1, EVENTS]) {
      const proof = await checkpoints.tree.inclusionProof(position, EVENTS);
      expect(proof.path.length).toBeLessThanOrEqual(bound);
      expect(perfectNodesRead((s) => inclusionPath(s, position - 1, EVENTS)).length).toBeLessThanOrEqual(2 * bound);
      const [event] = await store.readAll({ fromPosition: position, max: 1 });
      const leaf = recordLeaf(auditRecordOf(event!));
      const path = proof.path.map((h) => Buffer.from(h, 'hex'));
      expect(verifyInclusion(proof.leafIndex, proof.treeSize, leaf, path, Buffer.from(full.rootHash, 'hex'))).toBe(true);
      // The same proof does not vouch for a neighbour.
      const [other] = await store.readAll({ fromPosition: position === 1 ? 2 : position - 1, max: 1 });
      expect(verifyInclusion(proof.leafIndex, proof.treeSize, recordLeaf(auditRecordOf(other!)), path, Buffer.from(full.rootHash, 'hex'))).toBe(false);
    }
  });

  it('the consistency proof from 50,000 to 100,000 is logarithmic and links the two signed roots', async () => {
    const proof = await checkpoints.tree.consistencyProof(HALF, EVENTS);
    expect(proof.path.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(EVENTS)));
    const path = proof.path.map((h) => Buffer.from(h, 'hex'));
    expect(verifyConsistency(HALF, EVENTS, Buffer.from(half.rootHash, 'hex'), Buffer.from(full.rootHash, 'hex'), path)).toBe(true);
    expect(verifyConsistency(HALF, EVENTS, Buffer.from(full.rootHash, 'hex'), Buffer.from(half.rootHash, 'hex'), path)).toBe(false);
  });
});
