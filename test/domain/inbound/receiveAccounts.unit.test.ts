import { describe, it } from 'vitest';
import {
  receiveAccountHints,
  receiveAccountsDecider,
  settingsView,
  type OAuthCredentialLookup,
  type ReceiveAccountInput,
  type ReceiveAccountSettings,
  type ReceiveAccountsCommand,
  type ReceiveAccountsEvent,
} from '../../../src/domain/inbound/receiveAccounts.decider.js';
import { requireText } from '../../../src/domain/shared/text.js';
import { given, testMetadata } from '../../support/given.js';

/** A display name as the decider stores it (only the text rule makes one). */
const checked = (name: string) => requireText([], name, 'displayName');
import { expect } from 'vitest';

const CIPHER = 'v1.0f0e0d0c-0b0a-4908-8706-050403020100.aXY.dGFn.ZGF0YQ';
const CIPHER2 = 'v1.0f0e0d0c-0b0a-4908-8706-050403020100.aXY.dGFn.b3RoZXI';
const CREDENTIAL = '33333333-3333-4333-8333-333333333333';
const id = (n: number) => `aaaaaaaa-aaaa-4aaa-8aaa-${String(n).padStart(12, '0')}`;

const popInput: ReceiveAccountInput = {
  displayName: 'Support POP',
  protocol: 'POP3',
  host: 'Mail.Example.COM',
  encryption: 'SSL_TLS',
  authMethod: 'PASSWORD',
  username: 'support',
  passwordCiphertext: CIPHER,
};

const popSettings: ReceiveAccountSettings = {
  displayName: checked('Support POP'),
  protocol: 'POP3',
  host: 'mail.example.com',
  port: 995,
  encryption: 'SSL_TLS',
  auth: { method: 'PASSWORD', username: 'support', passwordCiphertext: CIPHER },
  errorNotificationAddress: null,
  leaveOnServer: false,
  deleteDuplicates: false,
  enabled: true,
  fetchIntervalMinutes: null,
  idleEnabled: false,
};

const credential = (over: Partial<OAuthCredentialLookup> = {}): OAuthCredentialLookup => ({
  credentialId: CREDENTIAL,
  mailboxNumber: 1,
  enabled: true,
  deleted: false,
  ...over,
});

const addCmd = (input: ReceiveAccountInput, accountId = id(1), oauthCredential: OAuthCredentialLookup | null = null): ReceiveAccountsCommand => ({
  type: 'AddReceiveAccount',
  data: { mailboxNumber: 1, accountId, input, oauthCredential },
  metadata: testMetadata(),
});
const changeCmd = (input: ReceiveAccountInput, oauthCredential: OAuthCredentialLookup | null = null, accountId = id(1)): ReceiveAccountsCommand => ({
  type: 'ChangeReceiveAccount',
  data: { mailboxNumber: 1, accountId, input, oauthCredential },
  metadata: testMetadata(),
});
const added = (settings: ReceiveAccountSettings, accountId = id(1)): ReceiveAccountsEvent => ({
  type: 'ReceiveAccountAdded',
  data: {
    mailboxNumber: 1,
    accountId,
    settings: settingsView(settings),
    ...(settings.auth.method === 'PASSWORD' ? { passwordCiphertext: settings.auth.passwordCiphertext } : {}),
  },
});
const changed = (settings: ReceiveAccountSettings, changedFields: string[], accountId = id(1)): ReceiveAccountsEvent => ({
  type: 'ReceiveAccountChanged',
  data: {
    mailboxNumber: 1,
    accountId,
    settings: settingsView(settings),
    changedFields,
    ...(changedFields.includes('password') && settings.auth.method === 'PASSWORD' ? { passwordCiphertext: settings.auth.passwordCiphertext } : {}),
  },
});

describe('Receive accounts: ports and encryption', () => {
  it.each([
    ['POP3', 'NONE', 110],
    ['POP3', 'SSL_TLS', 995],
    ['POP3', 'STARTTLS', 110],
    ['APOP', 'SSL_TLS', 995],
    ['IMAP', 'NONE', 143],
    ['IMAP', 'SSL_TLS', 993],
    ['IMAP', 'STARTTLS', 143],
  ] as const)('%s with %s defaults to port %i', (protocol, encryption, port) =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, protocol, encryption }))
      .then(added({ ...popSettings, protocol, encryption, port, idleEnabled: protocol === 'IMAP' })));

  it('keeps an explicit port and lower-cases the host', () =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, port: 1995 })).then(added({ ...popSettings, port: 1995 })));

  it.each([0, 65536, 1.5])('refuses port %s', (port) =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, port })).thenThrows('VALIDATION', ['port']));

  it.each(['SSL', 'TLS', 'SMTPS', 'starttls'])('refuses encryption %j: only NONE, SSL_TLS and STARTTLS exist', (encryption) =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, encryption: encryption as never }))
      .thenThrows('VALIDATION', /Expected one of NONE, SSL_TLS, STARTTLS/));

  it('refuses an unknown protocol', () =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, protocol: 'SMTP' as never })).thenThrows('VALIDATION', ['protocol']));

  it.each(['', 'mail example.com', 'exa_mple.com', '-bad.example.com'])('refuses host %j', (host) =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, host })).thenThrows('VALIDATION', ['host']));

  it('a default port follows a protocol change on edit; a custom port stays', () => {
    given(receiveAccountsDecider, [added(popSettings)])
      .when(changeCmd({ protocol: 'IMAP' }))
      .then(changed({ ...popSettings, protocol: 'IMAP', port: 993, idleEnabled: true }, ['protocol', 'port', 'idleEnabled']));
    given(receiveAccountsDecider, [added({ ...popSettings, port: 2995 })])
      .when(changeCmd({ protocol: 'IMAP' }))
      .then(changed({ ...popSettings, protocol: 'IMAP', port: 2995, idleEnabled: true }, ['protocol', 'idleEnabled']));
  });
});

describe('Receive accounts: IMAP IDLE push', () => {
  const imapInput = { ...popInput, protocol: 'IMAP' as const };
  const imapSettings = { ...popSettings, protocol: 'IMAP' as const, port: 993, idleEnabled: true };

  it('is on by default for IMAP and can be switched off and on', () => {
    given(receiveAccountsDecider).when(addCmd(imapInput)).then(added(imapSettings));
    given(receiveAccountsDecider, [added(imapSettings)])
      .when(changeCmd({ idleEnabled: false }))
      .then(changed({ ...imapSettings, idleEnabled: false }, ['idleEnabled']));
  });

  it('is refused for POP3 and APOP, saying they are polled', () => {
    given(receiveAccountsDecider).when(addCmd({ ...popInput, idleEnabled: true })).thenThrows('VALIDATION', ['idleEnabled']);
    given(receiveAccountsDecider).when(addCmd({ ...popInput, protocol: 'APOP', idleEnabled: true })).thenThrows('VALIDATION', /IMAP only/);
  });

  it('an IMAP account switched to POP3 stops pushing; an account from before the setting reads by its protocol', () => {
    given(receiveAccountsDecider, [added(imapSettings)])
      .when(changeCmd({ protocol: 'POP3' }))
      .then(changed({ ...popSettings, idleEnabled: false }, ['protocol', 'port', 'idleEnabled']));
    const { idleEnabled: _, ...legacy } = imapSettings;
    const state = receiveAccountsDecider.evolve(receiveAccountsDecider.initialState(), added(legacy as typeof imapSettings));
    expect([...state.accounts.values()][0]!.idleEnabled).toBe(true);
  });
});

describe('Receive accounts: leave-on-server and delete-duplicates', () => {
  it('accepts delete-duplicates with POP3 and leave-on-server', () =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, leaveOnServer: true, deleteDuplicates: true }))
      .then(added({ ...popSettings, leaveOnServer: true, deleteDuplicates: true })));

  it('accepts delete-duplicates with APOP and leave-on-server', () =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, protocol: 'APOP', leaveOnServer: true, deleteDuplicates: true }))
      .then(added({ ...popSettings, protocol: 'APOP', leaveOnServer: true, deleteDuplicates: true })));

  it('refuses delete-duplicates without leave-on-server, saying what is required', () =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, deleteDuplicates: true }))
      .thenThrows('VALIDATION', /only when the protocol is POP3 or APOP and leave-on-server is on; got protocol POP3 with leave-on-server off/));

  it('refuses delete-duplicates with IMAP', () =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, protocol: 'IMAP', deleteDuplicates: true }))
      .thenThrows('VALIDATION', ['deleteDuplicates']));

  it('refuses leave-on-server with IMAP', () =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, protocol: 'IMAP', leaveOnServer: true }))
      .thenThrows('VALIDATION', ['leaveOnServer']));

  it('turning leave-on-server off while delete-duplicates stays on is refused', () =>
    given(receiveAccountsDecider, [added({ ...popSettings, leaveOnServer: true, deleteDuplicates: true })])
      .when(changeCmd({ leaveOnServer: false }))
      .thenThrows('VALIDATION', ['deleteDuplicates']));
});

describe('Receive accounts: authentication', () => {
  it('requires a password for password authentication', () =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, passwordCiphertext: undefined })).thenThrows('VALIDATION', ['password']));

  it('refuses a plaintext password (only vault ciphertext may reach an event)', () =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, passwordCiphertext: 'hunter2' })).thenThrows('VALIDATION', /value not shown/));

  it('requires an account name', () =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, username: '  ' })).thenThrows('VALIDATION', ['username']));

  it('keeps the stored password when an edit omits it, and records a new one as changed', () => {
    given(receiveAccountsDecider, [added(popSettings)]).when(changeCmd({ displayName: 'Support POP' })).thenNothing();
    // The ciphertext rides beside the settings, and only when it changed.
    given(receiveAccountsDecider, [added(popSettings)]).when(changeCmd({ displayName: 'Renamed' })).then(changed({ ...popSettings, displayName: checked('Renamed') }, ['displayName']));
    given(receiveAccountsDecider, [added(popSettings), changed({ ...popSettings, displayName: checked('Renamed') }, ['displayName'])])
      .when(changeCmd({ displayName: 'Support POP' }))
      .then(changed(popSettings, ['displayName']));
    given(receiveAccountsDecider, [added(popSettings)])
      .when(changeCmd({ passwordCiphertext: CIPHER2 }))
      .then(changed({ ...popSettings, auth: { method: 'PASSWORD', username: 'support', passwordCiphertext: CIPHER2 } }, ['password']));
  });

  it('uses a registered, enabled OAuth credential of the mailbox', () =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, protocol: 'IMAP', authMethod: 'OAUTH2', credentialId: CREDENTIAL, passwordCiphertext: undefined }, id(1), credential()))
      .then(added({ ...popSettings, protocol: 'IMAP', port: 993, idleEnabled: true, auth: { method: 'OAUTH2', username: 'support', credentialId: CREDENTIAL } })));

  it('refuses OAuth without a credential, with an unknown one, one of another mailbox, a deleted or a disabled one', () => {
    const oauth = { ...popInput, authMethod: 'OAUTH2' as const, credentialId: CREDENTIAL };
    given(receiveAccountsDecider).when(addCmd({ ...oauth, credentialId: null })).thenThrows('VALIDATION', ['credentialId']);
    given(receiveAccountsDecider).when(addCmd(oauth, id(1), null)).thenThrows('NOT_FOUND', ['credentialId']);
    given(receiveAccountsDecider).when(addCmd(oauth, id(1), credential({ mailboxNumber: 2 }))).thenThrows('NOT_FOUND', ['credentialId']);
    given(receiveAccountsDecider).when(addCmd(oauth, id(1), credential({ deleted: true }))).thenThrows('NOT_FOUND', ['credentialId']);
    given(receiveAccountsDecider).when(addCmd(oauth, id(1), credential({ enabled: false }))).thenThrows('ILLEGAL_STATE', /disabled/);
  });

  it('refuses OAuth with APOP (a password-digest login)', () =>
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, protocol: 'APOP', authMethod: 'OAUTH2', credentialId: CREDENTIAL }, id(1), credential()))
      .thenThrows('VALIDATION', /APOP .* cannot use OAuth/));

  it('switching back from OAuth to password needs a password', () =>
    given(receiveAccountsDecider, [added({ ...popSettings, auth: { method: 'OAUTH2', username: 'support', credentialId: CREDENTIAL } })])
      .when(changeCmd({ authMethod: 'PASSWORD' }))
      .thenThrows('VALIDATION', ['password']));
});

describe('Receive accounts: other fields', () => {
  it('validates the error-notification address; empty means none', () => {
    given(receiveAccountsDecider).when(addCmd({ ...popInput, errorNotificationAddress: 'not-mail' })).thenThrows('VALIDATION', ['errorNotificationAddress']);
    given(receiveAccountsDecider).when(addCmd({ ...popInput, errorNotificationAddress: ' ' })).then(added(popSettings));
    given(receiveAccountsDecider)
      .when(addCmd({ ...popInput, errorNotificationAddress: 'ops@Example.com' }))
      .then(added({ ...popSettings, errorNotificationAddress: 'ops@example.com' }));
  });

  it.each([0, 1441, 2.5])('refuses a fetch interval override of %s minutes', (fetchIntervalMinutes) =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, fetchIntervalMinutes })).thenThrows('VALIDATION', ['fetchIntervalMinutes']));

  it('refuses a display name over 100 characters', () =>
    given(receiveAccountsDecider).when(addCmd({ ...popInput, displayName: 'x'.repeat(101) })).thenThrows('VALIDATION', ['displayName']));

  it('refuses the same server account twice (APOP and POP3 are the same maildrop)', () =>
    given(receiveAccountsDecider, [added(popSettings)])
      .when(addCmd({ ...popInput, protocol: 'APOP', displayName: 'Again' }, id(2)))
      .thenThrows('ALREADY_EXISTS', ['username']));
});

describe('Receive accounts: the limit of 6 per mailbox', () => {
  const six = [1, 2, 3, 4, 5, 6].map((n) => added({ ...popSettings, auth: { ...popSettings.auth, username: `user${n}` } }, id(n)));

  it('accepts the 6th account', () =>
    given(receiveAccountsDecider, six.slice(0, 5))
      .when(addCmd({ ...popInput, username: 'user6' }, id(6)))
      .then(added({ ...popSettings, auth: { ...popSettings.auth, username: 'user6' } }, id(6))));

  it('refuses the 7th and says to use forwarding instead', () =>
    given(receiveAccountsDecider, six).when(addCmd({ ...popInput, username: 'user7' }, id(7))).thenThrows('ILLEGAL_STATE', /most allowed is 6.*forward/));

  it('a deleted account frees its place, and its id is not reused', () => {
    const deleted: ReceiveAccountsEvent = { type: 'ReceiveAccountDeleted', data: { mailboxNumber: 1, accountId: id(6), displayName: 'Support POP' } };
    given(receiveAccountsDecider, [...six, deleted])
      .when(addCmd({ ...popInput, username: 'user7' }, id(7)))
      .then(added({ ...popSettings, auth: { ...popSettings.auth, username: 'user7' } }, id(7)));
    given(receiveAccountsDecider, [...six, deleted]).when(addCmd({ ...popInput, username: 'user7' }, id(6))).thenThrows('ALREADY_EXISTS', ['accountId']);
  });
});

describe('Receive accounts: delete and auto-fetch', () => {
  it('deletes an account; an unknown one is NOT_FOUND', () => {
    given(receiveAccountsDecider, [added(popSettings)])
      .when({ type: 'DeleteReceiveAccount', data: { mailboxNumber: 1, accountId: id(1) }, metadata: testMetadata() })
      .then({ type: 'ReceiveAccountDeleted', data: { mailboxNumber: 1, accountId: id(1), displayName: 'Support POP' } });
    given(receiveAccountsDecider)
      .when({ type: 'DeleteReceiveAccount', data: { mailboxNumber: 1, accountId: id(1) }, metadata: testMetadata() })
      .thenThrows('NOT_FOUND', ['accountId']);
  });

  it('changes the interval and on/off; the same values append nothing', () => {
    const cmd = (data: { enabled?: boolean; intervalMinutes?: number }): ReceiveAccountsCommand => ({
      type: 'ChangeAutoFetchSettings',
      data: { mailboxNumber: 1, ...data },
      metadata: testMetadata(),
    });
    given(receiveAccountsDecider).when(cmd({ intervalMinutes: 5 })).then({ type: 'AutoFetchSettingsChanged', data: { mailboxNumber: 1, enabled: true, intervalMinutes: 5 } });
    given(receiveAccountsDecider).when(cmd({ enabled: true, intervalMinutes: 10 })).thenNothing();
    given(receiveAccountsDecider).when(cmd({ enabled: false })).then({ type: 'AutoFetchSettingsChanged', data: { mailboxNumber: 1, enabled: false, intervalMinutes: 10 } });
    given(receiveAccountsDecider).when(cmd({ intervalMinutes: 0 })).thenThrows('VALIDATION', ['intervalMinutes']);
  });
});

describe('Receive accounts: hints', () => {
  it('tells that Google decides leave-on-server for its POP servers', () => {
    expect(receiveAccountHints({ host: 'pop.gmail.com', protocol: 'POP3' })).toEqual(['GOOGLE_DECIDES_LEAVE_ON_SERVER']);
    expect(receiveAccountHints({ host: 'imap.gmail.com', protocol: 'IMAP' })).toEqual([]);
    expect(receiveAccountHints({ host: 'notgmail.com', protocol: 'POP3' })).toEqual([]);
  });
});
