import { Field, ID, InputType, Int } from 'type-graphql';
import { AuditedInput, DryRunField, SettingInput } from '../identity/identity.inputs.js';
import { BounceDestinationKind, DkimAlgorithm, DkimSignatureKind, FromMatchKind, SmtpAuthMethod, SmtpEncryption, SmtpPasswordMechanism } from './outbound.enums.js';

@InputType()
export class MailboxOutboundInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;
}

/** A mailbox's audited input without `dryRun`: the shared fields of a setting and of its unsaved test. */
@InputType()
export abstract class MailboxFieldsInput extends AuditedInput {
  @Field(() => Int)
  mailboxNumber!: number;
}

/** The fields of one external SMTP server, shared by adding it, changing it and testing it unsaved. */
@InputType()
export abstract class SmtpServerFieldsInput extends MailboxFieldsInput {
  @Field(() => String, { description: '1–100 characters, unique in the mailbox.' })
  name!: string;

  @Field(() => String, { description: 'Host name or IP address.' })
  host!: string;

  @Field(() => Int, { description: '1–65535, usually 465 (SMTPS) or 587 (STARTTLS).' })
  port!: number;

  @Field(() => SmtpEncryption)
  encryption!: SmtpEncryption;

  @Field(() => SmtpAuthMethod)
  authMethod!: SmtpAuthMethod;

  @Field(() => String, { nullable: true, description: 'The account name; required with PASSWORD and OAUTH, refused with NONE.' })
  user?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only; required with PASSWORD. Stored encrypted, never returned.' })
  password?: string | null;

  @Field(() => SmtpPasswordMechanism, {
    nullable: true,
    description: 'With PASSWORD only: the SASL mechanism the server expects. Omitted: AUTO (the first the server offers). A mechanism the server does not offer fails as EAUTHMECH.',
  })
  passwordMechanism?: SmtpPasswordMechanism | null;

  @Field(() => ID, { nullable: true, description: 'Required with OAUTH: a registered OAuth credential.' })
  oauthCredentialId?: string | null;
}

@InputType()
export class AddSmtpServerInput extends SmtpServerFieldsInput {
  @DryRunField()
  dryRun?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'A `receipt` of sendUnsavedTestMail with these same connection settings (host, port, encryption, authentication; the name may differ): saying the test mail arrived (「はい」), the server is recorded as verified at once. Different settings are refused.',
  })
  testMailReceipt?: string | null;
}

@InputType()
export class ChangeSmtpServerInput extends SmtpServerFieldsInput {
  @DryRunField()
  dryRun?: boolean | null;

  @Field(() => ID)
  serverId!: string;
}

@InputType({ description: 'テストメールを送信する before 登録: the fields of addSmtpServer, plus where to send. `reason` is ignored: nothing is recorded.' })
export class SendUnsavedTestMailInput extends SmtpServerFieldsInput {
  @Field(() => String)
  to!: string;

  @Field(() => String, { nullable: true, description: 'Default: the mailbox address.' })
  from?: string | null;
}

@InputType()
export class SmtpServerRefInput extends MailboxOutboundInput {
  @Field(() => ID)
  serverId!: string;
}

@InputType()
export class AddSmtpRoutingRuleInput extends MailboxOutboundInput {
  @Field(() => FromMatchKind)
  matchKind!: FromMatchKind;

  @Field(() => String, { description: 'An address (ADDRESS) or a domain such as "example.com" (DOMAIN).' })
  matchValue!: string;

  @Field(() => ID, { description: 'An external server id or `builtin`.' })
  serverId!: string;
}

@InputType()
export class ChangeSmtpRoutingRuleInput extends AddSmtpRoutingRuleInput {
  @Field(() => ID)
  ruleId!: string;
}

@InputType()
export class SmtpRoutingRuleRefInput extends MailboxOutboundInput {
  @Field(() => ID)
  ruleId!: string;
}

@InputType()
export class ReorderSmtpRoutingRulesInput extends MailboxOutboundInput {
  @Field(() => [ID], { description: 'Every rule id exactly once, first evaluated first.' })
  ruleIds!: string[];
}

@InputType()
export class BounceDestinationInput {
  @Field(() => BounceDestinationKind)
  kind!: keyof typeof BounceDestinationKind;

  @Field(() => String, { nullable: true, description: 'Required with FIXED_ADDRESS, refused with SENDER.' })
  address?: string | null;
}

@InputType({ description: 'SMTPサーバの利用に関する基本設定: give either or both; both apply together or not at all.' })
export class ChangeSmtpBasicSettingsInput extends MailboxOutboundInput {
  @Field(() => ID, { nullable: true, description: 'An external server id or `builtin`.' })
  defaultServerId?: string | null;

  @Field(() => BounceDestinationInput, { nullable: true })
  bounceDestination?: BounceDestinationInput | null;
}

@InputType()
export abstract class RakutenRelayFieldsInput extends MailboxFieldsInput {
  @Field(() => String, { description: '店舗連絡先リアルアドレス' })
  realAddress!: string;

  @Field(() => String, { nullable: true, description: '店舗連絡先メールアドレス, when it differs from the real address; omitted or null: the real address (docs/readings.md).' })
  contactAddress?: string | null;

  @Field(() => String)
  host!: string;

  @Field(() => Int)
  port!: number;

  @Field(() => SmtpEncryption, { nullable: true, description: 'Default STARTTLS.' })
  encryption?: SmtpEncryption | null;

  @Field(() => String)
  user!: string;

  @Field(() => String, { nullable: true, description: 'Write-only; required the first time, omitted later keeps the stored one.' })
  password?: string | null;
}

@InputType()
export class ConfigureRakutenRelayInput extends RakutenRelayFieldsInput {
  @DryRunField()
  dryRun?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A `receipt` of sendUnsavedRakutenTestMail with these same connection settings (host, port, encryption, user, password): saying the test mail arrived (「はい」), the relay is recorded as verified at once. Different settings are refused.',
  })
  testMailReceipt?: string | null;
}

@InputType({
  description: 'テストメールを送信する for the Rakuten relay before saving: the fields of configureRakutenRelay (an omitted password is the stored one), plus where to send. `reason` is ignored.',
})
export class SendUnsavedRakutenTestMailInput extends RakutenRelayFieldsInput {
  @Field(() => String, { description: 'A Rakuten masked address or the contact address: only those go through the relay.' })
  to!: string;

  @Field(() => String, { nullable: true, description: 'Default: the store real address.' })
  from?: string | null;
}

@InputType({ description: '「はい」: the test mail arrived. Records the server as verified (SmtpServerVerified).' })
export class ConfirmTestMailInput extends MailboxOutboundInput {
  @Field(() => ID, { description: 'An external server id or `rakuten-relay` (the built-in server needs no confirmation).' })
  serverId!: string;

  @Field(() => String, { description: 'The `receipt` sendTestMail returned for this server; refused when its connection settings changed since.' })
  testMailReceipt!: string;
}

@InputType()
export class SendTestMailInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID, { description: 'An external server id, `builtin`, or `rakuten-relay`.' })
  serverId!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String, { nullable: true, description: 'Default: the store real address for the Rakuten relay, else the mailbox address.' })
  from?: string | null;
}

@InputType()
export class AddDkimSignatureInput extends MailboxOutboundInput {
  @Field(() => String)
  name!: string;

  @Field(() => DkimSignatureKind)
  kind!: DkimSignatureKind;

  @Field(() => String, { nullable: true, description: 'd=: required for AUTHOR (the From domain it signs); refused for THIRD_PARTY, which signs with the service\'s own domain and key.' })
  domain?: string | null;

  @Field(() => String, { nullable: true, description: 's=: required for AUTHOR; refused for THIRD_PARTY.' })
  selector?: string | null;

  @Field(() => DkimAlgorithm, { nullable: true, description: 'Default RSA_SHA256 (2048 bits) when generating; imports take the key\'s.' })
  algorithm?: DkimAlgorithm | null;

  @Field(() => String, { nullable: true, description: 'Write-only: import this PEM private key instead of generating one. Never returned.' })
  privateKeyPem?: string | null;

  @Field(() => Int, { nullable: true, description: 'l=: sign only this many body bytes (discouraged, RFC 6376 §8.2).' })
  bodyLengthLimit?: number | null;
}

@InputType()
export class DkimSignatureRefInput extends MailboxOutboundInput {
  @Field(() => ID)
  signatureId!: string;
}

@InputType()
export class SetDefaultDkimSignatureInput extends MailboxOutboundInput {
  @Field(() => ID, { nullable: true, description: 'Null: no default, mail without a condition goes unsigned.' })
  signatureId?: string | null;
}

@InputType()
export class AddDkimConditionInput extends MailboxOutboundInput {
  @Field(() => String, { description: 'One exact From address; domains are refused.' })
  fromAddress!: string;

  @Field(() => ID)
  signatureId!: string;
}

@InputType()
export class ChangeDkimConditionInput extends AddDkimConditionInput {
  @Field(() => ID)
  conditionId!: string;
}

@InputType()
export class DkimConditionRefInput extends MailboxOutboundInput {
  @Field(() => ID)
  conditionId!: string;
}
