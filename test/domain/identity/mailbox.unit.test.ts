import { describe, it } from 'vitest';
import {
  mailboxDecider,
  type MailboxCommand,
  type MailboxEvent,
  type MailboxRole,
} from '../../../src/domain/identity/mailbox.decider.js';
import { given, testMetadata } from '../../support/given.js';
import type { Unchecked } from '../../support/given.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';

const cmd = <T extends MailboxCommand['type']>(type: T, data: Extract<MailboxCommand, { type: T }>['data']) =>
  ({ type, data, metadata: testMetadata() }) as MailboxCommand;

const created: Unchecked<MailboxEvent> = { type: 'MailboxCreated', data: { number: 1, name: 'Support', address: 'support@example.com' } };
const member = (userId: string): MailboxEvent => ({ type: 'MailboxMemberAdded', data: { number: 1, userId } });
const role = (userId: string, r: MailboxRole = 'OPERATIONS_ADMINISTRATOR'): MailboxEvent => ({
  type: 'MailboxRoleAssigned',
  data: { number: 1, userId, role: r },
});

describe('Mailbox: create', () => {
  it('creates with a trimmed name and a lower-cased address domain', () =>
    given(mailboxDecider)
      .when(cmd('CreateMailbox', { number: 1, name: '  Support ', address: ' Support@EXAMPLE.com ' }))
      .then([{ type: 'MailboxCreated', data: { number: 1, name: 'Support', address: 'Support@example.com' } }]));

  it('refuses an existing number', () =>
    given(mailboxDecider, [created])
      .when(cmd('CreateMailbox', { number: 1, name: 'Other', address: 'o@example.com' }))
      .thenThrows('ALREADY_EXISTS', ['number']));

  it.each([0, -3, 1.5, Number.NaN])('refuses number %s', (number) =>
    given(mailboxDecider)
      .when(cmd('CreateMailbox', { number, name: 'x', address: 'a@example.com' }))
      .thenThrows('VALIDATION', ['number']));

  it('refuses an empty name, saying what was expected and what arrived', () =>
    given(mailboxDecider)
      .when(cmd('CreateMailbox', { number: 2, name: '   ', address: 'a@example.com' }))
      .thenThrows('VALIDATION', /Expected a single line of 1–100 characters without control characters, got 0 characters after trimming/));

  it('refuses a name over 100 characters', () =>
    given(mailboxDecider)
      .when(cmd('CreateMailbox', { number: 2, name: 'x'.repeat(101), address: 'a@example.com' }))
      .thenThrows('VALIDATION', ['name']));

  it('accepts a name of exactly 100 characters', () =>
    given(mailboxDecider)
      .when(cmd('CreateMailbox', { number: 2, name: 'x'.repeat(100), address: 'a@example.com' }))
      .then([{ type: 'MailboxCreated', data: { number: 2, name: 'x'.repeat(100), address: 'a@example.com' } }]));

  it.each(['not-an-address', 'a@b', 'a b@example.com', '@example.com'])('refuses address %j', (address) =>
    given(mailboxDecider)
      .when(cmd('CreateMailbox', { number: 2, name: 'x', address }))
      .thenThrows('VALIDATION', ['address']));
});

describe('Mailbox: rename and change address', () => {
  it('renames', () =>
    given(mailboxDecider, [created])
      .when(cmd('RenameMailbox', { number: 1, name: 'Sales' }))
      .then([{ type: 'MailboxRenamed', data: { number: 1, name: 'Sales' } }]));

  it('renaming to the current name appends nothing', () =>
    given(mailboxDecider, [created]).when(cmd('RenameMailbox', { number: 1, name: ' Support ' })).thenNothing());

  it('refuses to rename a mailbox that does not exist', () =>
    given(mailboxDecider).when(cmd('RenameMailbox', { number: 9, name: 'x' })).thenThrows('NOT_FOUND', ['number']));

  it('changes the address', () =>
    given(mailboxDecider, [created])
      .when(cmd('ChangeMailboxAddress', { number: 1, address: 'help@example.com' }))
      .then([{ type: 'MailboxAddressChanged', data: { number: 1, address: 'help@example.com' } }]));

  it('setting the current address appends nothing', () =>
    given(mailboxDecider, [created]).when(cmd('ChangeMailboxAddress', { number: 1, address: 'support@EXAMPLE.COM' })).thenNothing());

  it('refuses an invalid address', () =>
    given(mailboxDecider, [created])
      .when(cmd('ChangeMailboxAddress', { number: 1, address: 'nope' }))
      .thenThrows('VALIDATION', 'Expected an e-mail address'));
});

describe('Mailbox: members', () => {
  it('adds a member', () =>
    given(mailboxDecider, [created])
      .when(cmd('AddMailboxMember', { number: 1, userId: ALICE }))
      .then([member(ALICE)]));

  it('refuses to add a member twice', () =>
    given(mailboxDecider, [created, member(ALICE)])
      .when(cmd('AddMailboxMember', { number: 1, userId: ALICE }))
      .thenThrows('ALREADY_EXISTS', ['userId']));

  it('refuses a user id that is not a UUID', () =>
    given(mailboxDecider, [created]).when(cmd('AddMailboxMember', { number: 1, userId: 'alice' })).thenThrows('VALIDATION', ['userId']));

  it('refuses members for a mailbox that does not exist', () =>
    given(mailboxDecider).when(cmd('AddMailboxMember', { number: 1, userId: ALICE })).thenThrows('NOT_FOUND'));

  it('removes a member', () =>
    given(mailboxDecider, [created, member(ALICE)])
      .when(cmd('RemoveMailboxMember', { number: 1, userId: ALICE }))
      .then([{ type: 'MailboxMemberRemoved', data: { number: 1, userId: ALICE } }]));

  it('refuses to remove a non-member', () =>
    given(mailboxDecider, [created]).when(cmd('RemoveMailboxMember', { number: 1, userId: ALICE })).thenThrows('NOT_FOUND', ['userId']));

  it('refuses to remove the last operations administrator', () =>
    given(mailboxDecider, [created, member(ALICE), role(ALICE)])
      .when(cmd('RemoveMailboxMember', { number: 1, userId: ALICE }))
      .thenThrows('ILLEGAL_STATE', /last operations administrator/));

  it('removes an operations administrator when another one remains', () =>
    given(mailboxDecider, [created, member(ALICE), role(ALICE), member(BOB), role(BOB)])
      .when(cmd('RemoveMailboxMember', { number: 1, userId: ALICE }))
      .then([{ type: 'MailboxMemberRemoved', data: { number: 1, userId: ALICE } }]));

  it('a removed member loses their roles: re-added, they hold none', () =>
    given(mailboxDecider, [created, member(ALICE), role(ALICE, 'AUDITOR'), { type: 'MailboxMemberRemoved', data: { number: 1, userId: ALICE } }, member(ALICE)])
      .when(cmd('RevokeMailboxRole', { number: 1, userId: ALICE, role: 'AUDITOR' }))
      .thenThrows('ILLEGAL_STATE', ['role']));
});

describe('Mailbox: roles', () => {
  it('assigns a role to a member', () =>
    given(mailboxDecider, [created, member(ALICE)])
      .when(cmd('AssignMailboxRole', { number: 1, userId: ALICE, role: 'AUDITOR' }))
      .then([role(ALICE, 'AUDITOR')]));

  it('refuses a role for a non-member', () =>
    given(mailboxDecider, [created])
      .when(cmd('AssignMailboxRole', { number: 1, userId: ALICE, role: 'OPERATIONS_ADMINISTRATOR' }))
      .thenThrows('ILLEGAL_STATE', /not a member/));

  it('refuses an unknown role, listing the allowed ones', () =>
    given(mailboxDecider, [created, member(ALICE)])
      .when(cmd('AssignMailboxRole', { number: 1, userId: ALICE, role: 'OWNER' as MailboxRole }))
      .thenThrows('VALIDATION', 'Expected one of OPERATIONS_ADMINISTRATOR, AUDITOR, got "OWNER"'));

  it('refuses a role already held', () =>
    given(mailboxDecider, [created, member(ALICE), role(ALICE)])
      .when(cmd('AssignMailboxRole', { number: 1, userId: ALICE, role: 'OPERATIONS_ADMINISTRATOR' }))
      .thenThrows('ALREADY_EXISTS', ['role']));

  it('revokes a role', () =>
    given(mailboxDecider, [created, member(ALICE), role(ALICE, 'AUDITOR')])
      .when(cmd('RevokeMailboxRole', { number: 1, userId: ALICE, role: 'AUDITOR' }))
      .then([{ type: 'MailboxRoleRevoked', data: { number: 1, userId: ALICE, role: 'AUDITOR' } }]));

  it('refuses to revoke a role not held', () =>
    given(mailboxDecider, [created, member(ALICE)])
      .when(cmd('RevokeMailboxRole', { number: 1, userId: ALICE, role: 'AUDITOR' }))
      .thenThrows('ILLEGAL_STATE', ['role']));

  it('refuses to revoke the role from a non-member', () =>
    given(mailboxDecider, [created])
      .when(cmd('RevokeMailboxRole', { number: 1, userId: ALICE, role: 'AUDITOR' }))
      .thenThrows('NOT_FOUND', ['userId']));

  it('refuses to revoke OPERATIONS_ADMINISTRATOR from its last holder', () =>
    given(mailboxDecider, [created, member(ALICE), role(ALICE), member(BOB)])
      .when(cmd('RevokeMailboxRole', { number: 1, userId: ALICE, role: 'OPERATIONS_ADMINISTRATOR' }))
      .thenThrows('ILLEGAL_STATE', /assign the role to another member first/));

  it('revokes OPERATIONS_ADMINISTRATOR while another holder remains', () =>
    given(mailboxDecider, [created, member(ALICE), role(ALICE), member(BOB), role(BOB)])
      .when(cmd('RevokeMailboxRole', { number: 1, userId: BOB, role: 'OPERATIONS_ADMINISTRATOR' }))
      .then([{ type: 'MailboxRoleRevoked', data: { number: 1, userId: BOB, role: 'OPERATIONS_ADMINISTRATOR' } }]));

  it('the last operations administrator may still lose the AUDITOR role', () =>
    given(mailboxDecider, [created, member(ALICE), role(ALICE), role(ALICE, 'AUDITOR')])
      .when(cmd('RevokeMailboxRole', { number: 1, userId: ALICE, role: 'AUDITOR' }))
      .then([{ type: 'MailboxRoleRevoked', data: { number: 1, userId: ALICE, role: 'AUDITOR' } }]));
});
