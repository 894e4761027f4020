/**
 * One egress policy for every connection the server opens on behalf of a mailbox: chat
 * webhooks and APIs, OAuth token endpoints, SMTP servers, POP3/IMAP servers. Users with
 * an operations role choose those hosts, so without a policy the server is a port scanner
 * and a proxy into its own network (cloud metadata at 169.254.169.254, databases on
 * 10.x, admin ports on 127.0.0.1).
 *
 * A host is normalised as a URL parser would (WHATWG host parsing turns `2130706433`,
 * `0x7f.1` and `0177.0.0.1` into 127.0.0.1), resolved, and every address it resolves to
 * is checked; the caller then connects to the checked address itself (never to the name
 * again, so a second DNS answer cannot swap in another address) and keeps the name only
 * for TLS (SNI, RFC 6066 §3, and certificate verification).
 *
 * Refused unless an operator allows the range (MAILROOM_EGRESS_ALLOW): the special-purpose
 * ranges of RFC 6890 that are not the public internet.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Refused ranges, with the name shown in the refusal. */
const REFUSED_V4: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, 'unspecified ("this network", RFC 791)'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'shared address space (CGNAT, RFC 6598)'],
  ['127.0.0.0', 8, 'loopback (RFC 1122)'],
  ['169.254.0.0', 16, 'link-local, incl. cloud metadata (RFC 3927)'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (RFC 6890)'],
  ['192.0.2.0', 24, 'documentation (RFC 5737)'],
  ['192.88.99.0', 24, '6to4 relay anycast (RFC 7526)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'documentation (RFC 5737)'],
  ['203.0.113.0', 24, 'documentation (RFC 5737)'],
  ['224.0.0.0', 4, 'multicast (RFC 5771)'],
  ['240.0.0.0', 4, 'reserved, incl. broadcast (RFC 1112)'],
];
const REFUSED_V6: readonly (readonly [string, number, string])[] = [
  ['::', 128, 'unspecified (RFC 4291)'],
  ['::1', 128, 'loopback (RFC 4291)'],
  ['100::', 64, 'discard-only (RFC 6666)'],
  ['2001:db8::', 32, 'documentation (RFC 3849)'],
  ['fc00::', 7, 'unique local (ULA, RFC 4193)'],
  ['fe80::', 10, 'link-local (RFC 4291)'],
  ['fec0::', 10, 'site-local (deprecated, RFC 3879)'],
  ['ff00::', 8, 'multicast (RFC 4291)'],
];

export class EgressRefusedError extends Error {
  readonly code = 'EGRESS_REFUSED';
  constructor(
    /** The host as configured. */
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = 'EgressRefusedError';
  }
}

export const isEgressRefused = (e: unknown): e is EgressRefusedError => e instanceof EgressRefusedError;

/** Where to connect: the checked address, and the name for TLS. */
export interface EgressTarget {
  /** The host as configured (for messages). */
  readonly host: string;
  /** The address that was checked; connect to this, not to `host`. */
  readonly address: string;
  readonly family: 4 | 6;
  /** The name for SNI and certificate checks; undefined when the host is an address literal. */
  readonly servername: string | undefined;
}

type LookupAll = (host: string) => Promise<readonly { address: string; family: number }[]>;

export interface EgressPolicy {
  /** The allowed ranges as configured (CIDR), for logs and the README. */
  readonly allowed: readonly string[];
  /** Whether the operator allowed this address (e.g. loopback for test receivers). */
  allows(address: string): boolean;
  /** Why an address literal (or a host that normalises to one) is refused; null: not refused, or a name to resolve. */
  literalRefusal(host: string): string | null;
  /** Normalises, resolves and checks `host`; throws EgressRefusedError. */
  resolve(host: string): Promise<EgressTarget>;
}

const groupsOf = (ipv6: string): number[] => {
  // Expand "a::b" and a trailing dotted quad into eight 16-bit groups.
  let text = ipv6;
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -quad[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail === null ? [] : tail ? tail.split(':') : [];
  const fill = tail === null ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
};

const v4FromGroups = (hi: number, lo: number): string => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/**
 * The IPv4 address an IPv6 address carries, if any: IPv4-mapped (::ffff:0:0/96),
 * IPv4-compatible (::/96, deprecated), NAT64 (64:ff9b::/96, RFC 6052) and 6to4
 * (2002::/16, RFC 3056). Connecting to these reaches the IPv4 address, so that is checked.
 */
const embeddedIpv4 = (ipv6: string): string | null => {
  const g = groupsOf(ipv6.toLowerCase());
  if (g.length !== 8 || g.some((x) => Number.isNaN(x))) return null;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4FromGroups(g[6]!, g[7]!);
  if (zeros(0, 6) && (g[6]! !== 0 || g[7]! > 1)) return v4FromGroups(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4FromGroups(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4FromGroups(g[1]!, g[2]!);
  return null;
};

/** `[::1]`, `::ffff:127.0.0.1` → the address to check (IPv4 for mapped forms) and its family. */
const canonicalAddress = (address: string): { address: string; family: 4 | 6 } => {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIP(bare) === 4) return { address: bare, family: 4 };
  const v4 = embeddedIpv4(bare);
  return v4 ? { address: v4, family: 4 } : { address: bare.toLowerCase(), family: 6 };
};

/**
 * A host as the WHATWG URL parser reads it: lower case, IDNA, and the numeric IPv4 forms
 * (`2130706433`, `0x7f.1`, `127.1`) as dotted quads. Null when it is no valid host.
 */
export const normaliseHost = (host: string): string | null => {
  const trimmed = host.trim();
  if (trimmed === '') return null;
  const bare = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  if (isIP(bare) !== 0) return bare.toLowerCase();
  if (/[\s/?#@:\\]/.test(bare)) return null;
  try {
    const hostname = new URL(`http://${bare}/`).hostname;
    return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  } catch {
    return null;
  }
};

/** Parses MAILROOM_EGRESS_ALLOW: comma-separated addresses or CIDR ranges. */
export const parseEgressAllow = (raw: string, problems: string[], name = 'MAILROOM_EGRESS_ALLOW'): string[] => {
  const out: string[] = [];
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, prefixText, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
      problems.push(`${name} must be comma-separated IP addresses or CIDR ranges (e.g. 127.0.0.0/8,::1), got ${JSON.stringify(entry)}`);
      continue;
    }
    out.push(`${address!.toLowerCase()}/${prefix}`);
  }
  return out;
};

/** The deprecated switch of tests with local webhook receivers, folded into the policy. */
export const LOOPBACK_RANGES: readonly string[] = ['127.0.0.0/8', '::1/128'];

export const createEgressPolicy = (options: { readonly allow?: readonly string[]; readonly lookup?: LookupAll } = {}): EgressPolicy => {
  const allowed = [...(options.allow ?? [])];
  const allowList = new BlockList();
  for (const cidr of allowed) {
    const [address, prefix] = cidr.split('/') as [string, string];
    allowList.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6');
  }
  const refused: readonly { list: BlockList; family: 'ipv4' | 'ipv6'; label: string }[] = [
    ...REFUSED_V4.map(([net, prefix, label]) => ({ net, prefix, label, family: 'ipv4' as const })),
    ...REFUSED_V6.map(([net, prefix, label]) => ({ net, prefix, label, family: 'ipv6' as const })),
  ].map(({ net, prefix, label, family }) => {
    const list = new BlockList();
    list.addSubnet(net, prefix, family);
    return { list, family, label };
  });
  const lookup: LookupAll = options.lookup ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));

  const allows = (address: string): boolean => {
    const c = canonicalAddress(address);
    // An IPv4 address given through a mapped form is allowed by either spelling's range.
    return allowList.check(c.address, c.family === 4 ? 'ipv4' : 'ipv6') || (c.address !== address && isIP(address) === 6 && allowList.check(address, 'ipv6'));
  };

  /** The label of the range an address falls in, or null when it may be connected to. */
  const refusalOf = (address: string): string | null => {
    if (allows(address)) return null;
    const c = canonicalAddress(address);
    const type = c.family === 4 ? 'ipv4' : 'ipv6';
    const hit = refused.find((r) => r.family === type && r.list.check(c.address, type));
    return hit ? hit.label : null;
  };

  const refusalMessage = (host: string, address: string, label: string): string =>
    `${host === address ? address : `${host} (${address})`} is ${label}; this server does not connect there (an operator can allow the range with MAILROOM_EGRESS_ALLOW)`;

  return {
    allowed,
    allows,
    literalRefusal: (host) => {
      const normalised = normaliseHost(host);
      if (normalised === null) return `"${host}" is not a valid host name`;
      if (isIP(normalised) === 0) return null;
      const label = refusalOf(normalised);
      return label ? refusalMessage(host, normalised, label) : null;
    },
    resolve: async (host) => {
      const normalised = normaliseHost(host);
      if (normalised === null) throw new EgressRefusedError(host, `"${host}" is not a valid host name`);
      const literal = isIP(normalised);
      const addresses = literal !== 0 ? [{ address: normalised, family: literal }] : await lookup(normalised);
      if (addresses.length === 0) throw new EgressRefusedError(host, `${host} has no address`);
      // Every answer is checked, not just the first: a name that also resolves to an
      // internal address is refused as a whole rather than by luck of the order.
      for (const a of addresses) {
        const label = refusalOf(a.address);
        if (label) throw new EgressRefusedError(host, refusalMessage(host, a.address, label));
      }
      const first = addresses[0]!;
      return { host, address: first.address, family: first.family === 6 ? 6 : 4, servername: literal !== 0 ? undefined : normalised };
    },
  };
};
