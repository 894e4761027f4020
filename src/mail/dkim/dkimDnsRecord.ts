import type { DkimAlgorithm } from '../../domain/outbound/dkimSettings.events.js';

/** The TXT record that publishes a DKIM public key (RFC 6376 §3.6.1, §3.6.2.1). */
export interface DkimDnsRecord {
  /** `<selector>._domainkey.<domain>` */
  readonly name: string;
  /** `v=DKIM1; k=rsa; p=…`, as most DNS consoles take it in one field. */
  readonly value: string;
  /** The same split into character-strings of at most 255 octets (RFC 1035 §3.3.14), for zone files. */
  readonly txtStrings: readonly string[];
}

export const dkimRecordName = (selector: string, domain: string): string => `${selector}._domainkey.${domain}`;

export const dkimDnsRecord = (signature: { readonly selector: string; readonly domain: string; readonly algorithm: DkimAlgorithm; readonly publicKey: string }): DkimDnsRecord => {
  const k = signature.algorithm === 'ED25519_SHA256' ? 'ed25519' : 'rsa';
  const value = `v=DKIM1; k=${k}; p=${signature.publicKey}`;
  const txtStrings: string[] = [];
  for (let i = 0; i < value.length; i += 255) txtStrings.push(value.slice(i, i + 255));
  return { name: dkimRecordName(signature.selector, signature.domain), value, txtStrings };
};

/** Tags of a DKIM key record, `p=` with folding whitespace removed (RFC 6376 §3.6.1). */
export const parseDkimRecord = (txt: string): ReadonlyMap<string, string> => {
  const tags = new Map<string, string>();
  for (const part of txt.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return tags;
};
