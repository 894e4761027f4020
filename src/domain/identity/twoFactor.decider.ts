import { illegalState, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { requireSha256Hex, requireTrimmedText, requireUuid } from './validation.js';

/**
 * Two-factor authentication (TOTP, RFC 6238) of one user, stream `two-factor-<userId>`.
 *
 * Rules:
 * - Enrolment is confirmed with a code from the new secret before this stream hears of it
 *   (the service checks the code; a pending secret is not a setting). A user has at most one
 *   enrolment: enrolling again while enrolled is ILLEGAL_STATE (remove or reset first).
 * - The secret reaches the event only as vault ciphertext (`secretCiphertext`); recovery
 *   codes only as sha256 digests, 5–20 of them, distinct. Audit shows both as "changed".
 * - Each recovery code works once: using a used or unknown one is ILLEGAL_STATE.
 * - The user removes their own enrolment (after proving a code, checked by the service),
 *   unless a mailbox of theirs requires two-factor (the service hands that in): ILLEGAL_STATE.
 * - An administrator resets it with a reason (1–500 characters); resetting a user who is not
 *   enrolled is ILLEGAL_STATE.
 */

export const twoFactorStreamId = (userId: string): string => `two-factor-${userId}`;

export const RECOVERY_CODES_MIN = 5;
export const RECOVERY_CODES_MAX = 20;

export type EnrolTwoFactor = Command<
  'EnrolTwoFactor',
  { readonly userId: string; readonly secretCiphertext: string; readonly recoveryCodeHashes: readonly string[] }
>;
export type UseRecoveryCode = Command<'UseRecoveryCode', { readonly userId: string; readonly codeHash: string }>;
export type RemoveTwoFactor = Command<'RemoveTwoFactor', { readonly userId: string; readonly requiredByMailboxes: readonly number[] }>;
export type ResetTwoFactor = Command<'ResetTwoFactor', { readonly userId: string; readonly reason: string }>;
export type TwoFactorCommand = EnrolTwoFactor | UseRecoveryCode | RemoveTwoFactor | ResetTwoFactor;

export type TwoFactorEnrolled = DomainEvent<
  'TwoFactorEnrolled',
  { readonly userId: string; readonly method: 'TOTP'; readonly secretCiphertext: string; readonly recoveryCodeHashes: readonly string[]; readonly enrolledAt: string }
>;
export type TwoFactorRecoveryCodeUsed = DomainEvent<'TwoFactorRecoveryCodeUsed', { readonly userId: string; readonly codeIndex: number; readonly remaining: number }>;
export type TwoFactorRemoved = DomainEvent<'TwoFactorRemoved', { readonly userId: string }>;
export type TwoFactorReset = DomainEvent<'TwoFactorReset', { readonly userId: string; readonly reason: string }>;
export type TwoFactorEvent = TwoFactorEnrolled | TwoFactorRecoveryCodeUsed | TwoFactorRemoved | TwoFactorReset;
export const twoFactorEventTypes = ['TwoFactorEnrolled', 'TwoFactorRecoveryCodeUsed', 'TwoFactorRemoved', 'TwoFactorReset'] as const satisfies readonly TwoFactorEvent['type'][];

export type TwoFactorState =
  | { readonly status: 'none' }
  | {
      readonly status: 'enrolled';
      readonly secretCiphertext: string;
      readonly enrolledAt: string;
      /** Digest per recovery code; null once used. */
      readonly recoveryCodeHashes: readonly (string | null)[];
    };

export const initialTwoFactorState = (): TwoFactorState => ({ status: 'none' });

const requireEnrolled = (state: TwoFactorState, userId: string): Extract<TwoFactorState, { status: 'enrolled' }> => {
  if (state.status !== 'enrolled') throw illegalState(`User ${userId} has no two-factor enrolment`, ['userId']);
  return state;
};

const enrol = ({ data, metadata }: EnrolTwoFactor, state: TwoFactorState): TwoFactorEnrolled => {
  const userId = requireUuid(['userId'], data.userId);
  if (state.status === 'enrolled') throw illegalState(`User ${userId} already uses two-factor; remove or reset it first`, ['userId']);
  if (typeof data.secretCiphertext !== 'string' || !data.secretCiphertext.startsWith('v1.')) {
    throw validationError(['secretCiphertext'], 'Expected vault ciphertext (v1.…), got something else');
  }
  const hashes = data.recoveryCodeHashes;
  if (!Array.isArray(hashes) || hashes.length < RECOVERY_CODES_MIN || hashes.length > RECOVERY_CODES_MAX) {
    throw validationError(['recoveryCodeHashes'], `Expected ${RECOVERY_CODES_MIN}–${RECOVERY_CODES_MAX} recovery code digests, got ${Array.isArray(hashes) ? hashes.length : typeof hashes}`);
  }
  const valid = hashes.map((h, i) => requireSha256Hex(['recoveryCodeHashes', String(i)], h));
  if (new Set(valid).size !== valid.length) throw validationError(['recoveryCodeHashes'], 'Expected distinct recovery codes, got duplicates');
  return {
    type: 'TwoFactorEnrolled',
    data: { userId, method: 'TOTP', secretCiphertext: data.secretCiphertext, recoveryCodeHashes: valid, enrolledAt: metadata.now.toISOString() },
  };
};

const useRecoveryCode = ({ data }: UseRecoveryCode, state: TwoFactorState): TwoFactorRecoveryCodeUsed => {
  const enrolled = requireEnrolled(state, data.userId);
  const codeIndex = enrolled.recoveryCodeHashes.findIndex((h) => h !== null && h === data.codeHash);
  if (codeIndex < 0) throw illegalState('This recovery code is unknown or was used already', ['code']);
  const remaining = enrolled.recoveryCodeHashes.filter((h) => h !== null).length - 1;
  return { type: 'TwoFactorRecoveryCodeUsed', data: { userId: data.userId, codeIndex, remaining } };
};

const remove = ({ data }: RemoveTwoFactor, state: TwoFactorState): TwoFactorRemoved => {
  requireEnrolled(state, data.userId);
  if (data.requiredByMailboxes.length > 0) {
    throw illegalState(`Two-factor is required by mailbox ${data.requiredByMailboxes.join(', ')}; it cannot be removed while you are a member`, ['userId']);
  }
  return { type: 'TwoFactorRemoved', data: { userId: data.userId } };
};

const reset = ({ data }: ResetTwoFactor, state: TwoFactorState): TwoFactorReset => {
  const reason = requireTrimmedText(['reason'], data.reason, 1, 500);
  requireEnrolled(state, data.userId);
  return { type: 'TwoFactorReset', data: { userId: data.userId, reason } };
};

export const decideTwoFactor = (command: TwoFactorCommand, state: TwoFactorState): TwoFactorEvent => {
  switch (command.type) {
    case 'EnrolTwoFactor':
      return enrol(command, state);
    case 'UseRecoveryCode':
      return useRecoveryCode(command, state);
    case 'RemoveTwoFactor':
      return remove(command, state);
    case 'ResetTwoFactor':
      return reset(command, state);
    default:
      return assertNever(command);
  }
};

export const evolveTwoFactor = (state: TwoFactorState, event: TwoFactorEvent): TwoFactorState => {
  switch (event.type) {
    case 'TwoFactorEnrolled':
      return { status: 'enrolled', secretCiphertext: event.data.secretCiphertext, enrolledAt: event.data.enrolledAt, recoveryCodeHashes: [...event.data.recoveryCodeHashes] };
    case 'TwoFactorRecoveryCodeUsed':
      if (state.status !== 'enrolled') return state;
      return { ...state, recoveryCodeHashes: state.recoveryCodeHashes.map((h, i) => (i === event.data.codeIndex ? null : h)) };
    case 'TwoFactorRemoved':
    case 'TwoFactorReset':
      return { status: 'none' };
    default:
      return assertNever(event);
  }
};

export const twoFactorDecider: Decider<TwoFactorState, TwoFactorCommand, TwoFactorEvent> = {
  decide: decideTwoFactor,
  evolve: evolveTwoFactor,
  initialState: initialTwoFactorState,
};
