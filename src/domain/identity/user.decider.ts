import { alreadyExists, illegalState, notFound, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { requireText, type CheckedText } from '../shared/text.js';
import {
  normalizeUsername,
  requireEmail,
  requireIsoInstant,
  requireOneOf,
  requirePasswordHash,
  requireSha256Hex,
  requireTrimmedText,
  requireUuid,
} from './validation.js';

/**
 * User aggregate, stream `user-<userId>` (the UUID arrives in the command). Usernames are
 * made unique by the `username-<name>` claim stream (see usernameClaim.ts) before this
 * stream is created.
 *
 * Rules:
 * - Username 3–64 characters of [a-z0-9._-], lower-cased; display name 1–100 characters;
 *   e-mail valid. The username never changes (the claim would have to move with it).
 * - Passwords and API tokens arrive already hashed (argon2 PHC string, sha256 hex); the
 *   plaintext never reaches an event. Hashing is I/O-free but slow and salted, so it
 *   happens outside the decider to keep `decide` deterministic.
 * - `isAdministrator` marks a system administrator (creates mailboxes and users, grants
 *   permissions). It is fixed at registration.
 * - Permissions: only MAILBOX_RESET exists and nobody holds it by default. Granting a held
 *   permission is ALREADY_EXISTS; revoking one not held is ILLEGAL_STATE.
 * - API tokens: issued only to active users, with a unique token id, a name of 1–100
 *   characters and an expiry in the future: the deployment's default lifetime when none is
 *   given, never beyond its maximum (both handed in with the command), and never beyond the
 *   expiry of the token that issues it. A token may be read-only, and may issue further
 *   tokens only when its owner said so. Revoking an unknown token is NOT_FOUND, revoking
 *   twice ILLEGAL_STATE.
 * - A password change ends the user's other sessions (the event names the one kept, if the
 *   user changed it from a session), and on request revokes every API token in the same
 *   decision. Ending one session names it; the session store checks it exists.
 * - Deactivating an inactive user or reactivating an active one is ILLEGAL_STATE. An
 *   inactive user can neither log in nor use tokens (enforced when authenticating); the
 *   password may still be changed so an administrator can prepare a reactivation.
 * - Unchanged profile fields append nothing.
 */

export const UserPermission = {
  /** メールボックスの初期化: wipe a mailbox's data and settings. */
  MAILBOX_RESET: 'MAILBOX_RESET',
} as const;
export type UserPermission = (typeof UserPermission)[keyof typeof UserPermission];
export const userPermissions: readonly UserPermission[] = Object.values(UserPermission);

export const userStreamId = (userId: string): string => `user-${userId}`;

// ---- Commands ----
export interface RegisterUserData {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly isAdministrator: boolean;
}
export type RegisterUser = Command<'RegisterUser', RegisterUserData>;
/** What a registration stores: the display name as the text rule made it (only `requireText` makes one). */
export type RegisteredUserData = Omit<RegisterUserData, 'displayName'> & { readonly displayName: CheckedText<'displayName'> };
export type ChangeUserPassword = Command<
  'ChangeUserPassword',
  {
    readonly userId: string;
    readonly passwordHash: string;
    /** The session the change was made from, which stays; null: every session ends. */
    readonly keptSessionId?: string | null;
    /** @default false */
    readonly revokeApiTokens?: boolean;
  }
>;
export type EndUserSession = Command<'EndUserSession', { readonly userId: string; readonly sessionId: string }>;
export interface ApiTokenLifetime {
  readonly defaultDays: number;
  readonly maxDays: number;
}
export type ChangeUserProfile = Command<
  'ChangeUserProfile',
  { readonly userId: string; readonly displayName?: string; readonly email?: string }
>;
export type GrantUserPermission = Command<'GrantUserPermission', { readonly userId: string; readonly permission: UserPermission }>;
export type RevokeUserPermission = Command<'RevokeUserPermission', { readonly userId: string; readonly permission: UserPermission }>;
export type IssueApiToken = Command<
  'IssueApiToken',
  {
    readonly userId: string;
    readonly tokenId: string;
    readonly name: string;
    readonly tokenHash: string;
    /** ISO-8601; absent or null: the default lifetime. */
    readonly expiresAt?: string | null;
    readonly lifetime: ApiTokenLifetime;
    /** @default false */
    readonly readOnly?: boolean;
    /** @default false */
    readonly mayIssueTokens?: boolean;
    /** Expiry of the API token issuing this one (null: issued from a session). */
    readonly issuerExpiresAt?: string | null;
  }
>;
export type RevokeApiToken = Command<'RevokeApiToken', { readonly userId: string; readonly tokenId: string }>;
export type DeactivateUser = Command<'DeactivateUser', { readonly userId: string }>;
export type ReactivateUser = Command<'ReactivateUser', { readonly userId: string }>;
export type UserCommand =
  | RegisterUser
  | ChangeUserPassword
  | ChangeUserProfile
  | GrantUserPermission
  | RevokeUserPermission
  | IssueApiToken
  | RevokeApiToken
  | DeactivateUser
  | ReactivateUser
  | EndUserSession;

// ---- Events ----
export type UserRegistered = DomainEvent<'UserRegistered', RegisteredUserData>;
export type UserPasswordChanged = DomainEvent<
  'UserPasswordChanged',
  {
    readonly userId: string;
    readonly passwordHash: string;
    /** Absent in events from before sessions ended with a password change. */
    readonly endsSessions?: true;
    readonly keptSessionId?: string | null;
  }
>;
export type UserSessionEnded = DomainEvent<'UserSessionEnded', { readonly userId: string; readonly sessionId: string }>;
export type UserProfileChanged = DomainEvent<
  'UserProfileChanged',
  { readonly userId: string; readonly displayName: CheckedText<'displayName'>; readonly email: string }
>;
export type UserPermissionGranted = DomainEvent<'UserPermissionGranted', { readonly userId: string; readonly permission: UserPermission }>;
export type UserPermissionRevoked = DomainEvent<'UserPermissionRevoked', { readonly userId: string; readonly permission: UserPermission }>;
export type ApiTokenIssued = DomainEvent<
  'ApiTokenIssued',
  {
    readonly userId: string;
    readonly tokenId: string;
    readonly name: CheckedText<'name'>;
    readonly tokenHash: string;
    readonly createdAt: string;
    readonly expiresAt: string | null;
    /** Absent in older events: false. */
    readonly readOnly?: boolean;
    readonly mayIssueTokens?: boolean;
  }
>;
export type ApiTokenRevoked = DomainEvent<'ApiTokenRevoked', { readonly userId: string; readonly tokenId: string; readonly revokedAt: string }>;
export type UserDeactivated = DomainEvent<'UserDeactivated', { readonly userId: string }>;
export type UserReactivated = DomainEvent<'UserReactivated', { readonly userId: string }>;
export type UserEvent =
  | UserRegistered
  | UserPasswordChanged
  | UserProfileChanged
  | UserPermissionGranted
  | UserPermissionRevoked
  | ApiTokenIssued
  | ApiTokenRevoked
  | UserDeactivated
  | UserReactivated
  | UserSessionEnded;

export const userEventTypes = [
  'UserRegistered',
  'UserPasswordChanged',
  'UserProfileChanged',
  'UserPermissionGranted',
  'UserPermissionRevoked',
  'ApiTokenIssued',
  'ApiTokenRevoked',
  'UserDeactivated',
  'UserReactivated',
  'UserSessionEnded',
] as const satisfies readonly UserEvent['type'][];

// ---- State ----
export type UserState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'active' | 'inactive';
      readonly userId: string;
      readonly username: string;
      readonly displayName: string;
      readonly email: string;
      readonly passwordHash: string;
      readonly isAdministrator: boolean;
      readonly permissions: ReadonlySet<UserPermission>;
      /** tokenId → revoked? */
      readonly apiTokens: ReadonlyMap<string, { readonly revoked: boolean }>;
    };
type ExistingUser = Exclude<UserState, { status: 'empty' }>;

export const initialUserState = (): UserState => ({ status: 'empty' });

const requireExisting = (state: UserState, userId: string): ExistingUser => {
  if (state.status === 'empty') throw notFound('User', userId, ['userId']);
  return state;
};

/** Validates and normalizes a registration; also used by the service to refuse early, before claiming the username. */
export const validateRegistration = (data: RegisterUserData): RegisteredUserData => {
  if (typeof data.isAdministrator !== 'boolean') {
    throw validationError(['isAdministrator'], `Expected true or false, got ${JSON.stringify(data.isAdministrator)}`);
  }
  return {
    userId: requireUuid(['userId'], data.userId),
    username: normalizeUsername(['username'], data.username),
    displayName: requireText(['displayName'], data.displayName, 'displayName'),
    email: requireEmail(['email'], data.email),
    passwordHash: requirePasswordHash(['passwordHash'], data.passwordHash),
    isAdministrator: data.isAdministrator,
  };
};

const register = ({ data }: RegisterUser, state: UserState): UserRegistered => {
  const valid = validateRegistration(data);
  if (state.status !== 'empty') throw alreadyExists(`User ${valid.userId} already exists`, ['userId']);
  return { type: 'UserRegistered', data: valid };
};

const changePassword = ({ data, metadata }: ChangeUserPassword, state: UserState): UserEvent[] => {
  const user = requireExisting(state, data.userId);
  const keptSessionId = data.keptSessionId == null ? null : requireTrimmedText(['keptSessionId'], data.keptSessionId, 1, 100);
  const changed: UserPasswordChanged = {
    type: 'UserPasswordChanged',
    data: { userId: user.userId, passwordHash: requirePasswordHash(['passwordHash'], data.passwordHash), endsSessions: true, keptSessionId },
  };
  if (data.revokeApiTokens !== true) return [changed];
  const revokedAt = metadata.now.toISOString();
  const revocations: ApiTokenRevoked[] = [...user.apiTokens]
    .filter(([, t]) => !t.revoked)
    .map(([tokenId]) => ({ type: 'ApiTokenRevoked', data: { userId: user.userId, tokenId, revokedAt } }));
  return [changed, ...revocations];
};

const endSession = ({ data }: EndUserSession, state: UserState): UserSessionEnded => {
  const user = requireExisting(state, data.userId);
  return { type: 'UserSessionEnded', data: { userId: user.userId, sessionId: requireTrimmedText(['sessionId'], data.sessionId, 1, 100) } };
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Expiry of a new token: given or the default, in the future, within the maximum and the issuer's own expiry. */
const tokenExpiry = (data: IssueApiToken['data'], now: Date): string => {
  const { defaultDays, maxDays } = data.lifetime;
  const createdAt = now.toISOString();
  const latest = new Date(now.getTime() + maxDays * DAY_MS).toISOString();
  const expiresAt = data.expiresAt == null ? new Date(now.getTime() + Math.min(defaultDays, maxDays) * DAY_MS).toISOString() : requireIsoInstant(['expiresAt'], data.expiresAt);
  if (expiresAt <= createdAt) throw validationError(['expiresAt'], `Expected a time after now (${createdAt}), got ${expiresAt}`);
  if (expiresAt > latest) throw validationError(['expiresAt'], `Expected at most ${maxDays} days from now (${latest}), got ${expiresAt}`);
  const cap = data.issuerExpiresAt ?? null;
  if (cap === null || expiresAt <= cap) return expiresAt;
  // The default is shortened to the issuer's expiry; an explicit later time is refused.
  if (data.expiresAt == null) return cap;
  throw validationError(['expiresAt'], `Expected no later than the issuing token's expiry (${cap}), got ${expiresAt}`);
};

const changeProfile = ({ data }: ChangeUserProfile, state: UserState): UserProfileChanged[] => {
  const user = requireExisting(state, data.userId);
  // Not given: the stored name again, checked when it was stored (or as an event before the rule left it).
  const displayName = data.displayName === undefined ? (user.displayName as CheckedText<'displayName'>) : requireText(['displayName'], data.displayName, 'displayName');
  const email = data.email === undefined ? user.email : requireEmail(['email'], data.email);
  if (displayName === user.displayName && email === user.email) return [];
  return [{ type: 'UserProfileChanged', data: { userId: user.userId, displayName, email } }];
};

const grantPermission = ({ data }: GrantUserPermission, state: UserState): UserPermissionGranted => {
  const user = requireExisting(state, data.userId);
  const permission = requireOneOf(['permission'], data.permission, userPermissions);
  if (user.permissions.has(permission)) throw alreadyExists(`User ${user.userId} already holds ${permission}`, ['permission']);
  return { type: 'UserPermissionGranted', data: { userId: user.userId, permission } };
};

const revokePermission = ({ data }: RevokeUserPermission, state: UserState): UserPermissionRevoked => {
  const user = requireExisting(state, data.userId);
  const permission = requireOneOf(['permission'], data.permission, userPermissions);
  if (!user.permissions.has(permission)) throw illegalState(`User ${user.userId} does not hold ${permission}`, ['permission']);
  return { type: 'UserPermissionRevoked', data: { userId: user.userId, permission } };
};

const issueApiToken = ({ data, metadata }: IssueApiToken, state: UserState): ApiTokenIssued => {
  const user = requireExisting(state, data.userId);
  if (user.status !== 'active') throw illegalState(`User ${user.userId} is deactivated; API tokens are issued to active users only`, ['userId']);
  const tokenId = requireUuid(['tokenId'], data.tokenId);
  if (user.apiTokens.has(tokenId)) throw alreadyExists(`API token ${tokenId} already exists`, ['tokenId']);
  const createdAt = metadata.now.toISOString();
  const expiresAt = tokenExpiry(data, metadata.now);
  return {
    type: 'ApiTokenIssued',
    data: {
      userId: user.userId,
      tokenId,
      name: requireText(['name'], data.name, 'name'),
      tokenHash: requireSha256Hex(['tokenHash'], data.tokenHash),
      createdAt,
      expiresAt,
      readOnly: data.readOnly === true,
      mayIssueTokens: data.mayIssueTokens === true,
    },
  };
};

const revokeApiToken = ({ data, metadata }: RevokeApiToken, state: UserState): ApiTokenRevoked => {
  const user = requireExisting(state, data.userId);
  const token = user.apiTokens.get(data.tokenId);
  if (!token) throw notFound('API token', data.tokenId, ['tokenId']);
  if (token.revoked) throw illegalState(`API token ${data.tokenId} is already revoked`, ['tokenId']);
  return { type: 'ApiTokenRevoked', data: { userId: user.userId, tokenId: data.tokenId, revokedAt: metadata.now.toISOString() } };
};

const deactivate = ({ data }: DeactivateUser, state: UserState): UserDeactivated => {
  const user = requireExisting(state, data.userId);
  if (user.status === 'inactive') throw illegalState(`User ${user.userId} is already deactivated`);
  return { type: 'UserDeactivated', data: { userId: user.userId } };
};

const reactivate = ({ data }: ReactivateUser, state: UserState): UserReactivated => {
  const user = requireExisting(state, data.userId);
  if (user.status === 'active') throw illegalState(`User ${user.userId} is already active`);
  return { type: 'UserReactivated', data: { userId: user.userId } };
};

export const decideUser = (command: UserCommand, state: UserState): UserEvent | readonly UserEvent[] => {
  switch (command.type) {
    case 'RegisterUser':
      return register(command, state);
    case 'ChangeUserPassword':
      return changePassword(command, state);
    case 'ChangeUserProfile':
      return changeProfile(command, state);
    case 'GrantUserPermission':
      return grantPermission(command, state);
    case 'RevokeUserPermission':
      return revokePermission(command, state);
    case 'IssueApiToken':
      return issueApiToken(command, state);
    case 'RevokeApiToken':
      return revokeApiToken(command, state);
    case 'DeactivateUser':
      return deactivate(command, state);
    case 'ReactivateUser':
      return reactivate(command, state);
    case 'EndUserSession':
      return endSession(command, state);
    default:
      return assertNever(command);
  }
};

export const evolveUser = (state: UserState, event: UserEvent): UserState => {
  if (event.type === 'UserRegistered') {
    return { status: 'active', ...event.data, permissions: new Set(), apiTokens: new Map() };
  }
  if (state.status === 'empty') return state;
  switch (event.type) {
    case 'UserPasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'UserProfileChanged':
      return { ...state, displayName: event.data.displayName, email: event.data.email };
    case 'UserPermissionGranted':
      return { ...state, permissions: new Set([...state.permissions, event.data.permission]) };
    case 'UserPermissionRevoked':
      return { ...state, permissions: new Set([...state.permissions].filter((p) => p !== event.data.permission)) };
    case 'ApiTokenIssued':
      return { ...state, apiTokens: new Map(state.apiTokens).set(event.data.tokenId, { revoked: false }) };
    case 'ApiTokenRevoked':
      return { ...state, apiTokens: new Map(state.apiTokens).set(event.data.tokenId, { revoked: true }) };
    case 'UserDeactivated':
      return { ...state, status: 'inactive' };
    case 'UserReactivated':
      return { ...state, status: 'active' };
    case 'UserSessionEnded':
      return state;
    default:
      return assertNever(event);
  }
};

export const userDecider: Decider<UserState, UserCommand, UserEvent> = {
  decide: decideUser,
  evolve: evolveUser,
  initialState: initialUserState,
};
