import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BUILTIN_SERVER_ID, BUILTIN_SERVER_NAME, type FromMatchKind as FromMatchKindType, type SmtpPasswordMechanism as SmtpPasswordMechanismType } from '../../domain/outbound/smtpSettings.events.js';
import type { OutboundRows, RakutenRelayRow, RoutingRuleRow, SmtpServerRow } from '../../app/outbound/outboundReadModel.js';
import { BounceDestinationKind, FromMatchKind, SmtpAuthMethod, SmtpEncryption, SmtpPasswordMechanism, SmtpServerKind } from './outbound.enums.js';

@ObjectType({
  description:
    'A confirmed test mail (「はい」 after テストメールを送信する): the connection settings as they are now delivered this test mail. ' +
    'Cleared when host, port, encryption or authentication change; a name or routing change keeps it.',
})
export class SmtpVerification {
  @Field(() => String, { description: 'The Message-ID of the confirmed test mail.' })
  testMailId!: string;

  @Field(() => String, { description: 'Where the test mail was sent.' })
  to!: string;

  @Field(() => Date, { description: 'When the server accepted the test mail.' })
  testedAt!: Date;

  @Field(() => Date, { description: 'When its arrival was confirmed.' })
  verifiedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'User id of who confirmed it.' })
  verifiedBy!: string | null;

  static from(row: { verified_test_mail_id: string | null; verified_to: string | null; verified_tested_at: string | null; verified_at: string | null; verified_by: string | null }): SmtpVerification | null {
    if (row.verified_test_mail_id === null || row.verified_at === null) return null;
    return Object.assign(new SmtpVerification(), {
      testMailId: row.verified_test_mail_id,
      to: row.verified_to ?? '',
      testedAt: new Date(row.verified_tested_at ?? row.verified_at),
      verifiedAt: new Date(row.verified_at),
      verifiedBy: row.verified_by,
    });
  }
}

@ObjectType({ description: 'An SMTP server mail can be sent through. Passwords are write-only: only `passwordSet` shows.' })
export class SmtpServer {
  @Field(() => ID, { description: '`builtin` for the built-in server.' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => SmtpServerKind)
  kind!: keyof typeof SmtpServerKind;

  @Field(() => String, { nullable: true, description: 'Null for a built-in server the operator has not configured.' })
  host!: string | null;

  @Field(() => Int, { nullable: true })
  port!: number | null;

  @Field(() => SmtpEncryption)
  encryption!: SmtpEncryption;

  @Field(() => SmtpAuthMethod, { nullable: true, description: 'Null for the built-in server (operator credentials).' })
  authMethod!: SmtpAuthMethod | null;

  @Field(() => String, { nullable: true, description: 'Null for the built-in server and for NONE.' })
  user!: string | null;

  @Field(() => SmtpPasswordMechanism, { nullable: true, description: 'With PASSWORD: the SASL mechanism; null otherwise.' })
  passwordMechanism!: SmtpPasswordMechanismType | null;

  @Field(() => Boolean, { description: 'Whether a password is stored; the password itself is never returned.' })
  passwordSet!: boolean;

  @Field(() => ID, { nullable: true, description: 'The OAuth credential used with OAUTH.' })
  oauthCredentialId!: string | null;

  @Field(() => Boolean)
  isDefault!: boolean;

  @Field(() => SmtpVerification, {
    nullable: true,
    description: 'The confirmed test mail through the current connection settings (confirmTestMail); null: not verified, or changed since. Always null for the built-in server.',
  })
  verification!: SmtpVerification | null;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  static builtin(where: { host: string; port: number; encryption: SmtpEncryption } | null, isDefault: boolean): SmtpServer {
    return Object.assign(new SmtpServer(), {
      id: BUILTIN_SERVER_ID,
      name: BUILTIN_SERVER_NAME,
      kind: 'BUILT_IN',
      host: where?.host ?? null,
      port: where?.port ?? null,
      encryption: where?.encryption ?? 'STARTTLS',
      authMethod: null,
      user: null,
      passwordMechanism: null,
      passwordSet: false,
      oauthCredentialId: null,
      isDefault,
      verification: null,
      updatedAt: null,
    });
  }

  static from(row: SmtpServerRow, isDefault: boolean): SmtpServer {
    return Object.assign(new SmtpServer(), {
      id: row.server_id,
      name: row.name,
      kind: 'EXTERNAL',
      host: row.host,
      port: row.port,
      encryption: row.encryption as SmtpEncryption,
      authMethod: row.auth_method as SmtpAuthMethod,
      user: row.auth_method === 'NONE' ? null : row.auth_user,
      passwordMechanism: row.auth_method === 'PASSWORD' ? ((row.password_mechanism ?? 'AUTO') as SmtpPasswordMechanismType) : null,
      passwordSet: row.password_ciphertext !== null,
      oauthCredentialId: row.oauth_credential_id,
      isDefault,
      verification: SmtpVerification.from(row),
      updatedAt: new Date(row.updated_at),
    });
  }
}

@ObjectType({ description: 'A usage condition: mail whose From matches goes through `server`. The first matching rule wins.' })
export class SmtpRoutingRule {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1 is evaluated first.' })
  position!: number;

  @Field(() => FromMatchKind)
  matchKind!: FromMatchKindType;

  @Field(() => String, { description: 'An address (ADDRESS) or a domain (DOMAIN).' })
  matchValue!: string;

  @Field(() => SmtpServer)
  server!: SmtpServer;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: RoutingRuleRow, server: SmtpServer): SmtpRoutingRule {
    return Object.assign(new SmtpRoutingRule(), {
      id: row.rule_id,
      position: row.position + 1,
      matchKind: row.match_kind as FromMatchKindType,
      matchValue: row.match_value,
      server,
      updatedAt: new Date(row.updated_at),
    });
  }
}

@ObjectType({ description: 'Where bounces (non-delivery reports) go: the envelope sender of outgoing mail.' })
export class BounceDestination {
  @Field(() => BounceDestinationKind)
  kind!: keyof typeof BounceDestinationKind;

  @Field(() => String, { nullable: true, description: 'Set with FIXED_ADDRESS.' })
  address!: string | null;

  static from(bounce: NonNullable<OutboundRows['bounce']>): BounceDestination {
    return Object.assign(new BounceDestination(), { kind: bounce.kind, address: bounce.kind === 'FIXED_ADDRESS' ? bounce.address : null });
  }
}

@ObjectType({ description: 'The Rakuten safe-address relay account (楽天あんしんメルアドサービス). The password is write-only.' })
export class RakutenRelay {
  @Field(() => ID, { description: 'Always `rakuten-relay`: use it with sendTestMail.' })
  id!: string;

  @Field(() => String, { description: '店舗連絡先リアルアドレス: only mail from it uses the relay.' })
  realAddress!: string;

  @Field(() => String, {
    description: '店舗連絡先メールアドレス. Left empty in configureRakutenRelay it is the real address (the manual leaves it open; docs/readings.md).',
  })
  contactAddress!: string;

  @Field(() => String)
  host!: string;

  @Field(() => Int)
  port!: number;

  @Field(() => SmtpEncryption)
  encryption!: SmtpEncryption;

  @Field(() => String)
  user!: string;

  @Field(() => Boolean)
  passwordSet!: boolean;

  @Field(() => SmtpVerification, { nullable: true, description: 'The confirmed test mail through the current relay connection; null: not verified, or changed since.' })
  verification!: SmtpVerification | null;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: RakutenRelayRow): RakutenRelay {
    return Object.assign(new RakutenRelay(), {
      id: 'rakuten-relay',
      realAddress: row.real_address,
      contactAddress: row.contact_address ?? row.real_address,
      host: row.host,
      port: row.port,
      encryption: row.encryption as SmtpEncryption,
      user: row.auth_user,
      passwordSet: row.password_ciphertext.length > 0,
      verification: SmtpVerification.from(row),
      updatedAt: new Date(row.updated_at),
    });
  }
}
