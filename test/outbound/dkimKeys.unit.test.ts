import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isMailroomError } from '../../src/domain/shared/errors.js';
import { dkimDnsRecord, parseDkimRecord } from '../../src/mail/dkim/dkimDnsRecord.js';
import { generateDkimKey, importDkimPrivateKey } from '../../src/mail/dkim/dkimKeys.js';
import { parseBuiltinSmtpUrl } from '../../src/mail/smtp/builtinServer.js';

const refusal = (pem: unknown, algorithm?: 'RSA_SHA256' | 'ED25519_SHA256') => {
  try {
    importDkimPrivateKey(['privateKeyPem'], pem, algorithm);
  } catch (e) {
    if (isMailroomError(e)) return { code: e.code, path: e.fieldPath, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('DKIM keys', () => {
  it('generates RSA-2048 by default: PKCS#8 private key, SPKI p= that matches it', async () => {
    const key = await generateDkimKey();
    expect(key).toMatchObject({ algorithm: 'RSA_SHA256', keyBits: 2048 });
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const derived = createPublicKey(key.privateKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
    expect(key.publicKey).toBe(derived);
  });

  it('generates Ed25519 with the raw 32-byte key as p= (RFC 8463)', async () => {
    const key = await generateDkimKey('ED25519_SHA256');
    expect(key).toMatchObject({ algorithm: 'ED25519_SHA256', keyBits: 256 });
    expect(Buffer.from(key.publicKey, 'base64')).toHaveLength(32);
  });

  it('imports PKCS#1 and PKCS#8 RSA keys and Ed25519 keys, normalized to PKCS#8', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const read = importDkimPrivateKey(['privateKeyPem'], pkcs1);
    expect(read).toMatchObject({ algorithm: 'RSA_SHA256', keyBits: 2048, publicKey: rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') });
    expect(read.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(importDkimPrivateKey(['privateKeyPem'], ed).algorithm).toBe('ED25519_SHA256');
  });

  it('refuses a public key, a certificate, an encrypted key, an EC key, garbage, and a key of the other algorithm', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(refusal(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toMatchObject({ code: 'VALIDATION', path: ['privateKeyPem'], message: expect.stringContaining('got a public key') });
    expect(refusal(rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString()).message).toContain('RSA PUBLIC KEY');
    expect(refusal('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----').message).toContain('got a certificate');
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    expect(refusal(encrypted).message).toContain('decrypt it first');
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(refusal(ec).message).toContain('got a key of type ec');
    expect(refusal('hello').message).toContain('not PEM');
    expect(refusal('-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----').message).toContain('could not be parsed');
    expect(refusal(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'ED25519_SHA256').message).toContain('Expected a key for ED25519_SHA256');
  });

  it('formats the DNS record and splits it into 255-character strings that join back', () => {
    const p = 'A'.repeat(392);
    const record = dkimDnsRecord({ selector: 's1', domain: 'example.com', algorithm: 'RSA_SHA256', publicKey: p });
    expect(record.name).toBe('s1._domainkey.example.com');
    expect(record.value).toBe(`v=DKIM1; k=rsa; p=${p}`);
    expect(record.txtStrings.every((s) => s.length <= 255)).toBe(true);
    expect(record.txtStrings.join('')).toBe(record.value);
    expect(parseDkimRecord('v=DKIM1; k=ed25519; p=AB CD\t EF').get('p')).toBe('ABCDEF');
  });
});

describe('built-in server URL', () => {
  it('reads smtp:// as STARTTLS on 587 and smtps:// as implicit TLS on 465, decoding credentials', () => {
    expect(parseBuiltinSmtpUrl('smtp://us%40er:p%3Ass@mail.example.com')).toEqual({ host: 'mail.example.com', port: 587, encryption: 'STARTTLS', user: 'us@er', password: 'p:ss' });
    expect(parseBuiltinSmtpUrl('smtps://[::1]')).toMatchObject({ host: '::1', port: 465, encryption: 'SMTPS', user: null });
  });

  it('refuses other schemes without echoing the password', () => {
    const result = parseBuiltinSmtpUrl('http://user:secret@mail.example.com');
    expect(result).toHaveProperty('problem');
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});
