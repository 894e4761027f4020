import { validationError } from '../shared/errors.js';
import { formatIpPrefix, parseIpPrefix, prefixContains, type IpAddress, type IpPrefix } from './ipAddress.js';

/**
 * Who may act in a mailbox from where (アクセス制限 / API アクセス制限). The rule, in one place:
 *
 * - IP restriction (per mailbox): when on, a user acting in the mailbox must connect from an
 *   allowed address or range, unless the user is exempt (対象外ユーザ). Off: anyone.
 * - API restriction (per mailbox): when on, an API-token client acting in the mailbox must
 *   also connect from the API allow list. It applies on top of the IP restriction, never
 *   instead of it: an API token is one of the user's credentials, and taking one out must
 *   not get the user past their own IP restriction. Exemptions do not apply to it.
 * - An address that cannot be determined is denied wherever a list is on.
 * - When several rules contain the address, the most specific one (longest prefix) is named.
 */

export const AccessList = { IP_RESTRICTION: 'IP_RESTRICTION', API_RESTRICTION: 'API_RESTRICTION' } as const;
export type AccessList = (typeof AccessList)[keyof typeof AccessList];

export const AccessOutcome = {
  RESTRICTION_OFF: 'RESTRICTION_OFF',
  USER_EXEMPT: 'USER_EXEMPT',
  RULE_MATCHED: 'RULE_MATCHED',
  NO_RULE_MATCHED: 'NO_RULE_MATCHED',
  ADDRESS_UNKNOWN: 'ADDRESS_UNKNOWN',
} as const;
export type AccessOutcome = (typeof AccessOutcome)[keyof typeof AccessOutcome];

export interface AccessVerdict {
  readonly list: AccessList;
  readonly outcome: AccessOutcome;
  readonly allowed: boolean;
  /** The rule that matched (canonical text), for RULE_MATCHED. */
  readonly rule: string | null;
}

export interface AccessDecision {
  readonly allowed: boolean;
  /** The first list that denied, or the last one that allowed. */
  readonly decidedBy: AccessVerdict;
  readonly verdicts: readonly AccessVerdict[];
}

export interface AccessSubject {
  /** Null when the client address could not be determined. */
  readonly address: IpAddress | null;
  readonly userId: string | null;
  readonly viaApiToken: boolean;
}

/** Finds the most specific rule containing an address; the runtime uses a trie, deciders a scan. */
export interface AddressMatcher {
  match(address: IpAddress): string | null;
}

export interface EvaluablePolicy {
  readonly ip: { readonly enabled: boolean; readonly isExempt: (userId: string) => boolean; readonly rules: AddressMatcher };
  readonly api: { readonly enabled: boolean; readonly rules: AddressMatcher };
}

const verdict = (list: AccessList, outcome: AccessOutcome, rule: string | null = null): AccessVerdict => ({
  list,
  outcome,
  allowed: outcome !== AccessOutcome.NO_RULE_MATCHED && outcome !== AccessOutcome.ADDRESS_UNKNOWN,
  rule,
});

const byRules = (list: AccessList, rules: AddressMatcher, address: IpAddress | null): AccessVerdict => {
  if (!address) return verdict(list, AccessOutcome.ADDRESS_UNKNOWN);
  const rule = rules.match(address);
  return rule === null ? verdict(list, AccessOutcome.NO_RULE_MATCHED) : verdict(list, AccessOutcome.RULE_MATCHED, rule);
};

export const evaluateAccess = (policy: EvaluablePolicy, subject: AccessSubject): AccessDecision => {
  const ip = !policy.ip.enabled
    ? verdict(AccessList.IP_RESTRICTION, AccessOutcome.RESTRICTION_OFF)
    : subject.userId !== null && policy.ip.isExempt(subject.userId)
      ? verdict(AccessList.IP_RESTRICTION, AccessOutcome.USER_EXEMPT)
      : byRules(AccessList.IP_RESTRICTION, policy.ip.rules, subject.address);
  const verdicts = [ip];
  if (subject.viaApiToken) {
    verdicts.push(
      policy.api.enabled
        ? byRules(AccessList.API_RESTRICTION, policy.api.rules, subject.address)
        : verdict(AccessList.API_RESTRICTION, AccessOutcome.RESTRICTION_OFF),
    );
  }
  const denied = verdicts.find((v) => !v.allowed);
  return { allowed: denied === undefined, decidedBy: denied ?? verdicts[verdicts.length - 1]!, verdicts };
};

/** Most-specific match by scanning: fine for the handful of checks a decider makes. */
export const scanMatcher = (rules: readonly string[]): AddressMatcher => {
  const parsed = rules.map((r) => parseIpPrefix(r)!.prefix);
  return {
    match: (address) => {
      let best: IpPrefix | null = null;
      for (const p of parsed) if (prefixContains(p, address) && (best === null || p.length > best.length)) best = p;
      return best === null ? null : formatIpPrefix(best);
    },
  };
};

/** Enough for any real network plan; bounds event size and the self-lockout scan. */
export const MAX_ALLOW_LIST_ENTRIES = 10_000;

export interface NormalizedAddressList {
  /** Canonical, duplicates removed, in the order given. */
  readonly addresses: readonly string[];
  /** Non-blocking advice: rewritten ranges and dropped duplicates. */
  readonly notes: readonly string[];
}

/**
 * Validates and normalises an allow list: every entry an IPv4/IPv6 address or CIDR range.
 * A range written with host bits (`10.0.0.5/8`) is stored as its network (`10.0.0.0/8`)
 * with a note, since that is what it matches.
 */
export const normalizeAddressList = (path: readonly string[], entries: unknown): NormalizedAddressList => {
  if (!Array.isArray(entries)) throw validationError(path, `Expected a list of IP addresses or CIDR ranges, got ${typeof entries}`);
  if (entries.length > MAX_ALLOW_LIST_ENTRIES) {
    throw validationError(path, `Expected at most ${MAX_ALLOW_LIST_ENTRIES} entries, got ${entries.length}`);
  }
  const addresses: string[] = [];
  const seen = new Set<string>();
  const notes: string[] = [];
  entries.forEach((entry, i) => {
    const parsed = typeof entry === 'string' ? parseIpPrefix(entry) : null;
    if (!parsed) {
      const shown = JSON.stringify(entry) ?? String(entry);
      throw validationError(
        [...path, String(i)],
        `Expected an IPv4 or IPv6 address or CIDR range like "192.0.2.0/24" or "2001:db8::/32", got ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`,
      );
    }
    const canonical = formatIpPrefix(parsed.prefix);
    if (parsed.hadHostBits) notes.push(`${String(entry).trim()} has host bits set; stored as ${canonical}`);
    if (seen.has(canonical)) {
      notes.push(`${String(entry).trim()} is listed more than once; kept once as ${canonical}`);
      return;
    }
    seen.add(canonical);
    addresses.push(canonical);
  });
  return { addresses, notes };
};
