import { describe, it } from 'vitest';
import { dkimSettingsDecider, type DkimSettingsCommand, type DkimSettingsEvent, type DkimSignature } from '../../../src/domain/outbound/index.js';
import { requireText } from '../../../src/domain/shared/text.js';
import { given, testMetadata } from '../../support/given.js';

const CIPHER = 'v1.11111111-1111-4111-8111-111111111111.aXY.dGFn.ZGF0YQ';
const K1 = 'd1111111-1111-4111-8111-111111111111';
const K2 = 'd2222222-2222-4222-8222-222222222222';
const C1 = 'e1111111-1111-4111-8111-111111111111';
const C2 = 'e2222222-2222-4222-8222-222222222222';

const cmd = <T extends DkimSettingsCommand['type']>(type: T, data: Omit<Extract<DkimSettingsCommand, { type: T }>['data'], 'mailboxNumber'>) =>
  ({ type, data: { mailboxNumber: 3, ...data }, metadata: testMetadata() }) as unknown as DkimSettingsCommand;

const author: DkimSignature = {
  signatureId: K1,
  name: 'Example author key',
  kind: 'AUTHOR',
  domain: 'example.com',
  selector: 'mail2026',
  algorithm: 'RSA_SHA256',
  keySource: 'GENERATED',
  keyBits: 2048,
  publicKey: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
  privateKeyCiphertext: CIPHER,
  bodyLengthLimit: null,
};
/** A third-party signature with its own key, as registered before third-party meant the service's key. */
const thirdParty: DkimSignature = { ...author, signatureId: K2, name: 'Service key', kind: 'THIRD_PARTY', domain: 'mailroom.example', selector: 'svc' };
const stored = (s: DkimSignature) => ({ ...s, name: requireText([], s.name, 'name') });
const addedAuthor: DkimSettingsEvent = { type: 'DkimSignatureAdded', data: { mailboxNumber: 3, ...stored(author) } };
const addedThirdParty: DkimSettingsEvent = { type: 'DkimSignatureAdded', data: { mailboxNumber: 3, ...stored(thirdParty) } };
const condition = (conditionId: string, fromAddress: string, signatureId: string): DkimSettingsEvent => ({
  type: 'DkimConditionAdded',
  data: { mailboxNumber: 3, conditionId, fromAddress, signatureId },
});

describe('DKIM signatures', () => {
  it('registers an author signature with a lower-cased domain and selector', () =>
    given(dkimSettingsDecider).when(cmd('AddDkimSignature', { ...author, domain: 'Example.COM', selector: 'Mail2026' })).then([addedAuthor]));

  it('registers an Ed25519 key of 256 bits; refuses other sizes for it', () => {
    const ed = { ...author, algorithm: 'ED25519_SHA256' as const, keyBits: 256, publicKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' };
    given(dkimSettingsDecider).when(cmd('AddDkimSignature', ed)).then([{ type: 'DkimSignatureAdded', data: { mailboxNumber: 3, ...ed } }]);
    given(dkimSettingsDecider).when(cmd('AddDkimSignature', { ...ed, keyBits: 2048 })).thenThrows('VALIDATION', ['keyBits']);
  });

  it('refuses RSA keys under 1024 bits (RFC 8301)', () =>
    given(dkimSettingsDecider).when(cmd('AddDkimSignature', { ...author, keyBits: 512 })).thenThrows('VALIDATION', /RFC 8301/));

  it.each([
    ['domain', { domain: 'localhost' }],
    ['domain', { domain: 'exa mple.com' }],
    ['selector', { selector: 'bad selector' }],
    ['selector', { selector: 'under_score' }],
    ['publicKey', { publicKey: 'not base64!' }],
    ['privateKey', { privateKeyCiphertext: '-----BEGIN PRIVATE KEY-----' }],
    ['bodyLengthLimit', { bodyLengthLimit: -1 }],
    ['name', { name: '  ' }],
  ] as const)('refuses a bad %s', (field, change) =>
    given(dkimSettingsDecider).when(cmd('AddDkimSignature', { ...author, ...change })).thenThrows('VALIDATION', [field]));

  it('refuses a duplicate name and a second key for the same selector and domain', () => {
    given(dkimSettingsDecider, [addedAuthor]).when(cmd('AddDkimSignature', { ...thirdParty, name: 'EXAMPLE AUTHOR KEY' })).thenThrows('ALREADY_EXISTS', ['name']);
    given(dkimSettingsDecider, [addedAuthor])
      .when(cmd('AddDkimSignature', { ...author, signatureId: K2, name: 'Other' }))
      .thenThrows('ALREADY_EXISTS', /already uses mail2026\._domainkey\.example\.com/);
  });

  it('removes an unused signature', () =>
    given(dkimSettingsDecider, [addedAuthor]).when(cmd('RemoveDkimSignature', { signatureId: K1 })).then([{ type: 'DkimSignatureRemoved', data: { mailboxNumber: 3, signatureId: K1 } }]));

  it('refuses to remove a signature used by conditions or as default, naming them', () =>
    given(dkimSettingsDecider, [addedAuthor, condition(C1, 'info@example.com', K1), { type: 'DefaultDkimSignatureSet', data: { mailboxNumber: 3, signatureId: K1 } }])
      .when(cmd('RemoveDkimSignature', { signatureId: K1 }))
      .thenThrows('ILLEGAL_STATE', /the condition for info@example\.com, the default signature setting/));
});

describe('DKIM usage conditions', () => {
  it('binds an exact From address to a signature', () =>
    given(dkimSettingsDecider, [addedAuthor]).when(cmd('AddDkimCondition', { conditionId: C1, fromAddress: 'info@Example.com', signatureId: K1 })).then([condition(C1, 'info@example.com', K1)]));

  it.each(['example.com', '@example.com', '*@example.com'])('refuses the domain-wide condition %j with a clear error', (fromAddress) =>
    given(dkimSettingsDecider, [addedAuthor])
      .when(cmd('AddDkimCondition', { conditionId: C1, fromAddress, signatureId: K1 }))
      .thenThrows('VALIDATION', /got the domain .*conditions cannot cover a whole domain; add one condition per address/));

  it('refuses an author signature for another domain; a third-party signature may sign any', () => {
    given(dkimSettingsDecider, [addedAuthor])
      .when(cmd('AddDkimCondition', { conditionId: C1, fromAddress: 'info@other.example', signatureId: K1 }))
      .thenThrows('VALIDATION', /author signature .* signs only its own domain/);
    given(dkimSettingsDecider, [addedThirdParty])
      .when(cmd('AddDkimCondition', { conditionId: C1, fromAddress: 'info@other.example', signatureId: K2 }))
      .then([condition(C1, 'info@other.example', K2)]);
  });

  it('refuses a second condition for the same address and an unknown signature', () => {
    given(dkimSettingsDecider, [addedAuthor, condition(C1, 'info@example.com', K1)])
      .when(cmd('AddDkimCondition', { conditionId: C2, fromAddress: 'INFO@example.com', signatureId: K1 }))
      .thenThrows('ALREADY_EXISTS', ['fromAddress']);
    given(dkimSettingsDecider).when(cmd('AddDkimCondition', { conditionId: C1, fromAddress: 'info@example.com', signatureId: K2 })).thenThrows('NOT_FOUND', ['signatureId']);
  });

  it('changes and removes a condition; an unchanged change appends nothing', () => {
    const given2 = [addedAuthor, addedThirdParty, condition(C1, 'info@example.com', K1)];
    given(dkimSettingsDecider, given2)
      .when(cmd('ChangeDkimCondition', { conditionId: C1, fromAddress: 'info@example.com', signatureId: K2 }))
      .then([{ type: 'DkimConditionChanged', data: { mailboxNumber: 3, conditionId: C1, fromAddress: 'info@example.com', signatureId: K2 } }]);
    given(dkimSettingsDecider, given2).when(cmd('ChangeDkimCondition', { conditionId: C1, fromAddress: 'info@example.com', signatureId: K1 })).thenNothing();
    given(dkimSettingsDecider, given2).when(cmd('RemoveDkimCondition', { conditionId: C1 })).then([{ type: 'DkimConditionRemoved', data: { mailboxNumber: 3, conditionId: C1 } }]);
    given(dkimSettingsDecider, given2).when(cmd('RemoveDkimCondition', { conditionId: C2 })).thenThrows('NOT_FOUND', ['conditionId']);
  });
});

describe('default signature', () => {
  it('sets and clears the default; an unknown signature is NOT_FOUND', () => {
    given(dkimSettingsDecider, [addedAuthor]).when(cmd('SetDefaultDkimSignature', { signatureId: K1 })).then([{ type: 'DefaultDkimSignatureSet', data: { mailboxNumber: 3, signatureId: K1 } }]);
    given(dkimSettingsDecider, [addedAuthor, { type: 'DefaultDkimSignatureSet', data: { mailboxNumber: 3, signatureId: K1 } }])
      .when(cmd('SetDefaultDkimSignature', { signatureId: null }))
      .then([{ type: 'DefaultDkimSignatureSet', data: { mailboxNumber: 3, signatureId: null } }]);
    given(dkimSettingsDecider).when(cmd('SetDefaultDkimSignature', { signatureId: null })).thenNothing();
    given(dkimSettingsDecider).when(cmd('SetDefaultDkimSignature', { signatureId: K2 })).thenThrows('NOT_FOUND', ['signatureId']);
  });
});

describe('third-party signatures with the service key (第三者署名)', () => {
  const service = { signatureId: K2, name: 'Service', kind: 'THIRD_PARTY' as const, keySource: 'SERVICE' as const, bodyLengthLimit: 500 };
  const addedService: DkimSettingsEvent = { type: 'DkimSignatureAdded', data: { mailboxNumber: 3, ...service, name: requireText([], service.name, 'name') } };

  it('registers one with no domain, selector or key: the customer makes and publishes nothing', () =>
    given(dkimSettingsDecider).when(cmd('AddDkimSignature', service)).then([addedService]));

  it('refuses a third-party signature with a key of its own, and an author signature with the service key', () => {
    given(dkimSettingsDecider).when(cmd('AddDkimSignature', { ...thirdParty })).thenThrows('VALIDATION', /service's key for a third-party signature/);
    given(dkimSettingsDecider).when(cmd('AddDkimSignature', { ...service, kind: 'AUTHOR' })).thenThrows('VALIDATION', /key of the From domain/);
  });

  it('any From address may use it, several may coexist (no selector to clash), and it is removed like any other', () => {
    given(dkimSettingsDecider, [addedService])
      .when(cmd('AddDkimCondition', { conditionId: C1, fromAddress: 'info@any.example', signatureId: K2 }))
      .then([condition(C1, 'info@any.example', K2)]);
    given(dkimSettingsDecider, [addedService])
      .when(cmd('AddDkimSignature', { ...service, signatureId: K1, name: 'Service, whole body', bodyLengthLimit: null }))
      .then([{ type: 'DkimSignatureAdded', data: { mailboxNumber: 3, ...service, signatureId: K1, name: 'Service, whole body', bodyLengthLimit: null } }]);
    given(dkimSettingsDecider, [addedService, condition(C1, 'info@any.example', K2)])
      .when(cmd('RemoveDkimSignature', { signatureId: K2 }))
      .thenThrows('ILLEGAL_STATE', /"Service" \(third-party, the service's key\) is still used by the condition for info@any.example/);
  });
});
