import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddDkimConditionDocument,
  AddDkimSignatureDocument,
  AddSmtpRoutingRuleDocument,
  AddSmtpServerDocument,
  ChangeSmtpBasicSettingsDocument,
  ConfigureRakutenRelayDocument,
  LoginDocument,
  OutboundRouteDocument,
  OutboundSettingsDocument,
  RemoveSmtpServerDocument,
  ReorderSmtpRoutingRulesDocument,
  SendTestMailDocument,
  SetDefaultDkimSignatureDocument,
  ThirdPartyDkimKeyDocument,
} from '../generated/graphql.js';
import { buildMailroomSchema } from '../../src/graphql/schema.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { everyQuery } from './support/queryEverything.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';

const pgAvailable = await postgresAvailable();
const certificate = selfSignedCertificate();
const RELAY_PASSWORD = 'relay-plaintext-Kx81';
const RAKUTEN_PASSWORD = 'rakuten-plaintext-Qz27';
const imported = generateKeyPairSync('rsa', { modulusLength: 2048 });
const IMPORTED_PEM = imported.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('outbound settings end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let token: string;
  let relay: SmtpSink;
  let builtin: SmtpSink;
  let dir: string;
  let relayId: string;
  let authorKeyId: string;
  const run = <R, V>(doc: Parameters<typeof gql<R, V>>[1], variables: V) => gql(server.url, doc, variables, { token });
  const head = () => server.app.services.store.headPosition();

  beforeAll(async () => {
    if (!enabled) return;
    dir = mkdtempSync(join(tmpdir(), 'mailroom-outbound-e2e-'));
    writeFileSync(join(dir, 'ca.pem'), certificate.cert);
    relay = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { 'relay-user': RELAY_PASSWORD } });
    builtin = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { builtin: 'builtin-pw' } });
    server = await startTestServer({
      storage,
      env: {
        MAILROOM_BUILTIN_SMTP_URL: `smtp://builtin:builtin-pw@127.0.0.1:${builtin.port}`,
        MAILROOM_SMTP_CA_FILE: join(dir, 'ca.pem'),
        MAILROOM_DKIM_THIRD_PARTY_DOMAIN: 'svc.mailroom.test',
      },
    });
    const login = await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } });
    token = login.data!.login.token!;
  });
  afterAll(async () => {
    await server?.stop();
    await relay?.close();
    await builtin?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(enabled)('a fresh mailbox sends through the built-in server and warns about it', async () => {
    const res = await run(OutboundSettingsDocument, { mailboxNumber: 1 });
    expect(res.errors).toBeUndefined();
    const settings = res.data!.outboundSettings;
    expect(settings.smtpServers).toEqual([expect.objectContaining({ id: 'builtin', kind: 'BUILT_IN', host: '127.0.0.1', port: builtin.port, encryption: 'STARTTLS', isDefault: true, passwordSet: false })]);
    expect(settings.defaultServerKinds).toEqual(['INQUIRY_FORM_NOTICE', 'SORT_RULE_FORWARD', 'RECEIPT_FORWARD', 'SYSTEM_NOTICE']);
    expect(settings.warnings.map((w) => w.code)).toEqual(['BUILT_IN_DEFAULT_SERVER']);
  });

  it.runIf(enabled)('bad input becomes userErrors and appends no event', async () => {
    const before = await head();
    const base = { mailboxNumber: 1, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS' as const, authMethod: 'PASSWORD' as const, user: 'u', password: 'p' };
    const cases = [
      [{ ...base, host: 'smtp..example.com' }, ['input', 'host']],
      [{ ...base, host: 'smtp.example.com:25' }, ['input', 'host']],
      [{ ...base, port: 0 }, ['input', 'port']],
      [{ ...base, port: 65536 }, ['input', 'port']],
      [{ ...base, password: '' }, ['input', 'password']],
      [{ ...base, authMethod: 'OAUTH' as const, password: null, oauthCredentialId: 'not-an-id' }, ['input', 'oauthCredentialId']],
      [{ ...base, authMethod: 'NONE' as const, password: null }, ['input', 'user']],
      [{ ...base, authMethod: 'NONE' as const, user: null }, ['input', 'password']],
      [{ ...base, authMethod: 'OAUTH' as const, password: null, oauthCredentialId: '33333333-3333-4333-8333-333333333333', passwordMechanism: 'PLAIN' as const }, ['input', 'passwordMechanism']],
    ] as const;
    for (const [input, path] of cases) {
      const res = await run(AddSmtpServerDocument, { input });
      expect(res.data?.addSmtpServer.userErrors[0]?.path, JSON.stringify(input)).toEqual(path);
      expect(res.data?.addSmtpServer.userErrors[0]?.code).toBe('VALIDATION');
    }
    const rule = await run(AddSmtpRoutingRuleDocument, { input: { mailboxNumber: 1, matchKind: 'ADDRESS', matchValue: 'not an address', serverId: 'builtin' } });
    expect(rule.data?.addSmtpRoutingRule.userErrors[0]).toMatchObject({ path: ['input', 'match', 'value'], code: 'VALIDATION' });
    const pem = await run(AddDkimSignatureDocument, {
      input: { mailboxNumber: 1, name: 'Bad', kind: 'AUTHOR', domain: 'example.com', selector: 's1', privateKeyPem: imported.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
    expect(pem.data?.addDkimSignature.userErrors[0]).toMatchObject({ path: ['input', 'privateKeyPem'], code: 'VALIDATION', message: expect.stringContaining('got a public key') });
    expect(await head()).toBe(before);
  });

  it.runIf(enabled)('adds a server, routes by From, reorders, and refuses removing a server in use', async () => {
    const added = await run(AddSmtpServerDocument, {
      input: { mailboxNumber: 1, name: 'Corporate relay', host: '127.0.0.1', port: relay.port, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay-user', password: RELAY_PASSWORD, reason: 'anti-spoofing' },
    });
    expect(added.data?.addSmtpServer.userErrors).toEqual([]);
    expect(added.data?.addSmtpServer.server).toMatchObject({ name: 'Corporate relay', passwordSet: true, authMethod: 'PASSWORD', passwordMechanism: 'AUTO', kind: 'EXTERNAL' });
    // A relay that trusts the connecting address, and a server that wants CRAM-MD5.
    const trusting = await run(AddSmtpServerDocument, { input: { mailboxNumber: 1, name: 'Office relay', host: 'relay.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'NONE' } });
    expect(trusting.data?.addSmtpServer.server).toMatchObject({ authMethod: 'NONE', user: null, passwordSet: false, passwordMechanism: null });
    const cram = await run(AddSmtpServerDocument, {
      input: { mailboxNumber: 1, name: 'CRAM relay', host: 'cram.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'u', password: 'cram-plaintext-Lq73', passwordMechanism: 'CRAM_MD5' },
    });
    expect(cram.data?.addSmtpServer.server).toMatchObject({ authMethod: 'PASSWORD', passwordMechanism: 'CRAM_MD5', passwordSet: true });
    relayId = added.data!.addSmtpServer.server!.id;
    const duplicate = await run(AddSmtpServerDocument, { input: { mailboxNumber: 1, name: 'corporate RELAY', host: 'x.example.com', port: 465, encryption: 'SMTPS', authMethod: 'PASSWORD', user: 'u', password: 'p' } });
    expect(duplicate.data?.addSmtpServer.userErrors[0]).toMatchObject({ path: ['input', 'name'], code: 'ALREADY_EXISTS' });

    const domainRule = await run(AddSmtpRoutingRuleDocument, { input: { mailboxNumber: 1, matchKind: 'DOMAIN', matchValue: 'example.com', serverId: relayId } });
    const addressRule = await run(AddSmtpRoutingRuleDocument, { input: { mailboxNumber: 1, matchKind: 'ADDRESS', matchValue: 'ceo@example.com', serverId: 'builtin' } });
    expect(addressRule.data?.addSmtpRoutingRule.rule).toMatchObject({ position: 2, matchKind: 'ADDRESS' });
    expect(addressRule.data?.addSmtpRoutingRule.warnings.map((w) => w.code)).toContain('SHADOWED_ROUTING_RULE');
    const [r1, r2] = [domainRule.data!.addSmtpRoutingRule.rule!.id, addressRule.data!.addSmtpRoutingRule.rule!.id];

    const routed = await run(OutboundRouteDocument, { mailboxNumber: 1, from: 'ceo@example.com', to: ['x@example.net'] });
    expect(routed.data?.outboundRoute).toMatchObject({ outcome: 'SEND', server: { id: relayId }, serverStep: 'FROM_RULE', serverReason: { ruleId: r1 } });
    const reordered = await run(ReorderSmtpRoutingRulesDocument, { input: { mailboxNumber: 1, ruleIds: [r2, r1] } });
    expect(reordered.data?.reorderSmtpRoutingRules.settings?.routingRules).toEqual([{ id: r2, position: 1 }, { id: r1, position: 2 }]);
    const rerouted = await run(OutboundRouteDocument, { mailboxNumber: 1, from: 'ceo@example.com', to: ['x@example.net'] });
    expect(rerouted.data?.outboundRoute).toMatchObject({ server: { id: 'builtin' }, serverReason: { ruleId: r2 } });

    const basic = await run(ChangeSmtpBasicSettingsDocument, { input: { mailboxNumber: 1, defaultServerId: relayId, bounceDestination: { kind: 'SENDER' } } });
    expect(basic.data?.changeSmtpBasicSettings.warnings.map((w) => w.code)).toEqual(['BOUNCE_TO_SENDER']);
    const remove = await run(RemoveSmtpServerDocument, { input: { mailboxNumber: 1, serverId: relayId } });
    expect(remove.data?.removeSmtpServer.userErrors[0]).toMatchObject({ code: 'ILLEGAL_STATE', message: expect.stringMatching(/routing rule #2 \(From @example\.com\), the default server setting/) });
  });

  it.runIf(enabled)('DKIM: generated and imported keys with their DNS records; exact-address conditions only', async () => {
    const generated = await run(AddDkimSignatureDocument, { input: { mailboxNumber: 1, name: 'Author', kind: 'AUTHOR', domain: 'Example.com', selector: 'mr2026' } });
    expect(generated.data?.addDkimSignature.userErrors).toEqual([]);
    const signature = generated.data!.addDkimSignature.signature!;
    expect(signature).toMatchObject({ domain: 'example.com', algorithm: 'RSA_SHA256', keyBits: 2048, keySource: 'GENERATED' });
    expect(signature.dnsRecord!.name).toBe('mr2026._domainkey.example.com');
    expect(signature.dnsRecord!.value).toMatch(/^v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/=]+$/);
    expect(signature.dnsRecord!.txtStrings.join('')).toBe(signature.dnsRecord!.value);
    authorKeyId = signature.id;

    const importedKey = await run(AddDkimSignatureDocument, { input: { mailboxNumber: 1, name: 'Imported', kind: 'AUTHOR', domain: 'example.org', selector: 'imp', privateKeyPem: IMPORTED_PEM } });
    expect(importedKey.data?.addDkimSignature.signature).toMatchObject({ keySource: 'IMPORTED', keyBits: 2048 });
    const expectedP = imported.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(importedKey.data?.addDkimSignature.signature?.dnsRecord?.value).toBe(`v=DKIM1; k=rsa; p=${expectedP}`);

    // 第三者署名: the service's domain and key; no record for the customer, one for whoever runs the service.
    const thirdParty = await run(AddDkimSignatureDocument, { input: { mailboxNumber: 1, name: 'Third party', kind: 'THIRD_PARTY' } });
    expect(thirdParty.data?.addDkimSignature.signature).toMatchObject({ kind: 'THIRD_PARTY', keySource: 'SERVICE', domain: 'svc.mailroom.test', selector: 'mailroom', algorithm: 'RSA_SHA256', dnsRecord: null });
    const withDomain = await run(AddDkimSignatureDocument, { input: { mailboxNumber: 1, name: 'Third party 2', kind: 'THIRD_PARTY', domain: 'mine.example', selector: 's' } });
    expect(withDomain.data?.addDkimSignature.userErrors[0]).toMatchObject({ path: ['input', 'domain'], code: 'VALIDATION', message: expect.stringContaining("service's own key") });
    const serviceKey = (await run(ThirdPartyDkimKeyDocument, {})).data?.thirdPartyDkimKey;
    expect(serviceKey).toMatchObject({ domain: 'svc.mailroom.test', selector: 'mailroom', keyBits: 2048, dnsRecord: { name: 'mailroom._domainkey.svc.mailroom.test', value: expect.stringMatching(/^v=DKIM1; k=rsa; p=/) } });
    await run(AddDkimConditionDocument, { input: { mailboxNumber: 1, fromAddress: 'x@elsewhere.example', signatureId: thirdParty.data!.addDkimSignature.signature!.id } });
    const thirdPartyRoute = await run(OutboundRouteDocument, { mailboxNumber: 1, from: 'x@elsewhere.example', to: ['x@example.net'] });
    expect(thirdPartyRoute.data?.outboundRoute.dkim).toMatchObject({ domain: 'svc.mailroom.test', selector: 'mailroom' });

    const domainWide = await run(AddDkimConditionDocument, { input: { mailboxNumber: 1, fromAddress: '@example.com', signatureId: authorKeyId } });
    expect(domainWide.data?.addDkimCondition.userErrors[0]).toMatchObject({ path: ['input', 'fromAddress'], code: 'VALIDATION', message: expect.stringContaining('cannot cover a whole domain') });
    const condition = await run(AddDkimConditionDocument, { input: { mailboxNumber: 1, fromAddress: 'info@example.com', signatureId: authorKeyId } });
    expect(condition.data?.addDkimCondition.condition).toMatchObject({ fromAddress: 'info@example.com', signature: { id: authorKeyId } });
    const dflt = await run(SetDefaultDkimSignatureDocument, { input: { mailboxNumber: 1, signatureId: importedKey.data!.addDkimSignature.signature!.id } });
    expect(dflt.data?.setDefaultDkimSignature.userErrors).toEqual([]);

    const route = await run(OutboundRouteDocument, { mailboxNumber: 1, from: 'info@example.com', to: ['x@example.net'] });
    expect(route.data?.outboundRoute).toMatchObject({ dkimStep: 'FROM_CONDITION', dkim: { signatureId: authorKeyId, domain: 'example.com', selector: 'mr2026' } });
  });

  it.runIf(enabled)('Rakuten: masked recipients go through the relay unsigned; direct mail to them is refused', async () => {
    const masked = 'buyer@pc.fw.rakuten.ne.jp';
    const refused = await run(OutboundRouteDocument, { mailboxNumber: 1, from: 'shop@example.com', to: [masked] });
    expect(refused.data?.outboundRoute).toMatchObject({ outcome: 'REFUSED', refusal: { code: 'MASKED_ADDRESS_WITHOUT_RAKUTEN_RELAY', addresses: [masked] } });
    const configured = await run(ConfigureRakutenRelayDocument, {
      input: { mailboxNumber: 1, realAddress: 'shop@example.com', host: '127.0.0.1', port: relay.port, user: 'shop-id', password: RAKUTEN_PASSWORD },
    });
    expect(configured.data?.configureRakutenRelay.settings?.rakutenRelay).toMatchObject({ realAddress: 'shop@example.com', contactAddress: 'shop@example.com', passwordSet: true });
    const viaRelay = await run(OutboundRouteDocument, { mailboxNumber: 1, from: 'shop@example.com', to: [masked] });
    expect(viaRelay.data?.outboundRoute).toMatchObject({ outcome: 'SEND', server: { id: 'rakuten-relay', kind: 'RAKUTEN_RELAY' }, dkim: null, dkimStep: 'MASKED_RECIPIENT' });
    const direct = await run(OutboundRouteDocument, { mailboxNumber: 1, from: 'shop@example.com', to: [masked], kind: 'DIRECT_MAIL' });
    expect(direct.data?.outboundRoute.refusal?.code).toBe('DIRECT_MAIL_TO_MASKED_ADDRESS');
    const badAddress = await run(OutboundRouteDocument, { mailboxNumber: 1, from: 'not-an-address', to: [masked] });
    expect(badAddress.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });

  it.runIf(enabled)('sendTestMail reports the SMTP outcome: delivered and signed, or the classified error', async () => {
    const sent = await run(SendTestMailDocument, { input: { mailboxNumber: 1, serverId: relayId, to: 'customer@example.net', from: 'info@example.com' } });
    expect(sent.data?.sendTestMail.result).toMatchObject({ status: 'SENT', accepted: ['customer@example.net'], error: null, route: { dkim: { selector: 'mr2026' } } });
    const mail = await relay.next();
    expect(mail.raw.toString()).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=example\.com;/m);
    expect(mail.raw.toString()).toMatch(/s=mr2026;/);

    const viaBuiltin = await run(SendTestMailDocument, { input: { mailboxNumber: 1, serverId: 'builtin', to: 'ops@example.net' } });
    expect(viaBuiltin.data?.sendTestMail.result).toMatchObject({ status: 'SENT', from: 'mailbox1@example.com' });
    expect((await builtin.next()).user).toBe('builtin');

    const wrong = await run(AddSmtpServerDocument, {
      input: { mailboxNumber: 1, name: 'Wrong password', host: '127.0.0.1', port: relay.port, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay-user', password: 'wrong' },
    });
    const failed = await run(SendTestMailDocument, { input: { mailboxNumber: 1, serverId: wrong.data!.addSmtpServer.server!.id, to: 'customer@example.net' } });
    expect(failed.errors).toBeUndefined();
    expect(failed.data?.sendTestMail.result).toMatchObject({ status: 'FAILED', error: { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' } });
    const missing = await run(SendTestMailDocument, { input: { mailboxNumber: 1, serverId: '00000000-0000-4000-8000-000000000000', to: 'x@example.net' } });
    expect(missing.data?.sendTestMail.userErrors[0]).toMatchObject({ path: ['input', 'serverId'], code: 'NOT_FOUND' });
  });

  it.runIf(enabled)('no query anywhere in the schema returns a password, a private key, or their ciphertexts', async () => {
    const db = server.app.services.db;
    const ciphertexts = [
      ...(await db.selectFrom('outbound_smtp_servers').select('password_ciphertext as c').execute()).map((r) => r.c),
      ...(await db.selectFrom('outbound_rakuten_relays').select('password_ciphertext as c').execute()).map((r) => r.c),
      ...(await db.selectFrom('outbound_dkim_signatures').select('private_key_ciphertext as c').execute()).map((r) => r.c),
      // A third-party signature with the service key has no ciphertext (the column is empty).
    ].filter((c): c is string => typeof c === 'string' && c !== '');
    expect(ciphertexts.length).toBeGreaterThanOrEqual(5);
    const pemBody = IMPORTED_PEM.split('\n')[5]!;
    const forbidden = [RELAY_PASSWORD, RAKUTEN_PASSWORD, 'builtin-pw', pemBody, 'PRIVATE KEY', ...ciphertexts, ...ciphertexts.map((c) => c.split('.')[4]!)];

    const queries = everyQuery(await buildMailroomSchema(), 1);
    expect(queries.map((q) => q.name)).toEqual(expect.arrayContaining(['outboundSettings', 'mailbox']));
    let answered = 0;
    for (const { name, query } of queries) {
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
      const text = await res.text();
      if (name === 'outboundSettings') expect(JSON.parse(text).data?.outboundSettings?.smtpServers?.length).toBeGreaterThan(1);
      if (JSON.parse(text).data) answered++;
      for (const secret of forbidden) expect(text.includes(secret), `${name} leaks ${secret.slice(0, 12)}…`).toBe(false);
    }
    expect(answered).toBeGreaterThan(3);
  });
});
