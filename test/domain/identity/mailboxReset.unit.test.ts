import { describe, expect, it } from 'vitest';
import { evolveLockPolicy } from '../../../src/domain/access/lockPolicy.decider.js';
import { mailboxDecider, type MailboxCommand, type MailboxEvent } from '../../../src/domain/identity/mailbox.decider.js';
import { evolveExternalCalls, initialExternalCallsState } from '../../../src/domain/integrations/externalCalls.decider.js';
import { evolveSmtpSettings, initialSmtpSettingsState } from '../../../src/domain/outbound/smtpSettings.events.js';
import type { MailboxSettingsWiped } from '../../../src/domain/shared/mailboxReset.js';
import { given, testMetadata } from '../../support/given.js';
import type { Unchecked } from '../../support/given.js';

const RESET_ID = '33333333-3333-4333-8333-333333333333';
const created: Unchecked<MailboxEvent> = { type: 'MailboxCreated', data: { number: 1, name: 'Support', address: 'support@example.com' } };
const reset = (confirmName: string, newName: string | null = null) =>
  ({ type: 'ResetMailbox', data: { number: 1, resetId: RESET_ID, confirmName, newName }, metadata: testMetadata() }) as MailboxCommand;

describe('Mailbox: reset', () => {
  it('needs the current name repeated exactly and records the name before and after', () =>
    given(mailboxDecider, [created])
      .when(reset('Support', ' Support 2027 '))
      .then([{ type: 'MailboxReset', data: { number: 1, mailboxNumber: 1, resetId: RESET_ID, nameBefore: 'Support', nameAfter: 'Support 2027' } }]));

  it('keeps the name when no new one is given', () =>
    given(mailboxDecider, [created])
      .when(reset('Support'))
      .then([{ type: 'MailboxReset', data: { number: 1, mailboxNumber: 1, resetId: RESET_ID, nameBefore: 'Support', nameAfter: 'Support' } }]));

  it.each(['support', 'Support ', 'Sales'])('refuses the confirmation %j', (name) =>
    given(mailboxDecider, [created]).when(reset(name)).thenThrows('VALIDATION', ['input', 'mailboxName']));

  it('refuses an unknown mailbox', () => given(mailboxDecider).when(reset('Support')).thenThrows('NOT_FOUND', ['number']));

  it('refuses an empty new name', () => given(mailboxDecider, [created]).when(reset('Support', '  ')).thenThrows('VALIDATION', ['input', 'newName']));
});

describe('MailboxSettingsWiped marker', () => {
  const marker: MailboxSettingsWiped = { type: 'MailboxSettingsWiped', data: { mailboxNumber: 1, resetPosition: 9 } };

  it('brings every area decider back to its initial state', () => {
    const smtp = evolveSmtpSettings(initialSmtpSettingsState(), {
      type: 'BounceDestinationSet',
      data: { mailboxNumber: 1, destination: { kind: 'SENDER' } },
    } as never);
    expect(smtp).not.toEqual(initialSmtpSettingsState());
    expect(evolveSmtpSettings(smtp, marker)).toEqual(initialSmtpSettingsState());
    const lock = evolveLockPolicy({ status: 'unset' }, { type: 'LockPolicyConfigured', data: { mailboxNumber: 1, enabled: true, threshold: 3, notifyOperationsAdministrators: true, notifyAddresses: [] } });
    expect(evolveLockPolicy(lock, marker)).toEqual({ status: 'unset' });
    expect(evolveExternalCalls(initialExternalCallsState(), marker)).toEqual(initialExternalCallsState());
  });
});
