/**
 * Longest-prefix match over IP prefixes: a binary trie (one level per address bit) kept in
 * flat typed arrays, so a lookup is at most 32 (IPv4) or 128 (IPv6) array reads however
 * many rules there are, and 10,000 rules cost a few MB rather than a million small objects.
 * Lookups stop where the path ends, so typical IPv6 lookups read far fewer than 128 levels.
 */
export class IpPrefixTrie {
  /** Child index per node for bit 0 / bit 1; 0 means "none" (the root is never a child). */
  private zero: Int32Array;
  private one: Int32Array;
  /** Value stored at a node (a prefix ends here), or -1. */
  private value: Int32Array;
  private size = 1;

  constructor(
    private readonly bits: 32 | 128,
    initialCapacity = 64,
  ) {
    this.zero = new Int32Array(initialCapacity);
    this.one = new Int32Array(initialCapacity);
    this.value = new Int32Array(initialCapacity).fill(-1);
  }

  get nodeCount(): number {
    return this.size;
  }

  /** Stores `value` for the prefix; an existing value for the same prefix is kept. */
  insert(words: readonly number[], length: number, value: number): void {
    if (length < 0 || length > this.bits) throw new RangeError(`Prefix length ${length} outside 0–${this.bits}`);
    let node = 0;
    for (let i = 0; i < length; i++) {
      const bit = (words[i >>> 5]! >>> (31 - (i & 31))) & 1;
      const children = bit === 1 ? this.one : this.zero;
      let next = children[node]!;
      if (next === 0) {
        next = this.allocate();
        (bit === 1 ? this.one : this.zero)[node] = next;
      }
      node = next;
    }
    if (this.value[node] === -1) this.value[node] = value;
  }

  /** Value of the longest stored prefix containing the address, or -1. */
  lookup(words: readonly number[]): number {
    const zero = this.zero;
    const one = this.one;
    const value = this.value;
    let node = 0;
    let best = value[0]!;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      for (let shift = 31; shift >= 0; shift--) {
        node = ((word >>> shift) & 1) === 1 ? one[node]! : zero[node]!;
        if (node === 0) return best;
        const v = value[node]!;
        if (v !== -1) best = v;
      }
    }
    return best;
  }

  private allocate(): number {
    if (this.size === this.zero.length) {
      const capacity = this.zero.length * 2;
      const grow = (a: Int32Array, fill: number) => {
        const b = new Int32Array(capacity).fill(fill);
        b.set(a);
        return b;
      };
      this.zero = grow(this.zero, 0);
      this.one = grow(this.one, 0);
      this.value = grow(this.value, -1);
    }
    return this.size++;
  }
}
