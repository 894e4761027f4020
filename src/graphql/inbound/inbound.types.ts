import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  OAuthAuthorizationStatus,
  OAuthProvider,
  receiveAccountHints,
  ReceiveAuthMethod,
  ReceiveEncryption,
  ReceiveErrorCode,
  ReceiveProtocol,
} from '../../domain/inbound/index.js';
import { FetchMode, FetchModeReason, FetchState, type FetchStatusSnapshot, type ReceiveErrorSnapshot } from '../../app/inbound/fetchStatus.js';
import type { AutoFetchRow, OAuthCredentialRow, ReceiveAccountRow } from './inbound.loaders.js';

registerEnumType(OAuthProvider, { name: 'OAuthProvider', description: 'Google Workspace or Microsoft 365.' });
registerEnumType(OAuthAuthorizationStatus, {
  name: 'OAuthAuthorizationStatus',
  description: 'REAUTHORIZATION_REQUIRED: the provider refused the stored refresh token; run the authorization again.',
});
registerEnumType(ReceiveProtocol, { name: 'ReceiveProtocol' });
registerEnumType(ReceiveEncryption, {
  name: 'ReceiveEncryption',
  description: 'NONE, SSL_TLS (TLS on connect: POP3S/IMAPS) or STARTTLS (upgrade on the plain port). Nothing else is supported.',
});
registerEnumType(ReceiveAuthMethod, { name: 'ReceiveAuthMethod', description: 'PASSWORD (account name + password) or OAUTH2 (XOAUTH2 with a registered OAuth credential).' });
registerEnumType(ReceiveErrorCode, { name: 'ReceiveErrorCode', description: 'Classified receive errors; switch on these, never on the message.' });
registerEnumType(FetchState, { name: 'FetchState' });
registerEnumType(FetchMode, {
  name: 'FetchMode',
  description: 'IDLE: an IMAP IDLE connection is up and new mail is imported as it arrives; POLLING: fetched at the interval; BACKOFF: the IDLE connection dropped and is being re-established.',
});
registerEnumType(FetchModeReason, {
  name: 'FetchModeReason',
  description:
    'Why a POLLING account does not push: PROTOCOL (POP3/APOP), IDLE_DISABLED (switched off for the account), IDLE_UNSUPPORTED (the server lacks IDLE), IDLE_LIMIT (this instance holds MAILROOM_IDLE_MAX_CONNECTIONS IDLE connections).',
});

export const ReceiveAccountHint = { GOOGLE_DECIDES_LEAVE_ON_SERVER: 'GOOGLE_DECIDES_LEAVE_ON_SERVER' } as const;
export type ReceiveAccountHint = (typeof ReceiveAccountHint)[keyof typeof ReceiveAccountHint];
registerEnumType(ReceiveAccountHint, {
  name: 'ReceiveAccountHint',
  description: "GOOGLE_DECIDES_LEAVE_ON_SERVER: Google's POP server applies its own keep/delete setting; leave-on-server here has no say.",
});

@ObjectType({ description: 'An OAuth client registration (OAuth認証設定). The client secret and tokens are write-only and never returned.' })
export class OAuthCredential {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => OAuthProvider)
  provider!: OAuthProvider;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  clientId!: string;

  @Field(() => Boolean, { description: 'Always true: a secret is required at registration. The value is never returned.' })
  clientSecretSet!: boolean;

  @Field(() => String, { nullable: true, description: 'Microsoft directory (tenant); null for Google.' })
  tenant!: string | null;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => String)
  redirectUrl!: string;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => OAuthAuthorizationStatus)
  authorizationStatus!: OAuthAuthorizationStatus;

  @Field(() => String, { nullable: true, description: "The provider's refusal while reauthorization is required." })
  authorizationError!: string | null;

  @Field(() => Date, { nullable: true })
  authorizedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: OAuthCredentialRow): OAuthCredential {
    return Object.assign(new OAuthCredential(), {
      id: row.credential_id,
      mailboxNumber: row.mailbox_number,
      provider: row.provider as OAuthProvider,
      displayName: row.display_name,
      clientId: row.client_id,
      clientSecretSet: true,
      tenant: row.tenant,
      scopes: JSON.parse(row.scopes) as string[],
      redirectUrl: row.redirect_url,
      enabled: row.enabled === 1,
      authorizationStatus: row.authorization_status as OAuthAuthorizationStatus,
      authorizationError: row.authorization_error,
      authorizedAt: row.authorized_at ? new Date(row.authorized_at) : null,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    });
  }
}

@ObjectType({ description: 'One error episode of a receive account: from the first failure to the first success after it.' })
export class ReceiveError {
  @Field(() => ID)
  episodeId!: string;

  @Field(() => ReceiveErrorCode)
  code!: ReceiveErrorCode;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true, description: "The server's own answer, e.g. `NO [AUTHENTICATIONFAILED] …`." })
  serverResponse!: string | null;

  @Field(() => Date)
  raisedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null while the episode is open.' })
  clearedAt!: Date | null;

  static from(s: ReceiveErrorSnapshot): ReceiveError {
    return Object.assign(new ReceiveError(), {
      episodeId: s.episodeId,
      code: s.code as ReceiveErrorCode,
      message: s.message,
      serverResponse: s.serverResponse,
      raisedAt: new Date(s.raisedAt),
      clearedAt: s.clearedAt ? new Date(s.clearedAt) : null,
    });
  }
}

@ObjectType({ description: 'Live fetch status of a receive account.' })
export class ReceiveAccountStatus {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => FetchState)
  state!: FetchState;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastFinishedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastSuccessAt!: Date | null;

  @Field(() => Int, { description: 'Failed runs in a row; the retry interval doubles with each.' })
  consecutiveFailures!: number;

  @Field(() => Int, { description: 'Messages imported by the last run.' })
  lastImported!: number;

  @Field(() => Int, { description: 'Messages skipped by the last run (over the size limit, duplicates).' })
  lastSkipped!: number;

  @Field(() => Int)
  importedTotal!: number;

  @Field(() => Int)
  skippedTotal!: number;

  @Field(() => ReceiveError, { nullable: true, description: 'The latest error episode, open (state ERROR) or over.' })
  lastError!: ReceiveError | null;

  @Field(() => FetchMode, { description: 'How the account is fetched right now.' })
  mode!: FetchMode;

  @Field(() => FetchModeReason, { nullable: true, description: 'POLLING: why the account does not push.' })
  modeReason!: FetchModeReason | null;

  @Field(() => Date, { nullable: true, description: 'IDLE: since when the connection is up.' })
  connectedSince!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a run last imported new mail.' })
  lastNewMailAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'POLLING: the next scheduled fetch; BACKOFF: the next reconnect; null while IDLE.' })
  nextPollAt!: Date | null;

  static from(s: FetchStatusSnapshot): ReceiveAccountStatus {
    const date = (v: string | null) => (v ? new Date(v) : null);
    return Object.assign(new ReceiveAccountStatus(), {
      ...s,
      lastAttemptAt: date(s.lastAttemptAt),
      lastFinishedAt: date(s.lastFinishedAt),
      lastSuccessAt: date(s.lastSuccessAt),
      connectedSince: date(s.connectedSince),
      lastNewMailAt: date(s.lastNewMailAt),
      nextPollAt: date(s.nextPollAt),
      lastError: s.lastError ? ReceiveError.from(s.lastError) : null,
    });
  }
}

@ObjectType({ description: 'A POP3/APOP/IMAP account the mailbox fetches from (POP/IMAP設定). The password is write-only.' })
export class ReceiveAccount {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => String)
  displayName!: string;

  @Field(() => ReceiveProtocol)
  protocol!: ReceiveProtocol;

  @Field(() => String)
  host!: string;

  @Field(() => Int)
  port!: number;

  @Field(() => ReceiveEncryption)
  encryption!: ReceiveEncryption;

  @Field(() => ReceiveAuthMethod)
  authMethod!: ReceiveAuthMethod;

  @Field(() => String, { description: 'Account name sent to the server.' })
  username!: string;

  @Field(() => Boolean, { description: 'A password is stored (PASSWORD auth). The value is never returned.' })
  passwordSet!: boolean;

  @Field(() => ID, { nullable: true })
  oauthCredentialId!: string | null;

  @Field(() => String, { nullable: true })
  errorNotificationAddress!: string | null;

  @Field(() => Boolean)
  leaveOnServer!: boolean;

  @Field(() => Boolean, { description: 'POP3/APOP with leave-on-server: re-imports are skipped, the server copy stays (docs/readings.md).' })
  deleteDuplicates!: boolean;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Int, { nullable: true, description: "Per-account interval override in minutes; null: the mailbox's auto-fetch interval." })
  fetchIntervalMinutes!: number | null;

  @Field(() => Boolean, { description: 'IMAP: new mail is pushed over IMAP IDLE when the server offers it; otherwise the account is polled.' })
  idleEnabled!: boolean;

  @Field(() => [ReceiveAccountHint])
  hints!: ReceiveAccountHint[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: ReceiveAccountRow): ReceiveAccount {
    return Object.assign(new ReceiveAccount(), {
      id: row.account_id,
      mailboxNumber: row.mailbox_number,
      displayName: row.display_name,
      protocol: row.protocol as ReceiveProtocol,
      host: row.host,
      port: row.port,
      encryption: row.encryption as ReceiveEncryption,
      authMethod: row.auth_method as ReceiveAuthMethod,
      username: row.username,
      passwordSet: row.password_set === 1,
      oauthCredentialId: row.oauth_credential_id,
      errorNotificationAddress: row.error_notification_address,
      leaveOnServer: row.leave_on_server === 1,
      deleteDuplicates: row.delete_duplicates === 1,
      enabled: row.enabled === 1,
      fetchIntervalMinutes: row.fetch_interval_minutes,
      idleEnabled: row.idle_enabled === 1,
      hints: receiveAccountHints({ host: row.host, protocol: row.protocol as ReceiveProtocol }) as ReceiveAccountHint[],
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    });
  }
}

@ObjectType({ description: 'Auto-fetch settings of a mailbox (自動読み込みの設定).' })
export class AutoFetchSettings {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Int)
  intervalMinutes!: number;

  static from(mailboxNumber: number, row: AutoFetchRow | null, defaults: { enabled: boolean; intervalMinutes: number }): AutoFetchSettings {
    return Object.assign(new AutoFetchSettings(), {
      mailboxNumber,
      enabled: row ? row.enabled === 1 : defaults.enabled,
      intervalMinutes: row?.interval_minutes ?? defaults.intervalMinutes,
    });
  }
}

@ObjectType({ description: 'The receive settings of a mailbox: auto-fetch and its accounts (at most 6).' })
export class ReceiveSettings {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Int, { description: 'Most accounts a mailbox may have; receive more addresses by forwarding.' })
  maxAccounts!: number;
}
