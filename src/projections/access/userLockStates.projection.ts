import type { LoginAttemptsEvent } from '../../domain/access/loginAttempts.decider.js';
import type { UserLockStatesTable } from '../../db/schema.access.js';
import type { Projection } from '../projection.js';
import { eventTime } from '../identity/eventTime.js';
import { eventAs } from '../../eventstore/eventAs.js';

type Changes = Partial<Omit<UserLockStatesTable, 'user_id'>>;

/** `user_lock_states`: failed-login count and lock of each user; login and authentication read it. */
export const userLockStatesProjection: Projection = {
  name: 'access.user_lock_states',
  eventTypes: ['LoginFailed', 'UserLocked', 'FailedLoginsReset', 'UserUnlocked'],
  tables: ['user_lock_states'],
  async apply(trx, recorded) {
    const event = eventAs<LoginAttemptsEvent>(recorded);
    const at = eventTime(recorded);
    let changes: Changes;
    switch (event.type) {
      case 'LoginFailed':
        changes = { failed_attempts: event.data.failedAttempts, last_failed_at: at, locked: 0, locked_until: null };
        break;
      case 'UserLocked':
        changes = {
          failed_attempts: event.data.failedAttempts,
          locked: 1,
          locked_at: at,
          lock_reason: event.data.reason,
          lock_mailbox_number: event.data.mailboxNumber,
          lock_threshold: event.data.threshold,
          locked_until: event.data.until ?? null,
          ...(event.data.temporaryLock ? { temporary_locks: event.data.temporaryLock } : {}),
        };
        break;
      case 'FailedLoginsReset':
        changes = { failed_attempts: 0, locked: 0, locked_until: null, temporary_locks: 0 };
        break;
      case 'UserUnlocked':
        changes = { failed_attempts: 0, locked: 0, locked_until: null, temporary_locks: 0, unlocked_at: at };
        break;
      default:
        return;
    }
    const full = { ...changes, updated_at: at };
    await trx
      .insertInto('user_lock_states')
      .values({
        user_id: event.data.userId,
        failed_attempts: 0,
        locked: 0,
        locked_at: null,
        lock_reason: null,
        lock_mailbox_number: null,
        lock_threshold: null,
        last_failed_at: null,
        unlocked_at: null,
        locked_until: null,
        temporary_locks: 0,
        ...full,
      })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(full))
      .execute();
  },
};
