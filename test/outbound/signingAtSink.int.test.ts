import { Resolver } from 'node:dns/promises';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { dkimDnsRecord } from '../../src/mail/dkim/dkimDnsRecord.js';
import { loadServiceDkimKey, SERVICE_DKIM_KEY_FILE, serviceDkimDnsRecord, type ServiceDkimKey } from '../../src/mail/dkim/serviceDkimKey.js';
import { createOutboundHarness, meta, type OutboundHarness } from './support/harness.js';
import { startLocalDns, type LocalDns } from './support/localDns.js';
import { selfSignedCertificate, startSmtpSink, type SinkMessage, type SmtpSink } from '../support/smtpSink.js';

/**
 * What the receiving side sees: a real smtp-server sink keeps each message and its
 * envelope, and mailauth verifies the DKIM signatures against a local DNS server that
 * holds only what was published: the customer's author record, and the one record of the
 * service's third-party key that whoever runs the deployment publishes.
 */
const certificate = selfSignedCertificate();
const SERVICE_DOMAIN = 'svc.mailroom.test';

describe('DKIM and the envelope as the receiving server sees them', () => {
  let h: OutboundHarness;
  let dns: LocalDns;
  let resolver: Resolver;
  let sink: SmtpSink;
  let dataDir: string;
  let serviceKey: ServiceDkimKey;
  let serverId: string;
  let authorId: string;
  let limitedId: string;
  let thirdPartyId: string;

  const verify = async (raw: Buffer | string) =>
    (await dkimVerify(Buffer.from(raw), { resolver: async (name: string, type: string) => (type === 'TXT' ? resolver.resolveTxt(name) : []) as never })).results;
  const dkimHeader = (mail: SinkMessage) => /^DKIM-Signature:(.*(?:\r\n[ \t].*)*)/im.exec(mail.raw.toString())![1]!.replace(/\s+/g, '');
  const send = async (from: string, text = 'Hello from the shop.\r\n') => {
    await h.outbound.sender.send({ mailboxNumber: 1, kind: 'USER_MAIL', from, to: ['customer@example.net'], subject: 'Order', text });
    return sink.next();
  };
  const condition = (fromAddress: string, signatureId: string) => h.outbound.dkim.addCondition(SYSTEM_ACTOR, { mailboxNumber: 1, fromAddress, signatureId }, meta());

  beforeAll(async () => {
    dns = await startLocalDns();
    resolver = new Resolver();
    resolver.setServers([dns.server]);
    sink = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { shop: 'shop-secret' } });
    // No key file configured: the deployment generates its key in the data dir, once.
    dataDir = mkdtempSync(join(tmpdir(), 'mailroom-service-key-'));
    serviceKey = (await loadServiceDkimKey({ domain: SERVICE_DOMAIN, selector: 'mr1', keyFile: null }, dataDir))!;
    const record = serviceDkimDnsRecord(serviceKey);
    dns.records.set(record.name, [[...record.txtStrings]]);
    h = await createOutboundHarness({ transport: { extraCa: [certificate.cert], connectionTimeoutMs: 3000 }, resolveTxt: (name) => resolver.resolveTxt(name), serviceDkim: serviceKey });
    const { smtp, dkim } = h.outbound;
    serverId = (
      await smtp.addServer(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Shop relay', host: '127.0.0.1', port: sink.port, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'shop', password: 'shop-secret' }, meta())
    ).serverId;
    await smtp.changeBasicSettings(SYSTEM_ACTOR, { mailboxNumber: 1, defaultServerId: serverId }, meta());
    authorId = (await dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Author', kind: 'AUTHOR', domain: 'example.com', selector: 'a2026' }, meta())).signatureId;
    limitedId = (await dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Limited', kind: 'AUTHOR', domain: 'example.com', selector: 'l2026', bodyLengthLimit: 22 }, meta())).signatureId;
    thirdPartyId = (await dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Third party', kind: 'THIRD_PARTY' }, meta())).signatureId;
    for (const id of [authorId, limitedId]) {
      const row = await h.db.selectFrom('outbound_dkim_signatures').selectAll().where('signature_id', '=', id).executeTakeFirstOrThrow();
      const published = dkimDnsRecord({ selector: row.selector, domain: row.domain, algorithm: row.algorithm as never, publicKey: row.public_key });
      dns.records.set(published.name, [[...published.txtStrings]]);
    }
  });

  afterAll(async () => {
    await h?.close();
    await sink?.close();
    await dns?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a third-party signature carries d= of the service and verifies with the service record; the customer published nothing for it', async () => {
    await condition('info@customer-shop.example', thirdPartyId);
    const mail = await send('info@customer-shop.example');
    expect(dkimHeader(mail)).toContain(`d=${SERVICE_DOMAIN};`);
    expect(dkimHeader(mail)).toContain('s=mr1;');
    const [result] = await verify(mail.raw);
    expect(result).toMatchObject({ signingDomain: SERVICE_DOMAIN, selector: 'mr1', algo: 'rsa-sha256', status: { result: 'pass' } });
    // Nothing exists at the customer's domain: no record was ever published there.
    expect([...dns.records.keys()].some((name) => name.endsWith('customer-shop.example'))).toBe(false);
    // Without the service's record the same mail does not verify: the pass above came from it.
    const published = dns.records.get(serviceDkimDnsRecord(serviceKey).name)!;
    dns.records.delete(serviceDkimDnsRecord(serviceKey).name);
    try {
      expect((await verify(mail.raw))[0]!.status.result).not.toBe('pass');
    } finally {
      dns.records.set(serviceDkimDnsRecord(serviceKey).name, published);
    }
  });

  it('the signature shows the service d= and s= and no record for the customer; its DNS check looks at the service record', async () => {
    const row = await h.db.selectFrom('outbound_dkim_signatures').selectAll().where('signature_id', '=', thirdPartyId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'THIRD_PARTY', key_source: 'SERVICE', domain: '', private_key_ciphertext: '' });
    const route = await h.outbound.sender.route(1, { kind: 'USER_MAIL', from: 'info@customer-shop.example', to: ['x@example.net'] });
    expect(route).toMatchObject({ outcome: 'SEND', dkim: { signatureId: thirdPartyId, domain: SERVICE_DOMAIN, selector: 'mr1', serviceKey: true } });
    expect(await h.outbound.dkim.checkDns(SYSTEM_ACTOR, { mailboxNumber: 1, signatureId: thirdPartyId })).toMatchObject({ status: 'PUBLISHED', recordName: `mr1._domainkey.${SERVICE_DOMAIN}` });
  });

  it('the author signature keeps its behaviour: d= is the From domain, with the key the customer published', async () => {
    await condition('sales@example.com', authorId);
    const [result] = await verify((await send('sales@example.com')).raw);
    expect(result).toMatchObject({ signingDomain: 'example.com', selector: 'a2026', status: { result: 'pass' } });
  });

  it('l= signs only that many body bytes: the sink sees l=22, the mail verifies, text added after them still does, a change within them does not', async () => {
    await condition('limited@example.com', limitedId);
    const mail = await send('limited@example.com', 'Twenty-two bytes here.\r\nand the rest of the body\r\n');
    expect(dkimHeader(mail)).toContain('l=22;');
    const [result] = await verify(mail.raw);
    expect(result).toMatchObject({ signingDomain: 'example.com', selector: 'l2026', status: { result: 'pass' } });
    const raw = mail.raw.toString();
    expect((await verify(raw.replace('and the rest of the body', 'AND A DIFFERENT REST, LONGER')))[0]!.status.result).toBe('pass');
    expect((await verify(raw.replace('Twenty-two bytes here.', 'Twenty-two bytes HERE.')))[0]!.status.result).not.toBe('pass');
  });

  it('a fixed bounce address is the envelope sender (MAIL FROM) at the sink while From stays; SENDER makes it the From again', async () => {
    await h.outbound.smtp.changeBasicSettings(SYSTEM_ACTOR, { mailboxNumber: 1, bounceDestination: { kind: 'FIXED_ADDRESS', address: 'bounces@example.com' } }, meta());
    const fixed = await send('sales@example.com');
    expect(fixed.mailFrom).toBe('bounces@example.com');
    expect(fixed.raw.toString()).toMatch(/^From: sales@example\.com\r$/m);
    await h.outbound.smtp.changeBasicSettings(SYSTEM_ACTOR, { mailboxNumber: 1, bounceDestination: { kind: 'SENDER' } }, meta());
    expect((await send('sales@example.com')).mailFrom).toBe('sales@example.com');
  });

  it('the generated service key is kept in the data dir (0600) and read back, not replaced, at the next start', async () => {
    const path = join(dataDir, SERVICE_DKIM_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(serviceKey).toMatchObject({ path, generated: true, algorithm: 'RSA_SHA256', keyBits: 2048 });
    const again = (await loadServiceDkimKey({ domain: SERVICE_DOMAIN, selector: 'mr1', keyFile: null }, dataDir))!;
    expect(again).toMatchObject({ generated: false, publicKey: serviceKey.publicKey });
    expect(await loadServiceDkimKey({ domain: null, selector: 'mr1', keyFile: null }, dataDir)).toBeNull();
  });
});
