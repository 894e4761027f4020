import { alreadyExists, illegalState, notFound, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { requireOneOf, requirePositiveInteger, requireUuid } from '../identity/validation.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { requireBoolean, requireCiphertext, requireRedirectUrl, show } from './validation.js';
import { requireText, type CheckedText } from '../shared/text.js';

/**
 * OAuth credential (OAuth認証設定): the client registration of one mailbox at Google
 * Workspace or Microsoft 365, used by receive (and SMTP) accounts that authenticate with
 * XOAUTH2. Stream `oauth-credential-<id>`.
 *
 * Rules (all of them live here):
 * - Provider GOOGLE or MICROSOFT, fixed at registration. Display name 1–100 characters,
 *   client id 1–255, scopes 1–20 tokens without spaces (RFC 6749 §3.3), redirect URL https
 *   (http on loopback only). Microsoft needs a tenant (directory id, domain, `common` or
 *   `organizations`); Google has none, a tenant given for it is refused.
 * - Microsoft issues a refresh token only with the `offline_access` scope: it is added when
 *   missing. Scopes are de-duplicated, order kept.
 * - The client secret arrives encrypted; it is required at registration, optional on edit.
 * - Authorization: NOT_AUTHORIZED → AUTHORIZED (code exchanged, refresh token stored
 *   encrypted) → REAUTHORIZATION_REQUIRED when the provider refuses the refresh token
 *   (`invalid_grant`, RFC 6749 §5.2); authorizing again returns it to AUTHORIZED.
 * - Changing the client id, tenant or scopes makes the stored refresh token meaningless (it
 *   belongs to another client or grant): the authorization is dropped in the same event and
 *   `clientVersion` grows. An authorization started under an older `clientVersion` is refused.
 * - A disabled credential cannot be authorized; enabling an enabled (or disabling a disabled)
 *   one appends nothing. Unchanged edits append nothing.
 * - Deleting is refused while receive accounts use the credential (the service lists them);
 *   a deleted credential accepts no command, and its id is never reused.
 */

export const OAuthProvider = { GOOGLE: 'GOOGLE', MICROSOFT: 'MICROSOFT' } as const;
export type OAuthProvider = (typeof OAuthProvider)[keyof typeof OAuthProvider];
export const oauthProviders: readonly OAuthProvider[] = Object.values(OAuthProvider);

export const OAuthAuthorizationStatus = {
  NOT_AUTHORIZED: 'NOT_AUTHORIZED',
  AUTHORIZED: 'AUTHORIZED',
  REAUTHORIZATION_REQUIRED: 'REAUTHORIZATION_REQUIRED',
} as const;
export type OAuthAuthorizationStatus = (typeof OAuthAuthorizationStatus)[keyof typeof OAuthAuthorizationStatus];

export const oauthCredentialStreamId = (credentialId: string): string => `oauth-credential-${credentialId}`;

// ---- Commands ----
export interface OAuthCredentialFields {
  readonly displayName: string;
  readonly clientId: string;
  readonly tenant: string | null;
  readonly scopes: readonly string[];
  readonly redirectUrl: string;
}
export type RegisterOAuthCredential = Command<
  'RegisterOAuthCredential',
  OAuthCredentialFields & {
    readonly mailboxNumber: number;
    readonly credentialId: string;
    readonly provider: OAuthProvider;
    readonly clientSecretCiphertext: string;
    readonly enabled: boolean;
  }
>;
export type ChangeOAuthCredential = Command<
  'ChangeOAuthCredential',
  Partial<OAuthCredentialFields> & { readonly credentialId: string; readonly clientSecretCiphertext?: string | null }
>;
export type EnableOAuthCredential = Command<'EnableOAuthCredential', { readonly credentialId: string }>;
export type DisableOAuthCredential = Command<'DisableOAuthCredential', { readonly credentialId: string }>;
export type DeleteOAuthCredential = Command<
  'DeleteOAuthCredential',
  { readonly credentialId: string; readonly usedByAccounts: readonly string[] }
>;
export type RecordOAuthAuthorization = Command<
  'RecordOAuthAuthorization',
  {
    readonly credentialId: string;
    readonly clientVersion: number;
    readonly refreshTokenCiphertext: string;
    readonly grantedScopes: readonly string[];
  }
>;
export type RecordOAuthRefreshRefused = Command<
  'RecordOAuthRefreshRefused',
  { readonly credentialId: string; readonly error: string; readonly description: string | null }
>;
export type OAuthCredentialCommand =
  | RegisterOAuthCredential
  | ChangeOAuthCredential
  | EnableOAuthCredential
  | DisableOAuthCredential
  | DeleteOAuthCredential
  | RecordOAuthAuthorization
  | RecordOAuthRefreshRefused;

// ---- Events ----
interface CredentialRef {
  readonly mailboxNumber: number;
  readonly credentialId: string;
}
/** What is stored: display name and client id as the text rule made them (only `requireText` makes one). */
export type StoredOAuthCredentialFields = Omit<OAuthCredentialFields, 'displayName' | 'clientId'> & {
  readonly displayName: CheckedText<'displayName'>;
  readonly clientId: CheckedText<'accountName'>;
};
export type OAuthCredentialRegistered = DomainEvent<
  'OAuthCredentialRegistered',
  CredentialRef &
    StoredOAuthCredentialFields & { readonly provider: OAuthProvider; readonly clientSecretCiphertext: string; readonly enabled: boolean }
>;
export type OAuthCredentialChanged = DomainEvent<
  'OAuthCredentialChanged',
  CredentialRef &
    StoredOAuthCredentialFields & {
      /** Only when a new secret was set, so the audit shows "changed" exactly then. */
      readonly clientSecretCiphertext?: string;
      /** Field names that differ from before (`clientSecret` for a new secret). */
      readonly changedFields: readonly string[];
      /** True when the change dropped the stored authorization. */
      readonly authorizationReset: boolean;
      readonly clientVersion: number;
    }
>;
export type OAuthCredentialEnabled = DomainEvent<'OAuthCredentialEnabled', CredentialRef>;
export type OAuthCredentialDisabled = DomainEvent<'OAuthCredentialDisabled', CredentialRef>;
export type OAuthCredentialDeleted = DomainEvent<'OAuthCredentialDeleted', CredentialRef & { readonly displayName: string }>;
export type OAuthCredentialAuthorized = DomainEvent<
  'OAuthCredentialAuthorized',
  CredentialRef & { readonly refreshTokenCiphertext: string; readonly grantedScopes: readonly string[] }
>;
export type OAuthReauthorizationRequired = DomainEvent<
  'OAuthReauthorizationRequired',
  CredentialRef & { readonly error: string; readonly description: string | null }
>;
export type OAuthCredentialEvent =
  | OAuthCredentialRegistered
  | OAuthCredentialChanged
  | OAuthCredentialEnabled
  | OAuthCredentialDisabled
  | OAuthCredentialDeleted
  | OAuthCredentialAuthorized
  | OAuthReauthorizationRequired
  | MailboxSettingsWiped;

export const oauthCredentialEventTypes = [
  'OAuthCredentialRegistered',
  'OAuthCredentialChanged',
  'OAuthCredentialEnabled',
  'OAuthCredentialDisabled',
  'OAuthCredentialDeleted',
  'OAuthCredentialAuthorized',
  'OAuthReauthorizationRequired',
  'MailboxSettingsWiped',
] as const satisfies readonly OAuthCredentialEvent['type'][];

// ---- State ----
export type OAuthAuthorization =
  | { readonly status: 'NOT_AUTHORIZED' }
  | { readonly status: 'AUTHORIZED'; readonly refreshTokenCiphertext: string; readonly grantedScopes: readonly string[] }
  | { readonly status: 'REAUTHORIZATION_REQUIRED'; readonly error: string; readonly description: string | null };

export interface RegisteredCredential extends OAuthCredentialFields {
  readonly status: 'registered';
  readonly mailboxNumber: number;
  readonly credentialId: string;
  readonly provider: OAuthProvider;
  readonly clientSecretCiphertext: string;
  readonly enabled: boolean;
  readonly clientVersion: number;
  readonly authorization: OAuthAuthorization;
}
export type OAuthCredentialState =
  | { readonly status: 'empty' }
  | RegisteredCredential
  | { readonly status: 'deleted'; readonly mailboxNumber: number; readonly credentialId: string };

export const initialOAuthCredentialState = (): OAuthCredentialState => ({ status: 'empty' });

const MICROSOFT_TENANT = /^(?:common|organizations|consumers|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[a-z0-9-]+\.)+[a-z]{2,63})$/;
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

const requireScopes = (provider: OAuthProvider, value: unknown): string[] => {
  if (!Array.isArray(value) || value.length < 1 || value.length > 20) {
    throw validationError(['scopes'], `Expected 1–20 scopes, got ${show(value)}`);
  }
  const scopes: string[] = [];
  for (const [i, raw] of value.entries()) {
    const scope = typeof raw === 'string' ? raw.trim() : raw;
    if (typeof scope !== 'string' || !SCOPE_TOKEN.test(scope) || scope.length > 255) {
      throw validationError(['scopes', String(i)], `Expected a scope token without spaces or quotes (RFC 6749 §3.3), got ${show(raw)}`);
    }
    if (!scopes.includes(scope)) scopes.push(scope);
  }
  if (provider === OAuthProvider.MICROSOFT && !scopes.includes('offline_access')) scopes.push('offline_access');
  return scopes;
};

const requireTenant = (provider: OAuthProvider, value: unknown): string | null => {
  const tenant = typeof value === 'string' ? value.trim().toLowerCase() : value ?? null;
  if (provider === OAuthProvider.GOOGLE) {
    if (tenant !== null && tenant !== '') throw validationError(['tenant'], `Google credentials have no tenant; expected none, got ${show(value)}`);
    return null;
  }
  if (typeof tenant !== 'string' || !MICROSOFT_TENANT.test(tenant)) {
    throw validationError(
      ['tenant'],
      `Expected a Microsoft tenant: a directory (tenant) id, a domain like "contoso.onmicrosoft.com", "common" or "organizations", got ${show(value)}`,
    );
  }
  return tenant;
};

const validFields = (provider: OAuthProvider, f: OAuthCredentialFields): StoredOAuthCredentialFields => ({
  displayName: requireText(['displayName'], f.displayName, 'displayName'),
  clientId: requireText(['clientId'], f.clientId, 'accountName'),
  tenant: requireTenant(provider, f.tenant),
  scopes: requireScopes(provider, f.scopes),
  redirectUrl: requireRedirectUrl(['redirectUrl'], f.redirectUrl),
});

const requireRegistered = (state: OAuthCredentialState, credentialId: string): RegisteredCredential => {
  if (state.status === 'registered') return state;
  if (state.status === 'deleted') throw illegalState(`OAuth credential ${credentialId} was deleted`, ['credentialId']);
  throw notFound('OAuth credential', credentialId, ['credentialId']);
};

const ref = (c: { mailboxNumber: number; credentialId: string }): CredentialRef => ({
  mailboxNumber: c.mailboxNumber,
  credentialId: c.credentialId,
});

const register = ({ data }: RegisterOAuthCredential, state: OAuthCredentialState): OAuthCredentialRegistered => {
  const credentialId = requireUuid(['credentialId'], data.credentialId);
  if (state.status !== 'empty') throw alreadyExists(`OAuth credential ${credentialId} already exists`, ['credentialId']);
  const provider = requireOneOf(['provider'], data.provider, oauthProviders);
  return {
    type: 'OAuthCredentialRegistered',
    data: {
      mailboxNumber: requirePositiveInteger(['mailboxNumber'], data.mailboxNumber),
      credentialId,
      provider,
      ...validFields(provider, data),
      clientSecretCiphertext: requireCiphertext(['clientSecret'], data.clientSecretCiphertext),
      enabled: requireBoolean(['enabled'], data.enabled),
    },
  };
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const change = ({ data }: ChangeOAuthCredential, state: OAuthCredentialState): OAuthCredentialChanged[] => {
  const current = requireRegistered(state, data.credentialId);
  const next = validFields(current.provider, {
    displayName: data.displayName ?? current.displayName,
    clientId: data.clientId ?? current.clientId,
    tenant: data.tenant === undefined ? current.tenant : data.tenant,
    scopes: data.scopes ?? current.scopes,
    redirectUrl: data.redirectUrl ?? current.redirectUrl,
  });
  const secret = data.clientSecretCiphertext == null ? null : requireCiphertext(['clientSecret'], data.clientSecretCiphertext);
  const changedFields = [
    ...(next.displayName !== current.displayName ? ['displayName'] : []),
    ...(next.clientId !== current.clientId ? ['clientId'] : []),
    ...(next.tenant !== current.tenant ? ['tenant'] : []),
    ...(!sameList(next.scopes, current.scopes) ? ['scopes'] : []),
    ...(next.redirectUrl !== current.redirectUrl ? ['redirectUrl'] : []),
    ...(secret !== null ? ['clientSecret'] : []),
  ];
  if (changedFields.length === 0) return [];
  const grantChanged = changedFields.some((f) => f === 'clientId' || f === 'tenant' || f === 'scopes');
  return [
    {
      type: 'OAuthCredentialChanged',
      data: {
        ...ref(current),
        ...next,
        ...(secret !== null ? { clientSecretCiphertext: secret } : {}),
        changedFields,
        authorizationReset: grantChanged && current.authorization.status !== 'NOT_AUTHORIZED',
        clientVersion: grantChanged ? current.clientVersion + 1 : current.clientVersion,
      },
    },
  ];
};

const authorize = ({ data }: RecordOAuthAuthorization, state: OAuthCredentialState): OAuthCredentialAuthorized => {
  const current = requireRegistered(state, data.credentialId);
  if (!current.enabled) throw illegalState(`OAuth credential "${current.displayName}" is disabled; enable it before authorizing`, ['credentialId']);
  if (data.clientVersion !== current.clientVersion) {
    throw illegalState(
      `OAuth credential "${current.displayName}" changed (client id, tenant or scopes) after this authorization was started; start the authorization again`,
      ['state'],
    );
  }
  return {
    type: 'OAuthCredentialAuthorized',
    data: {
      ...ref(current),
      refreshTokenCiphertext: requireCiphertext(['refreshToken'], data.refreshTokenCiphertext),
      grantedScopes: [...data.grantedScopes],
    },
  };
};

/** Only an AUTHORIZED credential can lose its authorization; a second refusal is the same episode. */
const refreshRefused = ({ data }: RecordOAuthRefreshRefused, state: OAuthCredentialState): OAuthReauthorizationRequired[] => {
  const current = requireRegistered(state, data.credentialId);
  if (current.authorization.status !== 'AUTHORIZED') return [];
  return [{ type: 'OAuthReauthorizationRequired', data: { ...ref(current), error: data.error, description: data.description } }];
};

export const decideOAuthCredential = (
  command: OAuthCredentialCommand,
  state: OAuthCredentialState,
): OAuthCredentialEvent | readonly OAuthCredentialEvent[] => {
  switch (command.type) {
    case 'RegisterOAuthCredential':
      return register(command, state);
    case 'ChangeOAuthCredential':
      return change(command, state);
    case 'EnableOAuthCredential': {
      const current = requireRegistered(state, command.data.credentialId);
      return current.enabled ? [] : [{ type: 'OAuthCredentialEnabled', data: ref(current) }];
    }
    case 'DisableOAuthCredential': {
      const current = requireRegistered(state, command.data.credentialId);
      return current.enabled ? [{ type: 'OAuthCredentialDisabled', data: ref(current) }] : [];
    }
    case 'DeleteOAuthCredential': {
      const current = requireRegistered(state, command.data.credentialId);
      if (command.data.usedByAccounts.length > 0) {
        throw illegalState(
          `OAuth credential "${current.displayName}" is used by receive account(s) ${command.data.usedByAccounts.join(', ')}; switch them to another credential or delete them first`,
          ['credentialId'],
        );
      }
      return { type: 'OAuthCredentialDeleted', data: { ...ref(current), displayName: current.displayName } };
    }
    case 'RecordOAuthAuthorization':
      return authorize(command, state);
    case 'RecordOAuthRefreshRefused':
      return refreshRefused(command, state);
    default:
      return assertNever(command);
  }
};

const whenRegistered = (state: OAuthCredentialState, f: (c: RegisteredCredential) => OAuthCredentialState): OAuthCredentialState =>
  state.status === 'registered' ? f(state) : state;

export const evolveOAuthCredential = (state: OAuthCredentialState, event: OAuthCredentialEvent): OAuthCredentialState => {
  switch (event.type) {
    case 'OAuthCredentialRegistered': {
      const { data } = event;
      return { status: 'registered', ...data, clientVersion: 1, authorization: { status: 'NOT_AUTHORIZED' } };
    }
    case 'OAuthCredentialChanged':
      return whenRegistered(state, (c) => {
        const { changedFields: _c, authorizationReset, ...fields } = event.data;
        return { ...c, ...fields, authorization: authorizationReset ? { status: 'NOT_AUTHORIZED' } : c.authorization };
      });
    case 'OAuthCredentialEnabled':
      return whenRegistered(state, (c) => ({ ...c, enabled: true }));
    case 'OAuthCredentialDisabled':
      return whenRegistered(state, (c) => ({ ...c, enabled: false }));
    case 'OAuthCredentialDeleted':
      return { status: 'deleted', mailboxNumber: event.data.mailboxNumber, credentialId: event.data.credentialId };
    case 'OAuthCredentialAuthorized':
      return whenRegistered(state, (c) => ({
        ...c,
        authorization: {
          status: 'AUTHORIZED',
          refreshTokenCiphertext: event.data.refreshTokenCiphertext,
          grantedScopes: event.data.grantedScopes,
        },
      }));
    case 'OAuthReauthorizationRequired':
      return whenRegistered(state, (c) => ({
        ...c,
        authorization: { status: 'REAUTHORIZATION_REQUIRED', error: event.data.error, description: event.data.description },
      }));
    case 'MailboxSettingsWiped':
      return initialOAuthCredentialState();
    default:
      return assertNever(event);
  }
};

export const oauthCredentialDecider: Decider<OAuthCredentialState, OAuthCredentialCommand, OAuthCredentialEvent> = {
  decide: decideOAuthCredential,
  evolve: evolveOAuthCredential,
  initialState: initialOAuthCredentialState,
};
