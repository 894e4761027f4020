import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireMailboxAudit } from '../../app/auth/authorization.js';
import { upcastChatEventKinds } from '../../domain/integrations/chatDestinations.decider.js';
import { notFound } from '../../domain/shared/errors.js';
import { viewerOf, type GraphQLContext } from '../context.js';
import { viewerMutation } from '../viewerMutation.js';
import {
  AddChatDestinationInput,
  ChangeChatDestinationInput,
  ChatDestination,
  ChatDestinationPayload,
  ChatDestinationRefInput,
  RemoveChatDestinationPayload,
} from './chatDestination.types.js';

const loadDestination = async (ctx: GraphQLContext, mailboxNumber: number, destinationId: string): Promise<ChatDestination> => {
  ctx.loaders.chatDestinationsByMailbox.clear(mailboxNumber);
  const row = (await ctx.loaders.chatDestinationsByMailbox.load(mailboxNumber)).find((r) => r.destination_id === destinationId);
  if (!row) throw notFound('Chat destination', destinationId, ['destinationId']);
  return ChatDestination.from(row);
};

@Resolver(() => ChatDestination)
export class ChatDestinationResolver {
  @Query(() => [ChatDestination], { description: "The mailbox's Slack, Chatwork and Teams destinations. Managers and auditors of the mailbox." })
  async chatDestinations(@Arg('mailboxNumber', () => Int) mailboxNumber: number, @Ctx() ctx: GraphQLContext): Promise<ChatDestination[]> {
    requireMailboxAudit(viewerOf(ctx), mailboxNumber);
    return (await ctx.loaders.chatDestinationsByMailbox.load(mailboxNumber)).map(ChatDestination.from);
  }

  @Mutation(() => ChatDestinationPayload, { description: "Administrators and the mailbox's operations administrators." })
  async addChatDestination(@Arg('input', () => AddChatDestinationInput) input: AddChatDestinationInput, @Ctx() ctx: GraphQLContext): Promise<ChatDestinationPayload> {
    return viewerMutation(ctx, input, ChatDestinationPayload, async (viewer, metadata) => {
      const { destinationId } = await ctx.services.integrations.chatDestinations.add(
        viewer,
        {
          mailboxNumber: input.mailboxNumber,
          kind: input.kind,
          name: input.name,
          roomId: input.roomId ?? null,
          eventKinds: upcastChatEventKinds(input.eventKinds),
          enabled: input.enabled,
          credential: (input.kind === 'CHATWORK' ? input.apiToken : input.webhookUrl) ?? '',
        },
        metadata,
      );
      return { chatDestination: await loadDestination(ctx, input.mailboxNumber, destinationId) };
    });
  }

  @Mutation(() => ChatDestinationPayload)
  async changeChatDestination(@Arg('input', () => ChangeChatDestinationInput) input: ChangeChatDestinationInput, @Ctx() ctx: GraphQLContext): Promise<ChatDestinationPayload> {
    return viewerMutation(ctx, input, ChatDestinationPayload, async (viewer, metadata) => {
      await ctx.services.integrations.chatDestinations.change(
        viewer,
        {
          mailboxNumber: input.mailboxNumber,
          destinationId: input.destinationId,
          ...(input.name != null ? { name: input.name } : {}),
          ...(input.roomId !== undefined ? { roomId: input.roomId } : {}),
          ...(input.eventKinds != null ? { eventKinds: upcastChatEventKinds(input.eventKinds) } : {}),
          ...(input.enabled != null ? { enabled: input.enabled } : {}),
          credential: input.webhookUrl ?? input.apiToken ?? null,
        },
        metadata,
      );
      return { chatDestination: await loadDestination(ctx, input.mailboxNumber, input.destinationId) };
    });
  }

  @Mutation(() => RemoveChatDestinationPayload)
  async removeChatDestination(@Arg('input', () => ChatDestinationRefInput) input: ChatDestinationRefInput, @Ctx() ctx: GraphQLContext): Promise<RemoveChatDestinationPayload> {
    return viewerMutation(ctx, input, RemoveChatDestinationPayload, async (viewer, metadata) => {
      await ctx.services.integrations.chatDestinations.remove(viewer, { mailboxNumber: input.mailboxNumber, destinationId: input.destinationId }, metadata);
      return { removedChatDestinationId: input.destinationId };
    });
  }
}
