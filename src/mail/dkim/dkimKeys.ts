import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { DkimAlgorithm } from '../../domain/outbound/dkimSettings.events.js';
import { validationError } from '../../domain/shared/errors.js';

/**
 * DKIM key material, made or read here and nowhere else. The private key leaves this
 * module only as PKCS#8 PEM, to be encrypted by the vault at once.
 */
export interface DkimKeyMaterial {
  readonly algorithm: DkimAlgorithm;
  /** PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** The DNS p= value: base64 SPKI DER for RSA (as `openssl rsa -pubout` prints), the raw 32 bytes for Ed25519 (RFC 8463 §4.2). */
  readonly publicKey: string;
  readonly keyBits: number;
}

const generate = promisify(generateKeyPair);

/** Ed25519 SPKI DER is a fixed 12-byte prefix followed by the 32-byte key. */
const ED25519_SPKI_PREFIX_LENGTH = 12;

const publicKeyValue = (key: KeyObject): string => {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return (key.asymmetricKeyType === 'ed25519' ? spki.subarray(ED25519_SPKI_PREFIX_LENGTH) : spki).toString('base64');
};

const material = (key: KeyObject): DkimKeyMaterial => {
  const rsa = key.asymmetricKeyType === 'rsa';
  return {
    algorithm: rsa ? 'RSA_SHA256' : 'ED25519_SHA256',
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKeyValue(key),
    keyBits: rsa ? key.asymmetricKeyDetails!.modulusLength! : 256,
  };
};

/** RSA-2048 by default: every verifier understands it and RFC 8301 recommends the size. */
export const generateDkimKey = async (algorithm: DkimAlgorithm = 'RSA_SHA256', rsaBits = 2048): Promise<DkimKeyMaterial> => {
  const pair =
    algorithm === 'ED25519_SHA256' ? await generate('ed25519') : await generate('rsa', { modulusLength: rsaBits, publicExponent: 0x10001 });
  return material(pair.privateKey);
};

/**
 * Reads an existing private key for import. Refuses, with what was expected and what
 * arrived: a public key, a certificate, an encrypted key, anything unreadable, and key
 * types DKIM does not sign with. `algorithm`, when given, must match the key.
 */
export const importDkimPrivateKey = (path: readonly string[], pem: unknown, algorithm?: DkimAlgorithm | null): DkimKeyMaterial => {
  const text = typeof pem === 'string' ? pem.trim() : '';
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1] ?? null;
  if (label === null) throw validationError(path, 'Expected a PEM private key ("-----BEGIN PRIVATE KEY-----" …), got something that is not PEM');
  if (label.includes('PUBLIC KEY')) throw validationError(path, `Expected a private key, got a public key ("${label}"): import the private key; the public key is derived from it`);
  if (label.includes('CERTIFICATE')) throw validationError(path, `Expected a private key, got a certificate ("${label}")`);
  if (label.includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(text)) {
    throw validationError(path, 'Expected an unencrypted private key, got an encrypted one: decrypt it first (openssl pkey -in key.pem -out plain.pem)');
  }
  if (!label.includes('PRIVATE KEY')) throw validationError(path, `Expected a private key, got a PEM "${label}" block`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw validationError(path, `Expected a readable private key, but the "${label}" block could not be parsed`);
  }
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ed25519') {
    throw validationError(path, `Expected an RSA or Ed25519 key (RFC 6376, RFC 8463), got a key of type ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  const read = material(key);
  if (algorithm && algorithm !== read.algorithm) {
    throw validationError(path, `Expected a key for ${algorithm}, got one for ${read.algorithm}`);
  }
  return read;
};
