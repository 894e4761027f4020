import type { DomainEvent } from '../shared/decider.js';
import type { CheckedText } from '../shared/text.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command } from '../shared/decider.js';
import { sameConnection, type ServerVerification, type TestMailReceipt } from './smtpVerification.js';

/**
 * Commands, events and state of a mailbox's outbound SMTP settings (メール送信(SMTP)サーバの設定
 * and 楽天あんしんメルアドサービス): external servers, From-address routing rules, the
 * default server, the bounce destination and the Rakuten relay account. One stream per
 * mailbox, `smtp-<No>`, so a rule can never point at a server that a concurrent command
 * deleted. The rules themselves live in smtpSettings.decider.ts.
 */

export const smtpSettingsStreamId = (mailboxNumber: number): string => `smtp-${mailboxNumber}`;

/** The product's own server (メールディーラーサーバ): always present, configured by the operator. */
export const BUILTIN_SERVER_ID = 'builtin';
export const BUILTIN_SERVER_NAME = 'Built-in server';
/** The Rakuten relay is not a server rules can pick; it has this id in routes and test mail. */
export const RAKUTEN_RELAY_SERVER_ID = 'rakuten-relay';
export const RAKUTEN_RELAY_NAME = 'Rakuten relay';

export const SmtpEncryption = {
  /** Implicit TLS from the first byte (RFC 8314 §3.3), usually port 465. */
  SMTPS: 'SMTPS',
  /** Plain connect, then STARTTLS, which is required (RFC 3207), usually port 587. */
  STARTTLS: 'STARTTLS',
} as const;
export type SmtpEncryption = (typeof SmtpEncryption)[keyof typeof SmtpEncryption];
export const smtpEncryptions: readonly SmtpEncryption[] = Object.values(SmtpEncryption);

export const SmtpAuthMethod = {
  PASSWORD: 'PASSWORD',
  OAUTH: 'OAUTH',
  /** No AUTH at all: a relay that trusts the connecting address (RFC 4954 is optional for a server). */
  NONE: 'NONE',
} as const;
export type SmtpAuthMethod = (typeof SmtpAuthMethod)[keyof typeof SmtpAuthMethod];
export const smtpAuthMethods: readonly SmtpAuthMethod[] = Object.values(SmtpAuthMethod);

/**
 * The SASL mechanism a password is sent with (the manual: the method depends on the server).
 * AUTO: the first the server offers (PLAIN, LOGIN, CRAM-MD5 in nodemailer's order). PLAIN
 * RFC 4616, LOGIN draft-murchison-sasl-login, CRAM-MD5 RFC 2195.
 */
export const SmtpPasswordMechanism = { AUTO: 'AUTO', PLAIN: 'PLAIN', LOGIN: 'LOGIN', CRAM_MD5: 'CRAM_MD5' } as const;
export type SmtpPasswordMechanism = (typeof SmtpPasswordMechanism)[keyof typeof SmtpPasswordMechanism];
export const smtpPasswordMechanisms: readonly SmtpPasswordMechanism[] = Object.values(SmtpPasswordMechanism);

export type SmtpAuth =
  | { readonly method: 'PASSWORD'; readonly user: string; readonly passwordCiphertext: string; readonly mechanism: SmtpPasswordMechanism }
  /** XOAUTH2 with a registered OAuth credential; the credential itself lives elsewhere. */
  | { readonly method: 'OAUTH'; readonly user: string; readonly oauthCredentialId: string }
  | { readonly method: 'NONE' };

export interface ExternalSmtpServer {
  readonly serverId: string;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly encryption: SmtpEncryption;
  readonly auth: SmtpAuth;
}

export const FromMatchKind = {
  /** The From address, compared case-insensitively. */
  ADDRESS: 'ADDRESS',
  /** Every From address of exactly this domain (not its subdomains). */
  DOMAIN: 'DOMAIN',
} as const;
export type FromMatchKind = (typeof FromMatchKind)[keyof typeof FromMatchKind];
export const fromMatchKinds: readonly FromMatchKind[] = Object.values(FromMatchKind);

export interface FromMatch {
  readonly kind: FromMatchKind;
  readonly value: string;
}

export interface RoutingRule {
  readonly ruleId: string;
  readonly match: FromMatch;
  readonly serverId: string;
}

export type BounceDestination = { readonly kind: 'FIXED_ADDRESS'; readonly address: string } | { readonly kind: 'SENDER' };
export const bounceDestinationKinds = ['FIXED_ADDRESS', 'SENDER'] as const;

export interface RakutenRelay {
  /** 店舗連絡先リアルアドレス: only mail From this address may use the relay. */
  readonly realAddress: string;
  /** 店舗連絡先メールアドレス when it differs from the real address; null: the real address. */
  readonly contactAddress: string | null;
  readonly host: string;
  readonly port: number;
  readonly encryption: SmtpEncryption;
  readonly user: string;
  readonly passwordCiphertext: string;
}

// ---- Commands ----
type M = { readonly mailboxNumber: number };
/** Passwords arrive encrypted by the vault; null on a change keeps the stored one. */
export type SmtpAuthInput =
  | { readonly method: 'PASSWORD'; readonly user: string; readonly passwordCiphertext: string | null; readonly mechanism?: SmtpPasswordMechanism | null }
  | { readonly method: 'OAUTH'; readonly user: string; readonly oauthCredentialId: string }
  | { readonly method: 'NONE' };
type ServerFields = { readonly name: string; readonly host: string; readonly port: number; readonly encryption: SmtpEncryption; readonly auth: SmtpAuthInput };

/**
 * A receipt of a test mail through the same settings before they were saved (テストメール then
 * 登録 in one go): `fingerprint` is the service's connectionFingerprint of the settings now
 * given, with the receipt's salt. Equal fingerprints: the server is verified at once.
 */
export interface TestedBeforeSaving {
  readonly receipt: TestMailReceipt;
  readonly fingerprint: string;
}
export type AddSmtpServer = Command<'AddSmtpServer', M & { readonly serverId: string } & ServerFields & { readonly tested?: TestedBeforeSaving | null }>;
export type ChangeSmtpServer = Command<'ChangeSmtpServer', M & { readonly serverId: string } & ServerFields>;
export type RemoveSmtpServer = Command<'RemoveSmtpServer', M & { readonly serverId: string }>;
export type AddSmtpRoutingRule = Command<'AddSmtpRoutingRule', M & RoutingRule>;
export type ChangeSmtpRoutingRule = Command<'ChangeSmtpRoutingRule', M & RoutingRule>;
export type RemoveSmtpRoutingRule = Command<'RemoveSmtpRoutingRule', M & { readonly ruleId: string }>;
export type ReorderSmtpRoutingRules = Command<'ReorderSmtpRoutingRules', M & { readonly ruleIds: readonly string[] }>;
/** The manual's basic settings screen (SMTPサーバの利用に関する基本設定): either or both, applied together. */
export type ChangeSmtpBasicSettings = Command<
  'ChangeSmtpBasicSettings',
  M & { readonly defaultServerId?: string | null; readonly bounceDestination?: BounceDestination | null }
>;
export type ConfigureRakutenRelay = Command<
  'ConfigureRakutenRelay',
  M & Omit<RakutenRelay, 'passwordCiphertext'> & { readonly passwordCiphertext: string | null; readonly tested?: TestedBeforeSaving | null }
>;
export type RemoveRakutenRelay = Command<'RemoveRakutenRelay', M>;
/** 「はい」: the test mail of `receipt` arrived. `serverId` is an external id or `rakuten-relay`. */
export type ConfirmTestMail = Command<'ConfirmTestMail', M & { readonly serverId: string; readonly receipt: TestMailReceipt }>;

export type SmtpSettingsCommand =
  | AddSmtpServer
  | ChangeSmtpServer
  | RemoveSmtpServer
  | AddSmtpRoutingRule
  | ChangeSmtpRoutingRule
  | RemoveSmtpRoutingRule
  | ReorderSmtpRoutingRules
  | ChangeSmtpBasicSettings
  | ConfigureRakutenRelay
  | RemoveRakutenRelay
  | ConfirmTestMail;

// ---- Events ----
/** Auth as events carry it: the password ciphertext travels beside it, and only when one was set. */
/**
 * Stored names and users are checked text (src/domain/shared/text.ts): only `requireText` makes one, so the decider cannot store raw input.
 * `mechanism` is absent in events written before it existed: read as AUTO (upcastSmtpAuthSettings).
 */
export type SmtpAuthSettings =
  | { readonly method: 'PASSWORD'; readonly user: CheckedText<'accountName'>; readonly mechanism?: SmtpPasswordMechanism }
  | { readonly method: 'OAUTH'; readonly user: CheckedText<'accountName'>; readonly oauthCredentialId: string }
  | { readonly method: 'NONE' };

/** Events before mechanisms existed carry none: they meant "whatever the server offers". */
export const upcastSmtpAuthSettings = (auth: SmtpAuthSettings): SmtpAuthSettings =>
  auth.method === 'PASSWORD' ? { ...auth, mechanism: auth.mechanism ?? 'AUTO' } : auth;
type ServerEventData = M &
  Omit<ExternalSmtpServer, 'auth' | 'name'> & {
    readonly name: CheckedText<'name'>;
    readonly auth: SmtpAuthSettings;
    /** Present when a new password was given (always on add with PASSWORD); absent on a change: kept. */
    readonly passwordCiphertext?: string;
  };
export type SmtpServerAdded = DomainEvent<'SmtpServerAdded', ServerEventData>;
export type SmtpServerChanged = DomainEvent<'SmtpServerChanged', ServerEventData>;
export type SmtpServerRemoved = DomainEvent<'SmtpServerRemoved', M & { readonly serverId: string }>;
/** `position` is the 0-based index the rule got: new rules go last. */
export type SmtpRoutingRuleAdded = DomainEvent<'SmtpRoutingRuleAdded', M & RoutingRule & { readonly position: number }>;
export type SmtpRoutingRuleChanged = DomainEvent<'SmtpRoutingRuleChanged', M & RoutingRule>;
export type SmtpRoutingRuleRemoved = DomainEvent<'SmtpRoutingRuleRemoved', M & { readonly ruleId: string }>;
/** The complete new order, first rule first. */
export type SmtpRoutingRulesReordered = DomainEvent<'SmtpRoutingRulesReordered', M & { readonly ruleIds: readonly string[] }>;
export type DefaultSmtpServerSet = DomainEvent<'DefaultSmtpServerSet', M & { readonly serverId: string }>;
export type BounceDestinationSet = DomainEvent<'BounceDestinationSet', M & { readonly destination: BounceDestination }>;
/** `passwordCiphertext` is present when a new password was given (always the first time); absent: kept. */
export type RakutenRelayConfigured = DomainEvent<
  'RakutenRelayConfigured',
  M & Omit<RakutenRelay, 'passwordCiphertext' | 'user'> & { readonly user: CheckedText<'accountName'>; readonly passwordCiphertext?: string }
>;
export type RakutenRelayRemoved = DomainEvent<'RakutenRelayRemoved', M>;
/**
 * An administrator confirmed that the test mail `testMailId` (its Message-ID), sent to `to`
 * at `testedAt` through the server's current connection, arrived. `serverId` is an external
 * id or `rakuten-relay`. Lapses when the connection changes.
 */
export type SmtpServerVerified = DomainEvent<'SmtpServerVerified', M & { readonly serverId: string } & ServerVerification>;

export type SmtpSettingsEvent =
  | SmtpServerAdded
  | SmtpServerChanged
  | SmtpServerRemoved
  | SmtpRoutingRuleAdded
  | SmtpRoutingRuleChanged
  | SmtpRoutingRuleRemoved
  | SmtpRoutingRulesReordered
  | DefaultSmtpServerSet
  | BounceDestinationSet
  | RakutenRelayConfigured
  | RakutenRelayRemoved
  | SmtpServerVerified
  | MailboxSettingsWiped;

export const smtpSettingsEventTypes = [
  'SmtpServerAdded',
  'SmtpServerChanged',
  'SmtpServerRemoved',
  'SmtpRoutingRuleAdded',
  'SmtpRoutingRuleChanged',
  'SmtpRoutingRuleRemoved',
  'SmtpRoutingRulesReordered',
  'DefaultSmtpServerSet',
  'BounceDestinationSet',
  'RakutenRelayConfigured',
  'RakutenRelayRemoved',
  'SmtpServerVerified',
  'MailboxSettingsWiped',
] as const satisfies readonly SmtpSettingsEvent['type'][];

// ---- State ----
/** Settings exist implicitly for every mailbox: a fresh one sends everything through the built-in server. */
export interface SmtpSettingsState {
  /** Insertion order = listing order. */
  readonly servers: ReadonlyMap<string, ExternalSmtpServer>;
  /** Evaluation order: the first matching rule wins. */
  readonly rules: readonly RoutingRule[];
  readonly defaultServerId: string;
  /** null: never set; mail then bounces to its own From (like SENDER) and nothing warns. */
  readonly bounce: BounceDestination | null;
  readonly rakuten: RakutenRelay | null;
  /** Confirmed test mail per external server id or `rakuten-relay`; absent: not verified. */
  readonly verifications: ReadonlyMap<string, ServerVerification>;
}

export const initialSmtpSettingsState = (): SmtpSettingsState => ({
  servers: new Map(),
  rules: [],
  defaultServerId: BUILTIN_SERVER_ID,
  bounce: null,
  rakuten: null,
  verifications: new Map(),
});

/** The relay's connection in the same shape as a server's (and the sender's record of it). */
export const rakutenConnectionOf = (relay: RakutenRelay) => ({
  host: relay.host,
  port: relay.port,
  encryption: relay.encryption,
  auth: { method: 'PASSWORD' as const, user: relay.user, mechanism: 'AUTO' as const, passwordCiphertext: relay.passwordCiphertext },
});

/** A verification holds while the connection it was confirmed for is unchanged. */
const keepVerification = (state: SmtpSettingsState, serverId: string, holds: boolean): ReadonlyMap<string, ServerVerification> => {
  if (holds || !state.verifications.has(serverId)) return state.verifications;
  const next = new Map(state.verifications);
  next.delete(serverId);
  return next;
};

const withoutMailbox = <T extends M>(data: T): Omit<T, 'mailboxNumber'> => {
  const { mailboxNumber: _n, ...rest } = data;
  return rest;
};

export const evolveSmtpSettings = (state: SmtpSettingsState, event: SmtpSettingsEvent): SmtpSettingsState => {
  switch (event.type) {
    case 'SmtpServerAdded':
    case 'SmtpServerChanged': {
      const { mailboxNumber: _n, passwordCiphertext, auth, ...fields } = event.data;
      const previous = state.servers.get(fields.serverId)?.auth;
      const kept = previous?.method === 'PASSWORD' ? previous.passwordCiphertext : '';
      const full: SmtpAuth =
        auth.method === 'PASSWORD' ? { method: 'PASSWORD', user: auth.user, mechanism: auth.mechanism ?? 'AUTO', passwordCiphertext: passwordCiphertext ?? kept } : auth;
      const server: ExternalSmtpServer = { ...fields, auth: full };
      const verifications = keepVerification(state, fields.serverId, event.type === 'SmtpServerChanged' && sameConnection(state.servers.get(fields.serverId), server));
      return { ...state, servers: new Map(state.servers).set(fields.serverId, server), verifications };
    }
    case 'SmtpServerRemoved': {
      const servers = new Map(state.servers);
      servers.delete(event.data.serverId);
      return { ...state, servers, verifications: keepVerification(state, event.data.serverId, false) };
    }
    case 'SmtpRoutingRuleAdded': {
      const { ruleId, match, serverId, position } = event.data;
      const rules = [...state.rules];
      rules.splice(position, 0, { ruleId, match, serverId });
      return { ...state, rules };
    }
    case 'SmtpRoutingRuleChanged': {
      const { ruleId, match, serverId } = event.data;
      return { ...state, rules: state.rules.map((r) => (r.ruleId === ruleId ? { ruleId, match, serverId } : r)) };
    }
    case 'SmtpRoutingRuleRemoved':
      return { ...state, rules: state.rules.filter((r) => r.ruleId !== event.data.ruleId) };
    case 'SmtpRoutingRulesReordered': {
      const byId = new Map(state.rules.map((r) => [r.ruleId, r]));
      return { ...state, rules: event.data.ruleIds.map((id) => byId.get(id)).filter((r): r is RoutingRule => r !== undefined) };
    }
    case 'DefaultSmtpServerSet':
      return { ...state, defaultServerId: event.data.serverId };
    case 'BounceDestinationSet':
      return { ...state, bounce: event.data.destination };
    case 'RakutenRelayConfigured': {
      const { passwordCiphertext, ...relay } = withoutMailbox(event.data);
      const rakuten: RakutenRelay = { ...relay, passwordCiphertext: passwordCiphertext ?? state.rakuten?.passwordCiphertext ?? '' };
      const holds = state.rakuten !== null && sameConnection(rakutenConnectionOf(state.rakuten), rakutenConnectionOf(rakuten));
      return { ...state, rakuten, verifications: keepVerification(state, RAKUTEN_RELAY_SERVER_ID, holds) };
    }
    case 'RakutenRelayRemoved':
      return { ...state, rakuten: null, verifications: keepVerification(state, RAKUTEN_RELAY_SERVER_ID, false) };
    case 'SmtpServerVerified': {
      const { mailboxNumber: _n, serverId, ...verification } = event.data;
      return { ...state, verifications: new Map(state.verifications).set(serverId, verification) };
    }
    case 'MailboxSettingsWiped':
      return initialSmtpSettingsState();
    default:
      return assertNever(event);
  }
};
