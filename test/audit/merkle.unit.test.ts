import { describe, expect, it } from 'vitest';
import {
  consistencyPath,
  EMPTY_ROOT,
  type Hash,
  inclusionPath,
  leafHash,
  MerkleFrontier,
  nodeHash,
  perfectNodesRead,
  rootHash,
  splitPoint,
  type SubtreeSource,
  verifyConsistency,
  verifyInclusion,
} from '../../src/app/audit/merkle.js';

/** MTH straight from RFC 9162 §2.1.1, over the leaf hashes. */
const naiveRoot = (leaves: readonly Hash[]): Hash => {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
};

/** A source over in-memory leaves, every perfect subtree computed the naive way. */
const sourceOf = (leaves: readonly Hash[]): SubtreeSource => ({
  perfect: (level, index) => naiveRoot(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)),
});

const leavesOf = (n: number): Hash[] => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`event ${i}`)));

describe('RFC 9162 Merkle tree', () => {
  it('matches the Certificate Transparency reference roots for the eight test leaves', () => {
    const inputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex')));
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    for (let n = 1; n <= 8; n++) expect(rootHash(sourceOf(inputs.slice(0, n)), n).toString('hex')).toBe(roots[n - 1]);
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the frontier, the persisted-subtree root and the naive root agree for every size up to 70', () => {
    const leaves = leavesOf(70);
    const frontier = new MerkleFrontier();
    for (let n = 1; n <= 70; n++) {
      frontier.append(leaves[n - 1]!);
      const expected = naiveRoot(leaves.slice(0, n));
      expect(frontier.root().equals(expected)).toBe(true);
      expect(rootHash(sourceOf(leaves), n).equals(expected)).toBe(true);
      const keys = MerkleFrontier.keysOf(n);
      const restored = MerkleFrontier.restore(n, keys.map((k) => sourceOf(leaves).perfect(k.level, k.index)));
      expect(restored.root().equals(expected)).toBe(true);
    }
  });

  it('every inclusion proof verifies, and fails for another leaf, index or a shortened path', () => {
    const leaves = leavesOf(40);
    const source = sourceOf(leaves);
    for (let n = 1; n <= 40; n++) {
      const root = naiveRoot(leaves.slice(0, n));
      for (let m = 0; m < n; m++) {
        const path = inclusionPath(source, m, n);
        expect(verifyInclusion(m, n, leaves[m]!, path, root)).toBe(true);
        expect(verifyInclusion(m, n, leafHash(Buffer.from('forged')), path, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, leaves[m]!, path, root)).toBe(false);
        if (path.length) expect(verifyInclusion(m, n, leaves[m]!, path.slice(1), root)).toBe(false);
      }
    }
  });

  it('every consistency proof verifies, and fails when the older tree was not a prefix', () => {
    const leaves = leavesOf(40);
    const source = sourceOf(leaves);
    const altered = [...leaves];
    altered[5] = leafHash(Buffer.from('rewritten'));
    for (let n = 1; n <= 40; n++) {
      const second = naiveRoot(leaves.slice(0, n));
      for (let m = 0; m <= n; m++) {
        const first = naiveRoot(leaves.slice(0, m));
        const path = consistencyPath(source, m, n);
        expect(verifyConsistency(m, n, first, second, path)).toBe(true);
        if (m > 5 && m < n) expect(verifyConsistency(m, n, naiveRoot(altered.slice(0, m)), second, path)).toBe(false);
        if (m > 0 && m < n) expect(verifyConsistency(m, n, first, naiveRoot(altered.slice(0, n)), path)).toBe(n <= 5);
      }
    }
  });

  it('proofs at 100,000 leaves are logarithmic: at most ceil(log2 n) hashes, read from at most 2·log2 n stored subtrees', () => {
    const n = 100_000;
    const frontier = new MerkleFrontier();
    // Every perfect subtree, as a persisted tree stores them.
    const nodes = new Map<string, Hash>();
    for (let i = 0; i < n; i++) {
      for (const c of frontier.append(leafHash(Buffer.from(`event ${i}`)))) nodes.set(`${c.level}:${c.index}`, c.hash);
    }
    const source: SubtreeSource = { perfect: (level, index) => nodes.get(`${level}:${index}`)! };
    const root = frontier.root();
    expect(rootHash(source, n).equals(root)).toBe(true);
    const bound = Math.ceil(Math.log2(n));
    for (const m of [0, 1, 4_095, 65_536, 99_998, 99_999]) {
      const path = inclusionPath(source, m, n);
      expect(path.length).toBeLessThanOrEqual(bound);
      expect(perfectNodesRead((s) => inclusionPath(s, m, n)).length).toBeLessThanOrEqual(2 * bound);
      expect(verifyInclusion(m, n, nodes.get(`0:${m}`)!, path, root)).toBe(true);
    }
    for (const m of [1, 3, 1_000, 65_536, 99_999]) {
      const path = consistencyPath(source, m, n);
      expect(path.length).toBeLessThanOrEqual(2 * bound);
      expect(verifyConsistency(m, n, rootHash(source, m), root, path)).toBe(true);
    }
  });
});
