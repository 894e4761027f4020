import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import type { MessageChannelKind } from '../../domain/integrations/messageChannels.decider.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import {
  ConfigureLineChannelInput,
  ConfigureRakutenRMesseChannelInput,
  ConfigureYahooShoppingChannelInput,
  MessageChannelRefInput,
  MessageChannels,
  MessageChannelsPayload,
  SetMessageChannelEnabledInput,
} from './messageChannel.types.js';

const loadChannels = async (ctx: GraphQLContext, mailboxNumber: number): Promise<MessageChannels> => {
  ctx.loaders.messageChannelsByMailbox.clear(mailboxNumber);
  return MessageChannels.from(mailboxNumber, await ctx.loaders.messageChannelsByMailbox.load(mailboxNumber));
};

type Fields = { readonly [name: string]: string | null | undefined };

@Resolver(() => MessageChannels)
export class MessageChannelResolver {
  @Query(() => MessageChannels, { description: 'LINE, Yahoo! Shopping and Rakuten R-Messe settings. Managers and auditors of the mailbox.' })
  async messageChannels(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): Promise<MessageChannels> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    return MessageChannels.from(mailboxNumber, await ctx.loaders.messageChannelsByMailbox.load(mailboxNumber));
  }

  @Mutation(() => MessageChannelsPayload, { description: "Administrators and the mailbox's operations administrators." })
  async configureLineChannel(@Arg('input', () => ConfigureLineChannelInput) input: ConfigureLineChannelInput, @Ctx() ctx: GraphQLContext): Promise<MessageChannelsPayload> {
    return this.configure(ctx, input, 'LINE', { channelId: input.channelId }, { channelSecret: input.channelSecret, channelAccessToken: input.channelAccessToken });
  }

  @Mutation(() => MessageChannelsPayload)
  async configureYahooShoppingChannel(
    @Arg('input', () => ConfigureYahooShoppingChannelInput) input: ConfigureYahooShoppingChannelInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MessageChannelsPayload> {
    return this.configure(ctx, input, 'YAHOO_SHOPPING', { sellerId: input.sellerId, applicationId: input.applicationId }, { applicationSecret: input.applicationSecret });
  }

  @Mutation(() => MessageChannelsPayload)
  async configureRakutenRMesseChannel(
    @Arg('input', () => ConfigureRakutenRMesseChannelInput) input: ConfigureRakutenRMesseChannelInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MessageChannelsPayload> {
    return this.configure(ctx, input, 'RAKUTEN_RMESSE', { shopId: input.shopId }, { serviceSecret: input.serviceSecret, licenseKey: input.licenseKey });
  }

  @Mutation(() => MessageChannelsPayload)
  async setMessageChannelEnabled(@Arg('input', () => SetMessageChannelEnabledInput) input: SetMessageChannelEnabledInput, @Ctx() ctx: GraphQLContext): Promise<MessageChannelsPayload> {
    return viewerMutation(ctx, input, MessageChannelsPayload, async (viewer, metadata) => {
      const { reason: _reason, ...ref } = input;
      await ctx.services.integrations.messageChannels.setEnabled(viewer, ref, metadata);
      return { messageChannels: await loadChannels(ctx, input.mailboxNumber) };
    });
  }

  @Mutation(() => MessageChannelsPayload, { description: 'Forgets the settings and secrets of the channel.' })
  async removeMessageChannel(@Arg('input', () => MessageChannelRefInput) input: MessageChannelRefInput, @Ctx() ctx: GraphQLContext): Promise<MessageChannelsPayload> {
    return viewerMutation(ctx, input, MessageChannelsPayload, async (viewer, metadata) => {
      await ctx.services.integrations.messageChannels.remove(viewer, { mailboxNumber: input.mailboxNumber, channel: input.channel }, metadata);
      return { messageChannels: await loadChannels(ctx, input.mailboxNumber) };
    });
  }

  private async configure(
    ctx: GraphQLContext,
    input: { mailboxNumber: number; enabled?: boolean | null; reason?: string | null },
    channel: MessageChannelKind,
    settings: Fields,
    secrets: Fields,
  ): Promise<MessageChannelsPayload> {
    return viewerMutation(ctx, input, MessageChannelsPayload, async (viewer, metadata) => {
      await ctx.services.integrations.messageChannels.configure(
        viewer,
        { mailboxNumber: input.mailboxNumber, channel, settings, secrets, enabled: input.enabled ?? null },
        metadata,
      );
      return { messageChannels: await loadChannels(ctx, input.mailboxNumber) };
    });
  }
}
