/**
 * Access-check cost with 10,000 allow-list rules: the trie (AddressList, what every
 * request runs) against a linear scan over the same rules in the same run. The scan is a
 * fair one (pre-parsed networks and masks in typed arrays, no allocation per check), so
 * the ratio measures the algorithm, not sloppy code.
 *
 *   npm run bench:access
 *   BENCH_RULES=50000 BENCH_LOOKUPS=200000 npm run bench:access
 */
import { cpus, loadavg } from 'node:os';
import { AddressList } from '../../src/app/access/addressList.js';
import { evaluateAccess, type EvaluablePolicy } from '../../src/domain/access/accessPolicy.js';
import { formatIpAddress, formatIpPrefix, parseClientAddress, parseIpPrefix, type IpAddress, type IpPrefix } from '../../src/domain/access/ipAddress.js';

const RULES = Number(process.env.BENCH_RULES ?? 10_000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 100_000);
const ROUNDS = 5;

/** mulberry32: a plain LCG's low bits cycle with short periods and would correlate rules with lookups. */
let seed = 20261127;
const next = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
};

const v4 = (): IpAddress => ({ family: 4, words: [next()] });
const v6 = (): IpAddress => ({ family: 6, words: [0x20010db8, next(), next(), next()] });
const prefixOf = (a: IpAddress, length: number): IpPrefix => parseIpPrefix(`${formatIpAddress(a)}/${length}`)!.prefix;

/** A mix like real lists: mostly IPv4 /16–/32 offices and hosts, some IPv6 /32–/64 networks. */
const rules: string[] = [];
const seen = new Set<string>();
while (rules.length < RULES) {
  const p = next() % 4 === 0 ? prefixOf(v6(), 32 + (next() % 33)) : prefixOf(v4(), 16 + (next() % 17));
  const text = formatIpPrefix(p);
  if (!seen.has(text)) rules.push(text), seen.add(text);
}
/** Half the lookups fall inside a random rule (host bits randomised), half anywhere. */
const parsedRules = rules.map((r) => parseIpPrefix(r)!.prefix);
const inside = (p: IpPrefix): IpAddress => {
  const random = p.family === 4 ? v4() : v6();
  const words = p.words.map((w, i) => {
    const keep = Math.max(0, Math.min(32, p.length - i * 32));
    const mask = keep === 0 ? 0 : (0xffffffff << (32 - keep)) >>> 0;
    return ((w & mask) | (random.words[i]! & ~mask)) >>> 0;
  });
  return { family: p.family, words };
};
const lookups: IpAddress[] = Array.from({ length: LOOKUPS }, () =>
  next() % 2 === 0 ? inside(parsedRules[next() % parsedRules.length]!) : next() % 4 === 0 ? v6() : v4(),
);

/** Linear scan, longest prefix wins; IPv4 in typed arrays, IPv6 word by word. */
const linearScan = (list: readonly string[]) => {
  const parsed = list.map((r) => parseIpPrefix(r)!.prefix);
  const v4Rules = parsed.map((p, i) => ({ p, i })).filter((x) => x.p.family === 4);
  const v4Net = Uint32Array.from(v4Rules.map((x) => x.p.words[0]!));
  const v4Mask = Uint32Array.from(v4Rules.map((x) => (x.p.length === 0 ? 0 : (0xffffffff << (32 - x.p.length)) >>> 0)));
  const v4Len = Uint8Array.from(v4Rules.map((x) => x.p.length));
  const v4Index = Int32Array.from(v4Rules.map((x) => x.i));
  const v6Rules = parsed.map((p, i) => ({ p, i })).filter((x) => x.p.family === 6);
  const masks = v6Rules.map(({ p }) => [0, 1, 2, 3].map((w) => {
    const keep = Math.max(0, Math.min(32, p.length - w * 32));
    return keep === 0 ? 0 : (0xffffffff << (32 - keep)) >>> 0;
  }));
  return (a: IpAddress): string | null => {
    let best = -1;
    let bestLength = -1;
    if (a.family === 4) {
      const w = a.words[0]!;
      for (let i = 0; i < v4Net.length; i++) {
        if (((w & v4Mask[i]!) >>> 0) === v4Net[i] && v4Len[i]! > bestLength) (best = v4Index[i]!), (bestLength = v4Len[i]!);
      }
    } else {
      for (let i = 0; i < v6Rules.length; i++) {
        const { p, i: index } = v6Rules[i]!;
        const m = masks[i]!;
        if (((a.words[0]! & m[0]!) >>> 0) === p.words[0] && ((a.words[1]! & m[1]!) >>> 0) === p.words[1] && ((a.words[2]! & m[2]!) >>> 0) === p.words[2] && ((a.words[3]! & m[3]!) >>> 0) === p.words[3] && p.length > bestLength) {
          best = index;
          bestLength = p.length;
        }
      }
    }
    return best === -1 ? null : list[best]!;
  };
};

const measure = (name: string, fn: (a: IpAddress, i: number) => unknown, inputs: readonly IpAddress[]): number => {
  let sink = 0;
  for (let i = 0; i < Math.min(inputs.length, 2000); i++) if (fn(inputs[i]!, i) !== null) sink++;
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < inputs.length; i++) if (fn(inputs[i]!, i) !== null) sink++;
    samples.push(Number(process.hrtime.bigint() - t0) / inputs.length);
  }
  const median = samples.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
  console.log(`  ${name.padEnd(44)} ${median.toFixed(0).padStart(8)} ns/check   (${sink > 0 ? 'ok' : 'no matches?'})`);
  return median;
};

const main = () => {
  console.log(`access bench: ${RULES} rules, ${LOOKUPS} lookups × ${ROUNDS} rounds; node ${process.version}, ${cpus().length} cpus, load ${loadavg()[0]!.toFixed(2)}`);
  const t0 = performance.now();
  const trie = new AddressList(rules);
  console.log(`  build trie: ${(performance.now() - t0).toFixed(1)} ms`);
  const scan = linearScan(rules);
  for (const a of lookups.slice(0, 5000)) if (trie.match(a) !== scan(a)) throw new Error(`trie and scan disagree on ${formatIpAddress(a)}`);
  const v4Only = lookups.filter((a) => a.family === 4);
  const v6Only = lookups.filter((a) => a.family === 6);

  const trie4 = measure('trie, IPv4', (a) => trie.match(a), v4Only);
  const trie6 = measure('trie, IPv6', (a) => trie.match(a), v6Only);
  const scanSample = (xs: IpAddress[]) => xs.slice(0, Math.max(1000, Math.floor(xs.length / 20)));
  const scan4 = measure('linear scan, IPv4 (baseline)', (a) => scan(a), scanSample(v4Only));
  const scan6 = measure('linear scan, IPv6 (baseline)', (a) => scan(a), scanSample(v6Only));

  // What a request pays: the address is parsed once per request, the gate runs per mailbox named.
  const policy: EvaluablePolicy = { ip: { enabled: true, isExempt: () => false, rules: trie }, api: { enabled: true, rules: trie } };
  const gate = measure('gate: IP + API list, API-token caller', (a) => (evaluateAccess(policy, { address: a, userId: 'u', viaApiToken: true }).allowed ? 1 : null), lookups);
  const texts = lookups.map(formatIpAddress);
  const parse = measure('parse client address (once per request)', (_a, i) => parseClientAddress(texts[i]!), lookups);

  console.log(`  ratio scan/trie: IPv4 ${(scan4 / trie4).toFixed(0)}×, IPv6 ${(scan6 / trie6).toFixed(0)}×; per request ${((gate + parse) / 1000).toFixed(2)} µs`);
};

main();
