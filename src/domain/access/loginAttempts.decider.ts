import { illegalState, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
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
 * - Lock modes (lockPolicy.decider.ts): a PERMANENT lock holds until unlocked; a temporary
 *   one carries `until` (now + wait × 2^(temporary locks so far), at most a day) and lifts by
 *   itself then, with no event: "locked" always means "locked and `until` not passed" (the
 *   command time decides). After it lifts the count starts again from zero; the next failure
 *   is an ordinary `LoginFailed`. PERMANENT_AFTER_TEMPORARY locks permanently once the user
 *   had `maxTemporaryLocks` temporary locks. A successful login or an unlock forgets both
 *   the count and the temporary locks.
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
    /** A temporary lock lifts by itself at this time; absent or null: permanent. */
    readonly until?: string | null;
    /** Which temporary lock of the user this is (1, 2, …); absent or null: permanent. */
    readonly temporaryLock?: number | null;
  }
>;
export type FailedLoginsReset = DomainEvent<'FailedLoginsReset', { readonly userId: string; readonly failedAttempts: number }>;
export type UserUnlocked = DomainEvent<'UserUnlocked', { readonly userId: string; readonly reason: CheckedText<'reason'> }>;
export type LoginAttemptsEvent = LoginFailed | UserLocked | FailedLoginsReset | UserUnlocked;
export const loginAttemptsEventTypes = ['LoginFailed', 'UserLocked', 'FailedLoginsReset', 'UserUnlocked'] as const satisfies readonly LoginAttemptsEvent['type'][];

export interface LoginAttemptsState {
  readonly failedAttempts: number;
  readonly locked: boolean;
  /** End of a temporary lock; null: permanent (or not locked). */
  readonly lockedUntil: string | null;
  readonly temporaryLocks: number;
}

export const initialLoginAttemptsState = (): LoginAttemptsState => ({ failedAttempts: 0, locked: false, lockedUntil: null, temporaryLocks: 0 });

/** Locked now: a permanent lock, or a temporary one whose time has not come. */
export const lockInForce = (state: LoginAttemptsState, now: Date): boolean =>
  state.locked && (state.lockedUntil === null || state.lockedUntil > now.toISOString());

const MAX_WAIT_MINUTES = 24 * 60;

/** Until when the next lock holds (null: permanent), and which temporary lock it is. */
const nextLock = (policy: AppliedLockPolicy, state: LoginAttemptsState, now: Date): { until: string | null; temporaryLock: number | null } => {
  const mode = policy.mode ?? 'PERMANENT';
  if (mode === 'PERMANENT') return { until: null, temporaryLock: null };
  if (mode === 'PERMANENT_AFTER_TEMPORARY' && state.temporaryLocks >= (policy.maxTemporaryLocks ?? 3)) return { until: null, temporaryLock: null };
  const minutes = Math.min(MAX_WAIT_MINUTES, (policy.waitMinutes ?? 15) * 2 ** state.temporaryLocks);
  return { until: new Date(now.getTime() + minutes * 60_000).toISOString(), temporaryLock: state.temporaryLocks + 1 };
};

const requirePolicy = (policy: unknown): AppliedLockPolicy | null => {
  if (policy === null || policy === undefined) return null;
  const p = policy as Partial<AppliedLockPolicy>;
  const threshold = p.threshold;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < LOCK_THRESHOLD_MIN || threshold > LOCK_THRESHOLD_MAX) {
    throw validationError(['policy', 'threshold'], `Expected ${LOCK_THRESHOLD_MIN}–${LOCK_THRESHOLD_MAX}, got ${JSON.stringify(threshold)}`);
  }
  const mode = p.mode ?? 'PERMANENT';
  if (!['PERMANENT', 'TEMPORARY', 'PERMANENT_AFTER_TEMPORARY'].includes(mode)) throw validationError(['policy', 'mode'], `Expected a lock mode, got ${JSON.stringify(mode)}`);
  return {
    mailboxNumber: requirePositiveInteger(['policy', 'mailboxNumber'], p.mailboxNumber),
    threshold,
    ...(mode === 'PERMANENT' ? {} : { mode }),
    ...(p.waitMinutes === undefined ? {} : { waitMinutes: requirePositiveInteger(['policy', 'waitMinutes'], p.waitMinutes) }),
    ...(p.maxTemporaryLocks === undefined ? {} : { maxTemporaryLocks: requirePositiveInteger(['policy', 'maxTemporaryLocks'], p.maxTemporaryLocks) }),
  };
};

const recordFailure = ({ data, metadata }: RecordLoginFailure, state: LoginAttemptsState): LoginAttemptsEvent[] => {
  const userId = requireUuid(['userId'], data.userId);
  const policy = requirePolicy(data.policy);
  if (lockInForce(state, metadata.now)) return [];
  // A temporary lock that has lifted: counting starts again.
  const failedAttempts = (state.locked ? 0 : state.failedAttempts) + 1;
  const failed: LoginFailed = { type: 'LoginFailed', data: { userId, failedAttempts } };
  if (!policy || failedAttempts < policy.threshold) return [failed];
  const { until, temporaryLock } = nextLock(policy, state, metadata.now);
  return [
    failed,
    {
      type: 'UserLocked',
      data: {
        userId,
        reason: LockReason.FAILED_LOGIN_THRESHOLD,
        failedAttempts,
        mailboxNumber: policy.mailboxNumber,
        threshold: policy.threshold,
        // A permanent lock reads as before lock modes existed.
        ...(until === null ? {} : { until, temporaryLock }),
      },
    },
  ];
};

const recordSuccess = ({ data, metadata }: RecordLoginSuccess, state: LoginAttemptsState): FailedLoginsReset[] => {
  const userId = requireUuid(['userId'], data.userId);
  if (lockInForce(state, metadata.now)) throw illegalState(`User ${userId} is locked and cannot have logged in`, ['userId']);
  return state.failedAttempts === 0 && state.temporaryLocks === 0 && !state.locked
    ? []
    : [{ type: 'FailedLoginsReset', data: { userId, failedAttempts: state.failedAttempts } }];
};

const unlock = ({ data, metadata }: UnlockUser, state: LoginAttemptsState): UserUnlocked => {
  const userId = requireUuid(['userId'], data.userId);
  const reason = requireText(['reason'], data.reason, 'reason');
  if (!lockInForce(state, metadata.now)) throw illegalState(`User ${userId} is not locked`, ['userId']);
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
      // Appended only while no lock is in force, so any lock it follows has lifted.
      return { ...state, failedAttempts: event.data.failedAttempts, locked: false, lockedUntil: null };
    case 'UserLocked': {
      const until = event.data.until ?? null;
      return { ...state, locked: true, lockedUntil: until, temporaryLocks: until === null ? state.temporaryLocks : state.temporaryLocks + 1 };
    }
    case 'FailedLoginsReset':
    case 'UserUnlocked':
      return initialLoginAttemptsState();
    default:
      return assertNever(event);
  }
};

export const loginAttemptsDecider: Decider<LoginAttemptsState, LoginAttemptsCommand, LoginAttemptsEvent> = {
  decide: decideLoginAttempts,
  evolve: evolveLoginAttempts,
  initialState: initialLoginAttemptsState,
};
