import type { Kysely, Transaction } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { consistencyPath, type Hash, inclusionPath, MerkleFrontier, perfectNodesRead, rootHash, type SubtreeSource } from './merkle.js';

type Db = Kysely<ReadModelDb> | Transaction<ReadModelDb>;

export interface NodeKey {
  readonly level: number;
  readonly index: number;
}

/**
 * Stored node hashes for `keys`, in one query (a proof or a frontier reads ≤ 2·log2 n
 * nodes, spread over about log2 n levels): one round trip per batch event on PostgreSQL
 * instead of one per level.
 */
export const readNodes = async (db: Db, keys: readonly NodeKey[]): Promise<Map<string, Hash>> => {
  const found = new Map<string, Hash>();
  for (let i = 0; i < keys.length; i += 500) {
    const byLevel = new Map<number, number[]>();
    for (const k of keys.slice(i, i + 500)) byLevel.set(k.level, [...(byLevel.get(k.level) ?? []), k.index]);
    const rows = await db
      .selectFrom('audit_merkle_nodes')
      .select(['level', 'idx', 'hash'])
      .where((eb) => eb.or([...byLevel].map(([level, indexes]) => eb.and([eb('level', '=', level), eb('idx', 'in', indexes)]))))
      .execute();
    for (const r of rows) found.set(`${Number(r.level)}:${Number(r.idx)}`, Buffer.from(r.hash, 'hex'));
  }
  return found;
};

/** Runs a tree computation on the stored nodes: one pass to learn which, one fetch, one pass to compute. */
const onStoredNodes = async <T>(db: Db, compute: (source: SubtreeSource) => T): Promise<T> => {
  const keys = perfectNodesRead(compute);
  const nodes = await readNodes(db, keys);
  return compute({
    perfect: (level, index) => {
      const h = nodes.get(`${level}:${index}`);
      if (!h) throw new Error(`Merkle tree node ${level}:${index} is missing: the audit tree is behind the event store (rebuild audit.merkle_tree)`);
      return h;
    },
  });
};

export interface InclusionProof {
  /** 0-based leaf index = position - 1. */
  readonly leafIndex: number;
  readonly treeSize: number;
  /** Audit path, hex, leaf side first (RFC 9162 §2.1.3). */
  readonly path: readonly string[];
}

export interface ConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  /** RFC 9162 §2.1.4, hex. */
  readonly path: readonly string[];
}

const hex = (hs: readonly Hash[]) => hs.map((h) => h.toString('hex'));

/** Read side of the persisted tree (`audit_merkle_nodes`), kept by the `audit.merkle_tree` projection. */
export class MerkleTree {
  constructor(private readonly db: Kysely<ReadModelDb>) {}

  /** Leaves stored (= the position the tree has reached). */
  async size(db: Db = this.db): Promise<number> {
    const row = await db.selectFrom('audit_merkle_nodes').select((eb) => eb.fn.max('idx').as('idx')).where('level', '=', 0).executeTakeFirst();
    return row?.idx == null ? 0 : Number(row.idx) + 1;
  }

  root(size: number): Promise<Hash> {
    return onStoredNodes(this.db, (s) => rootHash(s, size));
  }

  async leaf(position: number): Promise<Hash | null> {
    const row = await this.db.selectFrom('audit_merkle_nodes').select('hash').where('level', '=', 0).where('idx', '=', position - 1).executeTakeFirst();
    return row ? Buffer.from(row.hash, 'hex') : null;
  }

  async inclusionProof(position: number, treeSize: number): Promise<InclusionProof> {
    const path = await onStoredNodes(this.db, (s) => inclusionPath(s, position - 1, treeSize));
    return { leafIndex: position - 1, treeSize, path: hex(path) };
  }

  /** Inclusion proofs of many positions in one tree, with one node fetch for all of them (exports). */
  async inclusionProofs(positions: readonly number[], treeSize: number): Promise<Map<number, InclusionProof>> {
    const paths = await onStoredNodes(this.db, (s) => positions.map((p) => inclusionPath(s, p - 1, treeSize)));
    return new Map(positions.map((p, i) => [p, { leafIndex: p - 1, treeSize, path: hex(paths[i]!) }]));
  }

  async consistencyProof(fromSize: number, toSize: number): Promise<ConsistencyProof> {
    const path = await onStoredNodes(this.db, (s) => consistencyPath(s, fromSize, toSize));
    return { fromSize, toSize, path: hex(path) };
  }

  /** The frontier of the stored tree (what appending continues from). */
  static async frontier(db: Db, size: number): Promise<MerkleFrontier> {
    const keys = MerkleFrontier.keysOf(size);
    const nodes = await readNodes(db, keys);
    return MerkleFrontier.restore(
      size,
      keys.map((k) => {
        const h = nodes.get(`${k.level}:${k.index}`);
        if (!h) throw new Error(`Merkle tree node ${k.level}:${k.index} is missing`);
        return h;
      }),
    );
  }
}
