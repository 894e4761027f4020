import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditCheckpoints } from '../../src/app/audit/checkpoints.js';
import { verifyStoreChain } from '../../src/app/audit/chainVerification.js';
import type { SignedCheckpoint } from '../../src/app/audit/checkpointFormat.js';
import { exportEvidence } from '../../src/app/audit/evidenceExport.js';
import { verifyExportOffline } from '../../src/app/audit/offlineVerifier.js';
import { loadAuditSigningKey } from '../../src/app/audit/signingKey.js';
import { computeEventHash, GENESIS_HASH } from '../../src/eventstore/hashChain.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { postgresAvailable } from '../support/postgres.js';
import { type AuditHarness, createAuditHarness, type StoreKind } from './harness.js';

const kinds: StoreKind[] = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];

const collect = () => {
  let text = '';
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { out, lines: () => text.split('\n').filter(Boolean) };
};

describe.each(kinds)('audit evidence on %s: a checkpoint kept outside catches every tampering', (kind) => {
  let h: AuditHarness;
  let checkpoints: AuditCheckpoints;
  const key = loadAuditSigningKey({ envValue: randomBytes(32).toString('base64'), dataDir: '/nonexistent' });
  const admin = randomUUID();
  let kept: SignedCheckpoint;

  beforeEach(async () => {
    h = await createAuditHarness(kind);
    checkpoints = new AuditCheckpoints({ store: h.store, db: h.db, key, waitForTree: (p) => h.runner.waitForPosition(p, 10_000) });
    for (let n = 1; n <= 3; n++) await h.mailbox({ type: 'CreateMailbox', data: { number: n, name: `Box ${n}`, address: `box${n}@example.com` } }, admin);
    for (let i = 0; i < 5; i++) await h.mailbox({ type: 'RenameMailbox', data: { number: 1 + (i % 3), name: `Renamed ${i}` } }, admin);
    // The auditor keeps this one outside the server (8 events).
    kept = JSON.parse(JSON.stringify(await checkpoints.create())) as SignedCheckpoint;
    expect(kept.position).toBe(8);
    await h.mailbox({ type: 'RenameMailbox', data: { number: 2, name: 'After the checkpoint' } }, admin);
  });
  afterEach(() => h?.close());

  /** What the server hands an auditor now: the whole log cut at a fresh checkpoint. */
  const download = async () => {
    const checkpoint = await checkpoints.create();
    const { out, lines } = collect();
    await exportEvidence({ store: h.store, audit: h.audit, tree: checkpoints.tree, checkpoint, filter: null, format: 'ndjson' }, out);
    return lines();
  };

  /**
   * The strongest attacker: database write access and the signing key. After tampering with
   * the events they rebuild the Merkle tree and sign fresh checkpoints over the result, so
   * the server's own view is consistent again; only the kept checkpoint can tell.
   */
  const coverUp = async () => {
    await h.runner.rebuild(['audit.merkle_tree']);
    await h.db.deleteFrom('audit_checkpoints').execute();
  };

  /** Recomputes the hash chain from `from` on, as an attacker covering an edit would. */
  const rewriteChainFrom = async (from: number) => {
    const events = await h.store.readAll({ fromPosition: 1, max: 10_000 });
    let prev = from > 1 ? events[from - 2]!.hash : GENESIS_HASH;
    for (const e of events.filter((x) => x.position >= from)) {
      const hash = computeEventHash(prev, { ...e } as RecordedEvent);
      await h.exec('UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?', [prev, hash, e.position]);
      prev = hash;
    }
    if (kind === 'postgres') await h.exec('UPDATE event_store_head SET hash = ?', [prev]);
  };

  it('an untouched log, grown since, verifies against the kept checkpoint', async () => {
    const result = await verifyExportOffline(await download(), kept, key.publicKeyPem);
    expect(result).toMatchObject({ ok: true, extendsKept: true, eventsChecked: 9, keptPosition: 8, problems: [] });
    expect(result.checkpoint!.position).toBe(9);
  });

  it('edit: one event changed in the middle', async () => {
    const [e] = await h.store.readAll({ fromPosition: 5, max: 1 });
    await h.tamper(5, { ...(e!.data as object), name: 'Forged name' });
    // The server itself refuses to sign over an altered newest event; here the edit is older.
    await coverUp();
    const result = await verifyExportOffline(await download(), kept, key.publicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/the first 8 events have root .* at or before position 8 was altered/);
  });

  it('rewrite from a point: an edit with the hash chain recomputed after it fools the chain check, not the checkpoint', async () => {
    const [e] = await h.store.readAll({ fromPosition: 4, max: 1 });
    await h.tamper(4, { ...(e!.data as object), name: 'Rewritten history' });
    await rewriteChainFrom(4);
    expect((await verifyStoreChain(h.store)).ok).toBe(true);
    await coverUp();
    const result = await verifyExportOffline(await download(), kept, key.publicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.extendsKept).toBe(false);
    expect(result.problems.join('\n')).toMatch(/the first 8 events have root/);
  });

  it('truncate the tail: the newest events deleted', async () => {
    await h.exec('DELETE FROM events WHERE position > ?', [6]);
    if (kind === 'postgres') {
      const [last] = await h.store.readAll({ fromPosition: 6, max: 1 });
      await h.exec('UPDATE event_store_head SET position = 6, hash = ?', [last!.hash]);
    }
    expect((await verifyStoreChain(h.store)).ok).toBe(true);
    await h.runner.stop();
    await h.db.deleteFrom('audit_merkle_nodes').execute();
    await h.db.deleteFrom('audit_checkpoints').execute();
    await h.db.updateTable('projection_checkpoints').set({ position: 0 }).where('name', '=', 'audit.merkle_tree').execute();
    await h.runner.start();
    const result = await verifyExportOffline(await download(), kept, key.publicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/cut at position 6, before the kept checkpoint's 8|the log ends at position 6, the kept checkpoint covers 8: events were removed/);
  });

  it('reorder: two events swapped, positions and chain made consistent again', async () => {
    await h.exec('UPDATE events SET position = -1 WHERE position = 3');
    await h.exec('UPDATE events SET position = 3 WHERE position = 6');
    await h.exec('UPDATE events SET position = 6 WHERE position = -1');
    await rewriteChainFrom(3);
    expect((await verifyStoreChain(h.store)).ok).toBe(true);
    await coverUp();
    const result = await verifyExportOffline(await download(), kept, key.publicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/the first 8 events have root/);
  });

  it('an export edited after download (a record changed in the file) fails too, and so does another key', async () => {
    const lines = await download();
    const edited = lines.map((l, i) => (i === 2 ? l.replace('Box 2', 'Box X') : l));
    expect(edited).not.toEqual(lines);
    expect((await verifyExportOffline(edited, kept, key.publicKeyPem)).ok).toBe(false);
    const other = loadAuditSigningKey({ envValue: randomBytes(32).toString('base64'), dataDir: '/nonexistent' });
    const result = await verifyExportOffline(lines, kept, other.publicKeyPem);
    expect(result.problems.join('\n')).toMatch(/does not carry a valid signature/);
  });

  it('streams the export batch by batch: a consumer that stops reading stops the reads of the store', async () => {
    const checkpoint = await checkpoints.create();
    let readUpTo = 0;
    const store = new Proxy(h.store, {
      get(target, prop) {
        if (prop === 'readAll') {
          return async (options: Parameters<typeof target.readAll>[0]) => {
            const events = await target.readAll(options);
            readUpTo = Math.max(readUpTo, ...events.map((e) => e.position));
            return events;
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    // The consumer takes the header, then holds the first batch until released.
    let writes = 0;
    const release: { done?: () => void } = {};
    let exporting: Promise<number> = Promise.resolve(0);
    const held = new Promise<number>((resolve) => {
      const text: string[] = [];
      const out = new Writable({
        highWaterMark: 1,
        write(chunk, _enc, done) {
          text.push(String(chunk));
          writes += 1;
          if (writes === 2) {
            release.done = done;
            resolve(readUpTo);
          } else done();
        },
      });
      exporting = exportEvidence({ store, audit: h.audit, tree: checkpoints.tree, checkpoint, filter: null, format: 'ndjson', batchSize: 2 }, out).then(() => text.join('').split('\n').filter(Boolean).length);
    });
    const readWhileHeld = await held;
    // Give the export every chance to run ahead while the consumer holds its batch.
    await new Promise((r) => setTimeout(r, 200));
    expect(readWhileHeld).toBeLessThanOrEqual(4);
    expect(readUpTo).toBeLessThanOrEqual(4);
    expect(checkpoint.position).toBe(9);
    release.done!();
    expect(await exporting).toBe(1 + checkpoint.position);
    expect(readUpTo).toBe(checkpoint.position);
  });

  it('signs on an interval only when the log has grown since the latest checkpoint', async () => {
    checkpoints.startInterval(50, (err) => {
      throw err;
    });
    try {
      const deadline = Date.now() + 10_000;
      while ((await checkpoints.latest())!.position < 9 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect((await checkpoints.latest())!.position).toBe(9);
      await new Promise((r) => setTimeout(r, 300));
      expect((await checkpoints.list({ limit: 10 })).map((c) => c.position)).toEqual([9, 8]);
    } finally {
      checkpoints.stop();
    }
  });

  it('the server refuses to sign a checkpoint when its newest event was altered', async () => {
    const [e] = await h.store.readAll({ fromPosition: 9, max: 1 });
    await h.tamper(9, { ...(e!.data as object), name: 'Forged' });
    await expect(checkpoints.create()).rejects.toThrow(/position 9 no longer matches the audit tree/);
  });
});
