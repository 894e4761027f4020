/**
 * IP addresses and CIDR prefixes as plain data: IPv4 is one 32-bit word, IPv6 four, most
 * significant first. Parsing is strict (RFC 4291 §2.2 text forms, RFC 4632 prefixes) and
 * the text form is canonical (RFC 5952 for IPv6), so two spellings of one range compare
 * equal and an allow list holds each range once.
 *
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`, RFC 4291 §2.5.5.2) is folded into IPv4 both for
 * client addresses and for rules: a dual-stack socket reports an IPv4 client that way, and
 * it must match the IPv4 rule an administrator wrote.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  /** 1 word (IPv4) or 4 words (IPv6), each an unsigned 32-bit integer. */
  readonly words: readonly number[];
}

export interface IpPrefix extends IpAddress {
  /** Prefix length: 0–32 (IPv4) or 0–128 (IPv6). Host bits of `words` are zero. */
  readonly length: number;
}

export const familyBits = (family: IpFamily): number => (family === 4 ? 32 : 128);

const DECIMAL_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Dotted quad; leading zeros are refused because some parsers read them as octal. */
const parseIpv4Word = (text: string): number | null => {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let word = 0;
  for (const p of parts) {
    if (!DECIMAL_OCTET.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    word = word * 256 + n;
  }
  return word >>> 0;
};

const groupsOf = (text: string): number[] | null => {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4Word(part);
      if (v4 === null) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
    } else if (HEX_GROUP.test(part)) groups.push(parseInt(part, 16));
    else return null;
  }
  return groups;
};

const parseIpv6Words = (text: string): number[] | null => {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  let groups: number[];
  if (halves.length === 2) {
    const head = groupsOf(halves[0]!);
    const tail = groupsOf(halves[1]!);
    // An embedded IPv4 address is only allowed at the very end.
    if (!head || !tail || halves[0]!.includes('.')) return null;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    const all = groupsOf(text);
    if (!all || all.length !== 8) return null;
    groups = all;
  }
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((groups[i]! << 16) | groups[i + 1]!) >>> 0);
  return words;
};

const isMappedIpv4 = (words: readonly number[]): boolean => words[0] === 0 && words[1] === 0 && words[2] === 0xffff;

/** Strict text → address, folding IPv4-mapped IPv6 into IPv4. Zone ids (`%eth0`) are refused. */
export const parseIpAddress = (text: string): IpAddress | null => {
  if (typeof text !== 'string' || text.length === 0 || text.length > 45) return null;
  if (!text.includes(':')) {
    const v4 = parseIpv4Word(text);
    return v4 === null ? null : { family: 4, words: [v4] };
  }
  const words = parseIpv6Words(text);
  if (!words) return null;
  return isMappedIpv4(words) ? { family: 4, words: [words[3]!] } : { family: 6, words };
};

/**
 * A peer address as a socket or proxy reports it: also accepts a link-local zone id
 * (dropped: a zone only names the local interface) and IPv6 in brackets.
 */
export const parseClientAddress = (text: string | null | undefined): IpAddress | null => {
  if (typeof text !== 'string') return null;
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const zone = t.indexOf('%');
  if (zone > 0 && t.includes(':')) t = t.slice(0, zone);
  return parseIpAddress(t);
};

const maskWords = (words: readonly number[], length: number): number[] =>
  words.map((w, i) => {
    const bitsBefore = i * 32;
    if (length >= bitsBefore + 32) return w;
    if (length <= bitsBefore) return 0;
    const keep = length - bitsBefore;
    return (w & (0xffffffff << (32 - keep))) >>> 0;
  });

export interface ParsedPrefix {
  readonly prefix: IpPrefix;
  /** The input named an address inside the range rather than its first address (`10.0.0.5/8`). */
  readonly hadHostBits: boolean;
}

const PREFIX_LENGTH = /^(?:0|[1-9]\d{0,2})$/;

/** `192.0.2.0/24`, `2001:db8::/32`, or a single address (a full-length prefix). */
export const parseIpPrefix = (text: string): ParsedPrefix | null => {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addressText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const lengthText = slash === -1 ? null : trimmed.slice(slash + 1);
  if (addressText.includes('%')) return null;
  const raw = addressText.includes(':') ? parseIpv6Words(addressText) : null;
  const address = parseIpAddress(addressText);
  if (!address) return null;
  // Length is read against the family as written: `::ffff:10.0.0.0/104` is IPv4 `10.0.0.0/8`.
  const writtenBits = raw ? 128 : 32;
  let length = writtenBits;
  if (lengthText !== null) {
    if (!PREFIX_LENGTH.test(lengthText)) return null;
    length = Number(lengthText);
    if (length > writtenBits) return null;
  }
  // A range wider than ::ffff:0:0/96 also covers non-mapped addresses: it stays IPv6.
  const unfolded: IpAddress = raw && address.family === 4 && length < 96 ? { family: 6, words: raw } : address;
  if (unfolded.family === 4 && raw) length -= 96;
  const words = maskWords(unfolded.words, length);
  const hadHostBits = words.some((w, i) => w !== unfolded.words[i]);
  return { prefix: { family: unfolded.family, words, length }, hadHostBits };
};

const formatIpv4 = (w: number): string => `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`;

/** RFC 5952 §4: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
const formatIpv6 = (words: readonly number[]): string => {
  const groups = words.flatMap((w) => [w >>> 16, w & 0xffff]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
};

export const formatIpAddress = (address: IpAddress): string =>
  address.family === 4 ? formatIpv4(address.words[0]!) : formatIpv6(address.words);

/** Canonical text: a single address without `/len`, a range as `first-address/len`. */
export const formatIpPrefix = (prefix: IpPrefix): string =>
  prefix.length === familyBits(prefix.family) ? formatIpAddress(prefix) : `${formatIpAddress(prefix)}/${prefix.length}`;

export const prefixContains = (prefix: IpPrefix, address: IpAddress): boolean => {
  if (prefix.family !== address.family) return false;
  const masked = maskWords(address.words, prefix.length);
  return masked.every((w, i) => w === prefix.words[i]);
};
