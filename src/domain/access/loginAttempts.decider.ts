import { illegalState, validationError } from '../../errors/index.js';
import type { DomainEvent } from '../../eventstore/port.js';
import { requirePositiveInteger, requireUuid } from '../identity/validation.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { LOCK_THRESHOLD_MAX, LOCK_THRESHOLD_MIN, type AppliedLockPolicy } from './lockPolicy.decider.js';
import { requireText, type CheckedText } from '../shared/text.js';

/**
 * Failed logins and the account lock of one user, stream `login-attempts-<userId>`.
 *
 * Rules:
 * - Every failed login of an unlocked user is one `LoginFailed`, carrying the running count.
 * - When the count reaches the threshold of the policy that applies (computed by
 *   effectiveLockPolicy and handed in with the command), the same decision appends
 *   `UserLocked` naming that policy; no policy: nothing locks.
 * - A locked user's further attempts change nothing and append nothing: the count is what
 *   locked them, and the stream must not grow without bound under a guessing attack.
 *   Because the stream is the unit of concurrency, two racing failures are decided one
 *   after the other, so no count is lost and an account is locked once.
 * - A successful login resets a non-zero count (`FailedLoginsReset`); with a zero count it
 *   appends nothing. A locked user cannot log in, so a success while locked is ILLEGAL_STATE.
 * - Unlocking needs a reason (1–500 characters) and a locked user (ILLEGAL_STATE
 *   otherwise); it also clears the count.
 */

export const loginAttemptsStreamId = (userId: string): string => `login-attempts-${userId}`;

export const LockReason = { FAILED_LOGIN_THRESHOLD: 'FAILED_LOGIN_THRESHOLD' } as const;
export type LockReason = (typeof LockReason)[keyof typeof LockReason];

export type RecordLoginFailure = Command<'RecordLoginFailure', { readonly userId: string; readonly policy: AppliedLockPolicy | null }>;
export type RecordLoginSuccess = Command<'RecordLoginSuccess', { readonly userId: string }>;
export type UnlockUser = Command<'UnlockUser', { readonly userId: string; readonly reason: string }>;
export type LoginAttemptsCommand = RecordLoginFailure | RecordLoginSuccess | UnlockUser;

export type LoginFailed = DomainEvent<'LoginFailed', { readonly userId: string; readonly failedAttempts: number }>;
export type UserLocked = DomainEvent<
  'UserLocked',
  {
    readonly userId: string;
    readonly reason: LockReason;
    readonly failedAttempts: number;
    /** The mailbox whose policy applied: the lock shows in that mailbox's settings history. */
    readonly mailboxNumber: number;
    readonly threshold: number;
  }
>;
export type FailedLoginsReset = DomainEvent<'FailedLoginsReset', { readonly userId: string; readonly failedAttempts: number }>;
export type UserUnlocked = DomainEvent<'UserUnlocked', { readonly userId: string; readonly reason: CheckedText<'reason'> }>;
export type LoginAttemptsEvent = LoginFailed | UserLocked | FailedLoginsReset | UserUnlocked;
export const loginAttemptsEventTypes = ['LoginFailed', 'UserLocked', 'FailedLoginsReset', 'UserUnlocked'] as const satisfies readonly LoginAttemptsEvent['type'][];

export interface LoginAttemptsState {
  readonly failedAttempts: number;
  readonly locked: boolean;
}

export const initialLoginAttemptsState = (): LoginAttemptsState => ({ failedAttempts: 0, locked: false });

const requirePolicy = (policy: unknown): AppliedLockPolicy | null => {
  if (policy === null || policy === undefined) return null;
  const p = policy as Partial<AppliedLockPolicy>;
  const threshold = p.threshold;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < LOCK_THRESHOLD_MIN || threshold > LOCK_THRESHOLD_MAX) {
    throw validationError(['policy', 'threshold'], `Expected ${LOCK_THRESHOLD_MIN}–${LOCK_THRESHOLD_MAX}, got ${JSON.stringify(threshold)}`);
  }
  return { mailboxNumber: requirePositiveInteger(['policy', 'mailboxNumber'], p.mailboxNumber), threshold };
};

const recordFailure = ({ data }: RecordLoginFailure, state: LoginAttemptsState): LoginAttemptsEvent[] => {
  const userId = requireUuid(['userId'], data.userId);
  const policy = requirePolicy(data.policy);
  if (state.locked) return [];
  const failedAttempts = state.failedAttempts + 1;
  const failed: LoginFailed = { type: 'LoginFailed', data: { userId, failedAttempts } };
  if (!policy || failedAttempts < policy.threshold) return [failed];
  return [
    failed,
    {
      type: 'UserLocked',
      data: { userId, reason: LockReason.FAILED_LOGIN_THRESHOLD, failedAttempts, mailboxNumber: policy.mailboxNumber, threshold: policy.threshold },
    },
  ];
};

const recordSuccess = ({ data }: RecordLoginSuccess, state: LoginAttemptsState): FailedLoginsReset[] => {
  const userId = requireUuid(['userId'], data.userId);
  if (state.locked) throw illegalState(`User ${userId} is locked and cannot have logged in`, ['userId']);
  return state.failedAttempts === 0 ? [] : [{ type: 'FailedLoginsReset', data: { userId, failedAttempts: state.failedAttempts } }];
};

const unlock = ({ data }: UnlockUser, state: LoginAttemptsState): UserUnlocked => {
  const userId = requireUuid(['userId'], data.userId);
  const reason = requireText(['reason'], data.reason, 'reason');
  if (!state.locked) throw illegalState(`User ${userId} is not locked`, ['userId']);
  return { type: 'UserUnlocked', data: { userId, reason } };
};

export const decideLoginAttempts = (command: LoginAttemptsCommand, state: LoginAttemptsState): LoginAttemptsEvent | readonly LoginAttemptsEvent[] => {
  switch (command.type) {
    case 'RecordLoginFailure':
      return recordFailure(command, state);
    case 'RecordLoginSuccess':
      return recordSuccess(command, state);
    case 'UnlockUser':
      return unlock(command, state);
    default:
      return assertNever(command);
  }
};

export const evolveLoginAttempts = (state: LoginAttemptsState, event: LoginAttemptsEvent): LoginAttemptsState => {
  switch (event.type) {
    case 'LoginFailed':
      return { ...state, failedAttempts: event.data.failedAttempts };
    case 'UserLocked':
      return { ...state, locked: true };
    case 'FailedLoginsReset':
      return { ...state, failedAttempts: 0 };
    case 'UserUnlocked':
      return { failedAttempts: 0, locked: false };
    default:
      return assertNever(event);
  }
};

export const loginAttemptsDecider: Decider<LoginAttemptsState, LoginAttemptsCommand, LoginAttemptsEvent> = {
  decide: decideLoginAttempts,
  evolve: evolveLoginAttempts,
  initialState: initialLoginAttemptsState,
};
