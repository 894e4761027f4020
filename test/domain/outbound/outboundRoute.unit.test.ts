import { describe, expect, it } from 'vitest';
import {
  decideOutboundRoute,
  dkimSettingsDecider,
  isRakutenMaskedAddress,
  routingConfigOf,
  smtpSettingsDecider,
  type DkimSettingsEvent,
  type OutgoingEnvelope,
  type SmtpSettingsEvent,
} from '../../../src/domain/outbound/index.js';
import { requireText } from '../../../src/domain/shared/text.js';
import { isMailroomError } from '../../../src/domain/shared/errors.js';

/**
 * Routing specifications: given the settings events of a mailbox, when a mail goes out,
 * then this server / this key / this refusal, decided by this rule.
 */
const CIPHER = 'v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.ZGF0YQ';
const RELAY = '51111111-1111-4111-8111-111111111111';
const BACKUP = '52222222-2222-4222-8222-222222222222';
const R1 = 'a1111111-1111-4111-8111-111111111111';
const R2 = 'a2222222-2222-4222-8222-222222222222';
const K_AUTHOR = 'd1111111-1111-4111-8111-111111111111';
const K_SERVICE = 'd2222222-2222-4222-8222-222222222222';
const C1 = 'e1111111-1111-4111-8111-111111111111';
const M = { mailboxNumber: 3 };

const server = (serverId: string, name: string): SmtpSettingsEvent => ({
  type: 'SmtpServerAdded',
  data: { ...M, serverId, name: requireText([], name, 'name'), host: 'smtp.example.com', port: 465, encryption: 'SMTPS', auth: { method: 'PASSWORD', user: requireText([], 'u', 'accountName') }, passwordCiphertext: CIPHER },
});
const rule = (ruleId: string, kind: 'ADDRESS' | 'DOMAIN', value: string, serverId: string, position: number): SmtpSettingsEvent => ({
  type: 'SmtpRoutingRuleAdded',
  data: { ...M, ruleId, match: { kind, value }, serverId, position },
});
const defaultServer = (serverId: string): SmtpSettingsEvent => ({ type: 'DefaultSmtpServerSet', data: { ...M, serverId } });
const rakuten = (contactAddress: string | null = null): SmtpSettingsEvent => ({
  type: 'RakutenRelayConfigured',
  data: { ...M, realAddress: 'shop@example.com', contactAddress, host: 'sub.fw.rakuten.ne.jp', port: 587, encryption: 'STARTTLS', user: requireText([], 'shop', 'accountName'), passwordCiphertext: CIPHER },
});
const signature = (signatureId: string, kind: 'AUTHOR' | 'THIRD_PARTY', domain: string): DkimSettingsEvent => ({
  type: 'DkimSignatureAdded',
  data: { ...M, signatureId, name: requireText([], `${kind} ${domain}`, 'name'), kind, domain, selector: 's1', algorithm: 'RSA_SHA256', keySource: 'GENERATED', keyBits: 2048, publicKey: 'AAAA', privateKeyCiphertext: CIPHER, bodyLengthLimit: null },
});
const dkimCondition = (fromAddress: string, signatureId: string): DkimSettingsEvent => ({ type: 'DkimConditionAdded', data: { ...M, conditionId: C1, fromAddress, signatureId } });
const defaultSignature = (signatureId: string): DkimSettingsEvent => ({ type: 'DefaultDkimSignatureSet', data: { ...M, signatureId } });

const given = (smtp: readonly SmtpSettingsEvent[] = [], dkim: readonly DkimSettingsEvent[] = []) => {
  const config = routingConfigOf(
    smtp.reduce(smtpSettingsDecider.evolve, smtpSettingsDecider.initialState()),
    dkim.reduce(dkimSettingsDecider.evolve, dkimSettingsDecider.initialState()),
  );
  return {
    when: (mail: Partial<OutgoingEnvelope>) => {
      const decision = decideOutboundRoute(config, { from: 'info@example.com', to: ['customer@example.net'], kind: 'USER_MAIL', ...mail });
      const sent = () => {
        if (decision.outcome !== 'SEND') throw new Error(`Expected SEND, got ${JSON.stringify(decision)}`);
        return decision;
      };
      return {
        decision,
        thenServer: (serverId: string, step: string, ruleId: string | null = null) => {
          expect(sent().server.id).toBe(serverId);
          expect(sent().serverReason).toMatchObject({ step, ruleId });
          return sent();
        },
        thenDkim: (signatureId: string | null, step: string) => {
          expect(sent().dkim?.signatureId ?? null).toBe(signatureId);
          expect(sent().dkimReason.step).toBe(step);
          return sent();
        },
        thenRefused: (code: string, addresses: readonly string[] = []) => {
          expect(decision).toMatchObject({ outcome: 'REFUSED', refusal: { code, addresses } });
        },
      };
    },
  };
};

describe('SMTP server choice (spec 3)', () => {
  it('given no settings, mail goes through the built-in server by default', () => {
    given().when({}).thenServer('builtin', 'DEFAULT_SERVER');
  });

  it('given an external default and no matching rule, the default is used', () =>
    void given([server(RELAY, 'Relay'), defaultServer(RELAY)]).when({}).thenServer(RELAY, 'DEFAULT_SERVER'));

  it('an ADDRESS rule matches the From exactly, case-insensitively, and names itself', () => {
    const route = given([server(RELAY, 'Relay'), rule(R1, 'ADDRESS', 'Info@example.com', RELAY, 0)]).when({ from: 'INFO@Example.com' }).thenServer(RELAY, 'FROM_RULE', R1);
    expect(route.serverReason.message).toContain('routing rule #1');
    given([server(RELAY, 'Relay'), rule(R1, 'ADDRESS', 'info@example.com', RELAY, 0)]).when({ from: 'sales@example.com' }).thenServer('builtin', 'DEFAULT_SERVER');
  });

  it('a DOMAIN rule matches its domain but not subdomains', () => {
    const smtp = [server(RELAY, 'Relay'), rule(R1, 'DOMAIN', 'example.com', RELAY, 0)];
    given(smtp).when({ from: 'anyone@example.com' }).thenServer(RELAY, 'FROM_RULE', R1);
    given(smtp).when({ from: 'anyone@mail.example.com' }).thenServer('builtin', 'DEFAULT_SERVER');
  });

  it('when two rules match, the first in order wins; after a reorder the other one does', () => {
    const smtp = [server(RELAY, 'Relay'), server(BACKUP, 'Backup'), rule(R1, 'DOMAIN', 'example.com', RELAY, 0), rule(R2, 'ADDRESS', 'info@example.com', BACKUP, 1)];
    given(smtp).when({ from: 'info@example.com' }).thenServer(RELAY, 'FROM_RULE', R1);
    given([...smtp, { type: 'SmtpRoutingRulesReordered', data: { ...M, ruleIds: [R2, R1] } }]).when({ from: 'info@example.com' }).thenServer(BACKUP, 'FROM_RULE', R2);
  });

  it.each(['INQUIRY_FORM_NOTICE', 'SORT_RULE_FORWARD', 'RECEIPT_FORWARD', 'SYSTEM_NOTICE'] as const)('%s always uses the default server, even when a From rule matches', (kind) =>
    void given([server(RELAY, 'Relay'), server(BACKUP, 'Backup'), rule(R1, 'DOMAIN', 'example.com', RELAY, 0), defaultServer(BACKUP)])
      .when({ kind })
      .thenServer(BACKUP, 'DEFAULT_SERVER_KIND'));

  it('direct mail to ordinary addresses follows the From rules', () =>
    void given([server(RELAY, 'Relay'), rule(R1, 'DOMAIN', 'example.com', RELAY, 0)]).when({ kind: 'DIRECT_MAIL' }).thenServer(RELAY, 'FROM_RULE', R1));

  it('a test mail goes through the server under test, whatever the rules say', () => {
    const smtp = [server(RELAY, 'Relay'), server(BACKUP, 'Backup'), rule(R1, 'DOMAIN', 'example.com', RELAY, 0)];
    given(smtp).when({ kind: 'TEST_MAIL', pinnedServerId: BACKUP }).thenServer(BACKUP, 'PINNED_SERVER');
    given(smtp).when({ kind: 'TEST_MAIL', pinnedServerId: 'builtin' }).thenServer('builtin', 'PINNED_SERVER');
    given(smtp).when({ kind: 'TEST_MAIL', pinnedServerId: 'c0000000-0000-4000-8000-000000000000' }).thenRefused('UNKNOWN_SERVER');
  });

  it('bounces go to the fixed address when set, else to the From', () => {
    expect(given().when({}).thenServer('builtin', 'DEFAULT_SERVER').envelopeFrom).toBe('info@example.com');
    const fixed: SmtpSettingsEvent = { type: 'BounceDestinationSet', data: { ...M, destination: { kind: 'FIXED_ADDRESS', address: 'bounce@example.com' } } };
    expect(given([fixed]).when({}).thenServer('builtin', 'DEFAULT_SERVER').envelopeFrom).toBe('bounce@example.com');
    const sender: SmtpSettingsEvent = { type: 'BounceDestinationSet', data: { ...M, destination: { kind: 'SENDER' } } };
    expect(given([fixed, sender]).when({}).thenServer('builtin', 'DEFAULT_SERVER').envelopeFrom).toBe('info@example.com');
  });

  it('collects To, Cc and Bcc once each; no recipient at all is refused; a bad address is a validation error', () => {
    const route = given().when({ to: ['a@example.net'], cc: ['A@example.net', 'b@example.net'], bcc: ['b@example.net'] }).thenServer('builtin', 'DEFAULT_SERVER');
    expect(route.recipients).toEqual(['a@example.net', 'b@example.net']);
    given().when({ to: [] }).thenRefused('NO_RECIPIENTS');
    let thrown: unknown;
    try {
      given().when({ cc: ['ok@example.net', 'not an address'] });
    } catch (e) {
      thrown = e;
    }
    expect(isMailroomError(thrown) && thrown.code === 'VALIDATION' && thrown.fieldPath.join('.')).toBe('cc.1');
  });
});

describe('Rakuten masked addresses (spec 4)', () => {
  it.each([
    ['abc123@pc.fw.rakuten.ne.jp', true],
    ['ABC@X.Y.FW.Rakuten.NE.JP', true],
    ['abc@fw.rakuten.ne.jp', false],
    ['abc@pc.fw.rakuten.ne.jp.example.com', false],
    ['abc@rakuten.co.jp', false],
  ])('%s is masked: %s', (address, masked) => expect(isRakutenMaskedAddress(address)).toBe(masked));

  it('without a Rakuten relay account, mail to a masked address is refused, wherever it is listed', () => {
    given().when({ to: ['x@example.net'], bcc: ['buyer@pc.fw.rakuten.ne.jp'] }).thenRefused('MASKED_ADDRESS_WITHOUT_RAKUTEN_RELAY', ['buyer@pc.fw.rakuten.ne.jp']);
    given().when({ from: 'shop@example.com', to: ['buyer@pc.fw.rakuten.ne.jp'], kind: 'SYSTEM_NOTICE' }).thenRefused('MASKED_ADDRESS_WITHOUT_RAKUTEN_RELAY', ['buyer@pc.fw.rakuten.ne.jp']);
  });

  it('direct mail to a masked address is refused even with the relay configured', () =>
    void given([rakuten()]).when({ from: 'shop@example.com', to: ['buyer@pc.fw.rakuten.ne.jp'], kind: 'DIRECT_MAIL' }).thenRefused('DIRECT_MAIL_TO_MASKED_ADDRESS', ['buyer@pc.fw.rakuten.ne.jp']));

  it('From the store real address to a masked address goes through the relay, ahead of every From rule', () =>
    void given([server(RELAY, 'Relay'), rule(R1, 'ADDRESS', 'shop@example.com', RELAY, 0), rakuten()])
      .when({ from: 'Shop@example.com', to: ['buyer@pc.fw.rakuten.ne.jp', 'other@example.net'] })
      .thenServer('rakuten-relay', 'RAKUTEN_RELAY'));

  it('From the real address to the store contact address alone also goes through the relay', () => {
    given([rakuten('contact@example.com')]).when({ from: 'shop@example.com', to: ['contact@example.com'] }).thenServer('rakuten-relay', 'RAKUTEN_RELAY');
    given([rakuten()]).when({ from: 'shop@example.com', cc: ['shop@example.com'], to: [] }).thenServer('rakuten-relay', 'RAKUTEN_RELAY');
  });

  it('From the real address to ordinary addresses only follows the normal rules', () =>
    void given([rakuten('contact@example.com')]).when({ from: 'shop@example.com', to: ['customer@example.net'] }).thenServer('builtin', 'DEFAULT_SERVER'));

  it('From another address to a masked address follows the normal rules, unsigned, and warns it will bounce', () => {
    const route = given([rakuten()], [signature(K_SERVICE, 'THIRD_PARTY', 'mailroom.example'), defaultSignature(K_SERVICE)])
      .when({ from: 'info@example.com', to: ['buyer@pc.fw.rakuten.ne.jp'] })
      .thenServer('builtin', 'DEFAULT_SERVER');
    expect(route.warnings.map((w) => w.code)).toContain('MASKED_RECIPIENT_OUTSIDE_RELAY');
    expect(route.dkimReason.step).toBe('MASKED_RECIPIENT');
  });

  it('a Rakuten test mail follows the same conditions: relay for a masked recipient, normal rules otherwise', () => {
    given([rakuten()]).when({ from: 'shop@example.com', to: ['buyer@pc.fw.rakuten.ne.jp'], kind: 'TEST_MAIL', pinnedServerId: 'rakuten-relay' }).thenServer('rakuten-relay', 'RAKUTEN_RELAY');
    const route = given([rakuten()])
      .when({ from: 'shop@example.com', to: ['me@example.net'], kind: 'TEST_MAIL', pinnedServerId: 'rakuten-relay' })
      .thenServer('builtin', 'DEFAULT_SERVER');
    expect(route.warnings.map((w) => w.code)).toEqual(['TEST_NOT_THROUGH_RAKUTEN_RELAY']);
    given().when({ to: ['me@example.net'], kind: 'TEST_MAIL', pinnedServerId: 'rakuten-relay' }).thenRefused('RAKUTEN_RELAY_NOT_CONFIGURED');
  });

  it('a test mail of another server that meets the relay conditions still goes through the relay, with a warning', () => {
    const route = given([server(RELAY, 'Relay'), rakuten()])
      .when({ from: 'shop@example.com', to: ['buyer@pc.fw.rakuten.ne.jp'], kind: 'TEST_MAIL', pinnedServerId: RELAY })
      .thenServer('rakuten-relay', 'RAKUTEN_RELAY');
    expect(route.warnings.map((w) => w.code)).toEqual(['TEST_SERVER_BYPASSED']);
  });
});

describe('DKIM key choice (spec 7)', () => {
  const dkim = [signature(K_AUTHOR, 'AUTHOR', 'example.com'), signature(K_SERVICE, 'THIRD_PARTY', 'mailroom.example')];

  it('the condition for the exact From address wins over the default', () =>
    void given([], [...dkim, dkimCondition('info@example.com', K_AUTHOR), defaultSignature(K_SERVICE)]).when({ from: 'Info@Example.com' }).thenDkim(K_AUTHOR, 'FROM_CONDITION'));

  it('without a condition the default signs, and a foreign d= is flagged', () => {
    const route = given([], [...dkim, dkimCondition('info@example.com', K_AUTHOR), defaultSignature(K_SERVICE)]).when({ from: 'sales@example.com' }).thenDkim(K_SERVICE, 'DEFAULT_SIGNATURE');
    expect(route.warnings.map((w) => w.code)).toEqual(['DKIM_DOMAIN_DIFFERS_FROM_FROM']);
  });

  it('without condition or default the mail goes unsigned', () => void given([], dkim).when({}).thenDkim(null, 'NO_SIGNATURE'));

  it('mail to a masked address is never signed, whatever condition or default exists', () =>
    void given([rakuten()], [...dkim, dkimCondition('shop@example.com', K_SERVICE), defaultSignature(K_SERVICE)])
      .when({ from: 'shop@example.com', to: ['buyer@pc.fw.rakuten.ne.jp'] })
      .thenDkim(null, 'MASKED_RECIPIENT'));

  it('mail through the Rakuten relay without a masked recipient is not signed either', () =>
    void given([rakuten('contact@example.com')], [...dkim, defaultSignature(K_SERVICE)])
      .when({ from: 'shop@example.com', to: ['contact@example.com'] })
      .thenDkim(null, 'RAKUTEN_RELAY'));

  it('signing does not depend on the server: forwards through the default are signed by the From rules of DKIM', () =>
    void given([server(RELAY, 'Relay'), defaultServer(RELAY)], [...dkim, dkimCondition('info@example.com', K_AUTHOR)])
      .when({ kind: 'SORT_RULE_FORWARD' })
      .thenDkim(K_AUTHOR, 'FROM_CONDITION'));
});

describe('the routing view', () => {
  it('never carries key material or passwords, even when built from whole signatures and servers', () => {
    const config = routingConfigOf(
      [server(RELAY, 'Relay'), rakuten()].reduce(smtpSettingsDecider.evolve, smtpSettingsDecider.initialState()),
      [signature(K_AUTHOR, 'AUTHOR', 'example.com')].reduce(dkimSettingsDecider.evolve, dkimSettingsDecider.initialState()),
    );
    const everything = JSON.stringify([[...config.servers.values()], config.rules, config.rakuten, [...config.dkimSignatures.values()], [...config.dkimConditions.values()]]);
    expect(everything).toContain('example.com');
    expect(everything).not.toContain(CIPHER);
  });
});
