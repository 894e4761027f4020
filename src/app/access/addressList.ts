import type { AddressMatcher } from '../../domain/access/accessPolicy.js';
import { parseIpPrefix, type IpAddress } from '../../domain/access/ipAddress.js';
import { IpPrefixTrie } from './ipPrefixTrie.js';

/**
 * An allow list compiled for matching: one trie per address family. Built once when a
 * list changes; `match` answers the most specific rule containing an address.
 */
export class AddressList implements AddressMatcher {
  private readonly v4 = new IpPrefixTrie(32);
  private readonly v6 = new IpPrefixTrie(128);

  /** `rules` are canonical entries (as stored by the access-restriction decider). */
  constructor(readonly rules: readonly string[]) {
    rules.forEach((rule, index) => {
      const parsed = parseIpPrefix(rule);
      if (!parsed) throw new Error(`Not an IP prefix: ${JSON.stringify(rule)}`);
      const { prefix } = parsed;
      (prefix.family === 4 ? this.v4 : this.v6).insert(prefix.words, prefix.length, index);
    });
  }

  match(address: IpAddress): string | null {
    const index = (address.family === 4 ? this.v4 : this.v6).lookup(address.words);
    return index === -1 ? null : this.rules[index]!;
  }
}

export const EMPTY_ADDRESS_LIST = new AddressList([]);
