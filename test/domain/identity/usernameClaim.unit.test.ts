import { describe, expect, it } from 'vitest';
import { usernameClaimDecider, type UsernameClaimEvent } from '../../../src/domain/identity/usernameClaim.decider.js';
import { mailboxDecider } from '../../../src/domain/identity/mailbox.decider.js';
import { given, testMetadata } from '../../support/given.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const MALLORY = '99999999-9999-4999-8999-999999999999';
const claim = (userId: string, username = 'alice') => ({ type: 'ClaimUsername' as const, data: { username, userId }, metadata: testMetadata() });
const claimed: UsernameClaimEvent = { type: 'UsernameClaimed', data: { username: 'alice', userId: ALICE } };

describe('Username claim', () => {
  it('claims a free username, lower-cased', () => given(usernameClaimDecider).when(claim(ALICE, 'Alice')).then([claimed]));

  it('a retry by the same user appends nothing (crash between claim and registration)', () =>
    given(usernameClaimDecider, [claimed]).when(claim(ALICE)).thenNothing());

  it('refuses a username held by another user', () =>
    given(usernameClaimDecider, [claimed]).when(claim(MALLORY)).thenThrows('ALREADY_EXISTS', 'Username "alice" is already taken'));

  it('refuses an invalid username', () => given(usernameClaimDecider).when(claim(ALICE, 'a')).thenThrows('VALIDATION', ['username']));
});

describe('given/when/then helper', () => {
  const create = { type: 'CreateMailbox' as const, data: { number: 1, name: 'x', address: 'a@example.com' }, metadata: testMetadata() };

  it('then fails on different events', () =>
    expect(() => given(mailboxDecider).when(create).then([])).toThrow());

  it('thenThrows fails when the decider succeeds', () =>
    expect(() => given(mailboxDecider).when(create).thenThrows('VALIDATION')).toThrow(/Expected VALIDATION but the decider produced/));

  it('thenThrows fails on another code or path', () => {
    const bad = { ...create, data: { ...create.data, name: '' } };
    expect(() => given(mailboxDecider).when(bad).thenThrows('NOT_FOUND')).toThrow();
    expect(() => given(mailboxDecider).when(bad).thenThrows('VALIDATION', ['address'])).toThrow();
    expect(() => given(mailboxDecider).when(bad).thenThrows('VALIDATION', /nothing like this/)).toThrow();
  });
});
