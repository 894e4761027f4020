import { illegalState, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { requirePositiveInteger, requireUuid } from '../identity/validation.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { evaluateAccess, normalizeAddressList, scanMatcher, type AccessDecision, type EvaluablePolicy } from './accessPolicy.js';
import { parseClientAddress } from './ipAddress.js';

/**
 * Access restriction of one mailbox, stream `access-restriction-<No>`: the IP restriction
 * (on/off, allow list, exempt users) and the API restriction (on/off, allow list). Each
 * save replaces the whole list, as the settings form does, and the event carries the full
 * result so the history shows every list exactly as it was.
 *
 * Rules:
 * - Entries are IPv4/IPv6 addresses or CIDR ranges, stored canonical and once each
 *   (see normalizeAddressList); at most 10,000 per list; exempt users are user ids (their
 *   existence is checked by the service, which can read the user streams).
 * - Self-lockout guard: a save that leaves a list on and would deny the requesting client
 *   itself (its address, user and kind, judged by evaluateAccess against the whole new
 *   policy) is ILLEGAL_STATE unless `force` is set; the event then records that the guard
 *   was overridden. The API list only guards API-token requesters, whom alone it affects.
 *   Turning a list off never locks anyone out. The system actor has no requester.
 * - Saving what is already stored appends nothing.
 */

export const accessRestrictionStreamId = (mailboxNumber: number): string => `access-restriction-${mailboxNumber}`;

export interface Requester {
  readonly userId: string;
  /** Client address as the transport resolved it (may be empty when unknown). */
  readonly clientIp: string;
  readonly viaApiToken: boolean;
}

interface GuardedSave {
  readonly mailboxNumber: number;
  readonly enabled: boolean;
  readonly allowedAddresses: readonly string[];
  /** Save even when it would deny the requester. @default false */
  readonly force?: boolean;
  readonly requester: Requester | null;
}

export type ConfigureIpRestriction = Command<'ConfigureIpRestriction', GuardedSave & { readonly exemptUserIds: readonly string[] }>;
export type ConfigureApiRestriction = Command<'ConfigureApiRestriction', GuardedSave>;
export type AccessRestrictionCommand = ConfigureIpRestriction | ConfigureApiRestriction;

export type IpRestrictionConfigured = DomainEvent<
  'IpRestrictionConfigured',
  {
    readonly mailboxNumber: number;
    readonly enabled: boolean;
    readonly allowedAddresses: readonly string[];
    readonly exemptUserIds: readonly string[];
    readonly lockoutGuardOverridden: boolean;
  }
>;
export type ApiRestrictionConfigured = DomainEvent<
  'ApiRestrictionConfigured',
  {
    readonly mailboxNumber: number;
    readonly enabled: boolean;
    readonly allowedAddresses: readonly string[];
    readonly lockoutGuardOverridden: boolean;
  }
>;
export type AccessRestrictionEvent = IpRestrictionConfigured | ApiRestrictionConfigured
  | MailboxSettingsWiped;
export const accessRestrictionEventTypes = ['IpRestrictionConfigured', 'ApiRestrictionConfigured', 'MailboxSettingsWiped'] as const satisfies readonly AccessRestrictionEvent['type'][];

export interface AccessRestrictionState {
  readonly mailboxNumber: number | null;
  readonly ip: { readonly enabled: boolean; readonly allowedAddresses: readonly string[]; readonly exemptUserIds: readonly string[] };
  readonly api: { readonly enabled: boolean; readonly allowedAddresses: readonly string[] };
}

/** A mailbox that never saved its restriction: both lists off and empty. */
export const initialAccessRestrictionState = (): AccessRestrictionState => ({
  mailboxNumber: null,
  ip: { enabled: false, allowedAddresses: [], exemptUserIds: [] },
  api: { enabled: false, allowedAddresses: [] },
});

/** The state as a policy evaluateAccess can judge, with scanning matchers. */
export const evaluableRestriction = (state: AccessRestrictionState): EvaluablePolicy => {
  const exempt = new Set(state.ip.exemptUserIds);
  return {
    ip: { enabled: state.ip.enabled, isExempt: (id) => exempt.has(id), rules: scanMatcher(state.ip.allowedAddresses) },
    api: { enabled: state.api.enabled, rules: scanMatcher(state.api.allowedAddresses) },
  };
};

const requireBoolean = (path: readonly string[], value: unknown): boolean => {
  if (typeof value !== 'boolean') throw validationError(path, `Expected true or false, got ${JSON.stringify(value)}`);
  return value;
};

const MAX_EXEMPT_USERS = 1000;

const normalizeExemptUsers = (ids: unknown): string[] => {
  if (!Array.isArray(ids)) throw validationError(['exemptUserIds'], `Expected a list of user ids, got ${typeof ids}`);
  if (ids.length > MAX_EXEMPT_USERS) throw validationError(['exemptUserIds'], `Expected at most ${MAX_EXEMPT_USERS} users, got ${ids.length}`);
  return [...new Set(ids.map((id, i) => requireUuid(['exemptUserIds', String(i)], id)))];
};

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const refusal = (decision: AccessDecision, requester: Requester, mailboxNumber: number): Error => {
  const list = decision.decidedBy.list === 'API_RESTRICTION' ? 'API allow list' : 'allow list';
  const address = requester.clientIp || 'an unknown address';
  return illegalState(
    `Saving this would lock you out of mailbox ${mailboxNumber}: your address ${address} matches no entry of the ${list}` +
      (decision.decidedBy.list === 'IP_RESTRICTION' ? ' and you are not exempt' : '') +
      '. Add your address, exempt yourself, or save with force: true',
    ['allowedAddresses'],
  );
};

/** Returns whether the guard had to be overridden; throws when it refuses. */
const guard = (next: AccessRestrictionState, save: GuardedSave, mailboxNumber: number, relevant: boolean): boolean => {
  const { requester } = save;
  if (!save.enabled || !requester || !relevant) return false;
  const decision = evaluateAccess(evaluableRestriction(next), {
    address: parseClientAddress(requester.clientIp),
    userId: requester.userId,
    viaApiToken: requester.viaApiToken,
  });
  if (decision.allowed) return false;
  if (save.force === true) return true;
  throw refusal(decision, requester, mailboxNumber);
};

const configureIp = ({ data }: ConfigureIpRestriction, state: AccessRestrictionState): IpRestrictionConfigured[] => {
  const mailboxNumber = requirePositiveInteger(['mailboxNumber'], data.mailboxNumber);
  const enabled = requireBoolean(['enabled'], data.enabled);
  const { addresses } = normalizeAddressList(['allowedAddresses'], data.allowedAddresses);
  const exemptUserIds = normalizeExemptUsers(data.exemptUserIds);
  const ip = { enabled, allowedAddresses: addresses, exemptUserIds };
  if (enabled === state.ip.enabled && sameList(addresses, state.ip.allowedAddresses) && sameList(exemptUserIds, state.ip.exemptUserIds)) {
    return [];
  }
  const overridden = guard({ ...state, ip }, data, mailboxNumber, true);
  return [{ type: 'IpRestrictionConfigured', data: { mailboxNumber, ...ip, lockoutGuardOverridden: overridden } }];
};

const configureApi = ({ data }: ConfigureApiRestriction, state: AccessRestrictionState): ApiRestrictionConfigured[] => {
  const mailboxNumber = requirePositiveInteger(['mailboxNumber'], data.mailboxNumber);
  const enabled = requireBoolean(['enabled'], data.enabled);
  const { addresses } = normalizeAddressList(['allowedAddresses'], data.allowedAddresses);
  const api = { enabled, allowedAddresses: addresses };
  if (enabled === state.api.enabled && sameList(addresses, state.api.allowedAddresses)) return [];
  const overridden = guard({ ...state, api }, data, mailboxNumber, data.requester?.viaApiToken === true);
  return [{ type: 'ApiRestrictionConfigured', data: { mailboxNumber, ...api, lockoutGuardOverridden: overridden } }];
};

export const decideAccessRestriction = (command: AccessRestrictionCommand, state: AccessRestrictionState): readonly AccessRestrictionEvent[] => {
  switch (command.type) {
    case 'ConfigureIpRestriction':
      return configureIp(command, state);
    case 'ConfigureApiRestriction':
      return configureApi(command, state);
    default:
      return assertNever(command);
  }
};

export const evolveAccessRestriction = (state: AccessRestrictionState, event: AccessRestrictionEvent): AccessRestrictionState => {
  switch (event.type) {
    case 'IpRestrictionConfigured': {
      const { mailboxNumber, enabled, allowedAddresses, exemptUserIds } = event.data;
      return { ...state, mailboxNumber, ip: { enabled, allowedAddresses, exemptUserIds } };
    }
    case 'ApiRestrictionConfigured': {
      const { mailboxNumber, enabled, allowedAddresses } = event.data;
      return { ...state, mailboxNumber, api: { enabled, allowedAddresses } };
    }
    case 'MailboxSettingsWiped':
      return initialAccessRestrictionState();
    default:
      return assertNever(event);
  }
};

export const accessRestrictionDecider: Decider<AccessRestrictionState, AccessRestrictionCommand, AccessRestrictionEvent> = {
  decide: decideAccessRestriction,
  evolve: evolveAccessRestriction,
  initialState: initialAccessRestrictionState,
};
