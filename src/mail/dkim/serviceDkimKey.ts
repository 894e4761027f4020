import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServiceDkimIdentity } from '../../domain/outbound/outboundRoute.js';
import { MailroomError } from '../../domain/shared/errors.js';
import { dkimDnsRecord, type DkimDnsRecord } from './dkimDnsRecord.js';
import { generateDkimKey, importDkimPrivateKey, type DkimKeyMaterial } from './dkimKeys.js';

/** Where the generated third-party key lives when no key file is configured. */
export const SERVICE_DKIM_KEY_FILE = 'dkim-third-party.pem';

/**
 * The deployment's own DKIM key for third-party signatures (第三者署名): d= is the
 * service's domain, the key belongs to whoever runs the service, and that operator
 * publishes its one TXT record; customers choose "third-party" and do nothing else.
 */
export interface ServiceDkimKey extends ServiceDkimIdentity {
  /** PKCS#8 PEM; held in memory for signing, never logged or returned by the API. */
  readonly privateKeyPem: string;
  readonly publicKey: string;
  /** The file the key was read from (configured, or generated in the data dir). */
  readonly path: string;
  readonly generated: boolean;
}

export interface ServiceDkimSettings {
  /** MAILROOM_DKIM_THIRD_PARTY_DOMAIN; null: third-party signatures cannot sign here. */
  readonly domain: string | null;
  /** MAILROOM_DKIM_THIRD_PARTY_SELECTOR. */
  readonly selector: string;
  /** MAILROOM_DKIM_THIRD_PARTY_KEY_FILE (PEM, RSA or Ed25519); null: generated in the data dir. */
  readonly keyFile: string | null;
}

const readKey = (path: string): DkimKeyMaterial => {
  try {
    return importDkimPrivateKey(['MAILROOM_DKIM_THIRD_PARTY_KEY_FILE'], readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof MailroomError ? error.message : (error as Error).message;
    throw new Error(`The third-party DKIM key ${path} cannot be used: ${reason}`);
  }
};

/**
 * Reads the configured key, or the one generated earlier in the data dir, or generates an
 * RSA-2048 key there once (0600, like master.key). Null when no domain is configured.
 */
export const loadServiceDkimKey = async (settings: ServiceDkimSettings, dataDir: string): Promise<ServiceDkimKey | null> => {
  if (!settings.domain) return null;
  const identity = (key: DkimKeyMaterial, path: string, generated: boolean): ServiceDkimKey => ({
    domain: settings.domain!,
    selector: settings.selector,
    algorithm: key.algorithm,
    keyBits: key.keyBits,
    privateKeyPem: key.privateKeyPem,
    publicKey: key.publicKey,
    path,
    generated,
  });
  if (settings.keyFile) return identity(readKey(settings.keyFile), settings.keyFile, false);
  const path = join(dataDir, SERVICE_DKIM_KEY_FILE);
  if (existsSync(path)) {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return identity(readKey(path), path, false);
  }
  const key = await generateDkimKey('RSA_SHA256');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, key.privateKeyPem, { mode: 0o600, flag: 'wx' });
  return identity(key, path, true);
};

/** The TXT record whoever runs the service publishes at its own domain. */
export const serviceDkimDnsRecord = (key: ServiceDkimKey): DkimDnsRecord => dkimDnsRecord(key);

/** Only the public facts, for routing and the API. */
export const serviceDkimIdentity = (key: ServiceDkimKey | null): ServiceDkimIdentity | null =>
  key && { domain: key.domain, selector: key.selector, algorithm: key.algorithm, keyBits: key.keyBits };
