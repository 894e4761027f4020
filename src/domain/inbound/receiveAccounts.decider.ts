import { alreadyExists, illegalState, notFound, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { requireEmail, requireOneOf, requirePositiveInteger, requireUuid } from '../identity/validation.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { requireAccountName, requireBoolean, requireCiphertext, requireHost, requireIntegerIn } from './validation.js';
import { requireText, type CheckedText } from '../shared/text.js';

/**
 * Receive accounts of one mailbox (POP/IMAP設定) and its auto-fetch settings
 * (自動読み込みの設定). Stream `receive-accounts-<mailboxNumber>`: the per-mailbox limit
 * needs every account of the mailbox in one consistency boundary.
 *
 * Rules (all of them live here):
 * - At most 6 accounts per mailbox; the 7th is refused, pointing to forwarding (転送受信).
 * - Protocol POP3, APOP or IMAP; encryption NONE, SSL_TLS or STARTTLS, nothing else.
 * - Port 1–65535; when omitted the default of the protocol and encryption: POP 110 / 995,
 *   IMAP 143 / 993; STARTTLS upgrades the plain port (RFC 2595). On an edit that changes
 *   protocol or encryption without a port, a port that was the old default follows along.
 * - Auth PASSWORD: account name and password (encrypted; required when adding or when
 *   switching to PASSWORD, kept when omitted on an edit). Auth OAUTH2: account name and a
 *   registered, enabled OAuth credential of the same mailbox (the service looks it up).
 *   APOP is a password-digest login (RFC 1939 §7) and cannot carry OAuth.
 * - Leave-on-server is a POP3/APOP option (IMAP never deletes; it marks \Seen).
 * - Delete-duplicates only with POP3/APOP AND leave-on-server; refused otherwise.
 * - Error-notification address: an e-mail address or none.
 * - Fetch interval override: 1–1440 minutes, or none (the mailbox setting applies).
 * - The same server account (protocol, host, port, account name) cannot be added twice:
 *   two accounts would race for the same messages.
 * - Unchanged edits append nothing. Deleting an unknown account is NOT_FOUND.
 * - Auto-fetch: on/off and an interval of 1–1440 minutes; default on, every 10 minutes.
 * - Push (IMAP IDLE, RFC 2177): on by default; an IMAP option like leave-on-server is a
 *   POP3 one, so turning it on for POP3/APOP is refused. Accounts added before the
 *   setting existed read as on (IMAP) / off (POP3).
 */

export const MAX_RECEIVE_ACCOUNTS = 6;
export const DEFAULT_FETCH_INTERVAL_MINUTES = 10;
export const MAX_FETCH_INTERVAL_MINUTES = 1440;

export const ReceiveProtocol = { POP3: 'POP3', APOP: 'APOP', IMAP: 'IMAP' } as const;
export type ReceiveProtocol = (typeof ReceiveProtocol)[keyof typeof ReceiveProtocol];
export const receiveProtocols: readonly ReceiveProtocol[] = Object.values(ReceiveProtocol);

export const ReceiveEncryption = { NONE: 'NONE', SSL_TLS: 'SSL_TLS', STARTTLS: 'STARTTLS' } as const;
export type ReceiveEncryption = (typeof ReceiveEncryption)[keyof typeof ReceiveEncryption];
export const receiveEncryptions: readonly ReceiveEncryption[] = Object.values(ReceiveEncryption);

export const ReceiveAuthMethod = { PASSWORD: 'PASSWORD', OAUTH2: 'OAUTH2' } as const;
export type ReceiveAuthMethod = (typeof ReceiveAuthMethod)[keyof typeof ReceiveAuthMethod];
export const receiveAuthMethods: readonly ReceiveAuthMethod[] = Object.values(ReceiveAuthMethod);

export const isPop = (p: ReceiveProtocol): boolean => p === ReceiveProtocol.POP3 || p === ReceiveProtocol.APOP;

export const defaultReceivePort = (protocol: ReceiveProtocol, encryption: ReceiveEncryption): number => {
  const implicitTls = encryption === ReceiveEncryption.SSL_TLS;
  return isPop(protocol) ? (implicitTls ? 995 : 110) : implicitTls ? 993 : 143;
};

export const receiveAccountsStreamId = (mailboxNumber: number): string => `receive-accounts-${mailboxNumber}`;

export type ReceiveAuth =
  | { readonly method: 'PASSWORD'; readonly username: string; readonly passwordCiphertext: string }
  | { readonly method: 'OAUTH2'; readonly username: string; readonly credentialId: string };

/** Decided settings: the display name as the text rule made it (only `requireText` makes one). */
export interface ReceiveAccountSettings {
  readonly displayName: CheckedText<'displayName'>;
  readonly protocol: ReceiveProtocol;
  readonly host: string;
  readonly port: number;
  readonly encryption: ReceiveEncryption;
  readonly auth: ReceiveAuth;
  readonly errorNotificationAddress: string | null;
  readonly leaveOnServer: boolean;
  readonly deleteDuplicates: boolean;
  readonly enabled: boolean;
  /** Per-account override of the mailbox interval, in minutes; null: the mailbox setting. */
  readonly fetchIntervalMinutes: number | null;
  /** IMAP only: keep an IDLE connection and import new mail as it arrives (servers without IDLE are polled). */
  readonly idleEnabled: boolean;
}

/** Settings as events carry them: the password ciphertext travels beside them (`passwordCiphertext`), never inside. */
export type ReceiveAuthView =
  | { readonly method: 'PASSWORD'; readonly username: string }
  | { readonly method: 'OAUTH2'; readonly username: string; readonly credentialId: string };
export type ReceiveAccountSettingsView = Omit<ReceiveAccountSettings, 'auth'> & { readonly auth: ReceiveAuthView };

export const settingsView = (s: ReceiveAccountSettings): ReceiveAccountSettingsView => ({
  ...s,
  auth: s.auth.method === 'PASSWORD' ? { method: 'PASSWORD', username: s.auth.username } : s.auth,
});

/** What the service found for `auth.credentialId`; null when no such credential exists. */
export interface OAuthCredentialLookup {
  readonly credentialId: string;
  readonly mailboxNumber: number;
  readonly enabled: boolean;
  readonly deleted: boolean;
}

/** Everything optional: omitted fields keep their value on an edit and take defaults when adding. */
export interface ReceiveAccountInput {
  readonly displayName?: string;
  readonly protocol?: ReceiveProtocol;
  readonly host?: string;
  readonly port?: number | null;
  readonly encryption?: ReceiveEncryption;
  readonly authMethod?: ReceiveAuthMethod;
  readonly username?: string;
  readonly passwordCiphertext?: string | null;
  readonly credentialId?: string | null;
  readonly errorNotificationAddress?: string | null;
  readonly leaveOnServer?: boolean;
  readonly deleteDuplicates?: boolean;
  readonly enabled?: boolean;
  readonly fetchIntervalMinutes?: number | null;
  readonly idleEnabled?: boolean;
}

// ---- Commands ----
interface AccountCommandData {
  readonly mailboxNumber: number;
  readonly accountId: string;
}
export type AddReceiveAccount = Command<
  'AddReceiveAccount',
  AccountCommandData & { readonly input: ReceiveAccountInput; readonly oauthCredential: OAuthCredentialLookup | null }
>;
export type ChangeReceiveAccount = Command<
  'ChangeReceiveAccount',
  AccountCommandData & { readonly input: ReceiveAccountInput; readonly oauthCredential: OAuthCredentialLookup | null }
>;
export type DeleteReceiveAccount = Command<'DeleteReceiveAccount', AccountCommandData>;
export type ChangeAutoFetchSettings = Command<
  'ChangeAutoFetchSettings',
  { readonly mailboxNumber: number; readonly enabled?: boolean; readonly intervalMinutes?: number }
>;
export type ReceiveAccountsCommand = AddReceiveAccount | ChangeReceiveAccount | DeleteReceiveAccount | ChangeAutoFetchSettings;

// ---- Events ----
/**
 * The password ciphertext is a top-level field so the audit can mask it by name: present
 * when adding with PASSWORD auth, and on a change only when a new password was set.
 */
export type ReceiveAccountAdded = DomainEvent<
  'ReceiveAccountAdded',
  AccountCommandData & { readonly settings: ReceiveAccountSettingsView; readonly passwordCiphertext?: string }
>;
export type ReceiveAccountChanged = DomainEvent<
  'ReceiveAccountChanged',
  AccountCommandData & {
    readonly settings: ReceiveAccountSettingsView;
    readonly changedFields: readonly string[];
    readonly passwordCiphertext?: string;
  }
>;
export type ReceiveAccountDeleted = DomainEvent<'ReceiveAccountDeleted', AccountCommandData & { readonly displayName: string }>;
export type AutoFetchSettingsChanged = DomainEvent<
  'AutoFetchSettingsChanged',
  { readonly mailboxNumber: number; readonly enabled: boolean; readonly intervalMinutes: number }
>;
export type ReceiveAccountsEvent = ReceiveAccountAdded | ReceiveAccountChanged | ReceiveAccountDeleted | AutoFetchSettingsChanged
  | MailboxSettingsWiped;

export const receiveAccountsEventTypes = [
  'ReceiveAccountAdded',
  'ReceiveAccountChanged',
  'ReceiveAccountDeleted',
  'AutoFetchSettingsChanged',
  'MailboxSettingsWiped',
] as const satisfies readonly ReceiveAccountsEvent['type'][];

// ---- State ----
export interface ReceiveAccountsState {
  readonly accounts: ReadonlyMap<string, ReceiveAccountSettings>;
  /** Ids of deleted accounts: never reused, so history stays unambiguous. */
  readonly deleted: ReadonlySet<string>;
  readonly autoFetch: { readonly enabled: boolean; readonly intervalMinutes: number };
}

export const initialReceiveAccountsState = (): ReceiveAccountsState => ({
  accounts: new Map(),
  deleted: new Set(),
  autoFetch: { enabled: true, intervalMinutes: DEFAULT_FETCH_INTERVAL_MINUTES },
});

const requireAuth = (
  mailboxNumber: number,
  protocol: ReceiveProtocol,
  input: ReceiveAccountInput,
  previous: ReceiveAuth | null,
  oauth: OAuthCredentialLookup | null,
): ReceiveAuth => {
  const method = requireOneOf(['authMethod'], input.authMethod ?? previous?.method ?? ReceiveAuthMethod.PASSWORD, receiveAuthMethods);
  const username = requireAccountName(['username'], input.username ?? previous?.username);
  if (method === ReceiveAuthMethod.PASSWORD) {
    const kept = previous?.method === 'PASSWORD' ? previous.passwordCiphertext : undefined;
    const cipher = input.passwordCiphertext ?? kept;
    if (cipher === undefined) throw validationError(['password'], 'Expected a password for password authentication, got none');
    return { method, username, passwordCiphertext: requireCiphertext(['password'], cipher) };
  }
  if (protocol === ReceiveProtocol.APOP) {
    throw validationError(['authMethod'], 'APOP logs in with a password digest (RFC 1939 §7) and cannot use OAuth; choose POP3 for OAuth, got APOP');
  }
  const credentialId = input.credentialId ?? (previous?.method === 'OAUTH2' ? previous.credentialId : null);
  if (!credentialId) throw validationError(['credentialId'], 'Expected a registered OAuth credential for OAuth authentication, got none');
  const id = requireUuid(['credentialId'], credentialId);
  if (!oauth || oauth.credentialId !== id || oauth.deleted || oauth.mailboxNumber !== mailboxNumber) {
    throw notFound(`OAuth credential of mailbox ${mailboxNumber}`, id, ['credentialId']);
  }
  if (!oauth.enabled) throw illegalState(`OAuth credential ${id} is disabled; enable it or choose another`, ['credentialId']);
  return { method, username, credentialId: id };
};

const resolveSettings = (
  mailboxNumber: number,
  input: ReceiveAccountInput,
  previous: ReceiveAccountSettings | null,
  oauth: OAuthCredentialLookup | null,
): ReceiveAccountSettings => {
  const protocol = requireOneOf(['protocol'], input.protocol ?? previous?.protocol, receiveProtocols);
  const encryption = requireOneOf(['encryption'], input.encryption ?? previous?.encryption ?? ReceiveEncryption.SSL_TLS, receiveEncryptions);
  const followsDefault = previous !== null && previous.port === defaultReceivePort(previous.protocol, previous.encryption);
  const port =
    input.port != null
      ? requireIntegerIn(['port'], input.port, 1, 65535)
      : previous === null || followsDefault
        ? defaultReceivePort(protocol, encryption)
        : previous.port;
  const leaveOnServer = requireBoolean(['leaveOnServer'], input.leaveOnServer ?? previous?.leaveOnServer ?? false);
  if (leaveOnServer && !isPop(protocol)) {
    throw validationError(['leaveOnServer'], `Leave-on-server applies to POP3 and APOP only (IMAP leaves messages and marks them \\Seen), got ${protocol}`);
  }
  const deleteDuplicates = requireBoolean(['deleteDuplicates'], input.deleteDuplicates ?? previous?.deleteDuplicates ?? false);
  if (deleteDuplicates && !(isPop(protocol) && leaveOnServer)) {
    throw validationError(
      ['deleteDuplicates'],
      `Delete-duplicates can be set only when the protocol is POP3 or APOP and leave-on-server is on; got protocol ${protocol} with leave-on-server ${leaveOnServer ? 'on' : 'off'}`,
    );
  }
  // Following the protocol when not given, as the port follows it: IMAP on, POP3 off.
  const idleEnabled = requireBoolean(['idleEnabled'], input.idleEnabled ?? (previous && previous.protocol === protocol ? previous.idleEnabled : !isPop(protocol)));
  if (idleEnabled && isPop(protocol)) {
    throw validationError(['idleEnabled'], `Push (IMAP IDLE, RFC 2177) applies to IMAP only; POP3 and APOP are polled at the fetch interval, got ${protocol}`);
  }
  const address = input.errorNotificationAddress === undefined ? previous?.errorNotificationAddress ?? null : input.errorNotificationAddress;
  const interval = input.fetchIntervalMinutes === undefined ? previous?.fetchIntervalMinutes ?? null : input.fetchIntervalMinutes;
  return {
    displayName: requireText(['displayName'], input.displayName ?? previous?.displayName, 'displayName'),
    protocol,
    host: requireHost(['host'], input.host ?? previous?.host),
    port,
    encryption,
    auth: requireAuth(mailboxNumber, protocol, input, previous?.auth ?? null, oauth),
    errorNotificationAddress: address === null || address.trim() === '' ? null : requireEmail(['errorNotificationAddress'], address),
    leaveOnServer,
    deleteDuplicates,
    enabled: requireBoolean(['enabled'], input.enabled ?? previous?.enabled ?? true),
    fetchIntervalMinutes: interval === null ? null : requireIntegerIn(['fetchIntervalMinutes'], interval, 1, MAX_FETCH_INTERVAL_MINUTES),
    idleEnabled,
  };
};

const serverAccountKey = (s: ReceiveAccountSettings): string => `${s.protocol === 'APOP' ? 'POP3' : s.protocol}|${s.host}|${s.port}|${s.auth.username}`;

const refuseDuplicateServerAccount = (state: ReceiveAccountsState, accountId: string, settings: ReceiveAccountSettings): void => {
  const key = serverAccountKey(settings);
  for (const [id, other] of state.accounts) {
    if (id !== accountId && serverAccountKey(other) === key) {
      throw alreadyExists(
        `Account "${settings.auth.username}" on ${settings.host}:${settings.port} is already fetched by receive account "${other.displayName}" (${id})`,
        ['username'],
      );
    }
  }
};

const changedFieldsOf = (before: ReceiveAccountSettings, after: ReceiveAccountSettings): string[] => {
  const fields: string[] = [];
  for (const key of Object.keys(after) as (keyof ReceiveAccountSettings)[]) {
    if (key === 'auth') continue;
    if (before[key] !== after[key]) fields.push(key);
  }
  if (before.auth.method !== after.auth.method) fields.push('authMethod');
  if (before.auth.username !== after.auth.username) fields.push('username');
  const secretOf = (a: ReceiveAuth) => (a.method === 'PASSWORD' ? a.passwordCiphertext : null);
  const credentialOf = (a: ReceiveAuth) => (a.method === 'OAUTH2' ? a.credentialId : null);
  if (secretOf(before.auth) !== secretOf(after.auth) && secretOf(after.auth) !== null) fields.push('password');
  if (credentialOf(before.auth) !== credentialOf(after.auth) && credentialOf(after.auth) !== null) fields.push('credentialId');
  return fields;
};

const add = ({ data }: AddReceiveAccount, state: ReceiveAccountsState): ReceiveAccountAdded => {
  const mailboxNumber = requirePositiveInteger(['mailboxNumber'], data.mailboxNumber);
  const accountId = requireUuid(['accountId'], data.accountId);
  if (state.accounts.has(accountId) || state.deleted.has(accountId)) {
    throw alreadyExists(`Receive account ${accountId} already exists`, ['accountId']);
  }
  if (state.accounts.size >= MAX_RECEIVE_ACCOUNTS) {
    throw illegalState(
      `Mailbox ${mailboxNumber} already has ${state.accounts.size} receive accounts, the most allowed is ${MAX_RECEIVE_ACCOUNTS}; to receive from more addresses, forward their mail to the mailbox address instead (転送受信)`,
    );
  }
  const settings = resolveSettings(mailboxNumber, data.input, null, data.oauthCredential);
  refuseDuplicateServerAccount(state, accountId, settings);
  const secret = settings.auth.method === 'PASSWORD' ? { passwordCiphertext: settings.auth.passwordCiphertext } : {};
  return { type: 'ReceiveAccountAdded', data: { mailboxNumber, accountId, settings: settingsView(settings), ...secret } };
};

const requireAccount = (state: ReceiveAccountsState, accountId: string): ReceiveAccountSettings => {
  const account = state.accounts.get(accountId);
  if (!account) throw notFound('Receive account', accountId, ['accountId']);
  return account;
};

const change = ({ data }: ChangeReceiveAccount, state: ReceiveAccountsState): ReceiveAccountChanged[] => {
  const previous = requireAccount(state, data.accountId);
  const settings = resolveSettings(data.mailboxNumber, data.input, previous, data.oauthCredential);
  refuseDuplicateServerAccount(state, data.accountId, settings);
  const changedFields = changedFieldsOf(previous, settings);
  if (changedFields.length === 0) return [];
  const secret = changedFields.includes('password') && settings.auth.method === 'PASSWORD' ? { passwordCiphertext: settings.auth.passwordCiphertext } : {};
  return [
    {
      type: 'ReceiveAccountChanged',
      data: { mailboxNumber: data.mailboxNumber, accountId: data.accountId, settings: settingsView(settings), changedFields, ...secret },
    },
  ];
};

const changeAutoFetch = ({ data }: ChangeAutoFetchSettings, state: ReceiveAccountsState): AutoFetchSettingsChanged[] => {
  const enabled = requireBoolean(['enabled'], data.enabled ?? state.autoFetch.enabled);
  const intervalMinutes = requireIntegerIn(['intervalMinutes'], data.intervalMinutes ?? state.autoFetch.intervalMinutes, 1, MAX_FETCH_INTERVAL_MINUTES);
  if (enabled === state.autoFetch.enabled && intervalMinutes === state.autoFetch.intervalMinutes) return [];
  return [{ type: 'AutoFetchSettingsChanged', data: { mailboxNumber: requirePositiveInteger(['mailboxNumber'], data.mailboxNumber), enabled, intervalMinutes } }];
};

export const decideReceiveAccounts = (
  command: ReceiveAccountsCommand,
  state: ReceiveAccountsState,
): ReceiveAccountsEvent | readonly ReceiveAccountsEvent[] => {
  switch (command.type) {
    case 'AddReceiveAccount':
      return add(command, state);
    case 'ChangeReceiveAccount':
      return change(command, state);
    case 'DeleteReceiveAccount': {
      const account = requireAccount(state, command.data.accountId);
      return { type: 'ReceiveAccountDeleted', data: { ...command.data, displayName: account.displayName } };
    }
    case 'ChangeAutoFetchSettings':
      return changeAutoFetch(command, state);
    default:
      return assertNever(command);
  }
};

/** Events recorded before the push setting existed carry no `idleEnabled`: IMAP pushes, POP3 cannot. */
export const idleEnabledOf = (s: Pick<ReceiveAccountSettingsView, 'protocol'> & { readonly idleEnabled?: boolean }): boolean =>
  s.idleEnabled ?? !isPop(s.protocol);

export const evolveReceiveAccounts = (state: ReceiveAccountsState, event: ReceiveAccountsEvent): ReceiveAccountsState => {
  switch (event.type) {
    case 'ReceiveAccountAdded':
    case 'ReceiveAccountChanged': {
      const { settings, passwordCiphertext } = event.data;
      const before = state.accounts.get(event.data.accountId)?.auth;
      const kept = before?.method === 'PASSWORD' ? before.passwordCiphertext : '';
      const auth: ReceiveAuth =
        settings.auth.method === 'PASSWORD' ? { ...settings.auth, passwordCiphertext: passwordCiphertext ?? kept } : settings.auth;
      return { ...state, accounts: new Map(state.accounts).set(event.data.accountId, { ...settings, idleEnabled: idleEnabledOf(settings), auth }) };
    }
    case 'ReceiveAccountDeleted': {
      const accounts = new Map(state.accounts);
      accounts.delete(event.data.accountId);
      return { ...state, accounts, deleted: new Set(state.deleted).add(event.data.accountId) };
    }
    case 'AutoFetchSettingsChanged':
      return { ...state, autoFetch: { enabled: event.data.enabled, intervalMinutes: event.data.intervalMinutes } };
    case 'MailboxSettingsWiped':
      return initialReceiveAccountsState();
    default:
      return assertNever(event);
  }
};

export const receiveAccountsDecider: Decider<ReceiveAccountsState, ReceiveAccountsCommand, ReceiveAccountsEvent> = {
  decide: decideReceiveAccounts,
  evolve: evolveReceiveAccounts,
  initialState: initialReceiveAccountsState,
};

/** Google's POP server applies its own "keep / delete" setting whatever the client asks. */
export const receiveAccountHints = (settings: Pick<ReceiveAccountSettings, 'host' | 'protocol'>): string[] =>
  /(^|\.)(gmail|googlemail|google)\.com$/.test(settings.host) && isPop(settings.protocol) ? ['GOOGLE_DECIDES_LEAVE_ON_SERVER'] : [];
