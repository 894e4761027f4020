import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import {
  AddSmtpRoutingRuleInput,
  ChangeSmtpBasicSettingsInput,
  ChangeSmtpRoutingRuleInput,
  ConfigureRakutenRelayInput,
  MailboxOutboundInput,
  ReorderSmtpRoutingRulesInput,
  SmtpRoutingRuleRefInput,
} from './outbound.inputs.js';
import { OutboundSettingsPayload, SmtpRoutingRulePayload } from './outbound.payloads.js';
import { outboundPayloadParts } from './outboundSettings.resolver.js';

/** Usage conditions, basic settings and the Rakuten relay account. Operations administrators (and administrators). */
@Resolver()
export class SmtpRoutingResolver {
  @Mutation(() => SmtpRoutingRulePayload, { description: 'New rules go last; reorder to move them.' })
  async addSmtpRoutingRule(@Arg('input', () => AddSmtpRoutingRuleInput) input: AddSmtpRoutingRuleInput, @Ctx() ctx: GraphQLContext): Promise<SmtpRoutingRulePayload> {
    return viewerMutation(ctx, input, SmtpRoutingRulePayload, async (viewer, metadata) => {
      const { ruleId } = await ctx.services.outbound.smtp.addRule(
        viewer,
        { mailboxNumber: input.mailboxNumber, match: { kind: input.matchKind, value: input.matchValue }, serverId: input.serverId },
        metadata,
      );
      const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
      return { ...parts, rule: parts.settings.routingRules.find((r) => r.id === ruleId) ?? null };
    });
  }

  @Mutation(() => SmtpRoutingRulePayload)
  async changeSmtpRoutingRule(@Arg('input', () => ChangeSmtpRoutingRuleInput) input: ChangeSmtpRoutingRuleInput, @Ctx() ctx: GraphQLContext): Promise<SmtpRoutingRulePayload> {
    return viewerMutation(ctx, input, SmtpRoutingRulePayload, async (viewer, metadata) => {
      await ctx.services.outbound.smtp.changeRule(
        viewer,
        { mailboxNumber: input.mailboxNumber, ruleId: input.ruleId, match: { kind: input.matchKind, value: input.matchValue }, serverId: input.serverId },
        metadata,
      );
      const parts = await outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
      return { ...parts, rule: parts.settings.routingRules.find((r) => r.id === input.ruleId) ?? null };
    });
  }

  @Mutation(() => SmtpRoutingRulePayload)
  async removeSmtpRoutingRule(@Arg('input', () => SmtpRoutingRuleRefInput) input: SmtpRoutingRuleRefInput, @Ctx() ctx: GraphQLContext): Promise<SmtpRoutingRulePayload> {
    return viewerMutation(ctx, input, SmtpRoutingRulePayload, async (viewer, metadata) => {
      await ctx.services.outbound.smtp.removeRule(viewer, { mailboxNumber: input.mailboxNumber, ruleId: input.ruleId }, metadata);
      return outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
    });
  }

  @Mutation(() => SmtpRoutingRulePayload, { description: 'Give every rule id once, in the new order.' })
  async reorderSmtpRoutingRules(@Arg('input', () => ReorderSmtpRoutingRulesInput) input: ReorderSmtpRoutingRulesInput, @Ctx() ctx: GraphQLContext): Promise<SmtpRoutingRulePayload> {
    return viewerMutation(ctx, input, SmtpRoutingRulePayload, async (viewer, metadata) => {
      await ctx.services.outbound.smtp.reorderRules(viewer, { mailboxNumber: input.mailboxNumber, ruleIds: input.ruleIds }, metadata);
      return outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
    });
  }

  @Mutation(() => OutboundSettingsPayload, { description: 'Default server and/or bounce destination; warnings say what the choice costs.' })
  async changeSmtpBasicSettings(@Arg('input', () => ChangeSmtpBasicSettingsInput) input: ChangeSmtpBasicSettingsInput, @Ctx() ctx: GraphQLContext): Promise<OutboundSettingsPayload> {
    return viewerMutation(ctx, input, OutboundSettingsPayload, async (viewer, metadata) => {
      const bounce = input.bounceDestination;
      await ctx.services.outbound.smtp.changeBasicSettings(
        viewer,
        {
          mailboxNumber: input.mailboxNumber,
          defaultServerId: input.defaultServerId ?? null,
          bounceDestination: bounce ? ({ kind: bounce.kind, address: bounce.address ?? undefined } as never) : null,
        },
        metadata,
      );
      return outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
    });
  }

  @Mutation(() => OutboundSettingsPayload, { description: 'Creates or replaces the Rakuten relay account; omit `password` to keep the stored one.' })
  async configureRakutenRelay(@Arg('input', () => ConfigureRakutenRelayInput) input: ConfigureRakutenRelayInput, @Ctx() ctx: GraphQLContext): Promise<OutboundSettingsPayload> {
    return viewerMutation(ctx, input, OutboundSettingsPayload, async (viewer, metadata) => {
      const { reason: _reason, ...fields } = input;
      await ctx.services.outbound.smtp.configureRakutenRelay(viewer, fields, metadata);
      return outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
    });
  }

  @Mutation(() => OutboundSettingsPayload, { description: 'After this, mail to Rakuten masked addresses is refused.' })
  async removeRakutenRelay(@Arg('input', () => MailboxOutboundInput) input: MailboxOutboundInput, @Ctx() ctx: GraphQLContext): Promise<OutboundSettingsPayload> {
    return viewerMutation(ctx, input, OutboundSettingsPayload, async (viewer, metadata) => {
      await ctx.services.outbound.smtp.removeRakutenRelay(viewer, { mailboxNumber: input.mailboxNumber }, metadata);
      return outboundPayloadParts(ctx, input.mailboxNumber, 'SMTP');
    });
  }
}
