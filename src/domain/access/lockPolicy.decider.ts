import { validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { requireEmail, requirePositiveInteger } from '../identity/validation.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';

/**
 * Account-lock policy of one mailbox (アカウントロックの設定), stream `lock-policy-<No>`.
 *
 * Rules:
 * - On/off; the number of failed logins that locks an account, an integer from 1 to 100;
 *   whom to notify: the mailbox's operations administrators and/or up to 20 addresses
 *   (valid e-mail addresses, each kept once; domains compare case-insensitively).
 * - The lock mode (Keycloak's): PERMANENT (until unlocked, as before), TEMPORARY (lifts by
 *   itself after a wait that doubles with each further lock: wait, 2×wait, 4×wait … capped at
 *   a day), or PERMANENT_AFTER_TEMPORARY (temporary, and permanent once the user has had
 *   `maxTemporaryLocks` temporary locks since their last successful login or unlock). The
 *   wait is 1–1440 minutes, the count 1–20. Policies saved before modes existed are PERMANENT.
 * - Each save replaces the whole policy; saving what is stored appends nothing.
 * - A user in several mailboxes is governed by ONE policy: among the enabled policies of
 *   their mailboxes, the one with the smallest threshold; on a tie, the one of the smallest
 *   mailbox No. (effectiveLockPolicy below). Disabled policies never lock anyone.
 */

export const lockPolicyStreamId = (mailboxNumber: number): string => `lock-policy-${mailboxNumber}`;

export const LOCK_THRESHOLD_MIN = 1;
export const LOCK_THRESHOLD_MAX = 100;
export const MAX_NOTIFY_ADDRESSES = 20;

export const LockMode = { PERMANENT: 'PERMANENT', TEMPORARY: 'TEMPORARY', PERMANENT_AFTER_TEMPORARY: 'PERMANENT_AFTER_TEMPORARY' } as const;
export type LockMode = (typeof LockMode)[keyof typeof LockMode];
export const lockModes: readonly LockMode[] = Object.values(LockMode);
export const LOCK_WAIT_MINUTES_MAX = 1440;
export const MAX_TEMPORARY_LOCKS_MAX = 20;

export interface LockPolicy {
  readonly mailboxNumber: number;
  readonly enabled: boolean;
  /** Failed logins in a row that lock the account. */
  readonly threshold: number;
  readonly notifyOperationsAdministrators: boolean;
  readonly notifyAddresses: readonly string[];
  /** Absent in policies saved before lock modes: PERMANENT. */
  readonly mode?: LockMode;
  /** Wait of the first temporary lock, in minutes. @default 15 */
  readonly waitMinutes?: number;
  /** PERMANENT_AFTER_TEMPORARY: temporary locks before a permanent one. @default 3 */
  readonly maxTemporaryLocks?: number;
}

export type ConfigureLockPolicy = Command<'ConfigureLockPolicy', LockPolicy>;
export type LockPolicyCommand = ConfigureLockPolicy;

export type LockPolicyConfigured = DomainEvent<'LockPolicyConfigured', LockPolicy>;
export type LockPolicyEvent = LockPolicyConfigured
  | MailboxSettingsWiped;
export const lockPolicyEventTypes = ['LockPolicyConfigured', 'MailboxSettingsWiped'] as const satisfies readonly LockPolicyEvent['type'][];

export type LockPolicyState = { readonly status: 'unset' } | ({ readonly status: 'set' } & LockPolicy);

const requireBoolean = (path: readonly string[], value: unknown): boolean => {
  if (typeof value !== 'boolean') throw validationError(path, `Expected true or false, got ${JSON.stringify(value)}`);
  return value;
};

const requireThreshold = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < LOCK_THRESHOLD_MIN || value > LOCK_THRESHOLD_MAX) {
    throw validationError(
      ['threshold'],
      `Expected a whole number of failed logins from ${LOCK_THRESHOLD_MIN} to ${LOCK_THRESHOLD_MAX}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
};

const requireAddresses = (value: unknown): string[] => {
  if (!Array.isArray(value)) throw validationError(['notifyAddresses'], `Expected a list of e-mail addresses, got ${typeof value}`);
  if (value.length > MAX_NOTIFY_ADDRESSES) {
    throw validationError(['notifyAddresses'], `Expected at most ${MAX_NOTIFY_ADDRESSES} addresses, got ${value.length}`);
  }
  const seen = new Set<string>();
  const addresses: string[] = [];
  value.forEach((v, i) => {
    const address = requireEmail(['notifyAddresses', String(i)], v);
    if (seen.has(address.toLowerCase())) return;
    seen.add(address.toLowerCase());
    addresses.push(address);
  });
  return addresses;
};

const requireWholeNumber = (path: string, value: unknown, min: number, max: number, what: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validationError([path], `Expected ${what} from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
};

const requireMode = (value: unknown): LockMode => {
  if (value === undefined || value === null) return LockMode.PERMANENT;
  if (typeof value !== 'string' || !(lockModes as readonly string[]).includes(value)) {
    throw validationError(['mode'], `Expected one of ${lockModes.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as LockMode;
};

/** Mode settings; a PERMANENT policy carries none, so its event reads as before modes existed. */
const modeFields = (data: LockPolicy): Pick<LockPolicy, 'mode' | 'waitMinutes' | 'maxTemporaryLocks'> => {
  const mode = requireMode(data.mode);
  const waitMinutes = requireWholeNumber('waitMinutes', data.waitMinutes ?? 15, 1, LOCK_WAIT_MINUTES_MAX, 'a whole number of minutes');
  const maxTemporaryLocks = requireWholeNumber('maxTemporaryLocks', data.maxTemporaryLocks ?? 3, 1, MAX_TEMPORARY_LOCKS_MAX, 'a whole number of temporary locks');
  return mode === LockMode.PERMANENT ? {} : { mode, waitMinutes, maxTemporaryLocks };
};

const configure = ({ data }: ConfigureLockPolicy, state: LockPolicyState): LockPolicyConfigured[] => {
  const policy: LockPolicy = {
    mailboxNumber: requirePositiveInteger(['mailboxNumber'], data.mailboxNumber),
    enabled: requireBoolean(['enabled'], data.enabled),
    threshold: requireThreshold(data.threshold),
    notifyOperationsAdministrators: requireBoolean(['notifyOperationsAdministrators'], data.notifyOperationsAdministrators),
    notifyAddresses: requireAddresses(data.notifyAddresses),
    ...modeFields(data),
  };
  const unchanged =
    state.status === 'set' &&
    state.enabled === policy.enabled &&
    state.threshold === policy.threshold &&
    state.notifyOperationsAdministrators === policy.notifyOperationsAdministrators &&
    state.mode === policy.mode &&
    state.waitMinutes === policy.waitMinutes &&
    state.maxTemporaryLocks === policy.maxTemporaryLocks &&
    state.notifyAddresses.length === policy.notifyAddresses.length &&
    state.notifyAddresses.every((a, i) => a === policy.notifyAddresses[i]);
  return unchanged ? [] : [{ type: 'LockPolicyConfigured', data: policy }];
};

export const decideLockPolicy = (command: LockPolicyCommand, state: LockPolicyState): readonly LockPolicyEvent[] => {
  switch (command.type) {
    case 'ConfigureLockPolicy':
      return configure(command, state);
    default:
      return assertNever(command.type);
  }
};

export const evolveLockPolicy = (_state: LockPolicyState, event: LockPolicyEvent): LockPolicyState => {
  switch (event.type) {
    case 'LockPolicyConfigured':
      return { status: 'set', ...event.data };
    case 'MailboxSettingsWiped':
      return { status: 'unset' };
    default:
      return assertNever(event);
  }
};

export const lockPolicyDecider: Decider<LockPolicyState, LockPolicyCommand, LockPolicyEvent> = {
  decide: decideLockPolicy,
  evolve: evolveLockPolicy,
  initialState: () => ({ status: 'unset' }),
};

/** What a failed login is judged by: the policy that applies to the user. */
export interface AppliedLockPolicy {
  readonly mailboxNumber: number;
  readonly threshold: number;
  /** @default PERMANENT */
  readonly mode?: LockMode;
  readonly waitMinutes?: number;
  readonly maxTemporaryLocks?: number;
}

/**
 * The policy governing a user, from the policies of all their mailboxes: smallest
 * threshold among the enabled ones, ties to the smallest mailbox No.; null when none is on.
 */
export const effectiveLockPolicy = <P extends Pick<LockPolicy, 'mailboxNumber' | 'enabled' | 'threshold'>>(policies: readonly P[]): P | null => {
  let best: P | null = null;
  for (const p of policies) {
    if (!p.enabled) continue;
    if (best === null || p.threshold < best.threshold || (p.threshold === best.threshold && p.mailboxNumber < best.mailboxNumber)) best = p;
  }
  return best;
};
