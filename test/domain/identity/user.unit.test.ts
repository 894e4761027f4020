import { describe, expect, it } from 'vitest';
import { userDecider, type UserCommand, type UserEvent, type UserPermission } from '../../../src/domain/identity/user.decider.js';
import { FIXED_NOW, given, testMetadata } from '../../support/given.js';
import { requireText } from '../../../src/domain/shared/text.js';

const ID = '11111111-1111-4111-8111-111111111111';
const TOKEN_ID = '33333333-3333-4333-8333-333333333333';
const OTHER_TOKEN = '44444444-4444-4444-8444-444444444444';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
const NEW_HASH = HASH.replace('aGFz', 'bmV3');
const TOKEN_HASH = 'a'.repeat(64);

const cmd = <T extends UserCommand['type']>(type: T, data: Extract<UserCommand, { type: T }>['data']) =>
  ({ type, data, metadata: testMetadata() }) as UserCommand;

const registration = { userId: ID, username: 'alice', displayName: requireText([], 'Alice', 'displayName'), email: 'alice@example.com', passwordHash: HASH, isAdministrator: false };
const registered: UserEvent = { type: 'UserRegistered', data: registration };
const deactivated: UserEvent = { type: 'UserDeactivated', data: { userId: ID } };
const tokenIssued: UserEvent = {
  type: 'ApiTokenIssued',
  data: {
    userId: ID,
    tokenId: TOKEN_ID,
    name: requireText([], 'ci', 'name'),
    tokenHash: TOKEN_HASH,
    createdAt: FIXED_NOW.toISOString(),
    // The default lifetime: 90 days from the command time.
    expiresAt: '2030-04-02T03:04:05.000Z',
    readOnly: false,
    mayIssueTokens: false,
  },
};
const LIFETIME = { defaultDays: 90, maxDays: 365 };

describe('User: register', () => {
  it('registers with a lower-cased username and trimmed fields', () =>
    given(userDecider)
      .when(cmd('RegisterUser', { ...registration, username: ' Alice.B_1 ', displayName: ' Alice ', isAdministrator: true }))
      .then([{ type: 'UserRegistered', data: { ...registration, username: 'alice.b_1', isAdministrator: true } }]));

  it('refuses an existing user id', () =>
    given(userDecider, [registered]).when(cmd('RegisterUser', registration)).thenThrows('ALREADY_EXISTS', ['userId']));

  it.each(['ab', 'x'.repeat(65), 'has space', 'ümlaut', 'a/b'])('refuses username %j', (username) =>
    given(userDecider)
      .when(cmd('RegisterUser', { ...registration, username }))
      .thenThrows('VALIDATION', ['username']));

  it('says what a username may contain', () =>
    given(userDecider)
      .when(cmd('RegisterUser', { ...registration, username: 'a b' }))
      .thenThrows('VALIDATION', 'Expected 3–64 characters of a–z, 0–9, ".", "_" or "-", got "a b"'));

  it('accepts usernames of 3 and 64 characters', () => {
    for (const username of ['abc', 'x'.repeat(64)]) {
      given(userDecider)
        .when(cmd('RegisterUser', { ...registration, username }))
        .then([{ type: 'UserRegistered', data: { ...registration, username } }]);
    }
  });

  it('refuses a plaintext password in place of a hash, without echoing it', () =>
    given(userDecider)
      .when(cmd('RegisterUser', { ...registration, passwordHash: 'hunter2-plaintext' }))
      .thenThrows('VALIDATION', /^(?!.*hunter2).*PHC-format/));

  it('refuses an invalid e-mail', () =>
    given(userDecider).when(cmd('RegisterUser', { ...registration, email: 'alice' })).thenThrows('VALIDATION', ['email']));

  it('refuses an empty display name', () =>
    given(userDecider).when(cmd('RegisterUser', { ...registration, displayName: '' })).thenThrows('VALIDATION', ['displayName']));

  it('refuses a user id that is not a UUID', () =>
    given(userDecider).when(cmd('RegisterUser', { ...registration, userId: '42' })).thenThrows('VALIDATION', ['userId']));

  it('refuses a non-boolean administrator flag', () =>
    given(userDecider)
      .when(cmd('RegisterUser', { ...registration, isAdministrator: 'yes' as unknown as boolean }))
      .thenThrows('VALIDATION', ['isAdministrator']));
});

describe('User: password and profile', () => {


  it('changes the password hash', () =>
    given(userDecider, [registered])
      .when(cmd('ChangeUserPassword', { userId: ID, passwordHash: NEW_HASH }))
      .then([{ type: 'UserPasswordChanged', data: { userId: ID, passwordHash: NEW_HASH, endsSessions: true, keptSessionId: null } }]));

  it('changes the password of a deactivated user (prepares reactivation)', () =>
    given(userDecider, [registered, deactivated])
      .when(cmd('ChangeUserPassword', { userId: ID, passwordHash: NEW_HASH }))
      .then([{ type: 'UserPasswordChanged', data: { userId: ID, passwordHash: NEW_HASH, endsSessions: true, keptSessionId: null } }]));

  it('refuses commands for an unknown user', () =>
    given(userDecider).when(cmd('ChangeUserPassword', { userId: ID, passwordHash: NEW_HASH })).thenThrows('NOT_FOUND', ['userId']));

  it('changes the profile, keeping omitted fields', () =>
    given(userDecider, [registered])
      .when(cmd('ChangeUserProfile', { userId: ID, displayName: 'Alice B.' }))
      .then([{ type: 'UserProfileChanged', data: { userId: ID, displayName: 'Alice B.', email: 'alice@example.com' } }]));

  it('an unchanged profile appends nothing', () =>
    given(userDecider, [registered])
      .when(cmd('ChangeUserProfile', { userId: ID, displayName: 'Alice', email: 'alice@EXAMPLE.com' }))
      .thenNothing());

  it('refuses an invalid e-mail in the profile', () =>
    given(userDecider, [registered]).when(cmd('ChangeUserProfile', { userId: ID, email: 'x@' })).thenThrows('VALIDATION', ['email']));
});

describe('User: permissions', () => {
  const granted: UserEvent = { type: 'UserPermissionGranted', data: { userId: ID, permission: 'MAILBOX_RESET' } };

  it('grants MAILBOX_RESET', () =>
    given(userDecider, [registered]).when(cmd('GrantUserPermission', { userId: ID, permission: 'MAILBOX_RESET' })).then([granted]));

  it('refuses to grant a held permission', () =>
    given(userDecider, [registered, granted])
      .when(cmd('GrantUserPermission', { userId: ID, permission: 'MAILBOX_RESET' }))
      .thenThrows('ALREADY_EXISTS', ['permission']));

  it('refuses an unknown permission', () =>
    given(userDecider, [registered])
      .when(cmd('GrantUserPermission', { userId: ID, permission: 'ROOT' as UserPermission }))
      .thenThrows('VALIDATION', 'Expected one of MAILBOX_RESET, got "ROOT"'));

  it('revokes a held permission', () =>
    given(userDecider, [registered, granted])
      .when(cmd('RevokeUserPermission', { userId: ID, permission: 'MAILBOX_RESET' }))
      .then([{ type: 'UserPermissionRevoked', data: { userId: ID, permission: 'MAILBOX_RESET' } }]));

  it('nobody holds MAILBOX_RESET by default: revoking it right after registration is refused', () =>
    given(userDecider, [registered])
      .when(cmd('RevokeUserPermission', { userId: ID, permission: 'MAILBOX_RESET' }))
      .thenThrows('ILLEGAL_STATE', ['permission']));
});

describe('User: password change ends sessions and, on request, API tokens', () => {
  it('names the session it was made from, which stays', () =>
    given(userDecider, [registered])
      .when(cmd('ChangeUserPassword', { userId: ID, passwordHash: NEW_HASH, keptSessionId: 'session-1' }))
      .then([{ type: 'UserPasswordChanged', data: { userId: ID, passwordHash: NEW_HASH, endsSessions: true, keptSessionId: 'session-1' } }]));

  it('revokes every live API token in the same decision when asked', () =>
    given(userDecider, [registered, tokenIssued, { ...tokenIssued, data: { ...tokenIssued.data, tokenId: OTHER_TOKEN } } as UserEvent, { type: 'ApiTokenRevoked', data: { userId: ID, tokenId: OTHER_TOKEN, revokedAt: '2030-01-01T00:00:00.000Z' } }])
      .when(cmd('ChangeUserPassword', { userId: ID, passwordHash: NEW_HASH, revokeApiTokens: true }))
      .then([
        { type: 'UserPasswordChanged', data: { userId: ID, passwordHash: NEW_HASH, endsSessions: true, keptSessionId: null } },
        { type: 'ApiTokenRevoked', data: { userId: ID, tokenId: TOKEN_ID, revokedAt: FIXED_NOW.toISOString() } },
      ]));

  it('ends one named session', () =>
    given(userDecider, [registered])
      .when(cmd('EndUserSession', { userId: ID, sessionId: 'session-2' }))
      .then([{ type: 'UserSessionEnded', data: { userId: ID, sessionId: 'session-2' } }]));
});

describe('User: API token lifetimes', () => {
  it('refuses an expiry beyond the maximum lifetime', () =>
    given(userDecider, [registered])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'ci', tokenHash: TOKEN_HASH, lifetime: LIFETIME, expiresAt: '2031-06-01T00:00:00Z' }))
      .thenThrows('VALIDATION', /Expected at most 365 days from now \(2031-01-02T03:04:05.000Z\), got 2031-06-01T00:00:00.000Z/));

  it('records read-only and may-issue-tokens', () =>
    given(userDecider, [registered])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'ci', tokenHash: TOKEN_HASH, lifetime: LIFETIME, readOnly: true, mayIssueTokens: true }))
      .then([{ type: 'ApiTokenIssued', data: { ...tokenIssued.data, readOnly: true, mayIssueTokens: true } } as UserEvent]));

  it('shortens the default to the issuing token\'s expiry, and refuses a later explicit one', () => {
    const issuerExpiresAt = '2030-01-10T00:00:00.000Z';
    given(userDecider, [registered])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'ci', tokenHash: TOKEN_HASH, lifetime: LIFETIME, issuerExpiresAt }))
      .then([{ type: 'ApiTokenIssued', data: { ...tokenIssued.data, expiresAt: issuerExpiresAt } } as UserEvent]);
    given(userDecider, [registered])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'ci', tokenHash: TOKEN_HASH, lifetime: LIFETIME, issuerExpiresAt, expiresAt: '2030-02-01T00:00:00Z' }))
      .thenThrows('VALIDATION', /issuing token's expiry/);
  });
});

describe('User: API tokens', () => {
  it('issues a token stamped with the command time', () =>
    given(userDecider, [registered])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: ' ci ', tokenHash: TOKEN_HASH, lifetime: LIFETIME }))
      .then([tokenIssued]));

  it('issues a token with an expiry', () =>
    given(userDecider, [registered])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'ci', tokenHash: TOKEN_HASH, lifetime: LIFETIME, expiresAt: '2030-02-01T00:00:00Z' }))
      .then([{ type: 'ApiTokenIssued', data: { ...tokenIssued.data, expiresAt: '2030-02-01T00:00:00.000Z' } } as UserEvent]));

  it('refuses an expiry in the past', () =>
    given(userDecider, [registered])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'ci', tokenHash: TOKEN_HASH, lifetime: LIFETIME, expiresAt: '2029-01-01T00:00:00Z' }))
      .thenThrows('VALIDATION', /Expected a time after now \(2030-01-02T03:04:05.000Z\), got 2029-01-01T00:00:00.000Z/));

  it('refuses a token hash that is not sha256 hex', () =>
    given(userDecider, [registered])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'ci', tokenHash: 'mr_t_plaintext', lifetime: LIFETIME }))
      .thenThrows('VALIDATION', ['tokenHash']));

  it('refuses a duplicate token id', () =>
    given(userDecider, [registered, tokenIssued])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'again', tokenHash: 'b'.repeat(64), lifetime: LIFETIME }))
      .thenThrows('ALREADY_EXISTS', ['tokenId']));

  it('refuses tokens for a deactivated user', () =>
    given(userDecider, [registered, deactivated])
      .when(cmd('IssueApiToken', { userId: ID, tokenId: TOKEN_ID, name: 'ci', tokenHash: TOKEN_HASH, lifetime: LIFETIME }))
      .thenThrows('ILLEGAL_STATE', /deactivated/));

  it('revokes a token', () =>
    given(userDecider, [registered, tokenIssued])
      .when(cmd('RevokeApiToken', { userId: ID, tokenId: TOKEN_ID }))
      .then([{ type: 'ApiTokenRevoked', data: { userId: ID, tokenId: TOKEN_ID, revokedAt: FIXED_NOW.toISOString() } }]));

  it('refuses to revoke an unknown token', () =>
    given(userDecider, [registered]).when(cmd('RevokeApiToken', { userId: ID, tokenId: TOKEN_ID })).thenThrows('NOT_FOUND', ['tokenId']));

  it('refuses to revoke a token twice', () =>
    given(userDecider, [
      registered,
      tokenIssued,
      { type: 'ApiTokenRevoked', data: { userId: ID, tokenId: TOKEN_ID, revokedAt: FIXED_NOW.toISOString() } },
    ])
      .when(cmd('RevokeApiToken', { userId: ID, tokenId: TOKEN_ID }))
      .thenThrows('ILLEGAL_STATE', /already revoked/));
});

describe('User: activation', () => {
  it('deactivates', () => given(userDecider, [registered]).when(cmd('DeactivateUser', { userId: ID })).then([deactivated]));

  it('refuses to deactivate twice', () =>
    given(userDecider, [registered, deactivated]).when(cmd('DeactivateUser', { userId: ID })).thenThrows('ILLEGAL_STATE'));

  it('reactivates', () =>
    given(userDecider, [registered, deactivated])
      .when(cmd('ReactivateUser', { userId: ID }))
      .then([{ type: 'UserReactivated', data: { userId: ID } }]));

  it('refuses to reactivate an active user', () =>
    given(userDecider, [registered]).when(cmd('ReactivateUser', { userId: ID })).thenThrows('ILLEGAL_STATE', /already active/));
});

describe('secret event fields', () => {
  it('every hash-carrying field of an identity event is marked secret', async () => {
    const { identitySecretFields } = await import('../../../src/domain/identity/index.js');
    const samples: UserEvent[] = [registered, tokenIssued, { type: 'UserPasswordChanged', data: { userId: ID, passwordHash: HASH } }];
    for (const event of samples) {
      const hashFields = Object.keys(event.data).filter((k) => /hash|password|secret|token$/i.test(k));
      expect(hashFields.length, event.type).toBeGreaterThan(0);
      expect([...(identitySecretFields as Record<string, readonly string[]>)[event.type]!].sort(), event.type).toEqual(hashFields.sort());
    }
  });
});
