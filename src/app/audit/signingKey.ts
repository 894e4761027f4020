import { createHash, createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const AUDIT_SIGNING_KEY_FILE = 'audit-signing.key';

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410 §7); the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface AuditSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI PEM, what auditors keep and `openssl pkeyutl -verify -pubin` reads. */
  readonly publicKeyPem: string;
  /** First 16 hex digits of SHA-256 over the raw 32-byte public key. */
  readonly keyId: string;
}

export const keyIdOf = (publicKey: KeyObject): string => {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
};

const fromSeed = (seed: Buffer): AuditSigningKey => {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), keyId: keyIdOf(publicKey) };
};

/**
 * The Ed25519 key that signs audit checkpoints: `MAILROOM_AUDIT_SIGNING_KEY` (base64 of the
 * 32-byte seed, e.g. `openssl rand -base64 32`), else generated once in the data dir
 * (0600), as the master key is. Several instances on one database need the same key, or
 * each signs with its own (checkpoints name their key id).
 */
export const loadAuditSigningKey = (options: { readonly envValue?: string | null; readonly dataDir: string }): AuditSigningKey => {
  if (options.envValue) {
    const seed = Buffer.from(options.envValue, 'base64');
    if (seed.length !== 32) throw new Error(`MAILROOM_AUDIT_SIGNING_KEY must be base64 of exactly 32 bytes, got ${seed.length} bytes`);
    return fromSeed(seed);
  }
  const path = join(options.dataDir, AUDIT_SIGNING_KEY_FILE);
  if (existsSync(path)) {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    const seed = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (seed.length !== 32) throw new Error(`${path} does not hold base64 of 32 bytes`);
    return fromSeed(seed);
  }
  mkdirSync(dirname(path), { recursive: true });
  const seed = randomBytes(32);
  try {
    writeFileSync(path, `${seed.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process (a CLI next to the server) created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadAuditSigningKey(options);
    throw e;
  }
  return fromSeed(seed);
};
