import { describe, it } from 'vitest';
import {
  oauthCredentialDecider,
  type OAuthCredentialCommand,
  type OAuthCredentialEvent,
} from '../../../src/domain/inbound/oauthCredential.decider.js';
import { requireText } from '../../../src/domain/shared/text.js';
import { given, testMetadata } from '../../support/given.js';

const ID = '44444444-4444-4444-8444-444444444444';
const SECRET = 'v1.0f0e0d0c-0b0a-4908-8706-050403020100.aXY.dGFn.c2VjcmV0';
const SECRET2 = 'v1.0f0e0d0c-0b0a-4908-8706-050403020100.aXY.dGFn.c2VjcmV0Mg';
const REFRESH = 'v1.0f0e0d0c-0b0a-4908-8706-050403020100.aXY.dGFn.cmVmcmVzaA';

const cmd = <T extends OAuthCredentialCommand['type']>(type: T, data: Extract<OAuthCredentialCommand, { type: T }>['data']) =>
  ({ type, data, metadata: testMetadata() }) as OAuthCredentialCommand;

const googleInput = {
  mailboxNumber: 1,
  credentialId: ID,
  provider: 'GOOGLE' as const,
  displayName: ' Google Workspace ',
  clientId: 'client-1.apps.googleusercontent.com',
  clientSecretCiphertext: SECRET,
  tenant: null,
  scopes: ['https://mail.google.com/'],
  redirectUrl: 'https://app.example.com/oauth/callback',
  enabled: true,
};
const googleRegistered: OAuthCredentialEvent = {
  type: 'OAuthCredentialRegistered',
  data: { ...googleInput, displayName: requireText([], 'Google Workspace', 'displayName'), clientId: requireText([], googleInput.clientId, 'accountName') },
};
const microsoftRegistered: OAuthCredentialEvent = {
  type: 'OAuthCredentialRegistered',
  data: {
    ...googleInput,
    clientId: requireText([], googleInput.clientId, 'accountName'),
    provider: 'MICROSOFT',
    displayName: requireText([], 'M365', 'displayName'),
    tenant: 'contoso.onmicrosoft.com',
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access'],
  },
};
const { provider: _p, enabled: _e, clientSecretCiphertext: _s, ...googleFields } = googleRegistered.data as Extract<OAuthCredentialEvent, { type: 'OAuthCredentialRegistered' }>['data'];
const authorized: OAuthCredentialEvent = {
  type: 'OAuthCredentialAuthorized',
  data: { mailboxNumber: 1, credentialId: ID, refreshTokenCiphertext: REFRESH, grantedScopes: ['https://mail.google.com/'] },
};

describe('OAuth credential: register', () => {
  it('registers a Google credential', () => given(oauthCredentialDecider).when(cmd('RegisterOAuthCredential', googleInput)).then(googleRegistered));

  it('adds offline_access for Microsoft (no refresh token without it) and lower-cases the tenant', () =>
    given(oauthCredentialDecider)
      .when(
        cmd('RegisterOAuthCredential', {
          ...googleInput,
          provider: 'MICROSOFT',
          displayName: 'M365',
          tenant: 'Contoso.onmicrosoft.com',
          scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/IMAP.AccessAsUser.All'],
        }),
      )
      .then(microsoftRegistered));

  it('refuses Microsoft without a tenant, and a tenant for Google', () => {
    given(oauthCredentialDecider).when(cmd('RegisterOAuthCredential', { ...googleInput, provider: 'MICROSOFT' })).thenThrows('VALIDATION', ['tenant']);
    given(oauthCredentialDecider).when(cmd('RegisterOAuthCredential', { ...googleInput, tenant: 'common' })).thenThrows('VALIDATION', /Google credentials have no tenant/);
  });

  it('refuses an unknown provider, no scopes, a scope with a space, http redirects off loopback', () => {
    given(oauthCredentialDecider).when(cmd('RegisterOAuthCredential', { ...googleInput, provider: 'YAHOO' as never })).thenThrows('VALIDATION', ['provider']);
    given(oauthCredentialDecider).when(cmd('RegisterOAuthCredential', { ...googleInput, scopes: [] })).thenThrows('VALIDATION', ['scopes']);
    given(oauthCredentialDecider).when(cmd('RegisterOAuthCredential', { ...googleInput, scopes: ['a b'] })).thenThrows('VALIDATION', ['scopes', '0']);
    given(oauthCredentialDecider)
      .when(cmd('RegisterOAuthCredential', { ...googleInput, redirectUrl: 'http://app.example.com/cb' }))
      .thenThrows('VALIDATION', ['redirectUrl']);
    given(oauthCredentialDecider)
      .when(cmd('RegisterOAuthCredential', { ...googleInput, redirectUrl: 'http://127.0.0.1:8080/cb' }))
      .then({ ...googleRegistered, data: { ...googleRegistered.data, redirectUrl: 'http://127.0.0.1:8080/cb' } } as OAuthCredentialEvent);
  });

  it('refuses a plaintext client secret', () =>
    given(oauthCredentialDecider).when(cmd('RegisterOAuthCredential', { ...googleInput, clientSecretCiphertext: 'GOCSPX-plain' })).thenThrows('VALIDATION', ['clientSecret']));

  it('refuses registering the same id twice', () =>
    given(oauthCredentialDecider, [googleRegistered]).when(cmd('RegisterOAuthCredential', googleInput)).thenThrows('ALREADY_EXISTS'));
});

describe('OAuth credential: edit, enable, disable, delete', () => {
  it('renaming keeps the authorization', () =>
    given(oauthCredentialDecider, [googleRegistered, authorized])
      .when(cmd('ChangeOAuthCredential', { credentialId: ID, displayName: 'Google' }))
      .then({
        type: 'OAuthCredentialChanged',
        data: { ...googleFields, displayName: 'Google', changedFields: ['displayName'], authorizationReset: false, clientVersion: 1 } as never,
      }));

  it('a new client id drops the authorization and bumps the client version', () =>
    given(oauthCredentialDecider, [googleRegistered, authorized])
      .when(cmd('ChangeOAuthCredential', { credentialId: ID, clientId: 'client-2' }))
      .then({
        type: 'OAuthCredentialChanged',
        data: { ...googleFields, clientId: 'client-2', changedFields: ['clientId'], authorizationReset: true, clientVersion: 2 } as never,
      }));

  it('a new secret is recorded as changed without its value in changedFields', () =>
    given(oauthCredentialDecider, [googleRegistered])
      .when(cmd('ChangeOAuthCredential', { credentialId: ID, clientSecretCiphertext: SECRET2 }))
      .then({
        type: 'OAuthCredentialChanged',
        data: { ...googleFields, clientSecretCiphertext: SECRET2, changedFields: ['clientSecret'], authorizationReset: false, clientVersion: 1 } as never,
      }));

  it('an unchanged edit appends nothing', () =>
    given(oauthCredentialDecider, [googleRegistered]).when(cmd('ChangeOAuthCredential', { credentialId: ID, displayName: 'Google Workspace' })).thenNothing());

  it('disables and enables once each', () => {
    const disabled: OAuthCredentialEvent = { type: 'OAuthCredentialDisabled', data: { mailboxNumber: 1, credentialId: ID } };
    given(oauthCredentialDecider, [googleRegistered]).when(cmd('DisableOAuthCredential', { credentialId: ID })).then(disabled);
    given(oauthCredentialDecider, [googleRegistered, disabled]).when(cmd('DisableOAuthCredential', { credentialId: ID })).thenNothing();
    given(oauthCredentialDecider, [googleRegistered, disabled])
      .when(cmd('EnableOAuthCredential', { credentialId: ID }))
      .then({ type: 'OAuthCredentialEnabled', data: { mailboxNumber: 1, credentialId: ID } });
  });

  it('refuses to delete a credential in use, deletes an unused one, then refuses everything', () => {
    given(oauthCredentialDecider, [googleRegistered])
      .when(cmd('DeleteOAuthCredential', { credentialId: ID, usedByAccounts: ['Support IMAP'] }))
      .thenThrows('ILLEGAL_STATE', /used by receive account\(s\) Support IMAP/);
    const deleted: OAuthCredentialEvent = { type: 'OAuthCredentialDeleted', data: { mailboxNumber: 1, credentialId: ID, displayName: 'Google Workspace' } };
    given(oauthCredentialDecider, [googleRegistered]).when(cmd('DeleteOAuthCredential', { credentialId: ID, usedByAccounts: [] })).then(deleted);
    given(oauthCredentialDecider, [googleRegistered, deleted]).when(cmd('EnableOAuthCredential', { credentialId: ID })).thenThrows('ILLEGAL_STATE', /deleted/);
    given(oauthCredentialDecider, [googleRegistered, deleted]).when(cmd('RegisterOAuthCredential', googleInput)).thenThrows('ALREADY_EXISTS');
  });

  it('an unknown credential is NOT_FOUND', () =>
    given(oauthCredentialDecider).when(cmd('DisableOAuthCredential', { credentialId: ID })).thenThrows('NOT_FOUND', ['credentialId']));
});

describe('OAuth credential: authorization states', () => {
  const authorize = (clientVersion = 1) =>
    cmd('RecordOAuthAuthorization', { credentialId: ID, clientVersion, refreshTokenCiphertext: REFRESH, grantedScopes: ['https://mail.google.com/'] });
  const refused = cmd('RecordOAuthRefreshRefused', { credentialId: ID, error: 'invalid_grant', description: 'Token has been expired or revoked.' });
  const reauthorizationRequired: OAuthCredentialEvent = {
    type: 'OAuthReauthorizationRequired',
    data: { mailboxNumber: 1, credentialId: ID, error: 'invalid_grant', description: 'Token has been expired or revoked.' },
  };

  it('NOT_AUTHORIZED → AUTHORIZED with the encrypted refresh token', () => given(oauthCredentialDecider, [googleRegistered]).when(authorize()).then(authorized));

  it('refuses a plaintext refresh token', () =>
    given(oauthCredentialDecider, [googleRegistered])
      .when(cmd('RecordOAuthAuthorization', { credentialId: ID, clientVersion: 1, refreshTokenCiphertext: '1//plain', grantedScopes: [] }))
      .thenThrows('VALIDATION', ['refreshToken']));

  it('refuses an authorization started before the client id changed', () =>
    given(oauthCredentialDecider, [
      googleRegistered,
      { type: 'OAuthCredentialChanged', data: { ...googleRegistered.data, clientId: 'client-2', changedFields: ['clientId'], authorizationReset: false, clientVersion: 2 } as never },
    ])
      .when(authorize(1))
      .thenThrows('ILLEGAL_STATE', /start the authorization again/));

  it('refuses to authorize a disabled credential', () =>
    given(oauthCredentialDecider, [googleRegistered, { type: 'OAuthCredentialDisabled', data: { mailboxNumber: 1, credentialId: ID } }])
      .when(authorize())
      .thenThrows('ILLEGAL_STATE', /disabled/));

  it('AUTHORIZED → REAUTHORIZATION_REQUIRED on a refused refresh, once per episode', () => {
    given(oauthCredentialDecider, [googleRegistered, authorized]).when(refused).then(reauthorizationRequired);
    given(oauthCredentialDecider, [googleRegistered, authorized, reauthorizationRequired]).when(refused).thenNothing();
    given(oauthCredentialDecider, [googleRegistered]).when(refused).thenNothing();
  });

  it('REAUTHORIZATION_REQUIRED → AUTHORIZED again, and a later refusal is a new episode', () => {
    given(oauthCredentialDecider, [googleRegistered, authorized, reauthorizationRequired]).when(authorize()).then(authorized);
    given(oauthCredentialDecider, [googleRegistered, authorized, reauthorizationRequired, authorized]).when(refused).then(reauthorizationRequired);
  });
});
