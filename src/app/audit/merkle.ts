import { createHash } from 'node:crypto';

/**
 * The Merkle tree over the event log, hashed as RFC 9162 §2.1 (Certificate Transparency
 * v2): leaf i (0-based, the event at position i + 1) is SHA-256(0x00 || digest of the
 * event's audit record), an inner node SHA-256(0x01 || left || right), and the tree of n
 * leaves splits at the largest power of two smaller than n. Proof generation and
 * verification below are the RFC's algorithms (§2.1.3 inclusion, §2.1.4 consistency),
 * pure and synchronous over a `SubtreeSource`, which answers the hashes of perfect,
 * aligned subtrees (the only ones a persisted tree stores).
 */

export type Hash = Buffer;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const leafHash = (digest: Buffer): Hash => createHash('sha256').update(LEAF_PREFIX).update(digest).digest();
export const nodeHash = (left: Hash, right: Hash): Hash => createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** The hash of the 2^level leaves starting at leaf `index * 2^level`. */
export interface SubtreeSource {
  perfect(level: number, index: number): Hash;
}

const isPowerOfTwo = (n: number): boolean => n > 0 && 2 ** Math.floor(Math.log2(n)) === n;

/** The largest power of two strictly smaller than n (n ≥ 2). */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/**
 * MTH(D[start : start + size]). Every subtree the RFC's recursion visits starts at a
 * multiple of its split, so its left part is always a perfect, aligned subtree.
 */
export const subtreeHash = (source: SubtreeSource, start: number, size: number): Hash => {
  if (isPowerOfTwo(size)) return source.perfect(Math.log2(size), start / size);
  const k = splitPoint(size);
  return nodeHash(subtreeHash(source, start, k), subtreeHash(source, start + k, size - k));
};

export const rootHash = (source: SubtreeSource, size: number): Hash => (size === 0 ? EMPTY_ROOT : subtreeHash(source, 0, size));

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf m in the tree of size n, leaf side first. */
export const inclusionPath = (source: SubtreeSource, leafIndex: number, size: number): Hash[] => {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= size) throw new RangeError(`Leaf ${leafIndex} is not in a tree of ${size}`);
  const path = (start: number, n: number, m: number): Hash[] => {
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k ? [...path(start, k, m), subtreeHash(source, start + k, n - k)] : [...path(start + k, n - k, m - k), subtreeHash(source, start, k)];
  };
  return path(0, size, leafIndex);
};

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the tree of size m is a prefix of the tree of size n. */
export const consistencyPath = (source: SubtreeSource, first: number, second: number): Hash[] => {
  if (!Number.isInteger(first) || first < 0 || first > second) throw new RangeError(`No consistency proof from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const sub = (start: number, n: number, m: number, complete: boolean): Hash[] => {
    if (m === n) return complete ? [] : [subtreeHash(source, start, n)];
    const k = splitPoint(n);
    return m <= k
      ? [...sub(start, k, m, complete), subtreeHash(source, start + k, n - k)]
      : [...sub(start + k, n - k, m - k, false), subtreeHash(source, start, k)];
  };
  return sub(0, second, first, true);
};

const odd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2: whether `path` proves leaf `leafIndex` with hash `leaf` is in the tree of `size` with `root`. */
export const verifyInclusion = (leafIndex: number, size: number, leaf: Hash, path: readonly Hash[], root: Hash): boolean => {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= size) return false;
  let fn = leafIndex;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
};

/** RFC 9162 §2.1.4.2: whether `path` proves the tree (`first`, `firstRoot`) is a prefix of (`second`, `secondRoot`). */
export const verifyConsistency = (first: number, second: number, firstRoot: Hash, secondRoot: Hash, path: readonly Hash[]): boolean => {
  if (!Number.isInteger(first) || !Number.isInteger(second) || first < 0 || first > second) return false;
  if (first === second) return path.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return path.length === 0 && firstRoot.equals(EMPTY_ROOT);
  const proof = isPowerOfTwo(first) ? [firstRoot, ...path] : [...path];
  if (proof.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
};

/**
 * The perfect subtrees a computation reads, found by running it once against a source that
 * records the keys (the answers are placeholders). A persisted tree then fetches exactly
 * those nodes in one query and runs the computation again on them.
 */
export const perfectNodesRead = (compute: (source: SubtreeSource) => unknown): { level: number; index: number }[] => {
  const seen = new Map<string, { level: number; index: number }>();
  const placeholder = Buffer.alloc(32);
  compute({
    perfect: (level, index) => {
      seen.set(`${level}:${index}`, { level, index });
      return placeholder;
    },
  });
  return [...seen.values()];
};

/**
 * The compact range of a growing tree (the roots of its perfect subtrees, largest first):
 * what appending needs and all a streaming verifier keeps in memory, O(log n).
 */
export class MerkleFrontier {
  private readonly roots: Hash[] = [];
  size = 0;

  /** Appends a leaf; returns the perfect subtrees completed by it, bottom up (level, index, hash), the leaf first. */
  append(leaf: Hash): { level: number; index: number; hash: Hash }[] {
    const created = [{ level: 0, index: this.size, hash: leaf }];
    let hash = leaf;
    let level = 0;
    let index = this.size;
    while (odd(index)) {
      hash = nodeHash(this.roots.pop()!, hash);
      level += 1;
      index = half(index);
      created.push({ level, index, hash });
    }
    this.roots.push(hash);
    this.size += 1;
    return created;
  }

  /** MTH of the leaves appended so far. */
  root(): Hash {
    if (this.roots.length === 0) return EMPTY_ROOT;
    let r = this.roots[this.roots.length - 1]!;
    for (let i = this.roots.length - 2; i >= 0; i--) r = nodeHash(this.roots[i]!, r);
    return r;
  }

  /** The perfect subtrees (level, index) whose roots make up the frontier of a tree of `size`, largest first. */
  static keysOf(size: number): { level: number; index: number }[] {
    const keys: { level: number; index: number }[] = [];
    let start = 0;
    for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
      const width = 2 ** level;
      if (size - start >= width) {
        keys.push({ level, index: start / width });
        start += width;
      }
    }
    return keys;
  }

  /** A frontier of `size` leaves from its perfect subtree roots (as `keysOf(size)` lists them). */
  static restore(size: number, roots: readonly Hash[]): MerkleFrontier {
    const f = new MerkleFrontier();
    f.roots.push(...roots);
    f.size = size;
    return f;
  }
}
