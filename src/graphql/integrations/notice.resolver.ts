import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type GraphQLContext } from '../context.js';
import { noticeKey } from '../../mail/notices/noticeQuery.js';
import { pageRequest, toConnection, type Connection } from '../relay.js';
import { viewerMutation } from '../viewerMutation.js';
import { NoticeDelivery, NoticeDeliveryConnection, NoticesArgs, ProviderAnswer, SendTestNotificationInput, SendTestNotificationPayload } from './notice.types.js';

@Resolver(() => NoticeDelivery)
export class NoticeResolver {
  @Query(() => NoticeDeliveryConnection, {
    description: "The mailbox's notice deliveries (e-mail and chat), newest first. Administrators and the mailbox's operations administrators.",
  })
  async notices(@Args(() => NoticesArgs) args: NoticesArgs, @Ctx() ctx: GraphQLContext): Promise<Connection<NoticeDelivery>> {
    const page = pageRequest(args);
    const rows = await ctx.services.integrations.chatNotifications.notices(viewerOf(ctx), {
      mailboxNumber: args.mailboxNumber,
      status: args.status ? (args.status.toLowerCase() as 'pending' | 'sent' | 'failed') : null,
      limit: page.limit,
      after: page.after,
    });
    return toConnection(rows, page, noticeKey, NoticeDelivery.from);
  }

  @Mutation(() => SendTestNotificationPayload, {
    description: 'Posts a test message to a chat destination now (not via the outbox) and returns what the provider answered. Administrators and operations administrators.',
  })
  async sendTestNotification(@Arg('input', () => SendTestNotificationInput) input: SendTestNotificationInput, @Ctx() ctx: GraphQLContext): Promise<SendTestNotificationPayload> {
    return viewerMutation(ctx, null, SendTestNotificationPayload, async (viewer) => {
      const answer = await ctx.services.integrations.chatNotifications.sendTest(viewer, input.mailboxNumber, input.destinationId);
      return { answer: Object.assign(new ProviderAnswer(), { ok: answer.status >= 200 && answer.status < 300, status: answer.status, body: answer.bodyExcerpt }) };
    });
  }
}
