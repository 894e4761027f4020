import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Principal } from '../../src/app/auth/principal.js';
import { fold } from '../../src/domain/shared/decider.js';
import {
  dkimSettingsDecider,
  dkimSettingsStreamId,
  routingConfigOf,
  smtpSettingsDecider,
  smtpSettingsStreamId,
  usesServiceKey,
  type DkimSettingsEvent,
  type SmtpSettingsEvent,
} from '../../src/domain/outbound/index.js';
import { isMailroomError } from '../../src/domain/shared/errors.js';
import { loadOutboundRows, snapshotOf } from '../../src/app/outbound/outboundReadModel.js';
import { postgresAvailable } from '../support/postgres.js';
import { createOutboundHarness, meta, type OutboundHarness } from './support/harness.js';

const pgAvailable = await postgresAvailable();

const principal = (roles: string[], mailboxNumber = 1): Principal => ({
  kind: 'session',
  userId: '11111111-1111-4111-8111-111111111111',
  username: 'someone',
  isAdministrator: false,
  permissions: new Set(),
  memberships: new Map([[mailboxNumber, new Set(roles as never[])]]),
});

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (isMailroomError(e)) return e.code;
    throw e;
  }
};

const server = (name: string, password: string | null = 'secret-1') => ({
  mailboxNumber: 1,
  name,
  host: 'smtp.example.com',
  port: 587,
  encryption: 'STARTTLS' as const,
  authMethod: 'PASSWORD' as const,
  user: 'user',
  password,
});

describe.each([
  { kind: 'sqlite' as const, enabled: true },
  { kind: 'postgres' as const, enabled: pgAvailable },
])('outbound settings services on $kind', ({ kind, enabled }) => {
  let h: OutboundHarness;
  beforeAll(async () => {
    if (enabled) h = await createOutboundHarness({ kind });
  });
  afterAll(async () => h?.close());

  it.runIf(enabled)('only operations administrators change settings; auditors may check DNS; plain members nothing', async () => {
    const { smtp, dkim, testMail } = h.outbound;
    const member = principal([]);
    const auditor = principal(['AUDITOR']);
    const opsAdmin = principal(['OPERATIONS_ADMINISTRATOR']);
    expect(await codeOf(smtp.addServer(member, server('A'), meta()))).toBe('FORBIDDEN');
    expect(await codeOf(smtp.addServer(auditor, server('A'), meta()))).toBe('FORBIDDEN');
    expect(await codeOf(dkim.addSignature(auditor, { mailboxNumber: 1, name: 'K', kind: 'AUTHOR', domain: 'example.com', selector: 's' }, meta()))).toBe('FORBIDDEN');
    expect(await codeOf(testMail.send(member, { mailboxNumber: 1, serverId: 'builtin', to: 'x@example.net' }))).toBe('FORBIDDEN');
    expect(await codeOf(dkim.checkDns(member, { mailboxNumber: 1, signatureId: 'x' }))).toBe('FORBIDDEN');
    expect(await codeOf(dkim.checkDns(auditor, { mailboxNumber: 1, signatureId: 'x' }))).toBe('NOT_FOUND');
    // Another mailbox: refused the same way whether it exists or not.
    expect(await codeOf(smtp.addServer(opsAdmin, { ...server('A'), mailboxNumber: 2 }, meta()))).toBe('FORBIDDEN');
    expect(await codeOf(smtp.addServer(SYSTEM_ACTOR, { ...server('A'), mailboxNumber: 99 }, meta()))).toBe('NOT_FOUND');
    expect(await codeOf(smtp.addServer(opsAdmin, server('By ops admin'), meta()))).toBe('OK');
  });

  it.runIf(enabled)('refused input appends nothing, plaintext or PEM never reaches a command', async () => {
    const before = await h.store.headPosition();
    const { smtp, dkim } = h.outbound;
    expect(await codeOf(smtp.addServer(SYSTEM_ACTOR, server('No password', null), meta()))).toBe('VALIDATION');
    expect(await codeOf(smtp.addServer(SYSTEM_ACTOR, { ...server('Both'), authMethod: 'OAUTH', oauthCredentialId: '22222222-2222-4222-8222-222222222222' }, meta()))).toBe('VALIDATION');
    expect(await codeOf(smtp.addServer(SYSTEM_ACTOR, { ...server('Port'), port: 70000 }, meta()))).toBe('VALIDATION');
    const publicPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await codeOf(dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'P', kind: 'AUTHOR', domain: 'example.com', selector: 's', privateKeyPem: publicPem }, meta()))).toBe('VALIDATION');
    expect(await codeOf(dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'D', kind: 'AUTHOR', domain: 'not a domain', selector: 's' }, meta()))).toBe('VALIDATION');
    expect(await h.store.headPosition()).toBe(before);
  });

  it.runIf(enabled)('read models agree with the streams after every kind of change, and after a rebuild', async () => {
    const { smtp, dkim } = h.outbound;
    const a = await smtp.addServer(SYSTEM_ACTOR, server('Alpha'), meta());
    const b = await smtp.addServer(SYSTEM_ACTOR, { ...server('Beta'), encryption: 'SMTPS', port: 465 }, meta());
    const rules = [];
    for (const [i, value] of ['a.example', 'b.example', 'c.example', 'd.example'].entries()) {
      rules.push((await smtp.addRule(SYSTEM_ACTOR, { mailboxNumber: 1, match: { kind: 'DOMAIN', value }, serverId: i % 2 ? a.serverId : b.serverId }, meta())).ruleId);
    }
    await smtp.reorderRules(SYSTEM_ACTOR, { mailboxNumber: 1, ruleIds: [rules[3]!, rules[1]!, rules[0]!, rules[2]!] }, meta());
    await smtp.removeRule(SYSTEM_ACTOR, { mailboxNumber: 1, ruleId: rules[1]! }, meta());
    await smtp.changeRule(SYSTEM_ACTOR, { mailboxNumber: 1, ruleId: rules[2]!, match: { kind: 'ADDRESS', value: 'x@c.example' }, serverId: 'builtin' }, meta());
    await smtp.changeServer(SYSTEM_ACTOR, { ...server('Alpha renamed', null), serverId: a.serverId }, meta());
    await smtp.changeBasicSettings(SYSTEM_ACTOR, { mailboxNumber: 1, defaultServerId: b.serverId, bounceDestination: { kind: 'FIXED_ADDRESS', address: 'bounce@example.com' } }, meta());
    await smtp.configureRakutenRelay(SYSTEM_ACTOR, { mailboxNumber: 1, realAddress: 'shop@example.com', host: 'relay.example.com', port: 587, user: 'shop', password: 'r-1' }, meta());
    await smtp.configureRakutenRelay(SYSTEM_ACTOR, { mailboxNumber: 1, realAddress: 'shop@example.com', contactAddress: 'contact@example.com', host: 'relay.example.com', port: 2525, user: 'shop' }, meta());
    const k1 = await dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'K1', kind: 'AUTHOR', domain: 'example.com', selector: 's1' }, meta());
    const k2 = await dkim.addSignature(SYSTEM_ACTOR, { mailboxNumber: 1, name: 'K2', kind: 'THIRD_PARTY', bodyLengthLimit: 1000 }, meta());
    // The deployment's third-party key, as both views of the settings resolve it.
    const service = { domain: 'svc.example', selector: 's2', algorithm: 'ED25519_SHA256', keyBits: 256 } as const;
    const c1 = await dkim.addCondition(SYSTEM_ACTOR, { mailboxNumber: 1, fromAddress: 'info@example.com', signatureId: k1.signatureId }, meta());
    await dkim.addCondition(SYSTEM_ACTOR, { mailboxNumber: 1, fromAddress: 'other@x.example', signatureId: k2.signatureId }, meta());
    await dkim.changeCondition(SYSTEM_ACTOR, { mailboxNumber: 1, conditionId: c1.conditionId, fromAddress: 'sales@example.com', signatureId: k1.signatureId }, meta());
    await dkim.setDefaultSignature(SYSTEM_ACTOR, { mailboxNumber: 1, signatureId: k2.signatureId }, meta());

    const fromStreams = async () => {
      const smtpState = fold(smtpSettingsDecider.evolve, smtpSettingsDecider.initialState(), (await h.store.readStream(smtpSettingsStreamId(1))) as unknown as SmtpSettingsEvent[]);
      const dkimState = fold(dkimSettingsDecider.evolve, dkimSettingsDecider.initialState(), (await h.store.readStream(dkimSettingsStreamId(1))) as unknown as DkimSettingsEvent[]);
      return { smtpState, dkimState, routing: routingConfigOf(smtpState, dkimState, service) };
    };
    const check = async () => {
      const expected = await fromStreams();
      const snapshot = snapshotOf((await loadOutboundRows(h.db, [1])).get(1)!, service);
      expect(snapshot.routing).toEqual(expected.routing);
      for (const [id, s] of expected.smtpState.servers) expect(snapshot.connections.get(id)?.auth).toEqual(s.auth);
      expect(snapshot.connections.get('rakuten-relay')?.auth).toEqual({ method: 'PASSWORD', user: 'shop', mechanism: 'AUTO', passwordCiphertext: expected.smtpState.rakuten!.passwordCiphertext });
      for (const [id, s] of expected.dkimState.signatures) expect(snapshot.dkimPrivateKeys.get(id)).toBe(usesServiceKey(s) ? undefined : s.privateKeyCiphertext);
      expect(snapshot.routing.dkimSignatures.get(k2.signatureId)).toMatchObject({ serviceKey: true, domain: 'svc.example', selector: 's2', bodyLengthLimit: 1000 });
      return { expected, snapshot };
    };
    const { expected, snapshot } = await check();
    expect(snapshot.routing.rules.map((r) => r.ruleId)).toEqual([rules[3], rules[0], rules[2]]);
    expect(expected.smtpState.rakuten).toMatchObject({ port: 2525, contactAddress: 'contact@example.com' });
    expect(await h.vault.decrypt('mailbox:1', expected.smtpState.rakuten!.passwordCiphertext)).toBe('r-1');
    const alpha = expected.smtpState.servers.get(a.serverId)!.auth;
    expect(alpha.method === 'PASSWORD' && (await h.vault.decrypt('mailbox:1', alpha.passwordCiphertext))).toBe('secret-1');

    await h.runner.rebuild(['outbound.smtp', 'outbound.dkim']);
    await check();
  });
});
