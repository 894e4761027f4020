import { Resolver } from 'node:dns/promises';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimDnsRecord } from '../../src/mail/dkim/dkimDnsRecord.js';
import { generateDkimKey } from '../../src/mail/dkim/dkimKeys.js';
import { loadServiceDkimKey, serviceDkimDnsRecord, type ServiceDkimKey } from '../../src/mail/dkim/serviceDkimKey.js';
import { OutboundRefusedError, OutboundSender } from '../../src/mail/smtp/outboundSender.js';
import type { SmtpTransportOptions } from '../../src/mail/smtp/smtpTransport.js';
import { readModelSnapshotSource } from '../../src/app/outbound/outboundReadModel.js';
import { createOutboundHarness, meta, type OutboundHarness } from './support/harness.js';
import { startLocalDns, type LocalDns } from './support/localDns.js';
import { selfSignedCertificate, startSilentServer, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';
import { loopbackEgress } from '../support/egress.js';

/**
 * Real sends: smtp-server sinks on 127.0.0.1 (STARTTLS and implicit TLS, self-signed
 * certificate, AUTH required), a local DNS server for the published keys, and mailauth's
 * verifier reading them through node:dns.
 */
const certificate = selfSignedCertificate();
const MASKED = 'buyer123@pc.fw.rakuten.ne.jp';

describe('sending through real SMTP servers', () => {
  let h: OutboundHarness;
  let dns: LocalDns;
  let resolver: Resolver;
  let corporate: SmtpSink;
  let implicitTls: SmtpSink;
  let rakuten: SmtpSink;
  let builtin: SmtpSink;
  let corporateId: string;
  let implicitId: string;
  let authorKeyId: string;
  let serviceKey: ServiceDkimKey;

  const verify = async (raw: Buffer) =>
    dkimVerify(raw, { resolver: async (name: string, type: string) => (type === 'TXT' ? resolver.resolveTxt(name) : []) as never });

  const publish = async (signatureId: string) => {
    const row = await h.db.selectFrom('outbound_dkim_signatures').selectAll().where('signature_id', '=', signatureId).executeTakeFirstOrThrow();
    const record = dkimDnsRecord({ selector: row.selector, domain: row.domain, algorithm: row.algorithm as never, publicKey: row.public_key });
    dns.records.set(record.name, [[...record.txtStrings]]);
    return record;
  };

  beforeAll(async () => {
    dns = await startLocalDns();
    resolver = new Resolver();
    resolver.setServers([dns.server]);
    [corporate, implicitTls, rakuten, builtin] = await Promise.all([
      startSmtpSink({ tls: 'STARTTLS', certificate, users: { 'relay-user': 'relay-secret-1' } }),
      startSmtpSink({ tls: 'SMTPS', certificate, users: { 'tls-user': 'tls-secret-2' }, rejectRecipient: (a) => a.startsWith('unknown@') }),
      startSmtpSink({ tls: 'STARTTLS', certificate, users: { 'shop-id': 'rakuten-secret-3' } }),
      startSmtpSink({ tls: 'STARTTLS', certificate, users: { builtin: 'builtin-secret-4' } }),
    ]);
    const keyDir = mkdtempSync(join(tmpdir(), 'mailroom-service-dkim-'));
    writeFileSync(join(keyDir, 'ed1.pem'), (await generateDkimKey('ED25519_SHA256')).privateKeyPem);
    serviceKey = (await loadServiceDkimKey({ domain: 'mailroom.test', selector: 'ed1', keyFile: join(keyDir, 'ed1.pem') }, keyDir))!;
    h = await createOutboundHarness({
      builtin: { host: '127.0.0.1', port: builtin.port, user: 'builtin', password: 'builtin-secret-4' },
      transport: { extraCa: [certificate.cert], connectionTimeoutMs: 3000 },
      resolveTxt: (name) => resolver.resolveTxt(name),
      serviceDkim: serviceKey,
    });
    const { smtp, dkim } = h.outbound;
    corporateId = (
      await smtp.addServer(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Corporate', host: '127.0.0.1', port: corporate.port, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay-user', password: 'relay-secret-1' }, meta())
    ).serverId;
    implicitId = (
      await smtp.addServer(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Implicit TLS', host: '127.0.0.1', port: implicitTls.port, encryption: 'SMTPS', authMethod: 'PASSWORD', user: 'tls-user', password: 'tls-secret-2' }, meta())
    ).serverId;
    await smtp.addRule(SYSTEM_ACTOR, { mailboxNumber: 1, match: { kind: 'DOMAIN', value: 'example.com' }, serverId: corporateId }, meta());
    await smtp.configureRakutenRelay(SYSTEM_ACTOR, { mailboxNumber: 1, realAddress: 'shop@example.com', host: '127.0.0.1', port: rakuten.port, user: 'shop-id', password: 'rakuten-secret-3' }, meta());
    authorKeyId = (await dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Author', kind: 'AUTHOR', domain: 'example.com', selector: 'mr2026' }, meta())).signatureId;
    const serviceKeyId = (await dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Service', kind: 'THIRD_PARTY' }, meta())).signatureId;
    await dkim.addCondition(SYSTEM_ACTOR, { mailboxNumber: 1, fromAddress: 'info@example.com', signatureId: authorKeyId }, meta());
    await dkim.setDefaultSignature(SYSTEM_ACTOR, { mailboxNumber: 1, signatureId: serviceKeyId }, meta());
    await publish(authorKeyId);
    // The deployment's record, which whoever runs the service publishes.
    const serviceRecord = serviceDkimDnsRecord(serviceKey);
    dns.records.set(serviceRecord.name, [[...serviceRecord.txtStrings]]);
  });

  afterAll(async () => {
    await h?.close();
    await Promise.all([corporate, implicitTls, rakuten, builtin].map((s) => s?.close()));
    await dns?.close();
  });

  it('a test mail over STARTTLS arrives, authenticated, signed with the key the condition chose, and verifies', async () => {
    const outcome = await h.outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId: corporateId, to: 'customer@example.net', from: 'info@example.com' });
    expect(outcome).toMatchObject({ status: 'SENT', accepted: ['customer@example.net'], error: null });
    expect(outcome.response).toMatch(/^250 .*queued as SINK/);
    const mail = await corporate.next();
    expect(mail).toMatchObject({ user: 'relay-user', secure: true, mailFrom: 'info@example.com', rcptTo: ['customer@example.net'] });
    const verified = await verify(mail.raw);
    expect(verified.results).toHaveLength(1);
    expect(verified.results[0]).toMatchObject({ signingDomain: 'example.com', selector: 'mr2026', status: { result: 'pass' } });
    expect(outcome.route?.dkim).toMatchObject({ signatureId: authorKeyId, domain: 'example.com', selector: 'mr2026' });
  });

  it("over implicit TLS with the default third-party signature: the deployment's Ed25519 key, verified with the service's record", async () => {
    const outcome = await h.outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId: implicitId, to: 'customer@example.net', from: 'sales@example.org' });
    expect(outcome.status).toBe('SENT');
    const mail = await implicitTls.next();
    expect(mail.secure).toBe(true);
    const verified = await verify(mail.raw);
    expect(verified.results[0]).toMatchObject({ signingDomain: 'mailroom.test', selector: 'ed1', algo: 'ed25519-sha256', status: { result: 'pass' } });
  });

  it('a signature does not verify once the body or a signed header is altered (the verifier really checks)', async () => {
    await h.outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId: corporateId, to: 'customer@example.net', from: 'info@example.com' });
    const raw = (await corporate.next()).raw.toString('utf8');
    const body = (await verify(Buffer.from(raw.replace('test mail was sent', 'test mail was SENT')))).results[0]!;
    expect(body.status).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });
    const header = (await verify(Buffer.from(raw.replace('Subject: Mailroom test mail', 'Subject: Mailroom test MAIL')))).results[0]!;
    expect(header.status.result).toBe('fail');
  });

  it('routes normal mail by the From rules and notices by the default (built-in) server', async () => {
    const sent = await h.outbound.sender.send({ mailboxNumber: 1, kind: 'USER_MAIL', from: 'info@example.com', to: ['a@example.net'], bcc: ['b@example.net'], subject: 'Hello', text: 'Hi' });
    expect(sent.route.server.id).toBe(corporateId);
    const mail = await corporate.next();
    expect(mail.rcptTo).toEqual(['a@example.net', 'b@example.net']);
    expect(mail.raw.toString()).not.toMatch(/^Bcc:/im);

    await h.outbound.noticeTransport.deliver({ id: 'n-1', mailboxNumber: 1, kind: 'TEST', to: ['ops@example.net'], subject: 'Notice', text: 'Body', idempotencyKey: 'k' });
    const notice = await builtin.next();
    expect(notice).toMatchObject({ user: 'builtin', mailFrom: 'support@example.com', rcptTo: ['ops@example.net'] });
    expect(notice.raw.toString()).toMatch(/^Message-ID: <notice-n-1@example\.com>/im);
    expect(notice.raw.toString()).toMatch(/^Auto-Submitted: auto-generated/im);
  });

  it('a notice subject from stored text is encoded by the mail library: CR LF and non-ASCII never become header lines (issue 20)', async () => {
    // Stored text passes the text rule today; events from before it, or a future field that
    // forgets it, must still not reach the wire as raw header lines.
    const subject = '[Mailroom] 受信エラー — Support\r\nBcc: evil@example.org\r\nX-Injected: yes';
    await h.outbound.noticeTransport.deliver({ id: 'n-2', mailboxNumber: 1, kind: 'TEST', to: ['ops@example.net'], subject, text: 'Body\r\n.\r\nRCPT TO:<evil@example.org>', idempotencyKey: 'k2' });
    const notice = await builtin.next();
    expect(notice.rcptTo).toEqual(['ops@example.net']);
    const raw = notice.raw.toString();
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).not.toMatch(/^(Bcc|X-Injected):/im);
    // 7-bit headers: the Japanese words are RFC 2047 encoded words, not raw UTF-8.
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(/[^\x00-\x7f]/.test(headers)).toBe(false);
  });

  it('mail to a Rakuten masked address goes to the Rakuten relay, unsigned, although a default key exists', async () => {
    const outcome = await h.outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId: 'rakuten-relay', to: MASKED });
    expect(outcome).toMatchObject({ status: 'SENT', from: 'shop@example.com', route: { server: { id: 'rakuten-relay' }, dkim: null, dkimReason: { step: 'MASKED_RECIPIENT' } } });
    const mail = await rakuten.next();
    expect(mail).toMatchObject({ user: 'shop-id', rcptTo: [MASKED] });
    expect(mail.raw.toString()).not.toMatch(/DKIM-Signature/i);
  });

  it('mail to a masked address without the Rakuten setting is refused before any connection', async () => {
    const other = await createOutboundHarness({ builtin: { host: '127.0.0.1', port: builtin.port, user: 'builtin', password: 'builtin-secret-4' }, transport: { extraCa: [certificate.cert] } });
    try {
      const before = builtin.messages.length;
      const outcome = await other.outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId: 'builtin', to: MASKED });
      expect(outcome).toMatchObject({ status: 'REFUSED', refusal: { code: 'MASKED_ADDRESS_WITHOUT_RAKUTEN_RELAY' }, error: null });
      await expect(other.outbound.sender.send({ mailboxNumber: 1, kind: 'USER_MAIL', from: 'a@example.com', to: [MASKED], subject: 's', text: 't' })).rejects.toBeInstanceOf(OutboundRefusedError);
      expect(builtin.messages.length).toBe(before);
    } finally {
      await other.close();
    }
  });

  it('a wrong password is classified EAUTH with the server reply, never a stack', async () => {
    const { serverId } = await h.outbound.smtp.addServer(
      SYSTEM_ACTOR,
      { mailboxNumber: 1, name: 'Wrong password', host: '127.0.0.1', port: corporate.port, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay-user', password: 'not-the-password' },
      meta(),
    );
    const outcome = await h.outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId, to: 'customer@example.net' });
    expect(outcome).toMatchObject({ status: 'FAILED', error: { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' } });
    expect(outcome.error!.response).toMatch(/^535 /);
    expect(JSON.stringify(outcome)).not.toMatch(/\n\s+at /);
  });

  it('an OAuth server without a token source for its credential fails as EOAUTH2, before any connection', async () => {
    const { serverId } = await h.outbound.smtp.addServer(
      SYSTEM_ACTOR,
      { mailboxNumber: 1, name: 'OAuth relay', host: '127.0.0.1', port: corporate.port, encryption: 'STARTTLS', authMethod: 'OAUTH', user: 'me@example.com', oauthCredentialId: '33333333-3333-4333-8333-333333333333' },
      meta(),
    );
    const before = corporate.messages.length;
    const outcome = await h.outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId, to: 'customer@example.net' });
    expect(outcome).toMatchObject({ status: 'FAILED', error: { code: 'EOAUTH2' } });
    expect(corporate.messages.length).toBe(before);
  });

  it('classifies a refused recipient, an untrusted certificate, a wrong TLS mode, a refused connection and a timeout', async () => {
    // The "Implicit TLS" server's settings, pointed at a misbehaving peer.
    const send = async (host: { port: number; encryption: 'SMTPS' | 'STARTTLS' }, to = 'x@example.net', transport: SmtpTransportOptions = { extraCa: [certificate.cert], connectionTimeoutMs: 800, egress: loopbackEgress }) => {
      const snapshot = await readModelSnapshotSource(h.db).load(1);
      const server = { ...snapshot.connections.get(implicitId)!, port: host.port, encryption: host.encryption };
      const connections = new Map(snapshot.connections).set(implicitId, server);
      const patched = new OutboundSender({ snapshots: { load: async () => ({ ...snapshot, connections }) }, vault: h.vault, builtin: null, transport, serviceDkim: serviceKey });
      try {
        await patched.send({ mailboxNumber: 1, kind: 'TEST_MAIL', pinnedServerId: implicitId, from: 'x@example.org', to: [to], subject: 's', text: 't' });
        return null;
      } catch (e) {
        return e as { code: string; responseCode: number | null; command: string | null };
      }
    };
    expect(await send({ port: implicitTls.port, encryption: 'SMTPS' }, 'unknown@example.net')).toMatchObject({ code: 'ERECIPIENT', responseCode: 550, command: 'RCPT TO' });
    expect(await send({ port: implicitTls.port, encryption: 'SMTPS' }, 'x@example.net', { connectionTimeoutMs: 2000, egress: loopbackEgress })).toMatchObject({ code: 'ETLS' });
    expect(await send({ port: corporate.port, encryption: 'SMTPS' })).toMatchObject({ code: 'ETLS' });
    const closed = await startSilentServer();
    await closed.close();
    expect(await send({ port: closed.port, encryption: 'STARTTLS' })).toMatchObject({ code: 'ECONNECTION', command: 'CONN' });
    const silent = await startSilentServer();
    try {
      expect(await send({ port: silent.port, encryption: 'STARTTLS' })).toMatchObject({ code: 'ETIMEDOUT' });
    } finally {
      await silent.close();
    }
    const noStartTls = await startSmtpSink({ tls: 'STARTTLS', certificate, users: {}, hideStartTls: true });
    try {
      expect(await send({ port: noStartTls.port, encryption: 'STARTTLS' })).toMatchObject({ code: 'ETLS' });
    } finally {
      await noStartTls.close();
    }
  });

  it('checks DKIM publication in DNS: published, missing, different key', async () => {
    const { dkim } = h.outbound;
    expect(await dkim.checkDns(SYSTEM_ACTOR, { mailboxNumber: 1, signatureId: authorKeyId })).toMatchObject({ status: 'PUBLISHED', recordName: 'mr2026._domainkey.example.com' });
    const { signatureId } = await dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'Unpublished', kind: 'AUTHOR', domain: 'example.com', selector: 'new2027' }, meta());
    expect(await dkim.checkDns(SYSTEM_ACTOR, { mailboxNumber: 1, signatureId })).toMatchObject({ status: 'MISSING' });
    dns.records.set('new2027._domainkey.example.com', [['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwrongkey']]);
    expect(await dkim.checkDns(SYSTEM_ACTOR, { mailboxNumber: 1, signatureId })).toMatchObject({ status: 'DIFFERENT_KEY', foundKeys: [expect.stringContaining('wrongkey')] });
  });
});
