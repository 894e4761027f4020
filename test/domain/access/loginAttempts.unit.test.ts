import { describe, it } from 'vitest';
import {
  loginAttemptsDecider as decider,
  type LoginAttemptsEvent,
  type RecordLoginFailure,
  type RecordLoginSuccess,
  type UnlockUser,
} from '../../../src/domain/access/loginAttempts.decider.js';
import { given, testMetadata } from '../../support/given.js';

const U = '33333333-3333-4333-8333-333333333333';
const policy = { mailboxNumber: 4, threshold: 3 };
const fail = (p: RecordLoginFailure['data']['policy'] = policy): RecordLoginFailure => ({ type: 'RecordLoginFailure', data: { userId: U, policy: p }, metadata: testMetadata() });
const succeed: RecordLoginSuccess = { type: 'RecordLoginSuccess', data: { userId: U }, metadata: testMetadata() };
const unlock = (reason = 'Verified by phone'): UnlockUser => ({ type: 'UnlockUser', data: { userId: U, reason }, metadata: testMetadata() });
const failed = (n: number): LoginAttemptsEvent => ({ type: 'LoginFailed', data: { userId: U, failedAttempts: n } });
const locked = (n: number, p = policy): LoginAttemptsEvent => ({
  type: 'UserLocked',
  data: { userId: U, reason: 'FAILED_LOGIN_THRESHOLD', failedAttempts: n, mailboxNumber: p.mailboxNumber, threshold: p.threshold },
});

describe('login attempts decider', () => {
  it('counts each failed login', () => {
    given(decider).when(fail()).then(failed(1));
    given(decider, [failed(1)]).when(fail()).then(failed(2));
  });

  it('locks when the count reaches the threshold of the applied policy, naming it', () => {
    given(decider, [failed(1), failed(2)]).when(fail()).then([failed(3), locked(3)]);
    given(decider).when(fail({ mailboxNumber: 9, threshold: 1 })).then([failed(1), locked(1, { mailboxNumber: 9, threshold: 1 })]);
  });

  it('locks at once when a lowered threshold is already passed', () => {
    given(decider, [failed(1), failed(2), failed(3), failed(4)]).when(fail({ mailboxNumber: 4, threshold: 2 })).then([failed(5), locked(5, { mailboxNumber: 4, threshold: 2 })]);
  });

  it('never locks without a policy', () => {
    given(decider, [failed(1), failed(2), failed(3)]).when(fail(null)).then(failed(4));
  });

  it('records nothing more once locked: one lock, bounded stream', () => {
    given(decider, [failed(1), failed(2), failed(3), locked(3)]).when(fail()).thenNothing();
  });

  it('refuses a malformed policy', () => {
    given(decider).when(fail({ mailboxNumber: 4, threshold: 0 })).thenThrows('VALIDATION', ['policy', 'threshold']);
    given(decider).when(fail({ mailboxNumber: -1, threshold: 3 })).thenThrows('VALIDATION', ['policy', 'mailboxNumber']);
  });

  it('resets a non-zero count on a successful login, and appends nothing at zero', () => {
    given(decider, [failed(1), failed(2)]).when(succeed).then({ type: 'FailedLoginsReset', data: { userId: U, failedAttempts: 2 } });
    given(decider).when(succeed).thenNothing();
    given(decider, [failed(1), failed(2), { type: 'FailedLoginsReset', data: { userId: U, failedAttempts: 2 } }]).when(fail()).then(failed(1));
  });

  it('a locked user cannot have logged in', () => {
    given(decider, [failed(1), failed(2), failed(3), locked(3)]).when(succeed).thenThrows('ILLEGAL_STATE', ['userId']);
  });

  it('unlocks a locked user with a reason and starts counting from zero', () => {
    const history = [failed(1), failed(2), failed(3), locked(3)];
    given(decider, history).when(unlock(' Verified by phone ')).then({ type: 'UserUnlocked', data: { userId: U, reason: 'Verified by phone' } });
    given(decider, [...history, { type: 'UserUnlocked', data: { userId: U, reason: 'ok' } }]).when(fail()).then(failed(1));
  });

  it('refuses unlocking without a reason or a user that is not locked', () => {
    given(decider, [failed(1), failed(2), failed(3), locked(3)]).when(unlock('   ')).thenThrows('VALIDATION', ['reason']);
    given(decider, [failed(1)]).when(unlock()).thenThrows('ILLEGAL_STATE', /is not locked/);
  });
});

describe('login attempts decider: lock modes (Keycloak)', () => {
  const MIN = 60_000;
  const at = (ms: number) => testMetadata({ now: new Date(Date.parse('2030-01-02T03:04:05.000Z') + ms) });
  const temporary = { mailboxNumber: 4, threshold: 2, mode: 'TEMPORARY' as const, waitMinutes: 10 };
  const failAt = (ms: number, p: RecordLoginFailure['data']['policy'] = temporary): RecordLoginFailure => ({ type: 'RecordLoginFailure', data: { userId: U, policy: p }, metadata: at(ms) });
  const tempLocked = (n: number, untilMs: number, ordinal: number, p: { mailboxNumber: number; threshold: number } = temporary): LoginAttemptsEvent => ({
    type: 'UserLocked',
    data: { userId: U, reason: 'FAILED_LOGIN_THRESHOLD', failedAttempts: n, mailboxNumber: p.mailboxNumber, threshold: p.threshold, until: at(untilMs).now.toISOString(), temporaryLock: ordinal },
  });

  it('a temporary lock holds until its time, then lifts by itself and counting starts again', () => {
    given(decider, [failed(1)]).when(failAt(0)).then([failed(2), tempLocked(2, 10 * MIN, 1)]);
    given(decider, [failed(1), failed(2), tempLocked(2, 10 * MIN, 1)]).when(failAt(9 * MIN)).thenNothing();
    given(decider, [failed(1), failed(2), tempLocked(2, 10 * MIN, 1)]).when(failAt(10 * MIN)).then(failed(1));
  });

  it('each further temporary lock doubles the wait', () => {
    const history = [failed(1), failed(2), tempLocked(2, 10 * MIN, 1), failed(1)];
    given(decider, history).when(failAt(11 * MIN)).then([failed(2), tempLocked(2, 11 * MIN + 20 * MIN, 2)]);
  });

  it('PERMANENT_AFTER_TEMPORARY locks for good after N temporary locks', () => {
    const p = { ...temporary, mode: 'PERMANENT_AFTER_TEMPORARY' as const, maxTemporaryLocks: 1 };
    const history = [failed(1), failed(2), tempLocked(2, 10 * MIN, 1, p), failed(1)];
    given(decider, history).when(failAt(11 * MIN, p)).then([failed(2), locked(2, p)]);
  });

  it('a success after a lifted lock forgets the count and the temporary locks; unlocking a lifted lock is refused', () => {
    const history = [failed(1), failed(2), tempLocked(2, 10 * MIN, 1)];
    given(decider, history).when({ type: 'RecordLoginSuccess', data: { userId: U }, metadata: at(5 * MIN) }).thenThrows('ILLEGAL_STATE');
    given(decider, history).when({ type: 'RecordLoginSuccess', data: { userId: U }, metadata: at(10 * MIN) }).then({ type: 'FailedLoginsReset', data: { userId: U, failedAttempts: 2 } });
    given(decider, history).when({ type: 'UnlockUser', data: { userId: U, reason: 'ok' }, metadata: at(11 * MIN) }).thenThrows('ILLEGAL_STATE', /not locked/);
  });
});
