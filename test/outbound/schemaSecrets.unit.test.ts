import { getNamedType, isEnumType, isInterfaceType, isObjectType, type GraphQLField, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildMailroomSchema } from '../../src/graphql/schema.js';

/**
 * Secrets are write-only everywhere: no output field of the WHOLE schema (every area, not
 * only outbound) may be named like one and be able to carry one. A flag (`passwordSet`),
 * a count, a time (`tokenExpiresAt`) or an id reference (`oauthCredentialId`) cannot, and an
 * object result (`issueApiToken: ApiTokenPayload`) is checked through its own fields; the
 * only exceptions are the documented one-shot fields that hand a new credential to its
 * owner exactly once.
 */
// Shown once to their owner: session and API tokens, the reset confirmation, the TOTP secret at enrolment.
const ONE_SHOT_FIELDS = new Set(['LoginPayload.token', 'ApiTokenPayload.token', 'MailboxResetPreview.token', 'TwoFactorEnrolmentPayload.secret', 'TwoFactorConfirmationPayload.token']);
const SECRET_WORDS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'ciphertext', 'privatekey', 'apikey', 'accesskey', 'refreshtoken'];
const HARMLESS_TYPES = new Set(['Boolean', 'Int', 'Float', 'DateTime', 'DateTimeISO', 'Date']);

const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .map((w) => w.toLowerCase());

/** Adjacent word pairs too, so `privateKeyPem` is caught as "privatekey". */
const looksSecret = (name: string): boolean => {
  const w = words(name);
  const joined = [...w, ...w.slice(1).map((x, i) => w[i] + x)];
  return joined.some((x) => SECRET_WORDS.includes(x));
};

const isReference = (name: string): boolean => /(Id|Ids)$/.test(name);

export const secretLookingOutputFields = (types: readonly GraphQLNamedType[]): string[] => {
  const offending: string[] = [];
  for (const type of types) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const key = `${type.name}.${field.name}`;
      if (!looksSecret(field.name) || ONE_SHOT_FIELDS.has(key) || isReference(field.name)) continue;
      const named = getNamedType(field.type);
      // An object result is walked field by field itself (`issueApiToken: ApiTokenPayload`);
      // an enum holds one of its fixed values, never a secret (`passwordMechanism: SmtpPasswordMechanism`).
      if (HARMLESS_TYPES.has(named.name) || isObjectType(named) || isInterfaceType(named) || isEnumType(named)) continue;
      offending.push(`${key}: ${String(field.type)}`);
    }
  }
  return offending;
};

describe('no secret can be read through the GraphQL schema', () => {
  it('no output field of any type is named like a secret and able to carry one', async () => {
    const schema = await buildMailroomSchema();
    const types = Object.values(schema.getTypeMap());
    expect(types.filter((t) => isObjectType(t)).length).toBeGreaterThan(20);
    expect(secretLookingOutputFields(types)).toEqual([]);
  });

  it('the walk itself catches what it should (so an empty list means something)', () => {
    expect(words('privateKeyPem')).toEqual(['private', 'key', 'pem']);
    expect(looksSecret('password')).toBe(true);
    expect(looksSecret('privateKeyPem')).toBe(true);
    expect(looksSecret('clientSecret')).toBe(true);
    expect(looksSecret('refreshToken')).toBe(true);
    expect(looksSecret('passwordCiphertext')).toBe(true);
    expect(looksSecret('publicKey')).toBe(false);
    expect(looksSecret('foundKeys')).toBe(false);
    expect(isReference('oauthCredentialId')).toBe(true);
  });
});
