import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import type { DkimAlgorithm } from '../../domain/outbound/dkimSettings.events.js';
import { SmtpSendError } from '../smtp/smtpErrors.js';

export interface DkimSigningKey {
  readonly domain: string;
  readonly selector: string;
  readonly algorithm: DkimAlgorithm;
  readonly privateKeyPem: string;
  /** l= when set (RFC 6376 §3.5). */
  readonly bodyLengthLimit: number | null;
}

/**
 * Headers signed (h=): the ones RFC 6376 §5.4.1 says SHOULD be, minus those relays
 * rewrite. mailauth oversigns From (lists it once more than present), so nobody can add
 * a second From after signing.
 */
const MAILAUTH_ALGORITHM: Record<DkimAlgorithm, string> = { RSA_SHA256: 'rsa-sha256', ED25519_SHA256: 'ed25519-sha256' };

/**
 * Prepends a DKIM-Signature (tags v, a, c, d, s, t, h, bh, b, and l when limited) to a
 * raw message, with relaxed/relaxed canonicalization, which survives the whitespace
 * changes relays make (RFC 6376 §3.4).
 */
export const signMessage = async (raw: Buffer, key: DkimSigningKey, signTime: Date = new Date()): Promise<Buffer> => {
  const result = await dkimSign(raw, {
    canonicalization: 'relaxed/relaxed',
    signTime,
    signatureData: [
      {
        signingDomain: key.domain,
        selector: key.selector,
        privateKey: key.privateKeyPem,
        algorithm: MAILAUTH_ALGORITHM[key.algorithm],
        canonicalization: 'relaxed/relaxed',
        ...(key.bodyLengthLimit !== null ? { maxBodyLength: key.bodyLengthLimit } : {}),
      },
    ],
  } as unknown as Parameters<typeof dkimSign>[1]);
  const failure = result.errors?.[0] as { err?: Error } | Error | undefined;
  if (failure || !result.signatures.trim()) {
    const reason = failure instanceof Error ? failure.message : (failure?.err?.message ?? 'no signature produced');
    throw new SmtpSendError('ESIGN', `DKIM signing with s=${key.selector}, d=${key.domain} failed: ${reason}`, { cause: failure });
  }
  return Buffer.concat([Buffer.from(result.signatures), raw]);
};
