import { describe, expect, it } from 'vitest';
import {
  smtpSettingsDecider,
  type SmtpSettingsCommand,
  type SmtpSettingsEvent,
} from '../../../src/domain/outbound/index.js';
import { requireText } from '../../../src/domain/shared/text.js';
import { given, testMetadata } from '../../support/given.js';

const CIPHER = 'v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.ZGF0YQ';
const CIPHER2 = 'v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.b3RoZXI';
const S1 = '51111111-1111-4111-8111-111111111111';
const S2 = '52222222-2222-4222-8222-222222222222';
const R1 = 'a1111111-1111-4111-8111-111111111111';
const R2 = 'a2222222-2222-4222-8222-222222222222';
const R3 = 'a3333333-3333-4333-8333-333333333333';
const OAUTH = 'c1111111-1111-4111-8111-111111111111';

const cmd = <T extends SmtpSettingsCommand['type']>(type: T, data: Omit<Extract<SmtpSettingsCommand, { type: T }>['data'], 'mailboxNumber'>) =>
  ({ type, data: { mailboxNumber: 3, ...data }, metadata: testMetadata() }) as SmtpSettingsCommand;

const serverInput = {
  name: 'Corporate relay',
  host: 'smtp.example.com',
  port: 587,
  encryption: 'STARTTLS' as const,
  auth: { method: 'PASSWORD' as const, user: 'relay-user', passwordCiphertext: CIPHER as string | null },
};
const added = (serverId = S1, name = 'Corporate relay'): SmtpSettingsEvent => ({
  type: 'SmtpServerAdded',
  data: { mailboxNumber: 3, serverId, name: requireText([], name, 'name'), host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', auth: { method: 'PASSWORD', user: requireText([], 'relay-user', 'accountName'), mechanism: 'AUTO' }, passwordCiphertext: CIPHER },
});
/** As events were written before mechanisms existed: none recorded. */
const addedBeforeMechanisms = (): SmtpSettingsEvent => {
  const data = (added() as Extract<SmtpSettingsEvent, { type: 'SmtpServerAdded' }>).data;
  return { type: 'SmtpServerAdded', data: { ...data, auth: { method: 'PASSWORD', user: requireText([], 'relay-user', 'accountName') } } };
};
/** The event data of a change that kept the stored password. */
const { passwordCiphertext: _p, ...keptPassword } = (added() as Extract<SmtpSettingsEvent, { type: 'SmtpServerAdded' }>).data;
const rule = (ruleId: string, kind: 'ADDRESS' | 'DOMAIN', value: string, position: number, serverId = S1): SmtpSettingsEvent => ({
  type: 'SmtpRoutingRuleAdded',
  data: { mailboxNumber: 3, ruleId, match: { kind, value }, serverId, position },
});

describe('SMTP servers', () => {
  it('adds an external server with a lower-cased host and an encrypted password', () =>
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, host: 'SMTP.Example.com' }))
      .then([added()]));

  it('adds a server authenticating with an OAuth credential reference', () =>
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'OAUTH', user: 'me@example.com', oauthCredentialId: OAUTH } }))
      .then([{ type: 'SmtpServerAdded', data: { ...keptPassword, auth: { method: 'OAUTH', user: 'me@example.com', oauthCredentialId: OAUTH } } }]));

  it.each(['smtp..example.com', '-bad.example.com', 'exa mple.com', 'smtp_host.example.com', 'smtp://smtp.example.com', 'smtp.example.com:587', '', 'a'.repeat(64) + '.example.com', '10.0.0.300'])(
    'refuses host %j',
    (host) => given(smtpSettingsDecider).when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, host })).thenThrows('VALIDATION', ['host']),
  );

  it.each(['127.0.0.1', '::1', 'localhost', 'mail-relay'])('accepts host %j', (host) =>
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, host })).then([{ ...added(), data: { ...added().data, host } } as SmtpSettingsEvent]));

  it.each([0, 65536, -1, 25.5, Number.NaN])('refuses port %s, saying what is expected', (port) =>
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, port })).thenThrows('VALIDATION', /Expected a port from 1 to 65535/));

  it('accepts ports 1 and 65535', () => {
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, port: 1 })).then([{ ...added(), data: { ...added().data, port: 1 } } as SmtpSettingsEvent]);
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, port: 65535 })).then([{ ...added(), data: { ...added().data, port: 65535 } } as SmtpSettingsEvent]);
  });

  it('refuses an encryption other than SMTPS or STARTTLS', () =>
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, encryption: 'NONE' as never })).thenThrows('VALIDATION', ['encryption']));

  it('refuses a duplicate name, case-insensitively, and the built-in server name', () => {
    given(smtpSettingsDecider, [added()])
      .when(cmd('AddSmtpServer', { serverId: S2, ...serverInput, name: 'CORPORATE RELAY' }))
      .thenThrows('ALREADY_EXISTS', ['name']);
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { serverId: S2, ...serverInput, name: 'built-in server' })).thenThrows('ALREADY_EXISTS', ['name']);
  });

  it('refuses a plaintext where a vault ciphertext is expected, without echoing it', () =>
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'PASSWORD', user: 'u', passwordCiphertext: 'hunter2' } }))
      .thenThrows('VALIDATION', /value not shown/));

  it('refuses a password server without a password, and an OAuth reference that is not an id', () => {
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'PASSWORD', user: 'u', passwordCiphertext: null } }))
      .thenThrows('VALIDATION', ['password']);
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'OAUTH', user: 'u', oauthCredentialId: 'google' } }))
      .thenThrows('VALIDATION', ['oauthCredentialId']);
  });

  it('keeps the stored password when a change omits it (the event then carries none), and appends nothing for no change', () => {
    given(smtpSettingsDecider, [added()]).when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, auth: { ...serverInput.auth, passwordCiphertext: null } })).thenNothing();
    given(smtpSettingsDecider, [added()])
      .when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, port: 465, encryption: 'SMTPS', auth: { ...serverInput.auth, passwordCiphertext: null } }))
      .then([{ type: 'SmtpServerChanged', data: { ...keptPassword, port: 465, encryption: 'SMTPS' } }]);
    const state = [added(), { type: 'SmtpServerChanged', data: { ...keptPassword, port: 465 } } as SmtpSettingsEvent].reduce(smtpSettingsDecider.evolve, smtpSettingsDecider.initialState());
    expect(state.servers.get(S1)?.auth).toEqual({ method: 'PASSWORD', user: 'relay-user', mechanism: 'AUTO', passwordCiphertext: CIPHER });
  });

  it('reads a server saved before mechanisms existed as AUTO: the same settings again append nothing', () => {
    const state = [addedBeforeMechanisms()].reduce(smtpSettingsDecider.evolve, smtpSettingsDecider.initialState());
    expect(state.servers.get(S1)?.auth).toEqual({ method: 'PASSWORD', user: 'relay-user', mechanism: 'AUTO', passwordCiphertext: CIPHER });
    given(smtpSettingsDecider, [addedBeforeMechanisms()]).when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, auth: { ...serverInput.auth, passwordCiphertext: null } })).thenNothing();
    given(smtpSettingsDecider, [addedBeforeMechanisms()])
      .when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, auth: { ...serverInput.auth, passwordCiphertext: null, mechanism: 'CRAM_MD5' } }))
      .then([{ type: 'SmtpServerChanged', data: { ...keptPassword, auth: { method: 'PASSWORD', user: 'relay-user', mechanism: 'CRAM_MD5' } } }]);
  });

  it('records the chosen password mechanism and refuses one it does not know', () => {
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, auth: { ...serverInput.auth, mechanism: 'LOGIN' } }))
      .then([{ ...added(), data: { ...added().data, auth: { method: 'PASSWORD', user: 'relay-user', mechanism: 'LOGIN' } } } as SmtpSettingsEvent]);
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, auth: { ...serverInput.auth, mechanism: 'DIGEST-MD5' as never } }))
      .thenThrows('VALIDATION', ['passwordMechanism']);
  });

  it('adds a relay without authentication (NONE): no user, no secret; switching a password server to NONE drops the password', () => {
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'NONE' } }))
      .then([{ type: 'SmtpServerAdded', data: { ...keptPassword, auth: { method: 'NONE' } } }]);
    given(smtpSettingsDecider, [added()])
      .when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'NONE' } }))
      .then([{ type: 'SmtpServerChanged', data: { ...keptPassword, auth: { method: 'NONE' } } }]);
    const state = [added(), { type: 'SmtpServerChanged', data: { ...keptPassword, auth: { method: 'NONE' } } } as SmtpSettingsEvent].reduce(
      smtpSettingsDecider.evolve,
      smtpSettingsDecider.initialState(),
    );
    expect(state.servers.get(S1)?.auth).toEqual({ method: 'NONE' });
    given(smtpSettingsDecider, [added(), { type: 'SmtpServerChanged', data: { ...keptPassword, auth: { method: 'NONE' } } } as SmtpSettingsEvent])
      .when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'PASSWORD', user: 'u', passwordCiphertext: null } }))
      .thenThrows('VALIDATION', ['password']);
  });

  it('replaces the password when a change gives one; renaming to its own name is fine', () =>
    given(smtpSettingsDecider, [added()])
      .when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, auth: { ...serverInput.auth, passwordCiphertext: CIPHER2 } }))
      .then([{ type: 'SmtpServerChanged', data: { ...keptPassword, passwordCiphertext: CIPHER2 } }]));

  it('drops the password when switching to OAuth', () => {
    given(smtpSettingsDecider, [added()])
      .when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'OAUTH', user: 'u', oauthCredentialId: OAUTH } }))
      .then([{ type: 'SmtpServerChanged', data: { ...keptPassword, auth: { method: 'OAUTH', user: 'u', oauthCredentialId: OAUTH } } }]);
  });

  it('needs a password when switching from OAuth to password', () =>
    given(smtpSettingsDecider, [{ type: 'SmtpServerAdded', data: { ...keptPassword, auth: { method: 'OAUTH', user: 'u', oauthCredentialId: OAUTH } } } as SmtpSettingsEvent])
      .when(cmd('ChangeSmtpServer', { serverId: S1, ...serverInput, auth: { method: 'PASSWORD', user: 'u', passwordCiphertext: null } }))
      .thenThrows('VALIDATION', ['password']));

  it('never changes or removes the built-in server', () => {
    given(smtpSettingsDecider).when(cmd('ChangeSmtpServer', { serverId: 'builtin', ...serverInput })).thenThrows('ILLEGAL_STATE', /operator configures it/);
    given(smtpSettingsDecider).when(cmd('RemoveSmtpServer', { serverId: 'builtin' })).thenThrows('ILLEGAL_STATE', ['serverId']);
  });

  it('removes an unused server; an unknown one is NOT_FOUND', () => {
    given(smtpSettingsDecider, [added()]).when(cmd('RemoveSmtpServer', { serverId: S1 })).then([{ type: 'SmtpServerRemoved', data: { mailboxNumber: 3, serverId: S1 } }]);
    given(smtpSettingsDecider).when(cmd('RemoveSmtpServer', { serverId: S2 })).thenThrows('NOT_FOUND', ['serverId']);
  });

  it('refuses to remove a server used by rules or as default, naming each use', () =>
    given(smtpSettingsDecider, [added(), rule(R1, 'DOMAIN', 'example.com', 0), rule(R2, 'ADDRESS', 'info@shop.example', 1), { type: 'DefaultSmtpServerSet', data: { mailboxNumber: 3, serverId: S1 } }])
      .when(cmd('RemoveSmtpServer', { serverId: S1 }))
      .thenThrows('ILLEGAL_STATE', /still used by routing rule #1 \(From @example\.com\), routing rule #2 \(From info@shop\.example\), the default server setting/));
});

describe('routing rules', () => {
  it('adds rules at the end, normalizing a domain given as "@example.com"', () => {
    given(smtpSettingsDecider, [added(), rule(R1, 'ADDRESS', 'info@example.com', 0)])
      .when(cmd('AddSmtpRoutingRule', { ruleId: R2, match: { kind: 'DOMAIN', value: '@Example.COM' }, serverId: 'builtin' }))
      .then([rule(R2, 'DOMAIN', 'example.com', 1, 'builtin')]);
  });

  it('refuses the same match twice (case-insensitively), but allows an address and its domain', () => {
    given(smtpSettingsDecider, [added(), rule(R1, 'ADDRESS', 'info@example.com', 0)])
      .when(cmd('AddSmtpRoutingRule', { ruleId: R2, match: { kind: 'ADDRESS', value: 'INFO@example.com' }, serverId: S1 }))
      .thenThrows('ALREADY_EXISTS', /#1 \(From info@example\.com\) already matches/);
    given(smtpSettingsDecider, [added(), rule(R1, 'ADDRESS', 'info@example.com', 0)])
      .when(cmd('AddSmtpRoutingRule', { ruleId: R2, match: { kind: 'DOMAIN', value: 'example.com' }, serverId: S1 }))
      .then([rule(R2, 'DOMAIN', 'example.com', 1)]);
  });

  it.each([
    ['ADDRESS', 'not-an-address'],
    ['ADDRESS', 'example.com'],
    ['DOMAIN', 'info@example.com'],
    ['DOMAIN', 'exa mple.com'],
    ['DOMAIN', 'localhost'],
  ] as const)('refuses %s match %j', (kind, value) =>
    given(smtpSettingsDecider, [added()])
      .when(cmd('AddSmtpRoutingRule', { ruleId: R1, match: { kind, value }, serverId: S1 }))
      .thenThrows('VALIDATION', ['match', 'value']));

  it('refuses a rule to an unknown server or to the Rakuten relay', () => {
    given(smtpSettingsDecider).when(cmd('AddSmtpRoutingRule', { ruleId: R1, match: { kind: 'DOMAIN', value: 'example.com' }, serverId: S2 })).thenThrows('NOT_FOUND', ['serverId']);
    given(smtpSettingsDecider)
      .when(cmd('AddSmtpRoutingRule', { ruleId: R1, match: { kind: 'DOMAIN', value: 'example.com' }, serverId: 'rakuten-relay' }))
      .thenThrows('VALIDATION', /Rakuten relay cannot be chosen/);
  });

  it('changes and removes a rule', () => {
    given(smtpSettingsDecider, [added(), rule(R1, 'DOMAIN', 'example.com', 0)])
      .when(cmd('ChangeSmtpRoutingRule', { ruleId: R1, match: { kind: 'DOMAIN', value: 'example.org' }, serverId: 'builtin' }))
      .then([{ type: 'SmtpRoutingRuleChanged', data: { mailboxNumber: 3, ruleId: R1, match: { kind: 'DOMAIN', value: 'example.org' }, serverId: 'builtin' } }]);
    given(smtpSettingsDecider, [added(), rule(R1, 'DOMAIN', 'example.com', 0)])
      .when(cmd('ChangeSmtpRoutingRule', { ruleId: R1, match: { kind: 'DOMAIN', value: 'example.com' }, serverId: S1 }))
      .thenNothing();
    given(smtpSettingsDecider, [added(), rule(R1, 'DOMAIN', 'example.com', 0)]).when(cmd('RemoveSmtpRoutingRule', { ruleId: R1 })).then([{ type: 'SmtpRoutingRuleRemoved', data: { mailboxNumber: 3, ruleId: R1 } }]);
  });

  const three = [added(), rule(R1, 'DOMAIN', 'a.example', 0), rule(R2, 'DOMAIN', 'b.example', 1), rule(R3, 'DOMAIN', 'c.example', 2)];

  it('reorders with a complete permutation; the same order appends nothing', () => {
    given(smtpSettingsDecider, three).when(cmd('ReorderSmtpRoutingRules', { ruleIds: [R3, R1, R2] })).then([{ type: 'SmtpRoutingRulesReordered', data: { mailboxNumber: 3, ruleIds: [R3, R1, R2] } }]);
    given(smtpSettingsDecider, three).when(cmd('ReorderSmtpRoutingRules', { ruleIds: [R1, R2, R3] })).thenNothing();
  });

  it('refuses a reorder that misses, repeats or invents a rule, listing the problems', () => {
    given(smtpSettingsDecider, three).when(cmd('ReorderSmtpRoutingRules', { ruleIds: [R3, R1] })).thenThrows('VALIDATION', `missing ${R2}`);
    given(smtpSettingsDecider, three).when(cmd('ReorderSmtpRoutingRules', { ruleIds: [R3, R1, R1, R2] })).thenThrows('VALIDATION', `listed twice ${R1}`);
    given(smtpSettingsDecider, three).when(cmd('ReorderSmtpRoutingRules', { ruleIds: [R3, R1, R2, S2] })).thenThrows('VALIDATION', `unknown ${S2}`);
  });

  it('evolves the order so that removal and reorder keep positions consistent', () => {
    const state = [...three, { type: 'SmtpRoutingRulesReordered', data: { mailboxNumber: 3, ruleIds: [R3, R1, R2] } }, { type: 'SmtpRoutingRuleRemoved', data: { mailboxNumber: 3, ruleId: R1 } }]
      .reduce(smtpSettingsDecider.evolve as never, smtpSettingsDecider.initialState()) as ReturnType<typeof smtpSettingsDecider.initialState>;
    expect(state.rules.map((r) => r.ruleId)).toEqual([R3, R2]);
  });
});

describe('basic settings: default server and bounce destination', () => {
  it('sets the default to an external server, back to built-in; the same again appends nothing', () => {
    given(smtpSettingsDecider, [added()]).when(cmd('ChangeSmtpBasicSettings', { defaultServerId: S1 })).then([{ type: 'DefaultSmtpServerSet', data: { mailboxNumber: 3, serverId: S1 } }]);
    given(smtpSettingsDecider, [added(), { type: 'DefaultSmtpServerSet', data: { mailboxNumber: 3, serverId: S1 } }])
      .when(cmd('ChangeSmtpBasicSettings', { defaultServerId: 'builtin' }))
      .then([{ type: 'DefaultSmtpServerSet', data: { mailboxNumber: 3, serverId: 'builtin' } }]);
    given(smtpSettingsDecider).when(cmd('ChangeSmtpBasicSettings', { defaultServerId: 'builtin' })).thenNothing();
  });

  it('sets a fixed bounce address or the sender; refuses an address with SENDER', () => {
    given(smtpSettingsDecider)
      .when(cmd('ChangeSmtpBasicSettings', { bounceDestination: { kind: 'FIXED_ADDRESS', address: 'bounces@Example.com' } }))
      .then([{ type: 'BounceDestinationSet', data: { mailboxNumber: 3, destination: { kind: 'FIXED_ADDRESS', address: 'bounces@example.com' } } }]);
    given(smtpSettingsDecider).when(cmd('ChangeSmtpBasicSettings', { bounceDestination: { kind: 'SENDER' } })).then([{ type: 'BounceDestinationSet', data: { mailboxNumber: 3, destination: { kind: 'SENDER' } } }]);
    given(smtpSettingsDecider)
      .when(cmd('ChangeSmtpBasicSettings', { bounceDestination: { kind: 'SENDER', address: 'x@example.com' } as never }))
      .thenThrows('VALIDATION', ['bounceDestination', 'address']);
    given(smtpSettingsDecider)
      .when(cmd('ChangeSmtpBasicSettings', { bounceDestination: { kind: 'FIXED_ADDRESS', address: 'nope' } }))
      .thenThrows('VALIDATION', ['bounceDestination', 'address']);
  });

  it('appends nothing for the bounce destination already stored, whatever the key order it was read back with', () => {
    const stored: SmtpSettingsEvent = { type: 'BounceDestinationSet', data: { mailboxNumber: 3, destination: { address: 'bounces@example.com', kind: 'FIXED_ADDRESS' } as never } };
    given(smtpSettingsDecider, [stored]).when(cmd('ChangeSmtpBasicSettings', { bounceDestination: { kind: 'FIXED_ADDRESS', address: 'bounces@example.com' } })).then([]);
    given(smtpSettingsDecider, [stored])
      .when(cmd('ChangeSmtpBasicSettings', { bounceDestination: { kind: 'FIXED_ADDRESS', address: 'other@example.com' } }))
      .then([{ type: 'BounceDestinationSet', data: { mailboxNumber: 3, destination: { kind: 'FIXED_ADDRESS', address: 'other@example.com' } } }]);
  });

  it('changes both together, or nothing when one part is invalid', () => {
    given(smtpSettingsDecider, [added()])
      .when(cmd('ChangeSmtpBasicSettings', { defaultServerId: S1, bounceDestination: { kind: 'SENDER' } }))
      .then([
        { type: 'DefaultSmtpServerSet', data: { mailboxNumber: 3, serverId: S1 } },
        { type: 'BounceDestinationSet', data: { mailboxNumber: 3, destination: { kind: 'SENDER' } } },
      ]);
    given(smtpSettingsDecider, [added()])
      .when(cmd('ChangeSmtpBasicSettings', { defaultServerId: S1, bounceDestination: { kind: 'FIXED_ADDRESS', address: 'bad' } }))
      .thenThrows('VALIDATION', ['bounceDestination', 'address']);
    given(smtpSettingsDecider).when(cmd('ChangeSmtpBasicSettings', { defaultServerId: S2 })).thenThrows('NOT_FOUND', ['defaultServerId']);
    given(smtpSettingsDecider).when(cmd('ChangeSmtpBasicSettings', {})).thenThrows('VALIDATION', /got neither/);
  });
});

describe('Rakuten relay account', () => {
  const input = { realAddress: 'shop@example.com', contactAddress: null, host: 'sub.fw.rakuten.ne.jp', port: 587, encryption: 'STARTTLS' as const, user: 'shop-id', passwordCiphertext: CIPHER as string | null };
  const configured: SmtpSettingsEvent = { type: 'RakutenRelayConfigured', data: { mailboxNumber: 3, ...input, user: requireText([], input.user, 'accountName'), passwordCiphertext: CIPHER } };

  it('configures it; the contact address equal to the real address is stored as null', () =>
    given(smtpSettingsDecider).when(cmd('ConfigureRakutenRelay', { ...input, contactAddress: 'SHOP@example.com' })).then([configured]));

  it('needs a password the first time and keeps it later (the event then carries none)', () => {
    given(smtpSettingsDecider).when(cmd('ConfigureRakutenRelay', { ...input, passwordCiphertext: null })).thenThrows('VALIDATION', ['password']);
    given(smtpSettingsDecider, [configured]).when(cmd('ConfigureRakutenRelay', { ...input, passwordCiphertext: null })).thenNothing();
    const { passwordCiphertext: _p, ...withoutPassword } = { mailboxNumber: 3, ...input, port: 465 };
    given(smtpSettingsDecider, [configured]).when(cmd('ConfigureRakutenRelay', { ...input, port: 465, passwordCiphertext: null })).then([{ type: 'RakutenRelayConfigured', data: withoutPassword }]);
  });

  it('refuses a masked address as the real address, and bad host/port', () => {
    given(smtpSettingsDecider).when(cmd('ConfigureRakutenRelay', { ...input, realAddress: 'abc@pc.fw.rakuten.ne.jp' })).thenThrows('VALIDATION', ['realAddress']);
    given(smtpSettingsDecider).when(cmd('ConfigureRakutenRelay', { ...input, port: 70000 })).thenThrows('VALIDATION', ['port']);
    given(smtpSettingsDecider).when(cmd('ConfigureRakutenRelay', { ...input, host: 'bad host' })).thenThrows('VALIDATION', ['host']);
  });

  it('removes it; removing none is NOT_FOUND', () => {
    given(smtpSettingsDecider, [configured]).when(cmd('RemoveRakutenRelay', {})).then([{ type: 'RakutenRelayRemoved', data: { mailboxNumber: 3 } }]);
    given(smtpSettingsDecider).when(cmd('RemoveRakutenRelay', {})).thenThrows('NOT_FOUND');
  });
});
