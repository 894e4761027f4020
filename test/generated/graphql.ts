/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Which allow list a verdict comes from. */
export type AccessList =
  | 'API_RESTRICTION'
  | 'IP_RESTRICTION';

/** Why a list allowed or denied: off, user exempt, a rule matched, no rule matched, or the address is unknown. */
export type AccessOutcome =
  | 'ADDRESS_UNKNOWN'
  | 'NO_RULE_MATCHED'
  | 'RESTRICTION_OFF'
  | 'RULE_MATCHED'
  | 'USER_EXEMPT';

export type AddChatDestinationInput = {
  /** Chatwork: the API token. Write-only. */
  apiToken?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean;
  eventKinds: Array<ChatEventKind>;
  kind: ChatKind;
  mailboxNumber: number;
  name: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Chatwork only. */
  roomId?: string | null | undefined;
  /** Slack / Teams: the webhook URL. Write-only. */
  webhookUrl?: string | null | undefined;
};

export type AddDkimConditionInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  /** One exact From address; domains are refused. */
  fromAddress: string;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  signatureId: string;
};

export type AddDkimSignatureInput = {
  /** Default RSA_SHA256 (2048 bits) when generating; imports take the key's. */
  algorithm?: DkimAlgorithm | null | undefined;
  /** l=: sign only this many body bytes (discouraged, RFC 6376 §8.2). */
  bodyLengthLimit?: number | null | undefined;
  /** d=: required for AUTHOR (the From domain it signs); refused for THIRD_PARTY, which signs with the service's own domain and key. */
  domain?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  kind: DkimSignatureKind;
  mailboxNumber: number;
  name: string;
  /** Write-only: import this PEM private key instead of generating one. Never returned. */
  privateKeyPem?: string | null | undefined;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** s=: required for AUTHOR; refused for THIRD_PARTY. */
  selector?: string | null | undefined;
};

export type AddExternalCallInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  encoding?: ExternalCallEncoding;
  mailboxNumber: number;
  method?: ExternalCallMethod;
  name: string;
  openInNewWindow?: boolean;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  urlTemplate: string;
};

export type AddReceiveAccountInput = {
  /** Default PASSWORD when adding. */
  authMethod?: ReceiveAuthMethod | null | undefined;
  /** OAUTH2: a registered, enabled OAuth credential of this mailbox. */
  credentialId?: string | null | undefined;
  /** Only with POP3/APOP and leave-on-server. A message already imported from this account is not imported again; the server copy stays (docs/readings.md). */
  deleteDuplicates?: boolean | null | undefined;
  displayName?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean | null | undefined;
  /** Default SSL_TLS when adding. */
  encryption?: ReceiveEncryption | null | undefined;
  /** Empty string: none. */
  errorNotificationAddress?: string | null | undefined;
  /** 1–1440 minutes; 0 clears the override (the mailbox's interval applies). */
  fetchIntervalMinutes?: number | null | undefined;
  host?: string | null | undefined;
  /** IMAP only: push new mail over IMAP IDLE (RFC 2177) as it arrives. Default on for IMAP; POP3/APOP are always polled. */
  idleEnabled?: boolean | null | undefined;
  /** POP3/APOP only. */
  leaveOnServer?: boolean | null | undefined;
  mailboxNumber: number;
  /** Write-only; required for PASSWORD when adding, kept when omitted on an edit. */
  password?: string | null | undefined;
  /** Default by protocol and encryption: POP 110/995, IMAP 143/993 (STARTTLS uses the plain port). */
  port?: number | null | undefined;
  protocol?: ReceiveProtocol | null | undefined;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Account name at the server. */
  username?: string | null | undefined;
};

export type AddSmtpRoutingRuleInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  matchKind: FromMatchKind;
  /** An address (ADDRESS) or a domain such as "example.com" (DOMAIN). */
  matchValue: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** An external server id or `builtin`. */
  serverId: string;
};

export type AddSmtpServerInput = {
  authMethod: SmtpAuthMethod;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  encryption: SmtpEncryption;
  /** Host name or IP address. */
  host: string;
  mailboxNumber: number;
  /** 1–100 characters, unique in the mailbox. */
  name: string;
  /** Required with OAUTH: a registered OAuth credential. */
  oauthCredentialId?: string | null | undefined;
  /** Write-only; required with PASSWORD. Stored encrypted, never returned. */
  password?: string | null | undefined;
  /** With PASSWORD only: the SASL mechanism the server expects. Omitted: AUTO (the first the server offers). A mechanism the server does not offer fails as EAUTHMECH. */
  passwordMechanism?: SmtpPasswordMechanism | null | undefined;
  /** 1–65535, usually 465 (SMTPS) or 587 (STARTTLS). */
  port: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** A `receipt` of sendUnsavedTestMail with these same connection settings (host, port, encryption, authentication; the name may differ): saying the test mail arrived (「はい」), the server is recorded as verified at once. Different settings are refused. */
  testMailReceipt?: string | null | undefined;
  /** The account name; required with PASSWORD and OAUTH, refused with NONE. */
  user?: string | null | undefined;
};

export type ApplyConfigurationInput = {
  /** The configuration document, YAML or JSON. */
  document: string;
  /** Default: JSON when the text starts with {, else YAML. */
  format?: ConfigurationFormat | null | undefined;
  /** The mailbox to plan against (another mailbox than the document's copies its settings). */
  mailboxNumber: number;
  /** The planId of the reviewed plan of this same document. */
  planId: string;
  /** Why, for auditors (every event carries it). */
  reason?: string | null | undefined;
};

export type ApplyRevertInput = {
  /** Revert to the configuration as of this time… */
  at?: string | null | undefined;
  mailboxNumber: number;
  planId: string;
  /** …or as of this global position. */
  position?: number | null | undefined;
  /** Why, for auditors (every event carries it). */
  reason?: string | null | undefined;
};

/** A moment: a global position, or a time (the last event of the mailbox at or before it). Neither: now. */
export type AuditPointInput = {
  at?: string | null | undefined;
  position?: number | null | undefined;
};

export type BeginOAuthAuthorizationInput = {
  credentialId: string;
  /** Pre-fills the account at the provider (login_hint). */
  loginHint?: string | null | undefined;
  mailboxNumber: number;
};

export type BeginTwoFactorEnrolmentInput = {
  /** An ENROLMENT_REQUIRED login challenge; without it the caller's session enrols. */
  challenge?: string | null | undefined;
};

export type BounceDestinationInput = {
  /** Required with FIXED_ADDRESS, refused with SENDER. */
  address?: string | null | undefined;
  kind: BounceDestinationKind;
};

/** FIXED_ADDRESS: one address for all bounces. SENDER: the From of each sent mail. */
export type BounceDestinationKind =
  | 'FIXED_ADDRESS'
  | 'SENDER';

export type ChangeAutoFetchSettingsInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean | null | undefined;
  /** 1–1440 minutes. */
  intervalMinutes?: number | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** Omitted fields keep their value; the kind is fixed. */
export type ChangeChatDestinationInput = {
  /** Chatwork; write-only, omit to keep. */
  apiToken?: string | null | undefined;
  destinationId: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean | null | undefined;
  eventKinds?: Array<ChatEventKind> | null | undefined;
  mailboxNumber: number;
  name?: string | null | undefined;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  roomId?: string | null | undefined;
  /** Slack / Teams; write-only, omit to keep. */
  webhookUrl?: string | null | undefined;
};

export type ChangeDkimConditionInput = {
  conditionId: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  /** One exact From address; domains are refused. */
  fromAddress: string;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  signatureId: string;
};

/** Omitted fields keep their value. */
export type ChangeExternalCallInput = {
  callId: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  encoding?: ExternalCallEncoding | null | undefined;
  mailboxNumber: number;
  method?: ExternalCallMethod | null | undefined;
  name?: string | null | undefined;
  openInNewWindow?: boolean | null | undefined;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  urlTemplate?: string | null | undefined;
};

/** Omitted fields keep their value. */
export type ChangeOAuthCredentialInput = {
  /** A new client id drops the current authorization. */
  clientId?: string | null | undefined;
  /** Write-only; omit to keep the stored one. */
  clientSecret?: string | null | undefined;
  credentialId: string;
  displayName?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  redirectUrl?: string | null | undefined;
  scopes?: Array<string> | null | undefined;
  tenant?: string | null | undefined;
};

export type ChangePasswordInput = {
  /** Required when changing your own password. */
  currentPassword?: string | null | undefined;
  newPassword: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Also revoke every API token of the user. Other sessions end either way. */
  revokeApiTokens?: boolean;
  /** Defaults to the caller; administrators may set another user. */
  userId?: string | null | undefined;
};

export type ChangeReceiveAccountInput = {
  accountId: string;
  /** Default PASSWORD when adding. */
  authMethod?: ReceiveAuthMethod | null | undefined;
  /** OAUTH2: a registered, enabled OAuth credential of this mailbox. */
  credentialId?: string | null | undefined;
  /** Only with POP3/APOP and leave-on-server. A message already imported from this account is not imported again; the server copy stays (docs/readings.md). */
  deleteDuplicates?: boolean | null | undefined;
  displayName?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean | null | undefined;
  /** Default SSL_TLS when adding. */
  encryption?: ReceiveEncryption | null | undefined;
  /** Empty string: none. */
  errorNotificationAddress?: string | null | undefined;
  /** 1–1440 minutes; 0 clears the override (the mailbox's interval applies). */
  fetchIntervalMinutes?: number | null | undefined;
  host?: string | null | undefined;
  /** IMAP only: push new mail over IMAP IDLE (RFC 2177) as it arrives. Default on for IMAP; POP3/APOP are always polled. */
  idleEnabled?: boolean | null | undefined;
  /** POP3/APOP only. */
  leaveOnServer?: boolean | null | undefined;
  mailboxNumber: number;
  /** Write-only; required for PASSWORD when adding, kept when omitted on an edit. */
  password?: string | null | undefined;
  /** Default by protocol and encryption: POP 110/995, IMAP 143/993 (STARTTLS uses the plain port). */
  port?: number | null | undefined;
  protocol?: ReceiveProtocol | null | undefined;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Account name at the server. */
  username?: string | null | undefined;
};

/** SMTPサーバの利用に関する基本設定: give either or both; both apply together or not at all. */
export type ChangeSmtpBasicSettingsInput = {
  bounceDestination?: BounceDestinationInput | null | undefined;
  /** An external server id or `builtin`. */
  defaultServerId?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

export type ChangeSmtpRoutingRuleInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  matchKind: FromMatchKind;
  /** An address (ADDRESS) or a domain such as "example.com" (DOMAIN). */
  matchValue: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  ruleId: string;
  /** An external server id or `builtin`. */
  serverId: string;
};

export type ChangeSmtpServerInput = {
  authMethod: SmtpAuthMethod;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  encryption: SmtpEncryption;
  /** Host name or IP address. */
  host: string;
  mailboxNumber: number;
  /** 1–100 characters, unique in the mailbox. */
  name: string;
  /** Required with OAUTH: a registered OAuth credential. */
  oauthCredentialId?: string | null | undefined;
  /** Write-only; required with PASSWORD. Stored encrypted, never returned. */
  password?: string | null | undefined;
  /** With PASSWORD only: the SASL mechanism the server expects. Omitted: AUTO (the first the server offers). A mechanism the server does not offer fails as EAUTHMECH. */
  passwordMechanism?: SmtpPasswordMechanism | null | undefined;
  /** 1–65535, usually 465 (SMTPS) or 587 (STARTTLS). */
  port: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  serverId: string;
  /** The account name; required with PASSWORD and OAUTH, refused with NONE. */
  user?: string | null | undefined;
};

export type ChatDestinationRefInput = {
  destinationId: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** Which notices a chat destination receives. */
export type ChatEventKind =
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_UNLOCKED'
  /** A client address or network is refused logins for a time after many failed logins across usernames (credential stuffing). */
  | 'ADDRESS_BLOCKED'
  | 'MAILBOX_RESET'
  | 'MESSAGE_TOO_LARGE'
  | 'OAUTH_REAUTHORIZATION_REQUIRED'
  | 'RECEIVE_ERROR'
  | 'RECEIVE_ERROR_CLEARED'
  /** A receive account started failing, including a source mailbox over its message limit. */
  | 'RECEIVE_ERROR_RAISED'
  | 'SETTING_CHANGED';

/** SLACK: incoming webhook. CHATWORK: API token + room. TEAMS: workflow webhook. */
export type ChatKind =
  | 'CHATWORK'
  | 'SLACK'
  | 'TEAMS';

export type CompleteLoginInput = {
  challenge: string;
  /** The 6-digit code of the authenticator app, or an unused recovery code. */
  code: string;
};

export type CompleteOAuthAuthorizationInput = {
  /** The `code` query parameter the provider sent to the redirect URL. */
  code: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** The `state` query parameter the provider sent to the redirect URL. */
  state: string;
};

/** How a configuration document is written. */
export type ConfigurationFormat =
  | 'JSON'
  | 'YAML';

/** Replaces the API restriction of a mailbox. */
export type ConfigureApiRestrictionInput = {
  allowedAddresses: Array<string>;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled: boolean;
  /** Save even if it would deny your own current address (API-token callers). */
  force?: boolean;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** Replaces the IP restriction of a mailbox. */
export type ConfigureIpRestrictionInput = {
  /** IPv4/IPv6 addresses and CIDR ranges, e.g. "192.0.2.0/24", "2001:db8::/32". At most 10,000. */
  allowedAddresses: Array<string>;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled: boolean;
  /** Users the restriction does not apply to (対象外ユーザ). */
  exemptUserIds?: Array<string>;
  /** Save even if it would deny your own current address. */
  force?: boolean;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** The first configuration needs every field; later, omitted fields keep their value. Secrets are write-only. */
export type ConfigureLineChannelInput = {
  /** Long-lived channel access token; write-only. */
  channelAccessToken?: string | null | undefined;
  channelId?: string | null | undefined;
  /** 32 hexadecimal digits; write-only. */
  channelSecret?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  /** Default true on the first configuration. */
  enabled?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** Replaces the account-lock policy of a mailbox. */
export type ConfigureLockPolicyInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled: boolean;
  mailboxNumber: number;
  /** PERMANENT_AFTER_TEMPORARY: temporary locks (1–20) before a permanent one. */
  maxTemporaryLocks?: number;
  /** Keycloak's lockout modes: PERMANENT, TEMPORARY, PERMANENT_AFTER_TEMPORARY. */
  mode?: LockMode;
  /** Further addresses to notify (at most 20). */
  notifyAddresses?: Array<string>;
  /** Notify the operations administrators of this mailbox on a lock. */
  notifyOperationsAdministrators: boolean;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Failed logins in a row that lock the account, 1–100. */
  threshold: number;
  /** Wait of the first temporary lock, 1–1440 minutes; each further one doubles it. */
  waitMinutes?: number;
};

/** The first configuration needs every field; later, omitted fields keep their value. Secrets are write-only. */
export type ConfigureRakutenRMesseChannelInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean | null | undefined;
  /** RMS licenseKey; write-only. */
  licenseKey?: string | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** RMS serviceSecret; write-only. */
  serviceSecret?: string | null | undefined;
  shopId?: string | null | undefined;
};

export type ConfigureRakutenRelayInput = {
  /** 店舗連絡先メールアドレス, when it differs from the real address; omitted or null: the real address (docs/readings.md). */
  contactAddress?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  /** Default STARTTLS. */
  encryption?: SmtpEncryption | null | undefined;
  host: string;
  mailboxNumber: number;
  /** Write-only; required the first time, omitted later keeps the stored one. */
  password?: string | null | undefined;
  port: number;
  /** 店舗連絡先リアルアドレス */
  realAddress: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** A `receipt` of sendUnsavedRakutenTestMail with these same connection settings (host, port, encryption, user, password): saying the test mail arrived (「はい」), the relay is recorded as verified at once. Different settings are refused. */
  testMailReceipt?: string | null | undefined;
  user: string;
};

/** The first configuration needs every field; later, omitted fields keep their value. Secrets are write-only. */
export type ConfigureYahooShoppingChannelInput = {
  applicationId?: string | null | undefined;
  /** Write-only. */
  applicationSecret?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  sellerId?: string | null | undefined;
};

/** 「はい」: the test mail arrived. Records the server as verified (SmtpServerVerified). */
export type ConfirmTestMailInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** An external server id or `rakuten-relay` (the built-in server needs no confirmation). */
  serverId: string;
  /** The `receipt` sendTestMail returned for this server; refused when its connection settings changed since. */
  testMailReceipt: string;
};

export type ConfirmTwoFactorEnrolmentInput = {
  /** An ENROLMENT_REQUIRED login challenge; without it the caller's session enrols. */
  challenge?: string | null | undefined;
  /** The current 6-digit code from the new secret. */
  code: string;
};

export type CreateMailboxInput = {
  address: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  name: string;
  /** Mailbox No.; a positive integer not used yet. */
  number: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

export type CreateUserInput = {
  displayName: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  email: string;
  isAdministrator?: boolean | null | undefined;
  /** Write-only; stored as an argon2id hash. */
  password: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** 3–64 characters of a-z, 0-9, dot, underscore, hyphen. */
  username: string;
};

export type DkimAlgorithm =
  | 'ED25519_SHA256'
  | 'RSA_SHA256';

export type DkimConditionRefInput = {
  conditionId: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** GENERATED or IMPORTED: the signature's own key. SERVICE: the deployment's third-party key. */
export type DkimKeySource =
  | 'GENERATED'
  | 'IMPORTED'
  | 'SERVICE';

export type DkimPublicationStatus =
  | 'DIFFERENT_KEY'
  | 'LOOKUP_FAILED'
  | 'MISSING'
  | 'PUBLISHED';

/** Which rule chose the DKIM key (or no signature). */
export type DkimRouteStep =
  | 'DEFAULT_SIGNATURE'
  | 'FROM_CONDITION'
  | 'MASKED_RECIPIENT'
  | 'NO_SIGNATURE'
  | 'RAKUTEN_RELAY';

/** AUTHOR (作成者署名): d= is the From domain, with a key made or imported here and published by the customer. THIRD_PARTY (第三者署名): d= is the service's own domain, signed with the deployment's key; the customer makes and publishes nothing. */
export type DkimSignatureKind =
  | 'AUTHOR'
  | 'THIRD_PARTY';

export type DkimSignatureRefInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  signatureId: string;
};

export type EndSessionInput = {
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  sessionId: string;
  /** Defaults to the caller; administrators may end anyone's. */
  userId?: string | null | undefined;
};

/** Stable error codes; switch on these, never on message text. */
export type ErrorCode =
  | 'ALREADY_EXISTS'
  | 'CONCURRENCY'
  | 'FORBIDDEN'
  | 'ILLEGAL_STATE'
  | 'INTERNAL'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UNAUTHENTICATED'
  | 'VALIDATION';

export type ExecuteMailboxResetInput = {
  /** The current mailbox name, typed again exactly, to confirm. */
  mailboxName: string;
  /** Renames the mailbox in the same reset (初期化と同時にメールボックスの名称を変更する). */
  newName?: string | null | undefined;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** The token from `requestMailboxReset`; valid 10 minutes, for the user who requested it. */
  token: string;
};

/** Charset of the percent-encoded placeholder values. */
export type ExternalCallEncoding =
  | 'SHIFT_JIS'
  | 'UTF_8';

/** POST sends the query of the template as a form body. */
export type ExternalCallMethod =
  | 'GET'
  | 'POST';

export type ExternalCallRefInput = {
  callId: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** Explicit placeholder values; each one given wins over the stored mail. */
export type ExternalCallValuesInput = {
  internetMessageId?: string | null | undefined;
  messageId?: string | null | undefined;
  senderAddress?: string | null | undefined;
  senderName?: string | null | undefined;
  subject?: string | null | undefined;
};

/** IDLE: an IMAP IDLE connection is up and new mail is imported as it arrives; POLLING: fetched at the interval; BACKOFF: the IDLE connection dropped and is being re-established. */
export type FetchMode =
  | 'BACKOFF'
  | 'IDLE'
  | 'POLLING';

/** Why a POLLING account does not push: PROTOCOL (POP3/APOP), IDLE_DISABLED (switched off for the account), IDLE_UNSUPPORTED (the server lacks IDLE), IDLE_LIMIT (this instance holds MAILROOM_IDLE_MAX_CONNECTIONS IDLE connections). */
export type FetchModeReason =
  | 'IDLE_DISABLED'
  | 'IDLE_LIMIT'
  | 'IDLE_UNSUPPORTED'
  | 'PROTOCOL';

/** Fetch now is an action, not a setting: it has no dry run. */
export type FetchReceiveAccountNowInput = {
  accountId: string;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

export type FetchState =
  | 'ERROR'
  | 'FETCHING'
  | 'IDLE'
  | 'OK';

/** ADDRESS: the exact From address. DOMAIN: every From of exactly that domain. */
export type FromMatchKind =
  | 'ADDRESS'
  | 'DOMAIN';

export type IssueApiTokenInput = {
  /** Defaults to the configured lifetime (MAILROOM_API_TOKEN_DEFAULT_DAYS); at most MAILROOM_API_TOKEN_MAX_DAYS ahead. */
  expiresAt?: string | null | undefined;
  /** Let the token issue further API tokens (never outliving it). */
  mayIssueTokens?: boolean;
  name: string;
  /** Queries and subscriptions only; mutations are refused. */
  readOnly?: boolean;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Defaults to the caller; administrators may issue for another user. */
  userId?: string | null | undefined;
};

/** What a lock does (Keycloak's lockout modes). */
export type LockMode =
  | 'PERMANENT'
  | 'PERMANENT_AFTER_TEMPORARY'
  | 'TEMPORARY';

export type LoginInput = {
  password: string;
  username: string;
};

/** What kind of mail is sent; some kinds always use the default server. */
export type MailKind =
  | 'DIRECT_MAIL'
  | 'INQUIRY_FORM_NOTICE'
  | 'RECEIPT_FORWARD'
  | 'SORT_RULE_FORWARD'
  | 'SYSTEM_NOTICE'
  | 'TEST_MAIL'
  | 'USER_MAIL';

export type MailboxOutboundInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** Roles a member can hold in one mailbox. */
export type MailboxRole =
  | 'AUDITOR'
  | 'OPERATIONS_ADMINISTRATOR';

export type MailboxRoleInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  role: MailboxRole;
  userId: string;
};

export type MembershipInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  userId: string;
};

/** Inquiry systems a mailbox answers (メッセージ応対). */
export type MessageChannelKind =
  | 'LINE'
  | 'RAKUTEN_RMESSE'
  | 'YAHOO_SHOPPING';

export type MessageChannelRefInput = {
  channel: MessageChannelKind;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** EMAIL: to the notice recipients. CHAT: to one chat destination. */
export type NoticeChannel =
  | 'CHAT'
  | 'EMAIL';

/** What a system notice is about. */
export type NoticeKind =
  | 'ADDRESS_BLOCKED'
  | 'MAILBOX_OVER_LIMIT'
  | 'MAILBOX_RESET'
  | 'MESSAGE_TOO_LARGE'
  | 'OAUTH_REAUTHORIZATION_REQUIRED'
  | 'RECEIVE_ERROR_CLEARED'
  | 'RECEIVE_ERROR_RAISED'
  | 'SETTING_CHANGED'
  | 'TEST'
  | 'USER_LOCKED'
  | 'USER_UNLOCKED';

/** Language of notices (e-mail and chat): ja Japanese, en English. */
export type NoticeLanguage =
  | 'en'
  | 'ja';

/** PENDING: waiting or being retried. SENT: accepted by the peer. FAILED: given up; see lastError. */
export type NoticeStatus =
  | 'FAILED'
  | 'PENDING'
  | 'SENT';

/** REAUTHORIZATION_REQUIRED: the provider refused the stored refresh token; run the authorization again. */
export type OAuthAuthorizationStatus =
  | 'AUTHORIZED'
  | 'NOT_AUTHORIZED'
  | 'REAUTHORIZATION_REQUIRED';

export type OAuthCredentialRefInput = {
  credentialId: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** Google Workspace or Microsoft 365. */
export type OAuthProvider =
  | 'GOOGLE'
  | 'MICROSOFT';

export type OutboundSettingsArea =
  | 'DKIM'
  | 'SMTP';

export type OutboundWarningCode =
  | 'AUTHOR_SIGNATURE_AS_DEFAULT'
  | 'BOUNCE_TO_SENDER'
  | 'BUILT_IN_DEFAULT_SERVER'
  | 'DKIM_BODY_LENGTH_LIMIT'
  | 'SHADOWED_ROUTING_RULE'
  | 'WEAK_DKIM_KEY';

export type PermissionInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  permission: UserPermission;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  userId: string;
};

export type PlanConfigurationInput = {
  /** The configuration document, YAML or JSON. */
  document: string;
  /** Default: JSON when the text starts with {, else YAML. */
  format?: ConfigurationFormat | null | undefined;
  /** The mailbox to plan against (another mailbox than the document's copies its settings). */
  mailboxNumber: number;
};

export type PlanRevertInput = {
  /** Revert to the configuration as of this time… */
  at?: string | null | undefined;
  mailboxNumber: number;
  /** …or as of this global position. */
  position?: number | null | undefined;
};

/** Receive-account fields; on an edit, omitted fields keep their value. */
export type ReceiveAccountFieldsInput = {
  /** Default PASSWORD when adding. */
  authMethod?: ReceiveAuthMethod | null | undefined;
  /** OAUTH2: a registered, enabled OAuth credential of this mailbox. */
  credentialId?: string | null | undefined;
  /** Only with POP3/APOP and leave-on-server. A message already imported from this account is not imported again; the server copy stays (docs/readings.md). */
  deleteDuplicates?: boolean | null | undefined;
  displayName?: string | null | undefined;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean | null | undefined;
  /** Default SSL_TLS when adding. */
  encryption?: ReceiveEncryption | null | undefined;
  /** Empty string: none. */
  errorNotificationAddress?: string | null | undefined;
  /** 1–1440 minutes; 0 clears the override (the mailbox's interval applies). */
  fetchIntervalMinutes?: number | null | undefined;
  host?: string | null | undefined;
  /** IMAP only: push new mail over IMAP IDLE (RFC 2177) as it arrives. Default on for IMAP; POP3/APOP are always polled. */
  idleEnabled?: boolean | null | undefined;
  /** POP3/APOP only. */
  leaveOnServer?: boolean | null | undefined;
  /** Write-only; required for PASSWORD when adding, kept when omitted on an edit. */
  password?: string | null | undefined;
  /** Default by protocol and encryption: POP 110/995, IMAP 143/993 (STARTTLS uses the plain port). */
  port?: number | null | undefined;
  protocol?: ReceiveProtocol | null | undefined;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Account name at the server. */
  username?: string | null | undefined;
};

/** GOOGLE_DECIDES_LEAVE_ON_SERVER: Google's POP server applies its own keep/delete setting; leave-on-server here has no say. */
export type ReceiveAccountHint =
  | 'GOOGLE_DECIDES_LEAVE_ON_SERVER';

export type ReceiveAccountRefInput = {
  accountId: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** PASSWORD (account name + password) or OAUTH2 (XOAUTH2 with a registered OAuth credential). */
export type ReceiveAuthMethod =
  | 'OAUTH2'
  | 'PASSWORD';

/** NONE, SSL_TLS (TLS on connect: POP3S/IMAPS) or STARTTLS (upgrade on the plain port). Nothing else is supported. */
export type ReceiveEncryption =
  | 'NONE'
  | 'SSL_TLS'
  | 'STARTTLS';

/** Classified receive errors; switch on these, never on the message. */
export type ReceiveErrorCode =
  | 'AUTH'
  | 'CONNECTION'
  | 'OVER_LIMIT'
  | 'PROTOCOL'
  | 'REAUTHORIZATION_REQUIRED'
  | 'TIMEOUT'
  | 'TLS'
  | 'TOO_LARGE';

/** RAISED: an error episode began; CLEARED: the account receives again; MESSAGE_TOO_LARGE: one message over 25 MB (25 × 1024 × 1024 bytes, docs/readings.md) was skipped. */
export type ReceiveErrorEventKind =
  | 'CLEARED'
  | 'MESSAGE_TOO_LARGE'
  | 'RAISED';

export type ReceiveProtocol =
  | 'APOP'
  | 'IMAP'
  | 'POP3';

export type RegisterOAuthCredentialInput = {
  clientId: string;
  /** Write-only; stored encrypted. */
  clientSecret: string;
  displayName: string;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled?: boolean | null | undefined;
  mailboxNumber: number;
  provider: OAuthProvider;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Where the provider sends the browser back with `code` and `state` (https; http on loopback only). */
  redirectUrl: string;
  /** Default: the provider's IMAP/POP/SMTP mail scopes. */
  scopes?: Array<string> | null | undefined;
  /** Microsoft only: directory (tenant) id, domain, "common" or "organizations". */
  tenant?: string | null | undefined;
};

export type RemoveTwoFactorInput = {
  /** A current code or an unused recovery code. */
  code: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

export type RenameMailboxInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  name: string;
  number: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

export type ReorderSmtpRoutingRulesInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Every rule id exactly once, first evaluated first. */
  ruleIds: Array<string>;
};

export type RequestMailboxResetInput = {
  mailboxNumber: number;
};

export type ResetTwoFactorInput = {
  /** Why (lost device, …); stored in the event. */
  reason: string;
  userId: string;
};

export type RevokeApiTokenInput = {
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  tokenId: string;
  userId?: string | null | undefined;
};

export type RouteOutcome =
  | 'REFUSED'
  | 'SEND';

export type RouteRefusalCode =
  | 'DIRECT_MAIL_TO_MASKED_ADDRESS'
  | 'MASKED_ADDRESS_WITHOUT_RAKUTEN_RELAY'
  | 'NO_RECIPIENTS'
  | 'RAKUTEN_RELAY_NOT_CONFIGURED'
  | 'UNKNOWN_SERVER';

export type RouteWarningCode =
  | 'DKIM_DOMAIN_DIFFERS_FROM_FROM'
  | 'MASKED_RECIPIENT_OUTSIDE_RELAY'
  | 'TEST_NOT_THROUGH_RAKUTEN_RELAY'
  | 'TEST_SERVER_BYPASSED';

/** TOTP: call completeLogin with a code. ENROLMENT_REQUIRED: a mailbox requires two-factor; enrol with the challenge (beginTwoFactorEnrolment, confirmTwoFactorEnrolment). */
export type SecondFactorStep =
  | 'ENROLMENT_REQUIRED'
  | 'TOTP';

export type SendTestMailInput = {
  /** Default: the store real address for the Rakuten relay, else the mailbox address. */
  from?: string | null | undefined;
  mailboxNumber: number;
  /** An external server id, `builtin`, or `rakuten-relay`. */
  serverId: string;
  to: string;
};

export type SendTestNotificationInput = {
  destinationId: string;
  mailboxNumber: number;
};

/** テストメールを送信する for the Rakuten relay before saving: the fields of configureRakutenRelay (an omitted password is the stored one), plus where to send. `reason` is ignored. */
export type SendUnsavedRakutenTestMailInput = {
  /** 店舗連絡先メールアドレス, when it differs from the real address; omitted or null: the real address (docs/readings.md). */
  contactAddress?: string | null | undefined;
  /** Default STARTTLS. */
  encryption?: SmtpEncryption | null | undefined;
  /** Default: the store real address. */
  from?: string | null | undefined;
  host: string;
  mailboxNumber: number;
  /** Write-only; required the first time, omitted later keeps the stored one. */
  password?: string | null | undefined;
  port: number;
  /** 店舗連絡先リアルアドレス */
  realAddress: string;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** A Rakuten masked address or the contact address: only those go through the relay. */
  to: string;
  user: string;
};

/** テストメールを送信する before 登録: the fields of addSmtpServer, plus where to send. `reason` is ignored: nothing is recorded. */
export type SendUnsavedTestMailInput = {
  authMethod: SmtpAuthMethod;
  encryption: SmtpEncryption;
  /** Default: the mailbox address. */
  from?: string | null | undefined;
  /** Host name or IP address. */
  host: string;
  mailboxNumber: number;
  /** 1–100 characters, unique in the mailbox. */
  name: string;
  /** Required with OAUTH: a registered OAuth credential. */
  oauthCredentialId?: string | null | undefined;
  /** Write-only; required with PASSWORD. Stored encrypted, never returned. */
  password?: string | null | undefined;
  /** With PASSWORD only: the SASL mechanism the server expects. Omitted: AUTO (the first the server offers). A mechanism the server does not offer fails as EAUTHMECH. */
  passwordMechanism?: SmtpPasswordMechanism | null | undefined;
  /** 1–65535, usually 465 (SMTPS) or 587 (STARTTLS). */
  port: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  to: string;
  /** The account name; required with PASSWORD and OAUTH, refused with NONE. */
  user?: string | null | undefined;
};

/** Which rule chose the server. */
export type ServerRouteStep =
  | 'DEFAULT_SERVER'
  | 'DEFAULT_SERVER_KIND'
  | 'FROM_RULE'
  | 'PINNED_SERVER'
  | 'RAKUTEN_RELAY';

export type SetDefaultDkimSignatureInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Null: no default, mail without a condition goes unsigned. */
  signatureId?: string | null | undefined;
};

export type SetMailboxTwoFactorRequirementInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  /** Every member of this mailbox must use two-factor. */
  required: boolean;
};

export type SetMessageChannelEnabledInput = {
  channel: MessageChannelKind;
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  enabled: boolean;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

export type SetNoticeLanguageInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  language: NoticeLanguage;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
};

/** Which setting events to list. Times are business times (when the change was decided). */
export type SettingsHistoryFilter = {
  actorId?: string | null | undefined;
  /** An area (identity, outbound, …) or a section (identity.mailbox). */
  area?: string | null | undefined;
  /** One setting: changes of this field path or below it, e.g. name, members, members.<userId>.roles. */
  field?: string | null | undefined;
  /** Inclusive. */
  from?: string | null | undefined;
  mailboxNumber: number;
  /** Inclusive. */
  to?: string | null | undefined;
};

/** PASSWORD: user + password (mechanism: SmtpPasswordMechanism). OAUTH: XOAUTH2 with a registered OAuth credential. NONE: no AUTH, for relays that trust the connecting address. */
export type SmtpAuthMethod =
  | 'NONE'
  | 'OAUTH'
  | 'PASSWORD';

/** SMTPS: TLS from the first byte (465). STARTTLS: upgrade required after connecting (587). */
export type SmtpEncryption =
  | 'SMTPS'
  | 'STARTTLS';

/** Why sending failed, classified once (nodemailer style). */
export type SmtpErrorCode =
  | 'EAUTH'
  | 'EAUTHMECH'
  | 'ECONFIG'
  | 'ECONNECTION'
  | 'EDNS'
  | 'EMESSAGE'
  | 'EOAUTH2'
  | 'EPROTOCOL'
  | 'ERECIPIENT'
  | 'ESENDER'
  | 'ESIGN'
  | 'ETIMEDOUT'
  | 'ETLS'
  | 'EUNKNOWN';

/** How a password is sent: AUTO (the first the server offers), PLAIN (RFC 4616), LOGIN, CRAM_MD5 (RFC 2195: the password never crosses the wire). */
export type SmtpPasswordMechanism =
  | 'AUTO'
  | 'CRAM_MD5'
  | 'LOGIN'
  | 'PLAIN';

export type SmtpRoutingRuleRefInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  ruleId: string;
};

export type SmtpServerKind =
  | 'BUILT_IN'
  | 'EXTERNAL'
  | 'RAKUTEN_RELAY';

export type SmtpServerRefInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  mailboxNumber: number;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  serverId: string;
};

export type TestMailStatus =
  | 'FAILED'
  | 'REFUSED'
  | 'SENT';

/** Test stored settings (accountId), unsaved changes to them (accountId + changes) or a new account (changes only). */
export type TestReceiveAccountInput = {
  accountId?: string | null | undefined;
  changes?: ReceiveAccountFieldsInput | null | undefined;
  mailboxNumber: number;
};

export type UnlockUsersInput = {
  /** Why; stored with each UserUnlocked event. */
  reason: string;
  /** 1 to 100 users; all must exist and be locked, or none is unlocked. */
  userIds: Array<string>;
};

export type UserIdInput = {
  /** Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors. */
  dryRun?: boolean | null | undefined;
  /** Why the change is made; stored in the event for auditors. */
  reason?: string | null | undefined;
  userId: string;
};

/** Permissions granted per user. MAILBOX_RESET is held by nobody until granted. */
export type UserPermission =
  | 'MAILBOX_RESET';

export type AccessRestrictionFieldsFragment = { mailboxNumber: number, updatedAt: string | null, ipRestriction: { enabled: boolean, allowedAddresses: Array<string>, lockoutGuardOverridden: boolean, exemptUsers: Array<{ id: string, username: string }> }, apiRestriction: { enabled: boolean, allowedAddresses: Array<string>, lockoutGuardOverridden: boolean } };

export type AccessRestrictionQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type AccessRestrictionQuery = { accessRestriction: { mailboxNumber: number, updatedAt: string | null, ipRestriction: { enabled: boolean, allowedAddresses: Array<string>, lockoutGuardOverridden: boolean, exemptUsers: Array<{ id: string, username: string }> }, apiRestriction: { enabled: boolean, allowedAddresses: Array<string>, lockoutGuardOverridden: boolean } } };

export type AccessCheckQueryVariables = Exact<{
  mailboxNumber: number;
  ip: string;
  userId?: string | null | undefined;
  viaApiToken?: boolean | null | undefined;
}>;


export type AccessCheckQuery = { accessCheck: { allowed: boolean, address: string, decidedBy: { list: AccessList, outcome: AccessOutcome, allowed: boolean, rule: string | null }, verdicts: Array<{ list: AccessList, outcome: AccessOutcome, allowed: boolean, rule: string | null }> } };

export type ConfigureIpRestrictionMutationVariables = Exact<{
  input: ConfigureIpRestrictionInput;
}>;


export type ConfigureIpRestrictionMutation = { configureIpRestriction: { warnings: Array<string>, accessRestriction: { mailboxNumber: number, updatedAt: string | null, ipRestriction: { enabled: boolean, allowedAddresses: Array<string>, lockoutGuardOverridden: boolean, exemptUsers: Array<{ id: string, username: string }> }, apiRestriction: { enabled: boolean, allowedAddresses: Array<string>, lockoutGuardOverridden: boolean } } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ConfigureApiRestrictionMutationVariables = Exact<{
  input: ConfigureApiRestrictionInput;
}>;


export type ConfigureApiRestrictionMutation = { configureApiRestriction: { warnings: Array<string>, accessRestriction: { mailboxNumber: number, updatedAt: string | null, ipRestriction: { enabled: boolean, allowedAddresses: Array<string>, lockoutGuardOverridden: boolean, exemptUsers: Array<{ id: string, username: string }> }, apiRestriction: { enabled: boolean, allowedAddresses: Array<string>, lockoutGuardOverridden: boolean } } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type LockPolicyFieldsFragment = { mailboxNumber: number, enabled: boolean, threshold: number, notifyOperationsAdministrators: boolean, notifyAddresses: Array<string>, updatedAt: string };

export type LockPolicyQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type LockPolicyQuery = { lockPolicy: { mailboxNumber: number, enabled: boolean, threshold: number, notifyOperationsAdministrators: boolean, notifyAddresses: Array<string>, updatedAt: string } | null };

export type ConfigureLockPolicyMutationVariables = Exact<{
  input: ConfigureLockPolicyInput;
}>;


export type ConfigureLockPolicyMutation = { configureLockPolicy: { lockPolicy: { mailboxNumber: number, enabled: boolean, threshold: number, notifyOperationsAdministrators: boolean, notifyAddresses: Array<string>, updatedAt: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type EffectiveLockPolicyQueryVariables = Exact<{
  userId: string;
}>;


export type EffectiveLockPolicyQuery = { effectiveLockPolicy: { userId: string, mailboxNumber: number | null, policy: { mailboxNumber: number, enabled: boolean, threshold: number, notifyOperationsAdministrators: boolean, notifyAddresses: Array<string>, updatedAt: string } | null, candidates: Array<{ mailboxNumber: number, threshold: number, enabled: boolean }> } };

export type LockedUsersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type LockedUsersQuery = { lockedUsers: { edges: Array<{ cursor: string, node: { id: string, username: string, accountLock: { locked: boolean, failedAttempts: number, lockedAt: string | null, reason: string | null, policyMailboxNumber: number | null, threshold: number | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type UserAccountLockQueryVariables = Exact<{
  id: string;
}>;


export type UserAccountLockQuery = { user: { id: string, accountLock: { locked: boolean, failedAttempts: number } | null } };

export type UnlockUsersMutationVariables = Exact<{
  input: UnlockUsersInput;
}>;


export type UnlockUsersMutation = { unlockUsers: { users: Array<{ id: string, username: string, accountLock: { locked: boolean, failedAttempts: number } | null }>, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SettingsHistoryQueryVariables = Exact<{
  filter: SettingsHistoryFilter;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SettingsHistoryQuery = { settingsHistory: { edges: Array<{ cursor: string, node: { position: number, type: string, streamId: string, mailboxNumber: number | null, section: string | null, occurredAt: string, actorId: string | null, clientIp: string | null, reason: string | null, correlationId: string, summary: string, changes: Array<{ field: string, before: unknown, after: unknown, secret: boolean }>, actor: { username: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConfigurationAsOfQueryVariables = Exact<{
  mailboxNumber: number;
  at?: string | null | undefined;
  position?: number | null | undefined;
}>;


export type ConfigurationAsOfQuery = { configurationAsOf: { mailboxNumber: number, position: number, sections: Array<{ name: string, value: unknown }> } };

export type ConfigurationDiffQueryVariables = Exact<{
  mailboxNumber: number;
  from: AuditPointInput;
  to: AuditPointInput;
}>;


export type ConfigurationDiffQuery = { configurationDiff: { fromPosition: number, toPosition: number, changes: Array<{ section: string | null, field: string, before: unknown, after: unknown, secret: boolean }> } };

export type VerifyAuditChainQueryVariables = Exact<{
  fromPosition?: number | null | undefined;
  toPosition?: number | null | undefined;
}>;


export type VerifyAuditChainQuery = { verifyAuditChain: { ok: boolean, fromPosition: number, toPosition: number, eventsChecked: number, firstBrokenPosition: number | null, reason: string | null } };

export type SettingsChangedWithChangesSubscriptionVariables = Exact<{
  mailboxNumber: number;
}>;


export type SettingsChangedWithChangesSubscription = { settingsChanged: { position: number, type: string, summary: string, changes: Array<{ field: string, before: unknown, after: unknown, secret: boolean }> } };

export type CheckpointFieldsFragment = { position: number, headHash: string, rootHash: string, time: string, keyId: string, signature: string, json: unknown };

export type CreateAuditCheckpointMutationVariables = Exact<{ [key: string]: never; }>;


export type CreateAuditCheckpointMutation = { createAuditCheckpoint: { checkpoint: { position: number, headHash: string, rootHash: string, time: string, keyId: string, signature: string, json: unknown } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type AuditCheckpointsQueryVariables = Exact<{
  first?: number | null | undefined;
  beforePosition?: number | null | undefined;
}>;


export type AuditCheckpointsQuery = { auditCheckpoints: Array<{ position: number, headHash: string, rootHash: string, time: string, keyId: string, signature: string, json: unknown }> };

export type AuditPublicKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditPublicKeyQuery = { auditPublicKey: { keyId: string, pem: string } };

export type AuditInclusionProofQueryVariables = Exact<{
  eventId?: string | null | undefined;
  position?: number | null | undefined;
  checkpoint?: number | null | undefined;
}>;


export type AuditInclusionProofQuery = { auditInclusionProof: { eventId: string, position: number, leafIndex: number, treeSize: number, record: unknown, leafHash: string, path: Array<string>, checkpoint: { position: number, headHash: string, rootHash: string, time: string, keyId: string, signature: string, json: unknown } } };

export type AuditConsistencyProofQueryVariables = Exact<{
  from: number;
  to: number;
}>;


export type AuditConsistencyProofQuery = { auditConsistencyProof: { path: Array<string>, from: { position: number, headHash: string, rootHash: string, time: string, keyId: string, signature: string, json: unknown }, to: { position: number, headHash: string, rootHash: string, time: string, keyId: string, signature: string, json: unknown } } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { token: string | null, expiresAt: string | null, viewer: { id: string, username: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: { ok: boolean, userErrors: Array<{ code: ErrorCode, message: string }> } };

export type IssueApiTokenMutationVariables = Exact<{
  input: IssueApiTokenInput;
}>;


export type IssueApiTokenMutation = { issueApiToken: { token: string | null, tokenId: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RevokeApiTokenMutationVariables = Exact<{
  input: RevokeApiTokenInput;
}>;


export type RevokeApiTokenMutation = { revokeApiToken: { ok: boolean, userErrors: Array<{ code: ErrorCode, message: string }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { id: string, username: string, isAdministrator: boolean, permissions: Array<UserPermission>, memberships: Array<{ roles: Array<MailboxRole>, mailbox: { number: number, name: string } }> } | null };

export type NoticesQueryVariables = Exact<{
  mailboxNumber: number;
  status?: NoticeStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type NoticesQuery = { notices: { edges: Array<{ cursor: string, node: { id: string, mailboxNumber: number, channel: NoticeChannel, destinationId: string | null, destinationName: string | null, recipients: Array<string>, kind: NoticeKind, subject: string, status: NoticeStatus, attempts: number, lastError: string | null, createdAt: string, nextAttemptAt: string | null, sentAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SendTestNotificationMutationVariables = Exact<{
  input: SendTestNotificationInput;
}>;


export type SendTestNotificationMutation = { sendTestNotification: { answer: { ok: boolean, status: number, body: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ConfigurationDocumentQueryVariables = Exact<{
  mailboxNumber: number;
  format?: ConfigurationFormat | null | undefined;
  at?: string | null | undefined;
  position?: number | null | undefined;
}>;


export type ConfigurationDocumentQuery = { configurationDocument: { mailboxNumber: number, position: number, format: ConfigurationFormat, text: string } };

export type PlanFieldsFragment = { planId: string, mailboxNumber: number, applicable: boolean, warnings: Array<string>, changes: Array<{ section: string, field: string, before: unknown, after: unknown, secret: boolean }>, commands: Array<{ index: number, section: string, type: string, path: Array<string>, summary: string, eventTypes: Array<string>, refusal: { path: Array<string>, code: ErrorCode, message: string } | null }>, refusals: Array<{ path: Array<string>, code: ErrorCode, message: string }>, revisions: Array<{ streamId: string, revision: number }> };

export type PlanConfigurationMutationVariables = Exact<{
  input: PlanConfigurationInput;
}>;


export type PlanConfigurationMutation = { planConfiguration: { plan: { planId: string, mailboxNumber: number, applicable: boolean, warnings: Array<string>, changes: Array<{ section: string, field: string, before: unknown, after: unknown, secret: boolean }>, commands: Array<{ index: number, section: string, type: string, path: Array<string>, summary: string, eventTypes: Array<string>, refusal: { path: Array<string>, code: ErrorCode, message: string } | null }>, refusals: Array<{ path: Array<string>, code: ErrorCode, message: string }>, revisions: Array<{ streamId: string, revision: number }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ApplyConfigurationMutationVariables = Exact<{
  input: ApplyConfigurationInput;
}>;


export type ApplyConfigurationMutation = { applyConfiguration: { position: number | null, plan: { planId: string, mailboxNumber: number, applicable: boolean, warnings: Array<string>, changes: Array<{ section: string, field: string, before: unknown, after: unknown, secret: boolean }>, commands: Array<{ index: number, section: string, type: string, path: Array<string>, summary: string, eventTypes: Array<string>, refusal: { path: Array<string>, code: ErrorCode, message: string } | null }>, refusals: Array<{ path: Array<string>, code: ErrorCode, message: string }>, revisions: Array<{ streamId: string, revision: number }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type PlanRevertMutationVariables = Exact<{
  input: PlanRevertInput;
}>;


export type PlanRevertMutation = { planRevert: { plan: { planId: string, mailboxNumber: number, applicable: boolean, warnings: Array<string>, changes: Array<{ section: string, field: string, before: unknown, after: unknown, secret: boolean }>, commands: Array<{ index: number, section: string, type: string, path: Array<string>, summary: string, eventTypes: Array<string>, refusal: { path: Array<string>, code: ErrorCode, message: string } | null }>, refusals: Array<{ path: Array<string>, code: ErrorCode, message: string }>, revisions: Array<{ streamId: string, revision: number }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ApplyRevertMutationVariables = Exact<{
  input: ApplyRevertInput;
}>;


export type ApplyRevertMutation = { applyRevert: { position: number | null, plan: { planId: string, mailboxNumber: number, applicable: boolean, warnings: Array<string>, changes: Array<{ section: string, field: string, before: unknown, after: unknown, secret: boolean }>, commands: Array<{ index: number, section: string, type: string, path: Array<string>, summary: string, eventTypes: Array<string>, refusal: { path: Array<string>, code: ErrorCode, message: string } | null }>, refusals: Array<{ path: Array<string>, code: ErrorCode, message: string }>, revisions: Array<{ streamId: string, revision: number }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type OAuthCredentialFieldsFragment = { id: string, mailboxNumber: number, provider: OAuthProvider, displayName: string, clientId: string, clientSecretSet: boolean, tenant: string | null, scopes: Array<string>, redirectUrl: string, enabled: boolean, authorizationStatus: OAuthAuthorizationStatus, authorizationError: string | null, authorizedAt: string | null, usedBy: Array<{ id: string, displayName: string }> };

export type ReceiveAccountStatusFieldsFragment = { accountId: string, mailboxNumber: number, state: FetchState, lastAttemptAt: string | null, lastFinishedAt: string | null, lastSuccessAt: string | null, consecutiveFailures: number, lastImported: number, lastSkipped: number, importedTotal: number, skippedTotal: number, mode: FetchMode, modeReason: FetchModeReason | null, connectedSince: string | null, lastNewMailAt: string | null, nextPollAt: string | null, lastError: { episodeId: string, code: ReceiveErrorCode, message: string, serverResponse: string | null, raisedAt: string, clearedAt: string | null } | null };

export type ReceiveAccountFieldsFragment = { id: string, mailboxNumber: number, displayName: string, protocol: ReceiveProtocol, host: string, port: number, encryption: ReceiveEncryption, authMethod: ReceiveAuthMethod, username: string, passwordSet: boolean, oauthCredentialId: string | null, errorNotificationAddress: string | null, leaveOnServer: boolean, deleteDuplicates: boolean, enabled: boolean, fetchIntervalMinutes: number | null, idleEnabled: boolean, hints: Array<ReceiveAccountHint>, status: { accountId: string, mailboxNumber: number, state: FetchState, lastAttemptAt: string | null, lastFinishedAt: string | null, lastSuccessAt: string | null, consecutiveFailures: number, lastImported: number, lastSkipped: number, importedTotal: number, skippedTotal: number, mode: FetchMode, modeReason: FetchModeReason | null, connectedSince: string | null, lastNewMailAt: string | null, nextPollAt: string | null, lastError: { episodeId: string, code: ReceiveErrorCode, message: string, serverResponse: string | null, raisedAt: string, clearedAt: string | null } | null } };

export type InboundUserErrorFieldsFragment = { path: Array<string>, code: ErrorCode, message: string };

export type OAuthCredentialsQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type OAuthCredentialsQuery = { oauthCredentials: Array<{ id: string, mailboxNumber: number, provider: OAuthProvider, displayName: string, clientId: string, clientSecretSet: boolean, tenant: string | null, scopes: Array<string>, redirectUrl: string, enabled: boolean, authorizationStatus: OAuthAuthorizationStatus, authorizationError: string | null, authorizedAt: string | null, usedBy: Array<{ id: string, displayName: string }> }> };

export type RegisterOAuthCredentialMutationVariables = Exact<{
  input: RegisterOAuthCredentialInput;
}>;


export type RegisterOAuthCredentialMutation = { registerOAuthCredential: { credential: { id: string, mailboxNumber: number, provider: OAuthProvider, displayName: string, clientId: string, clientSecretSet: boolean, tenant: string | null, scopes: Array<string>, redirectUrl: string, enabled: boolean, authorizationStatus: OAuthAuthorizationStatus, authorizationError: string | null, authorizedAt: string | null, usedBy: Array<{ id: string, displayName: string }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeOAuthCredentialMutationVariables = Exact<{
  input: ChangeOAuthCredentialInput;
}>;


export type ChangeOAuthCredentialMutation = { changeOAuthCredential: { credential: { id: string, mailboxNumber: number, provider: OAuthProvider, displayName: string, clientId: string, clientSecretSet: boolean, tenant: string | null, scopes: Array<string>, redirectUrl: string, enabled: boolean, authorizationStatus: OAuthAuthorizationStatus, authorizationError: string | null, authorizedAt: string | null, usedBy: Array<{ id: string, displayName: string }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type DisableOAuthCredentialMutationVariables = Exact<{
  input: OAuthCredentialRefInput;
}>;


export type DisableOAuthCredentialMutation = { disableOAuthCredential: { credential: { id: string, enabled: boolean } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type DeleteOAuthCredentialMutationVariables = Exact<{
  input: OAuthCredentialRefInput;
}>;


export type DeleteOAuthCredentialMutation = { deleteOAuthCredential: { deletedCredentialId: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type BeginOAuthAuthorizationMutationVariables = Exact<{
  input: BeginOAuthAuthorizationInput;
}>;


export type BeginOAuthAuthorizationMutation = { beginOAuthAuthorization: { authorizationUrl: string | null, expiresAt: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type CompleteOAuthAuthorizationMutationVariables = Exact<{
  input: CompleteOAuthAuthorizationInput;
}>;


export type CompleteOAuthAuthorizationMutation = { completeOAuthAuthorization: { credential: { id: string, mailboxNumber: number, provider: OAuthProvider, displayName: string, clientId: string, clientSecretSet: boolean, tenant: string | null, scopes: Array<string>, redirectUrl: string, enabled: boolean, authorizationStatus: OAuthAuthorizationStatus, authorizationError: string | null, authorizedAt: string | null, usedBy: Array<{ id: string, displayName: string }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ReceiveSettingsQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type ReceiveSettingsQuery = { receiveSettings: { mailboxNumber: number, maxAccounts: number, autoFetch: { enabled: boolean, intervalMinutes: number }, accounts: Array<{ id: string, mailboxNumber: number, displayName: string, protocol: ReceiveProtocol, host: string, port: number, encryption: ReceiveEncryption, authMethod: ReceiveAuthMethod, username: string, passwordSet: boolean, oauthCredentialId: string | null, errorNotificationAddress: string | null, leaveOnServer: boolean, deleteDuplicates: boolean, enabled: boolean, fetchIntervalMinutes: number | null, idleEnabled: boolean, hints: Array<ReceiveAccountHint>, oauthCredential: { id: string, displayName: string, authorizationStatus: OAuthAuthorizationStatus } | null, status: { accountId: string, mailboxNumber: number, state: FetchState, lastAttemptAt: string | null, lastFinishedAt: string | null, lastSuccessAt: string | null, consecutiveFailures: number, lastImported: number, lastSkipped: number, importedTotal: number, skippedTotal: number, mode: FetchMode, modeReason: FetchModeReason | null, connectedSince: string | null, lastNewMailAt: string | null, nextPollAt: string | null, lastError: { episodeId: string, code: ReceiveErrorCode, message: string, serverResponse: string | null, raisedAt: string, clearedAt: string | null } | null } }> } };

export type ChangeAutoFetchSettingsMutationVariables = Exact<{
  input: ChangeAutoFetchSettingsInput;
}>;


export type ChangeAutoFetchSettingsMutation = { changeAutoFetchSettings: { autoFetch: { mailboxNumber: number, enabled: boolean, intervalMinutes: number } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type AddReceiveAccountMutationVariables = Exact<{
  input: AddReceiveAccountInput;
}>;


export type AddReceiveAccountMutation = { addReceiveAccount: { account: { id: string, mailboxNumber: number, displayName: string, protocol: ReceiveProtocol, host: string, port: number, encryption: ReceiveEncryption, authMethod: ReceiveAuthMethod, username: string, passwordSet: boolean, oauthCredentialId: string | null, errorNotificationAddress: string | null, leaveOnServer: boolean, deleteDuplicates: boolean, enabled: boolean, fetchIntervalMinutes: number | null, idleEnabled: boolean, hints: Array<ReceiveAccountHint>, status: { accountId: string, mailboxNumber: number, state: FetchState, lastAttemptAt: string | null, lastFinishedAt: string | null, lastSuccessAt: string | null, consecutiveFailures: number, lastImported: number, lastSkipped: number, importedTotal: number, skippedTotal: number, mode: FetchMode, modeReason: FetchModeReason | null, connectedSince: string | null, lastNewMailAt: string | null, nextPollAt: string | null, lastError: { episodeId: string, code: ReceiveErrorCode, message: string, serverResponse: string | null, raisedAt: string, clearedAt: string | null } | null } } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeReceiveAccountMutationVariables = Exact<{
  input: ChangeReceiveAccountInput;
}>;


export type ChangeReceiveAccountMutation = { changeReceiveAccount: { account: { id: string, mailboxNumber: number, displayName: string, protocol: ReceiveProtocol, host: string, port: number, encryption: ReceiveEncryption, authMethod: ReceiveAuthMethod, username: string, passwordSet: boolean, oauthCredentialId: string | null, errorNotificationAddress: string | null, leaveOnServer: boolean, deleteDuplicates: boolean, enabled: boolean, fetchIntervalMinutes: number | null, idleEnabled: boolean, hints: Array<ReceiveAccountHint>, status: { accountId: string, mailboxNumber: number, state: FetchState, lastAttemptAt: string | null, lastFinishedAt: string | null, lastSuccessAt: string | null, consecutiveFailures: number, lastImported: number, lastSkipped: number, importedTotal: number, skippedTotal: number, mode: FetchMode, modeReason: FetchModeReason | null, connectedSince: string | null, lastNewMailAt: string | null, nextPollAt: string | null, lastError: { episodeId: string, code: ReceiveErrorCode, message: string, serverResponse: string | null, raisedAt: string, clearedAt: string | null } | null } } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type DeleteReceiveAccountMutationVariables = Exact<{
  input: ReceiveAccountRefInput;
}>;


export type DeleteReceiveAccountMutation = { deleteReceiveAccount: { deletedAccountId: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type TestReceiveAccountMutationVariables = Exact<{
  input: TestReceiveAccountInput;
}>;


export type TestReceiveAccountMutation = { testReceiveAccount: { ok: boolean, capabilities: Array<string>, serverMessages: number | null, error: { code: ReceiveErrorCode, message: string, serverResponse: string | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type FetchReceiveAccountNowMutationVariables = Exact<{
  input: FetchReceiveAccountNowInput;
}>;


export type FetchReceiveAccountNowMutation = { fetchReceiveAccountNow: { imported: number, skipped: number, error: { code: ReceiveErrorCode, message: string, serverResponse: string | null } | null, status: { accountId: string, mailboxNumber: number, state: FetchState, lastAttemptAt: string | null, lastFinishedAt: string | null, lastSuccessAt: string | null, consecutiveFailures: number, lastImported: number, lastSkipped: number, importedTotal: number, skippedTotal: number, mode: FetchMode, modeReason: FetchModeReason | null, connectedSince: string | null, lastNewMailAt: string | null, nextPollAt: string | null, lastError: { episodeId: string, code: ReceiveErrorCode, message: string, serverResponse: string | null, raisedAt: string, clearedAt: string | null } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type FetchStatusChangedSubscriptionVariables = Exact<{
  mailboxNumber: number;
}>;


export type FetchStatusChangedSubscription = { fetchStatusChanged: { accountId: string, mailboxNumber: number, state: FetchState, lastAttemptAt: string | null, lastFinishedAt: string | null, lastSuccessAt: string | null, consecutiveFailures: number, lastImported: number, lastSkipped: number, importedTotal: number, skippedTotal: number, mode: FetchMode, modeReason: FetchModeReason | null, connectedSince: string | null, lastNewMailAt: string | null, nextPollAt: string | null, lastError: { episodeId: string, code: ReceiveErrorCode, message: string, serverResponse: string | null, raisedAt: string, clearedAt: string | null } | null } };

export type ReceiveErrorsSubscriptionVariables = Exact<{
  mailboxNumber: number;
}>;


export type ReceiveErrorsSubscription = { receiveErrors: { position: number, kind: ReceiveErrorEventKind, mailboxNumber: number, accountId: string, episodeId: string | null, code: ReceiveErrorCode | null, message: string | null, serverResponse: string | null, messageKey: string | null, sizeBytes: number | null, at: string } };

export type FetchRunHistoryQueryVariables = Exact<{
  mailboxNumber: number;
  hours?: number | null | undefined;
}>;


export type FetchRunHistoryQuery = { fetchRunHistory: { mailboxNumber: number, runs: number, failures: number, buckets: Array<{ start: string, runs: number, failures: number, imported: number }> } };

export type ExternalCallFieldsFragment = { id: string, mailboxNumber: number, name: string, urlTemplate: string, method: ExternalCallMethod, encoding: ExternalCallEncoding, openInNewWindow: boolean, createdAt: string, updatedAt: string };

export type ExternalCallsQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type ExternalCallsQuery = { externalCalls: Array<{ id: string, mailboxNumber: number, name: string, urlTemplate: string, method: ExternalCallMethod, encoding: ExternalCallEncoding, openInNewWindow: boolean, createdAt: string, updatedAt: string }> };

export type RenderExternalCallQueryVariables = Exact<{
  mailboxNumber: number;
  callId: string;
  messageId?: string | null | undefined;
  values?: ExternalCallValuesInput | null | undefined;
}>;


export type RenderExternalCallQuery = { renderExternalCall: { method: ExternalCallMethod, url: string, body: string | null, contentType: string | null, openInNewWindow: boolean } };

export type AddExternalCallMutationVariables = Exact<{
  input: AddExternalCallInput;
}>;


export type AddExternalCallMutation = { addExternalCall: { externalCall: { id: string, mailboxNumber: number, name: string, urlTemplate: string, method: ExternalCallMethod, encoding: ExternalCallEncoding, openInNewWindow: boolean, createdAt: string, updatedAt: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeExternalCallMutationVariables = Exact<{
  input: ChangeExternalCallInput;
}>;


export type ChangeExternalCallMutation = { changeExternalCall: { externalCall: { id: string, mailboxNumber: number, name: string, urlTemplate: string, method: ExternalCallMethod, encoding: ExternalCallEncoding, openInNewWindow: boolean, createdAt: string, updatedAt: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveExternalCallMutationVariables = Exact<{
  input: ExternalCallRefInput;
}>;


export type RemoveExternalCallMutation = { removeExternalCall: { removedExternalCallId: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type MessageChannelsFieldsFragment = { mailboxNumber: number, line: { channelId: string, channelSecretSet: boolean, channelAccessTokenSet: boolean, enabled: boolean, updatedAt: string } | null, yahooShopping: { sellerId: string, applicationId: string, applicationSecretSet: boolean, enabled: boolean, updatedAt: string } | null, rakutenRMesse: { shopId: string, serviceSecretSet: boolean, licenseKeySet: boolean, enabled: boolean, updatedAt: string } | null };

export type MessageChannelsQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type MessageChannelsQuery = { messageChannels: { mailboxNumber: number, line: { channelId: string, channelSecretSet: boolean, channelAccessTokenSet: boolean, enabled: boolean, updatedAt: string } | null, yahooShopping: { sellerId: string, applicationId: string, applicationSecretSet: boolean, enabled: boolean, updatedAt: string } | null, rakutenRMesse: { shopId: string, serviceSecretSet: boolean, licenseKeySet: boolean, enabled: boolean, updatedAt: string } | null } };

export type ConfigureLineChannelMutationVariables = Exact<{
  input: ConfigureLineChannelInput;
}>;


export type ConfigureLineChannelMutation = { configureLineChannel: { messageChannels: { mailboxNumber: number, line: { channelId: string, channelSecretSet: boolean, channelAccessTokenSet: boolean, enabled: boolean, updatedAt: string } | null, yahooShopping: { sellerId: string, applicationId: string, applicationSecretSet: boolean, enabled: boolean, updatedAt: string } | null, rakutenRMesse: { shopId: string, serviceSecretSet: boolean, licenseKeySet: boolean, enabled: boolean, updatedAt: string } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ConfigureYahooShoppingChannelMutationVariables = Exact<{
  input: ConfigureYahooShoppingChannelInput;
}>;


export type ConfigureYahooShoppingChannelMutation = { configureYahooShoppingChannel: { messageChannels: { mailboxNumber: number, line: { channelId: string, channelSecretSet: boolean, channelAccessTokenSet: boolean, enabled: boolean, updatedAt: string } | null, yahooShopping: { sellerId: string, applicationId: string, applicationSecretSet: boolean, enabled: boolean, updatedAt: string } | null, rakutenRMesse: { shopId: string, serviceSecretSet: boolean, licenseKeySet: boolean, enabled: boolean, updatedAt: string } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ConfigureRakutenRMesseChannelMutationVariables = Exact<{
  input: ConfigureRakutenRMesseChannelInput;
}>;


export type ConfigureRakutenRMesseChannelMutation = { configureRakutenRMesseChannel: { messageChannels: { mailboxNumber: number, line: { channelId: string, channelSecretSet: boolean, channelAccessTokenSet: boolean, enabled: boolean, updatedAt: string } | null, yahooShopping: { sellerId: string, applicationId: string, applicationSecretSet: boolean, enabled: boolean, updatedAt: string } | null, rakutenRMesse: { shopId: string, serviceSecretSet: boolean, licenseKeySet: boolean, enabled: boolean, updatedAt: string } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SetMessageChannelEnabledMutationVariables = Exact<{
  input: SetMessageChannelEnabledInput;
}>;


export type SetMessageChannelEnabledMutation = { setMessageChannelEnabled: { messageChannels: { mailboxNumber: number, line: { channelId: string, channelSecretSet: boolean, channelAccessTokenSet: boolean, enabled: boolean, updatedAt: string } | null, yahooShopping: { sellerId: string, applicationId: string, applicationSecretSet: boolean, enabled: boolean, updatedAt: string } | null, rakutenRMesse: { shopId: string, serviceSecretSet: boolean, licenseKeySet: boolean, enabled: boolean, updatedAt: string } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveMessageChannelMutationVariables = Exact<{
  input: MessageChannelRefInput;
}>;


export type RemoveMessageChannelMutation = { removeMessageChannel: { messageChannels: { mailboxNumber: number, line: { channelId: string, channelSecretSet: boolean, channelAccessTokenSet: boolean, enabled: boolean, updatedAt: string } | null, yahooShopping: { sellerId: string, applicationId: string, applicationSecretSet: boolean, enabled: boolean, updatedAt: string } | null, rakutenRMesse: { shopId: string, serviceSecretSet: boolean, licenseKeySet: boolean, enabled: boolean, updatedAt: string } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChatDestinationFieldsFragment = { id: string, mailboxNumber: number, kind: ChatKind, name: string, roomId: string | null, credentialSet: boolean, eventKinds: Array<ChatEventKind>, enabled: boolean };

export type ChatDestinationsQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type ChatDestinationsQuery = { chatDestinations: Array<{ id: string, mailboxNumber: number, kind: ChatKind, name: string, roomId: string | null, credentialSet: boolean, eventKinds: Array<ChatEventKind>, enabled: boolean }> };

export type AddChatDestinationMutationVariables = Exact<{
  input: AddChatDestinationInput;
}>;


export type AddChatDestinationMutation = { addChatDestination: { chatDestination: { id: string, mailboxNumber: number, kind: ChatKind, name: string, roomId: string | null, credentialSet: boolean, eventKinds: Array<ChatEventKind>, enabled: boolean } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeChatDestinationMutationVariables = Exact<{
  input: ChangeChatDestinationInput;
}>;


export type ChangeChatDestinationMutation = { changeChatDestination: { chatDestination: { id: string, mailboxNumber: number, kind: ChatKind, name: string, roomId: string | null, credentialSet: boolean, eventKinds: Array<ChatEventKind>, enabled: boolean } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveChatDestinationMutationVariables = Exact<{
  input: ChatDestinationRefInput;
}>;


export type RemoveChatDestinationMutation = { removeChatDestination: { removedChatDestinationId: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type MailboxQueryVariables = Exact<{
  number: number;
}>;


export type MailboxQuery = { mailbox: { number: number, name: string, address: string } };

export type MailboxesWithMembersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MailboxesWithMembersQuery = { mailboxes: { edges: Array<{ cursor: string, node: { number: number, name: string, members: { edges: Array<{ node: { roles: Array<MailboxRole>, user: { username: string, permissions: Array<UserPermission> } } }> } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateMailboxMutationVariables = Exact<{
  input: CreateMailboxInput;
}>;


export type CreateMailboxMutation = { createMailbox: { mailbox: { number: number, name: string, address: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RenameMailboxMutationVariables = Exact<{
  input: RenameMailboxInput;
}>;


export type RenameMailboxMutation = { renameMailbox: { mailbox: { number: number, name: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type AddMailboxMemberMutationVariables = Exact<{
  input: MembershipInput;
}>;


export type AddMailboxMemberMutation = { addMailboxMember: { member: { roles: Array<MailboxRole>, user: { username: string } } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type AssignMailboxRoleMutationVariables = Exact<{
  input: MailboxRoleInput;
}>;


export type AssignMailboxRoleMutation = { assignMailboxRole: { member: { roles: Array<MailboxRole> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SettingsChangedSubscriptionVariables = Exact<{
  mailboxNumber: number;
}>;


export type SettingsChangedSubscription = { settingsChanged: { position: number, type: string, mailboxNumber: number | null, actorId: string | null, reason: string | null, correlationId: string, actor: { username: string } | null } };

export type NoticeLanguageQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type NoticeLanguageQuery = { noticeLanguage: { mailboxNumber: number, language: NoticeLanguage, chosen: NoticeLanguage | null, deploymentDefault: NoticeLanguage } };

export type SetNoticeLanguageMutationVariables = Exact<{
  input: SetNoticeLanguageInput;
}>;


export type SetNoticeLanguageMutation = { setNoticeLanguage: { noticeLanguage: { mailboxNumber: number, language: NoticeLanguage, chosen: NoticeLanguage | null, deploymentDefault: NoticeLanguage } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SmtpServerFieldsFragment = { id: string, name: string, kind: SmtpServerKind, host: string | null, port: number | null, encryption: SmtpEncryption, authMethod: SmtpAuthMethod | null, user: string | null, passwordMechanism: SmtpPasswordMechanism | null, passwordSet: boolean, oauthCredentialId: string | null, isDefault: boolean };

export type DkimSignatureFieldsFragment = { id: string, name: string, kind: DkimSignatureKind, domain: string, selector: string, algorithm: DkimAlgorithm, keySource: DkimKeySource, keyBits: number, bodyLengthLimit: number | null, isDefault: boolean, dnsRecord: { name: string, value: string, txtStrings: Array<string> } | null };

export type OutboundSettingsFieldsFragment = { mailboxNumber: number, defaultServerKinds: Array<MailKind>, updatedAt: string | null, smtpServers: Array<{ id: string, name: string, kind: SmtpServerKind, host: string | null, port: number | null, encryption: SmtpEncryption, authMethod: SmtpAuthMethod | null, user: string | null, passwordMechanism: SmtpPasswordMechanism | null, passwordSet: boolean, oauthCredentialId: string | null, isDefault: boolean }>, routingRules: Array<{ id: string, position: number, matchKind: FromMatchKind, matchValue: string, server: { id: string, name: string } }>, defaultServer: { id: string, name: string }, bounceDestination: { kind: BounceDestinationKind, address: string | null } | null, rakutenRelay: { id: string, realAddress: string, contactAddress: string, host: string, port: number, encryption: SmtpEncryption, user: string, passwordSet: boolean } | null, dkimSignatures: Array<{ id: string, name: string, kind: DkimSignatureKind, domain: string, selector: string, algorithm: DkimAlgorithm, keySource: DkimKeySource, keyBits: number, bodyLengthLimit: number | null, isDefault: boolean, dnsRecord: { name: string, value: string, txtStrings: Array<string> } | null }>, dkimConditions: Array<{ id: string, fromAddress: string, signature: { id: string, name: string } }>, defaultDkimSignature: { id: string } | null, warnings: Array<{ code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null }> };

export type OutboundWarningFieldsFragment = { code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null };

export type OutboundRouteFieldsFragment = { outcome: RouteOutcome, serverStep: ServerRouteStep | null, dkimStep: DkimRouteStep | null, envelopeFrom: string | null, recipients: Array<string>, server: { id: string, name: string, kind: SmtpServerKind } | null, serverReason: { step: string, ruleId: string | null, message: string } | null, dkim: { signatureId: string, name: string, domain: string, selector: string, algorithm: DkimAlgorithm } | null, dkimReason: { step: string, ruleId: string | null, message: string } | null, refusal: { code: RouteRefusalCode, message: string, addresses: Array<string> } | null, warnings: Array<{ code: RouteWarningCode, message: string }> };

export type OutboundSettingsQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type OutboundSettingsQuery = { outboundSettings: { mailboxNumber: number, defaultServerKinds: Array<MailKind>, updatedAt: string | null, smtpServers: Array<{ id: string, name: string, kind: SmtpServerKind, host: string | null, port: number | null, encryption: SmtpEncryption, authMethod: SmtpAuthMethod | null, user: string | null, passwordMechanism: SmtpPasswordMechanism | null, passwordSet: boolean, oauthCredentialId: string | null, isDefault: boolean }>, routingRules: Array<{ id: string, position: number, matchKind: FromMatchKind, matchValue: string, server: { id: string, name: string } }>, defaultServer: { id: string, name: string }, bounceDestination: { kind: BounceDestinationKind, address: string | null } | null, rakutenRelay: { id: string, realAddress: string, contactAddress: string, host: string, port: number, encryption: SmtpEncryption, user: string, passwordSet: boolean } | null, dkimSignatures: Array<{ id: string, name: string, kind: DkimSignatureKind, domain: string, selector: string, algorithm: DkimAlgorithm, keySource: DkimKeySource, keyBits: number, bodyLengthLimit: number | null, isDefault: boolean, dnsRecord: { name: string, value: string, txtStrings: Array<string> } | null }>, dkimConditions: Array<{ id: string, fromAddress: string, signature: { id: string, name: string } }>, defaultDkimSignature: { id: string } | null, warnings: Array<{ code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null }> } };

export type OutboundRouteQueryVariables = Exact<{
  mailboxNumber: number;
  from: string;
  to?: Array<string> | string | null | undefined;
  cc?: Array<string> | string | null | undefined;
  bcc?: Array<string> | string | null | undefined;
  kind?: MailKind | null | undefined;
  testServerId?: string | null | undefined;
}>;


export type OutboundRouteQuery = { outboundRoute: { outcome: RouteOutcome, serverStep: ServerRouteStep | null, dkimStep: DkimRouteStep | null, envelopeFrom: string | null, recipients: Array<string>, server: { id: string, name: string, kind: SmtpServerKind } | null, serverReason: { step: string, ruleId: string | null, message: string } | null, dkim: { signatureId: string, name: string, domain: string, selector: string, algorithm: DkimAlgorithm } | null, dkimReason: { step: string, ruleId: string | null, message: string } | null, refusal: { code: RouteRefusalCode, message: string, addresses: Array<string> } | null, warnings: Array<{ code: RouteWarningCode, message: string }> } };

export type DkimDnsCheckQueryVariables = Exact<{
  mailboxNumber: number;
  signatureId: string;
}>;


export type DkimDnsCheckQuery = { dkimDnsCheck: { recordName: string, status: DkimPublicationStatus, foundKeys: Array<string>, message: string } };

export type AddSmtpServerMutationVariables = Exact<{
  input: AddSmtpServerInput;
}>;


export type AddSmtpServerMutation = { addSmtpServer: { server: { id: string, name: string, kind: SmtpServerKind, host: string | null, port: number | null, encryption: SmtpEncryption, authMethod: SmtpAuthMethod | null, user: string | null, passwordMechanism: SmtpPasswordMechanism | null, passwordSet: boolean, oauthCredentialId: string | null, isDefault: boolean } | null, warnings: Array<{ code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null }>, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeSmtpServerMutationVariables = Exact<{
  input: ChangeSmtpServerInput;
}>;


export type ChangeSmtpServerMutation = { changeSmtpServer: { server: { id: string, name: string, kind: SmtpServerKind, host: string | null, port: number | null, encryption: SmtpEncryption, authMethod: SmtpAuthMethod | null, user: string | null, passwordMechanism: SmtpPasswordMechanism | null, passwordSet: boolean, oauthCredentialId: string | null, isDefault: boolean } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveSmtpServerMutationVariables = Exact<{
  input: SmtpServerRefInput;
}>;


export type RemoveSmtpServerMutation = { removeSmtpServer: { settings: { smtpServers: Array<{ id: string }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SendTestMailMutationVariables = Exact<{
  input: SendTestMailInput;
}>;


export type SendTestMailMutation = { sendTestMail: { result: { status: TestMailStatus, from: string, accepted: Array<string>, response: string | null, messageId: string | null, rejected: Array<{ address: string, response: string | null, responseCode: number | null }>, route: { outcome: RouteOutcome, serverStep: ServerRouteStep | null, dkimStep: DkimRouteStep | null, envelopeFrom: string | null, recipients: Array<string>, server: { id: string, name: string, kind: SmtpServerKind } | null, serverReason: { step: string, ruleId: string | null, message: string } | null, dkim: { signatureId: string, name: string, domain: string, selector: string, algorithm: DkimAlgorithm } | null, dkimReason: { step: string, ruleId: string | null, message: string } | null, refusal: { code: RouteRefusalCode, message: string, addresses: Array<string> } | null, warnings: Array<{ code: RouteWarningCode, message: string }> } | null, refusal: { code: RouteRefusalCode, message: string } | null, error: { code: SmtpErrorCode, message: string, response: string | null, responseCode: number | null, command: string | null } | null, warnings: Array<{ code: RouteWarningCode, message: string }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type AddSmtpRoutingRuleMutationVariables = Exact<{
  input: AddSmtpRoutingRuleInput;
}>;


export type AddSmtpRoutingRuleMutation = { addSmtpRoutingRule: { rule: { id: string, position: number, matchKind: FromMatchKind, matchValue: string, server: { id: string } } | null, warnings: Array<{ code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null }>, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeSmtpRoutingRuleMutationVariables = Exact<{
  input: ChangeSmtpRoutingRuleInput;
}>;


export type ChangeSmtpRoutingRuleMutation = { changeSmtpRoutingRule: { rule: { id: string, matchKind: FromMatchKind, matchValue: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveSmtpRoutingRuleMutationVariables = Exact<{
  input: SmtpRoutingRuleRefInput;
}>;


export type RemoveSmtpRoutingRuleMutation = { removeSmtpRoutingRule: { settings: { routingRules: Array<{ id: string, position: number }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ReorderSmtpRoutingRulesMutationVariables = Exact<{
  input: ReorderSmtpRoutingRulesInput;
}>;


export type ReorderSmtpRoutingRulesMutation = { reorderSmtpRoutingRules: { settings: { routingRules: Array<{ id: string, position: number }> } | null, warnings: Array<{ code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null }>, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeSmtpBasicSettingsMutationVariables = Exact<{
  input: ChangeSmtpBasicSettingsInput;
}>;


export type ChangeSmtpBasicSettingsMutation = { changeSmtpBasicSettings: { settings: { defaultServer: { id: string }, bounceDestination: { kind: BounceDestinationKind, address: string | null } | null } | null, warnings: Array<{ code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null }>, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ConfigureRakutenRelayMutationVariables = Exact<{
  input: ConfigureRakutenRelayInput;
}>;


export type ConfigureRakutenRelayMutation = { configureRakutenRelay: { settings: { rakutenRelay: { realAddress: string, contactAddress: string, host: string, port: number, passwordSet: boolean } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveRakutenRelayMutationVariables = Exact<{
  input: MailboxOutboundInput;
}>;


export type RemoveRakutenRelayMutation = { removeRakutenRelay: { settings: { rakutenRelay: { realAddress: string } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type AddDkimSignatureMutationVariables = Exact<{
  input: AddDkimSignatureInput;
}>;


export type AddDkimSignatureMutation = { addDkimSignature: { signature: { id: string, name: string, kind: DkimSignatureKind, domain: string, selector: string, algorithm: DkimAlgorithm, keySource: DkimKeySource, keyBits: number, bodyLengthLimit: number | null, isDefault: boolean, dnsRecord: { name: string, value: string, txtStrings: Array<string> } | null } | null, warnings: Array<{ code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null }>, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveDkimSignatureMutationVariables = Exact<{
  input: DkimSignatureRefInput;
}>;


export type RemoveDkimSignatureMutation = { removeDkimSignature: { settings: { dkimSignatures: Array<{ id: string }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SetDefaultDkimSignatureMutationVariables = Exact<{
  input: SetDefaultDkimSignatureInput;
}>;


export type SetDefaultDkimSignatureMutation = { setDefaultDkimSignature: { settings: { defaultDkimSignature: { id: string } | null } | null, warnings: Array<{ code: OutboundWarningCode, area: OutboundSettingsArea, message: string, subjectId: string | null }>, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type AddDkimConditionMutationVariables = Exact<{
  input: AddDkimConditionInput;
}>;


export type AddDkimConditionMutation = { addDkimCondition: { condition: { id: string, fromAddress: string, signature: { id: string } } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeDkimConditionMutationVariables = Exact<{
  input: ChangeDkimConditionInput;
}>;


export type ChangeDkimConditionMutation = { changeDkimCondition: { condition: { id: string, fromAddress: string, signature: { id: string } } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveDkimConditionMutationVariables = Exact<{
  input: DkimConditionRefInput;
}>;


export type RemoveDkimConditionMutation = { removeDkimCondition: { settings: { dkimConditions: Array<{ id: string }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ThirdPartyDkimKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type ThirdPartyDkimKeyQuery = { thirdPartyDkimKey: { domain: string, selector: string, algorithm: DkimAlgorithm, keyBits: number, dnsRecord: { name: string, value: string, txtStrings: Array<string> } } | null };

export type RequestMailboxResetMutationVariables = Exact<{
  input: RequestMailboxResetInput;
}>;


export type RequestMailboxResetMutation = { requestMailboxReset: { preview: { mailboxNumber: number, name: string, address: string, kept: Array<string>, token: string, expiresAt: string, wiped: Array<{ kind: string, count: number }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ExecuteMailboxResetMutationVariables = Exact<{
  input: ExecuteMailboxResetInput;
}>;


export type ExecuteMailboxResetMutation = { executeMailboxReset: { reset: { mailboxNumber: number, nameBefore: string, nameAfter: string, resetPosition: number, messagesDeleted: number, resumed: boolean } | null, mailbox: { number: number, name: string, address: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SignInMutationVariables = Exact<{
  input: LoginInput;
}>;


export type SignInMutation = { login: { token: string | null, expiresAt: string | null, secondFactor: { challenge: string, step: SecondFactorStep, expiresAt: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type CompleteLoginMutationVariables = Exact<{
  input: CompleteLoginInput;
}>;


export type CompleteLoginMutation = { completeLogin: { token: string | null, expiresAt: string | null, viewer: { id: string, username: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type BeginTwoFactorEnrolmentMutationVariables = Exact<{
  input?: BeginTwoFactorEnrolmentInput | null | undefined;
}>;


export type BeginTwoFactorEnrolmentMutation = { beginTwoFactorEnrolment: { otpauthUri: string | null, secret: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ConfirmTwoFactorEnrolmentMutationVariables = Exact<{
  input: ConfirmTwoFactorEnrolmentInput;
}>;


export type ConfirmTwoFactorEnrolmentMutation = { confirmTwoFactorEnrolment: { recoveryCodes: Array<string>, token: string | null, expiresAt: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveTwoFactorMutationVariables = Exact<{
  input: RemoveTwoFactorInput;
}>;


export type RemoveTwoFactorMutation = { removeTwoFactor: { ok: boolean, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ResetTwoFactorMutationVariables = Exact<{
  input: ResetTwoFactorInput;
}>;


export type ResetTwoFactorMutation = { resetTwoFactor: { ok: boolean, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SetMailboxTwoFactorRequirementMutationVariables = Exact<{
  input: SetMailboxTwoFactorRequirementInput;
}>;


export type SetMailboxTwoFactorRequirementMutation = { setMailboxTwoFactorRequirement: { ok: boolean, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type UserTwoFactorQueryVariables = Exact<{
  id: string;
}>;


export type UserTwoFactorQuery = { user: { id: string, twoFactor: { enabled: boolean, enrolledAt: string | null, recoveryCodesLeft: number, requiredByMailboxes: Array<number> } | null } };

export type UserCredentialsQueryVariables = Exact<{
  id: string;
}>;


export type UserCredentialsQuery = { user: { id: string, sessions: Array<{ id: string, createdAt: string, expiresAt: string, lastSeenAt: string, clientIp: string | null, current: boolean }> | null, apiTokens: Array<{ id: string, name: string, expiresAt: string | null, revokedAt: string | null, readOnly: boolean, mayIssueTokens: boolean, lastUsedAt: string | null, lastUsedIp: string | null }> | null } };

export type EndSessionMutationVariables = Exact<{
  input: EndSessionInput;
}>;


export type EndSessionMutation = { endSession: { ok: boolean, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeOwnPasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangeOwnPasswordMutation = { changePassword: { ok: boolean, otherSessionsEnded: boolean, apiTokensRevoked: number, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type IssueScopedApiTokenMutationVariables = Exact<{
  input: IssueApiTokenInput;
}>;


export type IssueScopedApiTokenMutation = { issueApiToken: { token: string | null, tokenId: string | null, expiresAt: string | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ViewerNameQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerNameQuery = { viewer: { id: string, username: string } | null };

export type DeactivateUserMutationVariables = Exact<{
  input: UserIdInput;
}>;


export type DeactivateUserMutation = { deactivateUser: { user: { id: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RemoveMailboxMemberMutationVariables = Exact<{
  input: MembershipInput;
}>;


export type RemoveMailboxMemberMutation = { removeMailboxMember: { userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type RevokeMailboxRoleMutationVariables = Exact<{
  input: MailboxRoleInput;
}>;


export type RevokeMailboxRoleMutation = { revokeMailboxRole: { userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { ok: boolean, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type TestMailResultFieldsFragment = { status: TestMailStatus, from: string, accepted: Array<string>, messageId: string | null, receipt: string | null, route: { server: { id: string, kind: SmtpServerKind } | null } | null, error: { code: SmtpErrorCode, message: string } | null, warnings: Array<{ code: RouteWarningCode }> };

export type VerificationFieldsFragment = { testMailId: string, to: string, testedAt: string, verifiedAt: string, verifiedBy: string | null };

export type ServerVerificationsQueryVariables = Exact<{
  mailboxNumber: number;
}>;


export type ServerVerificationsQuery = { outboundSettings: { smtpServers: Array<{ id: string, name: string, host: string | null, verification: { testMailId: string, to: string, testedAt: string, verifiedAt: string, verifiedBy: string | null } | null }>, rakutenRelay: { host: string, verification: { testMailId: string, to: string, testedAt: string, verifiedAt: string, verifiedBy: string | null } | null } | null } };

export type SendTestMailWithReceiptMutationVariables = Exact<{
  input: SendTestMailInput;
}>;


export type SendTestMailWithReceiptMutation = { sendTestMail: { result: { status: TestMailStatus, from: string, accepted: Array<string>, messageId: string | null, receipt: string | null, route: { server: { id: string, kind: SmtpServerKind } | null } | null, error: { code: SmtpErrorCode, message: string } | null, warnings: Array<{ code: RouteWarningCode }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SendUnsavedTestMailMutationVariables = Exact<{
  input: SendUnsavedTestMailInput;
}>;


export type SendUnsavedTestMailMutation = { sendUnsavedTestMail: { result: { status: TestMailStatus, from: string, accepted: Array<string>, messageId: string | null, receipt: string | null, route: { server: { id: string, kind: SmtpServerKind } | null } | null, error: { code: SmtpErrorCode, message: string } | null, warnings: Array<{ code: RouteWarningCode }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type SendUnsavedRakutenTestMailMutationVariables = Exact<{
  input: SendUnsavedRakutenTestMailInput;
}>;


export type SendUnsavedRakutenTestMailMutation = { sendUnsavedRakutenTestMail: { result: { status: TestMailStatus, from: string, accepted: Array<string>, messageId: string | null, receipt: string | null, route: { server: { id: string, kind: SmtpServerKind } | null } | null, error: { code: SmtpErrorCode, message: string } | null, warnings: Array<{ code: RouteWarningCode }> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ConfirmTestMailMutationVariables = Exact<{
  input: ConfirmTestMailInput;
}>;


export type ConfirmTestMailMutation = { confirmTestMail: { server: { id: string, verification: { testMailId: string, to: string, testedAt: string, verifiedAt: string, verifiedBy: string | null } | null } | null, settings: { rakutenRelay: { verification: { testMailId: string, to: string, testedAt: string, verifiedAt: string, verifiedBy: string | null } | null } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type AddVerifiedSmtpServerMutationVariables = Exact<{
  input: AddSmtpServerInput;
}>;


export type AddVerifiedSmtpServerMutation = { addSmtpServer: { server: { id: string, verification: { testMailId: string, to: string, testedAt: string, verifiedAt: string, verifiedBy: string | null } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ChangeSmtpServerConnectionMutationVariables = Exact<{
  input: ChangeSmtpServerInput;
}>;


export type ChangeSmtpServerConnectionMutation = { changeSmtpServer: { server: { id: string, host: string | null, verification: { testMailId: string } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type ConfigureVerifiedRakutenRelayMutationVariables = Exact<{
  input: ConfigureRakutenRelayInput;
}>;


export type ConfigureVerifiedRakutenRelayMutation = { configureRakutenRelay: { settings: { rakutenRelay: { host: string, verification: { testMailId: string, to: string, testedAt: string, verifiedAt: string, verifiedBy: string | null } | null } | null } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { user: { id: string, username: string, displayName: string } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type GrantPermissionMutationVariables = Exact<{
  input: PermissionInput;
}>;


export type GrantPermissionMutation = { grantPermission: { user: { id: string, permissions: Array<UserPermission> } | null, userErrors: Array<{ path: Array<string>, code: ErrorCode, message: string }> } };

export type UsersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UsersQuery = { users: { edges: Array<{ node: { id: string, username: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export const AccessRestrictionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccessRestrictionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessRestriction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"allowedAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"lockoutGuardOverridden"}},{"kind":"Field","name":{"kind":"Name","value":"exemptUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"allowedAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"lockoutGuardOverridden"}}]}}]}}]} as unknown as DocumentNode<AccessRestrictionFieldsFragment, unknown>;
export const LockPolicyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LockPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LockPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"notifyOperationsAdministrators"}},{"kind":"Field","name":{"kind":"Name","value":"notifyAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<LockPolicyFieldsFragment, unknown>;
export const CheckpointFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CheckpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditCheckpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"headHash"}},{"kind":"Field","name":{"kind":"Name","value":"rootHash"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"json"}}]}}]} as unknown as DocumentNode<CheckpointFieldsFragment, unknown>;
export const PlanFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigurationPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"applicable"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"revisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]}}]} as unknown as DocumentNode<PlanFieldsFragment, unknown>;
export const OAuthCredentialFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OAuthCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OAuthCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"redirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationError"}},{"kind":"Field","name":{"kind":"Name","value":"authorizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"usedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<OAuthCredentialFieldsFragment, unknown>;
export const ReceiveAccountStatusFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"lastImported"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"importedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"skippedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"modeReason"}},{"kind":"Field","name":{"kind":"Name","value":"connectedSince"}},{"kind":"Field","name":{"kind":"Name","value":"lastNewMailAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextPollAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"episodeId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}}]}}]}}]} as unknown as DocumentNode<ReceiveAccountStatusFieldsFragment, unknown>;
export const ReceiveAccountFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"errorNotificationAddress"}},{"kind":"Field","name":{"kind":"Name","value":"leaveOnServer"}},{"kind":"Field","name":{"kind":"Name","value":"deleteDuplicates"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"fetchIntervalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"idleEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"hints"}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountStatusFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"lastImported"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"importedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"skippedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"modeReason"}},{"kind":"Field","name":{"kind":"Name","value":"connectedSince"}},{"kind":"Field","name":{"kind":"Name","value":"lastNewMailAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextPollAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"episodeId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}}]}}]}}]} as unknown as DocumentNode<ReceiveAccountFieldsFragment, unknown>;
export const InboundUserErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<InboundUserErrorFieldsFragment, unknown>;
export const ExternalCallFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExternalCallFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalCall"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"urlTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"openInNewWindow"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<ExternalCallFieldsFragment, unknown>;
export const MessageChannelsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageChannelsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MessageChannels"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"line"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelId"}},{"kind":"Field","name":{"kind":"Name","value":"channelSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"channelAccessTokenSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yahooShopping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRMesse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shopId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"licenseKeySet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<MessageChannelsFieldsFragment, unknown>;
export const ChatDestinationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatDestinationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChatDestination"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialSet"}},{"kind":"Field","name":{"kind":"Name","value":"eventKinds"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]} as unknown as DocumentNode<ChatDestinationFieldsFragment, unknown>;
export const SmtpServerFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmtpServerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpServer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"passwordMechanism"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<SmtpServerFieldsFragment, unknown>;
export const DkimSignatureFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DkimSignatureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DkimSignature"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"selector"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"keySource"}},{"kind":"Field","name":{"kind":"Name","value":"keyBits"}},{"kind":"Field","name":{"kind":"Name","value":"bodyLengthLimit"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"dnsRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"txtStrings"}}]}}]}}]} as unknown as DocumentNode<DkimSignatureFieldsFragment, unknown>;
export const OutboundWarningFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}}]} as unknown as DocumentNode<OutboundWarningFieldsFragment, unknown>;
export const OutboundSettingsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundSettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundSettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"smtpServers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmtpServerFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"routingRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"matchKind"}},{"kind":"Field","name":{"kind":"Name","value":"matchValue"}},{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultServer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultServerKinds"}},{"kind":"Field","name":{"kind":"Name","value":"bounceDestination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRelay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"realAddress"}},{"kind":"Field","name":{"kind":"Name","value":"contactAddress"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkimSignatures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DkimSignatureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkimConditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fromAddress"}},{"kind":"Field","name":{"kind":"Name","value":"signature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultDkimSignature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundWarningFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmtpServerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpServer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"passwordMechanism"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DkimSignatureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DkimSignature"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"selector"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"keySource"}},{"kind":"Field","name":{"kind":"Name","value":"keyBits"}},{"kind":"Field","name":{"kind":"Name","value":"bodyLengthLimit"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"dnsRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"txtStrings"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}}]} as unknown as DocumentNode<OutboundSettingsFieldsFragment, unknown>;
export const OutboundRouteFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundRouteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundRoute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serverStep"}},{"kind":"Field","name":{"kind":"Name","value":"serverReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signatureId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"selector"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkimStep"}},{"kind":"Field","name":{"kind":"Name","value":"dkimReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"envelopeFrom"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<OutboundRouteFieldsFragment, unknown>;
export const TestMailResultFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TestMailResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestMailResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"receipt"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]} as unknown as DocumentNode<TestMailResultFieldsFragment, unknown>;
export const VerificationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VerificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpVerification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testMailId"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"testedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedBy"}}]}}]} as unknown as DocumentNode<VerificationFieldsFragment, unknown>;
export const AccessRestrictionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccessRestriction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRestriction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccessRestrictionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccessRestrictionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessRestriction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"allowedAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"lockoutGuardOverridden"}},{"kind":"Field","name":{"kind":"Name","value":"exemptUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"allowedAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"lockoutGuardOverridden"}}]}}]}}]} as unknown as DocumentNode<AccessRestrictionQuery, AccessRestrictionQueryVariables>;
export const AccessCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccessCheck"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ip"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"viaApiToken"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessCheck"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"ip"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ip"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"viaApiToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"viaApiToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}},{"kind":"Field","name":{"kind":"Name","value":"verdicts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}}]}}]}}]}}]} as unknown as DocumentNode<AccessCheckQuery, AccessCheckQueryVariables>;
export const ConfigureIpRestrictionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureIpRestriction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigureIpRestrictionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureIpRestriction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccessRestrictionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccessRestrictionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessRestriction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"allowedAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"lockoutGuardOverridden"}},{"kind":"Field","name":{"kind":"Name","value":"exemptUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"allowedAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"lockoutGuardOverridden"}}]}}]}}]} as unknown as DocumentNode<ConfigureIpRestrictionMutation, ConfigureIpRestrictionMutationVariables>;
export const ConfigureApiRestrictionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureApiRestriction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigureApiRestrictionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureApiRestriction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccessRestrictionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccessRestrictionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AccessRestriction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"allowedAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"lockoutGuardOverridden"}},{"kind":"Field","name":{"kind":"Name","value":"exemptUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiRestriction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"allowedAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"lockoutGuardOverridden"}}]}}]}}]} as unknown as DocumentNode<ConfigureApiRestrictionMutation, ConfigureApiRestrictionMutationVariables>;
export const LockPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LockPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lockPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LockPolicyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LockPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LockPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"notifyOperationsAdministrators"}},{"kind":"Field","name":{"kind":"Name","value":"notifyAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<LockPolicyQuery, LockPolicyQueryVariables>;
export const ConfigureLockPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureLockPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigureLockPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureLockPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lockPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LockPolicyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LockPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LockPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"notifyOperationsAdministrators"}},{"kind":"Field","name":{"kind":"Name","value":"notifyAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<ConfigureLockPolicyMutation, ConfigureLockPolicyMutationVariables>;
export const EffectiveLockPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EffectiveLockPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"effectiveLockPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"policy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LockPolicyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LockPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LockPolicy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"notifyOperationsAdministrators"}},{"kind":"Field","name":{"kind":"Name","value":"notifyAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<EffectiveLockPolicyQuery, EffectiveLockPolicyQueryVariables>;
export const LockedUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LockedUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lockedUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"accountLock"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"failedAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"lockedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"policyMailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<LockedUsersQuery, LockedUsersQueryVariables>;
export const UserAccountLockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserAccountLock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accountLock"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"failedAttempts"}}]}}]}}]}}]} as unknown as DocumentNode<UserAccountLockQuery, UserAccountLockQueryVariables>;
export const UnlockUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlockUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnlockUsersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlockUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"accountLock"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"failedAttempts"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<UnlockUsersMutation, UnlockUsersMutationVariables>;
export const SettingsHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SettingsHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SettingsHistoryFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settingsHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"clientIp"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SettingsHistoryQuery, SettingsHistoryQueryVariables>;
export const ConfigurationAsOfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConfigurationAsOf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"at"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"position"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configurationAsOf"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"Variable","name":{"kind":"Name","value":"at"}}},{"kind":"Argument","name":{"kind":"Name","value":"position"},"value":{"kind":"Variable","name":{"kind":"Name","value":"position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ConfigurationAsOfQuery, ConfigurationAsOfQueryVariables>;
export const ConfigurationDiffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConfigurationDiff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditPointInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditPointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configurationDiff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromPosition"}},{"kind":"Field","name":{"kind":"Name","value":"toPosition"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}}]}}]}}]} as unknown as DocumentNode<ConfigurationDiffQuery, ConfigurationDiffQueryVariables>;
export const VerifyAuditChainDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyAuditChain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyAuditChain"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fromPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromPosition"}}},{"kind":"Argument","name":{"kind":"Name","value":"toPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"fromPosition"}},{"kind":"Field","name":{"kind":"Name","value":"toPosition"}},{"kind":"Field","name":{"kind":"Name","value":"eventsChecked"}},{"kind":"Field","name":{"kind":"Name","value":"firstBrokenPosition"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<VerifyAuditChainQuery, VerifyAuditChainQueryVariables>;
export const SettingsChangedWithChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SettingsChangedWithChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settingsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}}]}}]}}]} as unknown as DocumentNode<SettingsChangedWithChangesSubscription, SettingsChangedWithChangesSubscriptionVariables>;
export const CreateAuditCheckpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAuditCheckpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAuditCheckpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CheckpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CheckpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditCheckpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"headHash"}},{"kind":"Field","name":{"kind":"Name","value":"rootHash"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"json"}}]}}]} as unknown as DocumentNode<CreateAuditCheckpointMutation, CreateAuditCheckpointMutationVariables>;
export const AuditCheckpointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditCheckpoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"beforePosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditCheckpoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"beforePosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"beforePosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CheckpointFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CheckpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditCheckpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"headHash"}},{"kind":"Field","name":{"kind":"Name","value":"rootHash"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"json"}}]}}]} as unknown as DocumentNode<AuditCheckpointsQuery, AuditCheckpointsQueryVariables>;
export const AuditPublicKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditPublicKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditPublicKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"pem"}}]}}]}}]} as unknown as DocumentNode<AuditPublicKeyQuery, AuditPublicKeyQueryVariables>;
export const AuditInclusionProofDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditInclusionProof"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"position"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"checkpoint"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditInclusionProof"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}},{"kind":"Argument","name":{"kind":"Name","value":"position"},"value":{"kind":"Variable","name":{"kind":"Name","value":"position"}}},{"kind":"Argument","name":{"kind":"Name","value":"checkpoint"},"value":{"kind":"Variable","name":{"kind":"Name","value":"checkpoint"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"leafIndex"}},{"kind":"Field","name":{"kind":"Name","value":"treeSize"}},{"kind":"Field","name":{"kind":"Name","value":"record"}},{"kind":"Field","name":{"kind":"Name","value":"leafHash"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"checkpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CheckpointFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CheckpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditCheckpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"headHash"}},{"kind":"Field","name":{"kind":"Name","value":"rootHash"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"json"}}]}}]} as unknown as DocumentNode<AuditInclusionProofQuery, AuditInclusionProofQueryVariables>;
export const AuditConsistencyProofDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditConsistencyProof"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditConsistencyProof"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CheckpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CheckpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CheckpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditCheckpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"headHash"}},{"kind":"Field","name":{"kind":"Name","value":"rootHash"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"json"}}]}}]} as unknown as DocumentNode<AuditConsistencyProofQuery, AuditConsistencyProofQueryVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const IssueApiTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueApiToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IssueApiTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueApiToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"tokenId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<IssueApiTokenMutation, IssueApiTokenMutationVariables>;
export const RevokeApiTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeApiTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"isAdministrator"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"mailbox"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const NoticesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"NoticeStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"destinationId"}},{"kind":"Field","name":{"kind":"Name","value":"destinationName"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<NoticesQuery, NoticesQueryVariables>;
export const SendTestNotificationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendTestNotification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendTestNotificationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendTestNotification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"answer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SendTestNotificationMutation, SendTestNotificationMutationVariables>;
export const ConfigurationDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConfigurationDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigurationFormat"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"at"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"position"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configurationDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"Variable","name":{"kind":"Name","value":"at"}}},{"kind":"Argument","name":{"kind":"Name","value":"position"},"value":{"kind":"Variable","name":{"kind":"Name","value":"position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<ConfigurationDocumentQuery, ConfigurationDocumentQueryVariables>;
export const PlanConfigurationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlanConfiguration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlanConfigurationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planConfiguration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigurationPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"applicable"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"revisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]}}]} as unknown as DocumentNode<PlanConfigurationMutation, PlanConfigurationMutationVariables>;
export const ApplyConfigurationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyConfiguration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApplyConfigurationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyConfiguration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigurationPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"applicable"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"revisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]}}]} as unknown as DocumentNode<ApplyConfigurationMutation, ApplyConfigurationMutationVariables>;
export const PlanRevertDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlanRevert"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlanRevertInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planRevert"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigurationPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"applicable"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"revisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]}}]} as unknown as DocumentNode<PlanRevertMutation, PlanRevertMutationVariables>;
export const ApplyRevertDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyRevert"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApplyRevertInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyRevert"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigurationPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"applicable"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"revisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]}}]} as unknown as DocumentNode<ApplyRevertMutation, ApplyRevertMutationVariables>;
export const OAuthCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OAuthCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oauthCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OAuthCredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OAuthCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OAuthCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"redirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationError"}},{"kind":"Field","name":{"kind":"Name","value":"authorizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"usedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<OAuthCredentialsQuery, OAuthCredentialsQueryVariables>;
export const RegisterOAuthCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterOAuthCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterOAuthCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerOAuthCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OAuthCredentialFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OAuthCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OAuthCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"redirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationError"}},{"kind":"Field","name":{"kind":"Name","value":"authorizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"usedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RegisterOAuthCredentialMutation, RegisterOAuthCredentialMutationVariables>;
export const ChangeOAuthCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeOAuthCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeOAuthCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeOAuthCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OAuthCredentialFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OAuthCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OAuthCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"redirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationError"}},{"kind":"Field","name":{"kind":"Name","value":"authorizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"usedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ChangeOAuthCredentialMutation, ChangeOAuthCredentialMutationVariables>;
export const DisableOAuthCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableOAuthCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OAuthCredentialRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableOAuthCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<DisableOAuthCredentialMutation, DisableOAuthCredentialMutationVariables>;
export const DeleteOAuthCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteOAuthCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OAuthCredentialRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteOAuthCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<DeleteOAuthCredentialMutation, DeleteOAuthCredentialMutationVariables>;
export const BeginOAuthAuthorizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BeginOAuthAuthorization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BeginOAuthAuthorizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beginOAuthAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authorizationUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<BeginOAuthAuthorizationMutation, BeginOAuthAuthorizationMutationVariables>;
export const CompleteOAuthAuthorizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteOAuthAuthorization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteOAuthAuthorizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeOAuthAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OAuthCredentialFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OAuthCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OAuthCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"redirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationError"}},{"kind":"Field","name":{"kind":"Name","value":"authorizedAt"}},{"kind":"Field","name":{"kind":"Name","value":"usedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CompleteOAuthAuthorizationMutation, CompleteOAuthAuthorizationMutationVariables>;
export const ReceiveSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReceiveSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"maxAccounts"}},{"kind":"Field","name":{"kind":"Name","value":"autoFetch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalMinutes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountFields"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationStatus"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"lastImported"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"importedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"skippedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"modeReason"}},{"kind":"Field","name":{"kind":"Name","value":"connectedSince"}},{"kind":"Field","name":{"kind":"Name","value":"lastNewMailAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextPollAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"episodeId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"errorNotificationAddress"}},{"kind":"Field","name":{"kind":"Name","value":"leaveOnServer"}},{"kind":"Field","name":{"kind":"Name","value":"deleteDuplicates"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"fetchIntervalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"idleEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"hints"}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountStatusFields"}}]}}]}}]} as unknown as DocumentNode<ReceiveSettingsQuery, ReceiveSettingsQueryVariables>;
export const ChangeAutoFetchSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeAutoFetchSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeAutoFetchSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeAutoFetchSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"autoFetch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"intervalMinutes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ChangeAutoFetchSettingsMutation, ChangeAutoFetchSettingsMutationVariables>;
export const AddReceiveAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddReceiveAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddReceiveAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addReceiveAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"lastImported"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"importedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"skippedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"modeReason"}},{"kind":"Field","name":{"kind":"Name","value":"connectedSince"}},{"kind":"Field","name":{"kind":"Name","value":"lastNewMailAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextPollAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"episodeId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"errorNotificationAddress"}},{"kind":"Field","name":{"kind":"Name","value":"leaveOnServer"}},{"kind":"Field","name":{"kind":"Name","value":"deleteDuplicates"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"fetchIntervalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"idleEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"hints"}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountStatusFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AddReceiveAccountMutation, AddReceiveAccountMutationVariables>;
export const ChangeReceiveAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeReceiveAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeReceiveAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeReceiveAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"lastImported"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"importedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"skippedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"modeReason"}},{"kind":"Field","name":{"kind":"Name","value":"connectedSince"}},{"kind":"Field","name":{"kind":"Name","value":"lastNewMailAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextPollAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"episodeId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"errorNotificationAddress"}},{"kind":"Field","name":{"kind":"Name","value":"leaveOnServer"}},{"kind":"Field","name":{"kind":"Name","value":"deleteDuplicates"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"fetchIntervalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"idleEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"hints"}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountStatusFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ChangeReceiveAccountMutation, ChangeReceiveAccountMutationVariables>;
export const DeleteReceiveAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteReceiveAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccountRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteReceiveAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<DeleteReceiveAccountMutation, DeleteReceiveAccountMutationVariables>;
export const TestReceiveAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestReceiveAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TestReceiveAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testReceiveAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"serverMessages"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<TestReceiveAccountMutation, TestReceiveAccountMutationVariables>;
export const FetchReceiveAccountNowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FetchReceiveAccountNow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FetchReceiveAccountNowInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fetchReceiveAccountNow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"imported"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountStatusFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InboundUserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"lastImported"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"importedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"skippedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"modeReason"}},{"kind":"Field","name":{"kind":"Name","value":"connectedSince"}},{"kind":"Field","name":{"kind":"Name","value":"lastNewMailAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextPollAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"episodeId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InboundUserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<FetchReceiveAccountNowMutation, FetchReceiveAccountNowMutationVariables>;
export const FetchStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FetchStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fetchStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReceiveAccountStatusFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReceiveAccountStatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveAccountStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFinishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveFailures"}},{"kind":"Field","name":{"kind":"Name","value":"lastImported"}},{"kind":"Field","name":{"kind":"Name","value":"lastSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"importedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"skippedTotal"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"modeReason"}},{"kind":"Field","name":{"kind":"Name","value":"connectedSince"}},{"kind":"Field","name":{"kind":"Name","value":"lastNewMailAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextPollAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"episodeId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}}]}}]}}]} as unknown as DocumentNode<FetchStatusChangedSubscription, FetchStatusChangedSubscriptionVariables>;
export const ReceiveErrorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReceiveErrors"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveErrors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"episodeId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"serverResponse"}},{"kind":"Field","name":{"kind":"Name","value":"messageKey"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ReceiveErrorsSubscription, ReceiveErrorsSubscriptionVariables>;
export const FetchRunHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FetchRunHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hours"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fetchRunHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"hours"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hours"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"imported"}}]}}]}}]}}]} as unknown as DocumentNode<FetchRunHistoryQuery, FetchRunHistoryQueryVariables>;
export const ExternalCallsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExternalCalls"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalCalls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExternalCallFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExternalCallFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalCall"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"urlTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"openInNewWindow"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<ExternalCallsQuery, ExternalCallsQueryVariables>;
export const RenderExternalCallDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RenderExternalCall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"callId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"values"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalCallValuesInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renderExternalCall"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"callId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"callId"}}},{"kind":"Argument","name":{"kind":"Name","value":"messageId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"messageId"}}},{"kind":"Argument","name":{"kind":"Name","value":"values"},"value":{"kind":"Variable","name":{"kind":"Name","value":"values"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"openInNewWindow"}}]}}]}}]} as unknown as DocumentNode<RenderExternalCallQuery, RenderExternalCallQueryVariables>;
export const AddExternalCallDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddExternalCall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddExternalCallInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addExternalCall"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalCall"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExternalCallFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExternalCallFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalCall"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"urlTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"openInNewWindow"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<AddExternalCallMutation, AddExternalCallMutationVariables>;
export const ChangeExternalCallDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeExternalCall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeExternalCallInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeExternalCall"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalCall"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExternalCallFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExternalCallFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalCall"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"urlTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"encoding"}},{"kind":"Field","name":{"kind":"Name","value":"openInNewWindow"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<ChangeExternalCallMutation, ChangeExternalCallMutationVariables>;
export const RemoveExternalCallDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveExternalCall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalCallRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeExternalCall"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removedExternalCallId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveExternalCallMutation, RemoveExternalCallMutationVariables>;
export const MessageChannelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MessageChannels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageChannels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageChannelsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageChannelsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MessageChannels"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"line"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelId"}},{"kind":"Field","name":{"kind":"Name","value":"channelSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"channelAccessTokenSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yahooShopping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRMesse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shopId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"licenseKeySet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<MessageChannelsQuery, MessageChannelsQueryVariables>;
export const ConfigureLineChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureLineChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigureLineChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureLineChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageChannelsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageChannelsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MessageChannels"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"line"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelId"}},{"kind":"Field","name":{"kind":"Name","value":"channelSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"channelAccessTokenSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yahooShopping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRMesse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shopId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"licenseKeySet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<ConfigureLineChannelMutation, ConfigureLineChannelMutationVariables>;
export const ConfigureYahooShoppingChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureYahooShoppingChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigureYahooShoppingChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureYahooShoppingChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageChannelsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageChannelsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MessageChannels"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"line"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelId"}},{"kind":"Field","name":{"kind":"Name","value":"channelSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"channelAccessTokenSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yahooShopping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRMesse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shopId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"licenseKeySet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<ConfigureYahooShoppingChannelMutation, ConfigureYahooShoppingChannelMutationVariables>;
export const ConfigureRakutenRMesseChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureRakutenRMesseChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigureRakutenRMesseChannelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureRakutenRMesseChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageChannelsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageChannelsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MessageChannels"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"line"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelId"}},{"kind":"Field","name":{"kind":"Name","value":"channelSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"channelAccessTokenSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yahooShopping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRMesse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shopId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"licenseKeySet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<ConfigureRakutenRMesseChannelMutation, ConfigureRakutenRMesseChannelMutationVariables>;
export const SetMessageChannelEnabledDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetMessageChannelEnabled"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetMessageChannelEnabledInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setMessageChannelEnabled"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageChannelsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageChannelsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MessageChannels"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"line"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelId"}},{"kind":"Field","name":{"kind":"Name","value":"channelSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"channelAccessTokenSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yahooShopping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRMesse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shopId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"licenseKeySet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<SetMessageChannelEnabledMutation, SetMessageChannelEnabledMutationVariables>;
export const RemoveMessageChannelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveMessageChannel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MessageChannelRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeMessageChannel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageChannels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageChannelsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageChannelsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MessageChannels"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"line"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channelId"}},{"kind":"Field","name":{"kind":"Name","value":"channelSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"channelAccessTokenSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yahooShopping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sellerId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"applicationSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRMesse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shopId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceSecretSet"}},{"kind":"Field","name":{"kind":"Name","value":"licenseKeySet"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<RemoveMessageChannelMutation, RemoveMessageChannelMutationVariables>;
export const ChatDestinationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChatDestinations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chatDestinations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ChatDestinationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatDestinationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChatDestination"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialSet"}},{"kind":"Field","name":{"kind":"Name","value":"eventKinds"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]} as unknown as DocumentNode<ChatDestinationsQuery, ChatDestinationsQueryVariables>;
export const AddChatDestinationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddChatDestination"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddChatDestinationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addChatDestination"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chatDestination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ChatDestinationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatDestinationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChatDestination"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialSet"}},{"kind":"Field","name":{"kind":"Name","value":"eventKinds"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]} as unknown as DocumentNode<AddChatDestinationMutation, AddChatDestinationMutationVariables>;
export const ChangeChatDestinationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeChatDestination"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeChatDestinationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeChatDestination"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chatDestination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ChatDestinationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ChatDestinationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChatDestination"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roomId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialSet"}},{"kind":"Field","name":{"kind":"Name","value":"eventKinds"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]} as unknown as DocumentNode<ChangeChatDestinationMutation, ChangeChatDestinationMutationVariables>;
export const RemoveChatDestinationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveChatDestination"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChatDestinationRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeChatDestination"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removedChatDestinationId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveChatDestinationMutation, RemoveChatDestinationMutationVariables>;
export const MailboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Mailbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailbox"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}}]} as unknown as DocumentNode<MailboxQuery, MailboxQueryVariables>;
export const MailboxesWithMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MailboxesWithMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<MailboxesWithMembersQuery, MailboxesWithMembersQueryVariables>;
export const CreateMailboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateMailbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateMailboxInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createMailbox"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailbox"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateMailboxMutation, CreateMailboxMutationVariables>;
export const RenameMailboxDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameMailbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RenameMailboxInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renameMailbox"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailbox"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RenameMailboxMutation, RenameMailboxMutationVariables>;
export const AddMailboxMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddMailboxMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addMailboxMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AddMailboxMemberMutation, AddMailboxMemberMutationVariables>;
export const AssignMailboxRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignMailboxRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MailboxRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignMailboxRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AssignMailboxRoleMutation, AssignMailboxRoleMutationVariables>;
export const SettingsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SettingsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settingsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]} as unknown as DocumentNode<SettingsChangedSubscription, SettingsChangedSubscriptionVariables>;
export const NoticeLanguageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NoticeLanguage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"noticeLanguage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"chosen"}},{"kind":"Field","name":{"kind":"Name","value":"deploymentDefault"}}]}}]}}]} as unknown as DocumentNode<NoticeLanguageQuery, NoticeLanguageQueryVariables>;
export const SetNoticeLanguageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetNoticeLanguage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetNoticeLanguageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setNoticeLanguage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"noticeLanguage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"chosen"}},{"kind":"Field","name":{"kind":"Name","value":"deploymentDefault"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SetNoticeLanguageMutation, SetNoticeLanguageMutationVariables>;
export const OutboundSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OutboundSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outboundSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundSettingsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmtpServerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpServer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"passwordMechanism"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DkimSignatureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DkimSignature"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"selector"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"keySource"}},{"kind":"Field","name":{"kind":"Name","value":"keyBits"}},{"kind":"Field","name":{"kind":"Name","value":"bodyLengthLimit"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"dnsRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"txtStrings"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundSettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundSettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"smtpServers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmtpServerFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"routingRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"matchKind"}},{"kind":"Field","name":{"kind":"Name","value":"matchValue"}},{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultServer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultServerKinds"}},{"kind":"Field","name":{"kind":"Name","value":"bounceDestination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRelay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"realAddress"}},{"kind":"Field","name":{"kind":"Name","value":"contactAddress"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkimSignatures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DkimSignatureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkimConditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fromAddress"}},{"kind":"Field","name":{"kind":"Name","value":"signature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultDkimSignature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundWarningFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<OutboundSettingsQuery, OutboundSettingsQueryVariables>;
export const OutboundRouteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OutboundRoute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cc"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bcc"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MailKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"testServerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outboundRoute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"cc"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cc"}}},{"kind":"Argument","name":{"kind":"Name","value":"bcc"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bcc"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"testServerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"testServerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundRouteFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundRouteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundRoute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serverStep"}},{"kind":"Field","name":{"kind":"Name","value":"serverReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signatureId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"selector"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkimStep"}},{"kind":"Field","name":{"kind":"Name","value":"dkimReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"envelopeFrom"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<OutboundRouteQuery, OutboundRouteQueryVariables>;
export const DkimDnsCheckDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DkimDnsCheck"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"signatureId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dkimDnsCheck"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"signatureId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"signatureId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"foundKeys"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<DkimDnsCheckQuery, DkimDnsCheckQueryVariables>;
export const AddSmtpServerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddSmtpServer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddSmtpServerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSmtpServer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmtpServerFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundWarningFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmtpServerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpServer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"passwordMechanism"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}}]} as unknown as DocumentNode<AddSmtpServerMutation, AddSmtpServerMutationVariables>;
export const ChangeSmtpServerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeSmtpServer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeSmtpServerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeSmtpServer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmtpServerFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmtpServerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpServer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"encryption"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"passwordMechanism"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}},{"kind":"Field","name":{"kind":"Name","value":"oauthCredentialId"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<ChangeSmtpServerMutation, ChangeSmtpServerMutationVariables>;
export const RemoveSmtpServerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveSmtpServer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpServerRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeSmtpServer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"smtpServers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveSmtpServerMutation, RemoveSmtpServerMutationVariables>;
export const SendTestMailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendTestMail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendTestMailInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendTestMail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"response"}},{"kind":"Field","name":{"kind":"Name","value":"responseCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"response"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundRouteFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"response"}},{"kind":"Field","name":{"kind":"Name","value":"responseCode"}},{"kind":"Field","name":{"kind":"Name","value":"command"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundRouteFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundRoute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serverStep"}},{"kind":"Field","name":{"kind":"Name","value":"serverReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signatureId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"selector"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dkimStep"}},{"kind":"Field","name":{"kind":"Name","value":"dkimReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"envelopeFrom"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SendTestMailMutation, SendTestMailMutationVariables>;
export const AddSmtpRoutingRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddSmtpRoutingRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddSmtpRoutingRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSmtpRoutingRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"matchKind"}},{"kind":"Field","name":{"kind":"Name","value":"matchValue"}},{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundWarningFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}}]} as unknown as DocumentNode<AddSmtpRoutingRuleMutation, AddSmtpRoutingRuleMutationVariables>;
export const ChangeSmtpRoutingRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeSmtpRoutingRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeSmtpRoutingRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeSmtpRoutingRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"matchKind"}},{"kind":"Field","name":{"kind":"Name","value":"matchValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ChangeSmtpRoutingRuleMutation, ChangeSmtpRoutingRuleMutationVariables>;
export const RemoveSmtpRoutingRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveSmtpRoutingRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpRoutingRuleRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeSmtpRoutingRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routingRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveSmtpRoutingRuleMutation, RemoveSmtpRoutingRuleMutationVariables>;
export const ReorderSmtpRoutingRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReorderSmtpRoutingRules"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReorderSmtpRoutingRulesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reorderSmtpRoutingRules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routingRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundWarningFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}}]} as unknown as DocumentNode<ReorderSmtpRoutingRulesMutation, ReorderSmtpRoutingRulesMutationVariables>;
export const ChangeSmtpBasicSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeSmtpBasicSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeSmtpBasicSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeSmtpBasicSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"defaultServer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bounceDestination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundWarningFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}}]} as unknown as DocumentNode<ChangeSmtpBasicSettingsMutation, ChangeSmtpBasicSettingsMutationVariables>;
export const ConfigureRakutenRelayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureRakutenRelay"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigureRakutenRelayInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureRakutenRelay"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rakutenRelay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"realAddress"}},{"kind":"Field","name":{"kind":"Name","value":"contactAddress"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"passwordSet"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ConfigureRakutenRelayMutation, ConfigureRakutenRelayMutationVariables>;
export const RemoveRakutenRelayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveRakutenRelay"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MailboxOutboundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeRakutenRelay"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rakutenRelay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"realAddress"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveRakutenRelayMutation, RemoveRakutenRelayMutationVariables>;
export const AddDkimSignatureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddDkimSignature"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddDkimSignatureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addDkimSignature"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DkimSignatureFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundWarningFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DkimSignatureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DkimSignature"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"selector"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"keySource"}},{"kind":"Field","name":{"kind":"Name","value":"keyBits"}},{"kind":"Field","name":{"kind":"Name","value":"bodyLengthLimit"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"dnsRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"txtStrings"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}}]} as unknown as DocumentNode<AddDkimSignatureMutation, AddDkimSignatureMutationVariables>;
export const RemoveDkimSignatureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveDkimSignature"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DkimSignatureRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeDkimSignature"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dkimSignatures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveDkimSignatureMutation, RemoveDkimSignatureMutationVariables>;
export const SetDefaultDkimSignatureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetDefaultDkimSignature"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetDefaultDkimSignatureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setDefaultDkimSignature"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"defaultDkimSignature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OutboundWarningFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OutboundWarningFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OutboundWarning"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}}]}}]} as unknown as DocumentNode<SetDefaultDkimSignatureMutation, SetDefaultDkimSignatureMutationVariables>;
export const AddDkimConditionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddDkimCondition"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddDkimConditionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addDkimCondition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"condition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fromAddress"}},{"kind":"Field","name":{"kind":"Name","value":"signature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AddDkimConditionMutation, AddDkimConditionMutationVariables>;
export const ChangeDkimConditionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeDkimCondition"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDkimConditionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeDkimCondition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"condition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fromAddress"}},{"kind":"Field","name":{"kind":"Name","value":"signature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ChangeDkimConditionMutation, ChangeDkimConditionMutationVariables>;
export const RemoveDkimConditionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveDkimCondition"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DkimConditionRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeDkimCondition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dkimConditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveDkimConditionMutation, RemoveDkimConditionMutationVariables>;
export const ThirdPartyDkimKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ThirdPartyDkimKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"thirdPartyDkimKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"selector"}},{"kind":"Field","name":{"kind":"Name","value":"algorithm"}},{"kind":"Field","name":{"kind":"Name","value":"keyBits"}},{"kind":"Field","name":{"kind":"Name","value":"dnsRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"txtStrings"}}]}}]}}]}}]} as unknown as DocumentNode<ThirdPartyDkimKeyQuery, ThirdPartyDkimKeyQueryVariables>;
export const RequestMailboxResetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestMailboxReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestMailboxResetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestMailboxReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"wiped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RequestMailboxResetMutation, RequestMailboxResetMutationVariables>;
export const ExecuteMailboxResetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExecuteMailboxReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteMailboxResetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executeMailboxReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mailboxNumber"}},{"kind":"Field","name":{"kind":"Name","value":"nameBefore"}},{"kind":"Field","name":{"kind":"Name","value":"nameAfter"}},{"kind":"Field","name":{"kind":"Name","value":"resetPosition"}},{"kind":"Field","name":{"kind":"Name","value":"messagesDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"resumed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"mailbox"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ExecuteMailboxResetMutation, ExecuteMailboxResetMutationVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"secondFactor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"challenge"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const CompleteLoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteLoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeLogin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CompleteLoginMutation, CompleteLoginMutationVariables>;
export const BeginTwoFactorEnrolmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BeginTwoFactorEnrolment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"BeginTwoFactorEnrolmentInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beginTwoFactorEnrolment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"otpauthUri"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BeginTwoFactorEnrolmentMutation, BeginTwoFactorEnrolmentMutationVariables>;
export const ConfirmTwoFactorEnrolmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmTwoFactorEnrolment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmTwoFactorEnrolmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmTwoFactorEnrolment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recoveryCodes"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ConfirmTwoFactorEnrolmentMutation, ConfirmTwoFactorEnrolmentMutationVariables>;
export const RemoveTwoFactorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveTwoFactor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveTwoFactorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeTwoFactor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveTwoFactorMutation, RemoveTwoFactorMutationVariables>;
export const ResetTwoFactorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetTwoFactor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResetTwoFactorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetTwoFactor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ResetTwoFactorMutation, ResetTwoFactorMutationVariables>;
export const SetMailboxTwoFactorRequirementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetMailboxTwoFactorRequirement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetMailboxTwoFactorRequirementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setMailboxTwoFactorRequirement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SetMailboxTwoFactorRequirementMutation, SetMailboxTwoFactorRequirementMutationVariables>;
export const UserTwoFactorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserTwoFactor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"twoFactor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledAt"}},{"kind":"Field","name":{"kind":"Name","value":"recoveryCodesLeft"}},{"kind":"Field","name":{"kind":"Name","value":"requiredByMailboxes"}}]}}]}}]}}]} as unknown as DocumentNode<UserTwoFactorQuery, UserTwoFactorQueryVariables>;
export const UserCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientIp"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiTokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"readOnly"}},{"kind":"Field","name":{"kind":"Name","value":"mayIssueTokens"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedIp"}}]}}]}}]}}]} as unknown as DocumentNode<UserCredentialsQuery, UserCredentialsQueryVariables>;
export const EndSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<EndSessionMutation, EndSessionMutationVariables>;
export const ChangeOwnPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeOwnPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangePasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changePassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"otherSessionsEnded"}},{"kind":"Field","name":{"kind":"Name","value":"apiTokensRevoked"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ChangeOwnPasswordMutation, ChangeOwnPasswordMutationVariables>;
export const IssueScopedApiTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueScopedApiToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IssueApiTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueApiToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"tokenId"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<IssueScopedApiTokenMutation, IssueScopedApiTokenMutationVariables>;
export const ViewerNameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ViewerName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<ViewerNameQuery, ViewerNameQueryVariables>;
export const DeactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserIdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DeactivateUserMutation, DeactivateUserMutationVariables>;
export const RemoveMailboxMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveMailboxMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MembershipInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeMailboxMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveMailboxMemberMutation, RemoveMailboxMemberMutationVariables>;
export const RevokeMailboxRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeMailboxRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MailboxRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeMailboxRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeMailboxRoleMutation, RevokeMailboxRoleMutationVariables>;
export const ChangePasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangePasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changePassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const ServerVerificationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServerVerifications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outboundSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"mailboxNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mailboxNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"smtpServers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VerificationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rakutenRelay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VerificationFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VerificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpVerification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testMailId"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"testedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedBy"}}]}}]} as unknown as DocumentNode<ServerVerificationsQuery, ServerVerificationsQueryVariables>;
export const SendTestMailWithReceiptDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendTestMailWithReceipt"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendTestMailInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendTestMail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TestMailResultFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TestMailResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestMailResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"receipt"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]} as unknown as DocumentNode<SendTestMailWithReceiptMutation, SendTestMailWithReceiptMutationVariables>;
export const SendUnsavedTestMailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendUnsavedTestMail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendUnsavedTestMailInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendUnsavedTestMail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TestMailResultFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TestMailResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestMailResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"receipt"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]} as unknown as DocumentNode<SendUnsavedTestMailMutation, SendUnsavedTestMailMutationVariables>;
export const SendUnsavedRakutenTestMailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendUnsavedRakutenTestMail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendUnsavedRakutenTestMailInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendUnsavedRakutenTestMail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TestMailResultFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TestMailResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestMailResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"receipt"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]} as unknown as DocumentNode<SendUnsavedRakutenTestMailMutation, SendUnsavedRakutenTestMailMutationVariables>;
export const ConfirmTestMailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmTestMail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmTestMailInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmTestMail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VerificationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rakutenRelay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VerificationFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VerificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpVerification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testMailId"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"testedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedBy"}}]}}]} as unknown as DocumentNode<ConfirmTestMailMutation, ConfirmTestMailMutationVariables>;
export const AddVerifiedSmtpServerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddVerifiedSmtpServer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddSmtpServerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSmtpServer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VerificationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VerificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpVerification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testMailId"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"testedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedBy"}}]}}]} as unknown as DocumentNode<AddVerifiedSmtpServerMutation, AddVerifiedSmtpServerMutationVariables>;
export const ChangeSmtpServerConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeSmtpServerConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeSmtpServerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeSmtpServer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"server"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testMailId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ChangeSmtpServerConnectionMutation, ChangeSmtpServerConnectionMutationVariables>;
export const ConfigureVerifiedRakutenRelayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureVerifiedRakutenRelay"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfigureRakutenRelayInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureRakutenRelay"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rakutenRelay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VerificationFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VerificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmtpVerification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testMailId"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"testedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedBy"}}]}}]} as unknown as DocumentNode<ConfigureVerifiedRakutenRelayMutation, ConfigureVerifiedRakutenRelayMutationVariables>;
export const CreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;
export const GrantPermissionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantPermission"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PermissionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantPermission"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<GrantPermissionMutation, GrantPermissionMutationVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;