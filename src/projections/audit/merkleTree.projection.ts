import { recordLeaf, auditRecordOf } from '../../app/audit/auditRecord.js';
import { MerkleTree } from '../../app/audit/merkleTree.js';
import type { MerkleFrontier } from '../../app/audit/merkle.js';
import type { Projection } from '../projection.js';

/**
 * `audit_merkle_nodes`: the RFC 9162 tree over every event, stored as the hash of each
 * perfect subtree, so a root or proof of any size reads O(log n) rows instead of
 * rehashing n leaves. Appending event p writes its leaf and the subtrees it completes
 * (one on average). The frontier (log n hashes) is loaded from the table once per
 * transaction (a batch of events) and kept in memory within it, so a rolled-back batch, a
 * rebuild, a leadership change or another runner in the same process never sees a stale one.
 */
export const merkleTreeProjection = (): Projection => {
  let frontier: MerkleFrontier | null = null;
  let batch: object | null = null;
  return {
    name: 'audit.merkle_tree',
    eventTypes: [],
    allEvents: true,
    tables: ['audit_merkle_nodes'],
    async apply(trx, event) {
      if (batch !== trx || !frontier || frontier.size !== event.position - 1) {
        batch = trx;
        const size = await new MerkleTree(trx).size(trx);
        if (size !== event.position - 1) throw new Error(`The audit Merkle tree holds ${size} leaves, so it cannot append position ${event.position}`);
        frontier = await MerkleTree.frontier(trx, size);
      }
      const created = frontier.append(recordLeaf(auditRecordOf(event)));
      await trx
        .insertInto('audit_merkle_nodes')
        .values(created.map((c) => ({ level: c.level, idx: c.index, hash: c.hash.toString('hex'), event_id: c.level === 0 ? event.id : null })))
        // A CLI catching the tree up next to a running server writes the same rows (the
        // hashes are a function of the events): whoever comes second changes nothing.
        .onConflict((oc) => oc.columns(['level', 'idx']).doNothing())
        .execute();
    },
  };
};
