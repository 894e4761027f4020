import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DEFAULT_SERVER_KINDS, type MailKind as MailKindType } from '../../domain/outbound/outboundRoute.js';
import { outboundSettingsWarnings, type OutboundWarning as DomainWarning, type OutboundWarningCode as OutboundWarningCodeType } from '../../domain/outbound/outboundWarnings.js';
import { BUILTIN_SERVER_ID } from '../../domain/outbound/smtpSettings.events.js';
import type { ServiceDkimIdentity } from '../../domain/outbound/outboundRoute.js';
import { snapshotOf, type OutboundRows } from '../../app/outbound/outboundReadModel.js';
import { DkimCondition, DkimSignature } from './dkim.types.js';
import { MailKind, OutboundSettingsArea, OutboundWarningCode } from './outbound.enums.js';
import { BounceDestination, RakutenRelay, SmtpRoutingRule, SmtpServer } from './smtp.types.js';

@ObjectType({ description: 'Non-blocking advice about the settings as they stand.' })
export class OutboundWarning {
  @Field(() => OutboundWarningCode)
  code!: OutboundWarningCodeType;

  @Field(() => OutboundSettingsArea)
  area!: keyof typeof OutboundSettingsArea;

  @Field(() => String)
  message!: string;

  @Field(() => ID, { nullable: true, description: 'The server, rule or signature it is about.' })
  subjectId!: string | null;

  static from(w: DomainWarning): OutboundWarning {
    return Object.assign(new OutboundWarning(), w);
  }
}

@ObjectType({ description: 'A mailbox\'s outbound mail settings: SMTP servers and routing, Rakuten relay, DKIM signing. No secret is ever part of it.' })
export class OutboundSettings {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => [SmtpServer], { description: 'The built-in server first, then external servers in the order they were added.' })
  smtpServers!: SmtpServer[];

  @Field(() => [SmtpRoutingRule], { description: 'Usage conditions in evaluation order.' })
  routingRules!: SmtpRoutingRule[];

  @Field(() => SmtpServer, { description: 'Used when no rule matches, and always for the kinds in `defaultServerKinds`.' })
  defaultServer!: SmtpServer;

  @Field(() => [MailKind])
  defaultServerKinds!: MailKindType[];

  @Field(() => BounceDestination, { nullable: true, description: 'Null: never set; bounces go to the From of each mail.' })
  bounceDestination!: BounceDestination | null;

  @Field(() => RakutenRelay, { nullable: true, description: 'Null: not set; mail to Rakuten masked addresses is refused.' })
  rakutenRelay!: RakutenRelay | null;

  @Field(() => [DkimSignature])
  dkimSignatures!: DkimSignature[];

  @Field(() => [DkimCondition])
  dkimConditions!: DkimCondition[];

  @Field(() => DkimSignature, { nullable: true, description: 'Signs mail whose From has no condition; null: such mail goes unsigned.' })
  defaultDkimSignature!: DkimSignature | null;

  @Field(() => [OutboundWarning])
  warnings!: OutboundWarning[];

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;

  static from(rows: OutboundRows, builtin: Parameters<typeof SmtpServer.builtin>[0], service: ServiceDkimIdentity | null): OutboundSettings {
    const servers = [SmtpServer.builtin(builtin, rows.defaultServerId === BUILTIN_SERVER_ID), ...rows.servers.map((s) => SmtpServer.from(s, s.server_id === rows.defaultServerId))];
    const serverById = new Map(servers.map((s) => [s.id, s]));
    const signatures = rows.signatures.map((s) => DkimSignature.from(s, s.signature_id === rows.defaultSignatureId, service));
    const signatureById = new Map(signatures.map((s) => [s.id, s]));
    return Object.assign(new OutboundSettings(), {
      mailboxNumber: rows.mailboxNumber,
      smtpServers: servers,
      routingRules: rows.rules.map((r) => SmtpRoutingRule.from(r, serverById.get(r.server_id) ?? servers[0]!)),
      defaultServer: serverById.get(rows.defaultServerId) ?? servers[0]!,
      defaultServerKinds: [...DEFAULT_SERVER_KINDS],
      bounceDestination: rows.bounce ? BounceDestination.from(rows.bounce) : null,
      rakutenRelay: rows.rakuten ? RakutenRelay.from(rows.rakuten) : null,
      dkimSignatures: signatures,
      dkimConditions: rows.conditions.flatMap((c) => {
        const signature = signatureById.get(c.signature_id);
        return signature ? [DkimCondition.from(c, signature)] : [];
      }),
      defaultDkimSignature: rows.defaultSignatureId ? (signatureById.get(rows.defaultSignatureId) ?? null) : null,
      warnings: outboundSettingsWarnings(snapshotOf(rows, service).routing).map(OutboundWarning.from),
      updatedAt: rows.updatedAt ? new Date(rows.updatedAt) : null,
    });
  }
}
