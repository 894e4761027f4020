import type { LockPolicyEvent } from '../../domain/access/lockPolicy.decider.js';
import type { Projection } from '../projection.js';
import { eventTime } from '../identity/eventTime.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `lock_policies`: the current account-lock policy of each mailbox that saved one. */
export const lockPoliciesProjection: Projection = {
  name: 'access.lock_policies',
  eventTypes: ['LockPolicyConfigured', 'MailboxSettingsWiped'],
  tables: ['lock_policies'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'lock-policy-', ['lock_policies'])) return;
    const event = eventAs<LockPolicyEvent>(recorded);
    if (event.type !== 'LockPolicyConfigured') return;
    const row = {
      enabled: event.data.enabled ? 1 : 0,
      threshold: event.data.threshold,
      notify_operations_administrators: event.data.notifyOperationsAdministrators ? 1 : 0,
      notify_addresses: JSON.stringify(event.data.notifyAddresses),
      updated_at: eventTime(recorded),
      mode: event.data.mode ?? 'PERMANENT',
      wait_minutes: event.data.waitMinutes ?? 15,
      max_temporary_locks: event.data.maxTemporaryLocks ?? 3,
    };
    await trx
      .insertInto('lock_policies')
      .values({ mailbox_number: event.data.mailboxNumber, ...row })
      .onConflict((oc) => oc.column('mailbox_number').doUpdateSet(row))
      .execute();
  },
};
