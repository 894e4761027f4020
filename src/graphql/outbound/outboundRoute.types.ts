import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { OutboundRouteDecision } from '../../domain/outbound/outboundRoute.js';
import type { TestMailOutcome } from '../../app/outbound/testMailService.js';
import { DkimAlgorithm, DkimRouteStep, RouteOutcome, RouteRefusalCode, RouteWarningCode, ServerRouteStep, SmtpErrorCode, SmtpServerKind, TestMailStatus } from './outbound.enums.js';

@ObjectType()
export class RouteServer {
  @Field(() => ID, { description: 'An external server id, `builtin` or `rakuten-relay`.' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => SmtpServerKind)
  kind!: keyof typeof SmtpServerKind;
}

@ObjectType({ description: 'The rule that decided, in words and by id.' })
export class RouteReason {
  @Field(() => String, { description: 'A ServerRouteStep or DkimRouteStep value.' })
  step!: string;

  @Field(() => ID, { nullable: true, description: 'The routing rule or DKIM usage condition that matched.' })
  ruleId!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType()
export class RouteDkimKey {
  @Field(() => ID)
  signatureId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'd=' })
  domain!: string;

  @Field(() => String, { description: 's=' })
  selector!: string;

  @Field(() => DkimAlgorithm)
  algorithm!: string;
}

@ObjectType()
export class RouteRefusal {
  @Field(() => RouteRefusalCode)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => [String], { description: 'The recipients that caused it.' })
  addresses!: string[];
}

@ObjectType()
export class RouteWarning {
  @Field(() => RouteWarningCode)
  code!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'Which server and which DKIM key a mail would use, or why it is refused, and which rule decided.' })
export class OutboundRoute {
  @Field(() => RouteOutcome)
  outcome!: keyof typeof RouteOutcome;

  @Field(() => RouteServer, { nullable: true })
  server!: RouteServer | null;

  @Field(() => ServerRouteStep, { nullable: true })
  serverStep!: string | null;

  @Field(() => RouteReason, { nullable: true })
  serverReason!: RouteReason | null;

  @Field(() => RouteDkimKey, { nullable: true, description: 'Null: the mail goes unsigned (see dkimReason).' })
  dkim!: RouteDkimKey | null;

  @Field(() => DkimRouteStep, { nullable: true })
  dkimStep!: string | null;

  @Field(() => RouteReason, { nullable: true })
  dkimReason!: RouteReason | null;

  @Field(() => String, { nullable: true, description: 'MAIL FROM: where bounces go.' })
  envelopeFrom!: string | null;

  @Field(() => [String], { description: 'RCPT TO: To, Cc and Bcc without duplicates.' })
  recipients!: string[];

  @Field(() => RouteRefusal, { nullable: true })
  refusal!: RouteRefusal | null;

  @Field(() => [RouteWarning])
  warnings!: RouteWarning[];

  static from(d: OutboundRouteDecision): OutboundRoute {
    const route = new OutboundRoute();
    if (d.outcome === 'REFUSED') {
      return Object.assign(route, {
        outcome: 'REFUSED',
        server: null,
        serverStep: null,
        serverReason: null,
        dkim: null,
        dkimStep: null,
        dkimReason: null,
        envelopeFrom: null,
        recipients: [],
        refusal: Object.assign(new RouteRefusal(), { ...d.refusal, addresses: [...d.refusal.addresses] }),
        warnings: [],
      });
    }
    return Object.assign(route, {
      outcome: 'SEND',
      server: Object.assign(new RouteServer(), d.server),
      serverStep: d.serverReason.step,
      serverReason: Object.assign(new RouteReason(), d.serverReason),
      dkim: d.dkim ? Object.assign(new RouteDkimKey(), d.dkim) : null,
      dkimStep: d.dkimReason.step,
      dkimReason: Object.assign(new RouteReason(), d.dkimReason),
      envelopeFrom: d.envelopeFrom,
      recipients: [...d.recipients],
      refusal: null,
      warnings: d.warnings.map((w) => Object.assign(new RouteWarning(), w)),
    });
  }
}

@ObjectType()
export class RejectedRecipient {
  @Field(() => String)
  address!: string;

  @Field(() => String, { nullable: true })
  response!: string | null;

  @Field(() => Int, { nullable: true })
  responseCode!: number | null;
}

@ObjectType({ description: 'A classified sending failure: the server reply and the command that failed, never a stack trace.' })
export class SmtpFailure {
  @Field(() => SmtpErrorCode)
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true, description: 'The server reply, e.g. "535 5.7.8 Authentication failed".' })
  response!: string | null;

  @Field(() => Int, { nullable: true })
  responseCode!: number | null;

  @Field(() => String, { nullable: true, description: 'CONN, EHLO, STARTTLS, AUTH PLAIN, MAIL FROM, RCPT TO, DATA…' })
  command!: string | null;
}

@ObjectType({ description: 'What the SMTP conversation of a test mail came to.' })
export class TestMailResult {
  @Field(() => TestMailStatus)
  status!: keyof typeof TestMailStatus;

  @Field(() => String)
  from!: string;

  @Field(() => OutboundRoute, { nullable: true })
  route!: OutboundRoute | null;

  @Field(() => [String])
  accepted!: string[];

  @Field(() => [RejectedRecipient])
  rejected!: RejectedRecipient[];

  @Field(() => String, { nullable: true, description: 'The server\'s final reply line.' })
  response!: string | null;

  @Field(() => String, { nullable: true })
  messageId!: string | null;

  @Field(() => RouteRefusal, { nullable: true })
  refusal!: RouteRefusal | null;

  @Field(() => SmtpFailure, { nullable: true })
  error!: SmtpFailure | null;

  @Field(() => [RouteWarning])
  warnings!: RouteWarning[];

  @Field(() => String, {
    nullable: true,
    description:
      'Proof that the tested server accepted this test mail, for the confirmation step: confirmTestMail (saved server), or addSmtpServer / configureRakutenRelay `testMailReceipt` (unsaved settings). ' +
      'Opaque, valid 24 hours, holds no secret. Null unless SENT through the server under test; never for the built-in server.',
  })
  receipt!: string | null;

  static from(o: TestMailOutcome): TestMailResult {
    return Object.assign(new TestMailResult(), {
      status: o.status,
      from: o.from,
      route: o.route ? OutboundRoute.from(o.route) : null,
      accepted: [...o.accepted],
      rejected: o.rejected.map((r) => Object.assign(new RejectedRecipient(), r)),
      response: o.response,
      messageId: o.messageId,
      refusal: o.refusal ? Object.assign(new RouteRefusal(), { ...o.refusal, addresses: [] }) : null,
      error: o.error ? Object.assign(new SmtpFailure(), o.error) : null,
      warnings: o.warnings.map((w) => Object.assign(new RouteWarning(), w)),
      receipt: o.receipt,
    });
  }
}
