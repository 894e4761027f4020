import { Field, ID, InputType, Int } from 'type-graphql';
import { OAuthProvider, ReceiveAuthMethod, ReceiveEncryption, ReceiveProtocol } from '../../domain/inbound/index.js';
import { AuditedInput, SettingInput } from '../identity/identity.inputs.js';

@InputType()
export class RegisterOAuthCredentialInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => OAuthProvider)
  provider!: OAuthProvider;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  clientId!: string;

  @Field(() => String, { description: 'Write-only; stored encrypted.' })
  clientSecret!: string;

  @Field(() => String, { nullable: true, description: 'Microsoft only: directory (tenant) id, domain, "common" or "organizations".' })
  tenant?: string | null;

  @Field(() => [String], { nullable: true, description: "Default: the provider's IMAP/POP/SMTP mail scopes." })
  scopes?: string[] | null;

  @Field(() => String, { description: 'Where the provider sends the browser back with `code` and `state` (https; http on loopback only).' })
  redirectUrl!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  enabled?: boolean;
}

@InputType()
export class OAuthCredentialRefInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID)
  credentialId!: string;
}

@InputType({ description: 'Omitted fields keep their value.' })
export class ChangeOAuthCredentialInput extends OAuthCredentialRefInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'A new client id drops the current authorization.' })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only; omit to keep the stored one.' })
  clientSecret?: string | null;

  @Field(() => String, { nullable: true })
  tenant?: string | null;

  @Field(() => [String], { nullable: true })
  scopes?: string[] | null;

  @Field(() => String, { nullable: true })
  redirectUrl?: string | null;
}

@InputType()
export class BeginOAuthAuthorizationInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID)
  credentialId!: string;

  @Field(() => String, { nullable: true, description: 'Pre-fills the account at the provider (login_hint).' })
  loginHint?: string | null;
}

@InputType()
export class CompleteOAuthAuthorizationInput extends AuditedInput {
  @Field(() => String, { description: 'The `state` query parameter the provider sent to the redirect URL.' })
  state!: string;

  @Field(() => String, { description: 'The `code` query parameter the provider sent to the redirect URL.' })
  code!: string;
}

@InputType({ description: 'Receive-account fields; on an edit, omitted fields keep their value.' })
export class ReceiveAccountFieldsInput extends SettingInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => ReceiveProtocol, { nullable: true })
  protocol?: ReceiveProtocol | null;

  @Field(() => String, { nullable: true })
  host?: string | null;

  @Field(() => Int, { nullable: true, description: 'Default by protocol and encryption: POP 110/995, IMAP 143/993 (STARTTLS uses the plain port).' })
  port?: number | null;

  @Field(() => ReceiveEncryption, { nullable: true, description: 'Default SSL_TLS when adding.' })
  encryption?: ReceiveEncryption | null;

  @Field(() => ReceiveAuthMethod, { nullable: true, description: 'Default PASSWORD when adding.' })
  authMethod?: ReceiveAuthMethod | null;

  @Field(() => String, { nullable: true, description: 'Account name at the server.' })
  username?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only; required for PASSWORD when adding, kept when omitted on an edit.' })
  password?: string | null;

  @Field(() => ID, { nullable: true, description: 'OAUTH2: a registered, enabled OAuth credential of this mailbox.' })
  credentialId?: string | null;

  @Field(() => String, { nullable: true, description: 'Empty string: none.' })
  errorNotificationAddress?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'POP3/APOP only.' })
  leaveOnServer?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only with POP3/APOP and leave-on-server. A message already imported from this account is not imported again; the server copy stays (docs/readings.md).' })
  deleteDuplicates?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: "1–1440 minutes; 0 clears the override (the mailbox's interval applies)." })
  fetchIntervalMinutes?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'IMAP only: push new mail over IMAP IDLE (RFC 2177) as it arrives. Default on for IMAP; POP3/APOP are always polled.' })
  idleEnabled?: boolean | null;
}

@InputType()
export class AddReceiveAccountInput extends ReceiveAccountFieldsInput {
  @Field(() => Int)
  mailboxNumber!: number;
}

@InputType()
export class ChangeReceiveAccountInput extends ReceiveAccountFieldsInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID)
  accountId!: string;
}

@InputType()
export class ReceiveAccountRefInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID)
  accountId!: string;
}

@InputType({ description: 'Fetch now is an action, not a setting: it has no dry run.' })
export class FetchReceiveAccountNowInput extends AuditedInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID)
  accountId!: string;
}

@InputType({ description: 'Test stored settings (accountId), unsaved changes to them (accountId + changes) or a new account (changes only).' })
export class TestReceiveAccountInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => ReceiveAccountFieldsInput, { nullable: true })
  changes?: ReceiveAccountFieldsInput | null;
}

@InputType()
export class ChangeAutoFetchSettingsInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: '1–1440 minutes.' })
  intervalMinutes?: number | null;
}
