import { Resolver } from 'node:dns/promises';
import { dkimRecordName, parseDkimRecord } from './dkimDnsRecord.js';

/** Resolves TXT records: each record is the list of its character-strings, as node:dns returns them. */
export type TxtResolver = (name: string) => Promise<string[][]>;

export type DkimPublicationStatus = 'PUBLISHED' | 'MISSING' | 'DIFFERENT_KEY' | 'LOOKUP_FAILED';

export interface DkimPublicationCheck {
  readonly recordName: string;
  readonly status: DkimPublicationStatus;
  /** The p= values found in DKIM key records at that name. */
  readonly foundKeys: readonly string[];
  readonly message: string;
}

/** node:dns with the system's servers, or the given ones ("127.0.0.1:5353"). */
export const systemTxtResolver = (servers?: readonly string[]): TxtResolver => {
  const resolver = new Resolver({ timeout: 5_000, tries: 2 });
  if (servers && servers.length > 0) resolver.setServers([...servers]);
  return (name) => resolver.resolveTxt(name);
};

const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * Is this public key published at `<selector>._domainkey.<domain>`? Multi-string TXT
 * records are joined first (RFC 6376 §3.6.2.2), since a 2048-bit RSA key does not fit in
 * one 255-octet string.
 */
export const checkDkimPublication = async (
  resolveTxt: TxtResolver,
  key: { readonly selector: string; readonly domain: string; readonly publicKey: string },
): Promise<DkimPublicationCheck> => {
  const recordName = dkimRecordName(key.selector, key.domain);
  let records: string[][];
  try {
    records = await resolveTxt(recordName);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (NO_RECORD.has(code)) return { recordName, status: 'MISSING', foundKeys: [], message: `No TXT record at ${recordName}` };
    return { recordName, status: 'LOOKUP_FAILED', foundKeys: [], message: `DNS lookup of ${recordName} failed (${code || 'unknown error'}); try again later` };
  }
  const foundKeys = records
    .map((chunks) => parseDkimRecord(chunks.join('')))
    .filter((tags) => tags.has('p') && (tags.get('v') ?? 'DKIM1').toUpperCase() === 'DKIM1')
    .map((tags) => tags.get('p')!);
  if (foundKeys.length === 0) return { recordName, status: 'MISSING', foundKeys, message: `No DKIM key record (v=DKIM1; p=…) at ${recordName}` };
  if (foundKeys.includes(key.publicKey)) return { recordName, status: 'PUBLISHED', foundKeys, message: `${recordName} publishes this key` };
  const revoked = foundKeys.every((p) => p === '');
  return {
    recordName,
    status: 'DIFFERENT_KEY',
    foundKeys,
    message: revoked ? `${recordName} publishes an empty p= (the key is revoked, RFC 6376 §3.6.1)` : `${recordName} publishes a different key: update the TXT record`,
  };
};
