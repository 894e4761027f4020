import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { notFound } from '../../domain/shared/errors.js';
import { GENESIS_HASH } from '../../eventstore/hashChain.js';
import type { EventStore } from '../../eventstore/port.js';
import { auditRecordOf, recordLeaf } from './auditRecord.js';
import { signCheckpoint, type SignedCheckpoint } from './checkpointFormat.js';
import { EMPTY_ROOT } from './merkle.js';
import { MerkleTree } from './merkleTree.js';
import type { AuditSigningKey } from './signingKey.js';

export interface AuditCheckpointsOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly key: AuditSigningKey;
  /** Resolves once the `audit.merkle_tree` projection has reached `position`. */
  readonly waitForTree: (position: number) => Promise<void>;
  readonly now?: () => Date;
}

type Row = ReadModelDb['audit_checkpoints'];

const fromRow = (r: { [K in keyof Row]: Row[K] | string }): SignedCheckpoint => ({
  version: 1,
  position: Number(r.position),
  headHash: String(r.head_hash),
  rootHash: String(r.root_hash),
  time: String(r.signed_at),
  keyId: String(r.key_id),
  signature: String(r.signature),
});

/**
 * Signed checkpoints of the log, stored in `audit_checkpoints` (one per position: signing
 * again at a position already signed returns the stored one). Creating one costs a root
 * over the persisted tree (≤ log2 n node reads), one event read and a signature, whatever
 * the log size. Before signing, the tree's newest leaf is checked against the stored event,
 * so the server refuses to sign a log whose newest event was altered behind its back.
 */
export class AuditCheckpoints {
  readonly tree: MerkleTree;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: AuditCheckpointsOptions) {
    this.tree = new MerkleTree(options.db);
  }

  get publicKeyPem(): string {
    return this.options.key.publicKeyPem;
  }

  get keyId(): string {
    return this.options.key.keyId;
  }

  async create(): Promise<SignedCheckpoint> {
    await this.options.waitForTree(await this.options.store.headPosition());
    const position = await this.tree.size();
    const existing = await this.get(position);
    if (existing) return existing;
    let headHash = GENESIS_HASH;
    let root = EMPTY_ROOT;
    if (position > 0) {
      const [event] = await this.options.store.readAll({ fromPosition: position, max: 1 });
      if (!event || event.position !== position) throw new Error(`The event store has no event at position ${position}, which the audit tree covers: events were removed`);
      const leaf = await this.tree.leaf(position);
      if (!leaf?.equals(recordLeaf(auditRecordOf(event)))) throw new Error(`The stored event at position ${position} no longer matches the audit tree: it was altered`);
      headHash = event.hash;
      root = await this.tree.root(position);
    }
    const signed = signCheckpoint({ position, headHash, rootHash: root.toString('hex'), time: (this.options.now?.() ?? new Date()).toISOString() }, this.options.key);
    await this.options.db
      .insertInto('audit_checkpoints')
      .values({ position, head_hash: signed.headHash, root_hash: signed.rootHash, signed_at: signed.time, key_id: signed.keyId, signature: signed.signature })
      .onConflict((oc) => oc.column('position').doNothing())
      .execute();
    // Another instance may have signed the same position first: theirs is the stored one.
    return (await this.get(position)) ?? signed;
  }

  async get(position: number): Promise<SignedCheckpoint | null> {
    const row = await this.options.db.selectFrom('audit_checkpoints').selectAll().where('position', '=', position).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async require(position: number, path: readonly string[]): Promise<SignedCheckpoint> {
    const c = await this.get(position);
    if (!c) throw notFound('Audit checkpoint at position', String(position), path);
    return c;
  }

  async latest(): Promise<SignedCheckpoint | null> {
    const row = await this.options.db.selectFrom('audit_checkpoints').selectAll().orderBy('position', 'desc').limit(1).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** Newest first, strictly before `beforePosition` when given. */
  async list(page: { readonly beforePosition?: number | null; readonly limit: number }): Promise<SignedCheckpoint[]> {
    let q = this.options.db.selectFrom('audit_checkpoints').selectAll().orderBy('position', 'desc').limit(page.limit);
    if (page.beforePosition != null) q = q.where('position', '<', page.beforePosition);
    return (await q.execute()).map(fromRow);
  }

  /** Signs a checkpoint every `intervalMs` when the log has grown since the latest one. */
  startInterval(intervalMs: number, onError: (err: unknown) => void): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      void (async () => {
        const [latest, head] = await Promise.all([this.latest(), this.options.store.headPosition()]);
        if (!latest || latest.position < head) await this.create();
      })().catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
