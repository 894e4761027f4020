import { describe, expect, it } from 'vitest';
import {
  connectionFingerprint,
  smtpSettingsDecider,
  type SmtpSettingsCommand,
  type SmtpSettingsEvent,
  type TestMailReceipt,
} from '../../../src/domain/outbound/index.js';
import { rakutenConnectionOf } from '../../../src/domain/outbound/smtpSettings.events.js';
import { requireText } from '../../../src/domain/shared/text.js';
import { FIXED_NOW, given, testMetadata } from '../../support/given.js';

/** Names and users as the decider stores them (only the text rule makes one). */
const name = (s: string) => requireText([], s, 'name');
const user = (s: string) => requireText([], s, 'accountName');

const CIPHER = 'v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.ZGF0YQ';
const CIPHER2 = 'v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.b3RoZXI';
const S1 = '51111111-1111-4111-8111-111111111111';
const S2 = '52222222-2222-4222-8222-222222222222';
const ALICE = 'u1111111-1111-4111-8111-111111111111';
const TESTED_AT = new Date(FIXED_NOW.getTime() - 60_000).toISOString();
const SALT = 'c2FsdA';

const meta = testMetadata({ actorId: ALICE });
const cmd = <T extends SmtpSettingsCommand['type']>(type: T, data: Omit<Extract<SmtpSettingsCommand, { type: T }>['data'], 'mailboxNumber'>) =>
  ({ type, data: { mailboxNumber: 3, ...data }, metadata: meta }) as SmtpSettingsCommand;

const connection = { host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', auth: { method: 'PASSWORD', user: 'relay-user', mechanism: 'AUTO', passwordCiphertext: CIPHER } };
const added = (serverId = S1): SmtpSettingsEvent => ({
  type: 'SmtpServerAdded',
  data: { mailboxNumber: 3, serverId, name: name('Corporate relay'), host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', auth: { method: 'PASSWORD', user: user('relay-user'), mechanism: 'AUTO' }, passwordCiphertext: CIPHER },
});
const changed = (over: Partial<{ name: string; host: string; port: number; passwordCiphertext: string }>): SmtpSettingsEvent => {
  const { passwordCiphertext: _p, ...kept } = (added() as Extract<SmtpSettingsEvent, { type: 'SmtpServerAdded' }>).data;
  const { name: newName, ...rest } = over;
  return { type: 'SmtpServerChanged', data: { ...kept, ...rest, ...(newName === undefined ? {} : { name: name(newName) }) } };
};
const receipt = (over: Partial<TestMailReceipt> = {}): TestMailReceipt => ({
  mailboxNumber: 3,
  target: { kind: 'SAVED', serverId: S1 },
  testMailId: '<t1@example.com>',
  to: 'ops@example.net',
  testedAt: TESTED_AT,
  salt: SALT,
  fingerprint: connectionFingerprint(SALT, connection),
  ...over,
});
const verified = (serverId = S1, testMailId = '<t1@example.com>'): SmtpSettingsEvent => ({
  type: 'SmtpServerVerified',
  data: { mailboxNumber: 3, serverId, testMailId, to: 'ops@example.net', testedAt: TESTED_AT, verifiedAt: FIXED_NOW.toISOString(), verifiedBy: ALICE },
});
const stateAfter = (events: SmtpSettingsEvent[]) => events.reduce(smtpSettingsDecider.evolve, smtpSettingsDecider.initialState());

describe('confirming a test mail (「はい」)', () => {
  it('given a saved server and a receipt of a test through its connection, records who confirmed which test mail and when', () =>
    given(smtpSettingsDecider, [added()]).when(cmd('ConfirmTestMail', { serverId: S1, receipt: receipt() })).then([verified()]));

  it('confirming the same test mail again appends nothing', () =>
    given(smtpSettingsDecider, [added(), verified()]).when(cmd('ConfirmTestMail', { serverId: S1, receipt: receipt() })).thenNothing());

  it('refuses a receipt of a test mail through another server', () =>
    given(smtpSettingsDecider, [added(), added(S2)])
      .when(cmd('ConfirmTestMail', { serverId: S2, receipt: receipt() }))
      .thenThrows('ILLEGAL_STATE', /receipt is for a test mail through server "5111.*not through server "5222/));

  it('refuses a receipt of unsaved settings for a saved server', () =>
    given(smtpSettingsDecider, [added()])
      .when(cmd('ConfirmTestMail', { serverId: S1, receipt: receipt({ target: { kind: 'UNSAVED', serverKind: 'EXTERNAL' } }) }))
      .thenThrows('ILLEGAL_STATE', ['testMailReceipt']));

  it.each([
    ['host', { host: 'smtp2.example.com' }],
    ['port', { port: 465 }],
    ['password', { passwordCiphertext: CIPHER2 }],
  ])('refuses when the %s changed since the test mail', (_what, over) =>
    given(smtpSettingsDecider, [added(), changed(over)])
      .when(cmd('ConfirmTestMail', { serverId: S1, receipt: receipt() }))
      .thenThrows('ILLEGAL_STATE', /changed since this test mail was sent/));

  it('a rename is not a connection change: the test still confirms', () =>
    given(smtpSettingsDecider, [added(), changed({ name: 'Renamed relay' })]).when(cmd('ConfirmTestMail', { serverId: S1, receipt: receipt() })).then([verified()]));

  it('refuses a receipt older than 24 hours, and one of another mailbox', () => {
    const old = new Date(FIXED_NOW.getTime() - 24 * 60 * 60_000 - 1).toISOString();
    given(smtpSettingsDecider, [added()]).when(cmd('ConfirmTestMail', { serverId: S1, receipt: receipt({ testedAt: old }) })).thenThrows('ILLEGAL_STATE', /more than 24 hours ago/);
    given(smtpSettingsDecider, [added()]).when(cmd('ConfirmTestMail', { serverId: S1, receipt: receipt({ mailboxNumber: 4 }) })).thenThrows('VALIDATION', ['testMailReceipt']);
  });

  it('refuses the built-in server, an unknown server and a relay that is not configured', () => {
    given(smtpSettingsDecider).when(cmd('ConfirmTestMail', { serverId: 'builtin', receipt: receipt({ target: { kind: 'SAVED', serverId: 'builtin' } }) })).thenThrows('ILLEGAL_STATE', ['serverId']);
    given(smtpSettingsDecider).when(cmd('ConfirmTestMail', { serverId: S1, receipt: receipt() })).thenThrows('NOT_FOUND', ['serverId']);
    given(smtpSettingsDecider).when(cmd('ConfirmTestMail', { serverId: 'rakuten-relay', receipt: receipt() })).thenThrows('NOT_FOUND', ['serverId']);
  });
});

describe('a verification lapses with the connection', () => {
  it('a change of host, port or password clears it; a rename keeps it', () => {
    expect(stateAfter([added(), verified(), changed({ name: 'Renamed' })]).verifications.get(S1)?.testMailId).toBe('<t1@example.com>');
    for (const over of [{ host: 'smtp2.example.com' }, { port: 465 }, { passwordCiphertext: CIPHER2 }]) {
      expect(stateAfter([added(), verified(), changed(over)]).verifications.has(S1)).toBe(false);
    }
    expect(stateAfter([added(), verified(), { type: 'SmtpServerRemoved', data: { mailboxNumber: 3, serverId: S1 } }]).verifications.size).toBe(0);
  });
});

describe('test mail, then register in one go', () => {
  const serverInput = {
    serverId: S1,
    name: 'Corporate relay',
    host: 'smtp.example.com',
    port: 587,
    encryption: 'STARTTLS' as const,
    auth: { method: 'PASSWORD' as const, user: 'relay-user', passwordCiphertext: CIPHER as string | null },
  };
  const unsaved = receipt({ target: { kind: 'UNSAVED', serverKind: 'EXTERNAL' }, fingerprint: 'tested-fp' });

  it('given a receipt of the same unsaved settings, the server is added and verified at once', () =>
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { ...serverInput, tested: { receipt: unsaved, fingerprint: 'tested-fp' } })).then([added(), verified()]));

  it('refuses the add when the settings differ from those tested, and adds nothing', () =>
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { ...serverInput, tested: { receipt: unsaved, fingerprint: 'other-fp' } })).thenThrows('VALIDATION', ['testMailReceipt']));

  it('refuses a receipt of a saved server or of the Rakuten relay for a new server', () => {
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { ...serverInput, tested: { receipt: receipt({ fingerprint: 'tested-fp' }), fingerprint: 'tested-fp' } })).thenThrows('ILLEGAL_STATE');
    const relayReceipt = receipt({ target: { kind: 'UNSAVED', serverKind: 'RAKUTEN_RELAY' }, fingerprint: 'tested-fp' });
    given(smtpSettingsDecider).when(cmd('AddSmtpServer', { ...serverInput, tested: { receipt: relayReceipt, fingerprint: 'tested-fp' } })).thenThrows('ILLEGAL_STATE');
  });
});

describe('the Rakuten relay', () => {
  const relay = { realAddress: 'shop@example.com', contactAddress: null, host: 'relay.example.jp', port: 587, encryption: 'STARTTLS' as const, user: 'shop-id' };
  const configured = (over: Partial<typeof relay> = {}, passwordCiphertext: string | undefined = CIPHER): SmtpSettingsEvent => ({
    type: 'RakutenRelayConfigured',
    data: { mailboxNumber: 3, ...relay, ...over, user: user(over.user ?? relay.user), ...(passwordCiphertext ? { passwordCiphertext } : {}) },
  });
  const relayConnection = rakutenConnectionOf({ ...relay, passwordCiphertext: CIPHER });
  const relayReceipt = receipt({ target: { kind: 'SAVED', serverId: 'rakuten-relay' }, fingerprint: connectionFingerprint(SALT, relayConnection) });

  it('a test through the relay confirms it; a host change lapses it, a contact address change keeps it', () => {
    given(smtpSettingsDecider, [configured()]).when(cmd('ConfirmTestMail', { serverId: 'rakuten-relay', receipt: relayReceipt })).then([verified('rakuten-relay')]);
    expect(stateAfter([configured(), verified('rakuten-relay'), configured({ contactAddress: 'contact@example.com' } as never, undefined)]).verifications.has('rakuten-relay')).toBe(true);
    expect(stateAfter([configured(), verified('rakuten-relay'), configured({ host: 'other.example.jp' }, undefined)]).verifications.has('rakuten-relay')).toBe(false);
    given(smtpSettingsDecider, [configured(), configured({ host: 'other.example.jp' }, undefined)])
      .when(cmd('ConfirmTestMail', { serverId: 'rakuten-relay', receipt: relayReceipt }))
      .thenThrows('ILLEGAL_STATE', /changed since/);
  });

  it('configured with a receipt of the same unsaved settings: configured and verified; unchanged settings: only verified', () => {
    const unsaved = receipt({ target: { kind: 'UNSAVED', serverKind: 'RAKUTEN_RELAY' }, fingerprint: 'fp' });
    const command = cmd('ConfigureRakutenRelay', { ...relay, passwordCiphertext: CIPHER, tested: { receipt: unsaved, fingerprint: 'fp' } });
    given(smtpSettingsDecider).when(command).then([configured(), verified('rakuten-relay')]);
    given(smtpSettingsDecider, [configured()])
      .when(cmd('ConfigureRakutenRelay', { ...relay, passwordCiphertext: null, tested: { receipt: unsaved, fingerprint: 'fp' } }))
      .then([verified('rakuten-relay')]);
    given(smtpSettingsDecider).when(cmd('ConfigureRakutenRelay', { ...relay, passwordCiphertext: CIPHER, tested: { receipt: unsaved, fingerprint: 'changed' } })).thenThrows('VALIDATION', ['testMailReceipt']);
  });
});
