import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { decideOutboundRoute, type MailKind as MailKindType } from '../../domain/outbound/outboundRoute.js';
import { notFound } from '../../domain/shared/errors.js';
import { dkimSettingsDecider } from '../../domain/outbound/dkimSettings.decider.js';
import { dkimSettingsStreamId } from '../../domain/outbound/dkimSettings.events.js';
import { outboundSettingsWarnings } from '../../domain/outbound/outboundWarnings.js';
import { routingConfigOf } from '../../domain/outbound/routingConfigOf.js';
import { smtpSettingsDecider } from '../../domain/outbound/smtpSettings.decider.js';
import { smtpSettingsStreamId } from '../../domain/outbound/smtpSettings.events.js';
import { activeDryRun } from '../../eventstore/dryRun.js';
import { loadDecidedState } from '../../eventstore/decidedState.js';
import { snapshotOf } from '../../app/outbound/outboundReadModel.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { DkimDnsCheck, ThirdPartyDkimKey } from './dkim.types.js';
import { MailKind } from './outbound.enums.js';
import { OutboundRoute } from './outboundRoute.types.js';
import { OutboundSettings, OutboundWarning } from './outboundSettings.types.js';

/** The mailbox's outbound settings from the read models; `fresh` after a mutation of this request. */
export const loadOutboundSettings = async (ctx: GraphQLContext, mailboxNumber: number, fresh = false): Promise<OutboundSettings> => {
  if (fresh) ctx.loaders.outboundRowsByMailbox.clear(mailboxNumber);
  return OutboundSettings.from(await ctx.loaders.outboundRowsByMailbox.load(mailboxNumber), ctx.services.outbound.builtinServer, ctx.services.outbound.serviceDkim);
};

/**
 * A mutation's answer: the settings as they now are, and the warnings of the area it
 * changed. In a dry run the read models are unchanged, so the warnings come from the
 * settings as the plan leaves them (the decided states, the same config routing reads).
 */
export const outboundPayloadParts = async (ctx: GraphQLContext, mailboxNumber: number, area: 'SMTP' | 'DKIM') => {
  const settings = await loadOutboundSettings(ctx, mailboxNumber, true);
  if (activeDryRun()) {
    const smtp = await loadDecidedState(ctx.services.store, smtpSettingsDecider, smtpSettingsStreamId(mailboxNumber));
    const dkim = await loadDecidedState(ctx.services.store, dkimSettingsDecider, dkimSettingsStreamId(mailboxNumber));
    const warnings = outboundSettingsWarnings(routingConfigOf(smtp.state, dkim.state)).filter((w) => w.area === area).map(OutboundWarning.from);
    return { settings, warnings };
  }
  const warnings: OutboundWarning[] = settings.warnings.filter((w) => w.area === area);
  return { settings, warnings };
};

const requireMailboxRow = async (ctx: GraphQLContext, mailboxNumber: number): Promise<void> => {
  if (!(await ctx.loaders.mailboxByNumber.load(mailboxNumber))) throw notFound('Mailbox', String(mailboxNumber), ['mailboxNumber']);
};

@Resolver()
export class OutboundSettingsResolver {
  @Query(() => OutboundSettings, { description: 'SMTP servers and routing, Rakuten relay and DKIM of a mailbox. Operations administrators and auditors.' })
  async outboundSettings(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): Promise<OutboundSettings> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    await requireMailboxRow(ctx, mailboxNumber);
    return loadOutboundSettings(ctx, mailboxNumber);
  }

  @Query(() => ThirdPartyDkimKey, {
    nullable: true,
    description:
      "The deployment's key for third-party DKIM signatures and the TXT record to publish at its domain (whoever runs the service does, once). Null: not configured (MAILROOM_DKIM_THIRD_PARTY_DOMAIN). Any signed-in user: the record is public.",
  })
  thirdPartyDkimKey(@Ctx() ctx: GraphQLContext): ThirdPartyDkimKey | null {
    viewerOf(ctx);
    const key = ctx.services.outbound.serviceDkim;
    return key ? ThirdPartyDkimKey.from(key) : null;
  }

  @Query(() => OutboundRoute, {
    description: 'Which server and which DKIM key a mail would use, or why it would be refused, naming the rule that decided. Nothing is sent.',
  })
  async outboundRoute(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('from', () => String) from: string,
    @Arg('to', () => [String], { defaultValue: [] }) to: string[],
    @Arg('cc', () => [String], { defaultValue: [] }) cc: string[],
    @Arg('bcc', () => [String], { defaultValue: [] }) bcc: string[],
    @Arg('kind', () => MailKind, { defaultValue: 'USER_MAIL' }) kind: MailKindType,
    @Arg('testServerId', () => ID, { nullable: true, description: 'With kind TEST_MAIL: the server under test.' }) testServerId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OutboundRoute> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    await requireMailboxRow(ctx, mailboxNumber);
    const { routing } = snapshotOf(await ctx.loaders.outboundRowsByMailbox.load(mailboxNumber), ctx.services.outbound.serviceDkim);
    return OutboundRoute.from(decideOutboundRoute(routing, { from, to, cc, bcc, kind, pinnedServerId: testServerId }));
  }

  @Query(() => DkimDnsCheck, { description: 'Looks up `<selector>._domainkey.<domain>` and says whether this signature\'s key is published.' })
  async dkimDnsCheck(
    @Arg('mailboxNumber', () => Int) mailboxNumber: number,
    @Arg('signatureId', () => ID) signatureId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DkimDnsCheck> {
    return DkimDnsCheck.from(await ctx.services.outbound.dkim.checkDns(viewerOf(ctx), { mailboxNumber, signatureId }));
  }
}
