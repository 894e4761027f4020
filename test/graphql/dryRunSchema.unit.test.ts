import { getNamedType, isInputObjectType, isObjectType, type GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildMailroomSchema } from '../../src/graphql/schema.js';

/**
 * Mutations that are not settings, so they take no `dryRun`, each with the reason. Every
 * other mutation must take `input.dryRun` and answer with `dryRun: DryRunResult`: a new
 * setting mutation that forgets it fails here, and so does one listed here that grows it.
 */
const NOT_SETTINGS: Readonly<Record<string, string>> = {
  login: 'sign-in step: checks a password, opens a session',
  sendUnsavedTestMail: 'query-like: sends a test mail from settings that are not stored; appends nothing',
  sendUnsavedRakutenTestMail: 'query-like: sends a test mail from relay settings that are not stored; appends nothing',
  completeLogin: 'sign-in step: consumes a one-time second-factor challenge',
  logout: 'ends the caller\'s own session',
  endSession: 'ends a session; sessions are not configuration',
  changePassword: 'the caller\'s own credential, checked against the current password; ends other sessions',
  issueApiToken: 'issues a credential shown exactly once',
  revokeApiToken: 'revokes a credential',
  beginTwoFactorEnrolment: 'personal credential flow: creates a one-time secret to scan',
  confirmTwoFactorEnrolment: 'personal credential flow: consumes a one-time TOTP code',
  removeTwoFactor: 'personal credential flow: consumes a one-time code',
  resetTwoFactor: 'credential recovery of a user who lost the device',
  createAuditCheckpoint: 'audit evidence (signs the head), not a setting',
  beginOAuthAuthorization: 'OAuth protocol step: starts a browser round trip with the provider',
  completeOAuthAuthorization: 'OAuth protocol step: redeems the provider\'s single-use code (an OAuth call)',
  testReceiveAccount: 'query-like: connects to the mail server, records nothing',
  sendTestMail: 'query-like: sends a test mail, appends nothing',
  sendTestNotification: 'query-like: sends a test chat message, appends nothing',
  fetchReceiveAccountNow: 'an action: fetches mail now',
  unlockUsers: 'an action on users\' lock state (and their notices), not configuration',
  requestMailboxReset: 'destructive two-step operation: this step is its own preview (the inventory) and confirmation token',
  executeMailboxReset: 'destructive two-step operation: crypto-shreds secrets; confirmed by the token of requestMailboxReset',
};

const inputTakesDryRun = (field: GraphQLField<unknown, unknown>): boolean => {
  const input = field.args.find((a) => a.name === 'input');
  const type = input ? getNamedType(input.type) : null;
  return type !== null && isInputObjectType(type) && type.getFields()['dryRun']?.type.toString() === 'Boolean';
};

const payloadHasDryRun = (field: GraphQLField<unknown, unknown>): boolean => {
  const type = getNamedType(field.type);
  return isObjectType(type) && type.getFields()['dryRun']?.type.toString() === 'DryRunResult';
};

describe('dry run in the schema', () => {
  it('every setting mutation takes input.dryRun and answers with dryRun; the others take neither', async () => {
    const schema = await buildMailroomSchema();
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const missing = mutations.filter((m) => !(m.name in NOT_SETTINGS) && !(inputTakesDryRun(m) && payloadHasDryRun(m))).map((m) => m.name);
    expect(missing, 'setting mutations without input.dryRun or payload.dryRun (add them, or list them in NOT_SETTINGS with a reason)').toEqual([]);
    const listedButDry = mutations.filter((m) => m.name in NOT_SETTINGS && inputTakesDryRun(m)).map((m) => m.name);
    expect(listedButDry).toEqual([]);
    const stale = Object.keys(NOT_SETTINGS).filter((name) => !mutations.some((m) => m.name === name));
    expect(stale, 'NOT_SETTINGS names mutations that no longer exist').toEqual([]);
    // The walk must find the setting mutations at all (a broken walk would pass vacuously).
    expect(mutations.filter(inputTakesDryRun).length).toBeGreaterThanOrEqual(50);
  });
});
